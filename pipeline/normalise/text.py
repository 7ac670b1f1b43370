"""Text: Unicode NFC, invisible characters dropped, whitespace folded."""
from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000\f\v]+")


def clean_line(s: str) -> str:
    """One line of text: NFC, invisible characters dropped, runs of spaces folded, ends stripped."""
    s = unicodedata.normalize("NFC", s or "").translate(_INVISIBLE)
    return _SPACES_RE.sub(" ", s).strip()


def clean_text(s: str) -> str:
    """A block of text: each line cleaned, blank-line runs folded to one."""
    out, blank = [], False
    for line in (s or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = clean_line(line)
        if not line:
            if out and not blank:
                out.append("")
            blank = True
            continue
        out.append(line)
        blank = False
    return "\n".join(out).strip("\n")


def one_line(s: str | None) -> str | None:
    """Text folded onto one line (for titles, names, field values)."""
    if s is None:
        return None
    s = clean_line(re.sub(r"\s+", " ", s))
    return s or None
