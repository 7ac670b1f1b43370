"""PDF letters the way real ones go wrong: running headers and footers of every shape, letterhead blocks side
by side, two-column text, turned and cropped pages, odd fonts and text, and files that are damaged or locked.

Each PDF is built here (reportlab, fpdf2, or written object by object) and goes through `pdf.parse`.
"""
from __future__ import annotations

import random
from pathlib import Path

import pypdfium2
import pytest
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph, SimpleDocTemplate, Table, TableStyle

from pipeline.errors import DocumentError
from pipeline.parse import pdf

W, H = 595, 842
WORDS = ("the council holds information about contracts staff budgets housing schools roads waste parks library "
         "services records request response figures year total cost officers").split()


def prose(seed: int, n: int, words: int = 10) -> list[str]:
    """`n` different sentences (the same seed gives the same sentences)."""
    r = random.Random(seed)
    return [" ".join(r.choice(WORDS) for _ in range(words)).capitalize() + "." for _ in range(n)]


def draw(path: Path, pages: list[list[tuple[float, float, str]]], size: float = 10, font: str = "Helvetica") -> Path:
    """A PDF with each string at (x, top) on its page; a negative x right-aligns the string at -x."""
    c = rl_canvas.Canvas(str(path), pagesize=(W, H))
    for items in pages:
        for x, top, text in items:
            c.setFont(font, size)
            if x < 0:
                c.drawRightString(-x, H - top, text)
            else:
                c.drawString(x, H - top, text)
        c.showPage()
    c.save()
    return path


def body_page(seed: int, n: int = 40, top: float = 100, pitch: float = 14) -> list[tuple[float, float, str]]:
    return [(72, top + pitch * i, line) for i, line in enumerate(prose(seed, n))]


def parse(path: Path):
    return pdf.parse(path, path.name)


def furniture(doc) -> list[tuple[int, str]]:
    return [(f["page"], f["text"]) for f in doc.meta["page_furniture"]]


# --------------------------------------------------------------------------
# Running headers and footers
# --------------------------------------------------------------------------


def test_a_page_label_under_a_marking_and_the_authority_and_a_marking_at_the_foot_are_furniture(tmp_path):
    pages = [[(72, 30, "OFFICIAL"), (72, 40, "Ministry of Justice"), (72, 50, f"Page {n} of 3")]
             + body_page(n) + [(-W / 2 - 20, 822, "OFFICIAL")] for n in (1, 2, 3)]
    doc = parse(draw(tmp_path / "l.pdf", pages, size=8))
    assert "OFFICIAL" not in doc.text and "Page" not in doc.text and "Ministry" not in doc.text
    assert furniture(doc) == [(n, t) for n in (1, 2, 3)
                              for t in ("OFFICIAL", "Ministry of Justice", f"Page {n} of 3", "OFFICIAL")]
    assert doc.text.split("\n") == [line for n in (1, 2, 3) for line in prose(n, 40)]


def test_a_footer_of_three_lines_and_a_page_label_is_furniture(tmp_path):
    footer = ["Anytown Council, Town Hall, High Street, Anytown AB1 2CD", "Telephone 01234 567890", "www.anytown.gov.uk"]
    pages = [body_page(n) + [(72, 790 + 10 * i, line) for i, line in enumerate(footer + [f"Page {n} of 3"])]
             for n in (1, 2, 3)]
    doc = parse(draw(tmp_path / "l.pdf", pages, size=8))
    assert furniture(doc) == [(n, t) for n in (1, 2, 3) for t in footer + [f"Page {n} of 3"]]
    assert "Anytown" not in doc.text and "www" not in doc.text


def test_a_protective_marking_on_a_one_page_letter_is_furniture(tmp_path):
    page = [(-W / 2 - 40, 25, "OFFICIAL-SENSITIVE")] + body_page(1, n=10) + [(-W / 2 - 40, 825, "OFFICIAL-SENSITIVE")]
    doc = parse(draw(tmp_path / "l.pdf", [page]))
    assert furniture(doc) == [(1, "OFFICIAL-SENSITIVE"), (1, "OFFICIAL-SENSITIVE")]
    assert doc.text.split("\n") == prose(1, 10)


