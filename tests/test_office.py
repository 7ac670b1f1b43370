"""Word letters, spreadsheet and CSV annexes, legacy .doc: parsed into text, lines and tables, then extracted."""
import datetime as dt

import pytest
from docx.oxml import parse_xml

from pipeline.errors import DocumentError
from pipeline.extract import extract
from pipeline.parse import parse_file

from conftest import SAMPLES

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def lines_agree_with_text(doc):
    return all(doc.text[l.start:l.end] == l.text for l in doc.lines)


# --------------------------------------------------------------------------
# Word: the real letter
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cnwl():
    source = "other/cnwl-foi-124-word-table.docx"
    return extract(parse_file(SAMPLES / source, source))


def test_word_letter_gives_questions_answers_and_its_table(cnwl):
    doc = cnwl.parsed
    assert cnwl.info.kind == "foi_response"
    assert [q.number for q in cnwl.qa_pairs] == ["1", "2", "3"]
    assert "Harrow – Two dedicated housing officers" in cnwl.qa_pairs[0].answer
    [table] = cnwl.tables
    assert table.header == ["Team", "Nurses/Occupational Therapist", "Social Worker", "Support/worker roles"]
    assert table.n_rows == 7 and table.total_check == "mismatch"
    assert doc.text[table.char_start:table.char_end].startswith("Team | Nurses")
    assert lines_agree_with_text(doc)


def test_word_footer_and_text_box_are_letterhead_before_the_letter(cnwl):
    text = cnwl.parsed.text
    dear = text.index("Dear Vanessa")
    assert text.index("Trust Headquarters, 350 Euston Road") < dear  # footer2.xml
    assert text.index("The Gordon Hospital") < dear  # a VML text box
    assert text.count("Trust Headquarters") == 1
    assert all("Trust Headquarters" not in (q.answer or "") for q in cnwl.qa_pairs)


def test_word_embedded_ole_objects_are_not_text(cnwl):
    assert "AcroExch" not in cnwl.parsed.text


# --------------------------------------------------------------------------
# Word: built documents
# --------------------------------------------------------------------------

NUMBERING = f"""
<w:abstractNum {W_NS} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>
</w:abstractNum>"""


def numbered(paragraph, num_id: int, level: int):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ))


def add_list(document) -> int:
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return 90


def test_word_automatic_numbering_gets_its_labels(tmp_path):
    import docx

    d = docx.Document()
    num = add_list(d)
    d.add_paragraph("Dear Sir, I would like to request under the Freedom of Information Act:")
    for text, level in [("Staff numbers", 0), ("nurses", 1), ("band 5", 2), ("band 6", 2), ("doctors", 1),
                        ("Budgets", 0), ("capital", 1)]:
        numbered(d.add_paragraph(text), num, level)
    path = tmp_path / "letter.docx"
    d.save(path)
    doc = parse_file(path, "letter.docx")
    got = [l.text for l in doc.lines[1:]]
    assert got == ["1. Staff numbers", "a) nurses", "(i) band 5", "(ii) band 6", "b) doctors", "2. Budgets",
                   "a) capital"]
    assert lines_agree_with_text(doc)


def test_word_list_style_numbering_continues_across_paragraphs(tmp_path):
    import docx

    d = docx.Document()
    for text in ("First question", "Second question", "Third question"):
        d.add_paragraph(text, style="List Number")
    path = tmp_path / "styled.docx"
    d.save(path)
    assert [l.text for l in parse_file(path, "styled.docx").lines] == [
        "1. First question", "2. Second question", "3. Third question"]


