"""The Weebly crawler on a small Weebly-structured site served on 127.0.0.1."""
from __future__ import annotations

import json
import sqlite3

import pytest

from pipeline.fetch import fetch_sources
from pipeline.fetch.store import path_for_url
from pipeline.run import extract_corpus

from httpserver import Site, serve

MENU = [  # (label, url, children)
    ("Home", "/", []),
    ("Exit programmes", "/exit-programmes.html", [
        ("Exit programmes in prison", "/exit-programmes-in-prison.html", [
            ("Islamist", "/islamist.html", [
                ("In Europe", "/in-europe.html", []),
                ("In other regions", "/in-other-regions.html", []),
            ]),
            ("Far-Right", "/far-right.html", []),
        ]),
    ]),
    ("Contact", "/contact.html", []),
]


def menu_html(items, level=0):
    out = []
    for label, url, children in items:
        cls = "wsite-menu-item" if level == 0 else "wsite-menu-subitem"
        arrow = '<span class="wsite-menu-arrow">&gt;</span>' if children and level else ""
        sub = f'<div class="wsite-menu-wrap" style="display:none">{menu_html(children, level + 1)}</div>' if children else ""
        out.append(f'<li class="{cls}-wrap"><a href="{url}" class="{cls}"><span class="wsite-menu-title">{label}</span>{arrow}</a>{sub}</li>')
    tag = 'ul class="wsite-menu-default"' if level == 0 else 'ul class="wsite-menu"'
    return f"<{tag}>{''.join(out)}</ul>"


def page(title, content):
    return f"""<!DOCTYPE html><html><head><title>{title} - EXIT PRACTICES</title>
<script src="//cdn2.editmysite.com/js/site/main.js"></script></head><body class="wsite-page">
<div id="navigation">{menu_html(MENU)}</div>
<div id="wsite-content" class="wsite-elements wsite-not-footer">{content}</div>
<div class="wsite-footer">Proudly powered by <a href="https://www.weebly.com">Weebly</a></div></body></html>"""


PROFILE = """<h2 class="wsite-content-title">Healthy Identity Intervention (HII)</h2>
<div class="paragraph"><strong>Country</strong><br>United Kingdom<br><strong>Target audience</strong><br>
Inmates convicted of terrorism related offences</div>"""


@pytest.fixture
def site():
    s = Site()
    s.add("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    for label, url in [("Home", "/"), ("Exit programmes", "/exit-programmes.html"),
                       ("Exit programmes in prison", "/exit-programmes-in-prison.html"), ("Islamist", "/islamist.html"),
                       ("In other regions", "/in-other-regions.html"), ("Far-Right", "/far-right.html"),
                       ("Contact", "/contact.html")]:
        s.add(url, page(label, f"<h2>{label}</h2><div class='paragraph'>About {label}.</div>"))
    s.add("/in-europe.html", page("In Europe", "<h2>In Europe</h2><div class='paragraph'>Programmes: "
                                  "<a href='/healthy-identity-intervention.html'>HII</a>, "
                                  "<a href='/missing-programme.html'>a broken link</a></div>"))
    s.add("/healthy-identity-intervention.html", page("Healthy Identity Intervention", PROFILE))
    server, base = serve(s)
    s.base = base
    yield s
    server.shutdown()


def sources(tmp_path, site):
    p = tmp_path / "sources.toml"
    p.write_text(f'[settings]\ndelay = 0.0\n\n[[weebly]]\nurl = "{site.base}/"\nmax_depth = 6\n')
    return p


def nav_path(raw, site, path):
    side = raw / (path_for_url(site.base + path) + ".fetch.json")
    return json.loads(side.read_text())["nav_path"]


def test_every_page_gets_its_navigation_path(site, tmp_path):
    raw = tmp_path / "raw"
    report = fetch_sources(sources(tmp_path, site), raw)
    assert report.failed == [(site.base + "/missing-programme.html", "HTTP 404")]
    assert report.written == 9
    assert nav_path(raw, site, "/") == []
    assert nav_path(raw, site, "/exit-programmes.html") == []
    assert nav_path(raw, site, "/islamist.html") == ["Exit programmes", "Exit programmes in prison"]
    assert nav_path(raw, site, "/in-europe.html") == ["Exit programmes", "Exit programmes in prison", "Islamist"]
    # Not in the menu: reached from "In Europe", so it sits under it.
    assert nav_path(raw, site, "/healthy-identity-intervention.html") == [
        "Exit programmes", "Exit programmes in prison", "Islamist", "In Europe"]


def test_profile_category_reaches_the_database(site, tmp_path):
    raw, db = tmp_path / "raw", tmp_path / "foi.db"
    fetch_sources(sources(tmp_path, site), raw)
    extract_corpus([raw], db)
    (category,) = sqlite3.connect(db).execute(
        "SELECT category FROM documents WHERE source LIKE '%healthy-identity-intervention.html'").fetchone()
    assert category == "Exit programmes > Exit programmes in prison > Islamist > In Europe"


def test_a_changed_page_is_rewritten_and_nothing_else(site, tmp_path):
    raw, db = tmp_path / "raw", tmp_path / "foi.db"
    src = sources(tmp_path, site)
    fetch_sources(src, raw)
    extract_corpus([raw], db)
    site.add("/far-right.html", page("Far-Right", "<h2>Far-Right</h2><div class='paragraph'>New text.</div>"))
    report = fetch_sources(src, raw)
    assert report.written == 1
    again = extract_corpus([raw], db)
    assert again.counts["changed"] == 1 and again.counts["unchanged"] == 8


def test_crawl_limits(site, tmp_path):
    p = sources(tmp_path, site)
    p.write_text(p.read_text() + "max_pages = 3\n")
    report = fetch_sources(p, tmp_path / "raw")
    assert report.written == 3