def test_page_numbers_after_an_unnumbered_cover_page_are_furniture(tmp_path):
    cover = [(72, 300, "Annual report on information requests 2023/24")]
    pages = [cover] + [body_page(n) + [(-W / 2, 800, f"- {n - 1} -" if n == 2 else str(n - 1))] for n in (2, 3, 4)]
    doc = parse(draw(tmp_path / "l.pdf", pages))
    assert furniture(doc) == [(2, "- 1 -"), (3, "2"), (4, "3")]


def test_a_header_from_page_two_with_the_page_number_in_it_is_furniture(tmp_path):
    pages = [body_page(1)] + [[(72, 40, f"FOI 2024/117 response to Mr Smith – page {n}")] + body_page(n) for n in (2, 3)]
    doc = parse(draw(tmp_path / "l.pdf", pages))
    assert furniture(doc) == [(2, "FOI 2024/117 response to Mr Smith – page 2"), (3, "FOI 2024/117 response to Mr Smith – page 3")]


def test_a_table_header_repeated_at_the_top_of_each_page_stays_with_its_table(tmp_path):
    def table_rows(first: int, top: float) -> list[tuple[float, float, str]]:
        rows = [("Ward", "Referrals", "Cost")] + [(f"Ward {k}", str(10 + k), f"£{100 * k:,}") for k in range(first, first + 40)]
        return [(x, top + 14 * r, cell) for r, row in enumerate(rows) for x, cell in zip((72, 250, 400), row)]

    pages = [[(72, 40, "Anytown Council – FOI 2024/117")] + [(72, 100, "The figures you asked for are below.")] + table_rows(1, 130),
             [(72, 40, "Anytown Council – FOI 2024/117")] + table_rows(41, 100),
             [(72, 40, "Anytown Council – FOI 2024/117")] + table_rows(81, 100)]
    doc = parse(draw(tmp_path / "l.pdf", pages))
    assert furniture(doc) == [(n, "Anytown Council – FOI 2024/117") for n in (1, 2, 3)]
    assert [line.page for line in doc.lines if line.text == "Referrals"] == [1, 2, 3]


