"""UK public authorities: one canonical name for every way a letter writes one.

The gazetteer is `pipeline/data/authorities.csv`, one authority a row:

- `name`: the canonical name (the body's own current name, as GOV.UK, the NHS
  or the force itself writes it);
- `aliases`: other spellings ("&" for "and", "Her/His Majesty's" for "HM") and
  the former names of a body that was only renamed (DCLG and DLUHC are the same
  department as MHCLG; "Department of Health" is DHSC), `;`-separated;
- `acronyms`: short forms, matched case-sensitively ("MoJ", "RDaSH");
- `domains`: web and e-mail domains ("rdash.nhs.uk");
- `successor`: a body that was *replaced* by another (NOMS by HMPPS, PHE by
  UKHSA, the districts merged into unitary councils in 2019-2023) keeps its own
  row, so a letter is filed under the body it names; a body split between
  several (Cumbria County Council) names them all, `;`-separated.
- `kind`: department, agency, police, pcc, fire, nhs_trust, nhs_body,
  health_board, icb, council, local_government, university, devolved,
  parliament, regulator (the bodies an appeal goes to: ICO, Scottish
  Information Commissioner, Tribunal), ombudsman, ...

Sources (the rows were typed in, not downloaded; council names were checked against
mySociety's register, the others are the names the bodies publish):

- central government departments, their agencies and the larger public bodies
  (regulators, the Crown Prosecution Service, the Scottish Crown Office, the
  Northern Ireland departments) as GOV.UK, gov.scot, gov.wales and nidirect
  list them;
- the 43 territorial police forces of Schedule 1 to the Police Act 1996, the
  national and devolved forces, and the police and crime commissioners of the
  Police Reform and Social Responsibility Act 2011 ("Police and Crime
  Commissioner for <police area>"); the fire and rescue services as each names
  itself;
- NHS England's trusts (mental health, ambulance, community, and the acute
  trusts whose current name was certain), the 42 integrated care boards of
  2022, the Welsh health boards and trusts, the Scottish territorial and
  special health boards and Northern Ireland's health and social care trusts,
  as the NHS Organisation Data Service and the bodies themselves name them;
- every principal council of England, Wales, Scotland and Northern Ireland,
  the combined authorities and the councils abolished in the 2019-2023
  reorganisations (with the councils that replaced them), under the official
  names of mySociety's register of UK local authorities
  (`uk_local_authority_names_and_codes`); Welsh councils and health boards
  also under their Welsh names;
- the larger universities, as each names itself.

A body is left out when its exact current name was in doubt. Domains are the
bodies' own, typed in: only a domain specific to one body is listed (never
nhs.net, gov.uk, or a domain two councils share), so check one before relying
on it. Breadth beyond these is a matter of adding rows: nothing in the code
names an authority.

`find_authority(text)` picks the authority a letter is FROM: mentions in the
letterhead (before "Dear ...") and in the signature (after "Yours sincerely")
and e-mail/web domains weigh more than mentions in the body, and so do a letterhead
the parser took out as page furniture (repeated on every page, counted once) and a
body speaking of itself ("<X> holds the information you requested"); the appeal bodies
(the ICO, the ombudsmen) count only in the letterhead, and never in a sentence
about complaining or appealing. How a letter refers to itself ("the Council
holds ...", "the Trust", "the Force") favours the named bodies of that kind. An
authority the gazetteer does not know is returned as written when the letter
names it in a recognisable form ("... NHS Trust", "... Council",
"... Constabulary").

Matching is by whole words, longest name first ("Newcastle-under-Lyme Borough
Council" is not Newcastle City Council), case-blind for names but only where
one of the words is capitalised (so "after reading council papers" is not
Reading Borough Council), and case-sensitive for acronyms. A domain matches its
sub-domains (`mail.leeds.gov.uk`), except the shared zones of the devolved
governments (`gov.scot`, `gov.wales`, `llyw.cymru`), whose sub-domains belong
to other bodies.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "authorities.csv"

# Kinds whose mentions are about where to appeal or complain, not who wrote.
APPEAL_KINDS = {"regulator", "ombudsman"}
# Domains whose sub-domains belong to other bodies: a body listed under one matches it exactly (or with www.).
SHARED_ZONES = {"gov.scot", "gov.wales", "llyw.cymru"}


@dataclass(frozen=True)
class Authority:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()

    @property
    def successor(self) -> str | None:
        """The body that replaced this one (the first, when several share its work); None for a current body."""
        return self.successors[0] if self.successors else None


@dataclass(frozen=True)
class Mention:
    """An authority named in a text: by name, acronym or domain, at [start, end)."""

    authority: str  # canonical name, or the name as written when `known` is False
    start: int
    end: int
    how: str  # name | acronym | domain | pattern
    known: bool = True


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (cell or "").split(";") if p.strip())


@lru_cache(maxsize=1)
def authorities() -> tuple[Authority, ...]:
    """The gazetteer, read once per process."""
    with GAZETTEER.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return tuple(
        Authority(
            name=r["name"].strip(),
            kind=r["kind"].strip(),
            aliases=_split(r.get("aliases")),
            acronyms=_split(r.get("acronyms")),
            domains=tuple(d.lower() for d in _split(r.get("domains"))),
            successors=_split(r.get("successor")),
        )
        for r in rows
    )


_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´"), None)
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|&")


def _token_key(token: str) -> str:
    return "and" if token == "&" else token.translate(_APOSTROPHES).lower()


def name_key(name: str | None) -> tuple[str, ...]:
    """A name as a tuple of comparable words: case, punctuation, apostrophes and "&"/"and" do not count."""
    s = unicodedata.normalize("NFKC", name or "")
    words = tuple(_token_key(t) for t in _TOKEN_RE.findall(s))
    return words[1:] if words[:1] == ("the",) and len(words) > 1 else words


@dataclass(frozen=True)
class _Index:
    by_name: dict[tuple[str, ...], str]
    by_acronym: dict[str, str]
    by_domain: dict[str, str]
    kinds: dict[str, str]
    first_words: dict[str, tuple[int, ...]]  # first word of a name -> the lengths of the names it starts, longest first


@lru_cache(maxsize=1)
def _index() -> _Index:
    by_name: dict[tuple[str, ...], str] = {}
    by_acronym: dict[str, str] = {}
    by_domain: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for a in authorities():
        kinds[a.name] = a.kind
        for n in (a.name, *a.aliases):
            key = name_key(n)
            by_name.setdefault(key, a.name)
            if key[:1] != ("the",):
                by_name.setdefault(("the", *key), a.name)
        for acr in a.acronyms:
            by_acronym.setdefault(acr, a.name)
        for d in a.domains:
            by_domain.setdefault(d, a.name)
    lengths: dict[str, set[int]] = {}
    for key in by_name:
        lengths.setdefault(key[0], set()).add(len(key))
    first_words = {word: tuple(sorted(ns, reverse=True)) for word, ns in lengths.items()}
    return _Index(by_name, by_acronym, by_domain, kinds, first_words)


def _by_domain(host: str) -> str | None:
    """The authority whose domain `host` is, or is a sub-domain of (see `SHARED_ZONES`)."""
    host = host.lower().strip(".")
    idx = _index()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        suffix = ".".join(parts[i:])
        if suffix in SHARED_ZONES and parts[:i] not in ([], ["www"]):
            return None
        hit = idx.by_domain.get(suffix)
        if hit:
            return hit
    return None


def canonical_authority(name: str | None) -> str | None:
    """The canonical name for any spelling, alias, acronym or domain of a known authority, else None."""
    if not name or not name.strip():
        return None
    idx = _index()
    s = name.strip()
    hit = idx.by_name.get(name_key(s)) or idx.by_acronym.get(s)
    if hit:
        return hit
    if re.fullmatch(r"[\w.-]+\.[a-z]{2,}", s, re.I):
        return _by_domain(s.split("@")[-1])
    m = re.fullmatch(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", s)
    return _by_domain(m.group(1)) if m else None


def is_known_authority(name: str | None) -> bool:
    """True when the gazetteer knows the name (in any of its spellings)."""
    return canonical_authority(name) is not None


def kind_of(name: str) -> str | None:
    return _index().kinds.get(name)


_EMAIL_RE = re.compile(r"[\w.+-]+@(?P<host>[\w-]+(?:\.[\w-]+)+)")
_URL_RE = re.compile(r"(?:https?://|\bwww\.)(?P<host>[\w-]+(?:\.[\w-]+)+)", re.I)


def find_mentions(text: str) -> list[Mention]:
    """Every mention of a gazetteer authority in `text`, longest match first at each place."""
    idx = _index()
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text or "")]
    keys = [_token_key(t) for t, _, _ in tokens]
    capitalised = [t[:1].isupper() for t, _, _ in tokens]
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        found = None
        for n in idx.first_words.get(keys[i], ()):
            if i + n > len(keys) or not any(capitalised[i : i + n]):
                continue
            hit = idx.by_name.get(tuple(keys[i : i + n]))
            if hit:
                found = (hit, n)
                break
        if found:
            out.append(Mention(found[0], tokens[i][1], tokens[i + found[1] - 1][2], "name"))
            i += found[1]
            continue
        hit = idx.by_acronym.get(tokens[i][0])
        if hit:
            out.append(Mention(hit, tokens[i][1], tokens[i][2], "acronym"))
        i += 1
    for pattern in (_EMAIL_RE, _URL_RE):
        for m in pattern.finditer(text or ""):
            hit = _by_domain(m.group("host"))
            if hit:
                out.append(Mention(hit, m.start(), m.end(), "domain"))
    return sorted(out, key=lambda m: m.start)


# An authority the gazetteer may not know, in a form that says what it is.
_CAP = r"[A-Z][\w'’.-]*"
_JOIN = r"(?:,? (?:and|&|of|of the|upon|on|in) |,? | - )"
_GENERIC_RE = re.compile(
    rf"\b(?P<name>(?:{_CAP}{_JOIN}){{0,7}}{_CAP} "
    r"(?:NHS (?:Foundation )?Trust|(?:University |Teaching )?Health Board|Integrated Care Board|Clinical Commissioning Group"
    r"|(?:County |County Borough |Borough |District |City |Metropolitan Borough |Metropolitan District |Town |Parish )?Council"
    r"|Police|Constabulary|Fire and Rescue (?:Service|Authority)|Police and Crime Commissioner|Ambulance Service"
    r"|(?:Multi )?Academy Trust|University"
    r"|(?:Combined|Unitary|National Park|Fire|Police|Transport|Waste Disposal|Port|Harbour|Local|Health) Authority)"
    rf"|(?:London Borough|Royal Borough|City and County|City|University) of (?:{_CAP}(?: and | upon | )?){{1,4}}"
    rf"|(?:Ministry|Department) (?:of|for) (?:{_CAP}{_JOIN}){{0,5}}{_CAP})"
)


# Words that say what kind of body a name is, not which one.
_GENERIC_WORDS = {
    "nhs", "foundation", "trust", "university", "teaching", "health", "board", "integrated", "care", "council",
    "county", "borough", "district", "city", "metropolitan", "town", "parish", "police", "constabulary", "fire",
    "rescue", "service", "combined", "authority", "and", "of", "the", "for", "partnership", "commissioner", "crime",
    "ministry", "department", "london", "royal", "clinical", "commissioning", "group", "mental", "unitary",
    "national", "park", "transport", "waste", "disposal", "port", "harbour", "local", "ambulance", "academy", "multi",
}


def _generic_mentions(text: str, known: list[Mention]) -> list[Mention]:
    """Names of the forms in `_GENERIC_RE` that the gazetteer does not know and that no known mention covers."""
    out = []
    for m in _GENERIC_RE.finditer(text or ""):
        start, end = m.span("name")
        if any(k.start < end and start < k.end for k in known):
            continue
        name = re.sub(r"^(?:The|Dear|To|From|Re|At|In|Of)\s+", "", re.sub(r"\s+", " ", m.group("name")).strip(" ,-"))
        if canonical_authority(name) is None and set(name_key(name)) - _GENERIC_WORDS:
            out.append(Mention(name, start, end, "pattern", known=False))
    return out


_SALUTATION_RE = re.compile(r"^\s*(?:[^\W\d_]+\s*/\s*)?Dear\b", re.I | re.M)  # "Dear", "Annwyl / Dear"
_VALEDICTION_RE = re.compile(r"\b(?:Yours\s+(?:sincerely|faithfully|truly)|(?:Kind|Best|Warm)\s+regards|Regards,?\s*$)", re.I | re.M)

HEAD_WEIGHT = 4.0  # letterhead: before "Dear ...", or the first lines of a letter without one
SIGNATURE_WEIGHT = 2.5  # the lines after "Yours sincerely"
SIGNATURE_REACH = 400  # characters after the valediction that still belong to the signature
HOW_WEIGHT = {"name": 1.0, "domain": 1.5, "acronym": 0.5, "pattern": 0.8}


# How a letter refers to its own body ("the Council holds ..."), not followed by more of a name ("the Department of Health").
_SELF_REFERENCE_RE = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Oo]ur)\s+(Council|Trust|Force|Constabulary|Department|Ministry|Board|University)\b"
    r"(?!\s+(?:of|for|and|&)\b|\s+[A-Z]|-)"
)
# The family of bodies each self-reference word, kind, and last word of an unknown name points to.
_SELF_REFERENCE_FAMILY = {
    "council": "council", "trust": "trust", "force": "police", "constabulary": "police", "police": "police",
    "department": "department", "ministry": "department", "board": "board", "university": "university",
}
_KIND_FAMILY = {
    "council": "council", "local_government": "council", "nhs_trust": "trust", "police": "police",
    "department": "department", "health_board": "board", "icb": "board", "university": "university",
}
SELF_REFERENCE_BOOST = 1.5  # a named body of the kind the letter calls itself
SELF_REFERENCE_MIN = 2  # self-references needed before they count
# Wording of the sentence that tells the requester where to complain or appeal.
_COMPLAINT_RE = re.compile(
    r"\b(?:complain\w*|appeal\w*|dissatisf\w*|unhappy|not\s+(?:happy|satisfied|content)|internal\s+review"
    r"|right\s+to|(?:you|requesters?)\s+(?:can|may|could)\s+(?:also\s+)?(?:contact|write|apply|ask|refer))\b",
    re.I,
)
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s)|\n\s*\n")
SENTENCE_REACH = 300  # characters either side of a mention searched for the ends of its sentence


def _zones(text: str) -> tuple[int, list[tuple[int, int]]]:
    """(end of the letterhead, [signature spans])."""
    m = _SALUTATION_RE.search(text[:4000])
    head_end = m.start() if m else min(len(text), 600)
    signatures = [(v.start(), v.end() + SIGNATURE_REACH) for v in _VALEDICTION_RE.finditer(text)]
    return head_end, signatures


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or letterhead block) holding text[start:end], at most `SENTENCE_REACH` characters either side."""
    before = text[max(0, start - SENTENCE_REACH) : start]
    ends = list(_SENTENCE_END_RE.finditer(before))
    left = start - len(before) + (ends[-1].end() if ends else 0)
    after = text[end : end + SENTENCE_REACH]
    m = _SENTENCE_END_RE.search(after)
    return text[left : end + (m.start() if m else len(after))]


