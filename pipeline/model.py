"""The internal document model shared by every stage.

`ParsedDocument` is what the parse stage makes of a file, whatever its format:
the text, cut into `Line`s that keep their provenance (page, character offsets
into the text, position on the page when known), plus the tables the parser
itself could see (ruled PDF tables, HTML/Word/spreadsheet tables).

The record dataclasses below are what the extract stage produces. They carry no
ids: `pipeline.process` numbers them and the load stage writes them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Line:
    """One line of a document's text, with where it came from."""

    text: str
    start: int  # offset of the line in ParsedDocument.text
    end: int
    page: int | None = None  # 1-based page number (PDF, pdftohtml HTML)
    x0: float | None = None  # left edge on the page, in points, when known
    top: float | None = None  # distance from the page top, in points
    x1: float | None = None
    bold: bool = False
    size: float | None = None  # font size when known


@dataclass
class TableGrid:
    """A table as the parser saw it: rows of cell texts, header rows first."""

    rows: list[list[str]]
    method: str  # ruled | text_layout | linearised | html
    page: int | None = None
    title: str | None = None
    header_rows: int = 1
    bbox: tuple[float, float, float, float] | None = None
    start: int | None = None  # offset in ParsedDocument.text of the table's first cell, when known
    end: int | None = None


@dataclass
class ParsedDocument:
    """What the parse stage hands to the later stages."""

    source: str  # path relative to the input folder, or URL
    format: str  # pdf | html | txt | docx | xlsx | csv | eml | ...
    text: str  # content text, NFC, whitespace normalised per line
    raw_text: str  # the text as first extracted, before cleaning
    lines: list[Line] = field(default_factory=list)
    pages: int | None = None
    tables: list[TableGrid] = field(default_factory=list)
    # What kind of page an HTML file is, as the HTML parser recognised it
    # (wdtk_request | wdtk_attachment | weebly | generic); None for other formats.
    flavor: str | None = None
    # Anything else a parser learned that an extractor may use: the HTML source
    # (`html`), PDF metadata, a Weebly page's navigation, a WDTK thread's messages...
    meta: dict[str, Any] = field(default_factory=dict)
    needs_ocr_pages: list[int] = field(default_factory=list)

    def page_of(self, offset: int) -> int | None:
        """The page holding character `offset` of `text` (None when unpaged)."""
        page = None
        for line in self.lines:
            if line.start > offset:
                break
            page = line.page
        return page


# --------------------------------------------------------------------------
# Records (the extract stage's output; one dataclass per database table)
# --------------------------------------------------------------------------


@dataclass
class DocumentInfo:
    """The metadata columns of a `documents` row."""

    kind: str = "other"  # foi_response | foi_request_thread | weebly_page | other
    title: str | None = None
    authority: str | None = None
    reference: str | None = None  # several references joined with "; "
    request_title: str | None = None
    request_date: str | None = None
    response_date: str | None = None
    legislation: str | None = None
    outcome: str | None = None
    category: str | None = None


@dataclass
class Message:
    seq: int
    direction: str  # request | response
    sent_at: str | None
    author: str | None
    text: str
    reference: str | None = None
    # Extras beyond the contract.
    subject: str | None = None
    char_start: int | None = None  # offsets into documents.text
    char_end: int | None = None


@dataclass
class Attachment:
    name: str
    message_seq: int | None = None
    url: str | None = None
    html_url: str | None = None
    size: str | None = None
    content_type: str | None = None


@dataclass
class QAPair:
    seq: int
    number: str
    question: str
    answer: str | None
    answer_status: str  # answered | withheld | partly_withheld | not_held | refused | clarification_sought | unanswered
    page: int | None = None
    question_start: int | None = None  # offsets into documents.text
    question_end: int | None = None
    answer_start: int | None = None
    answer_end: int | None = None
    message_seq: int | None = None  # for threads: the message the question was asked in


@dataclass
class Cell:
    row: int  # 0-based, header excluded
    col: int
    header: str | None
    value: str
    number: float | None = None
    is_total: bool = False
    fy_label: str | None = None  # financial year, when the value is one ("2013-14")
    fy_start: str | None = None
    fy_end: str | None = None


@dataclass
class Table:
    seq: int
    title: str | None
    page: int | None
    header: list[str]
    cells: list[Cell]
    method: str  # ruled | text_layout | linearised | html
    total_check: str = "none"  # ok | mismatch | none
    n_rows: int = 0
    n_cols: int = 0
    char_start: int | None = None
    char_end: int | None = None


@dataclass
class Exemption:
    legislation: str
    provision: str  # canonical: s.22(1), s.40(2), s.12, reg.12(5)(c)
    name: str | None = None
    kind: str | None = None  # absolute | qualified | procedural
    qa_number: str | None = None
    public_interest_test: bool = False
    factors_for_disclosure: list[str] = field(default_factory=list)
    factors_for_withholding: list[str] = field(default_factory=list)
    decision: str | None = None  # withheld | neither_confirm_nor_deny | refused | ...
    quote: str | None = None
    page: int | None = None
    char_start: int | None = None
    char_end: int | None = None


@dataclass
class Entity:
    label: str
    text: str
    normalised: str | None
    char_start: int
    char_end: int


@dataclass
class Programme:
    name: str | None
    country: str | None = None
    target_audience: str | None = None
    organisation: str | None = None
    objectives: str | None = None
    description: str | None = None
    category: str | None = None
    source_url: str | None = None


@dataclass
class FieldPair:
    seq: int
    label: str
    value: str


@dataclass
class Extraction:
    """Everything extracted from one document: the unit the load stage replaces atomically."""

    info: DocumentInfo
    parsed: ParsedDocument
    messages: list[Message] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    qa_pairs: list[QAPair] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    exemptions: list[Exemption] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    programmes: list[Programme] = field(default_factory=list)
    fields: list[FieldPair] = field(default_factory=list)
    # Links to other documents (e.g. an attachment page to its request thread).
    links: dict[str, Any] = field(default_factory=dict)