def test_a_ruled_tables_header_repeated_on_each_page_stays_and_a_boxed_footer_is_furniture(tmp_path):
    from reportlab.lib import colors

    def furniture_on_each_page(c, _doc):
        c.setFont("Helvetica", 8)
        c.drawString(72, H - 30, "Anytown Council – FOI 2024/117")
        c.rect(70, 20, 300, 24)  # a boxed footer: a ruled "table" of one cell
        c.drawString(76, 36, "Anytown Council is a smoke-free site.")
        c.drawString(76, 26, "Please do not smoke on our premises.")

    rows = [["Ward", "Referrals"]] + [[f"Ward {k}", str(k * 3)] for k in range(1, 101)]
    table = Table(rows, colWidths=[200, 100], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    SimpleDocTemplate(str(tmp_path / "t.pdf"), topMargin=60, bottomMargin=70).build(
        [table], onFirstPage=furniture_on_each_page, onLaterPages=furniture_on_each_page)
    doc = parse(tmp_path / "t.pdf")
    assert doc.pages == 3
    assert [line.page for line in doc.lines if line.text == "Referrals"] == [1, 2, 3]
    assert "smoke" not in doc.text and "FOI 2024/117" not in doc.text
    assert {text for _, text in furniture(doc)} == {"Anytown Council – FOI 2024/117", "Anytown Council is a smoke-free site.",
                                                     "Please do not smoke on our premises."}


def test_rows_of_data_opening_each_page_are_not_a_running_header(tmp_path):
    # The same words and the same shape on each page, but numbers that neither stay put nor follow the page number.
    pages = [body_page(1)] + [[(72, 60, f"Ward {ward}: {cases} cases")] + body_page(n) for n, ward, cases in ((2, 3, 12), (3, 7, 4))]
    doc = parse(draw(tmp_path / "l.pdf", pages))
    assert furniture(doc) == []
    assert "Ward 3: 12 cases" in doc.text and "Ward 7: 4 cases" in doc.text


def test_a_signature_block_above_the_running_footer_is_not_furniture(tmp_path):
    footer = [(72, 800, "Anytown Council, Town Hall, Anytown AB1 2CD"), (72, 810, "www.anytown.gov.uk")]
    signature = [(72, 730, "Yours sincerely,"), (72, 760, "Jane Smith"), (72, 772, "Information Governance Officer")]
    pages = [body_page(1) + footer, body_page(2, n=10) + signature + footer]
    doc = parse(draw(tmp_path / "l.pdf", pages))
    assert doc.text.endswith("Yours sincerely,\n\nJane Smith\nInformation Governance Officer")
    assert {text for _, text in furniture(doc)} == {"Anytown Council, Town Hall, Anytown AB1 2CD", "www.anytown.gov.uk"}


# --------------------------------------------------------------------------
# Blocks side by side at the head of a letter
# --------------------------------------------------------------------------

OPENING = [(72, 250, "Dear Mr Smith,"),
           (72, 280, "Thank you for your request for information received on 2 April 2024, which we have handled."),
           (72, 294, "We hold the information you asked for and it is set out below in full for your reference.")]


def head_of(doc, before: str = "Dear Mr Smith,") -> str:
    return doc.text[: doc.text.index(before)]


def test_the_authoritys_address_on_the_right_reads_as_a_block_after_the_date_and_reference(tmp_path):
    left = [(72, 100, "3 May 2024"), (72, 112, "Our ref: FOI 2024/117")]
    right = [(-535, 100 + 12 * i, line) for i, line in enumerate(
        ["Information Governance", "Anytown Council", "Town Hall", "Market Square", "Anytown AB1 9ZZ", "Tel: 01234 567890"])]
    doc = parse(draw(tmp_path / "l.pdf", [left + right + OPENING]))
    assert head_of(doc) == ("3 May 2024\nOur ref: FOI 2024/117\n\nInformation Governance\nAnytown Council\nTown Hall\n"
                            "Market Square\nAnytown AB1 9ZZ\nTel: 01234 567890\n\n")


def test_the_recipients_address_beside_a_column_of_fields_reads_block_by_block(tmp_path):
    address = ["Mr J Smith", "12 High Street", "Anytown", "AB1 2CD"]
    fields = ["Our ref: FOI 2024/117", "Your ref: none", "Date: 3 May 2024", "Contact: J Doe"]
    page = [(72, 100 + 12 * i, line) for i, line in enumerate(address)] + [(340, 100 + 12 * i, f) for i, f in enumerate(fields)]
    doc = parse(draw(tmp_path / "l.pdf", [page + OPENING]))
    assert head_of(doc) == "\n".join(address) + "\n\n" + "\n".join(fields) + "\n\n"


def test_labels_and_their_values_beside_the_address_stay_together(tmp_path):
    address = ["Mr J Smith", "12 High Street", "Anytown", "AB1 2CD"]
    fields = [("Our ref:", "FOI 2024/117"), ("Date:", "3 May 2024"), ("Tel:", "01234 567890")]
    page = [(72, 100 + 12 * i, line) for i, line in enumerate(address)]
    page += [(x, 100 + 14 * i, text) for i, pair in enumerate(fields) for x, text in zip((340, 400), pair)]
    doc = parse(draw(tmp_path / "l.pdf", [page + OPENING]))
    assert head_of(doc) == ("Mr J Smith\n12 High Street\nAnytown\nAB1 2CD\n\n"
                            "Our ref:\nFOI 2024/117\nDate:\n3 May 2024\nTel:\n01234 567890\n\n")


def test_a_table_at_the_head_of_the_letter_is_read_row_by_row(tmp_path):
    rows = [("Year", "Count", "Cost"), ("2021", "12", "£400"), ("2022", "15", "£520"), ("2023", "9", "£310")]
    page = [(x, 100 + 14 * r, cell) for r, row in enumerate(rows) for x, cell in zip((72, 250, 400), row)]
    doc = parse(draw(tmp_path / "l.pdf", [page + OPENING]))
    assert head_of(doc).split() == [cell for row in rows for cell in row]


# --------------------------------------------------------------------------
# Two columns of text
# --------------------------------------------------------------------------

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12.5, spaceAfter=8)


