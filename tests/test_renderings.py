"""The same FOI letter in three renderings must give the same records.

The MoJ seed letter (a WhatDoTheyKnow text rendering) is laid out here as a PDF
(reportlab: ruled table, running footer, a page break inside an answer) and as
the HTML WhatDoTheyKnow serves as "HTML version of an attachment": poppler's
pdftohtml output inside Alaveteli's page. WhatDoTheyKnow runs pdftohtml in its
simple layout (`-noframes -stdout`: one line per string ending in `<br/>`, pages
marked by `<a name=N>` and `<hr/>`); its complex layout (`-c`: absolutely
positioned lines per page div) is covered too. Every rendering goes through the
full pipeline (`parse_file` + `extract`) and is compared with the text: the
questions and answers, the completions table and the s.22(1) exemption.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.parse import parse_file

SEED = Path(__file__).parent / "fixtures" / "qa" / "moj-foi-200612017-attachment.txt"
REQUEST_TITLE = "Healthy Identity Intervention Programme Query"

# What the letter itself states in answer to each question.
STATED_ANSWERS = {
    "1": "we have 22 HII cases recorded as open",
    "2": "The average length of time taken to complete HII is 3 to 4 months",
    "3": "Unaccredited HII Completions: Custody & Community",
    "4": "HII cases are officially recorded as “complete” once the individual has successfully completed all necessary sessions",
    "5": "there have been 20 individuals recorded as not completing HII",
    "6": "the case will be handled according to sentence management procedures",
    "7": "the Healthy Identity Intervention is available to be delivered at any site where there is a need for the programme",
}

# --------------------------------------------------------------------------
# The letter as blocks of lines, then laid out on pages
# --------------------------------------------------------------------------


@dataclass
class Block:
    lines: list[str]
    table: list[list[str]] | None = None  # header row first


def letter_blocks() -> list[Block]:
    """The seed letter's paragraphs (its own line breaks kept) and its linearised table rebuilt as rows."""
    text = SEED.read_text(encoding="utf-8").replace("\uf0b7", "-").replace("\u00a0", " ")
    raw = text.split("\n")[1:]  # without the WhatDoTheyKnow preamble
    blocks: list[Block] = []
    current: list[str] = []
    i = 0
    while i < len(raw):
        line = raw[i].strip()
        if line == "Year completed":  # the linearised table: header pair, then (label, count) pairs
            header = [line, raw[i + 1].strip()]
            rows, i = [], i + 2
            while True:
                label, count = raw[i].strip(), raw[i + 1].strip()
                rows.append([label, count])
                i += 2
                if label == "Grand Total":
                    break
            blocks.append(Block([], table=[header] + rows))
            continue
        if line:
            current.append(line)
        elif current:
            blocks.append(Block(current))
            current = []
        i += 1
    if current:
        blocks.append(Block(current))
    return blocks


@dataclass
class Placed:
    page: int
    x: float
    top: float  # from the page top, in points
    text: str


PAGE_W, PAGE_H, LEFT, FIRST_TOP, LAST_TOP, LEADING = 595, 842, 72, 72, 740, 14
TABLE_COLS = (LEFT, LEFT + 200, LEFT + 360)  # the ruled table's column edges
ROW_H = 18
FOOTER = "Ministry of Justice Disclosure Team - Page {n}"


def lay_out(blocks: list[Block]) -> tuple[list[Placed], list[tuple[int, float, list[list[str]]]]]:
    """Lines placed on A4 pages; one page break is forced inside the answer to question 4."""
    placed: list[Placed] = []
    tables: list[tuple[int, float, list[list[str]]]] = []
    page, top = 1, FIRST_TOP
    break_before = None
    for block in blocks:
        if block.table:
            height = ROW_H * len(block.table)
            if top + height > LAST_TOP:
                page, top = page + 1, FIRST_TOP
            tables.append((page, top, block.table))
            for r, row in enumerate(block.table):
                for c, cell in enumerate(row):
                    placed.append(Placed(page, TABLE_COLS[c] + 4, top + r * ROW_H + 5, cell))
            top += height + LEADING
            continue
        for line in block.lines:
            if top > LAST_TOP or line is break_before:
                page, top = page + 1, FIRST_TOP
            placed.append(Placed(page, LEFT, top, line))
            if line.startswith("HII cases are officially"):  # the first line of the answer to question 4
                break_before = block.lines[block.lines.index(line) + 1]
            top += LEADING
        top += LEADING  # paragraph gap
    pages = page
    for n in range(1, pages + 1):
        placed.append(Placed(n, LEFT, PAGE_H - 40, FOOTER.format(n=n)))
    return placed, tables


