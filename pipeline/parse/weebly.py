"""Weebly pages (saved HTML, or a text rendering of one). (Being built: issue 5.)"""
from __future__ import annotations

from ..model import ParsedDocument
from .html import parse_generic
from .lines import TextBuilder


def parse(soup, html: str, source: str) -> ParsedDocument:
    return parse_generic(soup, html, source, flavor="weebly")


def is_text_rendering(raw: str) -> bool:
    """True for the text rendering of a Weebly page (as a browser's "save as text" gives)."""
    return "Proudly powered by Weebly" in raw


def parse_text_rendering(raw: str, source: str) -> ParsedDocument:
    b = TextBuilder()
    for line in raw.split("\n"):
        b.add(line)
    return ParsedDocument(source=source, format="txt", text=b.text, raw_text=raw, lines=b.lines, flavor="weebly")
