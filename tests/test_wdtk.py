"""WhatDoTheyKnow request pages: the thread parsed from the real saved pages, and edge cases on small built pages."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import pipeline.extract.wdtk as wdtk_extract
from pipeline.extract import extract
from pipeline.model import Exemption
from pipeline.parse import parse_file
from pipeline.parse import wdtk as wdtk_parse

SAMPLES = Path(__file__).resolve().parent.parent / "raw" / "wdtk"

_cache: dict = {}


def thread(name: str):
    if name not in _cache:
        doc = parse_file(SAMPLES / name, f"wdtk/{name}")
        _cache[name] = extract(doc)
    return _cache[name]


# --------------------------------------------------------------------------
# The real pages
# --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "name, requests, responses",
    [("1000437.html", 1, 3), ("1396660.html", 1, 1), ("1400678.html", 1, 2), ("1405481.html", 4, 4), ("88779.html", 1, 1)],
)
def test_every_message_in_order_with_its_direction(name, requests, responses):
    x = thread(name)
    assert [m.direction for m in x.messages].count("request") == requests
    assert [m.direction for m in x.messages].count("response") == responses
    assert x.messages[0].direction == "request"
    assert [m.seq for m in x.messages] == list(range(len(x.messages)))
    sent = [m.sent_at for m in x.messages]
    assert sent == sorted(sent) and all(re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d", s) for s in sent)
    for m in x.messages:  # offsets point at the message's letter in the document text
        assert m.text in x.parsed.text[m.char_start : m.char_end]


def test_metadata_of_a_not_held_thread():
    x = thread("1000437.html")
    info = x.info
    assert info.kind == "foi_request_thread"
    assert info.title == info.request_title == "PSL Schemes"
    assert info.authority == "Ministry of Housing, Communities and Local Government"
    assert info.request_date == "2017-06-17"
    # The two 19 June messages are acknowledgements; the 3 July reply is the response.
    assert info.response_date == "2017-07-03"
    assert info.reference == "3375675"
    assert info.outcome == "not_held"
    assert info.legislation == "FOIA 2000"
    assert x.messages[1].author == "Despatch Box"
    assert x.messages[3].reference == "3375675"


def test_outcome_from_the_status_box():
    assert thread("1396660.html").info.outcome == "successful"
    assert thread("1400678.html").info.outcome == "refused"
    assert thread("88779.html").info.outcome == "not_held"
    assert thread("1405481.html").info.outcome == "awaiting"  # "We're waiting for ... to update the status"


def test_references_listed_after_one_label_are_all_found():
    """"ref : 4079935 - 11 March 2019 &, 4192021 - 10 May 2019": both references, not the dates."""
    x = thread("1405481.html")
    assert x.info.reference == "4079935; 4192021"
    assert x.messages[6].reference == "4079935; 4192021"
    # "Reference the Local Government Act 1999, c. 27" is not a case reference.
    assert x.messages[0].reference is None


def test_page_chrome_annotations_and_footers_are_not_in_the_text():
    for name in ("1000437.html", "1405481.html", "88779.html", "1396660.html"):
        text = thread(name).parsed.text
        for chrome in ("Make a request", "Follow", "Requests like this", "Act on what you've learnt",
                       "Link to this", "Report this request", "Download a zip file",
                       "NOTE: Please do not edit the subject line", "Visible links", "Delivered"):
            assert chrome not in text, (name, chrome)
    # Other users' annotations are not part of the thread.
    assert "Notoriously difficult to prove" not in thread("88779.html").parsed.text
    # An HTML email's trailing link list goes, its own text stays.
    reply = thread("1396660.html").messages[1]
    assert reply.text.startswith("Please find attached response to your correspondence")
    assert "twitter.com" not in reply.text and "[2]Twitter" not in reply.text
    assert "Local Government Stewardship" in reply.text  # the signature itself stays


def test_attachments_with_urls_sizes_and_types():
    x = thread("1396660.html")
    logo, letter = x.attachments
    assert letter.name == "190709 DC Councillor conduct.pdf"
    assert letter.message_seq == 1
    assert letter.url == (
        "https://www.whatdotheyknow.com/request/582792/response/1396660/attach/4/190709%20DC%20Councillor%20conduct.pdf"
    )
    assert letter.html_url.endswith("/attach/html/4/190709%20DC%20Councillor%20conduct.pdf.html")
    assert (letter.size, letter.content_type) == ("89K", "application/pdf")
    assert (logo.name, logo.html_url, logo.content_type) == ("image001.png", None, "image/png")
    assert "Attachment: 190709 DC Councillor conduct.pdf (89K)" in x.parsed.text


def test_questions_of_the_first_request_unanswered_when_the_answer_is_attached():
    x = thread("1396660.html")
    assert [q.number for q in x.qa_pairs] == ["1", "2", "3", "4", "5"]
    assert all(q.answer is None and q.answer_status == "unanswered" for q in x.qa_pairs)
    assert all(q.message_seq == 0 for q in x.qa_pairs)
    q = x.qa_pairs[1]
    assert x.parsed.text[q.question_start : q.question_end] == q.question
    assert q.question == "what guidance should be given on compliance with data protection rules"


def test_request_url_for_relinking_attachment_pages():
    x = thread("1400678.html")
    assert x.links["request_url"] == "https://www.whatdotheyknow.com/request/pensions_release"
    assert x.parsed.meta["request_url"] == "https://www.whatdotheyknow.com/request/pensions_release"


# --------------------------------------------------------------------------
# Small built pages (Alaveteli markup) for the edge cases
# --------------------------------------------------------------------------

def message_html(direction: str, msg_id: int, author: str, when: str, body: str, attachments: str = "") -> str:
    return f"""
