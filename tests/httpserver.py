"""A tiny HTTP server on 127.0.0.1 for scraper tests: serves a dict of routes, with ETags and scripted failures."""
from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Site:
    """Routes: path -> bytes (200 with an ETag), ("redirect", target), or a list of statuses served first."""

    def __init__(self):
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.redirects: dict[str, str] = {}
        self.failures: dict[str, list[int]] = {}  # path -> statuses to answer before the page
        self.log: list[tuple[str, int]] = []  # (path, status) of every request
        self.user_agents: set[str] = set()

    def add(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8"):
        self.pages[path] = (body.encode() if isinstance(body, str) else body, content_type)

    def hits(self, path: str) -> list[int]:
        return [status for p, status in self.log if p == path]


def serve(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, status: int, body: bytes = b"", headers: dict | None = None):
            site.log.append((self.path, status))
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            site.user_agents.add(self.headers.get("User-Agent", ""))
            path = self.path.split("?")[0]
            pending = site.failures.get(path)
            if pending:
                status = pending.pop(0)
                return self.answer(status, b"try later", {"Retry-After": "0"} if status == 429 else {})
            if path in site.redirects:
                return self.answer(301, b"", {"Location": site.redirects[path]})
            if path not in site.pages:
                return self.answer(404, b"not found", {"Content-Type": "text/plain"})
            body, ctype = site.pages[path]
            etag = '"' + hashlib.sha1(body).hexdigest() + '"'
            if self.headers.get("If-None-Match") == etag:
                return self.answer(304, b"", {"ETag": etag})
            self.answer(200, body, {"Content-Type": ctype, "ETag": etag})

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
