"""Extraction for the `weebly_page` kind: title, navigation category, label/value fields, programme profiles.

The parser (`parse/weebly.py`) has already removed the site template; here the
page's content is read for:
- `fields`: what the page shows as label and value — a "Label: value" line, a
  "Label:" line followed by its value, a bold label followed by text, a
  known profile label on its own line followed by its value block, a
  two-column table;
- one `Programme` when the page profiles a programme: either it carries the
  profile labels (name, country, target audience, organisation, objectives,
  description...), or it is a narrative page about one programme (its heading
  names a programme or project, or its text defines one: "X is a ... program",
  "This program ..."). A page listing many (a heading in the plural) or a page
  about nothing of the kind (contact, about) gives none.
"""
from __future__ import annotations

import re
from collections import Counter

from ..model import DocumentInfo, Extraction, FieldPair, ParsedDocument, Programme
from ..normalise import clean_line, one_line
from .tables import extract_tables

PROFILE_LABELS = {
    "name": ("name", "programme name", "program name", "project name", "name of the programme", "name of the program",
             "name of the project"),
    "country": ("country", "countries", "country of implementation", "location", "locations", "where"),
    "target_audience": ("target audience", "target audiences", "target group", "target groups", "target population",
                        "audience", "beneficiaries", "participants", "who is it for", "who it is for",
                        "who it's for", "who can take part", "who can participate", "intended audience",
                        "who it serves", "who we serve", "who we work with", "population served",
                        "populations served", "client group", "eligibility"),
    "organisation": ("organisation", "organization", "organisations", "organizations", "implementing organisation",
                     "implementing organization", "lead organisation", "lead organization", "provider", "delivered by",
                     "run by", "implemented by", "managed by", "operated by", "implementing agency",
                     "implementing body", "lead agency", "delivery organisation", "delivery organization"),
    "objectives": ("objectives", "objective", "aims", "aim", "goals", "goal", "aims and objectives",
                   "goals and objectives", "program focus", "programme focus", "purpose"),
    "description": ("description", "summary", "overview", "programme description", "program description", "about",
                    "about the programme", "about the program", "about the project", "project description",
                    "programme overview", "program overview"),
}
LABEL_KEY = {label: key for key, labels in PROFILE_LABELS.items() for label in labels}
# Words that qualify a label without changing what it names ("Main objective", "Specific aims").
LABEL_QUALIFIER_RE = re.compile(
    r"^(?:main|key|primary|principal|overall|general|specific|core|central|chief|secondary|broad|long-term"
    r"|short-term|immediate|ultimate)\s+", re.I)
# "About the Aarhus model": a description's own heading, when it is short and prose follows it.
ABOUT_LABEL_RE = re.compile(r"^about\s+(?!us$|me$)\w", re.I)
# A bare "Programme" label names the programme when its value reads as a name (short, one line,
# not a sentence); elsewhere the word heads an agenda or a category, which is no name.
BARE_NAME_LABELS = {"programme", "program", "project"}
MAX_NAME_WORDS = 15
# Each label's rank among its field's labels: where a page has two ("Program Focus", then "Goals"),
# the closer wording gives the value.
LABEL_RANK = {label: rank for labels in PROFILE_LABELS.values() for rank, label in enumerate(labels)}
# A page is a profile when it shows at least this many of the profile labels.
MIN_PROFILE_LABELS = 2
# A page where this many profile labels each come more than once lists several programmes.
MIN_REPEATED_LABELS = 2
# What a site's start page calls itself (when the markup does not say it is the start page).
HOME_TITLE_RE = re.compile(r"^(?:home(?:\s+page)?|welcome\b.*)$", re.I)
# Pages every site has, which are about the site or its owner, never one programme.
SITE_PAGE_RE = re.compile(
    r"^(?:about(?:\s+us|\s+me)?|who\s+we\s+are|our\s+(?:team|story|mission|partners)|team|staff"
    r"|contact(?:\s+us)?|get\s+in\s+touch|news|blog|events?|faqs?|links|resources|publications|partners|donate"
    r"|support\s+us|imprint|impressum|privacy(?:\s+policy)?|legal(?:\s+notice)?|site\s*map|search(?:\s+results)?)$",
    re.I)
