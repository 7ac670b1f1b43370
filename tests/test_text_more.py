"""Text renderings of FOI letters read as well as the PDFs they came from.

Letters are built as PDFs with reportlab (the Ministry of Justice seed letter
of test_renderings, a council letter of test_pdf_variety with a letterhead
printed side by side, a ruled "Question | Response" table over two pages and a
running footer with "Page n of m"), turned into text by poppler's `pdftotext`
in its three modes inside the test, and compared with what the PDF itself
gives. Then the other ways people save letters as text: Word and Notepad
encodings and line ends, soft hyphens and ligatures, Markdown, binary junk,
huge files.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.errors import DocumentError
from pipeline.extract import extract
from pipeline.extract.tables import extract_tables
from pipeline.parse import parse_file, text as text_parser
from test_pdf_variety import council_letter
from test_renderings import STATED_ANSWERS, contains_words, render_pdf, words

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="poppler's pdftotext is not installed: no text rendering to compare")
MODES = {"default": [], "layout": ["-layout"], "raw": ["-raw"]}


def pdftotext(pdf: Path, mode: str) -> Path:
    out = pdf.with_name(f"{pdf.stem}-{mode}.txt")
    subprocess.run(["pdftotext", *MODES[mode], str(pdf), str(out)], check=True)
    return out


def run(path: Path):
    return extract(parse_file(path, path.name))


def pairs(extraction) -> list[tuple[str, list[str], list[str], str]]:
    return [(q.number, words(q.question), words(q.answer), q.answer_status) for q in extraction.qa_pairs]


def exemptions(extraction) -> list[tuple[str, str | None, bool]]:
    return [(e.provision, e.qa_number, e.public_interest_test) for e in extraction.exemptions]


# --------------------------------------------------------------------------
# pdftotext renderings compared with the PDF
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def moj(tmp_path_factory):
    pdf = render_pdf(tmp_path_factory.mktemp("moj") / "moj-200612017.pdf")
    return pdf, run(pdf)


@needs_pdftotext
@pytest.mark.parametrize("mode", MODES)
def test_moj_letter_in_every_pdftotext_mode_gives_the_pdfs_questions_answers_and_exemption(moj, mode):
    pdf, from_pdf = moj
    from_text = run(pdftotext(pdf, mode))
    assert pairs(from_text) == pairs(from_pdf)
    for pair in from_text.qa_pairs:
        assert contains_words(pair.answer, STATED_ANSWERS[pair.number])
    assert exemptions(from_text) == exemptions(from_pdf) == [("s.22(1)", "3", True)]
    s22 = from_text.exemptions[0]
    assert (len(s22.factors_for_disclosure), len(s22.factors_for_withholding)) == (1, 2)


@needs_pdftotext
@pytest.mark.parametrize("mode", MODES)
def test_running_footer_of_every_page_is_kept_aside_as_the_pdf_parser_does(moj, mode):
    pdf, from_pdf = moj
    doc = parse_file(pdftotext(pdf, mode), "moj.txt")
    assert doc.pages == from_pdf.parsed.pages == 4
    assert doc.meta["page_furniture"] == from_pdf.parsed.meta["page_furniture"]
    assert "Disclosure Team - Page" not in doc.text
    # Each page starts where its first line starts; the answer to question 4 runs on over the page break.
    assert [doc.page_of(start) for start in doc.meta["page_starts"]] == [1, 2, 3, 4]
    assert "successfully completed all necessary sessions" in " ".join(doc.text.split())


@needs_pdftotext
@pytest.mark.parametrize("mode", ["default", "layout"])
def test_completions_table_from_pdftotext(moj, mode):
    """The ruled table comes back as the table reader finds it in each rendering: one value per line
    (default) or columns aligned with spaces (-layout). `-raw` joins each row with single spaces, which
    the table reader does not split under a two-word header."""
    pdf, _ = moj
    (table,) = run(pdftotext(pdf, mode)).tables
    assert (table.method, table.n_rows, table.total_check) == (
        {"default": "linearised", "layout": "text_layout"}[mode], 9, "ok")
    assert [c.number for c in table.cells if c.is_total and c.number is not None] == [180]


@pytest.fixture(scope="module")
def council(tmp_path_factory):
    pdf = council_letter(tmp_path_factory.mktemp("council"))
    return pdf, run(pdf)


@needs_pdftotext
def test_layout_rendering_of_a_question_response_table_gives_the_pdfs_pairs(council):
    """-layout prints the two columns of the ruled table side by side, each cell wrapped on several lines:
    read row by row, the questions and answers are the PDF's, and the footer is not in the last answer."""
    pdf, from_pdf = council
    from_text = run(pdftotext(pdf, "layout"))
    assert pairs(from_text) == pairs(from_pdf)
    assert [q.answer_status for q in from_text.qa_pairs] == [
        "answered", "answered", "answered", "withheld", "not_held", "partly_withheld"]
    assert exemptions(from_text) == exemptions(from_pdf) == [("s.43(2)", "4", True), ("s.40(2)", "6", False)]
    assert [(t.n_rows, t.n_cols, t.title) for t in from_text.tables] == [
        (t.n_rows, t.n_cols, t.title) for t in from_pdf.tables] == [(6, 2, "Question / Response")]
    grids = [t for t in from_text.parsed.tables if t.method == "text_layout"]
    assert [(t.page, t.rows[0], len(t.rows)) for t in grids] == [(1, ["Question", "Response"], 6),
                                                                (2, ["Question", "Response"], 2)]
    assert grids[0].rows[2] == ["2. What is the annual value of the contract for\neach of the last three financial years?",
                                "2021/22: £62.4 million\n2022/23: £64.9 million\n2023/24: £67.1 million"]


