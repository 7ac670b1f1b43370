"""Extraction for the `wdtk` kind. (Being built: issue 4.)"""
from __future__ import annotations

from ..model import Extraction, ParsedDocument
from .letter import letter_info


def extract(doc: ParsedDocument) -> Extraction:
    return Extraction(info=letter_info(doc, kind="foi_request_thread"), parsed=doc)
