"""PDF letters: text lines per page with their positions, and ruled tables.

pdfplumber gives each line's position (for layout-aware extraction) and finds
ruled tables from the drawn lines. Pages with no text layer are reported in
`needs_ocr_pages`; a PDF with no text at all raises `needs_ocr`.
"""
from __future__ import annotations

from pathlib import Path

import pdfplumber

from ..errors import DocumentError
from ..model import ParsedDocument, TableGrid
from ..normalise import clean_line
from .lines import TextBuilder


def open_pdf(path: Path):
    try:
        return pdfplumber.open(path)
    except Exception as e:  # pdfminer raises many types for broken files
        raise pdf_error(e) from e


def pdf_error(e: Exception) -> DocumentError:
    name = type(e).__name__
    text = str(e)
    if "Password" in name or "Encrypt" in name or "password" in text.lower() or "encrypt" in text.lower():
        return DocumentError(
            "encrypted_pdf",
            "The PDF is encrypted with a password, so its text cannot be read. "
            "Ask the authority for an unprotected copy, or decrypt it (e.g. `qpdf --decrypt`).",
        )
    return DocumentError(
        "corrupt_pdf",
        f"The PDF cannot be read: it is damaged or truncated ({name}: {text[:200] or 'no detail'}).",
    )


def parse(path: Path, source: str) -> ParsedDocument:
    b = TextBuilder()
    raw_pages: list[str] = []
    tables: list[TableGrid] = []
    needs_ocr: list[int] = []
    pdf = open_pdf(path)
    try:
        with pdf:
            n_pages = len(pdf.pages)
            for pno, page in enumerate(pdf.pages, start=1):
                try:
                    lines = page.extract_text_lines(strip=True, return_chars=False)
                    found = page.find_tables()
                except Exception as e:
                    raise pdf_error(e) from e
                raw_pages.append("\n".join(l["text"] for l in lines))
                if not any(l["text"].strip() for l in lines):
                    needs_ocr.append(pno)
                for l in lines:
                    b.add(l["text"], page=pno, x0=l["x0"], x1=l["x1"], top=l["top"])
                b.break_paragraph()
                for t in found:
                    rows = [[clean_line(c or "") for c in row] for row in t.extract()]
                    if rows:
                        tables.append(TableGrid(rows=rows, method="ruled", page=pno, bbox=tuple(t.bbox)))
    except DocumentError:
        raise
    except Exception as e:
        raise pdf_error(e) from e
    if n_pages == 0:
        raise DocumentError("corrupt_pdf", "The PDF has no pages.")
    if len(needs_ocr) == n_pages:
        raise DocumentError(
            "needs_ocr",
            f"The PDF has no text layer on any of its {n_pages} page(s): it is a scan and needs OCR "
            "(install OCRmyPDF with `make ocr-deps`).",
        )
    return ParsedDocument(
        source=source,
        format="pdf",
        text=b.text,
        raw_text="\f".join(raw_pages),
        lines=b.lines,
        pages=n_pages,
        tables=tables,
        needs_ocr_pages=needs_ocr,
    )
