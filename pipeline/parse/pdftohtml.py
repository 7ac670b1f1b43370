"""Placeholder reader for the `pdftohtml` HTML flavour: generic block text until its own parser lands."""
from __future__ import annotations

from ..model import ParsedDocument
from .html import parse_generic


def parse(soup, html: str, source: str) -> ParsedDocument:
    return parse_generic(soup, html, source, flavor="wdtk_attachment")
