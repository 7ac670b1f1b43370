"""FOI responses (letters, attachment pages, text renderings): Q&A pairs, tables, exemptions.

The pieces are found separately (`qa`, `tables`, `exemptions`, `letter`) and
then reconciled here: an exemption linked to a question decides that
question's status, and the statuses decide the response's outcome.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Exemption, Extraction, ParsedDocument, QAPair, Table
from .exemptions import extract_exemptions
from .letter import is_header_field, letter_fields, letter_info
from .qa import (
    answer_fields,
    document_segments,
    extract_qa,
    gives_information,
    has_figure,
    is_closing,
    is_closing_text,
    is_heading_line,
    is_substantive,
    sentences,
    status_from_text,
)
from .tables import extract_tables
from .thread import quoted_messages

# "Reasonably accessible by other means": the information is pointed to, not withheld (FOIA s.21, its
# Scottish equivalent FOISA s.25, EIR reg.6(1)(b)); by legislation, as FOISA's s.21 is another matter.
POINTED_TO_PROVISIONS = {
    ("FOIA 2000", "s.21"), ("FOIA 2000", "s.21(1)"), ("FOISA 2002", "s.25"), ("FOISA 2002", "s.25(1)"),
    ("EIR 2004", "reg.6(1)(b)"),
}


def points_to(exemption: Exemption) -> bool:
    """Whether the exemption only says where the information already is."""
    return (exemption.legislation, exemption.provision) in POINTED_TO_PROVISIONS


def extract(doc: ParsedDocument) -> Extraction:
    info = letter_info(doc, kind="foi_response")
    qa_pairs = quoted_request_qa(doc) or extract_qa(doc)
    exemptions = extract_exemptions(doc, qa_pairs)
    link_exemptions(qa_pairs, exemptions)
    refuse_whole_request(qa_pairs, exemptions)
    answer_whole_request(doc, qa_pairs)
    follow_references(qa_pairs)
    tables = extract_tables(doc)
    info.outcome = outcome_from_statuses([q.answer_status for q in qa_pairs]) if qa_pairs else (
        unnumbered_outcome(doc, exemptions, tables)
    )
    messages, attachments = quoted_messages(doc)
    return Extraction(
        info=info,
        parsed=doc,
        messages=messages,
        attachments=attachments,
        qa_pairs=qa_pairs,
        tables=tables,
        exemptions=exemptions,
        fields=letter_fields(doc),
    )


def quoted_request_qa(doc: ParsedDocument) -> list[QAPair]:
    """The questions of an email reply that answers, above it, the request it quotes below
    ("-----Original Message-----"): the quoted request's numbered questions, answered from the reply
    as in a WhatDoTheyKnow thread (`wdtk.thread_qa`), offsets into the whole text. Read as one
    letter, the reply's numbered answers would be taken for the questions.

    Empty (the letter is read as one) unless the newest message is the authority's, a message it
    quotes is a request, the oldest such request has numbered questions, and the reply answers one of them.
    """
    from . import wdtk  # wdtk imports this module: a top-level import would be circular

    found = list(reversed(doc.meta.get("messages") or []))  # oldest first, as `quoted_messages` numbers them
    if len(found) < 2 or found[-1]["direction"] != "response" or not any(m["direction"] == "request" for m in found[:-1]):
        return []
    messages, _ = quoted_messages(doc)
    letters = [wdtk.message_document(doc, m) for m in found]
    qa_pairs = wdtk.thread_qa(messages, letters, [(len(found) - 1, letters[-1])])
    return qa_pairs if any(q.answer for q in qa_pairs) else []


def link_exemptions(qa_pairs: list[QAPair], exemptions: list[Exemption]) -> None:
    """Set the status of each question an exemption applies to (and its qa_number, from the answer span, if unset).

    The exemption's decision decides: refused (s.12, s.14...), not held (EIR
    reg.12(4)(a)), else withheld. When the answer still gives some information
    besides the exemption's reasoning, the question is only partly withheld.
    """
    by_number = {q.number: q for q in qa_pairs}
    for exemption in exemptions:
        if exemption.qa_number is None and exemption.char_start is not None:
            exemption.qa_number = next(
                (
                    q.number
                    for q in qa_pairs
                    if q.answer_start is not None and q.answer_start <= exemption.char_start < (q.answer_end or 0)
                ),
                None,
            )
        pair = by_number.get(exemption.qa_number or "")
        if pair is None or points_to(exemption):
            continue
        informative = gives_information(pair.answer)
        if exemption.decision == "not_held":  # EIR reg.12(4)(a): the exception says the information is not held
            pair.answer_status = "answered" if informative else "not_held"
        elif informative:
            pair.answer_status = "partly_withheld"
        elif exemption.decision == "refused":
            pair.answer_status = "refused"
        else:
            pair.answer_status = "withheld"


def refuse_whole_request(qa_pairs: list[QAPair], exemptions: list[Exemption]) -> None:
    """A letter that answers none of the questions and refuses the request as a whole (s.12 cost limit,
    s.14 vexatious, not tied to one question) refuses each question: the refusal is their answer."""
    refusal = next(
        (
            e for e in exemptions
            if e.kind == "procedural" and e.decision == "refused" and e.qa_number is None
            and not points_to(e)
        ),
        None,
    )
    if refusal is None or any(q.answer_status != "unanswered" for q in qa_pairs):
        return
    for pair in qa_pairs:
        pair.answer, pair.answer_status, pair.page = refusal.quote, "refused", refusal.page
        pair.answer_start, pair.answer_end = refusal.char_start, refusal.char_end


# An answer that only points to another: "See answer to question 2", "This has been answered in point 1 above".
_REFERS_BACK_RE = re.compile(
    r"^\W*(?:(?:please\s+)?(?:see|refer\s+to)|as\s+(?:per|in|for)|same\s+as|(?:this|that)(?:\s+(?:question|point|part))?\s+"
    r"(?:has\s+been|was|is)\s+(?:answered|covered|addressed|dealt\s+with)\s+(?:in|under|at|by))\s+"
    r"(?:(?:the|our|my)\s+)?(?:(?:answer|response|reply)s?\s+(?:to|for|at|given\s+(?:to|at|in))\s+)?(?:your\s+)?"
    r"(?:question|point|part|item|request|Q)\.?\s*(?P<label>\d{1,2}[a-z]?|\(?[a-z]\))(?:\s*(?:as\s+)?above)?\W*$",
    re.I,
)


def follow_references(qa_pairs: list[QAPair]) -> None:
    """An answer that only refers to another question's answer keeps its text and takes that answer's
    status: "See answer to question 2" is withheld when answer 2 withholds."""
    by_number = {q.number: q for q in qa_pairs}
    for pair in qa_pairs:
        m = _REFERS_BACK_RE.match(pair.answer or "")
        target = by_number.get(m.group("label").strip("()").lower()) if m else None
        if target is not None and target is not pair and target.answer_status != "unanswered":
            pair.answer_status = target.answer_status


# A statement of what may happen ("If we need to clarify your request, we will contact you") answers nothing.
# A subject heading naming the request ("... Act 2002 - Request for Information").
_REQUEST_HEADING_RE = re.compile(r"^.{0,80}\b(?:Request for Information|Information Request)$", re.I)
_CONDITIONAL_RE = re.compile(r"^\W*(?:If|Should|Where|Once|When|Unless|In the event)\b", re.I)
# What a letter can say to the request as a whole after listing its questions.
_WHOLE_REQUEST_STATUSES = ("not_held", "clarification_sought", "refused", "withheld")


def answer_whole_request(doc: ParsedDocument, qa_pairs: list[QAPair]) -> None:
    """A letter that lists the questions and then answers them all at once ("We do not hold any of
    the information you requested", "we need you to clarify ...") gives that answer to each question.

    Only when no question has an answer of its own, and only a statement that refuses, withholds,
    says "not held" or asks for clarification: an acknowledgement ("We will respond by 1 June")
    answers nothing.
    """
    asked_to = max((q.question_end for q in qa_pairs if q.question_end is not None), default=None)
    if asked_to is None or any(q.answer_status != "unanswered" for q in qa_pairs):
        return
    statement = []
    for seg in document_segments(doc):
        if seg.start < asked_to or _SALUTATION_RE.match(seg.text) or is_heading_line(seg.text) or is_header_field(seg.text) \
                or _REQUEST_HEADING_RE.match(seg.text):
            continue
        if is_closing(seg):
            break
        statement.append(seg)
    said = " ".join(s for s in sentences(" ".join(seg.text for seg in statement))
                    if not (_CONDITIONAL_RE.match(s) or _COURTESY_RE.match(s)))
    status = status_from_text(said)
    if status not in _WHOLE_REQUEST_STATUSES:
        return
    fields = answer_fields(doc, statement)
    for pair in qa_pairs:
        pair.answer, pair.answer_status, pair.page = fields["answer"], status, fields["page"]
        pair.answer_start, pair.answer_end = fields["answer_start"], fields["answer_end"]


_SALUTATION_RE = re.compile(r"^\s*Dear\b.*$", re.I | re.M)
# A letter that releases something besides what it withholds.
_DISCLOSES_RE = re.compile(
    r"\b(?:please find (?:attached|enclosed|below)|(?:is|are) attached|(?:is|are) enclosed|(?:is|are) as follows|"
    r"(?:is|are) set out (?:below|in the (?:table|attached))|(?:I|we) (?:can|am able to|are able to) (?:provide|confirm the|release)|"
    r"(?:has|have) been (?:released|provided|disclosed)|(?:is|are) (?:provided|released|disclosed) (?:below|with this|in full|in part)|"
    r"(?:is|are) (?:shown|given|listed|set out|detailed|provided|summari[sz]ed) (?:below|in the (?:table|attached|enclosed)))",
    re.I,
)
# The opening courtesies of a reply, which say nothing about the request's outcome.
_COURTESY_RE = re.compile(r"\s*(?:thank you|thanks|I am writing|I write|we write|further to|we (?:have )?received)\b", re.I)
_SIGN_OFF_RE = re.compile(
    r"^\s*(?:Yours (?:sincerely|faithfully)|Kind regards|Regards|If you are (?:not satisfied|unhappy|dissatisfied))",
    re.I | re.M,
)
# A sentence about the request itself ("Your request has been considered under the Freedom of Information Act").
_MENTIONS_THE_REQUEST_RE = re.compile(
    r"\byour (?:request|e-?mail|letter|enquiry|application|questions?)\b|\b(?:Freedom of Information|Environmental Information)\b", re.I
)
# "To answer your request we would need to review 62,000 records": a figure in the reasoning.
_HYPOTHETICAL_RE = re.compile(r"\b(?:would|could|might)\b", re.I)
# What a letter without numbered questions can plainly say of the whole request, first wins ("we do not hold
# the 2019 figures; please clarify whether you want 2020's" is not held). A bare "unable to comply" may be a delay.
_UNNUMBERED_OUTCOMES = (("not_held", "not_held"), ("clarification_sought", "clarification"))


def unnumbered_outcome(doc: ParsedDocument, exemptions: list[Exemption], tables: Sequence[Table] = ()) -> str | None:
    """The outcome of a letter answering a request with no numbered questions, where the letter
    makes it plain: refused (an exemption relied on and nothing else given), partially successful
    (an exemption and some information: see `discloses`), not held, clarification. None rather
    than a guess otherwise.

    Without an exemption, the letter's statements are read one by one (see `outcome_statements`):
    one that gives information leaves the outcome open; else one saying the information is not
    held, then one asking to clarify the request, decides.
    """
    salutation = _SALUTATION_RE.search(doc.text)
    if not salutation:
        return None
    sign_off = _SIGN_OFF_RE.search(doc.text, salutation.end())
    body = doc.text[salutation.end() : sign_off.start() if sign_off else len(doc.text)]
    relied = [e for e in exemptions if not points_to(e) and e.decision != "not_held"]
    if relied:
        if all(e.decision == "refused" for e in relied):
            return "refused"
        return "partially_successful" if discloses(body, tables) else "refused"
    statuses = {status_from_text(s) for s in outcome_statements(body)}
    if "answered" in statuses:
        return None
    return next((outcome for status, outcome in _UNNUMBERED_OUTCOMES if status in statuses), None)


def discloses(body: str, tables: Sequence[Table]) -> bool:
    """Whether a letter that withholds something also releases some information: it says so
    ("The figures are shown below"), prints a table of figures, or states a figure in a sentence
    that gives information ("Penalty fares are £80") rather than reasoning about what disclosure would do."""
    if _DISCLOSES_RE.search(body) or any(cell.number is not None for table in tables for cell in table.cells):
        return True
    return any(
        has_figure(s) and is_substantive(s) and not _HYPOTHETICAL_RE.search(s) for s in outcome_statements(body)
    )


def outcome_statements(body: str) -> list[str]:
    """The sentences of a letter's body that can say what became of the request: whole sentences
    (not a subject line or heading), up to the closing boilerplate, without the opening courtesies,
    conditionals ("If we need to clarify ...") and sentences about the request that state no figure."""
    out = []
    for sentence in sentences(body):
        if is_closing_text(sentence):
            break
        if not re.search(r"[.!?][\"”’)]?$", sentence.strip()) or _COURTESY_RE.match(sentence) or _CONDITIONAL_RE.match(sentence):
            continue
        if _MENTIONS_THE_REQUEST_RE.search(sentence) and not has_figure(sentence) and status_from_text(sentence) == "answered":
            continue
        out.append(sentence)
    return out


def outcome_from_statuses(statuses: list[str]) -> str | None:
    """successful | partially_successful | refused | not_held | clarification, from the questions' statuses.

    None when there are no numbered questions, or none was answered in the document.
    """
    known = [s for s in statuses if s != "unanswered"]
    if not known:
        return None
    kinds = set(known)
    if kinds == {"answered"}:
        return "successful"
    if "answered" in kinds or "partly_withheld" in kinds:
        return "partially_successful"
    if kinds == {"not_held"}:
        return "not_held"
    if kinds == {"clarification_sought"}:
        return "clarification"
    if kinds & {"refused", "withheld"}:
        return "refused"
    return None
