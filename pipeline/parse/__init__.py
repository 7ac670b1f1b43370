"""Stage 2, parse: a file on disk into a `ParsedDocument`, whatever its format.

Each format has its own module exposing `parse(path, source) -> ParsedDocument`.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..discover import SIDECAR_SUFFIX, read_head, sniff_format
from ..errors import DocumentError
from ..model import ParsedDocument


def parse_file(path: Path, source: str) -> ParsedDocument:
    """Parse one file; the scrapers' sidecar (URL, navigation path...) goes into `meta["fetch"]`."""
    doc = _parse(Path(path), source)
    sidecar = read_sidecar(Path(path))
    if sidecar:
        doc.meta["fetch"] = sidecar
    return doc


def read_sidecar(path: Path) -> dict | None:
    """What `foi fetch` recorded about a file it saved (`<file>.fetch.json`), if anything."""
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    if not side.is_file():
        return None
    try:
        return json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _parse(path: Path, source: str) -> ParsedDocument:
    fmt = sniff_format(read_head(path), path)
    if fmt == "empty":
        raise DocumentError("empty_file", "The file is empty (0 bytes): there is nothing to extract.")
    if fmt == "pdf":
        from . import pdf

        return pdf.parse(path, source)
    if fmt == "html":
        from . import html

        return html.parse(path, source)
    if fmt == "txt":
        from . import text

        return text.parse(path, source)
    if fmt == "eml":
        from . import email

        return email.parse(path, source)
    if fmt in ("docx", "xlsx", "csv", "doc"):
        from . import office

        return office.parse(path, source, fmt)
    if fmt == "zip":
        raise DocumentError(
            "unrecognised_format", "A zip archive that is neither a Word (.docx) nor an Excel (.xlsx) file."
        )
    raise DocumentError(
        "unrecognised_format",
        "The content is not a PDF, HTML page, Office document or text in a known encoding "
        "(it looks like binary data).",
    )