def test_minutes_in_two_columns_read_column_by_column(tmp_path):
    path = tmp_path / "minutes.pdf"
    doc_template = BaseDocTemplate(str(path), pagesize=(W, H))
    half = (W - 100) / 2
    doc_template.addPageTemplates([PageTemplate(id="two", frames=[
        Frame(50, 700, W - 100, 90, id="title"), Frame(50, 60, half - 9, 640, id="left"), Frame(50 + half + 9, 60, half - 9, 640, id="right")])])
    items = [f"Item {i}. " + " ".join(prose(i, 4)) for i in range(1, 10)]
    doc_template.build([Paragraph("Minutes of the Board meeting held on 4 March 2024", BODY), FrameBreak()]
                       + [Paragraph(item, BODY) for item in items])
    doc = parse(path)
    paragraphs = [p.replace("\n", " ") for p in doc.text.split("\n\n")]
    assert paragraphs == ["Minutes of the Board meeting held on 4 March 2024"] + items


def test_questions_beside_their_answers_in_an_unruled_table_stay_row_by_row(tmp_path):
    rows = [[Paragraph(f"{i}. " + " ".join(prose(i, 2)), BODY), Paragraph(" ".join(prose(50 + i, 3 + i % 3)), BODY)]
            for i in range(1, 6)]
    table = Table(rows, colWidths=[220, 260])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 10)]))
    SimpleDocTemplate(str(tmp_path / "qa.pdf")).build([table])
    doc = parse(tmp_path / "qa.pdf")
    starts = [doc.text.index(f"{i}. ") for i in range(1, 6)]
    assert starts == sorted(starts)
    # Each question's first line comes before its answer's first line, and the next question after both.
    for i in range(1, 5):
        answer = prose(50 + i, 1)[0].split()[:3]
        assert starts[i - 1] < doc.text.index(" ".join(answer)) < starts[i]


# --------------------------------------------------------------------------
# Turned, cropped and shifted pages
# --------------------------------------------------------------------------


def landscape_annex(path: Path, rotations: tuple[int, ...]) -> Path:
    """A portrait letter page, then landscape pages printed on portrait pages turned by /Rotate, each with a ruled table."""
    c = rl_canvas.Canvas(str(path), pagesize=(W, H))
    c.drawString(72, 700, "The figures are in the annex.")
    c.showPage()
    rows = [("Quarter", "Referrals", "Cost"), ("Q1 2023", "120", "£12,400"), ("Q2 2023", "131", "£13,050")]
    for rotation in rotations:
        def shown(x: float, top: float) -> tuple[float, float]:
            """User space of a point (x, top) on the page as shown turned."""
            return (top, x) if rotation == 90 else (W - top, H - x)

        for r, row in enumerate(rows):
            for k, cell in enumerate(row):
                c.saveState()
                c.translate(*shown(100 + 200 * k + 4, 100 + 20 * r + 14))
                c.rotate(90 if rotation == 90 else -90)
                c.drawString(0, 0, cell)
                c.restoreState()
        for r in range(len(rows) + 1):
            c.line(*shown(100, 100 + 20 * r), *shown(700, 100 + 20 * r))
        for x in (100, 300, 500, 700):
            c.line(*shown(x, 100), *shown(x, 160))
        c.showPage()
    c.save()
    document = pypdfium2.PdfDocument(str(path))
    for n, rotation in enumerate(rotations, start=1):
        document[n].set_rotation(rotation)
    document.save(str(path.with_suffix(".turned.pdf")))
    document.close()
    return path.with_suffix(".turned.pdf")


