"""Emails (.eml). (Being built: issue 7.)"""
from __future__ import annotations

from pathlib import Path

from ..model import ParsedDocument
from . import text


def parse(path: Path, source: str) -> ParsedDocument:
    doc = text.parse(path, source)
    doc.format = "eml"
    return doc
