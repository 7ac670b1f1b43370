"""Word, Excel and CSV files as they come from many different authorities and programs.

Documents are built here part by part (the zip's XML written directly) where
python-docx or openpyxl cannot write the feature, or would not write the
package the way another program does.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
import struct
import subprocess
import zipfile

import pytest

from pipeline.errors import DocumentError
from pipeline.extract import extract
from pipeline.parse import parse_file
from pipeline.run import extract_corpus

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def lines_agree_with_text(doc):
    return all(doc.text[l.start:l.end] == l.text for l in doc.lines)


# --------------------------------------------------------------------------
# Building Word packages
# --------------------------------------------------------------------------


def write_docx(path, body: str, parts: dict[str, tuple[str, str]] | None = None, *, w_ns=W_NS, r_ns=R_NS,
               content_type=WORD_MAIN, extra_rels: str = "", title: str | None = None):
    """A .docx from the body's XML and other parts: {relationship type: (file name under word/, XML)}.

    Relationship ids are rId1, rId2... in the order of `parts`. Part XML may write
    W_NS where the WordprocessingML namespace goes.
    """
    parts = parts or {}
    rels = "".join(f'<Relationship Id="rId{i}" Type="{REL}{kind.split("#")[0]}" Target="{name}"/>'
                   for i, (kind, (name, _)) in enumerate(parts.items(), start=1))
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{w_ns}" xmlns:r="{r_ns}" '
                f'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                f'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
                f'<w:body>{body}</w:body></w:document>')
    core = ('<Relationship Id="rIdCore" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
            'metadata/core-properties" Target="docProps/core.xml"/>' if title else "")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   f'<Override PartName="/word/document.xml" ContentType="{content_type}"/></Types>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1" '
                                  f'Type="{REL}officeDocument" Target="word/document.xml"/>{core}</Relationships>')
        if title:
            z.writestr("docProps/core.xml", '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
                                            '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                                            f'<dc:title>{title}</dc:title></cp:coreProperties>')
        z.writestr("word/document.xml", document)
        z.writestr("word/_rels/document.xml.rels", f'<Relationships xmlns="{PKG_RELS}">{rels}{extra_rels}</Relationships>')
        for name, xml in parts.values():
            z.writestr(f"word/{name}", xml.replace("W_NS", w_ns))
    return path


def para(text: str, num: int | None = None, level: int | None = None, style: str | None = None, extra: str = "") -> str:
    """A paragraph of one run, in a list (numId, ilvl) and/or a style when given."""
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        ilvl = f'<w:ilvl w:val="{level}"/>' if level is not None else ""
        ppr += f'<w:numPr>{ilvl}<w:numId w:val="{num}"/></w:numPr>'
    ppr += extra
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def level(ilvl: int, fmt: str, text: str, style: str | None = None) -> str:
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{pstyle}'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


# A multilevel list defined as a list style ("FOI List"), as Word saves one: the abstract list of
# each numbered run of paragraphs only links to the style (w:numStyleLink); numId 3 restarts at 1.
STYLE_LINKED_NUMBERING = f"""<w:numbering xmlns:w="W_NS">
<w:abstractNum w:abstractNumId="0"><w:styleLink w:val="FOIList"/>
  {level(0, "decimal", "%1.")}{level(1, "lowerLetter", "%2)")}{level(2, "lowerRoman", "(%3)")}</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="FOIList"/></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"""
LIST_STYLE = """<w:styles xmlns:w="W_NS">
<w:style w:type="numbering" w:styleId="FOIList"><w:name w:val="FOI List"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"""


def test_auto_numbered_questions_and_restarted_answers_pair_up(tmp_path):
    body = (para("Freedom of Information request FOI 2023/77")
            + para("Dear Ms Patel, thank you for your request under the Freedom of Information Act 2000. You asked:")
            + para("How many staff did the council employ in 2022?", 2, 0)
            + para("How many of them were:", 2, 0) + para("agency nurses", 2, 1) + para("locum doctors", 2, 1)
            + para("What was the total agency budget?", 2, 0)
            + para("Our response to each part is below.")
            + para("We employed 4,210 staff.", 3, 0)
            + para("Of those:", 3, 0) + para("12 were agency nurses", 3, 1) + para("3 were locum doctors", 3, 1)
            + para("The budget was £1.2 million.", 3, 0)
            + para("Yours sincerely,"))
    path = write_docx(tmp_path / "letter.docx", body, {"numbering": ("numbering.xml", STYLE_LINKED_NUMBERING),
                                                      "styles": ("styles.xml", LIST_STYLE)})
    x = extract(parse_file(path, "letter.docx"))
    assert "1. How many staff" in x.parsed.text and "a) agency nurses" in x.parsed.text
    assert "1. We employed 4,210 staff." in x.parsed.text  # the answers' list restarts at 1
    pairs = {q.number: (q.question, q.answer) for q in x.qa_pairs}
    assert pairs["1"] == ("How many staff did the council employ in 2022?", "We employed 4,210 staff.")
    assert pairs["2a"] == ("agency nurses", "12 were agency nurses")
    assert pairs["2b"] == ("locum doctors", "3 were locum doctors")
    assert pairs["3"] == ("What was the total agency budget?", "The budget was £1.2 million.")


def test_list_levels_from_heading_styles_overrides_and_newer_formats(tmp_path):
    numbering = f"""<w:numbering xmlns:w="W_NS"
        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
    <w:abstractNum w:abstractNumId="0">{level(0, "decimal", "%1", "Heading1")}{level(1, "decimal", "%1.%2", "Heading2")}
    </w:abstractNum>
    <w:abstractNum w:abstractNumId="1">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent><mc:Choice Requires="w14">
        <w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice>
        <mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent>
        <w:lvlText w:val="Q%1"/></w:lvl></w:abstractNum>
    <w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>
    <w:num w:numId="8"><w:abstractNumId w:val="1"/></w:num>
    <w:num w:numId="9"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>
      {level(0, "upperLetter", "Annex %1")}</w:lvlOverride></w:num>
    </w:numbering>"""
    styles = """<w:styles xmlns:w="W_NS">
    <w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
    <w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/></w:style>
    </w:styles>"""
    body = (para("Background", style="Heading1") + para("Your request", style="Heading2")
            + para("Our search", style="Heading2") + para("Response", style="Heading1")
            + para("Staff numbers", 8, 0) + para("Budgets", 8, 0) + para("Rotas", 9, 0) + para("Costs", 9, 0))
    path = write_docx(tmp_path / "headings.docx", body, {"numbering": ("numbering.xml", numbering),
                                                        "styles": ("styles.xml", styles)})
    assert [l.text for l in parse_file(path, "headings.docx").lines] == [
        "1 Background", "1.1 Your request", "1.2 Our search", "2 Response", "Q01 Staff numbers", "Q02 Budgets",
        "Annex A Rotas", "Annex B Costs"]


def test_a_numbered_paragraph_deleted_in_tracked_changes_takes_no_number(tmp_path):
    numbering = f"""<w:numbering xmlns:w="W_NS"><w:abstractNum w:abstractNumId="0">{level(0, "decimal", "%1.")}
    </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"""
    deleted = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr>'
               '<w:del w:id="1" w:author="FOI Officer"/></w:rPr></w:pPr><w:del w:id="2" w:author="FOI Officer">'
               '<w:r><w:delText>Withdrawn question</w:delText></w:r></w:del></w:p>')
    body = para("First question", 1, 0) + deleted + para("Second question", 1, 0)
    path = write_docx(tmp_path / "tracked.docx", body, {"numbering": ("numbering.xml", numbering)})
    assert [l.text for l in parse_file(path, "tracked.docx").lines] == ["1. First question", "2. Second question"]


# --------------------------------------------------------------------------
# Word: runs, revisions, fields, notes, furniture
# --------------------------------------------------------------------------


def test_revisions_fields_links_tabs_and_line_breaks(tmp_path):
    body = (
        '<w:p><w:r><w:t xml:space="preserve">We hold 1,234 records; the rest</w:t></w:r>'
        '<w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve"> is published</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="A"><w:r><w:delText xml:space="preserve"> was destroyed</w:delText></w:r></w:del>'
        '<w:r><w:t>.</w:t></w:r></w:p>'
        '<w:p><w:moveFrom w:id="3" w:author="A"><w:r><w:t>Moved away.</w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="4" w:author="A"><w:r><w:t>Moved here.</w:t></w:r></w:moveTo></w:p>'
        '<w:p><w:r><w:t>Name:</w:t><w:tab/><w:t>FOI Team</w:t><w:br/><w:t xml:space="preserve">See </w:t></w:r>'
        '<w:hyperlink r:id="rId9"><w:r><w:t>www.example.gov.uk/foi</w:t></w:r></w:hyperlink>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE \\@ "d MMMM yyyy" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> (updated 4 May 2023)</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t xml:space="preserve">, 3 pages</w:t></w:r></w:fldSimple></w:p>'
    )
    extra = (f'<Relationship Id="rId9" Type="{REL}hyperlink" Target="https://www.example.gov.uk/foi" '
             'TargetMode="External"/>')
    doc = parse_file(write_docx(tmp_path / "runs.docx", body, extra_rels=extra), "runs.docx")
    assert [l.text for l in doc.lines] == [
        "We hold 1,234 records; the rest is published.", "Moved here.", "Name: FOI Team",
        "See www.example.gov.uk/foi (updated 4 May 2023), 3 pages"]
    assert lines_agree_with_text(doc)


FOOTNOTES = """<w:footnotes xmlns:w="W_NS">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="5"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Never cited.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Figures exclude bank staff.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="8"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> See section 40(2).</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""
ENDNOTES = """<w:endnotes xmlns:w="W_NS">
<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> Source: ESR.</w:t></w:r></w:p></w:endnote>
</w:endnotes>"""