def test_landscape_pages_turned_by_rotate_are_read_upright(tmp_path):
    doc = parse(landscape_annex(tmp_path / "annex.pdf", (90, 270)))
    rows = [["Quarter", "Referrals", "Cost"], ["Q1 2023", "120", "£12,400"], ["Q2 2023", "131", "£13,050"]]
    assert [(t.page, t.rows) for t in doc.tables] == [(2, rows), (3, rows)]
    quarter = next(line for line in doc.lines if line.text == "Q1 2023" and line.page == 2)
    assert (quarter.x0, quarter.top) == (pytest.approx(104, abs=1), pytest.approx(124, abs=3))
    assert [line.text for line in doc.lines if line.page == 2 and line.top == quarter.top] == ["Q1 2023", "120", "£12,400"]


def test_a_table_printed_sideways_on_a_page_without_rotate_is_read_as_the_reader_turns_the_page(tmp_path):
    turned = landscape_annex(tmp_path / "annex.pdf", (90,))
    doc = parse(turned.with_name("annex.pdf"))  # the same page before /Rotate was set: its text runs up the page
    assert [(t.page, t.rows[0]) for t in doc.tables] == [(2, ["Quarter", "Referrals", "Cost"])]
    assert [line.text for line in doc.lines if line.page == 2][:3] == ["Quarter", "Referrals", "Cost"]


def test_text_printed_up_the_margin_is_kept_aside_not_spelt_out_letter_by_letter(tmp_path):
    c = rl_canvas.Canvas(str(tmp_path / "margin.pdf"), pagesize=(W, H))
    for i, line in enumerate(prose(1, 20)):
        c.drawString(72, H - 100 - 14 * i, line)
    c.saveState()
    c.translate(30, 200)
    c.rotate(90)
    c.setFont("Helvetica", 7)
    c.drawString(0, 0, "Chair: Jane Doe, Chief Executive: John Roe")
    c.restoreState()
    c.showPage()
    c.save()
    doc = parse(tmp_path / "margin.pdf")
    assert doc.text.split("\n") == prose(1, 20)
    assert doc.meta["sideways_text"] == [{"page": 1, "text": "Chair: Jane Doe, Chief Executive: John Roe"}]
    assert doc.raw_text.endswith("Chair: Jane Doe, Chief Executive: John Roe")


def test_text_outside_the_visible_box_is_dropped_and_tops_count_from_its_top(tmp_path):
    c = rl_canvas.Canvas(str(tmp_path / "box.pdf"), pagesize=(W, H))
    c.drawString(72, 700, "Inside the crop box.")
    c.drawString(72, 30, "Below the crop box.")
    c.drawString(-300, 400, "Left of the page.")
    c.drawString(700, 400, "Right of the page.")
    c.showPage()
    c.save()
    document = pypdfium2.PdfDocument(str(tmp_path / "box.pdf"))
    document[0].set_cropbox(0, 100, W, H - 42)
    document.save(str(tmp_path / "cropped.pdf"))
    document.close()
    doc = parse(tmp_path / "cropped.pdf")
    assert [(line.text, line.top) for line in doc.lines] == [("Inside the crop box.", pytest.approx(H - 42 - 700 - 11, abs=2))]


def test_a_media_box_that_does_not_start_at_the_origin(tmp_path):
    objects = page_objects("BT /F1 12 Tf 72 1700 Td (A page whose box starts at 1000.) Tj ET "
                           "BT /F1 12 Tf 72 900 Td (Below the page.) Tj ET", media_box="0 1000 595 1842")
    (tmp_path / "shifted.pdf").write_bytes(pdf_file(objects))
    doc = parse(tmp_path / "shifted.pdf")
    assert [(line.text, line.top) for line in doc.lines] == [("A page whose box starts at 1000.", pytest.approx(131, abs=2))]


