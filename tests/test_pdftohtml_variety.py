"""Attachment pages in the shapes poppler's pdftohtml and WhatDoTheyKnow really produce, and the kind detected for them.

The HTML is written here the way pdftohtml writes it (checked against poppler
22.12): in the complex layout (`-c`, `-s`) each page's font classes sit in a
`<style>` inside the body, a line is cut into several positioned strings
where the font changes (a superscript, another face or colour), and strings
further apart than the font's height (table cells) are separate elements; the
older releases wrote `<DIV style="position:absolute;top:51;left:108">` without
units or page ids. When poppler's `pdftohtml` is installed, PDFs made with
reportlab are converted for real and compared with the PDF reader's lines.
"""
from __future__ import annotations

import shutil
import subprocess

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.detect import detect_kind
from pipeline.errors import DocumentError
from pipeline.parse import parse_file

PREFIX = ('<div class="view_html_prefix"><div class="view_html_logo"><a href="/"><img src="/logo.png" alt="WhatDoTheyKnow">'
          '</a></div><div class="view_html_download_link"><a href="/request/123/response/456/attach/3/Response.pdf">'
          "Download original attachment</a><br>(PDF file)</div>This is an HTML version of an attachment to the "
          "Freedom of Information request '<a href=\"/request/parking_fines_2023#incoming-456\">Parking fines 2023</a>'.</div>")


def wrap(body: str, head: str = "") -> str:
    """Alaveteli's page around a converted body."""
    return (f"<!DOCTYPE html><html><head><title>Response.pdf - a Freedom of Information request</title>{head}</head>"
            f'<body>{PREFIX}<div id="wrapper"><div id="view-html-content">{body}</div></div></body></html>')


def style(page: int, classes: dict[str, str]) -> str:
    rules = "\n".join(f"\t.{name}{{{props}}}" for name, props in classes.items())
    return f'<style type="text/css">\n<!--\n\tp {{margin: 0; padding: 0;}}{rules}\n-->\n</style>'


def p(top: int, left: int, cls: str, text: str) -> str:
    return f'<p style="position:absolute;top:{top}px;left:{left}px;white-space:nowrap" class="{cls}">{text}</p>'


def page_div(n: int, elements: list[str], classes: dict[str, str] | None = None, size=(892, 1262)) -> str:
    """One page of `pdftohtml -c -noframes` (zoom 1.5 unless the size says otherwise)."""
    return (f'<!-- Page {n} -->\n<a name="{n}"></a>\n{style(n, classes or {})}\n'
            f'<div id="page{n}-div" style="position:relative;width:{size[0]}px;height:{size[1]}px;">\n'
            f'<img width="{size[0]}" height="{size[1]}" src="x{n:03d}.png" alt="background image"/>\n'
            + "\n".join(elements) + "\n</div>\n")


