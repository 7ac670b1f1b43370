"""`foi fetch` against a local HTTP server on 127.0.0.1 serving saved pages; no test reaches the internet."""
from __future__ import annotations

import json
import sqlite3

import pytest

from pipeline.fetch import fetch_sources
from pipeline.fetch import http as fetch_http
from pipeline.fetch.store import path_for_url
from pipeline.run import extract_corpus

from conftest import SAMPLES, make_text_pdf
from httpserver import Site, serve

PAGE = "/request/psl_schemes"
ATTACH = "/request/412769/response/1000437/attach/2/Response%20not%20held.pdf"
ATTACH_HTML = "/request/412769/response/1000437/attach/html/2/Response%20not%20held.pdf.html"


@pytest.fixture
def site(tmp_path):
    s = Site()
    s.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    s.add(PAGE, (SAMPLES / "wdtk/1000437.html").read_bytes())
    s.add(PAGE + ".json", json.dumps({"url_title": "psl_schemes", "described_state": "not_held"}), "application/json")
    s.add(ATTACH, make_text_pdf(tmp_path / "a.pdf", ["We do not hold the information."]).read_bytes(), "application/pdf")
    s.add(ATTACH_HTML, "<html><body><p>This is an HTML version of an attachment to the Freedom of Information "
                       "request 'PSL Schemes'.</p><p>We do not hold the information.</p></body></html>")
    s.add("/private/secret", "no")
    server, base = serve(s)
    s.base = base
    yield s
    server.shutdown()


def write_sources(tmp_path, site, *urls):
    path = tmp_path / "sources.toml"
    lines = ["[settings]", "delay = 0.0", ""]
    for u in urls:
        lines += ["[[wdtk]]", f'url = "{site.base}{u}"', ""]
    path.write_text("\n".join(lines))
    return path


def saved(raw, site, path, default_ext=".html"):
    return raw / path_for_url(site.base + path, default_ext)


def test_fetch_saves_page_json_and_attachments_with_sidecars(site, tmp_path):
    raw = tmp_path / "raw"
    report = fetch_sources(write_sources(tmp_path, site, PAGE), raw)
    assert report.failed == []
    page = saved(raw, site, PAGE)
    assert page.read_bytes() == (SAMPLES / "wdtk/1000437.html").read_bytes()
    side = json.loads(page.with_name(page.name + ".fetch.json").read_text())
    assert side["url"] == site.base + PAGE and side["api"]["described_state"] == "not_held"
    assert side["headers"]["ETag"]
    assert saved(raw, site, ATTACH, "").read_bytes().startswith(b"%PDF")
    assert b"HTML version of an attachment" in saved(raw, site, ATTACH_HTML, "").read_bytes()
    assert all("foi-extract/" in ua for ua in site.user_agents)


def test_second_fetch_is_conditional_and_writes_nothing(site, tmp_path):
    raw = tmp_path / "raw"
    sources = write_sources(tmp_path, site, PAGE)
    fetch_sources(sources, raw)
    page = saved(raw, site, PAGE)
    mtime = page.stat().st_mtime_ns
    report = fetch_sources(sources, raw)
    assert report.written == 0 and report.unchanged >= 3
    assert site.hits(PAGE) == [200, 304]
    assert page.stat().st_mtime_ns == mtime


def test_404_is_reported_and_the_rest_fetched(site, tmp_path):
    raw = tmp_path / "raw"
    report = fetch_sources(write_sources(tmp_path, site, "/request/no_such_request", PAGE), raw)
    assert report.failed == [(site.base + "/request/no_such_request.json", "HTTP 404"),
                             (site.base + "/request/no_such_request", "HTTP 404")]
    assert saved(raw, site, PAGE).exists()


def test_429_then_200_is_retried(site, tmp_path, monkeypatch):
    pauses = []
    monkeypatch.setattr(fetch_http.time, "sleep", pauses.append)
    site.failures[PAGE] = [429, 503]
    report = fetch_sources(write_sources(tmp_path, site, PAGE), tmp_path / "raw")
    assert report.failed == []
    assert site.hits(PAGE) == [429, 503, 200]
    assert len([p for p in pauses if p >= 0]) >= 2


