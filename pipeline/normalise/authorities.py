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
  UKHSA) keeps its own row, so a letter is filed under the body it names.
- `kind`: department, agency, police, nhs_trust, health_board, regulator
  (the bodies an appeal goes to: ICO, Scottish Information Commissioner,
  Tribunal), ...

Sources: central government departments and agencies as GOV.UK lists them;
the police forces of Schedule 1 to the Police Act 1996 plus the national and
devolved forces; the NHS mental health trusts of England (the bodies of NHS
England's mental health provider list), ambulance trusts, some large acute
trusts, and the Welsh and Scottish health boards, as the NHS Organisation Data
Service names them; English county councils, London boroughs and the larger
unitary and city councils, under the official names of mySociety's register of
UK local authorities. The rows were typed from those public lists (not
downloaded); domains are the bodies' own. Breadth beyond these is a matter of
adding rows: nothing in the code names an authority.

`find_authority(text)` picks the authority a letter is FROM: mentions in the
letterhead (before "Dear ...") and in the signature (after "Yours sincerely")
and e-mail/web domains weigh more than mentions in the body; the appeal bodies
(the ICO) count only in the letterhead. An authority the gazetteer does not know
is returned as written when the letter names it in a recognisable form
("... NHS Trust", "... Council", "... Constabulary").
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "authorities.csv"

# Kinds whose mentions are about where to appeal, not who wrote.
APPEAL_KINDS = {"regulator"}


@dataclass(frozen=True)
class Authority:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    successor: str | None = None


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
            successor=(r.get("successor") or "").strip() or None,
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
    first_words: dict[str, set[int]]  # first word of a name -> the lengths of the names it starts


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
    first_words: dict[str, set[int]] = {}
    for key in by_name:
        first_words.setdefault(key[0], set()).add(len(key))
    return _Index(by_name, by_acronym, by_domain, kinds, first_words)


def _by_domain(host: str) -> str | None:
    host = host.lower().strip(".")
    idx = _index()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        hit = idx.by_domain.get(".".join(parts[i:]))
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
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        found = None
        for n in sorted(idx.first_words.get(keys[i], ()), reverse=True):
            if i + n > len(keys):
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
    r"|Police|Constabulary|Fire and Rescue Service|Combined Authority|Police and Crime Commissioner)"
    r"|(?:London Borough|Royal Borough|City and County|City) of (?:{_CAP}(?: and | upon | ){{0,1}}){{1,4}}"
    r"|(?:Ministry|Department) (?:of|for) (?:{_CAP}{_JOIN}){{0,5}}{_CAP})"
)


# Words that say what kind of body a name is, not which one.
_GENERIC_WORDS = {
    "nhs", "foundation", "trust", "university", "teaching", "health", "board", "integrated", "care", "council",
    "county", "borough", "district", "city", "metropolitan", "town", "parish", "police", "constabulary", "fire",
    "rescue", "service", "combined", "authority", "and", "of", "the", "for", "partnership", "commissioner", "crime",
    "ministry", "department", "london", "royal", "clinical", "commissioning", "group", "mental",
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


_SALUTATION_RE = re.compile(r"^\s*Dear\b", re.I | re.M)
_VALEDICTION_RE = re.compile(r"\b(?:Yours\s+(?:sincerely|faithfully|truly)|(?:Kind|Best|Warm)\s+regards|Regards,?\s*$)", re.I | re.M)

HEAD_WEIGHT = 4.0  # letterhead: before "Dear ...", or the first lines of a letter without one
SIGNATURE_WEIGHT = 2.5  # the lines after "Yours sincerely"
SIGNATURE_REACH = 400  # characters after the valediction that still belong to the signature
HOW_WEIGHT = {"name": 1.0, "domain": 1.5, "acronym": 0.5, "pattern": 0.8}


def _zones(text: str) -> tuple[int, list[tuple[int, int]]]:
    """(end of the letterhead, [signature spans])."""
    m = _SALUTATION_RE.search(text[:4000])
    head_end = m.start() if m else min(len(text), 600)
    signatures = [(v.start(), v.end() + SIGNATURE_REACH) for v in _VALEDICTION_RE.finditer(text)]
    return head_end, signatures


def score_authorities(text: str) -> dict[str, float]:
    """How strongly the text says each authority is its author (see the module docstring)."""
    text = text or ""
    head_end, signatures = _zones(text)
    scores: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    known = find_mentions(text)
    for m in known + _generic_mentions(text, known):
        w = HOW_WEIGHT[m.how]
        in_head = m.start < head_end
        if in_head:
            w *= HEAD_WEIGHT
        elif any(a <= m.start < b for a, b in signatures):
            w *= SIGNATURE_WEIGHT
        if m.known and kind_of(m.authority) in APPEAL_KINDS and not in_head:
            continue  # "you may complain to the Information Commissioner"
        scores[m.authority] = scores.get(m.authority, 0.0) + w
        first_seen.setdefault(m.authority, m.start)
    # Stable order: by score, then by first appearance.
    return dict(sorted(scores.items(), key=lambda kv: (-kv[1], first_seen[kv[0]])))


def find_authority(text: str | None) -> str | None:
    """The canonical name of the authority a letter is from; an unknown one as written; None if none is named."""
    scores = score_authorities(text or "")
    return next(iter(scores), None)
