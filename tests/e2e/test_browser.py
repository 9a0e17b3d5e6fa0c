"""End to end in a real browser: the HTML report and a Datasette table page in headless Chromium.

Skipped with a reason when Chromium is absent, except when ARGMINE_REQUIRE_BROWSER is set
(CI sets it after installing Debian's chromium), where a missing browser fails the test.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from argmine.ingest import ingest
from argmine.report import build_report, render
from argmine.store import connect
from tests.conftest import THREAD, datasette_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM and not os.environ.get("ARGMINE_REQUIRE_BROWSER"):
    pytest.skip("Chromium is not installed (CI installs Debian's chromium)", allow_module_level=True)

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--enable-logging=stderr", "--v=0"]


def chromium(url: str, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    assert CHROMIUM, "Chromium is required here (ARGMINE_REQUIRE_BROWSER is set)"
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, url],
                          capture_output=True, text=True, timeout=120)


def pixels_vary(png: Path) -> bool:
    """Decode the PNG's image data and check it is not one flat colour."""
    data, chunks = png.read_bytes(), []
    position = 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        if kind == b"IDAT":
            chunks.append(data[position + 8:position + 8 + length])
        position += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    return len(set(raw[::101])) > 10


def console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines()
            if "CONSOLE" in line and ("error" in line.lower() or "Uncaught" in line)]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from argmine.nlp import load_pipeline
    path = tmp_path_factory.mktemp("e2e") / "argmine.db"
    ingest([THREAD / "thread.toml"], path, pipeline=load_pipeline("argmine-fallback"))
    return path


def check_page(url: str, tmp_path: Path, expected: list[str]) -> None:
    shot = tmp_path / "page.png"
    screenshot = chromium(url, tmp_path / "profile-1", "--window-size=1280,1600",
                          f"--screenshot={shot}")
    assert shot.exists() and shot.stat().st_size > 10_000, screenshot.stderr[-2000:]
    assert pixels_vary(shot), "the page rendered blank"
    dom = chromium(url, tmp_path / "profile-2", "--dump-dom")
    for text in expected:
        assert text in dom.stdout
    assert console_errors(screenshot.stderr + dom.stderr) == []


def test_html_report_renders(db, tmp_path):
    report = tmp_path / "report.html"
    report.write_text(render(build_report(connect(db), str(db)), "html"), "utf-8")
    check_page(report.as_uri(), tmp_path,
               ["Twitter ist für Maschinenbauer nützlich", "Who answers whom", "<svg"])


def test_datasette_table_page_renders(db, tmp_path):
    with datasette_server(db, "/argmine/units?_facet=stance") as url:
        check_page(url, tmp_path, ["Argumentative units", "stance", "CONTRA"])
