"""Datasette in a real browser: the main table and a canned query render their rows.

Needs Datasette (the `explore` extra) and Chromium; `make test-browser` installs both
(Chromium from Debian's packages). Where no browser can be installed the test is
skipped with that message.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pipeline.run import extract_corpus

from conftest import ROOT, SAMPLES

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FOI = Path(sys.executable).with_name("foi")
pytestmark = [
    pytest.mark.skipif(BROWSER is None, reason="no Chromium here: `make test-browser` installs Debian's chromium"),
    pytest.mark.skipif(not Path(sys.executable).with_name("datasette").exists(),
                       reason="Datasette not installed: `make test-browser` installs the explore extra"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "foi.db"
    extract_corpus([SAMPLES], db)
    port = free_port()
    proc = subprocess.Popen([str(FOI), "serve", "--db", str(db), "--raw", str(SAMPLES), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def chromium(*args: str, timeout: int = 60) -> str:
    cmd = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={Path('/tmp') / 'foi-chromium-profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout).stdout


def test_documents_table_renders_rows_with_source_links(server):
    dom = chromium("--dump-dom", server + "/foi/documents?_sort=source")
    assert "rows" in dom
    assert '<a href="/raw/pdf/devon-foi-21-22-003-s12.pdf">pdf/devon-foi-21-22-003-s12.pdf</a>' in dom
    assert "foi_request_thread" in dom and "weebly_page" in dom


def test_canned_query_renders_rows(server):
    dom = chromium("--dump-dom", server + "/foi/last_run_changes")
    assert "What changed in the last run" in dom
    assert "<table" in dom and "pdf/somerset-foi-100455-numbered-qa.pdf" in dom


def test_screenshot_for_the_readme(server):
    out = ROOT / "extracted" / "datasette-withheld.png"
    out.parent.mkdir(exist_ok=True)
    chromium(f"--screenshot={out}", "--window-size=1400,1100", server + "/foi/questions_withheld_or_not_held")
    assert out.exists() and out.stat().st_size > 10_000