def parse_html(tmp_path, text: str, name: str = "attachment.html"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_file(path, name)


def lines_of(doc) -> list[tuple]:
    return [(line.page, line.text) for line in doc.lines]


FONTS = {
    "ft00": "font-size:12px;font-family:Helvetica;color:#000000;",
    "ft01": "font-size:18px;font-family:Helvetica;color:#000000;",
    "ft02": "font-size:17px;font-family:Helvetica;color:#000000;",
    "ft03": "font-size:11px;font-family:Helvetica;color:#000000;",
    "ft04": "font-size:17px;font-family:Helvetica;color:#0000ff;",
    "ft05": "font-size:17px;font-family:Times;color:#000000;",
    "ft06": "font-size:17px;line-height:21px;font-family:Helvetica;color:#000000;",
}


# --------------------------------------------------------------------------
# The complex layout
# --------------------------------------------------------------------------


def test_font_classes_written_inside_the_body_give_each_line_its_size(tmp_path):
    # pdftohtml -c writes each page's <style> inside the body, beside the page: the wrapper's
    # clean-up must not lose the sizes (and with them superscripts and headings).
    doc = parse_html(tmp_path, wrap(page_div(1, [p(137, 108, "ft01", "<b>Freedom&#160;of&#160;Information&#160;Request</b>"),
                                                 p(174, 108, "ft02", "Dear&#160;Ms&#160;Smith,")], FONTS)))
    assert [(l.text, l.size, l.bold) for l in doc.lines] == [
        ("Freedom of Information Request", 12, True), ("Dear Ms Smith,", pytest.approx(11.3, abs=0.1), False)]


def test_a_line_cut_by_a_superscript_and_by_font_changes_reads_as_one_line(tmp_path):
    elements = [
        # written out of order: the reading order comes from the positions
        p(174, 391, "ft02", "&#160;as&#160;noted."),
        p(174, 108, "ft02", "The&#160;cost&#160;was&#160;<b>£1,234&#160;&amp;&#160;rising</b>&#160;in&#160;2023"),
        p(178, 385, "ft03", "1"),  # the footnote mark: smaller, a few pixels lower
        p(222, 108, "ft06", "Please&#160;see&#160;<i>the&#160;policy</i>&#160;for&#160;details.<br/>Visit&#160;"),
        p(243, 144, "ft04", "www.example.gov.uk/foi"),  # a link in blue
        p(243, 322, "ft02", "&#160;for&#160;more."),
        p(265, 108, "ft05", "Mixed&#160;"),  # Times, then Helvetica a pixel higher, then Times
        p(264, 155, "ft02", "families"),
        p(265, 211, "ft05", "&#160;in&#160;one&#160;line."),
    ]
    doc = parse_html(tmp_path, wrap(page_div(1, elements, FONTS)))
    assert [l.text for l in doc.lines] == [
        "The cost was £1,234 & rising in 20231 as noted.",
        "Please see the policy for details.",
        "Visit www.example.gov.uk/foi for more.",
        "Mixed families in one line.",
    ]
    first = doc.lines[0]
    assert (first.top, first.x0, first.size) == (116, 72, pytest.approx(11.3, abs=0.1))
    assert doc.lines[2].top == pytest.approx(243 / 1.5)


def test_words_after_a_superscript_are_spaced_from_the_gap(tmp_path):
    elements = [p(174, 108, "ft02", "On&#160;the&#160;1"), p(170, 139, "ft03", "st"), p(174, 152, "ft02", "May"),
                p(198, 108, "ft02", "E&#160;=&#160;mc"), p(194, 166, "ft03", "2"), p(198, 172, "ft02", "holds")]
    doc = parse_html(tmp_path, wrap(page_div(1, elements, FONTS)))
    assert [l.text for l in doc.lines] == ["On the 1st May", "E = mc2holds"]


def test_table_cells_in_one_font_stay_apart_with_their_positions(tmp_path):
    # poppler joins strings on a line unless the gap is at least the font's height or the font changes:
    # cells in the same font (whatever their class: ft06 only adds a line height) are separate values.
    rows = [("ft01", ["Year", "Count", "Cost"]), ("ft02", ["2021/22", "17", "£500"]), ("ft06", ["Total", "&lt;5", "£1,000"])]
    elements = [p(918 + 24 * r, left, cls, value) for r, (cls, values) in enumerate(rows)
                for left, value in zip((108, 180, 240), values)]
    doc = parse_html(tmp_path, wrap(page_div(1, elements, FONTS)))
    assert [l.text for l in doc.lines] == ["Year", "Count", "Cost", "2021/22", "17", "£500", "Total", "<5", "£1,000"]
    assert [(l.page, l.top, l.x0) for l in doc.lines[3:6]] == [(1, 628, 72), (1, 628, 120), (1, 628, 160)]


def test_a_bold_label_and_its_value_a_column_apart_stay_apart(tmp_path):
    bold = {**FONTS, "ft07": "font-size:17px;font-family:Helvetica-Bold;color:#000000;"}
    doc = parse_html(tmp_path, wrap(page_div(1, [p(300, 108, "ft07", "<b>Grand&#160;Total</b>"), p(300, 300, "ft02", "180")],
                                             bold)))
    assert [(l.text, l.bold, l.x0) for l in doc.lines] == [("Grand Total", True, 72), ("180", False, 200)]


FOOTER = "Information Governance Team – Page {n} of 3"


def letter_pages(classes_per_page: bool) -> str:
    """A three-page letter: a running header and footer, a paragraph across each page break."""
    pages = []
    for n in range(1, 4):
        body = [p(51, 108, "ft00", "OFFICIAL&#160;–&#160;Anytown&#160;Borough&#160;Council"),
                p(1209, 108, "ft00", FOOTER.format(n=n).replace(" ", "&#160;"))]
        if n > 1:
            body.append(p(138, 108, "ft02", ["", "", "is&#160;held&#160;by&#160;Parking&#160;Services.",
                                             "we&#160;publish&#160;the&#160;figures&#160;each&#160;quarter."][n]))
        body += [p(174 + 24 * i, 108, "ft02", f"Line&#160;{i}&#160;of&#160;page&#160;{n}&#160;text.") for i in range(3)]
        last = ["Our&#160;answer&#160;to&#160;question&#160;one&#160;runs&#160;over&#160;and",
                "The&#160;second&#160;answer&#160;also&#160;runs&#160;over&#160;and", "Yours&#160;sincerely"][n - 1]
        body.append(p(1150, 108, "ft02", last))
        pages.append(page_div(n, body, FONTS if n == 1 or classes_per_page else {}))
    return wrap("".join(pages))


@pytest.mark.parametrize("classes_per_page", [False, True])
def test_multi_page_letter_running_header_and_footer_are_furniture(tmp_path, classes_per_page):
    doc = parse_html(tmp_path, letter_pages(classes_per_page))
    assert doc.pages == 3 and [l.page for l in doc.lines] == sorted(l.page for l in doc.lines)
    furniture = [(f["page"], f["text"]) for f in doc.meta["page_furniture"]]
    assert furniture == [(n, t) for n in range(1, 4) for t in ("OFFICIAL – Anytown Borough Council", FOOTER.format(n=n))]
    assert "OFFICIAL" not in doc.text and "Page 2 of 3" not in doc.text
    # The paragraph reads on over the page break: no blank line where the page turns.
    assert "question one runs over and\nis held by Parking Services." in doc.text
    assert "also runs over and\nwe publish the figures each quarter." in doc.text
    assert {round(l.size) for l in doc.lines} == {11}


def test_single_document_classes_are_defined_on_the_first_page_using_them(tmp_path):
    # `pdftohtml -s` names a class ft<page><font> but writes its rule only on the first page that uses
    # the font: page 2's ft22 is page 1's ft12.
    page1 = page_div(1, [p(137, 108, "ft11", "<b>Heading</b>"), p(174, 108, "ft12", "Body&#160;text.")],
                     {"ft11": FONTS["ft01"], "ft12": FONTS["ft02"]})
    page2 = page_div(2, [p(138, 108, "ft22", "More&#160;body"), p(142, 195, "ft23", "2"), p(138, 210, "ft22", "text.")],
                     {"ft23": FONTS["ft03"]})
    doc = parse_html(tmp_path, wrap(page1 + page2))
    assert [(l.page, l.text, l.size) for l in doc.lines] == [
        (1, "Heading", 12), (1, "Body text.", pytest.approx(11.3, abs=0.1)),
        (2, "More body2 text.", pytest.approx(11.3, abs=0.1))]


def old_page(n: int, elements: list[tuple[int, int, str, str]]) -> str:
    """A page as poppler releases before 0.2x wrote it: no page id, no units, the class on a span."""
    divs = "\n".join(f'<DIV style="position:absolute;top:{top};left:{left}"><nobr><span class="{cls}">{text}</span></nobr></DIV>'
                     for top, left, cls, text in elements)
    return (f'<A name={n}></a>\n<DIV style="position:relative;width:918;height:1188;">\n'
            '<STYLE type="text/css">\n<!--\n\t.ft0{font-size:15px;font-family:Times;color:#000000;}\n'
            '\t.ft1{font-size:18px;font-family:Times;color:#000000;}\n-->\n</STYLE>\n'
            f'<IMG width="918" height="1188" src="x{n:03d}.png" alt="background image">\n{divs}\n</DIV>\n')


def test_the_older_complex_layout_without_page_ids_or_units(tmp_path):
    body = (old_page(1, [(108, 108, "ft1", "<b>Our&#160;response</b>"), (150, 108, "ft0", "We&#160;hold&#160;the&#160;data."),
                         (1120, 445, "ft0", "1")])
            + old_page(2, [(108, 108, "ft0", "Yours&#160;sincerely"), (1120, 445, "ft0", "2")]))
    doc = parse_html(tmp_path, wrap(body))
    # US Letter at zoom 1.5: 918 x 1188 px is 612 x 792 pt.
    assert [(l.page, l.text, l.top, l.x0, l.size, l.bold) for l in doc.lines] == [
        (1, "Our response", 72, 72, 12, True), (1, "We hold the data.", 100, 72, 10, False),
        (2, "Yours sincerely", 72, 72, 10, False)]
    assert [f["text"] for f in doc.meta["page_furniture"]] == ["1", "2"]


@pytest.mark.parametrize("size, zoom", [((595, 842), 1.0), ((842, 595), 1.0), ((630, 892), 1.5), ((1224, 1584), 2.0)])
def test_the_zoom_is_read_from_the_page_size(tmp_path, size, zoom):
    doc = parse_html(tmp_path, wrap(page_div(1, [p(round(100 * zoom), round(72 * zoom), "ft02", "Text")], FONTS, size=size)))
    assert (doc.lines[0].top, doc.lines[0].x0) == (100, 72)


# --------------------------------------------------------------------------
# The simple layout, and the other bodies Alaveteli serves in the same page
# --------------------------------------------------------------------------


def test_simple_layout_pages_with_running_header_and_bare_page_numbers(tmp_path):
    pages = [
        ["Anytown&#160;Borough&#160;Council", "<b>Freedom&#160;of&#160;Information&#160;Request&#160;FOI/123</b>",
         "Dear&#160;Ms&#160;Doe,", "1.&#160;The&#160;council&#160;issued&#160;1,377&#160;fines&#160;in&#160;2023&#160;and",
         "- 1 -"],
        ["Anytown&#160;Borough&#160;Council", "collected&#160;£41,310&#160;&amp;&#160;costs.",
         "2.&#160;We&#160;do&#160;not&#160;hold&#160;this.", "- 2 -"],
    ]
    body = "".join(f"<a name={n}></a>" + "".join(f"{line}<br/>\n" for line in lines) + "<hr/>\n"
                   for n, lines in enumerate(pages, start=1))
    doc = parse_html(tmp_path, wrap(body))
    assert [(f["page"], f["text"]) for f in doc.meta["page_furniture"]] == [
        (1, "Anytown Borough Council"), (1, "- 1 -"), (2, "Anytown Borough Council"), (2, "- 2 -")]
    assert doc.text == ("Freedom of Information Request FOI/123\nDear Ms Doe,\n1. The council issued 1,377 fines in 2023 and"
                        "\ncollected £41,310 & costs.\n2. We do not hold this.")
    assert [l.page for l in doc.lines] == [1, 1, 1, 2, 2] and doc.lines[0].bold


def test_the_pdf_outline_after_the_last_page_is_not_text(tmp_path):
    body = ("<a name=1></a>Annex&#160;A&#160;–&#160;Costs<br/>\nThe&#160;costs&#160;were&#160;£2,000.<br/>\n<hr/>\n"
            "<a name=2></a>Annex&#160;B&#160;–&#160;Staff<br/>\nWe&#160;employ&#160;12&#160;staff.<br/>\n<hr/>\n"
            '<a name="outline"></a><h1>Document Outline</h1>\n<ul>\n<li><a href="x.html#1">Annex A – Costs</a></li>\n'
            '<li><a href="x.html#2">Annex B – Staff</a></li>\n</ul>\n<hr/>\n')
    doc = parse_html(tmp_path, wrap(body))
    assert doc.pages == 2
    assert lines_of(doc) == [(1, "Annex A – Costs"), (1, "The costs were £2,000."), (2, "Annex B – Staff"),
                             (2, "We employ 12 staff.")]


def test_a_text_attachment_keeps_its_paragraphs(tmp_path):
    # Alaveteli shows a text attachment with its line breaks as <br>: a blank line is two in a row.
    body = ("Dear Mr Jones,<br><br>Thank you for your request for information.<br>We do not hold the information."
            "<br><br><br>Yours sincerely<br>FOI Officer")
    doc = parse_html(tmp_path, wrap(body))
    assert doc.text == ("Dear Mr Jones,\n\nThank you for your request for information.\nWe do not hold the information."
                        "\n\nYours sincerely\nFOI Officer")


def test_an_rtf_attachments_table_gives_one_value_per_line(tmp_path):
    body = ("<p><b>Fines issued</b></p><table><tr><td>Year</td><td>Fines</td></tr><tr><td>2022</td><td>1,204</td></tr>"
            "<tr><td>2023</td><td>1,377</td></tr></table><p>Figures&#160;&amp;&#160;costs&#160;in&#160;£.</p>")
    doc = parse_html(tmp_path, wrap(body))
    assert [l.text for l in doc.lines] == ["Fines issued", "Year", "Fines", "2022", "1,204", "2023", "1,377",
                                           "Figures & costs in £."]


@pytest.mark.parametrize("body, words", [
    ("<p>Sorry, we were unable to convert this file to HTML. Please use the download link at the top right.</p>",
     "could not convert"),
    ('<iframe src="https://docs.google.com/viewer?url=x&amp;embedded=true" width="100%" height="100%"></iframe>',
     "viewer"),
])
def test_a_page_without_the_documents_text_is_an_error(tmp_path, body, words):
    with pytest.raises(DocumentError) as e:
        parse_html(tmp_path, wrap(body))
    assert e.value.error_type == "empty_file" and words in e.value.message


# --------------------------------------------------------------------------
# Real pdftohtml output, when poppler is installed
# --------------------------------------------------------------------------


def make_letter_pdf(path) -> None:
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4

    def furniture(n: int):
        c.setFont("Helvetica", 8)
        c.drawString(72, height - 40, "OFFICIAL - Anytown Borough Council")
        c.drawString(72, 30, f"Freedom of Information Team - Page {n} of 2")

    furniture(1)
    y = height - 100
    c.setFont("Helvetica-Bold", 12)
    c.drawString(72, y, "Freedom of Information Request FOI/2024/123")
    y -= 24
    t = c.beginText(72, y)
    for font, size, rise, text in [("Helvetica", 11, 0, "The cost was "), ("Helvetica-Bold", 11, 0, "£1,234 & rising"),
                                   ("Helvetica", 11, 0, " in 2023"), ("Helvetica", 7, 4, "1"),
                                   ("Helvetica", 11, 0, " as noted.")]:
        t.setFont(font, size)
        t.setRise(rise)
        t.textOut(text)
    c.drawText(t)
    c.setFont("Helvetica", 11)
    for i in range(30):
        y -= 16
        c.drawString(72, y, f"Line {i} of the answer to question one continues here.")
    for row in (["Year", "Count", "Cost"], ["2021/22", "17", "£500"], ["Total", "<5", "£1,000"]):
        y -= 16
        for x, value in zip((72, 250, 400), row):
            c.drawString(x, y, value)
    y -= 16
    c.drawString(72, y, "The answer to question 2 runs over the page break and")
    c.showPage()
    furniture(2)
    c.setFont("Helvetica", 11)
    c.drawString(72, height - 100, "continues on the second page.")
    c.drawString(72, height - 130, "Yours sincerely")
    c.save()


@pytest.mark.skipif(shutil.which("pdftohtml") is None, reason="poppler's pdftohtml is not installed")
@pytest.mark.parametrize("options", [["-zoom", "1.0"], ["-c"], ["-s", "-c"]])
def test_real_pdftohtml_output_reads_like_the_pdf(tmp_path, options):
    pdf = tmp_path / "letter.pdf"
    make_letter_pdf(pdf)
    subprocess.run(["pdftohtml", "-q", "-nodrm", "-enc", "UTF-8", "-noframes", *options, str(pdf), str(tmp_path / "out")],
                   check=True)
    converted = (tmp_path / "out.html").read_text(encoding="utf-8")
    head, _, rest = converted.partition("<body")
    body = rest.partition(">")[2].rpartition("</body>")[0]
    doc = parse_html(tmp_path, wrap(body, head=head.partition("<head>")[2].rpartition("</head>")[0]))
    from_pdf = parse_file(pdf, "letter.pdf")
    assert lines_of(doc) == lines_of(from_pdf)
    assert [(f["page"], f["text"]) for f in doc.meta["page_furniture"]] == \
        [(f["page"], f["text"]) for f in from_pdf.meta["page_furniture"]]
    if "-c" in options:  # positions, so paragraph breaks too; the simple layout has neither
        assert doc.text == from_pdf.text
        assert [l.x0 for l in doc.lines] == pytest.approx([l.x0 for l in from_pdf.lines], abs=1)
        assert [l.top for l in doc.lines] == pytest.approx([l.top for l in from_pdf.lines], abs=3)


# --------------------------------------------------------------------------
# The kind of document: an attachment page is not a response just for being on WhatDoTheyKnow
# --------------------------------------------------------------------------


def simple_body(*paragraphs: str) -> str:
    """Paragraphs as the simple layout writes them: a line per string, a blank string between paragraphs."""
    lines = []
    for paragraph in paragraphs:
        lines += [line.replace(" ", "&#160;").replace("&#160;&amp;", " &amp;") + "<br/>" for line in paragraph.split("\n")]
        lines.append("&#160;<br/>")
    return "<a name=1></a>" + "\n".join(lines) + "\n<hr/>\n"


REQUEST_LETTER = (
    "Dear Anytown Borough Council,",
    "Under the Freedom of Information Act 2000 I would like to request the following information:",
    "1. The number of parking fines issued in 2023.\n2. The income from those fines.",
    "I would prefer to receive the information by email.",
    "Yours faithfully,\nJane Doe",
)
INTERNAL_REVIEW_REQUEST = (
    "Dear Anytown Borough Council,",
    "Please pass this on to the person who conducts Freedom of Information reviews.",
    "I am writing to request an internal review of Anytown Borough Council's handling of my FOI request "
    "'Parking fines 2023'.",
    "The council has not answered question 2, and the exemption under section 43 was not explained. I may refer "
    "this to the Information Commissioner.",
    "A full history of my FOI request and all correspondence is available on the Internet at this address:\n"
    "https://www.whatdotheyknow.com/request/parking_fines_2023",
    "Yours faithfully,\nJane Doe",
)
MINUTES = (
    "Minutes of the meeting of the Audit and Governance Committee held on 12 March 2024",
    "Present: Councillors Smith (Chair), Jones and Patel",
    "Apologies for absence: Councillor Brown",
    "Declarations of interest: none.",
    "Agenda item 5: Information governance report. The committee noted 1,204 Freedom of Information requests and "
    "3 complaints to the Information Commissioner's Office. Internal review performance was discussed.",
    "RESOLVED that the report be noted.",
)
SHORT_RESPONSE = (
    "Dear Ms Doe,",
    "Thank you for your email of 3 April 2024 asking for the number of parking fines issued in 2023. "
    "Please find our response below.",
    "We issued 1,377 fines in 2023. The income from fines is published on our website.",
    "Yours sincerely,\nParking Services",
)
REVIEW_DECISION = (
    "Our ref: IR-2024-17",
    "Dear Ms Doe,",
    "Internal review: Parking fines 2023",
    "I have now completed the internal review of the response to your request. I have considered the handling of "
    "question 2 and I uphold the original decision.",
    "If you are not satisfied with the outcome of this review, you may apply to the Information Commissioner.",
    "Yours sincerely,\nHead of Legal Services",
)
QUOTING_THE_REQUEST = (
    "Freedom of Information Request FOI/2024/0932",
    "Request",
    "I would like to request, under the Freedom of Information Act, the number of parking fines issued in 2023 and "
    "the income from them. Please provide the figures by month.",
    "Response",
    "1,377 fines were issued; the income was £41,310. Monthly figures are in the table below.",
    "Yours faithfully\nHead of Information Governance",
)
EIR_RESPONSE = (
    "Our reference: EIR/2024/0412",
    "Dear Mr Jones,",
    "Request for environmental information: air quality monitoring",
    "Your request has been handled under the Environmental Information Regulations 2004.",
    "The council holds the monitoring data for 2023, which is attached. The location of the monitors at private "
    "addresses is withheld under regulation 13(1), as it is personal data.",
    "If you are unhappy with this response you may ask for a review under regulation 11.",
)
FOISA_RESPONSE = (
    "Dear Ms Campbell,",
    "Your request for information of 4 June 2024",
    "Thank you for your request, which we have dealt with under the Freedom of Information (Scotland) Act 2002 (FOISA).",
    "Under section 17(1) of FOISA we must tell you that the Council does not hold the information you asked for.",
    "If you are dissatisfied with the way we have handled your request you can ask us to review our decision "
    "(a requirement for review), and then apply to the Scottish Information Commissioner.",
)
WELSH_RESPONSE = (
    "Ein cyf: RhG/2024/118",
    "Annwyl Mr Jones,",
    "Cais Rhyddid Gwybodaeth",
    "Diolch am eich cais am wybodaeth a dderbyniwyd ar 3 Mai 2024 o dan Ddeddf Rhyddid Gwybodaeth 2000.",
    "Nid yw'r Cyngor yn dal y wybodaeth y gofynnoch amdani.",
    "Os ydych yn anfodlon â'r ymateb hwn, gallwch ofyn am adolygiad mewnol. Gallwch hefyd gwyno i Swyddfa'r "
    "Comisiynydd Gwybodaeth.",
    "Yn gywir,\nTîm Llywodraethu Gwybodaeth",
)
BILINGUAL_RESPONSE = tuple(
    line for pair in zip(WELSH_RESPONSE, (
        "Our ref: RhG/2024/118", "Dear Mr Jones,", "Freedom of Information Request",
        "Thank you for your request for information received on 3 May 2024 under the Freedom of Information Act 2000.",
        "The Council does not hold the information you asked for.",
        "If you are unhappy with this response you can ask for an internal review. You may also complain to the "
        "Information Commissioner's Office.", "Yours sincerely,\nInformation Governance Team")) for line in pair)


@pytest.mark.parametrize("paragraphs, kind", [
    (REQUEST_LETTER, "other"),
    (INTERNAL_REVIEW_REQUEST, "other"),
    (MINUTES, "other"),
    (SHORT_RESPONSE, "foi_response"),
    (REVIEW_DECISION, "foi_response"),
    (QUOTING_THE_REQUEST, "foi_response"),
    (EIR_RESPONSE, "foi_response"),
    (FOISA_RESPONSE, "foi_response"),
    (WELSH_RESPONSE, "foi_response"),
    (BILINGUAL_RESPONSE, "foi_response"),
], ids=["request", "internal-review-request", "minutes", "short-response", "review-decision", "quoting-the-request",
        "eir", "foisa", "welsh", "bilingual"])
def test_the_kind_of_an_attachment_page_comes_from_what_it_says(tmp_path, paragraphs, kind):
    doc = parse_html(tmp_path, wrap(simple_body(*paragraphs)))
    assert doc.flavor == "wdtk_attachment" and doc.meta["wdtk_request_slug"] == "parking_fines_2023"
    assert detect_kind(doc) == kind


@pytest.mark.parametrize("paragraphs, kind", [
    (INTERNAL_REVIEW_REQUEST, "other"), (MINUTES, "other"), (QUOTING_THE_REQUEST, "foi_response"),
    (EIR_RESPONSE, "foi_response"), (FOISA_RESPONSE, "foi_response"), (WELSH_RESPONSE, "foi_response"),
    (SHORT_RESPONSE, "other"),
], ids=["internal-review-request", "minutes", "quoting-the-request", "eir", "foisa", "welsh", "short-letter"])
def test_the_same_letters_as_text_files(tmp_path, paragraphs, kind):
    # Off WhatDoTheyKnow a letter needs the full weight of signals: a short thank-you note is not enough.
    path = tmp_path / "letter.txt"
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    assert detect_kind(parse_file(path, "letter.txt")) == kind


WDTK_CHROME_TOP = (
    '<div id="banner"><a href="/">WhatDoTheyKnow</a><a href="/profile/sign_in">Sign in or sign up</a>'
    '<ul id="topnav"><li><a href="/select_authority">Make a request</a></li><li><a href="/list/all">Browse requests</a></li>'
    '<li><a href="/body/list/all">View authorities</a></li><li><a href="/help/about">Help</a></li></ul></div>')
WDTK_CHROME_FOOTER = (
    '<div class="mysoc-footer"><h2>WhatDoTheyKnow</h2><p>A site to help anyone submit a Freedom of Information request. '
    "WhatDoTheyKnow also publishes and archives requests and responses, building a huge archive of information.</p>"
    '<ul><li><a href="/help/contact">Contact us</a></li><li><a href="/help/privacy">Privacy and cookies</a></li></ul></div>')


@pytest.mark.parametrize("content", [
    '<div id="content"><h1>Sign in</h1><form action="/profile/sign_in" method="post"><label>Your e-mail:</label>'
    '<input type="email" name="user_signin[email]"><label>Password:</label><input type="password">'
    '<input type="submit" value="Sign in"></form><p>Forgotten your password?</p></div>',
    "<div id=\"content\"><h1>Sorry, we couldn't find that page</h1><p>The page doesn't exist, or it has been moved. "
    "Try searching for what you were looking for.</p></div>",
], ids=["login", "not-found"])
def test_a_saved_login_or_error_page_of_the_site_is_not_a_response(tmp_path, content):
    page = f"<html><head><title>WhatDoTheyKnow</title></head><body>{WDTK_CHROME_TOP}{content}{WDTK_CHROME_FOOTER}</body></html>"
    doc = parse_html(tmp_path, page)
    assert detect_kind(doc) == "other"


def test_a_page_claiming_to_be_an_attachment_with_an_empty_body_is_an_error(tmp_path):
    with pytest.raises(DocumentError) as e:
        parse_html(tmp_path, wrap("\n  \n"))
    assert e.value.error_type == "empty_file"


def test_a_request_page_and_an_attachment_page_of_the_same_request(tmp_path):
    thread = (f"<html><head><title>Parking fines 2023 - a Freedom of Information request to Anytown Borough Council - "
              f"WhatDoTheyKnow</title></head><body>{WDTK_CHROME_TOP}<div id=\"content\"><div id=\"request_show\">"
              '<h1>Parking fines 2023</h1><div class="correspondence" id="outgoing-1"><div class="correspondence_text">'
              "<p>Dear Anytown Borough Council,</p><p>Please provide the number of parking fines issued in 2023.</p>"
              f"<p>Yours faithfully,</p><p>Jane Doe</p></div></div></div></div>{WDTK_CHROME_FOOTER}</body></html>")
    assert detect_kind(parse_html(tmp_path, thread, "thread.html")) == "foi_request_thread"
    attachment = parse_html(tmp_path, wrap(simple_body(*SHORT_RESPONSE)), "attachment.html")
    assert detect_kind(attachment) == "foi_response"
    assert "WhatDoTheyKnow" not in attachment.text and "Download original attachment" not in attachment.text