<div class="{'incoming' if direction == 'response' else 'outgoing'} correspondence js-collapsable" id="{direction}-{msg_id}">
  <div class="correspondence__header">
    <span class="correspondence__header__author js-collapsable-trigger">{author}</span>
    <a class="correspondence__header__date" href="/request/trees#{direction}-{msg_id}">
      <time datetime="{when}" title="{when}">{when[:10]}</time></a>
  </div>
  <div class="correspondence_text">{attachments}{body}</div>
  <div class="correspondence__footer"><button class="cplink__button">Link to this</button></div>
</div>"""


def page_html(messages: str, status_class: str, status_text: str, law: str = "Freedom of Information") -> str:
    return f"""<!DOCTYPE html><html><head><title>Street trees - a {law} request to Testshire Council - WhatDoTheyKnow</title>
<meta property="og:url" content="https://www.whatdotheyknow.com/request/street_trees"></head><body>
<div id="banner"><h1 class="banner_site-title">WhatDoTheyKnow</h1><ul id="navigation"><li>Make a request</li></ul></div>
<div id="request_show" class="controller_request">
 <div class="request-header"><div class="row"><h1>Street trees</h1>
  <p class="request-header__subtitle"><a href="/user/jo">Jo Bloggs</a> made this {law} request to
   <a href="/body/testshire">Testshire Council</a></p></div>
  <div class="request-status"><div id="request_status" class="request-status-message request-status-message--{status_class}">
   <p>{status_text}</p></div></div></div>
 <div id="left_column" class="left_column">{messages}
  <div class="comment_in_request box" id="comment-1"><p>Someone else left an annotation: what a waste of time</p></div>
 </div>
 <div id="right_column" class="sidebar right_column"><h2>Requests like this</h2></div>
