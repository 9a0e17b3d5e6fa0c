"""Exception types that cross stage boundaries.

Every error carries the source it is about, so that the CLI can print one
line per failure and carry on with the rest of a batch.
"""

from __future__ import annotations


class ArgmineError(Exception):
    """Base class for errors argmine reports to the user as one line."""


class SourceError(ArgmineError):
    """A source (file, URL, manifest entry) could not be read into documents."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class PipelineError(ArgmineError):
    """The requested spaCy pipeline cannot be loaded."""