# --------------------------------------------------------------------------
# How the text is drawn
# --------------------------------------------------------------------------


def test_justified_lines_with_wide_word_gaps_are_not_cut_into_cells(tmp_path):
    style = ParagraphStyle("justified", parent=BODY, alignment=TA_JUSTIFY)
    c = rl_canvas.Canvas(str(tmp_path / "j.pdf"), pagesize=(W, H))
    text = ("The authority confirms that it holds information falling within the scope of your request. Notwithstanding "
            "considerations, responsibilities, accountability and transparency obligations apply to the records held.")
    Frame(72, 400, 130, 400).addFromList([Paragraph(text, style)], c)
    c.showPage()
    c.save()
    doc = parse(tmp_path / "j.pdf")
    assert " ".join(line.text for line in doc.lines) == text
    assert len({line.top for line in doc.lines}) == len(doc.lines)  # one line per printed line


def test_a_text_object_for_each_character(tmp_path):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    sentence = "Each character of this sentence is a text object of its own, spaces left out."
    c = rl_canvas.Canvas(str(tmp_path / "chars.pdf"), pagesize=(W, H))
    x = 72
    for char in sentence:
        if char != " ":
            text = c.beginText(x, 700)
            text.setFont("Helvetica", 10)
            text.textOut(char)
            c.drawText(text)
        x += stringWidth(char, "Helvetica", 10)
    c.showPage()
    c.save()
    assert parse(tmp_path / "chars.pdf").text == sentence


def test_ligatures_and_soft_hyphens_in_an_embedded_font(tmp_path):
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("Vera", str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")))
    c = rl_canvas.Canvas(str(tmp_path / "lig.pdf"), pagesize=(W, H))
    c.setFont("Vera", 10)
    c.drawString(72, 700, "The \ufb01nal \ufb02ow of ﬁgures was conﬁrmed by the of\ufb01ce for the infor\u00admation team.")
    c.showPage()
    c.save()
    assert parse(tmp_path / "lig.pdf").text == "The final flow of figures was confirmed by the office for the information team."


def test_invisible_text_is_kept_and_white_text_is_kept_and_listed(tmp_path):
    from reportlab.lib.colors import white

    c = rl_canvas.Canvas(str(tmp_path / "hidden.pdf"), pagesize=(W, H))
    c.drawString(72, 700, "Visible line.")
    layer = c.beginText(72, 680)
    layer.setTextRenderMode(3)  # invisible: how an OCR layer lies over a scanned image
    layer.textLine("Text of the OCR layer.")
    c.drawText(layer)
    c.setFillColor(white)
    c.drawString(72, 660, "White text on a white page.")
    c.showPage()
    c.save()
    doc = parse(tmp_path / "hidden.pdf")
    assert doc.text == "Visible line.\nText of the OCR layer.\nWhite text on a white page."
    assert doc.meta["white_text"] == [{"page": 1, "text": "White text on a white page."}]


# --------------------------------------------------------------------------
# PDFs written object by object: unusual fonts, damaged structure
# --------------------------------------------------------------------------


def pdf_file(objects: list[str | bytes], xref_shift: int = 0) -> bytes:
    """A PDF of the given objects (numbered from 1; object 1 is the catalogue), with its cross-reference table."""
    out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + (body.encode("latin-1") if isinstance(body, str) else body) + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset + xref_shift:010d} 00000 n \n".encode() for offset in offsets)
    return out + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


def stream(content: str) -> bytes:
    data = content.encode("latin-1")
    return f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


def to_unicode(pairs: dict[str, str]) -> bytes:
    """A ToUnicode CMap mapping one-byte codes (hex) to Unicode (hex)."""
    chars = " ".join(f"<{code}> <{uni}>" for code, uni in pairs.items())
    return stream("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /U def /CMapType 2 def "
                  "1 begincodespacerange <00> <FF> endcodespacerange "
                  f"{len(pairs)} beginbfchar {chars} endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")


