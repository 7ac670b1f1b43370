"""WhatDoTheyKnow: a request page, its JSON, and every attachment (original and HTML view).

Also expands an authority's or a user's request list (`/body/<slug>`,
`/user/<slug>`) into its request pages, page by page up to a limit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup

from .http import PoliteSession

_ATTACH_RE = re.compile(r"/request/[^/]+/response/\d+/attach/(?:html/)?\d+/")
_REQUEST_RE = re.compile(r"^/request/([\w\-]+)/?$")


@dataclass
class RequestLinks:
    """What a saved request page links to that the scraper fetches."""

    attachments: list[str] = field(default_factory=list)  # original files
    html_views: list[str] = field(default_factory=list)  # "View as HTML" pages


def clean_url(url: str) -> str:
    """The URL without query and fragment (WDTK adds ?cookie_passthrough=1 to downloads)."""
    p = urlsplit(url)
    return urlunsplit((p.scheme, p.netloc, p.path, "", ""))


def request_slug(url: str) -> str:
    m = re.match(r"/request/([^/]+)", urlsplit(url).path)
    return m.group(1) if m else "request"


def attachment_links(html: str, page_url: str) -> RequestLinks:
    soup = BeautifulSoup(html, "lxml")
    links = RequestLinks()
    for a in soup.find_all("a", href=True):
        href = a["href"]
        if not _ATTACH_RE.search(href):
            continue
        url = clean_url(urljoin(page_url, href))
        bucket = links.html_views if "/attach/html/" in href else links.attachments
        if url not in bucket:
            bucket.append(url)
    return links


def request_list_links(html: str, page_url: str) -> list[str]:
    """Request page URLs listed on an authority's or user's page."""
    soup = BeautifulSoup(html, "lxml")
    out = []
    for a in soup.select(".request_listing a[href], .request_short_listing a[href], a[href^='/request/']"):
        path = urlsplit(urljoin(page_url, a["href"])).path
        if _REQUEST_RE.match(path):
            url = clean_url(urljoin(page_url, path))
            if url not in out:
                out.append(url)
    return out


def next_list_page(html: str, page_url: str) -> str | None:
    soup = BeautifulSoup(html, "lxml")
    nxt = soup.select_one("a[rel=next], .next_page a, a.next_page")
    return urljoin(page_url, nxt["href"]) if nxt and nxt.get("href") else None


def expand_list(session: PoliteSession, list_url: str, max_pages: int) -> list[str]:
    urls, page, seen = [], list_url, 0
    while page and seen < max_pages:
        html = session.get(page).content.decode("utf-8", "replace")
        for u in request_list_links(html, page):
            if u not in urls:
                urls.append(u)
        page, seen = next_list_page(html, page), seen + 1
    return urls