def test_footnotes_and_endnotes_follow_the_body_numbered_as_printed(tmp_path):
    body = ('<w:p><w:r><w:t>We employ 80 nurses.</w:t></w:r><w:r><w:footnoteReference w:id="8"/></w:r>'
            '<w:r><w:t xml:space="preserve"> Names are withheld.</w:t></w:r><w:r><w:footnoteReference w:id="7"/></w:r>'
            '<w:r><w:endnoteReference w:id="1"/></w:r></w:p>' + para("Yours sincerely,"))
    doc = parse_file(write_docx(tmp_path / "notes.docx", body, {"footnotes": ("footnotes.xml", FOOTNOTES),
                                                               "endnotes": ("endnotes.xml", ENDNOTES)}), "notes.docx")
    assert [l.text for l in doc.lines] == [
        "We employ 80 nurses. Names are withheld.", "Yours sincerely,",
        "[1] See section 40(2).", "[2] Figures exclude bank staff.", "[i] Source: ESR."]


def test_text_boxes_in_headers_and_table_cells_are_read(tmp_path):
    def box(text):
        inner = f'<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
        return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{inner}</wps:txbx>'
                f'</w:drawing></mc:Choice><mc:Fallback><w:pict>{inner}</w:pict></mc:Fallback></mc:AlternateContent></w:r>')

    header = ('<w:hdr xmlns:w="W_NS" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
              'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
              f'<w:p><w:r><w:t>Example Council</w:t></w:r>{box("Our ref: FOI-2023-0042")}</w:p></w:hdr>')
    cell = f'<w:tc><w:p><w:r><w:t>Budget</w:t></w:r>{box("see note")}</w:p></w:tc>'
    body = (para("Dear Mr Jones,") + f'<w:tbl><w:tr>{cell}<w:tc><w:p><w:r><w:t>£5m</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
            + '<w:sectPr><w:headerReference w:type="default" r:id="rId1"/></w:sectPr>')
    doc = parse_file(write_docx(tmp_path / "boxes.docx", body, {"header": ("header1.xml", header)}), "boxes.docx")
    assert doc.text.count("Our ref: FOI-2023-0042") == 1
    assert doc.text.index("Our ref: FOI-2023-0042") < doc.text.index("Dear Mr Jones")
    assert doc.tables[0].rows == [["Budget\nsee note", "£5m"]]


