"""WhatDoTheyKnow threads and emails, a second pass: every request state, hidden and resent messages, bounces and
automatic replies, newer attachment lists, quoted mail in its other forms, long threads, and .eml charsets, forwards
and the direction of each quoted message."""
from __future__ import annotations

import base64
import quopri

import pytest

from pipeline.extract import extract
from pipeline.extract.wdtk import thread_outcome
from pipeline.parse import parse_file

REQUEST_URL = "https://www.whatdotheyknow.com/request/library_closures"
COUNCIL = "Wessex County Council"


def correspondence(direction: str, n: int, author: str, when: str, body: str, attachments: str = "") -> str:
    """One message as current Alaveteli pages show it (outgoing headers carry the delivery status)."""
    if direction == "request":
        header = f"""<div class="correspondence__header"><div class="correspondence__header__from--with-delivery-status">
          {author} <a class="correspondence__header__date" href="/request/library_closures#outgoing-{n}">
          <time datetime="{when}" title="{when}">{when[:10]}</time></a></div>
          <div class="correspondence__header__delivery-status"><a class="toggle-delivery-log" href="#">Delivered</a></div></div>"""
        classes = "outgoing correspondence"
    else:
        header = f"""<div class="correspondence__header"><span class="correspondence__header__author">{author}</span>
          <a class="correspondence__header__date" href="/request/library_closures#incoming-{n}">
          <time datetime="{when}" title="{when}">{when[:10]}</time></a></div>"""
        classes = "incoming correspondence normal js-collapsable"
    kind = "outgoing" if direction == "request" else "incoming"
    return f"""<div class="{classes}" id="{kind}-{n}">{header}
  <div class="correspondence_text">{attachments}{body}</div>
  <div class="correspondence__footer"><div class="correspondence__footer__cplink">
   <input class="cplink__field" type="text" value="{REQUEST_URL}#{kind}-{n}"><button class="cplink__button">Link to this</button>
  </div></div></div>"""


def annotation(n: int, text: str) -> str:
    return f"""<div class="comment_in_request box" id="comment-{n}"><div class="comment_content">
  <h2><a href="/user/busybody">A Busybody</a> left an annotation (3 March 2021)</h2>
  <div class="comment_in_request_text"><p>{text}</p></div></div></div>"""


def request_page(messages: str, state: str | None, sentence: str, subtitle: bool = True) -> str:
    status_class = f" request-status-message--{state}" if state else ""
    byline = (f"""<p class="request-header__subtitle"><a href="/user/kim_lee">Kim Lee</a> made this Freedom of Information
     request to <a href="/body/wessex_cc">{COUNCIL}</a></p>""" if subtitle else "")
    return f"""<!DOCTYPE html><html><head>
<title>Library closures - a Freedom of Information request to {COUNCIL} - WhatDoTheyKnow</title>
<link rel="canonical" href="{REQUEST_URL}"></head><body>
<div class="entirebody"><div id="banner"><ul id="navigation"><li><a href="/select_authority">Make a request</a></li></ul></div>
<div id="request_show" class="controller_request"><div class="request-header"><h1>Library closures</h1>{byline}
 <div class="request-status"><div id="request_status" class="request-status-message{status_class}">
  <p>{sentence}</p></div></div></div>
 <div id="left_column" class="left_column">{messages}</div>
 <div id="right_column" class="sidebar right_column"><h2>Follow this request</h2></div></div></div></body></html>"""


def read_page(tmp_path, html: str):
    path = tmp_path / "request.html"
    path.write_text(html, encoding="utf-8")
    return extract(parse_file(path, "request.html"))


REQUEST = """<p>Dear Wessex County Council,</p><p>Please provide:</p>
<p>1. The list of libraries closed since 2015.</p><p>2. The savings each closure made.</p>
<p>Yours faithfully,</p><p>Kim Lee</p>"""
ANSWER = """<p>Our ref: FOI/21/0457</p><p>Dear Kim Lee,</p>
<p>1. The list of libraries closed since 2015.<br>Four libraries closed: Ashby, Barton, Coombe and Dunsford.</p>
<p>2. The savings each closure made.<br>The closures saved £412,000 a year in total.</p>
<p>Yours sincerely,<br>Information Governance Team</p>"""
FIRST = correspondence("request", 1, "Kim Lee", "2021-02-01T09:00:00+00:00", REQUEST)


