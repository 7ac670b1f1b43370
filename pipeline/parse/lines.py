"""Build a document's text and its `Line`s together, so offsets always agree."""
from __future__ import annotations

from ..model import Line
from ..normalise import clean_line


class TextBuilder:
    """Append lines one by one; `text` is their join with newlines.

    Blank input lines become empty lines (paragraph breaks are meaningful to the
    extractors), but runs of blank lines collapse into one.
    """

    def __init__(self):
        self.parts: list[str] = []
        self.lines: list[Line] = []
        self.offset = 0

    def add(self, raw: str, page: int | None = None, **layout) -> Line | None:
        text = clean_line(raw)
        if not text and (not self.parts or self.parts[-1] == ""):
            return None
        line = Line(text=text, start=self.offset, end=self.offset + len(text), page=page, **layout)
        self.parts.append(text)
        self.offset += len(text) + 1
        if text:
            self.lines.append(line)
        return line

    def break_paragraph(self):
        self.add("")

    @property
    def text(self) -> str:
        return "\n".join(self.parts).strip("\n") if self.parts else ""
