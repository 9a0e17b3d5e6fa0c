"""Readers: files, directories, manifests and URLs in; Documents out.

``SourceReader.batches`` is the one entry point the ingest stage uses.  It
expands directories, reads each source whole and yields a ``Batch`` per
source: its documents, or the ``SourceError`` that source gave, so that one
bad file never stops the rest of a batch.  Readers never touch the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from argmine.config import FetchSettings, Limits
from argmine.errors import ArgmineError, SourceError
from argmine.records import Document
from argmine.sources import feeds, html, jsonl, text, wxr
from argmine.sources.fetch import Fetcher, is_url, page_address
from argmine.sources.fields import rebase_keys
from argmine.sources.manifest import Batch, load_manifest, read_manifest
from argmine.sources.references import add_reference_links
from argmine.sources.xmlsafe import parse_xml

MANIFEST_SUFFIXES = (".toml",)
XML_SUFFIXES = (".xml",)
KNOWN_SUFFIXES = (
    text.SUFFIXES + html.SUFFIXES + feeds.SUFFIXES + jsonl.SUFFIXES + XML_SUFFIXES
    + MANIFEST_SUFFIXES
)

__all__ = ["Batch", "SourceReader", "KNOWN_SUFFIXES"]


def feed_cutoff(since: str | None) -> str | None:
    """``since`` as the YYYY-MM-DD string feed dates are compared with.

    Dates are compared as ISO strings, so a German "17.03.2021" or a typo would have
    skipped everything or nothing without a word: anything but an ISO date is refused.
    """
    if since is None:
        return None
    try:
        return date.fromisoformat(since.strip()).isoformat()
    except ValueError:
        raise ArgmineError(f"--since {since!r}: not a date; write it as YYYY-MM-DD") from None


def file_key(spec: str) -> str:
    """What a local file's documents are keyed by when it gives them no URL or id: its
    absolute path, however it was typed."""
    return str(Path(spec).resolve())


class SourceReader:
    """Reads sources into Documents under one set of limits and one HTTP client."""

    def __init__(
        self,
        limits: Limits | None = None,
        fetch_settings: FetchSettings | None = None,
        since: str | None = None,
        fetcher: Fetcher | None = None,
    ) -> None:
        self.limits = limits or (fetch_settings.limits if fetch_settings else Limits())
        self.since = feed_cutoff(since)
        self._fetch_settings = fetch_settings or FetchSettings(limits=self.limits)
        self._fetcher = fetcher
        self._warnings: list[str] = []  # what reading the current source left out

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self._fetch_settings)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    def batches(self, specs: Iterable[str | Path]) -> Iterator[Batch]:
        """Yield a Batch per source; directories are walked, manifests expanded.  What
        reading a source left out is in its batch's ``warnings`` (a manifest's, in its
        first batch)."""
        for spec, is_manifest in self._sources(specs):
            self._warnings = []  # none left over from a read() called outside batches()
            for batch in self._manifest(Path(spec)) if is_manifest else [self._batch(spec)]:
                warnings, self._warnings = tuple(self._warnings), []
                yield replace(batch, warnings=warnings) if warnings else batch

    def count(self, specs: Iterable[str | Path]) -> int:
        """How many batches ``batches(specs)`` will yield, without reading any source.

        Manifests are parsed (they are small); a progress bar's total and ETA use it.
        """
        return sum(_manifest_size(Path(spec)) if is_manifest else 1
                   for spec, is_manifest in self._sources(specs))

    def _sources(self, specs: Iterable[str | Path]) -> Iterator[tuple[str, bool]]:
        """(spec, is it a manifest) for every source, directories walked.  One source given
        as a plain string or path is one source, not a sequence of one-letter ones."""
        for spec in map(str, [specs] if isinstance(specs, (str, Path)) else specs):
            if not is_url(spec) and _is_dir(spec):
                yield from self._sources(self._walk(Path(spec)))
            else:
                yield spec, not is_url(spec) and spec.lower().endswith(MANIFEST_SUFFIXES)

    def read(self, spec: str) -> list[Document]:
        """Read one file or URL into documents; raise SourceError on any failure."""
        if is_url(spec):
            fetched = self.fetcher.fetch(page_address(spec))
            documents = self._parse(fetched.body, spec, suffix="",
                                    url=page_address(fetched.url),
                                    content_type=fetched.content_type, charset=fetched.charset,
                                    rendered=fetched.rendered)
        elif "://" in spec:
            raise SourceError(spec, "only http and https URLs are fetched")
        else:
            documents = self._parse(self._read_file(Path(spec)), spec, Path(spec).suffix.lower())
            # keys made from the file's name, by its absolute path: "../a.txt" typed in one
            # folder and "a.txt" in another are the same document (``source`` stays as typed)
            rebase_keys(documents, spec, file_key(spec))
        for document in documents:
            add_reference_links(document)
        return documents

    # -- internals ------------------------------------------------------------
    def _batch(self, spec: str) -> Batch:
        try:
            return Batch(spec, self.read(spec))
        except SourceError as exc:
            return Batch(spec, [], exc)
        except Exception as exc:  # a reader bug must not stop a batch job; it is reported
            return Batch(spec, [], SourceError(spec, f"unexpected {type(exc).__name__}: {exc}"))

    def _manifest(self, path: Path) -> Iterator[Batch]:
        try:
            yield from read_manifest(path, self.read)
        except SourceError as exc:
            yield Batch(str(path), [], exc)

    def _walk(self, folder: Path) -> list[str]:
        """Files with a known suffix below ``folder``, hidden ones skipped, in stable order.

        An entry that cannot even be looked at (a link into ``/proc``) is kept, so that
        reading it fails alone with one error line instead of the walk stopping the run.
        """
        found = []
        for path in folder.rglob("*"):
            if any(part.startswith(".") for part in path.relative_to(folder).parts):
                continue
            try:
                wanted = path.is_file() and path.suffix.lower() in KNOWN_SUFFIXES
            except OSError:
                wanted = True
            if wanted:
                found.append(path)
        return [str(path) for path in sorted(found)]

    def _read_file(self, path: Path) -> bytes:
        source = str(path)
        try:
            size = path.stat().st_size
            if size > self.limits.max_file_bytes:
                raise SourceError(source, f"file larger than {self.limits.max_file_bytes} bytes")
            return path.read_bytes()
        except FileNotFoundError as exc:
            raise SourceError(source, "no such file") from exc
        except IsADirectoryError as exc:
            raise SourceError(source, "is a directory") from exc
        except OSError as exc:
            raise SourceError(source, f"cannot read: {exc.strerror or exc}") from exc

    def _parse(self, data: bytes, source: str, suffix: str, url: str | None = None,
               content_type: str = "", charset: str | None = None,
               rendered: str | None = None) -> list[Document]:
        kind = _kind(data, suffix, content_type)
        if kind == "html":
            return list(html.read_html(data, source, url=url, charset=charset, rendered=rendered,
                                       max_comments=self.limits.max_comments_per_page,
                                       warn=self._warnings.append))
        if kind == "wxr":
            return list(wxr.read_wxr(data, source))
        if kind == "feed":
            return list(feeds.read_feed(data, source, since=self.since))
        if kind == "jsonl":
            return list(jsonl.read_jsonl(data, source))
        if kind == "text":
            return list(text.read_text(data, source, key=url))
        if suffix in XML_SUFFIXES or "xml" in content_type:
            parse_xml(data, source)  # surfaces unsafe or malformed XML as the reason
            raise SourceError(source, "XML that is neither a WordPress export nor a feed")
        raise SourceError(source, f"unsupported input type ({suffix or content_type or 'unknown'})")


def _is_dir(spec: str) -> bool:
    """Whether ``spec`` names a directory; one that cannot be looked at is read (and fails
    there, with its reason) as a file."""
    try:
        return Path(spec).is_dir()
    except OSError:
        return False


def _kind(data: bytes, suffix: str, content_type: str) -> str:
    """Decide the reader from the suffix, the media type, and a look at the bytes."""
    if suffix in html.SUFFIXES or content_type in {"text/html", "application/xhtml+xml"}:
        return "html"
    if suffix in jsonl.SUFFIXES or content_type in {"application/x-ndjson", "application/jsonl"}:
        return "jsonl"
    if suffix in text.SUFFIXES or content_type in {"text/plain", "text/markdown"}:
        return "text"
    if suffix in feeds.SUFFIXES + XML_SUFFIXES or "xml" in content_type or not suffix:
        if wxr.is_wxr(data):
            return "wxr"
        if feeds.is_feed(data):
            return "feed"
        if b"<html" in data[:4096].lower():
            return "html"
        if suffix or "xml" in content_type:
            return "unknown"
        return "text"
    return "unknown"


def _manifest_size(path: Path) -> int:
    """Batches a manifest yields: one per entry, or one error batch."""
    try:
        return max(1, len(load_manifest(path)[1]))
    except SourceError:
        return 1
