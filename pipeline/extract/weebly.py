"""Extraction for the `weebly` kind. (Being built: issue 5.)"""
from __future__ import annotations

from ..model import Extraction, ParsedDocument
from .letter import letter_info


def extract(doc: ParsedDocument) -> Extraction:
    return Extraction(info=letter_info(doc, kind="weebly_page"), parsed=doc)