def _is_appeal_mention(text: str, m: Mention, head_end: int) -> bool:
    """An appeal body (the ICO, an ombudsman) named as where to complain: outside the letterhead, or in a sentence about complaining."""
    if not m.known or kind_of(m.authority) not in APPEAL_KINDS:
        return False
    return m.start >= head_end or bool(_COMPLAINT_RE.search(_sentence_around(text, m.start, m.end)))


def _self_reference_family(text: str) -> str | None:
    """The kind of body the letter calls itself most ("the Council", "the Trust"), when it does so often enough."""
    counts: dict[str, int] = {}
    for m in _SELF_REFERENCE_RE.finditer(text):
        family = _SELF_REFERENCE_FAMILY[m.group(1).lower()]
        counts[family] = counts.get(family, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < SELF_REFERENCE_MIN or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _family_of(m: Mention) -> str | None:
    """The family of a mentioned body: from its kind, or for an unknown name from its last word ("... Council")."""
    if m.known:
        return _KIND_FAMILY.get(kind_of(m.authority) or "")
    words = name_key(m.authority)
    return _SELF_REFERENCE_FAMILY.get(words[-1]) if words else None


# The sender speaking of itself: "<X> holds the information you requested", "<X> does not hold ...",
# "<X> has received/considered your request", "<X> can confirm ...".
_SELF_STATEMENT_RE = re.compile(
    r"\s*(?:\([A-Za-z]+\)\s*)?(?:holds\s+(?:the|this|some|all|any)\b|(?:does|do)\s+not\s+hold\b|can\s+(?:neither\s+)?confirm\b"
    r"|has\s+(?:now\s+)?(?:received|considered|processed|handled|completed|carried\s+out)\b)",
    re.I,
)
SELF_STATEMENT_WEIGHT = 3.0


def _weighted_mentions(text: str, letterhead: bool = False) -> list[tuple[Mention, float, str | None]]:
    """(mention, weight, family) for each mention that may name the sender; `letterhead` when all of
    `text` is the letterhead (the page furniture)."""
    head_end, signatures = (len(text), []) if letterhead else _zones(text)
    known = find_mentions(text)
    out = []
    for m in known + _generic_mentions(text, known):
        if _is_appeal_mention(text, m, head_end):
            continue  # "you may complain to the Information Commissioner"
        w = HOW_WEIGHT[m.how]
        if m.start < head_end:
            w *= HEAD_WEIGHT
        elif any(a <= m.start < b for a, b in signatures):
            w *= SIGNATURE_WEIGHT
        elif _SELF_STATEMENT_RE.match(text, m.end):
            w *= SELF_STATEMENT_WEIGHT
        out.append((m, w, _family_of(m)))
    return out


def score_authorities(text: str, furniture: Sequence[str] = ()) -> dict[str, float]:
    """How strongly the text says each authority is its author (see the module docstring).

    `furniture` is the page furniture a parser took out of the text (running headers and footers): a
    letterhead printed on every page is the sender's, and counts once as letterhead however many pages repeat it."""
    text = text or ""
    scores: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    families: dict[str, str | None] = {}
    running = "\n".join(dict.fromkeys(line.strip() for line in furniture if line.strip()))
    mentions = [(m, w, f, -1) for m, w, f in _weighted_mentions(running, letterhead=True)]
    mentions += [(m, w, f, m.start) for m, w, f in _weighted_mentions(text)]
    for m, w, family, seen in mentions:
        scores[m.authority] = scores.get(m.authority, 0.0) + w
        first_seen.setdefault(m.authority, seen)
        families.setdefault(m.authority, family)
    own_family = _self_reference_family(text)
    if own_family:
        scores = {a: w * SELF_REFERENCE_BOOST if families[a] == own_family else w for a, w in scores.items()}
    # Stable order: by score, then by first appearance.
    return dict(sorted(scores.items(), key=lambda kv: (-kv[1], first_seen[kv[0]])))


def find_authority(text: str | None, furniture: Sequence[str] = ()) -> str | None:
    """The canonical name of the authority a letter is from; an unknown one as written; None if none is named.
    `furniture`: the running headers and footers taken out of the text (see `score_authorities`)."""
    scores = score_authorities(text or "", furniture)
    return next(iter(scores), None)