@needs_pdftotext
def test_layout_rendering_reads_the_letterhead_block_by_block(council):
    """The recipient's address is printed beside the "Our ref: / Date:" column: read as two blocks, as the
    PDF parser reads them, the address is not interleaved with the references."""
    pdf, from_pdf = council
    from_text = run(pdftotext(pdf, "layout"))
    text = from_text.parsed.text
    assert "Mr J Bloggs\nBy email: request-998877-abcd1234@whatdotheyknow.com\n\nOur ref: FOI-2024-01234" in text
    info, pdf_info = from_text.info, from_pdf.info
    assert (info.authority, info.reference, info.request_date, info.response_date) == (
        pdf_info.authority, pdf_info.reference, pdf_info.request_date, pdf_info.response_date) == (
        "Essex County Council", "FOI-2024-01234", "2024-02-14", "2024-03-12")


@needs_pdftotext
@pytest.mark.parametrize("mode", MODES)
def test_council_footer_is_page_furniture_but_the_signature_naming_the_council_is_not(council, mode):
    pdf, from_pdf = council
    doc = parse_file(pdftotext(pdf, mode), "council.txt")
    assert doc.meta["page_furniture"] == from_pdf.parsed.meta["page_furniture"]
    assert "Page 1 of 2" not in doc.text and "www.essex.gov.uk" not in doc.text
    assert doc.text.rstrip().endswith("Information Governance Officer\nEssex County Council")