# The shortest prose that can describe a programme when no label says where its description is.
MIN_DESCRIPTION_WORDS = 8

PROGRAMME_NOUN = r"(?:programme|program|programa|project|proyecto|projet|initiative|intervention|scheme)"
SINGULAR_PROGRAMME_RE = re.compile(rf"\b{PROGRAMME_NOUN}\b", re.I)
# "X is a(n) ... program" / "X es un programa ...": the sentence that defines the page's programme.
DEFINES_RE = re.compile(
    rf"(?:^|[.!?][ \t]+)[\"“]?([A-Z][^.!?\"”:;\n]{{2,60}}?)[\"”]?\s+(?:is|es|est)\s+(?:an?|un|una|une)\s+"
    rf"(?:[\w-]+\s+){{0,3}}{PROGRAMME_NOUN}\b", re.M)
# "This program dedicates ...": the programme is the subject of a verb (third person -s, past -ed, a modal);
# "The programme team/evaluation/coordinator ..." only uses the word as a modifier.
THIS_PROGRAMME_RE = re.compile(
    rf"(?:^|[.!?]\s+)(?:This|Our|The)\s+{PROGRAMME_NOUN}\s+(?!is\b)(?:[a-z]+(?:s|ed)|will|can|may|has|had)\b", re.I)
AUDIENCE_RE = re.compile(
    r"\b(?:dedicat\w*(?:\s+(?:space|time))?\s+to\s+(?:empower\w*\s+)?|empowering\s+|aimed\s+at\s+|designed\s+for\s+"
    r"|target(?:s|ing|ed\s+at)\s+|for\s+the\s+benefit\s+of\s+)"
    r"(?!the\b|our\b|this\b)([^.;:!?()]{3,90}?)(?=\s+(?:to|on|in|who|that|with|by|so|as|at|through|from|and\s+their)\b|[.;:!?()]|$)")
LABEL_VALUE_RE = re.compile(r"^([^:]{1,50}?)\s*:\s+(\S.*)$")
# A list item's bullet before a label ("• Country: Denmark").
BULLET_PREFIX_RE = re.compile(r"^[•·▪◦‣*]\s*")
# What may stand between a label and its value besides a colon ("Country – Denmark").
DASH_SEPARATOR_RE = re.compile(r"^(.{1,50}?)\s+[–—-]\s+(\S.*)$")
MAX_LABEL_WORDS = 6

COUNTRIES = (
    "Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan Bahamas Bahrain "
    "Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Botswana Brazil Brunei Bulgaria Burundi "
    "Cambodia Cameroon Canada Chad Chile China Colombia Comoros Congo Croatia Cuba Cyprus Czechia Denmark Djibouti "
    "Dominica Ecuador Egypt Eritrea Estonia Eswatini Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana "
    "Greece Grenada Guatemala Guinea Guyana Haiti Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel "
    "Italy Jamaica Japan Jordan Kazakhstan Kenya Kiribati Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho "
    "Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta Mauritania "
    "Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco Mozambique Myanmar Namibia Nauru Nepal "
    "Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palau Palestine Panama Paraguay Peru Philippines "
    "Poland Portugal Qatar Romania Russia Rwanda Samoa Senegal Serbia Seychelles Singapore Slovakia Slovenia "
    "Somalia Spain Sudan Suriname Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo Tonga Tunisia "
    "Turkey Türkiye Turkmenistan Tuvalu Uganda Ukraine Uruguay Uzbekistan Vanuatu Venezuela Vietnam Yemen Zambia "
    "Zimbabwe"
).split() + [
    "Antigua and Barbuda", "Bosnia and Herzegovina", "Burkina Faso", "Cabo Verde", "Cape Verde",
    "Central African Republic", "Costa Rica", "Côte d'Ivoire", "Ivory Coast", "Czech Republic", "Dominican Republic",
    "East Timor", "Timor-Leste", "El Salvador", "Equatorial Guinea", "Guinea-Bissau", "Marshall Islands",
    "New Zealand", "North Korea", "North Macedonia", "Papua New Guinea", "Saint Lucia", "San Marino",
    "Saudi Arabia", "Sierra Leone", "Solomon Islands", "South Africa", "South Korea", "South Sudan", "Sri Lanka",
    "Trinidad and Tobago", "United Arab Emirates", "United Kingdom", "United States", "United States of America",
    "Vatican City", "England", "Scotland", "Wales", "Northern Ireland",
    "UK", "USA", "US",  # as printed; matched in capitals only
]
COUNTRY_RE = re.compile(r"\b(" + "|".join(re.escape(c) for c in sorted(COUNTRIES, key=len, reverse=True)) + r")\b")