def test_table_rows_in_content_controls_nested_tables_and_deleted_rows(tmp_path):
    def tc(text, props=""):
        return f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>'

    nested = ('<w:tc><w:tbl><w:tr>' + tc("Band 5") + tc("12") + '</w:tr><w:tr>' + tc("Band 6") + tc("7")
              + '</w:tr></w:tbl><w:p/></w:tc>')
    table = ('<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>' + tc("Site") + tc("Staff") + '</w:tr>'
             '<w:sdt><w:sdtPr/><w:sdtContent><w:tr>' + tc("North") + nested + '</w:tr></w:sdtContent></w:sdt>'
             '<w:tr><w:trPr><w:del w:id="3" w:author="A"/></w:trPr>' + tc("Closed site") + tc("0") + '</w:tr>'
             '<w:customXml w:element="row"><w:tr>' + tc("South") + tc("4") + '</w:tr></w:customXml></w:tbl>')
    doc = parse_file(write_docx(tmp_path / "rows.docx", para("Staff by site") + table), "rows.docx")
    [grid] = doc.tables
    assert grid.rows == [["Site", "Staff"], ["North", "Band 5 | 12\nBand 6 | 7"], ["South", "4"]]
    assert "Closed site" not in doc.text


# --------------------------------------------------------------------------
# Word: packages python-docx would refuse
# --------------------------------------------------------------------------


