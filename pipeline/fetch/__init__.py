"""The scrapers behind `foi fetch`: download the sources listed in raw/sources.toml into raw/.

`raw/sources.toml` (every key but `url` optional):

    [settings]
    delay = 1.0            # seconds between requests to one host
    limit = 500            # requests per run

    [[wdtk]]               # a WhatDoTheyKnow request page, its JSON and its attachments
    url = "https://www.whatdotheyknow.com/request/psl_schemes"

    [[wdtk_list]]          # every request on an authority's or user's page
    url = "https://www.whatdotheyknow.com/body/mhclg"
    max_pages = 2

    [[weebly]]             # a whole Weebly site, from its start page
    url = "https://example.weebly.com/"
    max_pages = 200
    max_depth = 5

Files go under raw/<host>/<path>; each is rewritten only when its content
changed, with a `.fetch.json` sidecar (URL, time, headers, navigation path).
"""
from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import requests

from . import wdtk, weebly
from .http import DisallowedByRobots, PoliteSession, RequestLimitReached
from .store import path_for_url, save_if_changed


@dataclass
class FetchReport:
    fetched: int = 0  # responses received (including 304s)
    written: int = 0  # files written because new or changed
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    stopped: str | None = None  # why the run stopped early, if it did


def load_sources(path: Path) -> dict:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise ValueError(f"No sources file at {path}: list the URLs to fetch there (see `foi fetch --help`).")
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{path} is not valid TOML: {e}")


def fetch_sources(sources_path: Path, raw_dir: Path, delay: float | None = None, limit: int | None = None,
                  cache_path: Path | None = None) -> FetchReport:
    config = load_sources(Path(sources_path))
    settings = config.get("settings", {})
    session = PoliteSession(
        cache_path=cache_path or Path(raw_dir) / ".cache" / "http.sqlite",
        delay=settings.get("delay", 1.0) if delay is None else delay,
        max_requests=settings.get("limit", 500) if limit is None else limit,
    )
    report = FetchReport()

    def save(fetched, rel_path: str, extra: dict | None = None):
        report.fetched += 1
        if save_if_changed(raw_dir, rel_path, fetched.content, fetched.url, fetched.headers, extra):
            report.written += 1
        else:
            report.unchanged += 1

    def fetch_one(url: str, rel_path: str, extra: dict | None = None) -> bytes | None:
        try:
            fetched = session.get(url)
        except (requests.RequestException, DisallowedByRobots) as e:
            report.failed.append((url, _reason(e)))
            return None
        save(fetched, rel_path, extra)
        return fetched.content

    def fetch_json(url: str) -> dict | None:
        try:
            fetched = session.get(url)
            report.fetched += 1
            return json.loads(fetched.content)
        except (requests.RequestException, DisallowedByRobots, ValueError) as e:
            report.failed.append((url, _reason(e)))
            return None

    def fetch_request(url: str):
        """The request page (its JSON kept in the page's sidecar: metadata, not a document) and its attachments."""
        url = wdtk.clean_url(url)
        api = fetch_json(url + ".json")
        extra = {"source": "wdtk_request"} | ({"api": api} if api is not None else {})
        page = fetch_one(url, path_for_url(url), extra)
        if page is None:
            return
        links = wdtk.attachment_links(page.decode("utf-8", "replace"), url)
        for att in links.attachments + links.html_views:
            fetch_one(att, path_for_url(att, ""), {"source": "wdtk_attachment", "request_url": url})

    try:
        for entry in config.get("wdtk", []):
            fetch_request(entry["url"])
        for entry in config.get("wdtk_list", []):
            for url in wdtk.expand_list(session, entry["url"], entry.get("max_pages", 5)):
                fetch_request(url)
        for entry in config.get("weebly", []):
            pages = weebly.crawl(session, entry["url"], entry.get("max_pages", 200), entry.get("max_depth", 5),
                                 on_error=lambda u, e: report.failed.append((u, _reason(e))))
            for page in pages:
                report.fetched += 1
                written = save_if_changed(raw_dir, path_for_url(page.url), page.content, page.url, page.headers,
                                          {"source": "weebly", "nav_path": page.nav_path})
                report.written += written
                report.unchanged += not written
    except RequestLimitReached as e:
        report.stopped = str(e)
    finally:
        session.close()
    return report


def _reason(e: Exception) -> str:
    if isinstance(e, requests.HTTPError) and e.response is not None:
        return f"HTTP {e.response.status_code}"
    return f"{type(e).__name__}: {e}"
