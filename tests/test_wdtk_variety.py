"""WhatDoTheyKnow pages that differ from the samples: older Alaveteli markup, internal reviews, acknowledgements."""
from __future__ import annotations

from pipeline.extract import extract
from pipeline.parse import parse_file


def read_page(tmp_path, html: str):
    path = tmp_path / "request.html"
    path.write_text(html, encoding="utf-8")
    return extract(parse_file(path, "request.html"))


# --------------------------------------------------------------------------
# Older Alaveteli markup (before about 2016): <h2> headers, no <time>, <p class="attachment">
# --------------------------------------------------------------------------

OLD_PAGE = """<!DOCTYPE html><html><head>
<title>Parking fines income - a Freedom of Information request to Borsetshire County Council - WhatDoTheyKnow</title></head>
<body><div id="header"><a href="/">WhatDoTheyKnow</a></div>
<div id="request_show" class="controller_request"><div id="left_column">
<h1>Parking fines income</h1>
<p class="subtitle"><a href="/user/ann_other">Ann Other</a> made this Freedom of Information request to
 <a href="/body/borsetshire_cc">Borsetshire County Council</a></p>
<div id="request_status"><p>The request was <strong>partially successful</strong>.</p></div>
<div class="outgoing correspondence box" id="outgoing-123">
 <h2>Ann Other<br><br>3 March 2013</h2>
 <div class="correspondence_text"><p>Dear Borsetshire County Council,<br><br>Please could you tell me:<br><br>
 a) the income from parking fines in 2011/12;<br>b) the income from parking fines in 2012/13;<br>
 c) the number of penalty charge notices cancelled on appeal.<br><br>Yours faithfully,<br><br>Ann Other</p></div>
 <p class="event_actions"><a href="/request/parking#outgoing-123" class="link_to_this">Link to this</a></p>
</div>
<div class="incoming correspondence box" id="incoming-456">
 <h2>From: Information Governance<br>Borsetshire County Council<br><br>28 March 2013</h2>
 <div class="correspondence_text">
  <div class="attachments"><hr class="top">
   <p class="attachment"><a href="/request/123/response/456/attach/2/FOI%2012345%20response.pdf">
   <img class="attachment_image" alt="Attachment" src="/images/icon_application_pdf_large.png"></a>
   <strong>FOI 12345 response.pdf</strong><br>
   84K <a href="/request/123/response/456/attach/2/FOI%2012345%20response.pdf">Download</a>
   <a href="/request/123/response/456/attach/html/2/FOI%2012345%20response.pdf.html">View as HTML</a></p>
  <hr class="bottom"></div>
  <p>Our Ref: FOI 12345<br><br>Dear Ms Other,<br><br>Please find attached our response to your request.<br><br>
  Regards<br>Information Governance Team</p>
 </div>
 <p class="event_actions"><a href="/request/parking#incoming-456" class="link_to_this">Link to this</a></p>
</div></div>
<div id="right_column"><h2>Follow this request</h2></div></div><div id="footer">Powered by Alaveteli</div></body></html>"""


def test_older_markup_dates_and_authors_come_from_the_h2_header(tmp_path):
    x = read_page(tmp_path, OLD_PAGE)
    assert x.parsed.flavor == "wdtk_request"
    assert [(m.direction, m.sent_at, m.author) for m in x.messages] == [
        ("request", "2013-03-03", "Ann Other"),
        ("response", "2013-03-28", "Information Governance"),
    ]
    assert (x.info.request_date, x.info.response_date) == ("2013-03-03", "2013-03-28")
    assert x.info.outcome == "partially_successful"
    assert x.info.reference == "FOI 12345"
    assert [q.number for q in x.qa_pairs] == ["a", "b", "c"]
    assert all(q.answer is None and q.answer_status == "unanswered" for q in x.qa_pairs)
    assert "Link to this" not in x.parsed.text and "Follow this request" not in x.parsed.text


