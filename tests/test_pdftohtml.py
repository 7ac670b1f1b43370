"""WhatDoTheyKnow's "HTML version of an attachment" pages (poppler pdftohtml output in Alaveteli's page).

Fixtures are the MoJ seed letter laid out on A4 pages (`test_renderings.lay_out`)
and written in pdftohtml's two layouts: the simple one WhatDoTheyKnow serves
and the complex (`-c`) one with absolutely positioned lines.
"""
from __future__ import annotations

import html

import pytest

from pipeline.errors import DocumentError
from pipeline.parse import parse_file
from test_renderings import FOOTER, PAGE_H, PAGE_W, REQUEST_TITLE, lay_out, letter_blocks, render_pdftohtml_simple

WRAPPER_WORDS = ("HTML version of an attachment", "Download original attachment", "PDF file", "WhatDoTheyKnow")


def complex_page(placed, zoom: float, wrapper: str) -> str:
    """The letter as `pdftohtml -c -noframes -zoom <zoom>` writes it, inside a wrapper."""
    pages = []
    for page in range(1, max(p.page for p in placed) + 1):
        lines = [
            f'<p style="position:absolute;top:{round(p.top * zoom)}px;left:{round(p.x * zoom)}px;white-space:nowrap" '
            f'class="ft10">{html.escape(p.text).replace(" ", "&#160;")}</p>'
            for p in sorted((p for p in placed if p.page == page), key=lambda p: (p.top, p.x))
        ]
        pages.append(f'<!-- Page {page} -->\n<a name="{page}"></a>\n<div id="page{page}-div" style="position:relative;'
                     f'width:{round(PAGE_W * zoom)}px;height:{round(PAGE_H * zoom)}px;">\n' + "\n".join(lines) + "\n</div>")
    style = f"<style type=\"text/css\">\n<!--\n\tp {{margin: 0; padding: 0;}}\t.ft10{{font-size:{round(10 * zoom)}px;" \
            "font-family:Times;color:#000000;}\n-->\n</style>"
    return (f"<!DOCTYPE html><html><head><title>{REQUEST_TITLE}</title>{style}</head><body>{wrapper}"
            '<div id="wrapper"><div id="view-html-content">\n' + "\n".join(pages) + "\n</div></div></body></html>")


OLD_WRAPPER = ('<p class="view_html_description">This is an HTML version of an attachment to the Freedom of Information '
               f"request '<a href=\"/request/healthy_identity_intervention_pr#incoming-1612345\">{REQUEST_TITLE}</a>'.</p>")


