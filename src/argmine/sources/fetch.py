"""Fetching http(s) URLs politely: robots.txt, timeouts, a size cap, retries, a disk cache.

A cached response younger than ``cache_ttl_seconds`` is used without any
network access; an older one is revalidated with ETag / Last-Modified, so
that nightly re-runs cost a 304 per unchanged page.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from argmine.config import FetchSettings
from argmine.errors import SourceError

if TYPE_CHECKING:  # imported where used: a run over local files never loads httpx (0.3-0.5 s)
    import httpx

_RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Fetched:
    """A fetched body with what the readers need to interpret it."""

    url: str
    body: bytes
    content_type: str
    charset: str | None
    from_cache: bool = False
    #: The HTTP ``Date`` of the response that produced ``body``: what relative
    #: comment dates ("vor 2 Tagen") in it count back from.
    rendered: str | None = None


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


#: Query parameters that only say where a reader clicked (newsletters, ads, social
#: networks): the same page with or without them is one document.
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|wt_mc|wt_zmc)$", re.I)


def page_address(url: str) -> str:
    """``url`` as the page's address: without a fragment (``#comment-12`` points into the
    page, it is no other page) and without tracking parameters (``?utm_source=feed``)."""
    parts = urlsplit(url)
    query = "&".join(pair for pair in parts.query.split("&")
                     if pair and not _TRACKING.match(pair.split("=", 1)[0]))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def check_scheme(url: str) -> None:
    """Only http and https are fetched; anything else is refused, not guessed at."""
    if urlsplit(url).scheme.lower() not in {"http", "https"}:
        raise SourceError(url, "only http and https URLs are fetched")


#: What of a robots.txt is read: Google's limit; a bigger (or decompression-bomb) file
#: is cut there, not read into memory whole.
ROBOTS_BYTES = 500 * 1024


class Fetcher:
    """One HTTP client for a batch, with per-host robots.txt rules."""

    def __init__(self, settings: FetchSettings | None = None, transport=None) -> None:
        self.settings = settings or FetchSettings()
        limits = self.settings.limits
        import httpx

        self._client = httpx.Client(
            headers={"User-Agent": self.settings.user_agent},
            timeout=limits.timeout_seconds,
            follow_redirects=True,
            max_redirects=limits.max_redirects,
            transport=transport,
            # every request, each redirect's included: a redirect into a disallowed path,
            # or to another host, is checked against that host's robots.txt too
            event_hooks={"request": [self._check_robots]} if self.settings.respect_robots
            else {},
        )
        self._robots: dict[str, RobotFileParser] = {}

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def fetch(self, url: str) -> Fetched:
        """Return the body of ``url`` from the cache or the network."""
        check_scheme(url)
        cached = self._cache_read(url)
        if cached and time.time() - cached[1]["fetched_at"] < self.settings.cache_ttl_seconds:
            return cached[0]
        headers = {}
        if cached:
            if cached[1].get("etag"):
                headers["If-None-Match"] = cached[1]["etag"]
            if cached[1].get("last_modified"):
                headers["If-Modified-Since"] = cached[1]["last_modified"]
        try:
            response, body = self._get(url, headers)
        except SourceError as exc:  # a hop's robots.txt said no: name the URL asked for
            if exc.source == url:
                raise
            raise SourceError(url, f"{exc.reason} (redirected to {exc.source})") from exc
        if response.status_code == 304 and cached:
            self._cache_write(url, cached[0], cached[1].get("etag"), cached[1].get("last_modified"))
            return cached[0]
        if response.status_code >= 400:
            raise SourceError(url, f"HTTP {response.status_code}")
        check_scheme(str(response.url))
        fetched = Fetched(
            url=str(response.url), body=body,
            content_type=response.headers.get("content-type", "").split(";")[0].strip().lower(),
            charset=response.charset_encoding, rendered=response.headers.get("date"),
        )
        self._cache_write(url, fetched, response.headers.get("etag"),
                          response.headers.get("last-modified"))
        return fetched

    def _get(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        import httpx

        limits = self.settings.limits
        last_error = "no attempt"
        for attempt in range(limits.retries + 1):
            if attempt:
                time.sleep(limits.backoff_seconds * 2 ** (attempt - 1))
            try:
                with self._client.stream("GET", url, headers=headers) as response:
                    if response.status_code in _RETRY_STATUS and attempt < limits.retries:
                        last_error = f"HTTP {response.status_code}"
                        continue
                    return response, self._read_capped(url, response)
            except httpx.UnsupportedProtocol as exc:
                raise SourceError(url, "redirected to a scheme other than http(s)") from exc
            except httpx.TooManyRedirects as exc:
                raise SourceError(url, "too many redirects") from exc
            except httpx.HTTPError as exc:
                last_error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise SourceError(url, f"unreachable after {limits.retries + 1} attempts ({last_error})")

    def _read_capped(self, url: str, response: httpx.Response) -> bytes:
        cap = self.settings.limits.max_response_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise SourceError(url, f"response larger than {cap} bytes")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise SourceError(url, f"response larger than {cap} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    def _check_robots(self, request: httpx.Request) -> None:
        """Refuse a request its host's robots.txt disallows (httpx's request hook)."""
        if request.url.path != "/robots.txt" and not self._allowed(str(request.url)):
            raise SourceError(str(request.url), "disallowed by robots.txt")

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            reading = RobotFileParser()  # while robots.txt itself is fetched (and redirected)
            reading.allow_all = True
            self._robots[origin] = reading
            self._robots[origin] = self._robots_txt(origin)
        return self._robots[origin].can_fetch(self.settings.user_agent, url)

    def _robots_txt(self, origin: str) -> RobotFileParser:
        """The rules of ``origin``, as RFC 9309 reads a server's answer: 4xx allows all
        but 401 and 403, which disallow all, as does a 5xx (the server cannot say); only
        the first ``ROBOTS_BYTES`` count.  An unreachable host is left to the page
        request, whose error says so."""
        import httpx

        parser = RobotFileParser()
        try:
            with self._client.stream("GET", origin + "/robots.txt") as response:
                status, body = response.status_code, b""
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) >= ROBOTS_BYTES:
                        break
        except httpx.HTTPError:
            status, body = 0, b""
        if status in (401, 403) or status >= 500:
            parser.disallow_all = True
        else:
            text = body[:ROBOTS_BYTES].decode("utf-8", "replace") if status < 400 else ""
            parser.parse(text.splitlines())
        return parser

    # -- cache -------------------------------------------------------------
    def _cache_paths(self, url: str) -> tuple[Path, Path] | None:
        if self.settings.cache_dir is None:
            return None
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = Path(self.settings.cache_dir) / digest[:2]
        return folder / f"{digest}.body", folder / f"{digest}.json"

    def _cache_read(self, url: str) -> tuple[Fetched, dict] | None:
        paths = self._cache_paths(url)
        if not paths or not paths[0].exists() or not paths[1].exists():
            return None
        try:
            meta = json.loads(paths[1].read_text("utf-8"))
            fetched = Fetched(meta["url"], paths[0].read_bytes(), meta["content_type"],
                              meta.get("charset"), from_cache=True,
                              rendered=meta.get("rendered"))
        except (OSError, ValueError, KeyError):
            return None
        return fetched, meta

    def _cache_write(self, url: str, fetched: Fetched, etag, last_modified) -> None:
        paths = self._cache_paths(url)
        if not paths:
            return
        paths[0].parent.mkdir(parents=True, exist_ok=True)
        meta = {"url": fetched.url, "content_type": fetched.content_type,
                "charset": fetched.charset, "rendered": fetched.rendered, "etag": etag,
                "last_modified": last_modified,
                "fetched_at": time.time()}
        tmp_body, tmp_meta = paths[0].with_suffix(".body.tmp"), paths[1].with_suffix(".json.tmp")
        tmp_body.write_bytes(fetched.body)
        tmp_meta.write_text(json.dumps(meta), "utf-8")
        tmp_body.replace(paths[0])
        tmp_meta.replace(paths[1])
