"""Plain text files (`.txt`, `.md`, text renderings of pages and PDFs) read back as the document they render.

People save FOI letters as text in many ways: `pdftotext` (default, `-layout`,
`-raw`), copy-paste from a PDF viewer, WhatDoTheyKnow's text of an attachment,
Word's "Save as text", emails saved as `.txt`/`.md`. What each loses of the
PDF, and how it is read back:

- bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252 (which
  reads Latin-1 text too); Windows, Unix and Mac classic line ends; control
  bytes dropped, and a file that is mostly binary junk refused; a file larger
  than `MAX_CHARS` read up to that size, with a note at the end of its text;
- characters: ligatures spelled out, a word split by a soft hyphen at a line
  end rejoined (spaces, tabs and non-breaking spaces are folded per line by
  `clean_line`);
- pages: form feeds are page breaks (pdftotext writes one after every page);
  running headers and footers (the same lines at the top or foot of several
  pages, "Page 2 of 3", a bare page number, "OFFICIAL") are kept aside in
  `meta["page_furniture"]`, as the PDF parser does, and blank lines at a
  page's edges are dropped, so an answer running over a page break reads on;
  `meta["page_starts"]` gives each page's first offset. "Page n of m" lines
  in unpaged text (copy-paste from a viewer) are kept aside too;
- layout (`pdftotext -layout`): margins and centring disappear as each line
  is cleaned; blocks printed side by side (the recipient's address beside
  "Our ref: / Date:", the two columns of a "Question | Response" table) are
  read block by block, and a table of text columns becomes a `text_layout`
  grid with one row per question; space-aligned figure tables are left for
  the table reader, which aligns their columns on `raw_text`;
- Markdown (`.md`): heading marks, emphasis markers, link syntax and code
  fences dropped; pipe tables (`| a | b |` over `|---|---|`) become tables,
  written one row per line as Word tables are.

`raw_text` is the file's text as read (decoded, line ends unified, control
characters dropped, ligatures spelled out), before any other change: running
headers, Markdown marks and side-by-side blocks are as the file has them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..discover import utf16_codec
from ..errors import DocumentError
from ..model import ParsedDocument, TableGrid
from ..normalise import clean_line
from ..normalise.numbers import SUPPRESSED_RE, parse_number
from .lines import TextBuilder

# More text than any letter, annex or thread holds: a larger file is read up to here (a log, a data dump).
MAX_CHARS = 2_000_000
# Control characters and undecodable bytes above this share of a file: binary data, not text with some junk.
MAX_JUNK_SHARE = 0.05
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                           "\ufb05": "st", "\ufb06": "st"})
# C0/C1 control characters other than tab, line feed and form feed, and the replacement character.
JUNK_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
# Running headers/footers: "Page 2", "Page 2 of 3", "Disclosure Team - Page 2"; a bare page number; a marking.
PAGE_LABEL_RE = re.compile(r"(?i)(?:.{0,80}?\s[\-–|]\s+)?page\s+\d+(?:\s*(?:of|/)\s*\d+)?")
BARE_PAGE_NUMBER_RE = re.compile(r"[-–]?\s*(\d{1,3})\s*[-–]?")
MARKING_RE = re.compile(r"(?:OFFICIAL|OFFICIAL[\s:–-]+SENSITIVE|SECRET|TOP SECRET|NOT PROTECTIVELY MARKED|UNCLASSIFIED"
                        r"|PROTECT|RESTRICTED)(?:\s*[:–-]\s*[A-Z][A-Z ]{0,30})?")
# Running headers/footers are among the first or last this many non-blank lines of a page.
EDGE_LINES = 4
# Blocks side by side are separated by at least this many blank columns.
MIN_GUTTER = 3
# A numbered item opening a cell: "1.", "2)", "(a)", "Q3".
ITEM_RE = re.compile(r"^(?:\(?\d{1,2}[a-z]?[.)]|\([a-z]\)|[a-z]\)|Q\.?\s*\d{1,2}[.:)]?)\s")


def decode(data: bytes) -> str:
    """Decode text files as people write them: UTF-8 (with or without BOM), UTF-16 (with or without BOM), else cp1252.

    cp1252 (Windows "ANSI") is what Word and Outlook on UK machines save, with £ as
    0xA3 and curly quotes as 0x91-0x94; latin-1 would turn those into control codes.
    """
    codec = utf16_codec(data)
    if codec:
        return data.decode(codec, errors="replace").lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # 0x81, 0x8d, 0x8f, 0x90, 0x9d are undefined in cp1252; keep what we can.
        return data.decode("cp1252", errors="replace")


def read_text(data: bytes) -> tuple[str, dict]:
    """The file's text with line ends unified, characters repaired, and at most `MAX_CHARS` of it; and what
    `meta` should say about it (`truncated`: the characters read and the file's total)."""
    text = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    junk = len(JUNK_RE.findall(text))
    if junk > MAX_JUNK_SHARE * len(text) and junk > 8:
        raise DocumentError(
            "unrecognised_format",
            f"The file is not text: {junk} of its {len(text)} characters are control codes or undecodable bytes "
            "(binary data).")
    text = JUNK_RE.sub("", text).translate(LIGATURES)
    meta = {}
    if len(text) > MAX_CHARS:
        cut = text.rfind("\n", 0, MAX_CHARS)
        cut = cut if cut > MAX_CHARS // 2 else MAX_CHARS
        meta["truncated"] = {"chars_read": cut, "chars_in_file": len(text)}
        text = text[:cut]
    return text, meta


def truncation_note(truncated: dict) -> str:
    return (f"[foi-extract read the first {truncated['chars_read']:,} characters of this file's "
            f"{truncated['chars_in_file']:,}; the rest is not in this text.]")


# --------------------------------------------------------------------------
# Lines: soft hyphens, Markdown
# --------------------------------------------------------------------------


def rejoin_soft_hyphens(lines: list[str]) -> list[str]:
    """A word split by a soft hyphen at a line end ("extrem\\u00ad" / "ism training") rejoined on the first line."""
    out = list(lines)
    for i in range(len(out) - 1):
        head = out[i].rstrip()
        if head.endswith("\u00ad"):
            rest = out[i + 1].lstrip()
            word = re.match(r"[^\s]+", rest)
            if word and word.group(0)[0].isalpha():
                out[i] = head[:-1] + word.group(0)
                out[i + 1] = rest[word.end():].lstrip()
    return out


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() in (".md", ".markdown")


MD_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
MD_RULE_RE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
MD_BULLET_RE = re.compile(r"^(\s*)[*+]\s+")
MD_FENCE_RE = re.compile(r"^\s{0,3}(?:```|~~~)")
MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
# Emphasis: **strong**, __strong__, *em*, _em_ (not inside words: snake_case, 5*, s.40(2)*).
MD_EMPHASIS_RES = [
    re.compile(r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])"),
    re.compile(r"(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])"),
    re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"),
    re.compile(r"(?<!~)~~(?=\S)(.+?)(?<=\S)~~(?!~)"),
]
MD_CODE_RE = re.compile(r"`([^`]+)`")
MD_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
PIPE_ROW_RE = re.compile(r"^\s*\|?.*\|.*$")
PIPE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def markdown_inline(line: str) -> str:
    """A line of Markdown as it reads, as a browser shows it: links as their text, emphasis and code marks dropped."""
    line = MD_LINK_RE.sub(lambda m: m.group(1) or m.group(2), line)
    line = MD_CODE_RE.sub(r"\1", line)
    for pattern in MD_EMPHASIS_RES:
        line = pattern.sub(r"\1", line)
    return MD_ESCAPE_RE.sub(r"\1", line)


