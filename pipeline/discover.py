"""Stage 1, discover: walk an input folder and identify each file by its content.

The format comes from the bytes (PDF magic number, Office zip members, HTML
markup, email headers), never from the file name, so a PDF saved as `.txt` or
random bytes named `.pdf` are both recognised for what they are.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# Files the scrapers (`foi fetch`) write beside what they download.
SIDECAR_SUFFIX = ".fetch.json"
CONFIG_FILES = {"sources.toml"}


@dataclass(frozen=True)
class SourceFile:
    path: Path  # absolute path on disk
    source: str  # path relative to `root`, with forward slashes
    size: int
    sha256: str
    root: Path | None = None  # the input root the source is relative to (absolute)


def iter_files(root: Path):
    """Every candidate input under `root`, sorted, skipping hidden files and sidecars."""
    root = Path(root)
    if root.is_file():
        yield root
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__")))
        for name in sorted(filenames):
            if name.startswith(".") or name.endswith(SIDECAR_SUFFIX) or name in CONFIG_FILES:
                continue
            yield Path(dirpath) / name


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def discover(root: Path, base: Path | None = None) -> list[SourceFile]:
    """The files under `root` (a folder or one file), each named by its path relative to `base`
    (by default the folder itself, or a file's folder)."""
    root = Path(root)
    base = Path(base) if base is not None else root if root.is_dir() else root.parent
    found = []
    for path in iter_files(root):
        rel = path.resolve().relative_to(base.resolve()).as_posix()
        found.append(SourceFile(path=path.resolve(), source=rel, size=path.stat().st_size, sha256=sha256_of(path),
                                root=base.resolve()))
    return found


_HTML_RE = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<div[\s>]|<p[\s>]|<table[\s>]", re.I)
# Header fields of a mail message as mail programs save it (RFC 5322 and the common extensions).
_MAIL_HEADER_NAME_RE = re.compile(
    r"(?:Return-Path|Received(?:-SPF)?|From|To|Cc|Bcc|Date|Subject|Message-ID|MIME-Version|Delivered-To|Reply-To|"
    r"Sender|In-Reply-To|References|Importance|Priority|Precedence|Auto-Submitted|Accept-Language|"
    r"(?:X|ARC|DKIM|List|Content|Thread|Authentication|Resent)-[A-Za-z0-9-]+)",
    re.I,
)
_USUAL_MAIL_HEADERS = {"return-path", "received", "from", "to", "cc", "date", "subject", "message-id", "mime-version",
                       "delivered-to", "content-type"}


def looks_like_email(text: str) -> bool:
    """Whether `text` opens with a mail header block: only mail header fields (folded lines allowed) up to the
    first blank line, at least three of them the usual ones. A Gmail or Exchange message opens with kilobytes of
    Received, ARC-Seal and X- fields before From and Subject; a letter opening "Our ref: ... Date: ..." is no email."""
    usual = 0
    for line in text.split("\n"):
        if not line.strip():
            break
        if line[0] in " \t":
            continue  # a folded continuation of the field above
        name, colon, _ = line.partition(":")
        if not colon or not _MAIL_HEADER_NAME_RE.fullmatch(name):
            return False
        usual += name.lower() in _USUAL_MAIL_HEADERS
    return usual >= 3


def sniff_format(head: bytes, path: Path | None = None) -> str:
    """The format of a file from its first bytes: pdf, docx, xlsx, doc, html, eml, csv, txt, binary or empty.

    `path` is only used to open zip containers (to tell Word from Excel) and,
    for plain text, to prefer `csv` when the content is also a valid table.
    """
    if not head:
        return "empty"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") and path is not None:
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError):
            return "binary"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"  # OLE2 compound file: legacy Word (or Excel)
    codec = utf16_codec(head)
    if codec:  # sniff the text as UTF-8, as every other text file is sniffed
        head = head.decode(codec, errors="ignore").lstrip("\ufeff").encode("utf-8")
    if looks_binary(head):
        return "binary"
    sample = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    text = sample.decode("utf-8", errors="replace").replace("\r\n", "\n")
    # Headers first: an email whose body is HTML is still an email.
    if looks_like_email(head[:32768].lstrip(b"\xef\xbb\xbf \t\r\n").decode("utf-8", errors="replace").replace("\r\n", "\n")):
        return "eml"
    if _HTML_RE.search(sample[:2048]):
        return "html"
    if path is not None and path.suffix.lower() in (".csv", ".tsv") and looks_tabular(text):
        return "csv"
    return "txt"


def utf16_codec(data: bytes) -> str | None:
    """"utf-16" for text with a UTF-16 byte-order mark (Notepad's "Unicode"), "utf-16-le"/"utf-16-be" for
    UTF-16 without one (mostly Latin text: one byte of every pair zero), else None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4096]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(head: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (NULs or many control bytes)."""
    if b"\x00" in head[:8192]:
        return True
    sample = head[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if controls > max(2, len(sample) * 0.02):
        return True
    # Random bytes decode as cp1252 but not as UTF-8, and are full of rare high bytes.
    try:
        sample.decode("utf-8")
        return False
    except UnicodeDecodeError as e:
        if e.start >= len(sample) - 3:
            return False  # a multi-byte character cut by the sample's end
    high = sum(1 for b in sample if b >= 0x80)
    return high > len(sample) * 0.3


def looks_tabular(text: str) -> bool:
    """Whether most of the first rows, read as CSV (quoted fields may span lines), have the same two or more fields.

    Most, not all: annexes often open with a title line above the header, or end with a note.
    """
    sample = text[: text.rfind("\n") + 1] if "\n" in text else text  # no row cut short by the sample's end
    for delimiter in (",", "\t", ";"):
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(c.strip() for c in r)][:20]
        except csv.Error:
            continue
        if len(rows) < 2:
            continue
        width, count = Counter(len(r) for r in rows).most_common(1)[0]
        if width >= 2 and count >= max(2, 0.6 * len(rows)):
            return True
    return False


def read_head(path: Path, n: int = 65536) -> bytes:
    with open(path, "rb") as f:
        return f.read(n)
