"""The PDF parser: PDFium text that says what pdfplumber says, ruled tables only where rulings are,
running headers/footers cut, page breaks that do not break answers, and clear errors."""
from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest

from conftest import SAMPLES
from pipeline.errors import DocumentError
from pipeline.extract import extract
from pipeline.model import ParsedDocument, TableGrid
from pipeline.parse import ocr, pdf
from pipeline.parse.lines import TextBuilder
from pipeline.normalise import clean_line

SAMPLE_PDFS = sorted((SAMPLES / "pdf").glob("*.pdf"))


def words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())


# --------------------------------------------------------------------------
# The real samples: PDFium's text is pdfplumber's text
# --------------------------------------------------------------------------


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: p.name)
def test_pdfium_text_has_pdfplumbers_words_in_its_order(path):
    doc = pdf.parse(path, path.name)
    with pdfplumber.open(path) as plumber:
        reference = [page.extract_text() for page in plumber.pages]
    ours = doc.raw_text.split("\f")  # every page, running headers and footers included
    assert len(ours) == len(reference)
    for page_ours, page_ref in zip(ours, reference):
        # Nothing lost and nothing invented: the same letters on every page...
        assert sorted("".join(words(page_ours))) == sorted("".join(words(page_ref)))
        # ...in the same order, but for where a word break falls or a line set in another font size sorts.
        stream = difflib.SequenceMatcher(None, "".join(words(page_ours)), "".join(words(page_ref)), autojunk=False)
        assert stream.ratio() > 0.98


def plumber_document(path: Path) -> ParsedDocument:
    """What the parser made of a PDF before it read text with PDFium: pdfplumber's lines and tables on every page."""
    b = TextBuilder()
    tables = []
    with pdfplumber.open(path) as plumber:
        for number, page in enumerate(plumber.pages, start=1):
            for line in page.extract_text_lines(strip=True, return_chars=False):
                b.add(line["text"], page=number, x0=line["x0"], x1=line["x1"], top=line["top"])
            b.break_paragraph()
            for t in page.find_tables():
                rows = [[clean_line(c or "") for c in row] for row in t.extract()]
                tables.append(TableGrid(rows=rows, method="ruled", page=number, bbox=tuple(t.bbox)))
    return ParsedDocument(source=path.name, format="pdf", text=b.text, raw_text="", lines=b.lines,
                          pages=len(plumber.pages), tables=tables)


def records(path_or_doc) -> dict:
    x = extract(path_or_doc)
    return {
        "questions": [(q.number, words(q.question), words(q.answer or ""), q.answer_status, q.page) for q in x.qa_pairs],
        "tables": [(t.method, t.page, t.header, t.n_rows, t.n_cols, t.total_check,
                    [(c.row, c.col, c.value) for c in t.cells]) for t in x.tables],
        "exemptions": [(e.provision, e.qa_number, e.decision) for e in x.exemptions],
    }


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: p.name)
def test_the_same_records_as_the_pdfplumber_only_path(path):
    assert records(pdf.parse(path, path.name)) == records(plumber_document(path))


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: p.name)
def test_ruled_tables_are_pdfplumbers_tables(path):
    """pdfplumber's table finder over PDFium's paths and characters finds what it finds over pdfminer's parse."""
    with pdfplumber.open(path) as plumber:
        reference = [(number, [[clean_line(c or "") for c in row] for row in t.extract()], t.bbox)
                     for number, page in enumerate(plumber.pages, start=1) for t in page.find_tables()]
    tables = pdf.parse(path, path.name).tables
    assert [(t.page, t.rows) for t in tables] == [(n, rows) for n, rows, _ in reference]
    for t, (_, _, bbox) in zip(tables, reference):
        assert t.bbox == pytest.approx(bbox, abs=1)


# --------------------------------------------------------------------------
# Generated letters
# --------------------------------------------------------------------------

PAGE_W, PAGE_H = 595, 842