def render_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    placed, tables = lay_out(letter_blocks())
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    for page in range(1, max(p.page for p in placed) + 1):
        c.setFont("Helvetica", 10)
        for p in placed:
            if p.page == page:
                c.drawString(p.x, PAGE_H - p.top - 9, p.text)
        for tpage, ttop, rows in tables:
            if tpage != page:
                continue
            bottom = ttop + ROW_H * len(rows)
            for r in range(len(rows) + 1):
                y = PAGE_H - (ttop + r * ROW_H)
                c.line(TABLE_COLS[0], y, TABLE_COLS[-1], y)
            for x in TABLE_COLS:
                c.line(x, PAGE_H - ttop, x, PAGE_H - bottom)
        c.showPage()
    c.save()
    return path


def render_pdftohtml(path: Path) -> Path:
    """The letter as poppler's `pdftohtml -c` lays it out (positioned lines), in a WhatDoTheyKnow page."""
    placed, _ = lay_out(letter_blocks())
    scale = 1.5  # pdftohtml's default zoom
    pages = []
    for page in range(1, max(p.page for p in placed) + 1):
        lines = [
            f'<p style="position:absolute;top:{round(p.top * scale)}px;left:{round(p.x * scale)}px;white-space:nowrap" '
            f'class="ft10">{html.escape(p.text).replace(" ", "&#160;")}</p>'
            for p in sorted((p for p in placed if p.page == page), key=lambda p: (p.top, p.x))
        ]
        pages.append(
            f'<a name="{page}"></a>\n<div id="page{page}-div" style="position:relative;width:{PAGE_W * scale:.0f}px;'
            f'height:{PAGE_H * scale:.0f}px;">\n' + "\n".join(lines) + "\n</div>"
        )
    document = (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"/>"
        f"<title>{REQUEST_TITLE} - a Freedom of Information request to Ministry of Justice - WhatDoTheyKnow</title>"
        "<style>.ft10{font-size:15px;font-family:Times;color:#000000;}</style></head>\n<body>\n"
        '<div id="wrapper"><div id="view_html_content">\n'
        '<p class="view_html_description">This is an HTML version of an attachment to the Freedom of Information '
        f"request '<a href=\"/request/healthy_identity_intervention_pr\">{REQUEST_TITLE}</a>'.</p>\n"
        "<div>\n" + "\n".join(pages) + "\n</div></div></div>\n</body></html>\n"
    )
    path.write_text(document, encoding="utf-8")
    return path


def render_pdftohtml_simple(path: Path) -> Path:
    """The letter as WhatDoTheyKnow serves an attachment's HTML version.

    Alaveteli runs `pdftohtml -nodrm -zoom 1.0 -stdout -enc UTF-8 -noframes` and puts
    the body into its template: the "view_html_prefix" (logo, download link, the
    sentence naming the request) and `<div id="wrapper"><div id="view-html-content">`.
    In that simple layout each string ends in `<br/>` (cells of a table row are
    separate strings), spaces are `&#160;`, a line of spaces marks the gap between
    paragraphs, and each page opens with `<a name=N></a>` and closes with `<hr/>`.
    """
    placed, _ = lay_out(letter_blocks())
    body = []
    for page in range(1, max(p.page for p in placed) + 1):
        body.append(f"<a name={page}></a>")
        prev = None
        for p in sorted((p for p in placed if p.page == page), key=lambda p: (p.top, p.x)):
            if prev is not None and p.top - prev.top > LEADING + 1:
                body.append("&#160;<br/>\n")
            text = html.escape(p.text).replace(" ", "&#160;")
            body.append(f"<b>{text}</b><br/>\n" if p.text.startswith("Freedom of Information Act") else f"{text}<br/>\n")
            prev = p
        body.append("<hr/>\n")
    document = (
        f"<!DOCTYPE html>\n<html>\n<head>\n  <title>{REQUEST_TITLE} - a Freedom of Information request to Ministry of "
        "Justice - WhatDoTheyKnow</title>\n  <link href=\"/assets/attachment_to_html.css\" rel=\"stylesheet\"/>\n</head>\n"
        "<body>\n<div class=\"view_html_prefix\">\n"
        "  <div class=\"view_html_logo\"><a href=\"/\"><img src=\"/images/navimg/logo-trans-small.png\" alt=\"WhatDoTheyKnow\"></a></div>\n"
        "  <div class=\"view_html_download_link\"><a href=\"/request/672345/response/1612345/attach/3/FOI%20200612017.pdf\">"
        "Download original attachment</a><br>(PDF file)</div>\n"
        "  This is an HTML version of an attachment to the Freedom of Information request\n"
        f"  '<a href=\"/request/healthy_identity_intervention_pr#incoming-1612345\">{REQUEST_TITLE}</a>'.\n</div>\n"
        '<div id="wrapper">\n<div id="view-html-content">\n' + "".join(body) + "</div>\n</div>\n</body>\n</html>\n"
    )
    path.write_text(document, encoding="utf-8")
    return path


