"""FOI responses (letters, attachment pages, text renderings): Q&A pairs, tables, exemptions."""
from __future__ import annotations

from ..model import Extraction, ParsedDocument
from .exemptions import extract_exemptions
from .letter import letter_fields, letter_info
from .qa import extract_qa
from .tables import extract_tables


def extract(doc: ParsedDocument) -> Extraction:
    info = letter_info(doc, kind="foi_response")
    qa_pairs = extract_qa(doc)
    exemptions = extract_exemptions(doc, qa_pairs)
    return Extraction(
        info=info,
        parsed=doc,
        qa_pairs=qa_pairs,
        tables=extract_tables(doc),
        exemptions=exemptions,
        fields=letter_fields(doc),
    )
