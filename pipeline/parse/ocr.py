"""OCR for scanned PDF pages: render with pypdfium2, read with the `tesseract` program.

The PDF parser calls `ocr_pages` for the pages that have no text layer. Tesseract
is an optional system dependency (`make ocr-deps`, i.e. `apt-get install
tesseract-ocr`); without it, `ocr_pages` raises a `needs_ocr` error naming
the pages, so a scan is reported, never silently empty.
"""
from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from ..errors import DocumentError

DPI = 300  # tesseract's accuracy drops sharply below ~250 dpi
PAGE_TIMEOUT = 180  # seconds per page
LANGUAGE = "eng"


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_pages(path: Path, pages: list[int]) -> dict[int, str]:
    """The OCR text of each requested page (1-based numbers), as tesseract reads it."""
    if not pages:
        return {}
    exe = shutil.which("tesseract")
    if exe is None:
        raise DocumentError(
            "needs_ocr",
            f"{page_list(pages)} of this PDF {'is a scan' if len(pages) == 1 else 'are scans'} with no text layer; "
            "reading them needs OCR: install tesseract-ocr (make ocr-deps).",
        )
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        raise DocumentError("corrupt_pdf", f"The PDF cannot be rendered for OCR: {e}.") from e
    out: dict[int, str] = {}
    try:
        for number in pages:
            if not 1 <= number <= len(pdf):
                continue
            out[number] = ocr_image(exe, render_png(pdf[number - 1]), number)
    finally:
        pdf.close()
    return out


def render_png(page) -> bytes:
    image = page.render(scale=DPI / 72, grayscale=True).to_pil()
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def ocr_image(exe: str, png: bytes, number: int) -> str:
    """Tesseract reads the image from stdin and writes the text to stdout (--psm 3: automatic page layout)."""
    try:
        run = subprocess.run([exe, "stdin", "stdout", "-l", LANGUAGE, "--psm", "3"], input=png,
                             capture_output=True, timeout=PAGE_TIMEOUT)
    except subprocess.TimeoutExpired as e:
        raise DocumentError("ocr_failed", f"OCR of page {number} did not finish in {PAGE_TIMEOUT} s.") from e
    if run.returncode != 0:
        why = run.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DocumentError("ocr_failed", f"tesseract could not read page {number}: {why[-1] if why else 'no reason given'}.")
    return run.stdout.decode("utf-8", "replace").replace("\f", "").replace("\r\n", "\n")


def page_list(pages: list[int]) -> str:
    return f"Page {pages[0]}" if len(pages) == 1 else "Pages " + ", ".join(map(str, pages))