# --------------------------------------------------------------------------
# Running headers and footers in hand-made text
# --------------------------------------------------------------------------


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_repeated_header_and_page_labels_between_form_feeds_are_furniture(tmp_path):
    pages = [
        "OFFICIAL\nNorthshire Police FOI 2024/117\n\nDear Ms Jones,\nFreedom of Information Act 2000 request\n\n"
        "Thank you for your request.\n1. How many officers were assaulted in 2023?\n"
        "There were 214 assaults on officers\n\nPage 1 of 2\n",
        "OFFICIAL\nNorthshire Police FOI 2024/117\n\nrecorded in 2023.\n2. How many of them were hospitalised?\n"
        "We do not hold this information.\n\nPage 2 of 2\n",
    ]
    doc = parse_file(write(tmp_path, "letter.txt", "\f".join(pages) + "\f"), "letter.txt")
    assert doc.meta["page_furniture"] == [
        {"page": 1, "text": "OFFICIAL"}, {"page": 1, "text": "Northshire Police FOI 2024/117"},
        {"page": 1, "text": "Page 1 of 2"}, {"page": 2, "text": "OFFICIAL"},
        {"page": 2, "text": "Northshire Police FOI 2024/117"}, {"page": 2, "text": "Page 2 of 2"}]
    # A page break is not a paragraph break: the sentence reads on.
    assert "There were 214 assaults on officers\nrecorded in 2023." in doc.text
    assert doc.raw_text.count("OFFICIAL") == 2  # the raw text keeps every page whole


def test_a_line_repeated_at_different_places_on_two_pages_is_not_furniture(tmp_path):
    pages = ["Northshire County Council\nCounty Hall\n\nDear Sir,\nThe report follows.\n",
             "It was published in May.\nYours faithfully,\nJane Smith\nNorthshire County Council\n"]
    doc = parse_file(write(tmp_path, "letter.txt", "\f".join(pages)), "letter.txt")
    assert doc.meta["page_furniture"] == []
    assert doc.text.startswith("Northshire County Council") and doc.text.endswith("Northshire County Council")


def test_page_labels_pasted_from_a_pdf_viewer_are_kept_aside(tmp_path):
    text = "Dear Sir,\nThe answer to question 1 is that we\nPage 1 of 2\nhold no such records.\nPage 2 of 2\n"
    doc = parse_file(write(tmp_path, "pasted.txt", text), "pasted.txt")
    assert doc.text == "Dear Sir,\nThe answer to question 1 is that we\nhold no such records."
    assert doc.meta["page_furniture"] == [{"page": None, "text": "Page 1 of 2"}, {"page": None, "text": "Page 2 of 2"}]


# --------------------------------------------------------------------------
# Characters, encodings and line ends
# --------------------------------------------------------------------------

LETTER = ("Dear Mr Ahmed,\n\nFreedom of Information request FOI/2024/0456\n\n"
          "1. What was spent on taxis in 2023?\nThe council spent £12,450 on taxis in 2023.\n\n"
          "2. Which members of staff booked them?\n"
          "Their names are withheld under section 40(2) of the Freedom of Information Act 2000.\n")


@pytest.mark.parametrize("encoding, line_end", [
    ("utf-8-sig", "\r\n"),  # Notepad's "UTF-8 with BOM", Windows line ends
    ("utf-16", "\r\n"),  # Notepad's "Unicode": UTF-16 with BOM
    ("utf-16-le", "\r\n"),  # UTF-16 without a BOM
    ("utf-16-be", "\n"),
    ("cp1252", "\r\n"),  # Word's "Save as text" on a UK machine
    ("latin-1", "\n"),
    ("utf-8", "\r"),  # Mac classic line ends
])
def test_encodings_and_line_ends_give_the_same_letter(tmp_path, encoding, line_end):
    path = write(tmp_path, "letter.txt", LETTER.replace("\n", line_end).encode(encoding))
    doc = parse_file(path, "letter.txt")
    assert doc.format == "txt"
    assert doc.text == LETTER.strip()
    ex = extract(doc)
    assert [(q.number, q.answer_status) for q in ex.qa_pairs] == [("1", "answered"), ("2", "withheld")]
    assert exemptions(ex) == [("s.40(2)", "2", False)]


def test_non_breaking_spaces_tabs_and_trailing_whitespace_are_folded(tmp_path):
    text = "Dear\u00a0Sir,   \t\n\nThe\tcost\u00a0was\u202f£4,000.  \n"
    doc = parse_file(write(tmp_path, "letter.txt", text), "letter.txt")
    assert doc.text == "Dear Sir,\n\nThe cost was £4,000."


