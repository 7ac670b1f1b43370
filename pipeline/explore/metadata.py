"""Datasette metadata for foi.db: what every table and column holds, facets, and canned queries."""
from __future__ import annotations

from .. import __version__

TABLES: dict[str, tuple[str, dict[str, str], list[str]]] = {
    # table: (description, {column: description}, facets)
    "documents": ("One row per source document (PDF letter, WhatDoTheyKnow page, Word/Excel file, Weebly page, text).", {
        "id": "Stable id: the same source path always gives the same id.",
        "source": "Path relative to the input folder (or URL); links to the file.",
        "format": "pdf, html, txt, docx, xlsx, csv, eml ...",
        "kind": "foi_response, foi_request_thread, weebly_page or other, detected from the content.",
        "title": "Request title, letter subject or page title.",
        "authority": "Canonical name of the public authority.",
        "reference": "The authority's case reference(s), several joined with '; '.",
        "request_title": "Title of the WhatDoTheyKnow request the document belongs to.",
        "request_date": "Date the request was made (ISO 8601).",
        "response_date": "Date of the (final) response (ISO 8601).",
        "legislation": "Regime the request was handled under: FOIA 2000, EIR 2004, FOISA 2002, DPA 2018.",
        "outcome": "successful, partially_successful, refused, not_held, awaiting, clarification ...",
        "category": "Web pages: navigation path of the page's parents (' > ' between levels).",
        "pages": "Number of pages (PDF).",
        "text": "Clean text (Unicode NFC, whitespace normalised); offsets in other tables point into it.",
        "raw_text": "The text as first extracted (HTML source for web pages).",
        "content_sha256": "SHA-256 of the file: a re-run skips files whose hash did not change.",
        "needs_ocr_pages": "Pages with no text layer that could not be OCRed (JSON list), if any.",
        "ocr_pages": "Pages whose text was read by OCR (JSON list): rows from them may carry OCR errors.",
        "parse_notes": "What the parser set aside or could not read (JSON object): page_furniture (running headers "
                       "and footers left out of the text), unreadable_pages, truncated / truncated_sheets (files cut "
                       "short), damaged_sheets, recovered_parts, hidden_sheets, sideways_text, white_text.",
        "request_url": "The WhatDoTheyKnow request the document belongs to (a thread's URL, or the one an attachment names).",
    }, ["kind", "authority", "outcome", "legislation", "format"]),
    "messages": ("Letters and emails of a correspondence thread, in order.", {
        "seq": "0-based order in the thread.", "direction": "request (from the requester) or response (from the authority).",
        "sent_at": "Date or date-time sent.", "reference": "Case reference quoted in the message.",
    }, ["direction"]),
    "attachments": ("Files a correspondence links to.", {
        "url": "Download URL.", "html_url": "The site's rendered-HTML view of the file, when offered.",
    }, ["content_type"]),
    "qa_pairs": ("Each numbered question of a request, paired with its answer.", {
        "number": "As written: 1, 2a, iii.", "answer": "Empty when no answer was given in this document.",
        "answer_status": "answered, withheld, partly_withheld, not_held, refused, clarification_sought, unanswered.",
        "page": "First page of the answer (PDF).",
        "question_start": "Character offset of the question in documents.text.",
        "answer_start": "Character offset of the answer in documents.text.",
    }, ["answer_status"]),
    "extracted_tables": ("Every table found, including tables flattened one value per line by PDF-to-text.", {
        "title": "Caption or the heading above the table.", "header": "Column headers (JSON list).",
        "method": "ruled (PDF lines, Word tables), text_layout (aligned columns), linearised (one value per line), html, spreadsheet (xlsx/csv).",
        "total_check": "ok / mismatch: whether a total row equals the sum of the rows above; none when there is none.",
    }, ["method", "total_check"]),
    "table_cells": ("The cells of every table.", {
        "row": "0-based, header excluded.", "value": "Text as printed.",
        "number": "Number parsed from the value; empty for text and suppressed cells ('<5', '*').",
        "is_total": "1 for cells of a total row.", "fy_label": "Financial year, when the value is one (2013-14).",
    }, ["is_total"]),
    "exemptions": ("Exemptions and exceptions relied on to withhold information (not those merely mentioned).", {
        "provision": "Canonical: s.22(1), s.40(2), s.12, reg.12(5)(c).",
        "kind": "absolute, qualified or procedural.",
        "qa_number": "The question it applies to.",
        "public_interest_test": "1 when the document weighs the public interest.",
        "factors_for_disclosure": "Stated considerations favouring disclosure (JSON list).",
        "factors_for_withholding": "Stated considerations favouring withholding (JSON list).",
        "decision": "withheld, neither_confirm_nor_deny, refused ...", "quote": "The sentence that cites it.",
    }, ["provision", "legislation", "kind", "decision", "public_interest_test"]),
    "entities": ("Named things found by the NLP stage, with offsets into documents.text.", {
        "label": "ORG, DATE, MONEY, CARDINAL, LAW, PERSON, GPE, EMAIL, URL, REDACTION ...",
        "normalised": "Canonical form: authority name, ISO date, number, provision.",
    }, ["label"]),
    "programmes": ("Programme profiles found on Weebly pages.", {
        "category": "Site-navigation path to the page.",
    }, ["category", "country"]),
    "fields": ("Label/value pairs shown on a page or in a letter header.", {}, ["label"]),
    "links": ("Related documents: an attachment page and its request thread, an annex and its letter.", {
        "relation": "attachment_of or annex_of.",
    }, ["relation"]),
    "runs": ("Each run of the pipeline and what it did.", {
        "seen": "Files found.", "unchanged": "Files skipped because their content did not change.",
        "removed": "Documents deleted because their file is gone.", "failed": "Files that could not be processed.",
    }, []),
    "errors": ("Files that failed, with a message a person can act on.", {
        "stage": "parse, extract or nlp.", "error_type": "empty_file, corrupt_pdf, encrypted_pdf, needs_ocr ...",
    }, ["error_type", "stage"]),
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
                    name: {"description": desc, "columns": columns, **({"facets": facets} if facets else {})}
                    for name, (desc, columns, facets) in TABLES.items()
                },
                "queries": QUERIES,
            }
        },
    }