def test_redirect_is_followed(site, tmp_path):
    site.redirects["/request/old_name"] = PAGE
    site.redirects["/request/old_name.json"] = PAGE + ".json"
    raw = tmp_path / "raw"
    report = fetch_sources(write_sources(tmp_path, site, "/request/old_name"), raw)
    assert report.failed == []
    side = json.loads((raw / (path_for_url(site.base + "/request/old_name") + ".fetch.json")).read_text())
    assert side["url"] == site.base + PAGE


def test_robots_txt_is_honoured(site, tmp_path):
    report = fetch_sources(write_sources(tmp_path, site, "/private/secret"), tmp_path / "raw")
    assert "/private/secret" not in [p for p, _ in site.log]
    assert any("robots.txt" in reason for _, reason in report.failed)


def test_one_request_per_delay_per_host(site, tmp_path, monkeypatch):
    pauses = []
    monkeypatch.setattr(fetch_http.time, "sleep", pauses.append)
    sources = write_sources(tmp_path, site, PAGE)
    sources.write_text(sources.read_text().replace("delay = 0.0", "delay = 1.0"))
    fetch_sources(sources, tmp_path / "raw")
    # robots, JSON, page, attachment, HTML view: every request after the first waited for its turn.
    assert len(pauses) == 4 and all(0.5 < p <= 1.0 for p in pauses)


def test_request_limit_stops_the_run_politely(site, tmp_path):
    report = fetch_sources(write_sources(tmp_path, site, PAGE), tmp_path / "raw", limit=3)
    assert report.stopped and "limit of 3" in report.stopped
    assert len(site.log) == 3


def test_fetch_extract_cycle_reprocesses_only_what_changed(site, tmp_path):
    raw, db = tmp_path / "raw", tmp_path / "foi.db"
    sources = write_sources(tmp_path, site, PAGE)
    fetch_sources(sources, raw)
    first = extract_corpus([raw], db)
    assert first.counts["added"] == 3 and first.counts["failed"] == 0
    fetch_sources(sources, raw)
    assert extract_corpus([raw], db).counts["changed"] == 0
    conn = sqlite3.connect(db)
    counts_before = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("messages", "attachments", "qa_pairs", "links")}
    # The thread gains a message: only the request page is re-extracted, nothing duplicated.
    html = (SAMPLES / "wdtk/1000437.html").read_text(encoding="utf-8")
    marker = '<div class="incoming correspondence normal js-collapsable" id="incoming-1000437">'
    extra = "A brand new follow-up about zanzibar lighthouses."
    follow_up = (
        '<div class="outgoing correspondence js-collapsable" id="outgoing-999999">'
        '<div class="correspondence__header"><span class="correspondence__header__author">DMS Ltd</span>'
        '<a class="correspondence__header__date" href="/request/psl_schemes#outgoing-999999">'
        '<time datetime="2017-07-20T10:00:00+01:00">20 July 2017</time></a></div>'
        f'<div class="correspondence_text"><p>Dear Ministry,</p><p>{extra}</p></div></div>\n'
    )
    assert marker in html
    site.add(PAGE, html.replace(marker, follow_up + marker, 1))
    report = fetch_sources(sources, raw)
    assert report.written == 1
    again = extract_corpus([raw], db)
    assert again.counts["changed"] == 1 and again.counts["added"] == 0 and again.counts["unchanged"] == 2
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone() == (3,)
    (text,) = conn.execute("SELECT text FROM documents WHERE source LIKE '%psl_schemes.html'").fetchone()
    assert "zanzibar lighthouses" in text
    counts_after = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in counts_before}
    assert counts_after == counts_before | {"messages": counts_before["messages"] + 1}
    assert conn.execute("SELECT count(*) FROM messages WHERE text LIKE '%zanzibar%'").fetchone() == (1,)