# --------------------------------------------------------------------------
# Every state a request can be in
# --------------------------------------------------------------------------

# (Alaveteli state, the status sentence current pages show, the outcome)
STATES = [
    ("successful", "The request was <strong>successful</strong>.", "successful"),
    ("partially_successful", "The request was <strong>partially successful</strong>.", "partially_successful"),
    ("not_held", f'<a href="/body/wessex_cc">{COUNCIL}</a> <strong>did not have</strong> the information requested.', "not_held"),
    ("rejected", f"The request was <strong>refused</strong> by {COUNCIL}.", "refused"),
    ("waiting_response", f"Currently <strong>waiting for a response</strong> from {COUNCIL}, they should respond "
                         "promptly and normally no later than <strong>1 March 2021</strong> (details).", "awaiting"),
    ("waiting_response_overdue", "Response to this request is <strong>delayed</strong>. By law, the authority should "
                                 "normally have responded <strong>promptly</strong> and by <strong>1 March 2021</strong>",
     "awaiting"),
    ("waiting_response_very_overdue", "Response to this request is <strong>long overdue</strong>. By law, under all "
                                      "circumstances, the authority should have responded by now.", "awaiting"),
    ("internal_review", f"Waiting for an <strong>internal review</strong> by {COUNCIL} of their handling of this request.",
     "awaiting"),
    ("waiting_clarification", "The request is <strong>waiting for clarification</strong>.", "clarification"),
    ("user_withdrawn", "This request has been <strong>withdrawn</strong> by the person who made it. There may be an "
                       "explanation in the correspondence below.", "withdrawn"),
    ("waiting_classification", "This request has an <strong>unknown status</strong>. We're waiting for someone to read "
                               "a recent response and update the status accordingly.", "awaiting"),
    # Nothing here says what the authority decided.
    ("gone_postal", "The authority would like to / has <strong>responded by postal mail</strong> to this request.", None),
    ("not_foi", "This request has been reviewed by an administrator and is considered not to be an FOI request", None),
    ("vexatious", "This request has been reviewed by an administrator and is considered to be vexatious", None),
    ("error_message", "There was a <strong>delivery error</strong> or similar, which needs fixing by the "
                      "WhatDoTheyKnow team.", None),
    ("requires_admin", "This request has had an unusual response, and <strong>requires attention</strong> from the "
                       "WhatDoTheyKnow team.", None),
    ("attention_requested", "This request has been <strong>reported</strong> as needing administrator attention.", None),
]


@pytest.mark.parametrize("state, sentence, outcome", STATES, ids=[s[0] for s in STATES])
def test_every_request_state_from_the_status_box(tmp_path, state, sentence, outcome):
    x = read_page(tmp_path, request_page(FIRST, state, sentence))
    assert x.info.outcome == outcome
    assert x.info.kind == "foi_request_thread"


@pytest.mark.parametrize("state, sentence, outcome", STATES, ids=[s[0] for s in STATES])
def test_every_request_state_from_the_sentence_alone(state, sentence, outcome):
    """Older pages' status boxes carry no state class: the sentence decides."""
    plain = sentence.replace("<strong>", "").replace("</strong>", "")
    assert thread_outcome({"status_sentence": plain}) == outcome


def test_a_state_without_an_outcome_is_not_read_from_its_sentence():
    """A known state that says nothing of the decision stays NULL, whatever words its box holds."""
    meta = {"status": "gone_postal", "status_sentence": "The authority has responded by post; we are awaiting a copy."}
    assert thread_outcome(meta) is None
    assert thread_outcome({"status": "a_state_from_a_newer_alaveteli", "status_sentence": "Something new."}) is None


