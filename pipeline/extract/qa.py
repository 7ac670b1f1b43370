"""Numbered questions of a request paired with their answers. (Being built: issue 3.)"""
from __future__ import annotations

from ..model import ParsedDocument, QAPair


def extract_qa(doc: ParsedDocument) -> list[QAPair]:
    return []
