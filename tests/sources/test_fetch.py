"""URL fetching against a local HTTP server on 127.0.0.1 (no other network)."""

from __future__ import annotations

import gzip
import re
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from argmine.config import FetchSettings, Limits
from argmine.errors import SourceError
from argmine.sources import SourceReader
from argmine.sources.fetch import Fetcher
from tests.conftest import THREAD

pytestmark = pytest.mark.network

ESSAY = (THREAD / "essay.html").read_bytes()
FEED = (THREAD / "comments-feed.rss").read_bytes()
#: The comment-box page without its SingleFile note: only the HTTP Date can date "vor 2 Tagen".
COMMENT_BOX = (THREAD / "wordpress-comment-box.html").read_bytes().replace(b"saved date:", b"x:")
ROBOTS = b"User-agent: *\nDisallow: /private/\n"
ROBOTS_ELSEWHERE = {"Location": "/robots-elsewhere.txt"}  # where a 301 for it points
#: The same page without an address of its own: its documents are keyed by the fetched URL.
NO_CANONICAL = re.sub(rb'<link rel="canonical"[^>]*>|\n url: \S+', b"", COMMENT_BOX)
BOMB = gzip.compress(b"<rss>" + b"\0" * 50_000_000, compresslevel=9)


class Handler(BaseHTTPRequestHandler):
    hits: Counter = Counter()

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes = b"", content_type: str = "text/html",
              headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)

    robots, robots_status = ROBOTS, 200

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        Handler.hits[self.path] += 1
        routes = {
            "/robots.txt": lambda: self._send(Handler.robots_status, Handler.robots,
                                              "text/plain", ROBOTS_ELSEWHERE),
            "/essay.html": lambda: self._send(200, ESSAY, "text/html; charset=utf-8"),
            "/comments/feed/": lambda: self._send(200, FEED, "application/rss+xml"),
            "/private/secret.html": lambda: self._send(200, ESSAY),
            "/big.html": lambda: self._send(200, b"<html><body>" + b"x" * 5000 + b"</body></html>"),
            "/to-ftp": lambda: self._send(302, headers={"Location": "ftp://127.0.0.1/x"}),
            "/to-private": lambda: self._send(302, headers={"Location": "/private/secret.html"}),
            "/robots-elsewhere.txt": lambda: self._send(200, ROBOTS, "text/plain"),
            "/missing.html": lambda: self._send(404, b"not here"),
            "/no-canonical.html": lambda: self._send(200, NO_CANONICAL, "text/html"),
        }
        if self.path == "/bomb.rss":  # 50 MB of zeros, gzip-compressed to about 50 kB
            return self._send(200, BOMB, "application/rss+xml", {"Content-Encoding": "gzip"})
        if self.path == "/flaky.html":
            return self._send(503) if Handler.hits[self.path] < 3 else self._send(200, ESSAY)
        if self.path == "/slow.html":
            time.sleep(1.5)
            return self._send(200, ESSAY)
        if self.path == "/comment-box.html":  # rendered at 10:00 Berlin summer time
            self.send_response_only(200)
            for name, value in (("Date", "Thu, 21 Jun 2018 08:00:00 GMT"),
                                ("Content-Type", "text/html; charset=utf-8"),
                                ("Content-Length", str(len(COMMENT_BOX)))):
                self.send_header(name, value)
            self.end_headers()
            return self.wfile.write(COMMENT_BOX)
        if self.path == "/etag.html":
            if self.headers.get("If-None-Match") == '"v1"':
                return self._send(304)
            return self._send(200, ESSAY, headers={"ETag": '"v1"'})
        routes.get(self.path, lambda: self._send(404))()


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def settings(tmp_path, **limits) -> FetchSettings:
    base = {"timeout_seconds": 5.0, "retries": 2, "backoff_seconds": 0.01}
    return FetchSettings(limits=Limits(**{**base, **limits}), cache_dir=tmp_path / "cache")


def test_page_is_fetched_parsed_and_cached(server, tmp_path):
    Handler.hits.clear()
    reader = SourceReader(fetch_settings=settings(tmp_path))
    (batch,) = reader.batches([f"{server}/essay.html"])
    assert batch.error is None
    assert len([d for d in batch.documents if d.kind == "comment"]) == 10
    (again,) = reader.batches([f"{server}/essay.html"])
    assert [d.key for d in again.documents] == [d.key for d in batch.documents]
    assert Handler.hits["/essay.html"] == 1  # the re-run came from the cache
    assert Handler.hits["/robots.txt"] == 1


def test_feed_is_recognised_by_its_media_type(server, tmp_path):
    (batch,) = SourceReader(fetch_settings=settings(tmp_path)).batches([f"{server}/comments/feed/"])
    assert [d.kind for d in batch.documents] == ["comment"] * 4