@pytest.mark.parametrize("content_type", [
    "application/vnd.ms-word.document.macroEnabled.main+xml",  # .docm
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",  # .dotx
])
def test_macro_enabled_documents_and_templates_are_read(tmp_path, content_type):
    path = write_docx(tmp_path / "letter.docx", para("Dear Sir, our response follows."), content_type=content_type)
    assert parse_file(path, "letter.docx").text == "Dear Sir, our response follows."


def test_missing_image_and_damaged_styles_do_not_stop_the_letter(tmp_path):
    missing_image = f'<Relationship Id="rId7" Type="{REL}image" Target="media/image1.png"/>'
    path = write_docx(tmp_path / "letter.docx", para("Dear Sir, our response follows."),
                      {"styles": ("styles.xml", '<w:styles xmlns:w="W_NS"><w:style w:styleId="Normal">')},
                      extra_rels=missing_image, title="FOI 2023/9 response")
    doc = parse_file(path, "letter.docx")
    assert doc.text == "Dear Sir, our response follows."
    assert doc.meta["recovered_parts"] == ["word/styles.xml"] and doc.meta["docx_title"] == "FOI 2023/9 response"
    assert extract(doc).info.title


def test_strict_open_xml_document_is_read(tmp_path):
    path = write_docx(tmp_path / "strict.docx", para("Dear Sir, our response follows."),
                      w_ns="http://purl.oclc.org/ooxml/wordprocessingml/main",
                      r_ns="http://purl.oclc.org/ooxml/officeDocument/relationships")
    assert parse_file(path, "strict.docx").text == "Dear Sir, our response follows."


def test_word_package_without_a_body_is_a_clear_error(tmp_path):
    path = tmp_path / "nobody.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"/>')
    with pytest.raises(DocumentError) as e:
        parse_file(path, "nobody.docx")
    assert e.value.error_type == "corrupt_docx" and "body" in e.value.message


# --------------------------------------------------------------------------
# OLE2 files: encrypted Office documents, legacy Excel, PowerPoint, Outlook
# --------------------------------------------------------------------------


def ole_file(path, names: list[str]):
    """A minimal OLE2 compound file (512-byte sectors) whose directory lists empty streams `names`.

    Sector 0 holds the allocation table, sectors 1.. the directory (four 128-byte entries each).
    """
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    entries = [("Root Entry", 5)] + [(name, 2) for name in names]
    n_dir = -(-len(entries) // 4)
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x2C, 1, 1, 0, 4096, end, 0, end, 0, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *[free] * 108)
    fat = [fat_sector] + [s + 1 for s in range(1, n_dir)] + [end]
    fat += [free] * (128 - len(fat))
    directory = bytearray(512 * n_dir)
    for i, (name, kind) in enumerate(entries):
        raw = name.encode("utf-16-le") + b"\0\0"
        at = i * 128
        directory[at:at + len(raw)] = raw
        struct.pack_into("<HBB", directory, at + 0x40, len(raw), kind, 1)
        right = i + 1 if 0 < i < len(entries) - 1 else free
        child = 1 if i == 0 and len(entries) > 1 else free
        struct.pack_into("<III", directory, at + 0x44, free, right, child)
        struct.pack_into("<II", directory, at + 0x74, end, 0)
    path.write_bytes(bytes(header) + struct.pack("<128I", *fat) + bytes(directory))
    return path