def page_objects(content: str, fonts: str = "/F1 4 0 R", media_box: str = "0 0 595 842", extra: tuple = ()) -> list:
    """Catalogue, pages, one page, Helvetica as /F1, the page's content, then `extra` objects (from number 6)."""
    return ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            f"<< /Type /Page /Parent 2 0 R /MediaBox [{media_box}] /Resources << /Font << {fonts} >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", stream(content), *extra]


def test_type3_symbol_and_right_to_left_fonts_are_read(tmp_path):
    type3 = ("<< /Type /Font /Subtype /Type3 /FontBBox [0 0 750 750] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs 7 0 R "
             "/Encoding << /Type /Encoding /Differences [97 /a /b /c] >> /FirstChar 97 /LastChar 99 /Widths [600 600 600] "
             "/ToUnicode 10 0 R /Resources << >> >>")
    objects = page_objects(
        "BT /F1 12 Tf 72 700 Td (Glyphs drawn by the PDF:) Tj ET BT /T3 12 Tf 250 700 Td (abc) Tj ET "
        "BT /S 12 Tf 72 680 Td (abg \\336 \\245) Tj ET BT /Z 12 Tf 72 660 Td (3456) Tj ET "
        "BT /F1 12 Tf 72 640 Td (In Hebrew:) Tj ET BT /R 12 Tf 150 640 Td (DCBA) Tj ET",
        fonts="/F1 4 0 R /T3 6 0 R /S 11 0 R /Z 12 0 R /R 13 0 R",
        extra=(type3, "<< /a 8 0 R /b 9 0 R /c 9 0 R >>", stream("600 0 0 0 500 700 d1 0 0 500 700 re f"),
               stream("600 0 0 0 500 700 d1 100 0 300 700 re f"), to_unicode({"61": "0059", "62": "0065", "63": "0073"}),
               "<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 14 0 R >>",
               to_unicode({"41": "05E9", "42": "05DC", "43": "05D5", "44": "05DD"})))
    (tmp_path / "fonts.pdf").write_bytes(pdf_file(objects))
    lines = [line.text for line in parse(tmp_path / "fonts.pdf").lines]
    assert lines[:4] == ["Glyphs drawn by the PDF:", "Yes", "αβγ ⇒ ∞", "✓✔✕✖"]
    assert lines[4] == "In Hebrew:" and set(lines[5].replace(" ", "")) == set("שלום")  # in the order printed


def test_a_cross_reference_table_with_wrong_offsets_is_repaired(tmp_path):
    (tmp_path / "xref.pdf").write_bytes(pdf_file(page_objects("BT /F1 12 Tf 72 700 Td (Dear Sir,) Tj ET"), xref_shift=7))
    assert parse(tmp_path / "xref.pdf").text == "Dear Sir,"


def test_pages_pdfium_cannot_load_are_listed_and_the_others_read(tmp_path):
    objects = page_objects("BT /F1 12 Tf 72 700 Td (The one real page.) Tj ET")
    objects[1] = "<< /Type /Pages /Kids [3 0 R] /Count 3 >>"  # the page tree claims three pages
    (tmp_path / "count.pdf").write_bytes(pdf_file(objects))
    doc = parse(tmp_path / "count.pdf")
    assert doc.text == "The one real page." and doc.pages == 3 and doc.meta["unreadable_pages"] == [2, 3]