def draw_letter(path: Path, pages: list[list[tuple[float, float, str]]], header: str | None = None,
                footer: str | None = None, ruled: dict[int, list[list[str]]] | None = None,
                bold: set[str] = frozenset()) -> Path:
    """A PDF with text at (x, top) on each page; optional running header/footer and ruled tables (page -> rows)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    for n, items in enumerate(pages, start=1):
        if header:
            c.setFont("Helvetica", 8)
            c.drawString(72, PAGE_H - 40, header)
        for x, top, text in items:
            c.setFont("Helvetica-Bold" if text in bold else "Helvetica", 12 if text in bold else 10)
            c.drawString(x, PAGE_H - top, text)
        for page, rows in (ruled or {}).items():
            if page != n:
                continue
            top, cols = 500, (72, 250, 400)
            for r, row in enumerate(rows):
                for col, cell in enumerate(row):
                    c.setFont("Helvetica", 10)
                    c.drawString(cols[col] + 4, PAGE_H - (top + r * 18 + 13), cell)
            for r in range(len(rows) + 1):
                c.line(cols[0], PAGE_H - (top + r * 18), cols[-1], PAGE_H - (top + r * 18))
            for x in cols:
                c.line(x, PAGE_H - top, x, PAGE_H - (top + 18 * len(rows)))
        if footer:
            c.setFont("Helvetica", 8)
            c.drawString(72, PAGE_H - 810, footer.format(n=n, total=len(pages)))
        c.showPage()
    c.save()
    return path


def test_a_page_break_inside_an_answer_leaves_neither_a_footer_nor_a_paragraph_break(tmp_path):
    answer = [(72, 200 + 14 * i, f"line {i} of the answer to the second question, which is long") for i in range(41)]
    pages = [
        [(72, 100, "Dear Ms Smith,"), (72, 130, "1. Yes."), (72, 158, "2. How many cases were open?")]
        + [(72, 172, "There were 22 cases open at the time of your request, and the")] + answer
        + [(72, 780, "figures are held by the casework team, who")],
        [(72, 100, "checked them on 1 July 2020."), (72, 128, "3. What was the cost?"), (72, 142, "Nothing.")],
    ]
    doc = pdf.parse(draw_letter(tmp_path / "letter.pdf", pages, header="Ministry of Justice | Disclosure Team",
                                footer="Page {n} of {total}"), "letter.pdf")
    assert "the casework team, who\nchecked them on 1 July 2020." in doc.text
    assert "Page 1 of 2" not in doc.text and "Disclosure Team" not in doc.text
    assert {(f["page"], f["text"]) for f in doc.meta["page_furniture"]} == {
        (1, "Ministry of Justice | Disclosure Team"), (2, "Ministry of Justice | Disclosure Team"),
        (1, "Page 1 of 2"), (2, "Page 2 of 2")}
    assert doc.meta["page_starts"][1] == doc.text.index("checked them")
    assert doc.page_of(doc.text.index("checked them")) == 2
    # A wide vertical gap is a paragraph break.
    assert "Dear Ms Smith,\n\n1. Yes.\n\n2. How many cases were open?\nThere were 22" in doc.text


def test_a_heading_repeated_mid_page_is_not_furniture(tmp_path):
    pages = [[(72, 100, "Dear Sir,"), (72, 400, "Our response"), (72, 414, "Yes.")],
             [(72, 100, "More text."), (72, 400, "Our response"), (72, 414, "No.")]]
    doc = pdf.parse(draw_letter(tmp_path / "letter.pdf", pages), "letter.pdf")
    assert doc.text.count("Our response") == 2


def test_table_cells_and_side_by_side_blocks_become_separate_lines(tmp_path):
    pages = [[(72, 100, "Thank you for your request about agency staff in the region."),
              (72, 130, "Year"), (250, 130, "Count"), (72, 144, "2019/20"), (250, 144, "17"),
              (72, 158, "2020/21"), (250, 158, "22")]]
    doc = pdf.parse(draw_letter(tmp_path / "letter.pdf", pages), "letter.pdf")
    texts = [line.text for line in doc.lines]
    assert "Thank you for your request about agency staff in the region." in texts
    year, count = (next(l for l in doc.lines if l.text == t) for t in ("Year", "Count"))
    assert year.top == count.top and count.x0 == pytest.approx(250, abs=1)
    assert [l.text for l in doc.lines if l.top == year.top] == ["Year", "Count"]
    assert not doc.tables  # no rulings: pdfplumber was not asked


def test_ruled_tables_are_read_on_the_ruled_page_only(tmp_path, monkeypatch):
    rows = [["Year", "Count"], ["2019/20", "17"], ["Total", "17"]]
    pages = [[(72, 100, "Page one has no table.")], [(72, 100, "The figures are below.")]]
    read = []
    real = pdf.ruled_tables
    monkeypatch.setattr(pdf, "ruled_tables", lambda chars, groups, number: read.append(number) or real(chars, groups, number))
    doc = pdf.parse(draw_letter(tmp_path / "letter.pdf", pages, ruled={2: rows}), "letter.pdf")
    assert read == [2]  # only page 2's characters were collected for a table
    assert [(t.method, t.page, t.rows) for t in doc.tables] == [("ruled", 2, rows)]


def test_a_lone_box_is_not_a_table(tmp_path):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "box.pdf"), pagesize=(PAGE_W, PAGE_H))
    c.rect(60, 600, 400, 100, fill=1)  # a shaded panel behind a paragraph
    c.drawString(72, 650, "Please quote the reference number in any correspondence.")
    c.showPage()
    c.save()
    page = pypdfium2.PdfDocument(str(tmp_path / "box.pdf"))[0]
    assert pdf.ruled_cell_groups(page, page.get_mediabox()[3]) == []


def test_bold_and_size_of_a_heading(tmp_path):
    pages = [[(72, 100, "Freedom of Information Request"), (72, 130, "Dear Sir,")]]
    doc = pdf.parse(draw_letter(tmp_path / "l.pdf", pages, bold={"Freedom of Information Request"}), "l.pdf")
    heading, body = doc.lines
    assert heading.bold and heading.size == pytest.approx(12, abs=0.5)
    assert not body.bold and body.size == pytest.approx(10, abs=0.5)


# --------------------------------------------------------------------------
# Errors and scans
# --------------------------------------------------------------------------


def test_encrypted_and_corrupt_pdfs(tmp_path):
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    locked = FPDF()
    locked.set_encryption(owner_password="o", user_password="u", encryption_method=EncryptionMethod.RC4)
    locked.add_page()
    locked.set_font("helvetica", size=12)
    locked.cell(0, 10, "Secret")
    locked.output(str(tmp_path / "locked.pdf"))
    with pytest.raises(DocumentError) as e:
        pdf.parse(tmp_path / "locked.pdf", "locked.pdf")
    assert e.value.error_type == "encrypted_pdf" and "password" in e.value.message

    data = SAMPLE_PDFS[0].read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[: len(data) // 3])
    with pytest.raises(DocumentError) as e:
        pdf.parse(tmp_path / "cut.pdf", "cut.pdf")
    assert e.value.error_type == "corrupt_pdf"


def scan(path: Path, pages: list[str | None]) -> Path:
    """Pages with text (a string) or without a text layer (None: a drawn rectangle, as a scan's image would be)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    for text in pages:
        if text is None:
            c.rect(100, 100, 300, 300, fill=1)
        else:
            c.drawString(72, 700, text)
        c.showPage()
    c.save()
    return path


def test_a_scan_without_ocr_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)  # Tesseract is not installed
    with pytest.raises(DocumentError) as e:
        pdf.parse(scan(tmp_path / "scan.pdf", [None, None]), "scan.pdf")
    assert e.value.error_type == "needs_ocr" and "Pages 1, 2" in e.value.message and "make ocr-deps" in e.value.message
    mixed = pdf.parse(scan(tmp_path / "mixed.pdf", ["Dear Sir, the letter is typed.", None]), "mixed.pdf")
    assert mixed.text == "Dear Sir, the letter is typed." and mixed.needs_ocr_pages == [2]


def test_scanned_pages_are_read_by_ocr(tmp_path, monkeypatch):
    asked = []

    def ocr_pages(path, pages):
        asked.append(pages)
        return {n: f"Text read from page {n}.\n\nSecond paragraph." for n in pages}

    monkeypatch.setattr(pdf, "ocr_pages", ocr_pages)
    doc = pdf.parse(scan(tmp_path / "mixed.pdf", ["Dear Sir,", None]), "mixed.pdf")
    assert asked == [[2]] and doc.meta["ocr_pages"] == [2]
    assert doc.text == "Dear Sir,\nText read from page 2.\n\nSecond paragraph."
    assert doc.needs_ocr_pages == [] and doc.page_of(doc.text.index("Second")) == 2


def test_figures_ending_two_pages_are_table_data_not_a_running_footer(tmp_path):
    pages = [[(72, 100, "Referrals by year are below."), (72, 760, "2019"), (72, 774, "16")],
             [(72, 100, "The table continues."), (72, 760, "2020"), (72, 774, "52")]]
    doc = pdf.parse(draw_letter(tmp_path / "letter.pdf", pages), "letter.pdf")
    assert [l.text for l in doc.lines if l.text.isdigit()] == ["2019", "16", "2020", "52"]