</div><div class="mysoc-footer">Powered by Alaveteli</div></body></html>"""


REQUEST = """<p>Dear Testshire Council,</p>
<p>Please provide:<br/>1. How many street trees did the council plant in 2020?<br/>
2. How many street trees were felled in 2020?<br/>3. The contract with your tree surgeons.</p>
<p>Yours faithfully,<br/>Jo Bloggs</p>"""

EIR_REPLY = """<p>Our reference: EIR 2021/0457<br/><br/>Dear Jo Bloggs,<br/><br/>
We have handled your request under the Environmental Information Regulations 2004.<br/><br/>
1. How many street trees did the council plant in 2020?<br/>We planted 412 street trees in 2020.<br/>
2. How many street trees were felled in 2020?<br/>We felled 97 street trees, mostly because of ash dieback.<br/>
3. The contract with your tree surgeons.<br/>The contract is withheld under regulation 12(5)(e), commercial confidentiality.<br/><br/>
Yours sincerely,<br/>Information Team</p>
<p>-----Original Message-----<br/>From: Jo Bloggs<br/>Sent: 01 February 2021<br/>
Subject: Street trees<br/>1. How many street trees did the council plant in 2020?</p>
<p>NOTE: Please do not edit the subject line when replying to this email.</p>
<span class="unfold_link"><a href="?unfold=1#incoming-2">show quoted sections</a></span>"""

ATTACHMENT = """<div class="attachments"><ul class="list-of-attachments"><li class="attachment">
<a href="/request/77/response/2/attach/3/Contract.pdf?cookie_passthrough=1">
<img class="attachment__image" src="/assets/content_type/icon_application_pdf_large-abc.png"/></a>
<p class="attachment__name">Contract.pdf</p>
<p class="attachment__meta">1.2M <a href="/request/77/response/2/attach/3/Contract.pdf?cookie_passthrough=1">Download</a>
<a href="/request/77/response/2/attach/html/3/Contract.pdf.html">View as HTML</a></p></li></ul></div>"""

ACK = "<p>Thank you for your request. We are currently processing your request and aim to respond by 2 March 2021.</p>"


def write_page(tmp_path, html: str):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return extract(parse_file(path, "page.html"))


def eir_thread(tmp_path):
    messages = (
        message_html("request", 1, "Jo Bloggs", "2021-02-01T09:00:00+00:00", REQUEST)
        + message_html("response", 2, "Information Team, Testshire Council", "2021-02-02T10:00:00+00:00", ACK)
        + message_html("response", 3, "Information Team, Testshire Council", "2021-02-25T16:30:00+00:00", EIR_REPLY, ATTACHMENT)
    )
    return write_page(tmp_path, page_html(messages, "partially_successful", "The request was partially successful."))


def test_eir_thread_with_answers_in_the_message(tmp_path):
    x = eir_thread(tmp_path)
    assert x.parsed.flavor == "wdtk_request"
    assert x.info.legislation == "EIR 2004"
    assert x.info.outcome == "partially_successful"
    assert x.info.title == "Street trees"
    assert x.info.authority == "Testshire Council"
    assert x.info.reference == "EIR 2021/0457"
    assert (x.info.request_date, x.info.response_date) == ("2021-02-01", "2021-02-25")
    answers = {q.number: q for q in x.qa_pairs}
    assert list(answers) == ["1", "2", "3"]
    assert "412 street trees" in answers["1"].answer and answers["1"].answer_status == "answered"
    assert "97 street trees" in answers["2"].answer
    # Answer offsets are offsets into the thread's text, inside the reply.
    reply = x.messages[2]
    q2 = answers["2"]
    assert x.parsed.text[q2.answer_start : q2.answer_end] == q2.answer
    assert reply.char_start <= q2.answer_start < reply.char_end
    assert answers["3"].answer_status in ("withheld", "partly_withheld")


def test_quoted_sections_and_footers_are_cut_from_a_message(tmp_path):
    x = eir_thread(tmp_path)
    reply = x.messages[2]
    assert reply.text.endswith("Information Team")
    for gone in ("Original Message", "Sent: 01 February", "NOTE: Please do not edit", "show quoted sections"):
        assert gone not in reply.text
        assert gone not in x.parsed.text
    assert "what a waste of time" not in x.parsed.text  # another user's annotation
    assert "Requests like this" not in x.parsed.text and "Make a request" not in x.parsed.text
    (att,) = x.attachments
    assert (att.name, att.size, att.content_type, att.message_seq) == ("Contract.pdf", "1.2M", "application/pdf", 2)
    assert att.url == "https://www.whatdotheyknow.com/request/77/response/2/attach/3/Contract.pdf"
    assert att.html_url == "https://www.whatdotheyknow.com/request/77/response/2/attach/html/3/Contract.pdf.html"


def test_exemptions_are_read_from_the_authority_messages_only(tmp_path, monkeypatch):
    """Each reply is handed to the exemptions reader on its own; the quote's offsets come back in thread terms."""
    seen = []

    def fake_exemptions(doc, qa_pairs):
        seen.append(doc.text)
        m = re.search(r"regulation 12\(5\)\(e\)", doc.text)
        if not m:
            return []
        return [Exemption(legislation="EIR 2004", provision="reg.12(5)(e)", char_start=m.start(), char_end=m.end())]

    monkeypatch.setattr(wdtk_extract, "extract_exemptions", fake_exemptions)
    x = eir_thread(tmp_path)
    assert len(seen) == 2 and not any("Dear Testshire Council" in text for text in seen)
    (e,) = x.exemptions
    assert x.parsed.text[e.char_start : e.char_end] == "regulation 12(5)(e)"
    # Linked to the question whose answer holds it.
    assert e.qa_number == "3"