def test_word_tables_in_body_order_with_merged_cells(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Freedom of Information request: our response")
    d.add_paragraph("Staff by site")
    t = d.add_table(rows=4, cols=3)
    values = [["Site", "Staff", ""], ["North", "Nurses", "4"], ["", "Doctors", "2"], ["Total", "6", ""]]
    for r, row in enumerate(values):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    t.cell(0, 1).merge(t.cell(0, 2))  # header spanning two columns
    t.cell(1, 0).merge(t.cell(2, 0))  # a site label spanning two rows
    t.cell(3, 1).merge(t.cell(3, 2))  # a body value spanning two columns
    d.add_paragraph("Yours sincerely")
    path = tmp_path / "table.docx"
    d.save(path)
    doc = parse_file(path, "table.docx")
    [grid] = doc.tables
    assert grid.method == "ruled"
    assert grid.rows[0] == ["Site", "Staff", "Staff"]
    assert grid.rows[1][0] == grid.rows[2][0] == "North"
    assert grid.rows[3] == ["Total", "6", ""]
    text = doc.text
    assert text.index("Staff by site") < grid.start < text.index("Yours sincerely")
    tables = extract(doc).tables
    assert tables[0].title == "Staff by site"


def test_word_headers_written_once_before_the_body(tmp_path):
    import docx

    d = docx.Document()
    section = d.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Example NHS Trust  Our ref: FOI 123/21"
    section.header.paragraphs[0].text = "Example NHS Trust  Our ref: FOI 123/21"
    section.footer.paragraphs[0].text = "1 High Street, Leeds"
    d.add_paragraph("Dear Requester,")
    path = tmp_path / "head.docx"
    d.save(path)
    text = parse_file(path, "head.docx").text
    assert text.count("Our ref: FOI 123/21") == 1
    assert text.index("1 High Street") < text.index("Dear Requester")


def test_a_damaged_word_file_is_a_clear_error(tmp_path):
    import zipfile

    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<not-xml")
    with pytest.raises(DocumentError) as e:
        parse_file(path, "broken.docx")
    assert e.value.error_type == "corrupt_docx"


# --------------------------------------------------------------------------
# Spreadsheets
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tewv():
    source = "other/tewv-rf353950-referrals-data.xlsx"
    return extract(parse_file(SAMPLES / source, source))


def test_stacked_tables_of_the_real_annex(tewv):
    assert tewv.info.kind == "other"
    assert [t.title.split(" with at least")[1] for t in tewv.tables] == [
        " one successful contact at the snapshot date.",
        " one successful contact that are on CPA at the snapshot date.",
        " one successful contact that are on S117 at the snapshot date.",
    ]
    assert tewv.info.title == tewv.tables[0].title
    first = tewv.tables[0]
    assert first.header[:2] == ["Accommodation Type", "Accommodation Type Description"]
    assert first.header[2].endswith("2021-01-31")  # an Excel date under the merged SNAPSHOT DATE
    rows = {}
    for cell in first.cells:
        rows.setdefault(cell.row, []).append(cell.value)
    assert rows[0] == ["CH01", "FOYER", "<5", "<5", "<5"]
    assert rows[first.n_rows - 1] == ["Grand Total", "", "19775", "20016", "19947"]
    assert [t.n_rows for t in tewv.tables] == [38, 38, 35]


def test_the_annex_note_is_text_not_a_table(tewv):
    text = tewv.parsed.text
    assert "Where there were less than 5 referrals in any category, this has been displayed as <5" in text
    assert all(not t.header[0].startswith("Note") for t in tewv.tables)
    assert lines_agree_with_text(tewv.parsed)


def build_workbook(path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Waiting times"
    ws["A1"] = "Table 1: Waiting times by year"
    ws["C3"] = "Weeks waited"
    ws.merge_cells("C3:D3")
    rows = (["Year", "Referrals", "Median", "Share"], ["2019", 1234, 6.5, 0.125], ["2020", 2345, 7.25, 0.5],
            ["Total", 3579, None, None])
    for r, row in enumerate(rows, start=4):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, value)
    for r in (5, 6, 7):
        ws[f"B{r}"].number_format = "#,##0"
    for r in (5, 6):
        ws[f"C{r}"].number_format = "0.0"
        ws[f"D{r}"].number_format = "0.0%"
    ws["A10"] = "Table 2: Clinic dates"
    ws["A11"], ws["B11"] = "Clinic", "Opened"
    ws["A12"], ws["B12"] = "North", dt.datetime(2021, 3, 31)
    ws["B12"].number_format = "dd/mm/yyyy"
    ws["A13"], ws["B13"] = "South", "<5"
    hidden = wb.create_sheet("Lookup")
    hidden.sheet_state = "hidden"
    hidden.append(["Code", "Name"])
    hidden.append(["N1", "North"])
    wb.save(path)


def test_built_workbook_formats_merges_and_stacked_tables(tmp_path):
    path = tmp_path / "annex.xlsx"
    build_workbook(path)
    doc = parse_file(path, "annex.xlsx")
    assert doc.format == "xlsx" and doc.meta["hidden_sheets"] == ["Lookup"]
    assert "Sheet: Lookup (hidden)" in doc.text
    waits, clinics, lookup = doc.tables
    assert waits.title == "Table 1: Waiting times by year" and waits.header_rows == 2
    assert waits.rows[0] == ["", "", "Weeks waited", "Weeks waited"]
    assert waits.rows[2] == ["2019", "1,234", "6.5", "12.5%"]
    assert waits.rows[3] == ["2020", "2,345", "7.3", "50.0%"]  # printed with the cell's one decimal
    assert clinics.title == "Table 2: Clinic dates"
    assert clinics.rows[1:] == [["North", "2021-03-31"], ["South", "<5"]]
    assert lookup.title == "Lookup" and lookup.page == 2
    tables = extract(doc).tables
    assert tables[0].header == ["Year", "Referrals", "Weeks waited Median", "Weeks waited Share"]
    assert tables[0].total_check == "ok"
    assert lines_agree_with_text(doc)


def test_csv_dialect_and_encoding_are_sniffed(tmp_path):
    path = tmp_path / "costs.csv"
    path.write_bytes("Service;Cost (£)\r\nHousing;1200\r\nTransport;300\r\nTotal;1500\r\n".encode("cp1252"))
    doc = parse_file(path, "costs.csv")
    assert doc.format == "csv"
    [grid] = doc.tables
    assert grid.rows == [["Service", "Cost (£)"], ["Housing", "1200"], ["Transport", "300"], ["Total", "1500"]]
    x = extract(doc)
    assert x.info.kind == "other" and x.tables[0].total_check == "ok"


# --------------------------------------------------------------------------
# Legacy .doc
# --------------------------------------------------------------------------


def test_legacy_doc_without_antiword_is_a_clear_error(tmp_path, monkeypatch):
    import pipeline.parse.office as office

    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(DocumentError) as e:
        parse_file(path, "old.doc")
    assert e.value.error_type == "unsupported_format" and "antiword" in e.value.message