def test_stale_cache_is_revalidated_with_etag(server, tmp_path):
    Handler.hits.clear()
    stale = FetchSettings(limits=settings(tmp_path).limits, cache_dir=tmp_path / "c",
                          cache_ttl_seconds=0)
    with Fetcher(stale) as fetcher:
        first = fetcher.fetch(f"{server}/etag.html")
        second = fetcher.fetch(f"{server}/etag.html")
    assert Handler.hits["/etag.html"] == 2
    assert second.from_cache and second.body == first.body


def test_retries_with_backoff_then_succeeds(server, tmp_path):
    Handler.hits.clear()
    with Fetcher(settings(tmp_path, retries=3)) as fetcher:
        assert fetcher.fetch(f"{server}/flaky.html").body == ESSAY
    assert Handler.hits["/flaky.html"] == 3


@pytest.mark.parametrize("path, limits, reason", [
    ("/private/secret.html", {}, "disallowed by robots.txt"),
    ("/big.html", {"max_response_bytes": 1000}, "response larger than 1000 bytes"),
    ("/slow.html", {"timeout_seconds": 0.3, "retries": 0}, "unreachable after 1 attempts"),
    ("/to-ftp", {}, "scheme other than http(s)"),
    ("/to-private", {}, "disallowed by robots.txt"),  # a redirect is checked too
    ("/missing.html", {}, "HTTP 404"),
    ("/bomb.rss", {"max_response_bytes": 1_000_000}, "response larger than 1000000 bytes"),
])
def test_fetch_failures_are_one_line_errors(server, tmp_path, path, limits, reason):
    with Fetcher(settings(tmp_path, **limits)) as fetcher, pytest.raises(SourceError) as info:
        fetcher.fetch(server + path)
    assert reason in str(info.value)
    assert str(info.value).startswith(server + path)


def test_unreachable_host_is_an_error_not_a_crash(tmp_path):
    import socket
    with socket.socket() as sock:  # a port on 127.0.0.1 that nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    reader = SourceReader(fetch_settings=settings(tmp_path, retries=1))
    (batch,) = reader.batches([f"http://127.0.0.1:{port}/post.html"])
    assert "unreachable after 2 attempts" in str(batch.error)


def test_relative_comment_dates_count_back_from_the_http_date_also_from_the_cache(server, tmp_path):
    reader = SourceReader(fetch_settings=settings(tmp_path))
    for _ in range(2):  # the second read comes from the cache, which keeps the date
        (batch,) = reader.batches([f"{server}/comment-box.html"])
        published = {d.key.rsplit("-", 1)[-1]: d.published for d in batch.documents}
        assert (published["214"], published["216"]) == ("2018-06-19", "2018-06-21T05:00")
    assert Handler.hits["/comment-box.html"] == 1


def test_a_fragment_or_tracking_parameters_name_the_same_page(server, tmp_path):
    """"...#comment-12" made the comment a post holding the page's text, and
    "?utm_source=feed" stored every comment a second time."""
    reader = SourceReader(fetch_settings=settings(tmp_path))
    keys = [[d.key for d in batch.documents] for batch in reader.batches(
        [f"{server}/no-canonical.html", f"{server}/no-canonical.html#comment-12",
         f"{server}/no-canonical.html?utm_source=feed&utm_medium=rss"])]
    assert keys[0][0] == f"{server}/no-canonical.html" and len(keys[0]) > 10
    assert keys[1] == keys[0] and keys[2] == keys[0]


@pytest.mark.parametrize("robots, status, allowed", [
    (ROBOTS, 500, False),  # RFC 9309: a server error disallows everything
    (b"", 301, True),  # robots.txt redirected elsewhere: followed, not checked against itself
    (ROBOTS, 404, True),  # no robots.txt: everything allowed
    (b"#" * 600_000 + b"\nUser-agent: *\nDisallow: /\n", 200, True),  # read up to 500 KiB
])
def test_robots_txt_is_read_as_rfc_9309_says(server, tmp_path, monkeypatch, robots, status,
                                             allowed):
    monkeypatch.setattr(Handler, "robots", robots)
    monkeypatch.setattr(Handler, "robots_status", status)
    (batch,) = SourceReader(fetch_settings=settings(tmp_path)).batches([f"{server}/essay.html"])
    assert (batch.error is None) == allowed, batch.error
    if not allowed:
        assert batch.error.reason == "disallowed by robots.txt"


def test_max_age_decides_when_the_cache_asks_the_server_again(server, tmp_path):
    from typer.testing import CliRunner

    from argmine.cli import app

    Handler.hits.clear()
    command = ["ingest", "-q", "--db", str(tmp_path / "a.db"), "--cache-dir",
               str(tmp_path / "c"), "--stance-model", "fast", f"{server}/etag.html"]
    for max_age in ("24", "24", "0"):
        result = CliRunner().invoke(app, [*command, "--max-age", max_age])
        assert result.exit_code == 0, result.output
    assert Handler.hits["/etag.html"] == 2  # the second run used the cache, the third asked