def test_eir_named_by_the_page(tmp_path):
    """The page says "made this Environmental Information Regulations request", the letters name no regime."""
    messages = message_html("request", 1, "Jo Bloggs", "2021-02-01T09:00:00+00:00", REQUEST)
    html = page_html(messages, "waiting_response", "Currently waiting for a response from Testshire Council.",
                     law="Environmental Information Regulations")
    x = write_page(tmp_path, html)
    assert x.info.legislation == "EIR 2004"
    assert x.info.outcome == "awaiting"


def test_awaiting_thread_has_no_response_date(tmp_path):
    messages = (
        message_html("request", 1, "Jo Bloggs", "2021-02-01T09:00:00+00:00", REQUEST)
        + message_html("response", 2, "Information Team", "2021-02-02T10:00:00+00:00", ACK)
    )
    x = write_page(tmp_path, page_html(
        messages, "waiting_response_very_overdue",
        "Response to this request is long overdue. By law, Testshire Council should normally have responded promptly.",
    ))
    assert x.info.outcome == "awaiting"
    assert x.info.request_date == "2021-02-01"
    assert x.info.response_date is None  # only an acknowledgement so far
    assert all(q.answer is None for q in x.qa_pairs) and len(x.qa_pairs) == 3


def test_outcome_from_the_sentence_when_the_box_has_no_state_class():
    for sentence, outcome in [
        ("The request was partially successful.", "partially_successful"),
        ("Testshire Council did not have the information requested.", "not_held"),
        ("The request is waiting for clarification.", "clarification"),
        ("This request has been withdrawn by the person who made it.", "withdrawn"),
        ("Response to this request is long overdue.", "awaiting"),
        ("The request was refused by Testshire Council.", "refused"),
    ]:
        assert wdtk_extract.thread_outcome({"status_sentence": sentence}) == outcome


def test_page_without_messages(tmp_path):
    """A request whose correspondence is hidden: the header and status only, no messages or dates."""
    html = page_html("", "waiting_clarification", "The request is waiting for clarification.")
    soup = BeautifulSoup(html, "lxml")
    doc = wdtk_parse.parse(soup, html, "hidden.html")
    x = extract(doc)
    assert x.messages == [] and x.qa_pairs == [] and x.attachments == []
    assert x.info.title == "Street trees"
    assert x.info.outcome == "clarification"
    assert (x.info.request_date, x.info.response_date) == (None, None)
    assert x.info.legislation == "FOIA 2000"
    assert x.links["request_url"] == "https://www.whatdotheyknow.com/request/street_trees"


def test_a_request_page_with_every_message_hidden_is_still_read_as_a_thread(tmp_path):
    from pipeline.parse import parse_file

    page = tmp_path / "hidden.html"
    page.write_text(page_html("", "waiting_clarification", "The request is waiting for clarification."))
    doc = parse_file(page, "hidden.html")
    assert doc.flavor == "wdtk_request"
    assert extract(doc).info.kind == "foi_request_thread"