# --------------------------------------------------------------------------
# Messages: hidden, resent, bounced, automatic, reviews, annotations
# --------------------------------------------------------------------------

HIDDEN = """<div class="{kind} correspondence box hidden" id="{kind}-{n}">
<p id="hidden_message" class="hidden_message">This message has been hidden. It contained the requester's home address.
Please <a href="/help/contact">contact us</a> if you have any questions.</p></div>"""
RESENT = f"""<div class="outgoing correspondence box" id="outgoing-3"><h2>4 February 2021</h2>
<p class="event_plain">Sent request to <a href="/body/wessex_cc">{COUNCIL}</a> again, using a new contact address.</p></div>"""
BOUNCE = """<p>This is the mail system at host mx1.mysociety.org.</p>
<p>I'm sorry to have to inform you that your message could not be delivered to one or more recipients.</p>
<p>&lt;foi@wessex.gov.uk&gt;: host mail.wessex.gov.uk[192.0.2.1] said: 550 5.1.1 User unknown</p>"""
AUTO_REPLY = """<p>Thank you for your email. This is an automated response to confirm that it has reached the
Information Governance Team.</p>"""
REVIEW_REQUEST = f"""<p>Dear {COUNCIL},</p><p>Please pass this on to the person who conducts Freedom of Information
reviews.</p><p>I am writing to request an internal review of {COUNCIL}'s handling of my FOI request 'Library closures'.</p>
<p>Yours faithfully,</p><p>Kim Lee</p>"""


def test_a_hidden_message_keeps_its_place_and_direction_but_no_text(tmp_path):
    messages = (FIRST + HIDDEN.format(kind="incoming", n=2)
                + correspondence("response", 4, COUNCIL, "2021-02-20T10:00:00+00:00", ANSWER))
    x = read_page(tmp_path, request_page(messages, "successful", "The request was successful."))
    assert [(m.direction, m.sent_at and m.sent_at[:10]) for m in x.messages] == [
        ("request", "2021-02-01"), ("response", None), ("response", "2021-02-20")]
    assert x.messages[1].text == "" and x.messages[1].author is None
    assert "This message has been hidden" not in x.parsed.text and "contact us" not in x.parsed.text
    assert x.info.response_date == "2021-02-20"


def test_an_erased_or_concealed_body_leaves_no_site_notice_in_the_text(tmp_path):
    """Alaveteli puts its own notice where an administrator erased or concealed a message's body."""
    erased = '<div id="incoming_message_2">This message has been erased.</div>'
    concealed = ('<p class="hidden_attachment">This attachment has been hidden. It contained personal data. Please '
                 '<a href="/help/contact">contact us</a> if you have any questions.</p>')
    messages = (FIRST + correspondence("response", 2, COUNCIL, "2021-02-10T10:00:00+00:00", erased)
                + correspondence("response", 3, COUNCIL, "2021-02-20T10:00:00+00:00", concealed + ANSWER))
    x = read_page(tmp_path, request_page(messages, "successful", "The request was successful."))
    assert x.messages[1].text == ""
    assert x.messages[2].text.startswith("Our ref: FOI/21/0457\n\nDear Kim Lee,")
    assert "has been erased" not in x.parsed.text and "has been hidden" not in x.parsed.text


def test_the_request_date_is_the_first_request_even_when_an_administrator_hid_it(tmp_path):
    """A hidden first request has no date on the page; a later follow-up's date is not the request's."""
    followup = "<p>Dear Wessex County Council,</p><p>Could you tell me when I can expect a reply?</p><p>Kim Lee</p>"
    messages = (HIDDEN.format(kind="outgoing", n=1)
                + correspondence("request", 2, "Kim Lee", "2021-03-05T09:00:00+00:00", followup))
    x = read_page(tmp_path, request_page(messages, "waiting_response_overdue", "Response to this request is delayed."))
    assert [m.direction for m in x.messages] == ["request", "request"]
    assert x.info.request_date is None


