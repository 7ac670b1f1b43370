"""FOI responses (letters, attachment pages, text renderings): Q&A pairs, tables, exemptions.

The pieces are found separately (`qa`, `tables`, `exemptions`, `letter`) and
then reconciled here: an exemption linked to a question decides that
question's status, and the statuses decide the response's outcome.
"""
from __future__ import annotations

import re

from ..model import Exemption, Extraction, ParsedDocument, QAPair
from .exemptions import extract_exemptions
from .letter import letter_fields, letter_info
from .qa import answer_fields, document_segments, extract_qa, gives_information, is_closing, sentences, status_from_text
from .tables import extract_tables
from .thread import quoted_messages

# "Reasonably accessible by other means": the information is pointed to, not withheld.
POINTED_TO_PROVISIONS = {"s.21", "s.21(1)", "reg.6(1)(b)"}


def extract(doc: ParsedDocument) -> Extraction:
    info = letter_info(doc, kind="foi_response")
    qa_pairs = extract_qa(doc)
    exemptions = extract_exemptions(doc, qa_pairs)
    link_exemptions(qa_pairs, exemptions)
    refuse_whole_request(qa_pairs, exemptions)
    answer_whole_request(doc, qa_pairs)
    info.outcome = outcome_from_statuses([q.answer_status for q in qa_pairs]) if qa_pairs else (
        unnumbered_outcome(doc, exemptions)
    )
    messages, attachments = quoted_messages(doc)
    return Extraction(
        info=info,
        parsed=doc,
        messages=messages,
        attachments=attachments,
        qa_pairs=qa_pairs,
        tables=extract_tables(doc),
        exemptions=exemptions,
        fields=letter_fields(doc),
    )


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
        if pair is None or exemption.provision in POINTED_TO_PROVISIONS:
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
            and e.provision not in POINTED_TO_PROVISIONS
        ),
        None,
    )
    if refusal is None or any(q.answer_status != "unanswered" for q in qa_pairs):
        return
    for pair in qa_pairs:
        pair.answer, pair.answer_status, pair.page = refusal.quote, "refused", refusal.page
        pair.answer_start, pair.answer_end = refusal.char_start, refusal.char_end


# A statement of what may happen ("If we need to clarify your request, we will contact you") answers nothing.
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
        if seg.start < asked_to:
            continue
        if is_closing(seg):
            break
        statement.append(seg)
    said = " ".join(s for s in sentences(" ".join(seg.text for seg in statement)) if not _CONDITIONAL_RE.match(s))
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
    r"(?:has|have) been (?:released|provided|disclosed)|(?:is|are) (?:provided|released|disclosed) (?:below|with this|in full|in part))",
    re.I,
)
# The opening courtesies of a reply, which say nothing about the request's outcome.
_COURTESY_RE = re.compile(r"\s*(?:thank you|thanks|I am writing|I write|we write|further to|we (?:have )?received)\b", re.I)
_SIGN_OFF_RE = re.compile(
    r"^\s*(?:Yours (?:sincerely|faithfully)|Kind regards|Regards|If you are (?:not satisfied|unhappy|dissatisfied))",
    re.I | re.M,
)


def unnumbered_outcome(doc: ParsedDocument, exemptions: list[Exemption]) -> str | None:
    """The outcome of a letter answering a request with no numbered questions, where the letter
    makes it plain: refused (an exemption relied on and nothing else given), partially successful
    (an exemption and some information), not held. None rather than a guess otherwise."""
    salutation = _SALUTATION_RE.search(doc.text)
    if not salutation:
        return None
    sign_off = _SIGN_OFF_RE.search(doc.text, salutation.end())
    body = doc.text[salutation.end() : sign_off.start() if sign_off else len(doc.text)]
    relied = [e for e in exemptions if e.provision not in POINTED_TO_PROVISIONS and e.decision != "not_held"]
    if relied:
        if all(e.decision == "refused" for e in relied):
            return "refused"
        return "partially_successful" if _DISCLOSES_RE.search(body) else "refused"
    said = "\n".join(s for s in sentences(body) if not _COURTESY_RE.match(s))
    return "not_held" if status_from_text(said) == "not_held" else None


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
