"""Defaults and limits, in one place.

Everything here can be overridden per call (library) or by a CLI option;
nothing reads global state at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from argmine import __version__
from argmine.errors import ArgmineError

DEFAULT_DB = Path("argmine.db")
DEFAULT_TARGET = "Social Media ist für B2B nützlich"
DEFAULT_THREAD = "default"
#: Stance models: ``encoder``, the learned model on sentence embeddings (the default: the
#: best on blind real text); ``ngrams``, the same stages learned on n-grams (no encoder:
#: nearly as good on blind real text and far faster, a little slower than the rules in
#: bulk runs); ``fast``, the structural rules (the bulk setting); ``rules``, the same rules.
ENCODER, NGRAMS, FAST, RULES = "encoder", "ngrams", "fast", "rules"
STANCE_MODELS = (ENCODER, NGRAMS, FAST, RULES)


def default_stance_model() -> str:
    """``$ARGMINE_STANCE_MODEL`` when set, else ``encoder``."""
    name = os.environ.get("ARGMINE_STANCE_MODEL") or ENCODER
    if name not in STANCE_MODELS:
        raise ArgmineError(f"ARGMINE_STANCE_MODEL={name!r}: not a stance model "
                           f"(choose one of {', '.join(STANCE_MODELS)})")
    return name
USER_AGENT = (
    f"argmine/{__version__} (research tool for argument mining; "
    "respects robots.txt)"
)


def default_cache_dir() -> Path:
    """Where fetched pages are cached: $ARGMINE_CACHE_DIR, else XDG cache."""
    env = os.environ.get("ARGMINE_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "argmine"


@dataclass(frozen=True)
class Limits:
    """Caps that keep hostile or accidental input from exhausting the machine."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_response_bytes: int = 20 * 1024 * 1024
    max_comments_per_page: int = 5000
    timeout_seconds: float = 20.0
    retries: int = 3
    backoff_seconds: float = 0.5
    max_redirects: int = 5


@dataclass(frozen=True)
class FetchSettings:
    """How URLs are fetched: limits, politeness and the on-disk cache."""

    limits: Limits = field(default_factory=Limits)
    user_agent: str = USER_AGENT
    cache_dir: Path | None = field(default_factory=default_cache_dir)
    cache_ttl_seconds: float = 24 * 3600
    respect_robots: bool = True