def test_a_resend_is_an_event_not_a_message(tmp_path):
    messages = FIRST + RESENT + correspondence("response", 4, COUNCIL, "2021-02-20T10:00:00+00:00", ANSWER)
    x = read_page(tmp_path, request_page(messages, "successful", "The request was successful."))
    assert [m.direction for m in x.messages] == ["request", "response"]
    assert "again, using a new contact address" not in x.parsed.text and "4 February 2021" not in x.parsed.text


def test_bounces_and_automatic_replies_are_not_the_response(tmp_path):
    messages = (FIRST
                + correspondence("response", 2, COUNCIL, "2021-02-01T09:05:00+00:00", AUTO_REPLY)
                + correspondence("response", 3, "Mail Delivery System", "2021-02-02T09:00:00+00:00", BOUNCE))
    x = read_page(tmp_path, request_page(messages, "error_message", "There was a delivery error or similar."))
    assert [m.direction for m in x.messages] == ["request", "response", "response"]
    assert x.info.response_date is None
    assert x.info.outcome is None


def test_a_bounce_is_known_by_its_words_whoever_the_page_names(tmp_path):
    bounce = "<p>Delivery has failed to these recipients or groups:</p><p>foi@wessex.gov.uk</p>"
    messages = (FIRST + correspondence("response", 2, COUNCIL, "2021-02-20T10:00:00+00:00", ANSWER)
                + correspondence("request", 3, "Kim Lee", "2021-02-21T10:00:00+00:00", "<p>Thank you.</p>")
                + correspondence("response", 4, COUNCIL, "2021-02-21T10:01:00+00:00", bounce))
    x = read_page(tmp_path, request_page(messages, "successful", "The request was successful."))
    assert x.info.response_date == "2021-02-20"


def test_internal_review_thread_with_annotations(tmp_path):
    review = """<p>Our ref: IR/21/0031</p><p>Dear Kim Lee,</p><p>I have completed the internal review of your request
FOI/21/0457 and I uphold the original response.</p><p>Yours sincerely,<br>Head of Information Governance</p>"""
    messages = (FIRST + annotation(1, "I asked the same thing last year and got nowhere.")
                + correspondence("response", 2, COUNCIL, "2021-02-20T10:00:00+00:00", ANSWER)
                + correspondence("request", 3, "Kim Lee", "2021-02-25T08:00:00+00:00", REVIEW_REQUEST)
                + annotation(2, "Good luck with the review!")
                + correspondence("response", 4, COUNCIL, "2021-03-20T16:00:00+00:00", review))
    x = read_page(tmp_path, request_page(messages, "successful", "The request was successful."))
    assert [m.direction for m in x.messages] == ["request", "response", "request", "response"]
    assert (x.info.request_date, x.info.response_date) == ("2021-02-01", "2021-03-20")
    assert x.info.reference == "FOI/21/0457; IR/21/0031"
    assert "internal review" in x.messages[2].text
    assert "got nowhere" not in x.parsed.text and "Good luck" not in x.parsed.text
    # the questions are those of the first request, answered in the authority's reply
    assert [(q.number, q.answer_status) for q in x.qa_pairs] == [("1", "answered"), ("2", "answered")]


def test_a_long_thread_keeps_every_message_in_order(tmp_path):
    chase = "<p>Dear Wessex County Council,</p><p>I am still waiting for a reply to my request number {n}.</p><p>Kim Lee</p>"
    holding = "<p>Dear Kim Lee,</p><p>We apologise for the delay; your request is still with the service (note {n}).</p>"
    messages = [FIRST]
    for n in range(2, 122):
        day = f"2021-{2 + n // 28:02d}-{1 + n % 28:02d}T10:00:00+00:00"
        if n % 2:
            messages.append(correspondence("response", n, COUNCIL, day, holding.format(n=n)))
        else:
            messages.append(correspondence("request", n, "Kim Lee", day, chase.format(n=n)))
        if n % 25 == 0:
            messages.append(annotation(n, "Another annotation that is not part of the thread."))
    x = read_page(tmp_path, request_page("".join(messages), "waiting_response_very_overdue", "Response is long overdue."))
    assert len(x.messages) == 121
    assert [m.seq for m in x.messages] == list(range(121))
    assert [m.direction for m in x.messages[:4]] == ["request", "request", "response", "request"]
    assert all(f"(note {n})" in x.messages[n - 1].text for n in range(3, 122, 2))
    for m in x.messages:
        assert m.text in x.parsed.text[m.char_start:m.char_end]
    assert "Another annotation" not in x.parsed.text


