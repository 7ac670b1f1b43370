"""Write fetched files into raw/ only when their content changed, with a sidecar.

The sidecar `<file>.fetch.json` records the URL, the fetch time and the useful
response headers (and, for crawled pages, the navigation path). `discover`
skips sidecars, and the extract stage reads them into `meta["fetch"]`. Because a
file is rewritten only when its bytes change, the next `make extract` sees an
unchanged SHA-256 and reprocesses nothing.
"""
from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..discover import SIDECAR_SUFFIX

KEPT_HEADERS = ("ETag", "Last-Modified", "Content-Type", "Content-Length", "Date")


def safe_name(text: str, default: str = "index") -> str:
    """A file-system-safe name for a URL path segment."""
    name = re.sub(r"[^\w.\-]+", "_", unquote(text)).strip("._")
    return name[:150] or default


def path_for_url(url: str, default_ext: str = ".html") -> str:
    """A relative path mirroring the URL: host/path, with an extension for pages."""
    parts = urlsplit(url)
    segments = [safe_name(s) for s in parts.path.split("/") if s]
    if not segments:
        segments = ["index"]
    if not Path(segments[-1]).suffix:
        segments[-1] += default_ext
    return "/".join([safe_name(parts.netloc)] + segments)


def save_if_changed(raw_dir: Path, rel_path: str, content: bytes, url: str, headers: dict | None = None,
                    extra: dict | None = None) -> bool:
    """Write `content` to raw_dir/rel_path unless the file already holds exactly it. Returns True if written.

    The sidecar is rewritten whenever the file is, or when its recorded facts
    (URL, navigation path...) changed; a sidecar-only change does not touch the
    document itself.
    """
    path = Path(raw_dir) / rel_path
    path.parent.mkdir(parents=True, exist_ok=True)
    changed = not path.exists() or hashlib.sha256(path.read_bytes()).digest() != hashlib.sha256(content).digest()
    if changed:
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(content)
        tmp.replace(path)
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    facts = {"url": url, **(extra or {})}
    old = json.loads(side.read_text(encoding="utf-8")) if side.exists() else {}
    if changed or any(old.get(k) != v for k, v in facts.items()):
        record = {
            **facts,
            "fetched_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "sha256": hashlib.sha256(content).hexdigest(),
            "headers": {k: v for k, v in (headers or {}).items() if k in KEPT_HEADERS},
        }
        side.write_text(json.dumps(record, indent=1, ensure_ascii=False), encoding="utf-8")
    return changed