def damaged_files() -> dict[str, bytes]:
    good = pdf_file(page_objects("BT /F1 12 Tf 72 700 Td (Dear Sir, this is a letter.) Tj ET"))
    return {
        "no pages": pdf_file(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"]),
        "no catalogue": pdf_file(["<< /Type /Pages /Kids [] /Count 0 >>"]),
        "header only": b"%PDF-1.4\n",
        "cut in the header": good[:20],
        "cut in the first object": good[:120],
        "cut before the xref": good[: good.index(b"xref") - 30],
        "noise after a header": b"%PDF-1.5\n" + random.Random(3).randbytes(4000),
    }


@pytest.mark.parametrize("name", ["no pages", "no catalogue", "header only", "cut in the header", "cut in the first object",
                                  "cut before the xref", "noise after a header"])
def test_a_damaged_pdf_is_a_document_error_that_says_why(tmp_path, name):
    (tmp_path / "bad.pdf").write_bytes(damaged_files()[name])
    with pytest.raises(DocumentError) as e:
        parse(tmp_path / "bad.pdf")
    assert e.value.error_type == "corrupt_pdf"
    assert e.value.message.startswith("The PDF cannot be read: it ") and "PDFium" not in e.value.message
    if name in ("no pages", "no catalogue"):
        assert "no pages" in e.value.message


@pytest.mark.parametrize("method", ["RC4", "AES_128", "AES_256"])
def test_a_pdf_encrypted_with_an_empty_user_password_opens_and_a_real_one_is_reported(tmp_path, method):
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    for user_password in ("", "secret"):
        locked = FPDF()
        locked.set_encryption(owner_password="owner", user_password=user_password, encryption_method=EncryptionMethod[method])
        locked.add_page()
        locked.set_font("helvetica", size=12)
        locked.cell(0, 10, "A letter protected against copying.")
        locked.output(str(tmp_path / f"locked{user_password}.pdf"))
    assert parse(tmp_path / "locked.pdf").text == "A letter protected against copying."
    with pytest.raises(DocumentError) as e:
        parse(tmp_path / "lockedsecret.pdf")
    assert e.value.error_type == "encrypted_pdf" and "password" in e.value.message


def test_a_damaged_pdf_after_an_encrypted_one_is_not_called_encrypted(tmp_path):
    # PDFium keeps its last error code until the next error it records, and a file without pages records none.
    from fpdf import FPDF

    locked = FPDF()
    locked.set_encryption(owner_password="owner", user_password="secret")
    locked.add_page()
    locked.output(str(tmp_path / "locked.pdf"))
    (tmp_path / "empty.pdf").write_bytes(damaged_files()["no pages"])
    with pytest.raises(DocumentError):
        parse(tmp_path / "locked.pdf")
    with pytest.raises(DocumentError) as e:
        parse(tmp_path / "empty.pdf")
    assert e.value.error_type == "corrupt_pdf" and "no pages" in e.value.message


def test_randomly_damaged_letters_only_ever_raise_document_errors(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "ocr_pages", lambda path, pages: {})  # pages whose text the damage wiped are not OCRed here
    source = draw(tmp_path / "l.pdf", [[(72, 40, "Anytown Council")] + body_page(n) for n in (1, 2)]).read_bytes()
    r = random.Random(7)
    for k in range(60):
        data = bytearray(source)
        for _ in range(r.choice([1, 5, 30])):
            i = r.randrange(len(data))
            if r.random() < 0.6:
                data[i] = r.randrange(256)
            else:
                del data[i:i + r.randrange(1, 300)]
        (tmp_path / "fuzz.pdf").write_bytes(bytes(data))
        try:
            parse(tmp_path / "fuzz.pdf")
        except DocumentError as e:  # anything else fails the test
            assert e.error_type in {"corrupt_pdf", "needs_ocr"} and e.message


# --------------------------------------------------------------------------
# A long document
# --------------------------------------------------------------------------


def test_a_200_page_report_keeps_every_page_and_its_running_furniture(tmp_path):
    pages = [[(72, 30, "Anytown Council – Annual report on requests")] + body_page(n, n=45, top=70)
             + [(-520, 820, f"Page {n} of 200")] for n in range(1, 201)]
    doc = parse(draw(tmp_path / "report.pdf", pages))
    assert doc.pages == 200 and len(doc.meta["page_starts"]) == 200
    assert doc.meta["page_starts"] == sorted(doc.meta["page_starts"])
    assert len(doc.meta["page_furniture"]) == 400 and "Annual report" not in doc.text
    assert doc.text.split("\n") == [line for n in range(1, 201) for line in prose(n, 45)]
    assert doc.page_of(doc.text.index(prose(150, 1)[0])) == 150
