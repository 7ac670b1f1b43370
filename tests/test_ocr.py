"""OCR of scanned PDF pages: text read back with tesseract, or a clear error naming the pages when it is missing."""
import shutil

import pytest

from pipeline.errors import DocumentError
from pipeline.parse import ocr


def make_scanned_pdf(path, lines):
    """An image-only PDF (no text layer): the lines drawn in large black type on a white page."""
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=48)
    for i, text in enumerate(lines):
        draw.text((150, 200 + 90 * i), text, fill=0, font=font)
    page.save(path, "PDF", resolution=200)
    return path


def test_missing_tesseract_names_the_pages_and_the_fix(tmp_path, monkeypatch):
    pdf = make_scanned_pdf(tmp_path / "scan.pdf", ["Freedom of Information"])
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    with pytest.raises(DocumentError) as e:
        ocr.ocr_pages(pdf, [1, 3])
    assert e.value.error_type == "needs_ocr"
    assert "Pages 1, 3" in e.value.message and "tesseract-ocr" in e.value.message


def test_no_pages_asked_needs_no_tesseract(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    assert ocr.ocr_pages(tmp_path / "unused.pdf", []) == {}


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr is not installed (make ocr-deps)")
def test_scanned_page_is_read_back(tmp_path):
    pdf = make_scanned_pdf(tmp_path / "scan.pdf", ["Freedom of Information Act 2000", "Our reference: FOI 4521"])
    text = ocr.ocr_pages(pdf, [1, 2])  # page 2 does not exist: left out, not an error
    assert list(text) == [1]
    assert "Freedom of Information Act 2000" in text[1]
    assert "FOI 4521" in text[1]