def extract(doc: ParsedDocument) -> Extraction:
    w = doc.meta.get("weebly") or {}
    category = page_category(doc)
    fields = page_fields(doc)
    info = DocumentInfo(kind="weebly_page", title=w.get("title") or first_line(doc), category=category)
    return Extraction(
        info=info, parsed=doc, fields=fields, tables=extract_tables(doc) if doc.tables else [],
        programmes=page_programmes(doc, fields, category),
    )


def first_line(doc: ParsedDocument) -> str | None:
    return doc.lines[0].text if doc.lines else None


def page_category(doc: ParsedDocument) -> str | None:
    """The navigation path of the page's parents: from the page's own menu (its current item),
    else from the crawler's record of how it was reached, else from the menu item named like the page."""
    w = doc.meta.get("weebly") or {}
    fetch = doc.meta.get("fetch") or {}
    for path in (w.get("nav_path"), fetch.get("nav_path"), w.get("menu_match_path")):
        if path is not None:
            return " > ".join(path) or None
    return None


# --------------------------------------------------------------------------
# Fields
# --------------------------------------------------------------------------


class Page:
    """The content lines with what the field rules ask of them."""

    def __init__(self, doc: ParsedDocument):
        self.lines = doc.lines
        w = doc.meta.get("weebly") or {}
        heads = w.get("headings") or []
        self.bold_lead_end = {start: end for start, end in w.get("bold_leads") or []}
        self.heading = [any(s <= ln.start < e + 1 for s, e in heads) for ln in self.lines]
        spans = [(t.start, t.end) for t in doc.tables if t.start is not None and t.end is not None]
        self.in_table = [any(s <= ln.start <= e for s, e in spans) for ln in self.lines]
        self.caption = [any(s <= ln.start <= e for s, e in w.get("captions") or []) for ln in self.lines]
        header = w.get("post_header")
        self.post_header = [bool(header) and header[0] <= ln.start <= header[1] for ln in self.lines]
        starts = w.get("column_blocks") or []
        self.column_start = [any(ln.start >= s and (k == 0 or self.lines[k - 1].start < s) for s in starts)
                             for k, ln in enumerate(self.lines)]

    def breaks_after(self, i: int) -> bool:
        """True when a paragraph break separates line i from the next."""
        return i + 1 >= len(self.lines) or self.lines[i + 1].start > self.lines[i].end + 1

    def profile_label(self, i: int) -> str | None:
        """The profile field a line labels: a known label, or an "About ..." line heading the prose after it."""
        text = self.lines[i].text
        key = profile_key(text)
        if canonical_label(text) != "about" or label_key(text) == "about":
            return key
        following = self.lines[i + 1].text if i + 1 < len(self.lines) else ""
        return key if len(following.split()) >= MIN_DESCRIPTION_WORDS else None

    def bold_label(self, i: int) -> bool:
        """A bold line that reads as a label and is directly followed by plain text."""
        line = self.lines[i]
        return (line.bold and not self.heading[i] and is_label_text(line.text) and not line.text.endswith(":")
                and not self.breaks_after(i) and not self.lines[i + 1].bold)

    def starts_block(self, i: int) -> bool:
        inline = self.inline_pair(i)
        return (self.heading[i] or self.in_table[i] or self.profile_label(i) is not None or self.bold_label(i)
                or (inline is not None and profile_key(inline[0]) is not None))

    def ends_value(self, i: int) -> bool:
        """Whether line i, past the first line of a label's value, is no part of it: an image caption,
        the start of a new multi-column block, or a new paragraph opening with a label of its own."""
        return self.caption[i] or self.column_start[i] or (
            self.breaks_after(i - 1) and self.inline_pair(i) is not None)

    def inline_pair(self, i: int) -> tuple[str, str] | None:
        """The label and value a line shows in one: "Label: value", "• Label: value", a known
        profile label then a dash and the value, or a bold label then its value
        ("<b>Country</b> Denmark", "<b>Target group</b> – young people")."""
        line = self.lines[i]
        text = BULLET_PREFIX_RE.sub("", line.text)
        m = LABEL_VALUE_RE.match(text)
        if m and is_label_text(m.group(1)):
            return m.group(1), m.group(2)
        m = DASH_SEPARATOR_RE.match(text)
        if m and profile_key(m.group(1)) is not None:
            return m.group(1), m.group(2)
        lead_end = self.bold_lead_end.get(line.start)
        if lead_end is not None:
            lead = BULLET_PREFIX_RE.sub("", line.text[:lead_end - line.start])
            label = re.sub(r"\s*[:–—-]$", "", lead).strip()
            value = re.sub(r"^\s*[:–—-]?\s*", "", line.text[lead_end - line.start:])
            separated = label != lead.strip()
            if value and is_label_text(label) and (profile_key(label) is not None or separated):
                return label, value
        return None


