"""Datasette metadata for foi.db: what every table and column holds and where its values come from,
facets, and canned queries.

Every table and column the database has is described here; `tests/test_metadata.py` fails when a
column of `pipeline.load.SCHEMA` (or a table `load.open_db` creates) has no description, and when a
description names a column that no longer exists.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import __version__


@dataclass(frozen=True)
class TableDoc:
    """What a table holds (`description`), what produces its rows (`source`), one description per
    column, and the columns Datasette offers as facets."""

    description: str
    source: str
    columns: dict[str, str]
    facets: list[str] = field(default_factory=list)


# Phrases shared by many columns.
OFFSETS = ("0-based character offset into documents.text (end exclusive: substr(text, start + 1, end - start) "
           "in SQL)")
DOCUMENT_ID = "The document the row comes from (documents.id)."
PAGE = "1-based page number ({what}); NULL for formats without pages. Links to that page of the PDF."
ISO_UTC = "ISO 8601 date-time in UTC"
FETCH_URL = ("URL the file was downloaded from, as recorded in the .fetch.json sidecar foi fetch writes; NULL for "
             "files saved by hand.")
LEGISLATION = "FOIA 2000, EIR 2004 (the Scottish environmental regulations included), FOISA 2002 or DPA 2018"


def item_id(letter: str, what: str) -> str:
    return f"Stable id: the document id, '-{letter}' and the {what} (e.g. 3f2a…-{letter}0)."


TABLES: dict[str, TableDoc] = {
    "documents": TableDoc(
        "One row per source file: a PDF or Word letter, a WhatDoTheyKnow request page or attachment page, "
        "a spreadsheet annex, an email or text file, a Weebly page.",
        "pipeline/parse (text), pipeline/detect.py (kind), pipeline/extract (letter.py, wdtk.py, weebly.py, other.py, "
        "response.py)",
        {
            "id": "Stable id: the first 16 hex digits of the SHA-1 of source, so the same file keeps its id across "
                  "re-runs. The document_id of every other table points here.",
            "source": "Path of the file relative to its input folder, input_root (e.g. pdf/letter.pdf); links to the "
                      "file, served at /raw/.",
            "format": "File format, recognised from the file's bytes, not its name: pdf, html, txt (also .md), docx, "
                      "doc, xlsx, csv or eml.",
            "kind": "What the document is, detected from its content: foi_response (an authority's reply), "
                    "foi_request_thread (a WhatDoTheyKnow request page), weebly_page, or other (data annexes, copies "
                    "of requests, minutes, other pages).",
            "title": "Letters: the subject ('Re:' / 'Subject:' line, else the heading); request threads: the request's "
                     "title; Weebly pages: the page title without the ' - Site name' suffix; annexes: the file's own "
                     "title or its first table's title.",
            "authority": "Canonical name of the public authority, from pipeline/data/authorities.csv: for letters the "
                         "sender (letterhead, signature, email domains), for threads the body the request went to. A "
                         "name not in the list is kept as written. NULL for web pages and annexes.",
            "reference": "The authority's case reference(s) as printed (e.g. FOI 86420), several joined with '; '; "
                         "the requester's 'Your ref' only when there is no other. Threads: every case reference "
                         "the thread's messages quote.",
            "request_title": "Title of the request the document belongs to: a thread's title, the request an "
                             "attachment page names, or a letter's subject when it names a request. Used to link "
                             "responses to threads.",
            "request_date": "Date the request was made (ISO 8601, YYYY-MM-DD): as the letter quotes it ('your request "
                            "of ...', read day first), or the date of a thread's first request message.",
            "response_date": "Date of the response (ISO 8601): the letter's own date (letterhead, 'Date:' or 'Sent:' "
                             "line, under the signature), or a thread's last authority message that is not an "
                             "acknowledgement, automatic reply or bounce.",
            "legislation": f"Regime the request was handled under: {LEGISLATION}, or NULL. From the letter's wording; "
                           "threads: the authority's messages, else the page, else FOIA 2000.",
            "outcome": "Result of the request: successful, partially_successful, refused, not_held, clarification, "
                       "awaiting, withdrawn, or NULL. Threads: from WhatDoTheyKnow's status box (NULL for states that "
                       "say nothing of the authority's decision, such as 'handled by post'). Letters: from the "
                       "answer_status of their qa_pairs, or without numbered questions not_held / clarification when "
                       "the letter plainly says so.",
            "category": "Weebly pages: menu path of the page's parents, levels joined with ' > ' (from the site menu, "
                        "or the path foi fetch recorded while crawling). NULL for other documents.",
            "pages": "Number of pages (PDF, WhatDoTheyKnow attachment pages, text renderings with page breaks) or of "
                     "sheets (xlsx); NULL for formats without pages.",
            "text": "Content text: Unicode NFC, whitespace normalised, without site menus, running headers and "
                    "footers. Every offset in other tables (char_start, question_start, ...) points into it.",
            "raw_text": "The source before cleaning: the HTML for web pages, the file as written for text files and "
                        "emails, the text as first read for PDF, Word and Excel files.",
            "content_sha256": "SHA-256 of the file's bytes (hex). A re-run skips a file whose hash and "
                              "pipeline_version are unchanged.",
            "extracted_at": f"When this row was written ({ISO_UTC}).",
            "pipeline_version": "Version of the extraction rules that wrote the row; a new version re-extracts every "
                                "file.",
            "size": "File size in bytes.",
            "source_url": FETCH_URL,
            "request_url": "URL of the WhatDoTheyKnow request the document belongs to: a thread's own URL, or the one "
                           "an attachment page or its .fetch.json sidecar names. Used to link attachments to threads.",
            "needs_ocr_pages": "Pages with no text layer that OCR could not read (Tesseract missing, or no text "
                               "found), as a JSON list of 1-based page numbers; NULL when none. make ocr-deps "
                               "installs Tesseract.",
            "ocr_pages": "Pages whose text was read by OCR (Tesseract), as a JSON list of 1-based page numbers; rows "
                         "from them may carry OCR errors. NULL when none.",
            "parse_notes": "What the parser set aside or could not read, as a JSON object; NULL when nothing. Keys: "
                           "page_furniture, sideways_text, white_text (lists of {page, text}: running headers and "
                           "footers left out of the text; text printed sideways or in white, kept in it); "
                           "unreadable_pages (page numbers PDFium could not load); truncated ({chars_read, "
                           "chars_in_file}: a text file read only up to its first 2 million characters); "
                           "truncated_sheets, damaged_sheets, hidden_sheets (sheet names); recovered_parts (parts "
                           "of a Word or Excel file whose damaged XML was read as far as it goes).",
            "input_root": "Absolute path of the input folder (input_roots.path) that source is relative to.",
            "run_id": "The run (runs.id) that last wrote this document.",
        },
        ["kind", "authority", "outcome", "legislation", "format"],
    ),
    "messages": TableDoc(
        "Letters and emails of a correspondence, oldest first: the messages of a WhatDoTheyKnow thread, an email "
        "and the messages it quotes.",
        "WhatDoTheyKnow request pages (pipeline/parse/wdtk.py, extract/wdtk.py); .eml files and replies pasted "
        "into text files (pipeline/parse/email.py, extract/thread.py)",
        {
            "id": item_id("m", "message's seq"),
            "document_id": "The thread, email or text file (documents.id) the message is part of.",
            "seq": "0-based order in the correspondence, oldest first.",
            "direction": "request (from the requester) or response (from the authority). WhatDoTheyKnow marks each "
                         "message; in emails it comes from the sender's address (a WhatDoTheyKnow address, an "
                         "authority's domain), then the wording.",
            "sent_at": "When it was sent, ISO 8601: a date-time with UTC offset from WhatDoTheyKnow's timestamp or "
                       "the email's Date header, or a date alone when only that is shown.",
            "author": "Sender's name as the page or the From header shows it.",
            "text": "The message body, without the site's footers and the earlier emails it quotes. Empty for a "
                    "message WhatDoTheyKnow's administrators hid.",
            "reference": "Case reference(s) the message quotes (e.g. 'Our reference: 3375675'), several joined with "
                         "'; '; NULL if none.",
            "subject": "Subject header of an email; NULL for WhatDoTheyKnow messages.",
            "char_start": f"Start of the message: {OFFSETS}.",
            "char_end": "End of the message in documents.text (see char_start).",
        },
        ["direction"],
    ),
    "attachments": TableDoc(
        "Files a correspondence links to or carries: a WhatDoTheyKnow message's attachments, an email's attached "
        "files.",
        "The attachment list under each WhatDoTheyKnow message; an email's MIME parts (pipeline/parse/email.py)",
        {
            "id": item_id("a", "0-based position in the document's list of attachments"),
            "document_id": "The thread or email (documents.id) that lists the file.",
            "message_id": "The message (messages.id) the file came with; NULL when not known.",
            "name": "File name as listed (e.g. Response not held.pdf); '(unnamed)' for an email part without one.",
            "url": "Download URL of the original file on WhatDoTheyKnow; NULL for email attachments (the file is "
                   "inside the .eml). foi fetch downloads it, and the file becomes a document of its own.",
            "html_url": "WhatDoTheyKnow's 'View as HTML' page for the file, when the site offers one; else NULL.",
            "size": "Size as text, not a number: as WhatDoTheyKnow lists it (e.g. 114K), or computed for email "
                    "parts (e.g. 12 KB).",
            "content_type": "MIME type (application/pdf, image/png, ...): from the icon WhatDoTheyKnow shows, else "
                            "the file name; for emails, the part's Content-Type header.",
        },
        ["content_type"],
    ),
    "qa_pairs": TableDoc(
        "Each numbered question of a request, paired with its answer in the same document.",
        "pipeline/extract/qa.py (questions and answers), extract/response.py (answer_status from the answer's "
        "wording and the exemptions applied to it)",
        {
            "id": item_id("q", "question's seq"),
            "document_id": DOCUMENT_ID,
            "seq": "0-based order of the question in the document.",
            "number": "The requester's number as written: 1, 2a, (b), iii.",
            "question": "The question's text, its wrapped lines joined into one; question_start / question_end give "
                        "its place in documents.text.",
            "answer": "The answer's text, one paragraph per line (wrapped lines joined); NULL when this document "
                      "gives none (e.g. a thread whose answer is only in an attached file).",
            "answer_status": "answered (also: already published, s.21; partly held), withheld, partly_withheld (also "
                             "neither confirm nor deny), not_held (also 'you may wish to contact' another body), "
                             "refused (s.12 cost limit, s.14 vexatious or repeated), clarification_sought, or "
                             "unanswered (no answer in this document).",
            "page": PAGE.format(what="where the answer starts"),
            "message_id": "Request threads: the message (messages.id) the question was asked in; NULL otherwise.",
            "question_start": f"Start of the question: {OFFSETS}.",
            "question_end": "End of the question in documents.text.",
            "answer_start": "Start of the answer in documents.text (same convention); NULL without an answer.",
            "answer_end": "End of the answer in documents.text; NULL without an answer.",
        },
        ["answer_status"],
    ),
    "extracted_tables": TableDoc(
        "Every table found, including tables that PDF-to-text or pdftohtml flattened into one value per line. "
        "Its cells are in table_cells.",
        "Ruled PDF tables (pdfplumber's algorithm on PDFium's lines), Word, HTML and spreadsheet tables, and tables "
        "rebuilt from text (pipeline/extract/tables.py)",
        {
            "id": item_id("t", "table's seq"),
            "document_id": DOCUMENT_ID,
            "seq": "0-based order of the table in the document.",
            "title": "The caption, else the heading just above the table, else a 'Table n:' caption near it, else its "
                     "header cells joined with ' / '.",
            "page": PAGE.format(what="where the table starts; a table continued over pages is one table"),
            "n_rows": "Number of data rows, header rows excluded.",
            "n_cols": "Number of columns.",
            "header": "Column headers as a JSON list of strings (several header rows joined with a space per "
                      "column); [] when the table has no header row.",
            "method": "How the table was found: ruled (drawn lines in a PDF; Word tables), text_layout (columns "
                      "aligned with spaces, or positioned lines), linearised (one cell per line, rebuilt from the "
                      "header and the label-then-values pattern), html, spreadsheet (xlsx / csv).",
            "total_check": "ok (every printed total equals the sum of what it totals, allowing for printed "
                           "rounding), mismatch (at least one does not), none (no total row or column that can be "
                           "checked).",
            "char_start": f"Start of the table's first cell: {OFFSETS}; NULL when unknown.",
            "char_end": "End of the table's last cell in documents.text; NULL when unknown.",
        },
        ["method", "total_check"],
    ),
    "table_cells": TableDoc(
        "The cells of every table, one row per cell.",
        "pipeline/extract/tables.py; numbers and financial years by pipeline/normalise/numbers.py",
        {
            "table_id": "The table (extracted_tables.id).",
            "row": "0-based data row, header excluded.",
            "col": "0-based column.",
            "header": "Header of the cell's column; NULL when the table has none.",
            "value": "The cell's text as printed (footnote marks such as '5*' or '12 [1]', and '<5', kept).",
            "number": "Number parsed from value: '1,234' -> 1234, '£1.2m' -> 1200000, '£12k' -> 12000, "
                      "'12%' -> 12, '(1,234)' -> -1234. NULL for text, suppressed cells ('<5', '*', '-') and "
                      "financial years.",
            "is_total": "1 for cells of a total row (labelled Total or All) or of a totals column, else 0.",
            "fy_label": "UK financial year (1 April to 31 March) when the value is one, as 2013-14 (from '2013/14', "
                        "'2013 – 14', 'FY2013-14', ...); else NULL.",
            "fy_start": "First day of that financial year (ISO date, e.g. 2013-04-01).",
            "fy_end": "Last day of that financial year (ISO date, e.g. 2014-03-31); NULL for an open-ended one "
                      "('2019-present').",
            "document_id": DOCUMENT_ID,
        },
        ["is_total"],
    ),
    "exemptions": TableDoc(
        "Exemptions and exceptions relied on to withhold or refuse information. Provisions only mentioned "
        "(quoted from the request, said not to apply, in complaint or advice boilerplate) are left out.",
        "pipeline/extract/exemptions.py; name, kind and default decision from pipeline/data/exemptions.csv (the Acts "
        "and Regulations on legislation.gov.uk; ICO and Scottish Information Commissioner guidance)",
        {
            "id": item_id("x", "0-based position in the document's exemptions"),
            "document_id": DOCUMENT_ID,
            "qa_number": "Number (qa_pairs.number) of the question it applies to: from the answer it sits in or the "
                         "sentence naming the question; NULL when it applies to the request as a whole.",
            "legislation": f"{LEGISLATION}: the law the provision belongs to.",
            "provision": "Canonical form of the provision cited: s.22(1), s.40(2), s.12, reg.12(5)(c), whatever form "
                         "the letter wrote ('section 40(2) of the FOIA', 's40(2)', 'regulation 12(5)(c)').",
            "name": "The provision's title from pipeline/data/exemptions.csv (e.g. 'Personal information').",
            "kind": "absolute (no public interest test), qualified (subject to the public interest test) or "
                    "procedural (a ground for refusing the request as a whole, such as s.12 cost or s.14 "
                    "vexatious); from pipeline/data/exemptions.csv.",
            "public_interest_test": "1 when the document weighs the public interest for this provision, else 0.",
            "factors_for_disclosure": "Stated considerations favouring disclosure, as a JSON list of strings ([] "
                                      "when none).",
            "factors_for_withholding": "Stated considerations favouring withholding, as a JSON list of strings ([] "
                                       "when none).",
            "decision": "What relying on it does: withheld, refused (s.12, s.14 and kin), not_held (EIR "
                        "reg.12(4)(a)) or neither_confirm_nor_deny (when the letter says so, or the subsection "
                        "excludes the duty to confirm or deny). Default from pipeline/data/exemptions.csv.",
            "quote": "The sentence that cites the provision, on one line (it sits around char_start in "
                     "documents.text).",
            "page": PAGE.format(what="of the citation"),
            "char_start": f"Start of the citation ('section 40(2)'): {OFFSETS}.",
            "char_end": "End of the citation in documents.text.",
        },
        ["provision", "legislation", "kind", "decision", "public_interest_test"],
    ),
    "entities": TableDoc(
        "Named things found in each document's text, with their offsets.",
        "pipeline/nlp.py: spaCy's blank English pipeline with an EntityRuler (authorities from "
        "pipeline/data/authorities.csv, Acts by name) and regex rules from pipeline/data/entity_patterns.json; a "
        "statistical English model adds its entities when installed",
        {
            "id": item_id("e", "0-based position in the document's entities"),
            "document_id": DOCUMENT_ID,
            "label": "ORG, LAW, DATE, MONEY, PERCENT, CARDINAL, EMAIL, URL, PERSON (salutations, signatures) or "
                     "REDACTION ('[REDACTED]', '[name removed]', █, masked addresses); with a statistical model also "
                     "its labels (GPE, NORP, ...).",
            "text": "The entity as written in documents.text.",
            "normalised": "Comparable form: ORG the canonical authority name; LAW the canonical provision (s.40(2)) "
                          "or Act; DATE an ISO date, month (2020-07), financial year (2013-14), quarter (2021-Q1) or "
                          "year; MONEY the amount in figures with the currency's ISO code in front unless pounds (USD 46000; ranges as 10000-20000); CARDINAL a number; PERCENT the number; EMAIL the "
                          "address in lower case ('[at]' read as @); URL without line breaks; REDACTION 'redacted', "
                          "'email address' or the placeholder's words. NULL when it cannot be read.",
            "char_start": f"Start of the entity: {OFFSETS}.",
            "char_end": "End of the entity in documents.text.",
        },
        ["label"],
    ),
    "programmes": TableDoc(
        "Programme profiles found on Weebly pages: at most one per page; catalogue, list, contact, about and news "
        "pages give none.",
        "pipeline/extract/weebly.py, from the page's labels (see fields) or, without them, its heading and prose",
        {
            "id": item_id("p", "0-based position in the page's programmes"),
            "document_id": "The Weebly page (documents.id).",
            "name": "Programme name: a 'Name' / 'Programme name' label, else the sentence defining it ('X is a "
                    "programme ...'), the page's heading or its title.",
            "country": "From a 'Country' / 'Location' / 'Where' label; NULL when none.",
            "target_audience": "From a 'Target audience' / 'Target group' / 'Who is it for' / 'Participants' label.",
            "organisation": "From an 'Organisation' / 'Provider' / 'Run by' / 'Delivered by' label.",
            "objectives": "From an 'Objectives' / 'Aims' / 'Goals' / 'Program focus' label.",
            "description": "From a 'Description' / 'Summary' / 'Overview' / 'About' label, else the page's prose.",
            "category": "Menu path of the page's parents, as documents.category.",
            "source_url": FETCH_URL,
        },
        ["category", "country"],
    ),
    "fields": TableDoc(
        "Label/value pairs a document shows: a letter's header lines ('Our ref: ...', 'Date: ...'), a web page's "
        "'Label: value' lines, bold labels, definition lists and two-column tables.",
        "pipeline/extract/letter.py (letter headers), extract/weebly.py (web pages)",
        {
            "document_id": DOCUMENT_ID,
            "seq": "0-based order in the document.",
            "label": "The label as written, without its colon (e.g. Our ref, Target audience, Program Focus).",
            "value": "The value as written (may run over several lines).",
        },
        ["label"],
    ),
    "links": TableDoc(
        "Pairs of related documents, recomputed after every run.",
        "pipeline/load.py (relink): document URLs, titles and case references",
        {
            "document_id": "The attachment page, response letter or annex (documents.id).",
            "linked_id": "The document it belongs to (documents.id): the request thread for attachment_of, the "
                         "letter for annex_of.",
            "relation": "attachment_of: the document was fetched from one of the thread's attachment URLs, names the "
                        "thread's URL, or (a response saved by hand) has the thread's title. annex_of: a data annex "
                        "(kind other; xlsx, csv or docx) and the letter sharing its case number (4 or more digits in "
                        "the file name or reference), else the only letter in its folder.",
        },
        ["relation"],
    ),
    "runs": TableDoc(
        "Each run of foi extract / make extract and what it did.",
        "pipeline/run.py",
        {
            "id": "Run number, from 1; documents.run_id and errors.run_id point here.",
            "started_at": f"When the run started ({ISO_UTC}).",
            "finished_at": f"When it finished ({ISO_UTC}); NULL if it was interrupted.",
            "seen": "Files found under the input.",
            "added": "New files extracted.",
            "changed": "Files extracted again: their content or the pipeline version changed, or --force.",
            "unchanged": "Files skipped because their content and the pipeline version did not change.",
            "removed": "Documents deleted because their file is gone from the folder extracted.",
            "failed": "Files that could not be processed (see errors).",
            "pipeline_version": "Version of the extraction rules the run used.",
            "input": "The input folders or files given, joined with ', '.",
            "workers": "Number of worker processes (--workers).",
            "seconds": "Wall-clock duration of the run, in seconds.",
            "stage_seconds": "Seconds spent per stage, summed over the documents processed, as a JSON object with "
                             "keys parse, extract, nlp, load.",
        },
        [],
    ),
    "input_roots": TableDoc(
        "The input folders this database was built from: documents.source is relative to one of them, so "
        "extracting a sub-folder or one file later gives the same sources and ids.",
        "pipeline/run.py",
        {
            "path": "Absolute path of the folder.",
            "added_at": f"When it was first extracted ({ISO_UTC}).",
        },
        [],
    ),
    "errors": TableDoc(
        "Files that failed, with a message a person can act on. A failed file is tried again on the next run.",
        "pipeline/process.py (every stage's failures), pipeline/run.py",
        {
            "id": "Error number, from 1.",
            "run_id": "The run (runs.id) in which the file failed.",
            "source": "Path of the file relative to the input folder; links to the file.",
            "stage": "Stage that failed: parse, extract or nlp.",
            "error_type": "Short code: empty_file, corrupt_pdf, encrypted_pdf, needs_ocr, ocr_failed, corrupt_docx, "
                          "corrupt_doc, corrupt_xlsx, corrupt_email, encrypted_office, unsupported_format (.xls, "
                          ".ppt, .msg; .doc without antiword), unrecognised_format, not_html, too_large; or the "
                          "name of a Python exception for an unexpected failure (a bug to report).",
            "message": "What went wrong and what to do about it, in words.",
            "content_sha256": "SHA-256 of the file's bytes (hex).",
            "created_at": f"When the failure was recorded ({ISO_UTC}).",
        },
        ["error_type", "stage"],
    ),
    "documents_fts": TableDoc(
        "Full-text index (SQLite FTS5, Porter stemming) of documents.title and documents.text, kept in step by "
        "triggers. Used by the search box on the documents page and by foi search.",
        "pipeline/load.py (sqlite-utils enable_fts)",
        {"title": "Indexed copy of documents.title.", "text": "Indexed copy of documents.text."},
    ),
    "qa_pairs_fts": TableDoc(
        "Full-text index (SQLite FTS5, Porter stemming) of qa_pairs.question and qa_pairs.answer, kept in step by "
        "triggers. Used by the search box on the qa_pairs page and by foi search --qa.",
        "pipeline/load.py (sqlite-utils enable_fts)",
        {"question": "Indexed copy of qa_pairs.question.", "answer": "Indexed copy of qa_pairs.answer."},
    ),
}

QUERIES = {
    "exemptions_by_authority": {
        "title": "Exemptions relied on, by authority and provision",
        "sql": """select d.authority, e.legislation, e.provision, e.name, count(*) as times,
  count(distinct e.document_id) as documents