def test_older_markup_attachment_paragraphs(tmp_path):
    (att,) = read_page(tmp_path, OLD_PAGE).attachments
    assert (att.name, att.size, att.content_type, att.message_seq) == ("FOI 12345 response.pdf", "84K", "application/pdf", 1)
    assert att.url == "https://www.whatdotheyknow.com/request/123/response/456/attach/2/FOI%2012345%20response.pdf"
    assert att.html_url.endswith("/attach/html/2/FOI%2012345%20response.pdf.html")


def test_header_marked_with_the_from_class():
    """An Alaveteli release marked the author `correspondence__header__from--with-delivery-status`, date link inside."""
    from bs4 import BeautifulSoup

    from pipeline.parse.wdtk import message_header

    block = BeautifulSoup("""<div class="outgoing correspondence" id="outgoing-9"><div class="correspondence__header">
      <div class="correspondence__header__from--with-delivery-status">Ann Other
       <a class="correspondence__header__date" href="#outgoing-9"><time datetime="2018-05-02T10:00:00+01:00">2 May 2018</time></a>
      </div></div></div>""", "lxml").find("div")
    assert message_header(block) == ("Ann Other", "2018-05-02T10:00:00+01:00", "2 May 2018")


# --------------------------------------------------------------------------
# A thread with an acknowledgement, answers in the reply, and an internal review
# --------------------------------------------------------------------------

def message(direction: str, n: int, author: str, when: str, body: str) -> str:
    return f"""
<div class="{'incoming' if direction == 'response' else 'outgoing'} correspondence js-collapsable" id="{direction}-{n}">
  <div class="correspondence__header">
    <span class="correspondence__header__author js-collapsable-trigger">{author}</span>
    <a class="correspondence__header__date" href="/request/taser_use#{direction}-{n}"><time datetime="{when}">{when[:10]}</time></a>
  </div>
  <div class="correspondence_text">{body}</div>
</div>"""


def page(messages: str, state: str, sentence: str) -> str:
    return f"""<!DOCTYPE html><html><head><title>Taser use - a Freedom of Information request to Metropolitan Police
Service (MPS) - WhatDoTheyKnow</title></head><body><div id="request_show" class="controller_request">
 <div class="request-header"><h1>Taser use</h1>
  <p class="request-header__subtitle"><a href="/user/sam">Sam Jones</a> made this Freedom of Information request to
   <a href="/body/met">Metropolitan Police Service (MPS)</a></p>
  <div class="request-status"><div id="request_status" class="request-status-message request-status-message--{state}">
   <p>{sentence}</p></div></div></div>
 <div id="left_column" class="left_column">{messages}</div></div></body></html>"""


MPS = "Metropolitan Police Service (MPS)"
REQUEST = """<p>Dear Metropolitan Police Service (MPS),</p>
<p>Under the Freedom of Information Act 2000 I would like to request the following:</p>
<p>Q1. The number of Taser discharges by MPS officers in each of 2019, 2020 and 2021.</p>
<p>Q2. The number of complaints received about Taser use in the same years.</p>
<p>Q3. Copies of any internal reviews of Taser training carried out since 2019.</p>
<p>Yours faithfully,</p><p>Sam Jones</p>"""
ACKNOWLEDGEMENT = """<p>Dear Sam Jones,</p><p>Freedom of Information Request Reference No: 01/FOI/22/023456</p>
<p>I write in connection with your request for information received by the Metropolitan Police Service (MPS) on
10/01/2022.</p><p>Your request will now be considered in accordance with the Freedom of Information Act 2000.</p>
<p>Yours sincerely</p><p>Information Rights Unit</p>"""
RESPONSE = """<p>Dear Sam Jones,</p><p>Freedom of Information Request Reference No: 01/FOI/22/023456</p>
<p>DECISION</p><p>The MPS does hold some of the information you have requested. Please see below.</p>
<p>Q1. The number of Taser discharges by MPS officers in each of 2019, 2020 and 2021.<br>
There were 312 discharges in 2019, 401 in 2020 and 389 in 2021.</p>
<p>Q2. The number of complaints received about Taser use in the same years.<br>
The MPS received 57 complaints about Taser use over the three years.</p>
<p>Q3. Copies of any internal reviews of Taser training carried out since 2019.<br>
This information is exempt under section 31(1)(a) of the Act (law enforcement). The public interest test has been
considered and favours withholding the information.</p>
<p>Yours sincerely</p><p>Information Rights Unit</p>
<p>From: Sam Jones &lt;request-812345-abcdef12@whatdotheyknow.com&gt;<br>Sent: 09 January 2022 10:15<br>To: FOI Requests<br>
Subject: Freedom of Information request - Taser use</p>
<p>Q1. The number of Taser discharges by MPS officers in each of 2019, 2020 and 2021.</p>"""
REVIEW_REQUEST = """<p>Dear Metropolitan Police Service (MPS),</p>
<p>I am writing to request an internal review of Metropolitan Police Service (MPS)'s handling of my FOI request
'Taser use'. I do not accept that section 31 applies to question 3.</p><p>Yours faithfully,</p><p>Sam Jones</p>"""
REVIEW = """<p>Dear Sam Jones,</p><p>Internal Review Reference No: 01/IR/22/001234</p>
<p>I have now completed the internal review of your request 01/FOI/22/023456. I have decided to uphold the original
decision to withhold the information requested at question 3 under section 31(1)(a).</p>
<p>Yours sincerely</p><p>Review Officer</p>"""


