"""Documents of no recognised kind (data annexes, unrelated pages): metadata, tables and fields.

A data annex rarely has a heading of its own: its title is the file's title
property when set, else the caption of its first table.
"""
from __future__ import annotations

from ..model import Extraction, ParsedDocument
from .letter import letter_fields, letter_info
from .tables import extract_tables
from .thread import quoted_messages


def extract(doc: ParsedDocument) -> Extraction:
    info = letter_info(doc, kind="other")
    tables = extract_tables(doc)
    if not info.title:
        info.title = doc.meta.get("workbook_title") or doc.meta.get("docx_title") or next(
            (t.title for t in tables if t.title), None
        )
    messages, attachments = quoted_messages(doc)
    return Extraction(info=info, parsed=doc, tables=tables, fields=letter_fields(doc),
                      messages=messages, attachments=attachments)