# --------------------------------------------------------------------------
# Attachments in the newer list markup
# --------------------------------------------------------------------------

ATTACHMENTS = """<div class="attachments"><div class="attachments__header"><h3>4 Attachments</h3></div>
<ul class="list-of-attachments">
 <li class="attachment" id="foi_attachment_11">
  <a href="/request/library_closures/response/2/attach/2/FOI%2021%200457%20response.pdf?cookie_passthrough=1">
   <img class="attachment__image" alt="Attachment" src="/assets/content_type/icon_application_pdf_large-1a2b.png"></a>
  <p class="attachment__name">FOI 21 0457 response.pdf</p>
  <p class="attachment__meta">245K
   <a href="/request/library_closures/response/2/attach/html/2/FOI%2021%200457%20response.pdf.html">View</a>
   <a href="/request/library_closures/response/2/attach/2/FOI%2021%200457%20response.pdf?cookie_passthrough=1">Download</a></p>
 </li>
 <li class="attachment" id="foi_attachment_12">
  <a href="/request/library_closures/response/2/attach/3/Savings.xlsx?cookie_passthrough=1">
   <img class="attachment__image" alt="Attachment"
    src="/assets/content_type/icon_application_vnd.openxmlformats-officedocument.spreadsheetml.sheet_large-9f.png"></a>
  <p class="attachment__name">Savings.xlsx</p>
  <p class="attachment__meta">12K
   <a href="/request/library_closures/response/2/attach/html/3/Savings.xlsx.html">View</a>
   <a href="/request/library_closures/response/2/attach/3/Savings.xlsx?cookie_passthrough=1">Download</a>
   <a href="https://datasette.mysociety.org/?url=https://www.whatdotheyknow.com/request/library_closures/response/2/attach/9/Other.xlsx">Explore in Datasette</a></p>
 </li>
 <li class="attachment" id="foi_attachment_13"><img class="attachment__image" src="/assets/content_type/icon_unknown.png">
  <span class="hidden_attachment">This attachment has been hidden. Please contact us if you have any questions.</span></li>
 <li class="attachment" id="foi_attachment_14"><p class="attachment__name">Old minutes.doc</p>
  <p class="attachment__meta"><em>This file has been erased.</em></p></li>
</ul></div>"""


