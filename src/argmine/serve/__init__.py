"""``argmine serve``: Datasette on an argmine database, read-only and local by default."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from argmine.serve.metadata import metadata


def datasette(db_path: Path, immutable: bool = True):
    """A configured Datasette instance (also what the tests drive through its ASGI client)."""
    from datasette.app import Datasette

    files = [] if immutable else [str(db_path)]
    immutables = [str(db_path)] if immutable else []
    return Datasette(files=files, immutables=immutables, metadata=metadata(db_path.stem))


def write_metadata(db_path: Path, output: Path) -> Path:
    output.write_text(json.dumps(metadata(db_path.stem), indent=2, ensure_ascii=False), "utf-8")
    return output


def serve(db_path: Path, host: str = "127.0.0.1", port: int = 8001, immutable: bool = True) -> None:
    """Run Datasette until interrupted."""
    import uvicorn

    ds = datasette(db_path, immutable)
    asyncio.run(ds.invoke_startup())
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
