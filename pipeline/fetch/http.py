"""A polite HTTP client for the scrapers.

Politeness by default: robots.txt honoured, at most one request per `delay`
seconds per host, a User-Agent that names the tool and where to find it,
retries with backoff on 429 and 5xx (respecting Retry-After), and a limit on
requests per run. Responses are cached (requests-cache, SQLite) and revalidated
with conditional requests (ETag / Last-Modified), so an unchanged page costs a
304 and no download.
"""
from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import requests
import requests_cache

from .. import __version__

PROJECT_URL = "https://github.com/foi-extract/foi-extract"
USER_AGENT = f"foi-extract/{__version__} (+{PROJECT_URL}; FOI research scraper)"
RETRY_STATUSES = {429, 500, 502, 503, 504}


class RequestLimitReached(Exception):
    """The per-run request limit was reached; what was fetched so far is kept."""


class DisallowedByRobots(Exception):
    pass


@dataclass
class Fetched:
    url: str  # final URL, after redirects
    status: int
    content: bytes
    headers: dict[str, str]
    from_cache: bool  # True when the server answered 304 Not Modified (or the cache was fresh)
    requested_url: str = ""


@dataclass
class PoliteSession:
    cache_path: Path
    delay: float = 1.0  # seconds between two requests to the same host
    max_requests: int = 1000  # per run
    retries: int = 3
    backoff: float = 2.0  # first retry waits this long (or Retry-After), then doubles
    max_retry_wait: float = 60.0
    timeout: float = 30.0
    user_agent: str = USER_AGENT
    requests_made: int = 0
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def __post_init__(self):
        Path(self.cache_path).parent.mkdir(parents=True, exist_ok=True)
        self.session = requests_cache.CachedSession(
            str(self.cache_path),
            backend="sqlite",
            expire_after=-1,  # keep entries, but...
            always_revalidate=True,  # ...ask the server each time with If-None-Match / If-Modified-Since
            allowable_codes=(200,),
            stale_if_error=False,
        )
        self.session.headers["User-Agent"] = self.user_agent

    def close(self):
        self.session.close()

    def _wait_turn(self, host: str):
        last = self._last.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def _count(self):
        if self.requests_made >= self.max_requests:
            raise RequestLimitReached(f"reached the limit of {self.max_requests} requests for this run")
        self.requests_made += 1

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets this tool fetch `url` (a missing robots.txt allows everything)."""
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        if base not in self._robots:
            parser = urllib.robotparser.RobotFileParser()
            try:
                self._count()
                self._wait_turn(parts.netloc)
                r = requests.get(base + "/robots.txt", headers={"User-Agent": self.user_agent}, timeout=self.timeout)
                if r.status_code >= 400:
                    parser = None  # no robots.txt: everything allowed
                else:
                    parser.parse(r.text.splitlines())
            except requests.RequestException:
                parser = None
            self._robots[base] = parser
        parser = self._robots[base]
        return parser is None or parser.can_fetch(self.user_agent, url)

    def get(self, url: str) -> Fetched:
        """GET `url` politely; raises requests.HTTPError for a final 4xx/5xx answer."""
        if not self.allowed(url):
            raise DisallowedByRobots(f"robots.txt disallows {url}")
        host = urlsplit(url).netloc
        wait = self.backoff
        for attempt in range(self.retries + 1):
            self._count()
            self._wait_turn(host)
            r = self.session.get(url, timeout=self.timeout)
            if r.status_code in RETRY_STATUSES and attempt < self.retries:
                retry_after = r.headers.get("Retry-After", "")
                pause = float(retry_after) if retry_after.isdigit() else wait
                time.sleep(min(pause, self.max_retry_wait))
                wait *= 2
                continue
            r.raise_for_status()
            return Fetched(
                url=r.url, status=r.status_code, content=r.content, headers=dict(r.headers),
                from_cache=bool(getattr(r, "from_cache", False)), requested_url=url,
            )
        raise AssertionError("unreachable")

