"""argmine: mine arguments from German discussion threads.

The small public API lives here; everything else is reachable through the
stage packages (``sources``, ``nlp``, ``store``, ``report``).
"""

__version__ = "0.1.0"

from argmine.errors import ArgmineError, SourceError  # noqa: E402
from argmine.records import Document, Link, Unit  # noqa: E402

__all__ = ["ArgmineError", "Document", "Link", "SourceError", "Unit", "__version__"]