def test_ligatures_are_spelled_out_and_soft_hyphenated_words_rejoined(tmp_path):
    text = ("The o\ufb03cer con\ufb01rmed the \ufb02ights.\nStaff received enhanced extrem\u00ad\n"
            "ism awareness training.\nNo co\u00adordinator was named.\n")
    doc = parse_file(write(tmp_path, "letter.txt", text), "letter.txt")
    assert doc.text == ("The officer confirmed the flights.\nStaff received enhanced extremism\n"
                        "awareness training.\nNo coordinator was named.")


def test_control_bytes_inside_text_are_dropped(tmp_path):
    """A bell character pasted from a terminal, and the Ctrl-Z that ends old DOS text files."""
    data = LETTER.encode("utf-8").replace(b"taxis in 2023?", b"taxis in\x07 2023?") + b"\x1a"
    ex = run(write(tmp_path, "letter.txt", data))
    assert ex.qa_pairs[0].question == "What was spent on taxis in 2023?"
    assert ex.parsed.text.endswith("Freedom of Information Act 2000.")


def test_binary_data_after_a_text_opening_is_refused_with_a_clear_error(tmp_path):
    junk = bytes(range(256)) * 200
    path = write(tmp_path, "letter.txt", LETTER.encode("utf-8") * 200 + junk)
    with pytest.raises(DocumentError) as error:
        parse_file(path, "letter.txt")
    assert error.value.error_type == "unrecognised_format" and "binary" in error.value.message


def test_a_huge_file_is_read_up_to_the_cap_with_a_note(tmp_path, monkeypatch):
    monkeypatch.setattr(text_parser, "MAX_CHARS", 2000)
    paragraph = "The council holds 1,234 records of this kind.\n" * 10
    path = write(tmp_path, "dump.txt", paragraph * 20)
    doc = parse_file(path, "dump.txt")
    # Cut at the last line end before the cap: 43 lines of 46 characters, without the last line feed.
    assert doc.meta["truncated"] == {"chars_read": 43 * 46 - 1, "chars_in_file": len(paragraph) * 20}
    assert doc.raw_text == (paragraph * 5)[:43 * 46 - 1]
    assert doc.text.endswith("[foi-extract read the first 1,977 characters of this file's 9,200; "
                             "the rest is not in this text.]")


def test_a_whole_letter_on_one_line(tmp_path):
    one_line = ("Dear Mr Ahmed, Freedom of Information request FOI/2024/0456. Thank you for your request of 3 May "
                "2024. 1. What was spent on taxis in 2023? The council spent £12,450 on taxis in 2023. 2. What is the "
                "budget for consultants? This information is withheld under section 43(2) of the Freedom of "
                "Information Act 2000. Yours sincerely, Jane Doe")
    ex = run(write(tmp_path, "letter.txt", one_line))
    assert [q.number for q in ex.qa_pairs] == ["1", "2"]
    assert ex.qa_pairs[0].answer == "The council spent £12,450 on taxis in 2023."
    assert ex.qa_pairs[1].answer.startswith("This information is withheld under section 43(2)")
    assert exemptions(ex) == [("s.43(2)", "2", False)]


# --------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------

MARKDOWN = """# Freedom of Information request FOI-2024-0789

**Date:** 3 June 2024

Dear *Ms Patel*,

## Your questions

1. **How many fixed penalty notices were issued in each ward?**
   We issued 1,204 notices in 2023:

| Ward | 2022 | 2023 |
|:-----|-----:|-----:|
| North | 310 | 402 |
| South | 298 | 802 |
| **Total** | 608 | 1,204 |

2. **Who issued them?**
   Their names are withheld under [section 40(2)](https://www.legislation.gov.uk/ukpga/2000/36/section/40) of the Act.

Notes:

- Notices are counted when issued.
* Cancelled notices are included.

Yours sincerely,
__Information Governance Team__
"""


