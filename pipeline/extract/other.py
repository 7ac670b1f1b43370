"""Documents of no recognised kind (data annexes, unrelated pages): metadata, tables and fields."""
from __future__ import annotations

from ..model import Extraction, ParsedDocument
from .letter import letter_fields, letter_info
from .tables import extract_tables


def extract(doc: ParsedDocument) -> Extraction:
    return Extraction(
        info=letter_info(doc, kind="other"),
        parsed=doc,
        tables=extract_tables(doc),
        fields=letter_fields(doc),
    )