def test_internal_review_repeating_an_exemption_does_not_add_another(tmp_path):
    messages = (
        message("request", 1, "Sam Jones", "2022-01-09T10:15:00+00:00", REQUEST)
        + message("response", 2, MPS, "2022-01-10T11:00:00+00:00", ACKNOWLEDGEMENT)
        + message("response", 3, MPS, "2022-02-04T15:00:00+00:00", RESPONSE)
        + message("request", 4, "Sam Jones", "2022-02-05T09:00:00+00:00", REVIEW_REQUEST)
        + message("response", 5, MPS, "2022-03-01T09:00:00+00:00", REVIEW)
    )
    x = read_page(tmp_path, page(messages, "partially_successful", "The request was partially successful."))
    assert x.info.reference == "01/FOI/22/023456; 01/IR/22/001234"
    answers = {q.number: q for q in x.qa_pairs}
    assert list(answers) == ["1", "2", "3"]
    assert "312 discharges in 2019" in answers["1"].answer and "57 complaints" in answers["2"].answer
    assert answers["3"].answer_status == "withheld"
    assert [(e.provision, e.qa_number) for e in x.exemptions] == [("s.31(1)(a)", "3")]
    assert x.exemptions[0].public_interest_test


def test_an_acknowledgement_that_says_the_request_will_now_be_considered(tmp_path):
    messages = (
        message("request", 1, "Sam Jones", "2022-01-09T10:15:00+00:00", REQUEST)
        + message("response", 2, MPS, "2022-01-10T11:00:00+00:00", ACKNOWLEDGEMENT)
    )
    x = read_page(tmp_path, page(messages, "waiting_response", f"Currently waiting for a response from {MPS}."))
    assert x.info.outcome == "awaiting"
    assert x.info.request_date == "2022-01-09"
    assert x.info.response_date is None


def test_a_reply_quoting_the_request_under_a_wrapped_on_wrote_line(tmp_path):
    """Mail clients wrap "On <date>, <name> <address> wrote:" onto two lines; the quoted request below is cut."""
    reply = """<p>Dear Sam,<br><br>Thank you for your email. We hold no reports of that kind.<br><br>Kind regards<br>FOI Team<br><br>
On Mon, 9 Jan 2022 at 10:15, Sam Jones &lt;<br>request-812345-abcdef12@whatdotheyknow.com&gt; wrote:<br><br>
Dear Metropolitan Police Service (MPS),<br>Q1. The number of Taser discharges by MPS officers.</p>"""
    messages = (
        message("request", 1, "Sam Jones", "2022-01-09T10:15:00+00:00", REQUEST)
        + message("response", 2, MPS, "2022-01-20T11:00:00+00:00", reply)
    )
    x = read_page(tmp_path, page(messages, "not_held", f"{MPS} did not have the information requested."))
    assert x.messages[1].text.endswith("FOI Team")
    assert "wrote:" not in x.parsed.text and x.parsed.text.count("Taser discharges") == 1
    assert x.info.outcome == "not_held" and x.info.response_date == "2022-01-20"
