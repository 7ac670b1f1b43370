"""PDF response letters unlike the samples, built with reportlab the way authorities lay them out.

Letterhead beside a logo, the recipient's address beside a reference/date
column, running footers with the address and "Page n of m", a running header
from page 2, ruled "Question | Response" tables running over pages, bold
question lines with plain answers, bulleted answers, an annex list and a
signature block. Each goes through `parse_file` and `extract`; the assertions
are what an annotator following shared/eval/GOLD.md would record.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.parse import parse_file

pytest.importorskip("reportlab")

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen import canvas as rl_canvas  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    Image, ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle,
)

_BASE = getSampleStyleSheet()["Normal"]
BODY = ParagraphStyle("body", parent=_BASE, fontName="Helvetica", fontSize=10.5, leading=13.5, spaceAfter=7)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=9, leading=11, spaceAfter=0)
CELL = ParagraphStyle("cell", parent=BODY, spaceAfter=3)


def logo(tmp_path: Path) -> Path:
    from PIL import Image as PILImage, ImageDraw

    path = tmp_path / "logo.png"
    image = PILImage.new("RGB", (240, 90), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([5, 5, 85, 85], fill=(0, 80, 150))
    draw.ellipse([100, 20, 150, 70], fill=(0, 150, 80))
    image.save(path)
    return path


def furniture_canvas(footer: list[str], header: str | None):
    """A canvas that draws the footer lines and "Page n of m" on every page, and `header` from page 2 on."""

    class FurnitureCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont("Helvetica", 8)
                for n, line in enumerate(footer):
                    self.drawCentredString(A4[0] / 2, 15 * mm - 10 * n, line)
                self.drawRightString(A4[0] - 20 * mm, 8 * mm, f"Page {self._pageNumber} of {len(self._pages)}")
                if header and self._pageNumber > 1:
                    self.drawString(20 * mm, A4[1] - 12 * mm, header)
                super().showPage()
            super().save()

    return FurnitureCanvas


def build(path: Path, story: list, footer: list[str], header: str | None = None) -> Path:
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=22 * mm, bottomMargin=28 * mm)
    doc.build(story, canvasmaker=furniture_canvas(footer, header))
    return path


def letterhead(tmp_path: Path, sender: list[str], recipient: list[str], refs: list[tuple[str, str]]) -> list:
    """Logo beside the sender's address; the recipient's address beside the reference/date column."""
    head = Table([[Image(str(logo(tmp_path)), width=48 * mm, height=18 * mm), [Paragraph(l, SMALL) for l in sender]]],
                 colWidths=[95 * mm, 75 * mm])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    ref_column = Table([list(r) for r in refs], colWidths=[22 * mm, 45 * mm])
    ref_column.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica", 9.5)]))
    address = Table([[[Paragraph(l, SMALL) for l in recipient], ref_column]], colWidths=[100 * mm, 70 * mm])
    address.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [head, Spacer(1, 10 * mm), address, Spacer(1, 8 * mm)]


def qa_table(rows: list[tuple[str, str | list[str]]], header=("Question", "Response"), split_rows=False) -> Table:
    data = [[Paragraph(f"<b>{header[0]}</b>", CELL), Paragraph(f"<b>{header[1]}</b>", CELL)]]
    for question, answer in rows:
        answers = answer if isinstance(answer, list) else [answer]
        data.append([Paragraph(question, CELL), [Paragraph(a, CELL) for a in answers]])
    table = Table(data, colWidths=[80 * mm, 90 * mm], repeatRows=1, splitInRow=int(split_rows))
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]))
    return table


def closing(name: str, role: str, org: str) -> list:
    return [
        Paragraph("If you are unhappy with the way your request has been handled, you can request an internal "
                  "review by writing to the address above within 40 working days.", BODY),
        Paragraph("If you remain dissatisfied, you can complain to the Information Commissioner's Office, "
                  "Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF.", BODY),
        Paragraph("Yours sincerely,", BODY), Spacer(1, 8 * mm),
        Paragraph(f"<b>{name}</b>", SMALL), Paragraph(role, SMALL), Paragraph(org, SMALL),
    ]


def run(path: Path):
    doc = parse_file(path, path.name)
    return doc, extract(doc)


def statuses(ex) -> list[tuple[str, str]]:
    return [(q.number, q.answer_status) for q in ex.qa_pairs]


# --------------------------------------------------------------------------
# A council's ruled "Question | Response" table running over two pages
# --------------------------------------------------------------------------

COUNCIL_ROWS = [
    ("1. Please provide the name of the contractor responsible for highway maintenance.",
     "Ringway Jacobs Limited holds the Essex Highways contract."),
    ("2. What is the annual value of the contract for each of the last three financial years?",
     ["2021/22: £62.4 million", "2022/23: £64.9 million", "2023/24: £67.1 million"]),
    ("3. How was the contract procured?",
     " ".join(["The contract was awarded following an open tender process advertised on Contracts Finder."] * 6)),
    ("4. Please provide a copy of the contractor's pricing schedule.",
     "This information is withheld under section 43(2) of the Freedom of Information Act 2000 (commercial "
     "interests). We have considered the public interest test and concluded that the public interest in "
     "maintaining the exemption outweighs the public interest in disclosure."),
    ("5. How many potholes were repaired in 2023?", "We do not hold this information in the format requested."),
    ("6. Please provide the names of the officers who manage the contract.",
     "The names of junior officers are personal data and are withheld under section 40(2) of the Act. "
     "The contract is managed by the Director of Highways and Transportation."),
]


def council_letter(tmp_path: Path, rows=COUNCIL_ROWS, header: str | None = None, split_rows=False) -> Path:
    story = letterhead(
        tmp_path,
        ["<b>Information Governance Team</b>", "Essex County Council", "County Hall, Market Road",
         "Chelmsford CM1 1QH", "Email: foi@essex.gov.uk"],
        ["Mr J Bloggs", "By email: request-998877-abcd1234@whatdotheyknow.com"],
        [("Our ref:", "FOI-2024-01234"), ("Your ref:", ""), ("Date:", "12 March 2024")],
    )
    story += [
        Paragraph("Dear Mr Bloggs,", BODY),
        Paragraph("<b>Freedom of Information Act 2000 – Request for Information: Highway Maintenance Contracts</b>", BODY),
        Paragraph("Thank you for your request for information received on 14 February 2024. We have now considered "
                  "your request under the Freedom of Information Act 2000 and our response is set out in the table below.", BODY),
        qa_table(rows, split_rows=split_rows), Spacer(1, 6 * mm),
    ]
    story += closing("Sarah Jones", "Information Governance Officer", "Essex County Council")
    footer = ["Essex County Council, County Hall, Market Road, Chelmsford CM1 1QH", "www.essex.gov.uk"]
    return build(tmp_path / "council.pdf", story, footer, header)


def test_council_letter_with_a_question_response_table_over_two_pages(tmp_path):
    doc, ex = run(council_letter(tmp_path))
    info = ex.info
    assert (info.authority, info.reference, info.request_date, info.response_date, info.legislation) == (
        "Essex County Council", "FOI-2024-01234", "2024-02-14", "2024-03-12", "FOIA 2000")
    assert info.title == "Freedom of Information Act 2000 – Request for Information: Highway Maintenance Contracts"
    assert statuses(ex) == [("1", "answered"), ("2", "answered"), ("3", "answered"), ("4", "withheld"),
                            ("5", "not_held"), ("6", "partly_withheld")]
    assert ex.qa_pairs[1].answer.split() == "2021/22: £62.4 million 2022/23: £64.9 million 2023/24: £67.1 million".split()
    assert ex.qa_pairs[5].page == 2
    assert [(e.provision, e.qa_number, e.public_interest_test) for e in ex.exemptions] == [
        ("s.43(2)", "4", True), ("s.40(2)", "6", False)]
    assert "Page 1 of 2" not in doc.text and "www.essex.gov.uk" not in doc.text
    # One table, its header repeated on page 2 dropped.
    assert [(t.header, t.n_rows) for t in ex.tables] == [(["Question", "Response"], 6)]


# --------------------------------------------------------------------------
# A police letter: bold "Question n:" lines, plain answers, bullets, an annex list
# --------------------------------------------------------------------------

POLICE_QUESTIONS = [
    ("How many drones does the force currently operate?",
     [Paragraph("Greater Manchester Police currently operates 14 drones, deployed as follows:", BODY),
      ListFlowable([ListItem(Paragraph(t, BODY)) for t in
                    ["8 in the Operational Support Unit", "4 in Tactical Aid", "2 held in reserve for training"]],
                   bulletType="bullet")]),
    ("What was the total expenditure on drones in each of the financial years 2021/22, 2022/23 and 2023/24?",
     [Paragraph("The expenditure on drones was £412,000 in 2021/22, £276,500 in 2022/23 and £198,250 in 2023/24.", BODY)]),
    ("Please list the locations of the force's drone bases.",
     [Paragraph("Greater Manchester Police can neither confirm nor deny that it holds any further information relevant "
                "to this question by virtue of Section 31(3) Law Enforcement. Section 31 is a prejudice based qualified "
                "exemption and the public interest test has been conducted; the balance lies in favour of neither "
                "confirming nor denying.", BODY)]),
    ("How many complaints have been received about drone use since 1 January 2022?",
     [Paragraph("No information is held. Complaints are not recorded by category of equipment.", BODY)]),
]


def police_letter(tmp_path: Path) -> Path:
    story = letterhead(
        tmp_path,
        ["Freedom of Information Office", "Greater Manchester Police", "Openshaw Complex, Lawton Street", "Manchester M11 2NS"],
        ["Ms A Requester", "request-1122334-5566aabb@whatdotheyknow.com"],
        [("Reference:", "FOI 2345/24"), ("Date:", "3rd May 2024"), ("Tel:", "0161 856 2500")],
    )
    story += [
        Paragraph("Dear Ms Requester,", BODY),
        Paragraph("<b>Freedom of Information Request Reference No: FOI 2345/24</b>", BODY),
        Paragraph("I write in connection with your request for information which was received by Greater Manchester "
                  "Police on 5th April 2024. I note you seek access to the following information:", BODY),
    ]
    for n, (question, answer) in enumerate(POLICE_QUESTIONS, 1):
        story += [Paragraph(f"<b>Question {n}: {question}</b>", BODY), *answer]
    story += [
        Paragraph("<b>Annexes</b>", BODY),
        Paragraph("Annex A – Drone deployment policy (PDF, 12 pages)", BODY),
        Paragraph("Annex B – Public interest test", BODY),
        Paragraph("Should you have any further enquiries concerning this matter, please write or contact the Freedom "
                  "of Information Office quoting the reference number above.", BODY),
        Paragraph("Yours sincerely,", BODY), Spacer(1, 6 * mm),
        Paragraph("<b>P. Smith</b>", SMALL), Paragraph("Disclosure Officer", SMALL),
    ]
    return build(tmp_path / "police.pdf", story, ["Greater Manchester Police, Openshaw Complex, Lawton Street, Manchester M11 2NS"])


def test_police_letter_with_bold_question_lines_and_an_annex_list(tmp_path):
    doc, ex = run(police_letter(tmp_path))
    info = ex.info
    assert (info.authority, info.reference, info.request_date, info.response_date) == (
        "Greater Manchester Police", "FOI 2345/24", "2024-04-05", "2024-05-03")
    assert statuses(ex) == [("1", "answered"), ("2", "answered"), ("3", "withheld"), ("4", "not_held")]
    # One-line paragraphs: each still its own paragraph, so the bullets stay apart from the lead-in.
    assert ex.qa_pairs[0].answer.split("\n") == [
        "Greater Manchester Police currently operates 14 drones, deployed as follows:",
        "• 8 in the Operational Support Unit", "• 4 in Tactical Aid", "• 2 held in reserve for training"]
    # The last answer ends before the annex list and the closing words.
    assert ex.qa_pairs[3].answer == "No information is held. Complaints are not recorded by category of equipment."
    assert [(e.provision, e.qa_number, e.decision, e.public_interest_test) for e in ex.exemptions] == [
        ("s.31(3)", "3", "neither_confirm_nor_deny", True)]
    assert "\n\nQuestion 2: What was the total expenditure" in doc.text