def label_key(text: str) -> str:
    """A label as looked up in PROFILE_LABELS: "Who is it for?" -> "who is it for"."""
    return re.sub(r"\s+", " ", text.strip().rstrip(":?").strip()).casefold()


def canonical_label(text: str) -> str:
    """The PROFILE_LABELS wording a label stands for: without qualifiers ("Main objective" ->
    "objective"), an "About ..." heading as "about"; other labels as they are."""
    key = label_key(text)
    bare = LABEL_QUALIFIER_RE.sub("", key)
    if bare in LABEL_KEY:
        return bare
    if ABOUT_LABEL_RE.match(key) and is_label_text(text):
        return "about"
    return key


def profile_key(text: str) -> str | None:
    """The profile field a label names, if any."""
    return LABEL_KEY.get(canonical_label(text))


def field_key(f: FieldPair) -> str | None:
    """The profile field a field gives: its label's, or the name for a bare "Programme" label with a name as value."""
    key = profile_key(f.label)
    if key is None and label_key(f.label) in BARE_NAME_LABELS and reads_as_name(f.value):
        return "name"
    return key


def reads_as_name(value: str) -> bool:
    return ("\n" not in value.strip() and 0 < len(value.split()) <= MAX_NAME_WORDS
            and value.strip()[0].isalpha() and not value.strip().endswith((".", "!", "?", ":")))


def is_label_text(text: str) -> bool:
    label = text.strip().rstrip(":").strip()
    return (0 < len(label) <= 50 and len(label.split()) <= MAX_LABEL_WORDS and label[0].isalpha()
            and not re.search(r"\d|https?|www\.|@|[.!?,;]$", label))


def page_fields(doc: ParsedDocument) -> list[FieldPair]:
    pairs = [(label, value) for label, value, _ in labelled_blocks(Page(doc))] + table_pairs(doc)
    return [FieldPair(seq=k, label=label, value=value) for k, (label, value) in enumerate(pairs)]


def labelled_blocks(page: Page) -> list[tuple[str, str, range]]:
    """Each label and value the content lines show, with the lines they take."""
    blocks: list[tuple[str, str, range]] = []
    lines = page.lines
    i = 0
    while i < len(lines):
        text = lines[i].text
        if page.in_table[i]:
            i += 1  # tables give their pairs apart, cell by cell
            continue
        if page.profile_label(i) is not None or page.bold_label(i):
            # A label block: the value runs to the next label or heading, or to the end of its
            # paragraph (see `value_ends_at_break`).
            j = i + 1
            while j < len(lines) and not page.starts_block(j):
                if j > i + 1 and (page.ends_value(j) or page.breaks_after(j - 1) and value_ends_at_break(page, i, j)):
                    break
                j += 1
            value = "\n".join(ln.text for ln in lines[i + 1:j])
            if value:
                blocks.append((text.rstrip(":").strip(), value, range(i, j)))
            i = max(j, i + 1)
            continue
        inline = page.inline_pair(i)
        if inline:
            blocks.append((*inline, range(i, i + 1)))
        elif text.endswith(":") and is_label_text(text) and not page.breaks_after(i):
            j = i + 1
            while j < len(lines) and not page.starts_block(j):
                j += 1
                if page.breaks_after(j - 1):
                    break
            blocks.append((text[:-1].strip(), "\n".join(ln.text for ln in lines[i + 1:j]), range(i, j)))
            i = j
            continue
        i += 1
    return blocks