def parse_html(tmp_path, text: str, name: str = "attachment.html"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_file(path, name)


def test_the_simple_layout_whatdotheyknow_serves(tmp_path):
    doc = parse_file(render_pdftohtml_simple(tmp_path / "a.html"), "a.html")
    assert doc.flavor == "wdtk_attachment" and doc.format == "html"
    assert not any(w in doc.text for w in WRAPPER_WORDS)
    assert doc.meta["wdtk_request_url"] == "https://www.whatdotheyknow.com/request/healthy_identity_intervention_pr"
    assert doc.meta["wdtk_request_slug"] == "healthy_identity_intervention_pr"
    assert doc.meta["wdtk_request_title"] == doc.meta["request_title"] == REQUEST_TITLE
    placed, _ = lay_out(letter_blocks())
    n_pages = max(p.page for p in placed)
    assert doc.pages == n_pages and {line.page for line in doc.lines} == set(range(1, n_pages + 1))
    # The running footer is cut from the text and kept aside.
    assert "Disclosure Team - Page" not in doc.text
    assert [f["text"] for f in doc.meta["page_furniture"]] == [FOOTER.format(n=n) for n in range(1, n_pages + 1)]
    # Table cells one per line, in reading order; blank strings are paragraph breaks; <b> is bold.
    texts = [line.text for line in doc.lines]
    at = texts.index("Year completed")
    assert texts[at : at + 4] == ["Year completed", "Count of Completions", "2013 – 14", "17"]
    assert "\n\nDear Ms Whittaker," in doc.text
    assert [line.text for line in doc.lines if line.bold] == ["Freedom of Information Act (FOIA) Request –"]
    # Every line's offsets point at its text.
    assert all(doc.text[line.start : line.end] == line.text for line in doc.lines)


@pytest.mark.parametrize("zoom", [1.0, 1.5])
def test_the_complex_layout_gives_positions_in_points_whatever_the_zoom(tmp_path, zoom):
    placed, _ = lay_out(letter_blocks())
    doc = parse_html(tmp_path, complex_page(placed, zoom, OLD_WRAPPER))
    assert not any(w in doc.text for w in WRAPPER_WORDS)
    assert doc.meta["wdtk_request_url"].endswith("/request/healthy_identity_intervention_pr")
    expected = {(p.page, " ".join(p.text.split())): (p.top, p.x) for p in placed
                if p.text.strip() and not p.text.startswith(FOOTER[:20])}
    got = {(line.page, line.text): (line.top, line.x0) for line in doc.lines}
    assert got.keys() == expected.keys()
    for key, (top, x) in expected.items():
        assert got[key][0] == pytest.approx(top, abs=1) and got[key][1] == pytest.approx(x, abs=1), key
    assert {line.size for line in doc.lines} == {10}
    # Cells of one table row share a line height and read left to right.
    row = [line.text for line in doc.lines if line.top == next(l.top for l in doc.lines if l.text == "Grand Total")]
    assert row == ["Grand Total", "180"]


def test_a_positioned_paragraph_with_line_breaks(tmp_path):
    page = ('<div id="page1-div" style="position:relative;width:595px;height:842px;">'
            '<p style="position:absolute;top:100px;left:72px;white-space:nowrap" class="ft11"><b>Our&#160;response</b></p>'
            '<p style="position:absolute;top:130px;left:72px;white-space:nowrap" class="ft12">The&#160;information&#160;is'
            '<br/>not&#160;held&#160;by&#160;the&#160;Trust.</p></div>')
    style = "<style>.ft11{font-size:12px;font-family:Arial;}.ft12{font-size:10px;line-height:14px;font-family:Arial;}</style>"
    doc = parse_html(tmp_path, f"<html><head>{style}</head><body>{OLD_WRAPPER}"
                               f'<div id="view_html_content">{page}</div></body></html>')
    assert [(l.text, l.top, l.x0, l.size, l.bold) for l in doc.lines] == [
        ("Our response", 100, 72, 12, True),
        ("The information is", 130, 72, 10, False),
        ("not held by the Trust.", 144, 72, 10, False),
    ]


def test_the_request_link_is_resolved_against_the_page_url(tmp_path):
    canonical = '<link rel="canonical" href="https://www.asktheeu.org/en/request/some_request/response/9/attach/html/2/x.pdf.html">'
    body = "<a name=1></a>Dear&#160;Sir,<br/>\n&#160;<br/>\nThe&#160;answer&#160;is&#160;yes.<br/>\n<hr/>\n"
    page = (f"<html><head>{canonical}</head><body><div class=\"view_html_prefix\">This is an HTML version of an attachment "
            "to the Freedom of Information request '<a href=\"/en/request/some_request#incoming-9\">Some request</a>'."
            f'</div><div id="wrapper"><div id="view-html-content">{body}</div></div></body></html>')
    doc = parse_html(tmp_path, page)
    assert doc.meta["wdtk_request_url"] == "https://www.asktheeu.org/en/request/some_request"
    assert doc.text == "Dear Sir,\n\nThe answer is yes."


def test_an_attachment_page_without_text_is_an_error(tmp_path):
    page = (f'<html><body>{OLD_WRAPPER}<div id="view_html_content"><a name=1></a><img src="x-1_1.png"/><br/>\n<hr/>'
            "</div></body></html>")
    with pytest.raises(DocumentError) as e:
        parse_html(tmp_path, page)
    assert e.value.error_type == "empty_file"
