"""Plain text files (`.txt`, `.md`, text renderings of pages) with correct decoding."""
from __future__ import annotations

from pathlib import Path

from ..errors import DocumentError
from ..model import ParsedDocument
from .lines import TextBuilder


def decode(data: bytes) -> str:
    """Decode text files as people write them: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252.

    cp1252 (Windows "ANSI") is what Word and Outlook on UK machines save, with £ as
    0xA3 and curly quotes as 0x91-0x94; latin-1 would turn those into control codes.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # 0x81, 0x8d, 0x8f, 0x90, 0x9d are undefined in cp1252; keep what we can.
        return data.decode("cp1252", errors="replace")


def parse(path: Path, source: str) -> ParsedDocument:
    data = Path(path).read_bytes()
    raw = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    if not raw.strip():
        raise DocumentError("empty_file", "The file holds only whitespace: there is no text to extract.")
    from . import weebly

    if weebly.is_text_rendering(raw):
        return weebly.parse_text_rendering(raw, source)
    from . import email

    b = TextBuilder()
    meta = {}
    if email.quotes_a_thread(raw):  # a reply pasted with the messages it quotes
        meta["messages"] = email.write_messages(raw, b, author=None, sent_at=None, subject=None)
    else:
        # Form feeds are page breaks (pdftotext writes one after every page): lines keep their page.
        paged = "\f" in raw
        for number, page in enumerate(raw.split("\f"), start=1):
            for line in page.split("\n"):
                b.add(line, page=number if paged else None)
    pages = raw.rstrip("\f\n ").count("\f") + 1 if "\f" in raw else None
    return ParsedDocument(source=source, format="txt", text=b.text, raw_text=raw, lines=b.lines, meta=meta,
                          pages=pages)