def value_ends_at_break(page: Page, label: int, k: int) -> bool:
    """Whether the paragraph break before line `k` ends the value of the label on line `label`.

    A description runs over paragraphs to the next label or heading; a list of objectives
    over the breaks between its items. Any other value is one paragraph: prose after it
    (a profile without a "Description" label) is not part of it.
    """
    key = page.profile_label(label)
    if key == "description":
        return False
    if key == "objectives":
        return not (BULLET_PREFIX_RE.match(page.lines[k - 1].text) and BULLET_PREFIX_RE.match(page.lines[k].text))
    return True


def table_pairs(doc: ParsedDocument) -> list[tuple[str, str]]:
    """Two-column tables whose first column reads as labels."""
    pairs = []
    for grid in doc.tables:
        rows = [[clean_line(c) for c in row] for row in grid.rows]
        if rows and all(len(r) == 2 for r in rows) and all(is_label_text(r[0]) for r in rows if r[1]):
            pairs += [(r[0].rstrip(":"), r[1]) for r in rows if r[0] and r[1]]
    return pairs


# --------------------------------------------------------------------------
# Programmes
# --------------------------------------------------------------------------


def page_programmes(doc: ParsedDocument, fields: list[FieldPair], category: str | None) -> list[Programme]:
    """The page's programme, if it profiles one.

    A site's own pages (home, about, contact, news...) profile none. On the start page and on
    blog pages prose about a programme is not enough (a home page presents the site, a post
    reports news): only a labelled profile counts there.
    """
    w = doc.meta.get("weebly") or {}
    if any(SITE_PAGE_RE.match(name) for name in page_names(doc)):
        return []
    home = w.get("home") or any(HOME_TITLE_RE.match(name) for name in page_names(doc))
    profile = profile_from_fields(doc, fields)
    if profile is None and not (home or w.get("blog")):
        profile = narrative_profile(doc)
    if profile is None:
        return []
    profile.category = category
    profile.source_url = (doc.meta.get("fetch") or {}).get("url")
    return [profile]


def page_names(doc: ParsedDocument) -> list[str]:
    """What the page calls itself: its title and its first heading."""
    names = ((doc.meta.get("weebly") or {}).get("title"), first_heading(doc))
    return [name.strip() for name in names if name]


def profile_from_fields(doc: ParsedDocument, fields: list[FieldPair]) -> Programme | None:
    keys = [field_key(f) for f in fields]
    counts = Counter(k for k, f in zip(keys, fields) if k and profile_key(f.label))
    if len(counts) < MIN_PROFILE_LABELS:
        return None  # (a bare "Programme" label does not make a profile)
    if sum(1 for n in counts.values() if n > 1) >= MIN_REPEATED_LABELS:
        return None  # a list of programmes, each with its own labels
    values: dict[str, str] = {}
    ranks: dict[str, int] = {}
    for key, f in zip(keys, fields):
        rank = LABEL_RANK.get(canonical_label(f.label), len(LABEL_RANK))
        if key and (key not in values or rank < ranks[key]):
            values[key], ranks[key] = f.value, rank
    country = values.get("country")
    return Programme(
        name=one_line(values.get("name")) or page_heading(doc),
        country=(country_value(country) if country else None) or country_line(doc) or main_country(doc.text),
        target_audience=flat_value(values.get("target_audience")),
        organisation=flat_value(values.get("organisation")),
        objectives=flat_value(values.get("objectives")),
        description=values.get("description") or unlabelled_prose(doc),
    )


