"""Plain text files: form feeds as page breaks (decoding is tested in test_discover)."""
from __future__ import annotations

from pipeline.parse import parse_file


def test_form_feeds_in_a_text_rendering_are_page_breaks(tmp_path):
    p = tmp_path / "letter.txt"
    p.write_text("Dear Sir,\nThe figures follow.\n\fPage two starts here.\nMore.\n\f")
    doc = parse_file(p, "letter.txt")
    assert [(l.text, l.page) for l in doc.lines] == [
        ("Dear Sir,", 1), ("The figures follow.", 1), ("Page two starts here.", 2), ("More.", 2)]
    assert doc.pages == 2 and doc.page_of(doc.text.index("More")) == 2
