"""Shared fixtures and helpers: the shipped samples, small generated documents, letters as text."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "raw"  # the shipped samples (a copy of shared/samples)


@pytest.fixture
def samples_dir(tmp_path) -> Path:
    """A private copy of the shipped sample folder, safe to modify."""
    dst = tmp_path / "raw"
    shutil.copytree(SAMPLES, dst, ignore=shutil.ignore_patterns("sources.toml", "*.fetch.json", ".*"))
    return dst


def make_text_pdf(path: Path, pages: list[str]) -> Path:
    """A simple PDF with a text layer, one string (may hold newlines) per page."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    pdf.output(str(path))
    return path


def text_doc(text: str, source: str = "letter.txt") -> "ParsedDocument":
    """A ParsedDocument from plain text, line by line (as the WhatDoTheyKnow extractor builds one from a message)."""
    from pipeline.model import ParsedDocument
    from pipeline.parse.lines import TextBuilder

    b = TextBuilder()
    for line in text.split("\n"):
        b.add(line)
    return ParsedDocument(source=source, format="txt", text=b.text, raw_text=text, lines=b.lines)


def qa(text: str) -> list[tuple[str, str, str | None, str]]:
    """(number, question, answer, status) of each question/answer pair of a letter given as text."""
    from pipeline.extract.qa import extract_qa

    return [(q.number, q.question, q.answer, q.answer_status) for q in extract_qa(text_doc(text))]


def rows_of(table) -> list[list[str]]:
    """An extracted table's body as rows of cell values."""
    out: dict[int, list[str]] = {}
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        out.setdefault(cell.row, []).append(cell.value)
    return [out[r] for r in sorted(out)]


def tables_in_text(tmp_path: Path, text: str, name: str = "response.txt"):
    """The tables extracted from `text` saved as a file and parsed."""
    from pipeline.extract.tables import extract_tables
    from pipeline.parse import parse_file

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_tables(parse_file(path, name))
