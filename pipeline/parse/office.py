"""Word letters, spreadsheets and CSV annexes. (Being built: issue 7.)"""
from __future__ import annotations

from pathlib import Path

from ..errors import DocumentError
from ..model import ParsedDocument


def parse(path: Path, source: str, fmt: str) -> ParsedDocument:
    raise DocumentError("unsupported_format", f"Reading {fmt} files is not supported yet.")
