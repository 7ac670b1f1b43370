from pathlib import Path

from pipeline.discover import discover, sniff_format, read_head

from conftest import SAMPLES, make_text_pdf


def fmt(path: Path) -> str:
    return sniff_format(read_head(path), path)


def test_every_sample_format_comes_from_content():
    expected = {".pdf": "pdf", ".html": "html", ".txt": "txt", ".docx": "docx", ".xlsx": "xlsx"}
    for f in discover(SAMPLES):
        assert fmt(f.path) == expected[f.path.suffix.lower()], f.source


def test_format_ignores_the_file_name(tmp_path):
    pdf = make_text_pdf(tmp_path / "letter.txt", ["Dear Sir"])
    assert fmt(pdf) == "pdf"
    html = tmp_path / "page.pdf"
    html.write_text("<!DOCTYPE html><html><body><p>Hello</p></body></html>")
    assert fmt(html) == "html"
    junk = tmp_path / "junk.html"
    junk.write_bytes(bytes(range(256)) * 40)
    assert fmt(junk) == "binary"
    eml = tmp_path / "reply.txt"
    eml.write_text("From: a@example.org\nTo: b@example.org\nSubject: FOI\nDate: Mon, 1 Jun 2020 10:00:00 +0100\n\nHello\n")
    assert fmt(eml) == "eml"
    html_mail = tmp_path / "reply.eml"
    html_mail.write_text("From: a@example.org\nTo: b@example.org\nSubject: FOI\nMIME-Version: 1.0\n"
                         "Content-Type: text/html; charset=utf-8\n\n<html><body><p>Hello</p></body></html>\n")
    assert fmt(html_mail) == "eml"


def test_cp1252_and_utf8_text_are_text(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("Costs of \u00a3450 \u2018quoted\u2019".encode("cp1252"))
    assert fmt(p) == "txt"
    p.write_bytes("\ufeffCosts of \u00a3450".encode("utf-8"))
    assert fmt(p) == "txt"


def test_hidden_files_and_sidecars_are_skipped(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / ".hidden.txt").write_text("no")
    (tmp_path / "a.txt.fetch.json").write_text("{}")
    (tmp_path / "sources.toml").write_text("")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "b.txt").write_text("no")
    assert [f.source for f in discover(tmp_path)] == ["a.txt"]


def test_ids_and_hashes_are_stable(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    first, second = discover(tmp_path), discover(tmp_path)
    assert first == second
    assert len(first[0].sha256) == 64



def test_an_email_as_gmail_saves_it_is_an_email_even_behind_kilobytes_of_headers():
    trace = "".join(f"{'X-' if n % 2 else ''}Received: by 2002:a05:{n:04x} with SMTP id x{n};\r\n"
                    f"        Tue, 1 Dec 2026 10:0{n % 10}:00 -0800 (PST)\r\n" for n in range(12))
    seal = "ARC-Seal: i=1; a=rsa-sha256; t=1; cv=none; d=google.com; s=arc-20160816;\r\n" + \
           "".join(f"        b={'A' * 70}\r\n" for _ in range(40))
    head = ("Delivered-To: requester@example.org\r\n" + trace + seal +
            "X-Google-Smtp-Source: AGHT+IE\r\nAuthentication-Results: mx.google.com; spf=pass\r\n"
            "From: FOI Team <foi@council.gov.uk>\r\nTo: requester@example.org\r\nSubject: FOI 12345\r\n"
            "Date: Tue, 1 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            "<html><body><p>Dear Requester,</p></body></html>\r\n").encode()
    assert len(head) > 4096
    assert sniff_format(head) == "eml"


def test_a_letter_opening_with_labelled_lines_is_not_an_email():
    letter = b"Our ref: FOI 2020/123\nDate: 10 July 2020\nTo: Ms Smith\nFrom: Information Team\n\nDear Ms Smith,\n"
    assert sniff_format(letter) == "txt"
    assert sniff_format(b"Ref: 123\nDate: 10 July 2020\nTo: Ms Smith\nFrom: Information Team\n\nDear Ms Smith,\n") == "txt"


def test_utf16_text_and_html_are_sniffed_as_text_not_binary():
    html = "<!DOCTYPE html><html><body><p>Dear Sir, the cost was £4,000.</p></body></html>"
    for codec in ("utf-16", "utf-16-le", "utf-16-be"):
        assert sniff_format(html.encode(codec)) == "html"
        assert sniff_format("Dear Sir,\r\nThe cost was £4,000.\r\n".encode(codec)) == "txt"