# --------------------------------------------------------------------------
# The comparison
# --------------------------------------------------------------------------


def words(text: str | None) -> list[str]:
    return re.findall(r"[a-z0-9]+", (text or "").lower())


def contains_words(haystack: str | None, needle: str) -> bool:
    return " ".join(words(needle)) in " ".join(words(haystack))


@pytest.fixture(scope="module")
def renderings(tmp_path_factory):
    folder = tmp_path_factory.mktemp("renderings")
    paths = {
        "text": SEED,
        "pdf": render_pdf(folder / "moj-200612017.pdf"),
        "html": render_pdftohtml(folder / "moj-200612017.html"),
        "html_simple": render_pdftohtml_simple(folder / "moj-200612017-simple.html"),
    }
    return {name: extract(parse_file(path, path.name)) for name, path in paths.items()}


RENDERINGS = ["text", "pdf", "html", "html_simple"]


def test_the_pdf_rendering_has_what_the_test_claims(tmp_path):
    """The generated PDF really has a ruled table, a running footer and an answer split over two pages."""
    import pdfplumber

    blocks = letter_blocks()
    assert sum(1 for b in blocks if b.table) == 1
    with pdfplumber.open(render_pdf(tmp_path / "letter.pdf")) as pdf:
        texts = [page.extract_text() for page in pdf.pages]
        assert len(texts) >= 3
        assert all(FOOTER.format(n=n + 1) in t for n, t in enumerate(texts))
        assert any(len(page.find_tables()) == 1 for page in pdf.pages)
        split = next(n for n, t in enumerate(texts) if "HII cases are officially" in t)
        assert "completed all necessary sessions" not in texts[split]  # the rest of that answer is overleaf
        assert "completed all necessary sessions" in texts[split + 1]


@pytest.mark.parametrize("rendering", RENDERINGS)
def test_seven_questions_with_their_stated_answers(renderings, rendering):
    pairs = renderings[rendering].qa_pairs
    assert [q.number for q in pairs] == [str(n) for n in range(1, 8)]
    for pair in pairs:
        assert contains_words(pair.answer, STATED_ANSWERS[pair.number]), (pair.number, pair.answer)
    assert [q.answer_status for q in pairs] == ["answered"] * 2 + ["partly_withheld"] + ["answered"] * 4


@pytest.mark.parametrize("rendering", ["pdf", "html", "html_simple"])
def test_renderings_give_the_same_questions_and_answers_as_the_text(renderings, rendering):
    text_pairs = renderings["text"].qa_pairs
    pairs = renderings[rendering].qa_pairs
    assert [words(q.question) for q in pairs] == [words(q.question) for q in text_pairs]
    assert [words(q.answer) for q in pairs] == [words(q.answer) for q in text_pairs]
    # The running footer is page furniture, not part of the answer it interrupts.
    assert not any("disclosure team page" in " ".join(words(q.answer)) for q in pairs)


@pytest.mark.parametrize("rendering", ["pdf", "html", "html_simple"])
def test_answer_spans_point_into_the_document_text(renderings, rendering):
    extraction = renderings[rendering]
    for pair in extraction.qa_pairs:
        span = extraction.parsed.text[pair.answer_start : pair.answer_end]
        assert words(span)[:4] == words(pair.answer)[:4]
    q4 = extraction.qa_pairs[3]
    assert extraction.parsed.page_of(q4.answer_end - 1) == q4.page + 1  # the answer runs over the page break


@pytest.mark.parametrize("rendering", RENDERINGS)
def test_completions_table(renderings, rendering):
    tables = renderings[rendering].tables
    completions = [t for t in tables if t.n_rows == 9 or len({c.row for c in t.cells}) == 9]
    assert completions, [(t.title, t.n_rows) for t in tables]
    table = completions[0]
    assert table.total_check == "ok"
    grand_total = [c for c in table.cells if c.is_total and c.number is not None]
    assert grand_total and grand_total[-1].number == 180


@pytest.mark.parametrize("rendering", RENDERINGS)
def test_section_22_linked_to_question_3_with_its_public_interest_test(renderings, rendering):
    exemptions = renderings[rendering].exemptions
    assert [e.provision for e in exemptions] == ["s.22(1)"]
    s22 = exemptions[0]
    assert s22.qa_number == "3"
    assert s22.public_interest_test
    assert len(s22.factors_for_disclosure) == 1
    assert len(s22.factors_for_withholding) == 2
