"""Bad input never stops a run and is never lost: each failure is an `errors` row a person understands."""
from __future__ import annotations

import os
import sqlite3

import pytest

from pipeline.run import extract_corpus

from conftest import make_text_pdf

GOOD = "Freedom of Information Act request\nOur ref: FOI 1234\nDear Sir,\nThank you for your request for information.\n"


def make_encrypted_pdf(path):
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret", encryption_method=EncryptionMethod.RC4)
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Secret letter")
    pdf.output(str(path))


def make_scanned_pdf(path):
    """A PDF whose page holds only drawing, no text layer (as a scan would)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(40, 40, 40)
    for i in range(20):
        pdf.rect(20, 20 + i * 8, 120 + (i % 5) * 10, 4, style="F")
    pdf.output(str(path))


@pytest.fixture
def bad_folder(tmp_path):
    d = tmp_path / "raw"
    d.mkdir()
    (d / "good.txt").write_text(GOOD)
    (d / "empty.pdf").write_bytes(b"")
    (d / "empty.txt").write_bytes(b"")
    full = make_text_pdf(tmp_path / "full.pdf", ["Dear Sir,\nA letter with text.\n" * 20])
    (d / "truncated.pdf").write_bytes(full.read_bytes()[: len(full.read_bytes()) // 3])
    make_encrypted_pdf(d / "encrypted.pdf")
    make_scanned_pdf(d / "scanned.pdf")
    rnd = os.urandom(5000)
    (d / "random.pdf").write_bytes(rnd)
    (d / "random.html").write_bytes(rnd)
    (d / "ansi.txt").write_bytes(
        "Freedom of Information request\nDear Sir,\nThe cost was \u00a3450 for the \u2018pilot\u2019 scheme.\n".encode("cp1252"))
    return d


def test_bad_files_are_recorded_and_the_rest_loaded(bad_folder, tmp_path):
    db_path = tmp_path / "foi.db"
    report = extract_corpus([bad_folder], db_path)
    conn = sqlite3.connect(db_path)
    loaded = {r[0] for r in conn.execute("SELECT source FROM documents")}
    errors = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT source, error_type, message FROM errors")}
    assert loaded == {"good.txt", "ansi.txt"}
    assert report.counts["failed"] == len(errors) == 7
    assert errors["empty.pdf"][0] == "empty_file"
    assert errors["empty.txt"][0] == "empty_file"
    assert errors["truncated.pdf"][0] == "corrupt_pdf"
    assert errors["encrypted.pdf"][0] == "encrypted_pdf"
    assert errors["scanned.pdf"][0] == "needs_ocr"
    assert errors["random.pdf"][0] == "unrecognised_format"
    assert errors["random.html"][0] == "unrecognised_format"
    for source, (error_type, message) in errors.items():
        assert len(message) > 30 and "Traceback" not in message, source
    assert "password" in errors["encrypted.pdf"][1].lower()
    assert "OCR" in errors["scanned.pdf"][1]


def test_cp1252_text_is_decoded(bad_folder, tmp_path):
    db_path = tmp_path / "foi.db"
    extract_corpus([bad_folder], db_path)
    (text,) = sqlite3.connect(db_path).execute("SELECT text FROM documents WHERE source='ansi.txt'").fetchone()
    assert "\u00a3450" in text and "\u2018pilot\u2019" in text


def test_failures_are_retried_and_recorded_again_on_the_next_run(bad_folder, tmp_path):
    db_path = tmp_path / "foi.db"
    extract_corpus([bad_folder], db_path)
    second = extract_corpus([bad_folder], db_path)
    assert second.counts["unchanged"] == 2 and second.counts["failed"] == 7
    (bad_folder / "empty.txt").write_text(GOOD)
    third = extract_corpus([bad_folder], db_path)
    assert third.counts["added"] == 1 and third.counts["failed"] == 6