def test_attachments_original_and_html_version_in_the_newer_list(tmp_path):
    cover = "<p>Dear Kim Lee,</p><p>Please find attached our response.</p><p>Information Governance Team</p>"
    messages = FIRST + correspondence("response", 2, COUNCIL, "2021-02-20T10:00:00+00:00", cover, ATTACHMENTS)
    x = read_page(tmp_path, request_page(messages, "successful", "The request was successful."))
    base = "https://www.whatdotheyknow.com/request/library_closures/response/2/attach"
    assert [(a.name, a.message_seq, a.url, a.html_url, a.size, a.content_type) for a in x.attachments] == [
        ("FOI 21 0457 response.pdf", 1, f"{base}/2/FOI%2021%200457%20response.pdf",
         f"{base}/html/2/FOI%2021%200457%20response.pdf.html", "245K", "application/pdf"),
        ("Savings.xlsx", 1, f"{base}/3/Savings.xlsx", f"{base}/html/3/Savings.xlsx.html", "12K",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("Old minutes.doc", 1, None, None, None, "application/msword"),
    ]
    assert x.messages[1].text == "Dear Kim Lee,\n\nPlease find attached our response.\n\nInformation Governance Team"
    assert "This attachment has been hidden" not in x.parsed.text
    assert x.info.response_date == "2021-02-20"  # an attached letter makes a short cover note the response


# --------------------------------------------------------------------------
# Quoted earlier mail in its other forms
# --------------------------------------------------------------------------

QUOTES = {
    "asterisk-marked Outlook header": "<p>*From:* Kim Lee &lt;request-7001-ab12cd34@whatdotheyknow.com&gt;<br>"
                                      "*Sent:* 01 February 2021 09:00<br>*To:* FOI<br>*Subject:* Library closures</p>",
    "Outlook header on one line": "<p>From: Kim Lee [mailto:request-7001-ab12cd34@whatdotheyknow.com] Sent: 01 February "
                                  "2021 09:00 To: FOI Subject: Library closures</p>",
    "Apple Mail forward": "<p>Begin forwarded message:</p><p>From: Kim Lee<br>Date: 1 February 2021 at 09:00:00 GMT</p>",
    "name and address wrote": "<p>Kim Lee &lt;request-7001-ab12cd34@whatdotheyknow.com&gt; wrote:</p>",
}


@pytest.mark.parametrize("quote", list(QUOTES.values()), ids=list(QUOTES))
def test_quoted_earlier_mail_is_folded_out(tmp_path, quote):
    quoted_request = "<p>Dear Wessex County Council,</p><p>1. The list of libraries closed since 2015. Our ref: OLD-9999</p>"
    messages = FIRST + correspondence("response", 2, COUNCIL, "2021-02-20T10:00:00+00:00", ANSWER + quote + quoted_request)
    x = read_page(tmp_path, request_page(messages, "successful", "The request was successful."))
    assert x.messages[1].text.endswith("Information Governance Team")
    assert x.parsed.text.count("The list of libraries closed since 2015") == 2  # asked once, restated once in the answer
    assert x.info.reference == "FOI/21/0457"  # not the one in the quoted mail


def test_authority_from_the_page_title_when_the_byline_has_no_link(tmp_path):
    x = read_page(tmp_path, request_page(FIRST, "waiting_response", "Currently waiting for a response.", subtitle=False))
    assert x.info.authority == COUNCIL
    assert x.info.title == "Library closures"


# --------------------------------------------------------------------------
# Emails (.eml)
# --------------------------------------------------------------------------

def eml(tmp_path, headers: str, body: bytes, name: str = "reply.eml"):
    path = tmp_path / name
    path.write_bytes(headers.replace("\n", "\r\n").encode("ascii") + b"\r\n" + body)
    return extract(parse_file(path, name))


HEADERS = """From: Information Governance <foi@wessex.gov.uk>
To: Kim Lee <kim.lee@example.org>
Subject: RE: Library closures
Date: Thu, 25 Feb 2021 10:00:00 +0000
MIME-Version: 1.0
"""


def test_windows_1252_labelled_latin_1(tmp_path):
    body = "Dear Ms Lee,\r\n\r\nWe don\x92t hold a list \x96 the libraries were transferred. Fees: \x80120.\r\n".encode("latin-1")
    x = eml(tmp_path, HEADERS + "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n", body)
    assert "We don’t hold a list – the libraries were transferred. Fees: €120." in x.parsed.text
    assert x.messages[0].text.startswith("Dear Ms Lee,")


def test_utf8_mislabelled_windows_1252(tmp_path):
    body = "Dear Ms Lee,\n\nWe don’t hold a list – sorry.\n".encode("utf-8")
    x = eml(tmp_path, HEADERS + "Content-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: 8bit\n", body)
    assert "We don’t hold a list – sorry." in x.parsed.text and "â€" not in x.parsed.text


def test_base64_body_under_an_unknown_charset(tmp_path):
    body = base64.encodebytes("Dear Ms Lee,\n\nWe don’t hold it.\n".encode("utf-8"))
    x = eml(tmp_path, HEADERS + "Content-Type: text/plain; charset=x-unknown\nContent-Transfer-Encoding: base64\n", body)
    assert "We don’t hold it." in x.parsed.text


def test_html_only_multipart_quoted_printable_with_an_outlook_header_block(tmp_path):
    html = """<html><body><p>Dear Ms Lee,</p><p>Four libraries closed \u2013 see the attached list.</p>
<p>Regards<br>Information Governance</p>
<div style="border:none;border-top:solid #E1E1E1 1.0pt"><p><b>From:</b> Kim Lee &lt;kim.lee@example.org&gt;<br>
<b>Sent:</b> 01 February 2021 09:00<br><b>To:</b> FOI &lt;foi@wessex.gov.uk&gt;<br><b>Subject:</b> Library closures</p></div>
<p>Dear Wessex County Council,</p><p>Please tell me which libraries you have closed since 2015.</p></body></html>"""
    body = (b"--B1\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + quopri.encodestring(html.encode("utf-8")) + b"\r\n--B1\r\nContent-Type: application/pdf\r\n"
            b"Content-Disposition: attachment; filename=\"Closures.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + base64.encodebytes(b"%PDF-1.4 list") + b"--B1--\r\n")
    x = eml(tmp_path, HEADERS + 'Content-Type: multipart/mixed; boundary="B1"\n', body)
    assert [(m.direction, m.author, m.sent_at[:10]) for m in x.messages] == [
        ("request", "Kim Lee", "2021-02-01"), ("response", "Information Governance", "2021-02-25")]
    assert x.messages[0].text == "Dear Wessex County Council,\nPlease tell me which libraries you have closed since 2015."
    assert x.messages[1].text.endswith("Regards\nInformation Governance")
    assert "Four libraries closed – see" in x.messages[1].text and "=E2" not in x.parsed.text
    assert [(a.name, a.message_seq) for a in x.attachments] == [("Closures.pdf", 1)]


FORWARDED = """Sam, the council's answer is below.

---------- Forwarded message ---------
From: Information Governance <foi@wessex.gov.uk>
Date: Thu, 25 Feb 2021 at 10:00
Subject: RE: Library closures
To: Kim Lee <kim.lee@example.org>


Dear Ms Lee,

Four libraries closed since 2015.

Regards
Information Governance

From: Kim Lee [mailto:kim.lee@example.org]
Sent: Monday, February 1, 2021 9:00 AM
To: FOI <foi@wessex.gov.uk>
Subject: Library closures

Dear Wessex County Council,

I would like to request the following information:
1. Which libraries have you closed since 2015?
"""


def test_a_forwarded_chain_is_cut_into_its_messages_with_their_senders(tmp_path):
    headers = """From: Kim Lee <kim.lee@example.org>
To: Sam Ray <sam@example.org>
Subject: Fwd: RE: Library closures
Date: Fri, 26 Feb 2021 08:00:00 +0000
Content-Type: text/plain; charset=utf-8
"""
    x = eml(tmp_path, headers, FORWARDED.encode("utf-8"), "fwd.eml")
    assert [(m.direction, m.author, m.sent_at[:10]) for m in x.messages] == [
        ("request", "Kim Lee", "2021-02-01"),
        ("response", "Information Governance", "2021-02-25"),
        ("request", "Kim Lee", "2021-02-26"),  # the same person as the request's sender
    ]
    # each message's text is its letter: no separator, no header block
    assert x.messages[1].text == "Dear Ms Lee,\n\nFour libraries closed since 2015.\n\nRegards\nInformation Governance"
    assert x.messages[0].text.startswith("Dear Wessex County Council,")
    assert x.messages[2].text == "Sam, the council's answer is below."


def test_the_other_side_of_a_two_person_exchange_is_the_requester(tmp_path):
    """No words say "request", but the reply comes from an authority's domain, so the one it quotes is the requester."""
    body = """Dear Ms Lee,

Four libraries closed since 2015.

*From:* Kim Lee <kim.lee@example.org>
*Sent:* 01 February 2021 09:00
*To:* Information Governance
*Subject:* Library closures

Dear Wessex County Council,
Which libraries have you closed since 2015?
""".encode("utf-8")
    x = eml(tmp_path, HEADERS + "Content-Type: text/plain; charset=utf-8\n", body)
    assert [(m.direction, m.author) for m in x.messages] == [("request", "Kim Lee"), ("response", "Information Governance")]
    assert x.messages[0].text == "Dear Wessex County Council,\nWhich libraries have you closed since 2015?"


def test_quoted_senders_without_an_address_keep_their_whole_name(tmp_path):
    body = """Thank you, that answers my question.

-----Original Message-----
From: Information Governance Team
Sent: 25 February 2021 10:00
To: Kim Lee
Subject: RE: Library closures

Dear Ms Lee, four libraries closed.
""".encode("utf-8")
    headers = HEADERS.replace("From: Information Governance <foi@wessex.gov.uk>", "From: Kim Lee <request-7001-ab12cd34@whatdotheyknow.com>")
    x = eml(tmp_path, headers + "Content-Type: text/plain; charset=utf-8\n", body)
    assert [(m.direction, m.author, m.sent_at[:10]) for m in x.messages] == [
        ("response", "Information Governance Team", "2021-02-25"), ("request", "Kim Lee", "2021-02-25")]


def test_an_outlook_header_run_onto_one_line_in_an_email(tmp_path):
    body = """Dear Ms Lee,

Four libraries closed since 2015.

From: Kim Lee [mailto:kim.lee@example.org] Sent: 01 February 2021 09:00 To: FOI Subject: Library closures

I would like to request the list of libraries closed since 2015.
""".encode("utf-8")
    x = eml(tmp_path, HEADERS + "Content-Type: text/plain; charset=utf-8\n", body)
    assert [(m.direction, m.author, m.sent_at[:10], m.subject) for m in x.messages] == [
        ("request", "Kim Lee", "2021-02-01", "Library closures"),
        ("response", "Information Governance", "2021-02-25", "RE: Library closures")]
    assert x.messages[1].text == "Dear Ms Lee,\n\nFour libraries closed since 2015."


def test_a_follow_up_quoting_the_authority_under_an_on_wrote_line(tmp_path):
    """The quoted sender's address is an authority's domain, so the follow-up above it is the requester's."""
    headers = """From: Kim Lee <kim.lee@example.org>
To: FOI <foi@wessex.gov.uk>
Subject: Re: Library closures
Date: Fri, 26 Feb 2021 08:00:00 +0000
Content-Type: text/plain; charset=utf-8
"""
    body = b"""Thanks, but you have not answered part 2.

On Thu, 25 Feb 2021 at 10:00, Information Governance <foi@wessex.gov.uk> wrote:
> Dear Ms Lee,
> Four libraries closed.
"""
    x = eml(tmp_path, headers, body)
    assert [(m.direction, m.author, m.sent_at[:10], m.text) for m in x.messages] == [
        ("response", "Information Governance", "2021-02-25", "Dear Ms Lee,\nFour libraries closed."),
        ("request", "Kim Lee", "2021-02-26", "Thanks, but you have not answered part 2."),
    ]


def test_dates_as_the_page_writes_them_when_time_has_no_datetime(tmp_path):
    """A saved or re-rendered page may keep <time> without its datetime attribute: "12 June 2020" is still the date."""
    first = correspondence("request", 1, "Kim Lee", "2020-06-12T09:00:00+01:00", REQUEST).replace(
        'datetime="2020-06-12T09:00:00+01:00" ', "").replace(">2020-06-12<", ">12 June 2020<")
    reply = correspondence("response", 2, COUNCIL, "2020-07-03T10:00:00+01:00", ANSWER).replace(
        'datetime="2020-07-03T10:00:00+01:00" ', "").replace(">2020-07-03<", ">3rd July 2020<")
    x = read_page(tmp_path, request_page(first + reply, "successful", "The request was successful."))
    assert [m.sent_at for m in x.messages] == ["2020-06-12", "2020-07-03"]
    assert (x.info.request_date, x.info.response_date) == ("2020-06-12", "2020-07-03")
