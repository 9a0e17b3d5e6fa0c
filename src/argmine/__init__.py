"""argmine: mine arguments from German discussion threads.

The small public API lives here; everything else is reachable through the
stage packages (``sources``, ``nlp``, ``store``, ``report``).
"""

__version__ = "0.1.0"

from argmine.errors import ArgmineError, SourceError  # noqa: E402
from argmine.records import Document, Link, Unit  # noqa: E402

__all__ = ["ArgmineError", "Document", "Link", "SourceError", "Unit", "__version__",
           "analyze_text", "build_report"]

# (ingesting is ``argmine.ingest.ingest``: a name here would clash with the module)
_LAZY = {"analyze_text": "argmine.analyze", "build_report": "argmine.report"}


def __getattr__(name: str):
    """The heavier API (spaCy, scikit-learn) loads on first use, not on ``import argmine``."""
    if name in _LAZY:
        import importlib
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'argmine' has no attribute {name!r}")