def pipe_cells(line: str) -> list[str]:
    """The cells of a pipe-table row: `| a | b |` or `a | b`; `\\|` is a bar inside a cell."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [clean_line(markdown_inline(c.replace("\\|", "|"))) for c in re.split(r"(?<!\\)\|", body)]


@dataclass
class Block:
    """A table found while reading the lines: its rows, and the lines that print it in the text."""

    rows: list[list[str]]
    method: str
    header_rows: int
    lines: list[str] = field(default_factory=list)


Item = str | Block  # a line of text (spacing kept), or a table


def markdown_items(lines: list[str]) -> list[Item]:
    """Markdown lines as plain lines and pipe tables."""
    out: list[Item] = []
    in_code = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if MD_FENCE_RE.match(line):
            in_code = not in_code
            i += 1
            continue
        if in_code:
            out.append(line)
            i += 1
            continue
        if "|" in line and i + 1 < len(lines) and PIPE_RULE_RE.match(lines[i + 1]) and PIPE_ROW_RE.match(line):
            rows = [pipe_cells(line)]
            i += 2
            while i < len(lines) and "|" in lines[i] and lines[i].strip():
                rows.append(pipe_cells(lines[i]))
                i += 1
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            out += ["", Block(rows, "ruled", 1, [" | ".join(r) for r in rows]), ""]
            continue
        heading = MD_HEADING_RE.match(line)
        if heading:
            out += ["", markdown_inline(heading.group(1)), ""]
        elif MD_RULE_RE.match(line):
            out.append("")
        else:
            out.append(markdown_inline(MD_BULLET_RE.sub(r"\1- ", line)))
        i += 1
    return out


# --------------------------------------------------------------------------
# Blocks side by side (pdftotext -layout)
# --------------------------------------------------------------------------


def gutters(lines: list[str]) -> list[tuple[int, int]]:
    """Column ranges [start, end) blank in every line, at least `MIN_GUTTER` wide, with text on both sides."""
    width = max(len(l) for l in lines)
    left_edge = min(len(l) - len(l.lstrip()) for l in lines)
    blank = [all(c >= len(l) or l[c] == " " for l in lines) for c in range(width)]
    out, start = [], None
    for c in range(left_edge, width + 1):
        if c < width and blank[c]:
            start = c if start is None else start
            continue
        if start is not None and c < width and c - start >= MIN_GUTTER:
            out.append((start, c))
        start = None
    return out


def is_figure(text: str) -> bool:
    return parse_number(text) is not None or bool(SUPPRESSED_RE.match(text))


def word_count(text: str) -> int:
    return len(text.split())


def split_at(lines: list[str], gutter: tuple[int, int]) -> list[tuple[str, str]]:
    return [(clean_line(l[:gutter[0]]), clean_line(l[gutter[1]:])) for l in lines]


def block_gutter(lines: list[str]) -> tuple[int, int] | None:
    """The gutter between two blocks of text printed side by side in these lines, if there is one.

    Not a gutter: one with no line printing on both sides of it, one after
    labels ending ":" (a "Date:   12 May" field column) or item numbers (a
    list), or one before a column of figures (a table the table reader aligns).
    The leftmost that is none of these.
    """
    for gutter in gutters(lines):
        sides = split_at(lines, gutter)
        lefts = [l for l, _ in sides if l]
        rights = [r for _, r in sides if r]
        if not any(l and r for l, r in sides):
            continue
        if all(l.endswith(":") or ITEM_RE.match(l + " ") or len(l) <= 3 for l in lefts):
            continue
        if sum(1 for r in rights if all(is_figure(p) for p in r.split())) * 2 >= len(rights):
            continue
        return gutter
    return None


def is_text_columns(sides: list[tuple[str, str]]) -> bool:
    """Whether both sides hold wrapped text (two lines of three words or more each): a table of text columns."""
    return (sum(1 for l, _ in sides if word_count(l) >= 3) >= 2 and sum(1 for _, r in sides if word_count(r) >= 3) >= 2)


def is_header_row(left: str, right: str) -> bool:
    return all(0 < word_count(s) <= 4 and not re.search(r"[.?!:;,]$", s) and not is_figure(s) for s in (left, right))


def side_by_side_rows(sides: list[tuple[str, str]]) -> list[tuple[list[str], list[str]]]:
    """Lines of two columns grouped into rows: a row starts where both columns start a cell together, after
    a cell that ended a sentence or had ended (its column blank above), or with an item number."""
    rows: list[tuple[list[str], list[str]]] = []
    for n, (left, right) in enumerate(sides):
        prev_left = sides[n - 1][0] if n else ""
        starts = not rows or left and right and (
            not prev_left or re.search(r"[.?!:]$", prev_left) or ITEM_RE.match(left + " ")
            or n == 1 and is_header_row(*sides[0]))
        if starts:
            rows.append(([], []))
        if left:
            rows[-1][0].append(left)
        if right:
            rows[-1][1].append(right)
    return rows


def line_runs(lines: list[str]) -> list[tuple[int, int]]:
    """[first, last] of each run of printed lines between blank lines."""
    runs, first = [], None
    for i, line in enumerate(lines + [""]):
        if line.strip():
            first = i if first is None else first
        elif first is not None:
            runs.append((first, i - 1))
            first = None
    return runs


def block_runs(lines: list[str]) -> list[tuple[int, int, tuple[int, int]]]:
    """[first, last] and gutter of each run of lines printing blocks side by side; runs one blank line apart
    with a common gutter are one (a table with a blank line between its rows)."""
    out: list[tuple[int, int, tuple[int, int]]] = []
    for first, last in line_runs(lines):
        printed = lines[first:last + 1]
        if len(printed) < 2 and not out or any("\t" in l for l in printed):
            continue
        if out and first - out[-1][1] == 2:
            merged = [l for l in lines[out[-1][0]:last + 1] if l.strip()]
            gutter = block_gutter(merged)
            if gutter is not None:
                out[-1] = (out[-1][0], last, gutter)
                continue
        gutter = block_gutter(printed) if len(printed) >= 2 else None
        if gutter is not None:
            out.append((first, last, gutter))
    return out


def head_end(lines: list[str]) -> int:
    """Where the head of a letter ends: at its first line of running text (one printing at least 60% as much
    as the page's longest line, its gaps folded)."""
    printed = [len(clean_line(l)) for l in lines]
    longest = max(printed, default=0)
    return next((i for i, n in enumerate(printed) if n >= 0.6 * longest), len(lines))


def layout_items(lines: list[str], first_page: bool) -> list[Item]:
    """A page of `pdftotext -layout` lines, blocks printed side by side read block by block.

    In the head of a letter (before its first line of running text) the left
    block is read, then the right (the recipient's address, then "Our ref: /
    Date:"); elsewhere two columns of wrapped text are a table of text columns
    (a "Question | Response" table), read row by row and kept as a
    `text_layout` grid. Lines with tabs are not laid out with spaces and are
    left alone.
    """
    head = head_end(lines) if first_page else 0
    out: list[Item] = []
    done = 0
    for first, last, gutter in block_runs(lines):
        sides = [side for side in split_at(lines[first:last + 1], gutter) if any(side)]
        if last < head:
            out += lines[done:first] + [l for l, _ in sides if l] + [""] + [r for _, r in sides if r] + [""]
            done = last + 1
        elif is_text_columns(sides):
            rows = side_by_side_rows(sides)
            header = 1 if is_header_row(" ".join(rows[0][0]), " ".join(rows[0][1])) else 0
            printed_lines = [text for row in rows for cell in row for text in cell]
            grid = Block([["\n".join(cell) for cell in row] for row in rows], "text_layout", header, printed_lines)
            out += lines[done:first] + ["", grid, ""]
            done = last + 1
    return out + lines[done:]


def looks_laid_out(lines: list[str]) -> bool:
    """Whether lines keep the page's layout with spaces (pdftotext -layout): several lines with wide inner gaps."""
    return sum(1 for l in lines if re.search(r"\S {%d,}\S" % MIN_GUTTER, l)) >= 2


# --------------------------------------------------------------------------
# Pages, and their running headers and footers
# --------------------------------------------------------------------------


def split_pages(raw: str) -> list[list[str]] | None:
    """The lines of each page between form feeds (a trailing form feed ends the last page); None when unpaged."""
    if "\f" not in raw:
        return None
    pages = raw.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages = pages[:-1]
    return [page.split("\n") for page in pages]


def furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", clean_line(text).lower())


def edge_indexes(lines: list[str]) -> tuple[list[int], list[int]]:
    """Indexes of a page's first and last `EDGE_LINES` printed lines, each list from its edge inwards."""
    printed = [i for i, l in enumerate(lines) if l.strip()]
    return printed[:EDGE_LINES], printed[::-1][:EDGE_LINES]


def numbers_follow_pages(found: list[tuple[int, str]]) -> bool:
    """Whether each number in the lines is the same on every page, or moves with the page number (pdf.py's rule)."""
    values = [(page, [int(n) for n in re.findall(r"\d+", text)]) for page, text in found]
    if len({len(v) for _, v in values}) > 1:
        return False
    for k in range(len(values[0][1])):
        column = [(page, v[k]) for page, v in values]
        if len({v for _, v in column}) > 1 and len({v - page for page, v in column}) > 1:
            return False
    return True


def is_page_label(text: str, page: int | None) -> bool:
    t = clean_line(text)
    bare = BARE_PAGE_NUMBER_RE.fullmatch(t)
    return bool(PAGE_LABEL_RE.fullmatch(t) or MARKING_RE.fullmatch(t) or bare and page and int(bare.group(1)) == page)


def running_furniture(pages: list[list[str]]) -> set[tuple[int, int]]:
    """(page index, line index) of each running header/footer line.

    A line among a page's first or last `EDGE_LINES` printed lines is
    furniture when it is a page label ("Page 2 of 3", the page's own number)
    or a protective marking, or when the same words come back among the edge
    lines of other pages, at the same edge and depth give or take a line
    (numbers the same or following the page number); and
    only as part of a block at the page's edge: every printed line between it
    and the edge is furniture too.
    """
    candidates: set[tuple[int, int]] = set()
    repeats: dict[tuple[str, int, str], list[tuple[int, int]]] = {}
    for p, lines in enumerate(pages):
        for edge, side in zip(("top", "foot"), edge_indexes(lines)):
            for depth, i in enumerate(side):
                if is_page_label(lines[i], p + 1):
                    candidates.add((p, i))
                elif re.search(r"[^\W\d_]", lines[i]):
                    for near in (depth - 1, depth, depth + 1):  # the same place at the edge, give or take a line
                        repeats.setdefault((edge, near, furniture_key(lines[i])), []).append((p, i))
    for same in repeats.values():
        found = [(p + 1, clean_line(pages[p][i])) for p, i in same]
        if len({p for p, _ in same}) >= 2 and numbers_follow_pages(found):
            candidates.update(same)
    furniture = set()
    for p, lines in enumerate(pages):
        for side in edge_indexes(lines):
            for i in side:
                if (p, i) not in candidates:
                    break
                furniture.add((p, i))
    return furniture


def trim_blank_edges(lines: list[Item]) -> list[Item]:
    """A page's items without blank lines before the first and after the last printed one."""
    printed = [n for n, item in enumerate(lines) if not isinstance(item, str) or item.strip()]
    return lines[printed[0]:printed[-1] + 1] if printed else []


# --------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------


def page_items(lines: list[str], markdown: bool, first_page: bool) -> list[Item]:
    lines = rejoin_soft_hyphens(lines)
    if markdown:
        return markdown_items(lines)
    if looks_laid_out(lines):
        return layout_items(lines, first_page)
    return list(lines)


def write_items(items: list[Item], b: TextBuilder, page: int | None, tables: list[TableGrid],
                aside=lambda line: False) -> None:
    """Items into the text, each table also into `tables`; lines `aside` (page labels of unpaged text) are left out."""
    for item in items:
        if isinstance(item, str):
            if not aside(item):
                b.add(item, page=page)
            continue
        b.break_paragraph()
        start = b.offset
        for line in item.lines:
            b.add(line, page=page)
        tables.append(TableGrid(rows=item.rows, method=item.method, page=page, header_rows=item.header_rows,
                                start=start, end=b.offset - 1))
        b.break_paragraph()


def is_unpaged_label(line: str) -> bool:
    return bool(PAGE_LABEL_RE.fullmatch(clean_line(line)))


def parse(path: Path, source: str) -> ParsedDocument:
    path = Path(path)
    raw, meta = read_text(path.read_bytes())
    if not raw.strip():
        raise DocumentError("empty_file", "The file holds only whitespace: there is no text to extract.")
    from . import weebly

    if weebly.is_text_rendering(raw):
        return weebly.parse_text_rendering(raw, source)
    from . import email

    b = TextBuilder()
    tables: list[TableGrid] = []
    if email.quotes_a_thread(raw):  # a reply pasted with the messages it quotes
        meta["messages"] = email.write_messages(raw, b, author=None, sent_at=None, subject=None)
        pages = None
    else:
        markdown = is_markdown(path)
        pages = split_pages(raw)
        if pages is None:
            meta["page_furniture"] = [{"page": None, "text": clean_line(l)} for l in raw.split("\n") if is_unpaged_label(l)]
            write_items(page_items(raw.split("\n"), markdown, True), b, None, tables, aside=is_unpaged_label)
        else:
            furniture = running_furniture(pages)
            meta["page_starts"], meta["page_furniture"] = [], []
            for p, lines in enumerate(pages):
                meta["page_starts"].append(b.offset)
                aside = [i for i in range(len(lines)) if (p, i) in furniture]
                meta["page_furniture"] += [{"page": p + 1, "text": clean_line(lines[i])} for i in aside]
                kept = [l for i, l in enumerate(lines) if (p, i) not in furniture]
                write_items(trim_blank_edges(page_items(kept, markdown, p == 0)), b, p + 1, tables)
    text = b.text
    if meta.get("truncated"):
        b.break_paragraph()
        b.add(truncation_note(meta["truncated"]), page=len(pages) if pages else None)
        text = b.text
    if not text:
        raise DocumentError("empty_file", "The file holds only running headers and footers: there is no text to extract.")
    return ParsedDocument(source=source, format="txt", text=text, raw_text=raw,
                          lines=b.lines, meta=meta, pages=len(pages) if pages else None, tables=tables)