def flat_value(value: str | None) -> str | None:
    """A value on one line; a list's items joined with semicolons ("• a\n• b" -> "a; b")."""
    if value is None:
        return None
    items = [BULLET_PREFIX_RE.sub("", line).strip() for line in value.split("\n")]
    if len(items) > 1 and all(BULLET_PREFIX_RE.match(line) for line in value.split("\n") if line.strip()):
        return one_line("; ".join(item.rstrip(";,.") for item in items if item))
    return one_line(value)


def country_value(value: str) -> str | None:
    """The country a "Country"/"Location"/"Where" value gives: the value itself when it opens with a
    country name ("United Kingdom (England and Wales)"), else the countries it names ("Aarhus, Denmark"
    -> "Denmark"), else the value as written ("UK")."""
    text = flat_value(value) or ""
    if COUNTRY_RE.match(text):
        return text
    named = list(dict.fromkeys(COUNTRY_RE.findall(text)))
    return ", ".join(named) if named else text or None


def unlabelled_prose(doc: ParsedDocument) -> str | None:
    """A labelled profile's description when no label names it: the first run of plain lines after
    the page's heading that no label takes, up to the next heading or label."""
    page = Page(doc)
    taken = {k for _, _, span in labelled_blocks(page) for k in span}
    first_head = next((k for k, h in enumerate(page.heading) if h), -1)
    run: list[str] = []
    for k in range(first_head + 1, len(page.lines)):
        line = page.lines[k]
        stop = k in taken or page.heading[k] or page.in_table[k] or page.caption[k]
        if stop or ((line.bold or page.post_header[k]) and not run):
            if run:
                break
            continue
        run.append(line.text)
    text = "\n".join(run)
    return text if len(text.split()) >= MIN_DESCRIPTION_WORDS else None


def first_heading(doc: ParsedDocument) -> str | None:
    heads = (doc.meta.get("weebly") or {}).get("headings") or []
    return one_line(doc.text[heads[0][0]:heads[0][1]]) if heads else None


def page_heading(doc: ParsedDocument) -> str | None:
    """The content's first heading (what the page calls itself) unless it is a profile label, else its title."""
    heading = first_heading(doc)
    if heading and label_key(heading) not in LABEL_KEY:
        return heading
    return (doc.meta.get("weebly") or {}).get("title") or first_line(doc)


def country_line(doc: ParsedDocument) -> str | None:
    """A line that is nothing but a country name (a profile's flag caption)."""
    for line in doc.lines:
        m = COUNTRY_RE.fullmatch(line.text)
        if m:
            return m.group(1)
    return None


def main_country(text: str) -> str | None:
    counts = Counter(COUNTRY_RE.findall(text))
    return counts.most_common(1)[0][0] if counts else None


def narrative_profile(doc: ParsedDocument) -> Programme | None:
    """A page telling about one programme in prose, without profile labels."""
    page = Page(doc)
    lines = page.lines
    first_head = next((k for k, h in enumerate(page.heading) if h), None)
    start = (first_head + 1) if first_head is not None else 0
    while start < len(lines) and (lines[start].bold or page.heading[start] or page.post_header[start]):
        start += 1  # subtitles, schedule lines in bold and a post's date are not the description
    end = next((k for k in range(start, len(lines)) if page.heading[k]), len(lines))
    body = "\n".join(ln.text for k, ln in enumerate(lines[start:end], start) if not page.caption[k])
    heading = lines[first_head].text if first_head is not None else None
    defined = DEFINES_RE.search(doc.text)
    names_one = heading is not None and SINGULAR_PROGRAMME_RE.search(heading) is not None
    if not body or not (names_one or defined or THIS_PROGRAMME_RE.search(body)):
        return None
    audience = AUDIENCE_RE.search(body)
    return Programme(
        name=one_line(defined.group(1)) if defined else heading or (doc.meta.get("weebly") or {}).get("title"),
        country=main_country(doc.text),
        target_audience=one_line(audience.group(1)) if audience else None,
        description=body,
    )
