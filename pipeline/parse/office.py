"""Office files: Word letters (.docx, legacy .doc), spreadsheets (.xlsx) and CSV annexes.

Each format has its own module (`word`, `sheets`); the legacy binary .doc is
read through the `antiword` command, which system package managers ship
(`apt-get install antiword`).
"""
from __future__ import annotations

import shutil
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
        raise DocumentError("corrupt_doc", f"antiword could not read the .doc file: {why[-1] if why else 'no reason given'}.")
    raw = run.stdout.decode("utf-8", "replace")
    b = TextBuilder()
    for line in raw.replace("\r\n", "\n").split("\n"):
        b.add(line)
    if not b.lines:
        raise DocumentError("empty_file", "The .doc file holds no text.")
    return ParsedDocument(source=source, format="doc", text=b.text, raw_text=raw, lines=b.lines)