from exemptions e join documents d on d.id = e.document_id
group by 1, 2, 3, 4 order by times desc""",
    },
    "questions_withheld_or_not_held": {
        "title": "Questions withheld, refused or not held, with the exemption",
        "sql": """select d.authority, d.source, q.number, q.question, q.answer_status,
  group_concat(e.provision, ', ') as exemptions, q.page
from qa_pairs q join documents d on d.id = q.document_id
left join exemptions e on e.document_id = q.document_id and e.qa_number = q.number
where q.answer_status in ('withheld', 'partly_withheld', 'refused', 'not_held')
group by q.id order by d.authority, d.source, q.seq""",
    },
    "tables_not_adding_up": {
        "title": "Tables whose total row does not equal the sum of the rows",
        "sql": """select d.source, t.title, t.page, t.n_rows, t.header
from extracted_tables t join documents d on d.id = t.document_id
where t.total_check = 'mismatch' order by d.source""",
    },
    "programmes_by_category": {
        "title": "Programmes by site category",
        "sql": """select coalesce(category, '(none)') as category, count(*) as programmes,
  group_concat(name, '; ') as names from programmes group by 1 order by 2 desc""",
    },
    "last_run_changes": {
        "title": "What changed in the last run",
        "sql": """select 'document' as what, d.source, d.kind, d.extracted_at as at from documents d
where d.run_id = (select max(id) from runs)
union all
select 'failure: ' || e.error_type, e.source, e.stage, e.created_at from errors e
where e.run_id = (select max(id) from runs)
order by 1, 2""",
    },
}


def metadata(database: str = "foi") -> dict:
    """The metadata dict Datasette reads (`datasette foi.db -m metadata.json`)."""
    return {
        "title": "FOI extractions",
        "description": "Facts extracted from Freedom of Information responses, WhatDoTheyKnow threads and "
                       "Weebly programme pages by foi-extract. Every row links back to its source document.",
        "source": f"foi-extract {__version__}",
        "databases": {
            database: {
                "tables": {
                    name: {"description": doc.description, "source": doc.source, "columns": doc.columns,
                           **({"facets": doc.facets} if doc.facets else {})}
                    for name, doc in TABLES.items()
                },
                "queries": QUERIES,
            }
        },
    }