ENCRYPTED = ["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces", "DataSpaceMap", "Version"]


def test_password_protected_office_files_are_errors_saying_so(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    ole_file(raw / "response.docx", ENCRYPTED)
    ole_file(raw / "annex.xlsx", ENCRYPTED)
    with zipfile.ZipFile(raw / "photos.docx", "w") as z:  # a zip with an Office name
        z.writestr("IMG_0001.jpg", b"\xff\xd8\xff")
    (raw / "ok.txt").write_text("Freedom of Information request\nDear Sir,\nThank you for your request.\n")
    report = extract_corpus([raw], tmp_path / "foi.db")
    conn = sqlite3.connect(tmp_path / "foi.db")
    errors = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT source, error_type, message FROM errors")}
    assert report.counts["failed"] == 3
    assert errors["response.docx"][0] == errors["annex.xlsx"][0] == "encrypted_office"
    assert "password" in errors["response.docx"][1]
    assert errors["photos.docx"][0] == "unrecognised_format"
    assert {r[0] for r in conn.execute("SELECT source FROM documents")} == {"ok.txt"}


@pytest.mark.parametrize("streams, says", [
    (["Workbook", "\x05SummaryInformation"], "Excel 97-2003 (.xls)"),
    (["PowerPoint Document", "Current User"], "PowerPoint"),
    (["__substg1.0_0037001F", "__properties_version1.0"], "Outlook message (.msg)"),
])
def test_other_legacy_office_files_say_what_they_are(tmp_path, streams, says):
    path = ole_file(tmp_path / "annex.doc", streams)
    with pytest.raises(DocumentError) as e:
        parse_file(path, "annex.doc")
    assert e.value.error_type == "unsupported_format" and says in e.value.message


def test_encrypted_legacy_word_document_is_reported_as_encrypted(tmp_path, monkeypatch):
    import pipeline.parse.office as office

    path = ole_file(tmp_path / "letter.doc", ["WordDocument", "1Table"])
    failed = subprocess.CompletedProcess([], 1, b"", b"letter.doc:\nEncrypted documents are not supported\n")
    monkeypatch.setattr(office.shutil, "which", lambda name: "/usr/bin/antiword")
    monkeypatch.setattr(office.subprocess, "run", lambda *a, **k: failed)
    with pytest.raises(DocumentError) as e:
        parse_file(path, "letter.doc")
    assert e.value.error_type == "encrypted_office"


# --------------------------------------------------------------------------
# Spreadsheets
# --------------------------------------------------------------------------


def save(wb, path):
    wb.save(path)
    return path


def test_merged_title_right_above_a_header_of_years(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Referrals by team and year"
    ws.merge_cells("A1:E1")
    for row in (["Team", 2019, 2020, 2021, "Total"], ["North", 10, 12, 14, 36], ["South", "<5", 4, "*", 4],
                ["Total", 10, 16, 14, 40]):
        ws.append(row)
    doc = parse_file(save(wb, tmp_path / "years.xlsx"), "years.xlsx")
    [grid] = doc.tables
    assert grid.title == "Referrals by team and year"
    assert grid.header_rows == 1 and grid.rows[0] == ["Team", "2019", "2020", "2021", "Total"]
    assert grid.rows[2] == ["South", "<5", "4", "*", "4"]  # suppressed counts stay as printed
    [table] = extract(doc).tables
    assert table.header == ["Team", "2019", "2020", "2021", "Total"] and table.n_rows == 3


def test_two_header_rows_with_a_label_merged_down(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"], ws["D1"] = "Team", "Referrals", "Admissions"
    for cells in ("A1:A2", "B1:C1", "D1:E1"):
        ws.merge_cells(cells)
    ws["B2"], ws["C2"], ws["D2"], ws["E2"] = "Adults", "Children", "Adults", "Children"
    ws.append(["North", 1, 2, 3, 4])
    ws.append(["South", 5, 6, 7, 8])
    doc = parse_file(save(wb, tmp_path / "two-headers.xlsx"), "two-headers.xlsx")
    [grid] = doc.tables
    assert grid.header_rows == 2
    [table] = extract(doc).tables
    assert table.header[1:] == ["Referrals Adults", "Referrals Children", "Admissions Adults", "Admissions Children"]
    assert table.n_rows == 2


def write_sheet_xml(path, rows_xml: str, styles: str | None = None, dimension: str = "A1:B4"):
    """A one-sheet workbook written part by part: formulas with cached values, as Excel saves them."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
                   '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   + ('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                      'spreadsheetml.styles+xml"/>' if styles else "") + '</Types>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1" '
                                  f'Type="{REL}officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook {ns} {rel_ns}><sheets><sheet name="Costs" sheetId="1" r:id="rId1"/>'
                                      '</sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   f'<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1" Type="{REL}worksheet" '
                   'Target="worksheets/sheet1.xml"/>' + (f'<Relationship Id="rId2" Type="{REL}styles" '
                                                         'Target="styles.xml"/>' if styles else "") + '</Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", f'<worksheet {ns}><dimension ref="{dimension}"/><sheetData>{rows_xml}'
                                               '</sheetData></worksheet>')
        if styles:
            z.writestr("xl/styles.xml", styles)
    return path


COSTS = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Service</t></is></c><c r="B1" t="inlineStr"><is><t>Cost</t></is></c></row>'
         '<row r="2"><c r="A2" t="inlineStr"><is><t>Housing</t></is></c><c r="B2"><v>1200</v></c></row>'
         '<row r="3"><c r="A3" t="inlineStr"><is><t>Transport</t></is></c><c r="B3"><v>300</v></c></row>'
         '<row r="4"><c r="A4" t="inlineStr"><is><t>Total</t></is></c><c r="B4"><f>SUM(B2:B3)</f><v>1500</v></c></row>')


def test_formulas_show_their_cached_values(tmp_path):
    doc = parse_file(write_sheet_xml(tmp_path / "costs.xlsx", COSTS), "costs.xlsx")
    assert doc.tables[0].rows[-1] == ["Total", "1500"]
    assert extract(doc).tables[0].total_check == "ok"


def test_a_stylesheet_openpyxl_refuses_is_done_without(tmp_path):
    broken = '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1">'
    doc = parse_file(write_sheet_xml(tmp_path / "costs.xlsx", COSTS, styles=broken), "costs.xlsx")
    assert doc.tables[0].rows == [["Service", "Cost"], ["Housing", "1200"], ["Transport", "300"], ["Total", "1500"]]
    assert doc.meta["recovered_parts"] == ["xl/styles.xml"]


def test_a_sheet_broken_off_keeps_the_rows_before_the_break(tmp_path):
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>FOI-{r}</t></is></c><c r="B{r}"><v>{r}</v></c></row>'
                   for r in range(1, 201))
    path = write_sheet_xml(tmp_path / "log.xlsx", rows, dimension="A1:B200")
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet[:sheet.index(b'<row r="151"') + 20]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    doc = parse_file(path, "log.xlsx")
    assert doc.tables[0].rows[-1] == ["FOI-150", "150"]
    assert doc.meta["damaged_sheets"] == ["Costs"]
    assert doc.lines[-1].text.startswith("[The rest of this sheet could not be read")


def test_a_huge_sheet_is_cut_short_with_a_note(tmp_path, monkeypatch):
    import openpyxl

    import pipeline.parse.sheets as sheets

    monkeypatch.setattr(sheets, "MAX_ROWS", 40)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ref", "Days"])
    for r in range(100):
        ws.append([f"FOI-{r}", r])
    doc = parse_file(save(wb, tmp_path / "log.xlsx"), "log.xlsx")
    assert len(doc.tables[0].rows) == 40 and doc.meta["truncated_sheets"] == ["Sheet"]
    assert doc.lines[-1].text == "[Only the first 40 rows of this sheet were read: it is too large to read in full.]"


def test_formatted_blank_rows_below_the_data_are_not_rows(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ref", "Days"])
    ws.append(["FOI-1", 3])
    for r in range(3, 3000):  # rows someone formatted all the way down, holding nothing
        ws.cell(r, 1).number_format = "0.00"
        ws.cell(r, 2).fill = openpyxl.styles.PatternFill("solid", fgColor="FFFF00")
    doc = parse_file(save(wb, tmp_path / "padded.xlsx"), "padded.xlsx")
    assert doc.tables[0].rows == [["Ref", "Days"], ["FOI-1", "3"]]
    import pipeline.parse.sheets as sheets

    ws_read = openpyxl.load_workbook(tmp_path / "padded.xlsx", read_only=True).worksheets[0]
    assert len(sheets.read_sheet(ws_read, tmp_path / "padded.xlsx").cells) == 2


def test_dates_times_and_numbers_print_as_excel_shows_them(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Received", "Time", "Cost", "Days"])
    ws.append([dt.datetime(2023, 3, 15), dt.datetime(2023, 3, 15, 14, 30), 1234.5, "12"])
    ws["A2"].number_format = "[$-809]dd mmmm yyyy;@"
    ws["B2"].number_format = "h:mm"
    ws["C2"].number_format = '_-£* #,##0.00_-;-£* #,##0.00_-;_-£* "-"??_-;_-@_-'
    doc = parse_file(save(wb, tmp_path / "formats.xlsx"), "formats.xlsx")
    assert doc.tables[0].rows[1] == ["2023-03-15", "14:30", "£1,234.50", "12"]


def test_csv_with_a_header_of_years_and_an_overlong_field(tmp_path):
    path = tmp_path / "referrals.csv"
    path.write_text("Team,2019,2020,2021\nNorth,10,12,14\nSouth,3,4,5\nEast,1,2," + "x" * 200_000 + "\nWest,1,1,1\n")
    doc = parse_file(path, "referrals.csv")
    [grid] = doc.tables
    assert grid.header_rows == 1 and grid.rows == [["Team", "2019", "2020", "2021"], ["North", "10", "12", "14"],
                                                   ["South", "3", "4", "5"]]
    assert doc.meta["damaged_sheets"] == ["referrals"]
    assert doc.lines[-1].text.startswith("[The rest of this file could not be read")


def test_csv_with_a_title_line_and_a_quoted_field_over_two_lines_is_a_table_with_its_title(tmp_path):
    path = tmp_path / "annex.csv"
    path.write_text('Referrals to the service by team, 2019 to 2021\nTeam,2019,2020,2021\nNorth,12,"14",9\n'
                    '"South, East",30,"31\n(estimated)",28\nTotal,42,45,37\n', encoding="utf-8")
    doc = parse_file(path, "annex.csv")
    assert doc.format == "csv"
    [grid] = doc.tables
    assert grid.title == "Referrals to the service by team, 2019 to 2021"
    assert grid.rows[0] == ["Team", "2019", "2020", "2021"] and grid.rows[2][0] == "South, East"
    [table] = extract(doc).tables
    assert table.total_check == "ok"


def test_an_annex_carries_the_case_reference_it_prints(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in (["Annex A – FOI 230905017"], [], ["Prison", "Assaults"], ["HMP Alpha", 12], ["HMP Beta", 7], ["Total", 19]):
        ws.append(row)
    wb.save(tmp_path / "annex.xlsx")
    x = extract(parse_file(tmp_path / "annex.xlsx", "annex.xlsx"))
    assert x.info.kind == "other" and x.info.reference == "FOI 230905017"
    plain = tmp_path / "plain.csv"
    plain.write_text("Prison,Assaults\nHMP Alpha,12\nHMP Beta,7\nTotal,19\n")
    assert extract(parse_file(plain, "plain.csv")).info.reference is None
