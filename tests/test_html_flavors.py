"""Which reader an HTML file goes to, from its markup: bare pdftohtml output, Weebly's own pages, the rest."""
from __future__ import annotations

from pipeline.detect import detect_kind
from pipeline.parse import parse_file

from test_pdftohtml import complex_page, parse_html
from test_renderings import FOOTER, lay_out, letter_blocks


def test_pdftohtml_output_saved_bare_is_read_by_position(tmp_path):
    placed, _ = lay_out(letter_blocks())
    page = complex_page(placed, zoom=1.5, wrapper="").replace(
        "<head>", '<head><meta name="generator" content="pdftohtml 0.36"/>', 1)
    doc = parse_html(tmp_path, page, "letter.html")
    assert doc.flavor == "pdftohtml"
    n_pages = max(p.page for p in placed)
    assert doc.pages == n_pages and {line.page for line in doc.lines} == set(range(1, n_pages + 1))
    assert all(line.top is not None for line in doc.lines)
    assert [f["text"] for f in doc.meta["page_furniture"]] == [FOOTER.format(n=n) for n in range(1, n_pages + 1)]
    assert "wdtk_request_url" not in doc.meta
    assert detect_kind(doc) == "foi_response"


def test_a_page_that_links_to_a_weebly_site_is_not_a_weebly_page(tmp_path):
    page = ("<html><head><title>Partners</title></head><body><h1>Our partners</h1>"
            "<p>Read about the <a href='https://example-programme.weebly.com/about.html'>Example programme</a>, "
            "which supports people leaving prison.</p></body></html>")
    doc = parse_html(tmp_path, page, "partners.html")
    assert doc.flavor == "generic"
    assert "Example programme" in doc.text