def test_markdown_marks_are_dropped_from_the_text(tmp_path):
    doc = parse_file(write(tmp_path, "reply.md", MARKDOWN), "reply.md")
    assert doc.text.startswith("Freedom of Information request FOI-2024-0789\n\nDate: 3 June 2024\n\nDear Ms Patel,")
    assert "1. How many fixed penalty notices were issued in each ward?" in doc.text
    assert "withheld under section 40(2) of the Act" in doc.text
    assert "- Notices are counted when issued.\n- Cancelled notices are included." in doc.text
    assert doc.text.endswith("Yours sincerely,\nInformation Governance Team")
    assert not any(mark in doc.text for mark in ("**", "__", "#", "|---"))


def test_markdown_pipe_table_is_a_table(tmp_path):
    path = write(tmp_path, "reply.md", MARKDOWN)
    (table,) = extract_tables(parse_file(path, "reply.md"))
    assert (table.method, table.header, table.n_rows, table.total_check) == ("ruled", ["Ward", "2022", "2023"], 3, "ok")
    assert [c.value for c in table.cells if c.row == 2] == ["Total", "608", "1,204"]
    ex = run(path)
    assert [q.number for q in ex.qa_pairs] == ["1", "2"]
    assert ex.qa_pairs[0].answer.startswith("We issued 1,204 notices in 2023:\nWard | 2022 | 2023\nNorth | 310 | 402")
    assert exemptions(ex) == [("s.40(2)", "2", False)]


def test_markdown_question_and_answer_table_gives_pairs(tmp_path):
    text = ("Dear Sir,\n\nFreedom of Information request FOI-1234\n\nThank you for your request. Our response is below.\n\n"
            "| Question | Response |\n| --- | --- |\n"
            "| 1. How many complaints were received in 2023? | We received 57 complaints. |\n"
            "| 2. How many were upheld? | We do not hold this information. |\n\nYours faithfully\n")
    ex = run(write(tmp_path, "reply.md", text))
    assert [(q.number, q.question, q.answer, q.answer_status) for q in ex.qa_pairs] == [
        ("1", "How many complaints were received in 2023?", "We received 57 complaints.", "answered"),
        ("2", "How many were upheld?", "We do not hold this information.", "not_held")]


def test_asterisks_that_are_not_emphasis_stay(tmp_path):
    text = "| Ward | Cases |\n|---|---|\n| North | 5* |\n| South | <5 |\n\nFigures marked * are estimates; snake_case_name stays.\n"
    doc = parse_file(write(tmp_path, "reply.md", text), "reply.md")
    assert doc.tables[0].rows == [["Ward", "Cases"], ["North", "5*"], ["South", "<5"]]
    assert "Figures marked * are estimates; snake_case_name stays." in doc.text


def test_raw_text_is_the_file_as_written_and_tables_still_align_on_it(tmp_path):
    body = ("# Referrals by **team**\n\nThe figures you asked for are below.\n\n"
            "Team          2019    2020\nNorth           12      14\nSouth            3       5\nTotal           15      19\n")
    path = write(tmp_path, "answer.md", body)
    doc = parse_file(path, "answer.md")
    assert doc.raw_text == body
    assert "Referrals by team" in doc.text and "**" not in doc.text
    [table] = extract(doc).tables
    assert table.method == "text_layout" and table.n_cols == 3 and table.total_check == "ok"


@needs_pdftotext
def test_blank_lines_within_a_page_of_text_are_paragraph_breaks(council):
    """pdftotext's default mode writes each cell of the Question/Response table as a paragraph: with the page's
    blank lines taken as breaks, the first question and the last are paired with their answers."""
    pdf, from_pdf = council
    from_text = run(pdftotext(pdf, "default"))
    status = {q.number: q.answer_status for q in from_text.qa_pairs}
    assert (status["1"], status["6"]) == ("answered", "partly_withheld")
    assert words(from_text.qa_pairs[0].answer) == words(from_pdf.qa_pairs[0].answer)
