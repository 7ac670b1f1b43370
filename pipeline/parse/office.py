"""Office files: Word letters (.docx, legacy .doc), spreadsheets (.xlsx) and CSV annexes.

Each format has its own module (`word`, `sheets`); the legacy binary .doc is
read through the `antiword` command, which system package managers ship
(`apt-get install antiword`).

Every binary Office file is an OLE2 compound file, and so is a password-protected
.docx or .xlsx (its package encrypted inside one), a legacy Excel or
PowerPoint file and an Outlook message. Which one a file is shows in the
names of the streams its directory lists; only Word documents go to antiword,
the others get an error that says what the file is.
"""
from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

from ..errors import DocumentError
from ..model import ParsedDocument
from .lines import TextBuilder

ANTIWORD_TIMEOUT = 120  # seconds


def parse(path: Path, source: str, fmt: str) -> ParsedDocument:
    if fmt == "docx":
        from . import word

        return word.parse(path, source)
    if fmt == "xlsx":
        from . import sheets

        return sheets.parse_xlsx(path, source)
    if fmt == "csv":
        from . import sheets

        return sheets.parse_csv(path, source)
    if fmt == "doc":
        return parse_doc(path, source)
    raise DocumentError("unsupported_format", f"Reading {fmt} files is not supported.")


def parse_doc(path: Path, source: str) -> ParsedDocument:
    """A legacy Word 97-2003 document, as the text `antiword` renders (UTF-8, paragraphs unwrapped)."""
    refuse_other_ole_files(ole_stream_names(path))
    exe = shutil.which("antiword")
    if exe is None:
        raise DocumentError(
            "unsupported_format",
            "This is a legacy Word 97-2003 (.doc) file; reading it needs the antiword program, "
            "which is not installed (install it with `apt-get install antiword`, or `make doc-deps`).",
        )
    try:
        run = subprocess.run([exe, "-m", "UTF-8.txt", "-w", "0", str(path)], capture_output=True,
                             timeout=ANTIWORD_TIMEOUT)
    except subprocess.TimeoutExpired as e:
        raise DocumentError("corrupt_doc", f"antiword did not finish reading the .doc file in {ANTIWORD_TIMEOUT} s.") from e
    if run.returncode != 0:
        why = run.stderr.decode("utf-8", "replace").strip().splitlines()
        if any("encrypted" in line.lower() for line in why):
            raise DocumentError("encrypted_office", "The Word document is password-protected (encrypted): "
                                                    "its text cannot be read without the password.")
        raise DocumentError("corrupt_doc", f"antiword could not read the .doc file: {why[-1] if why else 'no reason given'}.")
    raw = run.stdout.decode("utf-8", "replace")
    b = TextBuilder()
    for line in raw.replace("\r\n", "\n").split("\n"):
        b.add(line)
    if not b.lines:
        raise DocumentError("empty_file", "The .doc file holds no text.")
    return ParsedDocument(source=source, format="doc", text=b.text, raw_text=raw, lines=b.lines)


def refuse_other_ole_files(streams: set[str]) -> None:
    """Raise the error that names an OLE2 file which is not a Word document; return for a Word document
    (or when the directory could not be read: antiword then says what is wrong)."""
    if not streams or "WordDocument" in streams:
        return
    if "EncryptedPackage" in streams:
        raise DocumentError("encrypted_office", "The file is a password-protected (encrypted) Word or Excel document: "
                                                "its content cannot be read without the password.")
    if streams & {"Workbook", "Book"}:
        raise DocumentError("unsupported_format", "This is a legacy Excel 97-2003 (.xls) workbook, which is not read: "
                                                   "saved as .xlsx or .csv it would be.")
    if "PowerPoint Document" in streams:
        raise DocumentError("unsupported_format", "This is a PowerPoint 97-2003 (.ppt) presentation, which is not read.")
    if any(name.startswith("__substg1.0_") for name in streams):
        raise DocumentError("unsupported_format", "This is an Outlook message (.msg), which is not read: "
                                                   "saved as .eml it would be.")
    raise DocumentError("unrecognised_format", "An OLE2 compound file (the container of old Office formats) that holds "
                                               "no Word document, workbook or presentation.")


OLE_FREE = 0xFFFFFFFF


def ole_stream_names(path: Path) -> set[str]:
    """The names of the storages and streams in an OLE2 compound file's directory (empty if unreadable).

    The header lists the sectors of the allocation table (the first 109 in the
    header, more in a chain of DIFAT sectors); the directory is a chain of
    sectors in that table, holding 128-byte entries that start with the name in UTF-16.
    """
    data = Path(path).read_bytes()
    if len(data) < 512 or not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return set()
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12):
        return set()
    size = 1 << shift
    n_fat, first_dir = struct.unpack_from("<II", data, 0x2C)
    first_difat, n_difat = struct.unpack_from("<II", data, 0x44)
    fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
    difat = first_difat
    for _ in range(min(n_difat, len(data) // size)):
        entries = sector(data, difat, size)
        if len(entries) < size:
            break
        ids = struct.unpack_from(f"<{size // 4}I", entries)
        fat_sectors += ids[:-1]
        difat = ids[-1]
    fat_bytes = b"".join(sector(data, s, size) for s in fat_sectors[:n_fat] if s != OLE_FREE)
    fat = struct.unpack_from(f"<{len(fat_bytes) // 4}I", fat_bytes)
    names, current, seen = set(), first_dir, set()
    while current < len(fat) and current not in seen:
        seen.add(current)
        block = sector(data, current, size)
        for at in range(0, len(block) - 127, 128):
            length = struct.unpack_from("<H", block, at + 0x40)[0]
            if 2 <= length <= 64 and block[at + 0x42] in (1, 2, 5):  # storage, stream, root
                names.add(block[at:at + length - 2].decode("utf-16-le", "replace"))
        current = fat[current]
    return names


def sector(data: bytes, number: int, size: int) -> bytes:
    return data[(number + 1) * size:(number + 2) * size]
