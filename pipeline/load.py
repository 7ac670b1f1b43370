"""Stage 6, load: write extractions into SQLite with sqlite-utils.

Every table of the contract is created up front (empty ones included) with
explicit column types, so a first run on an empty folder still gives the full
schema. A document is replaced atomically: its old rows are deleted and the new
ones inserted inside one transaction, so an interrupted run leaves either the
old rows or the new ones, never half a document.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from . import PIPELINE_VERSION
from .discover import SourceFile
from .model import Extraction

# table -> ({column: type}, primary key). Order of columns is the order users see.
SCHEMA: dict[str, tuple[dict[str, type], str | tuple[str, ...] | None]] = {
    "documents": ({
        "id": str, "source": str, "format": str, "kind": str, "title": str, "authority": str,
        "reference": str, "request_title": str, "request_date": str, "response_date": str,
        "legislation": str, "outcome": str, "category": str, "pages": int, "text": str,
        "raw_text": str, "content_sha256": str, "extracted_at": str, "pipeline_version": str,
        "size": int, "source_url": str, "request_url": str, "needs_ocr_pages": str, "ocr_pages": str, "parse_notes": str, "input_root": str, "run_id": int,
    }, "id"),
    "messages": ({
        "id": str, "document_id": str, "seq": int, "direction": str, "sent_at": str, "author": str,
        "text": str, "reference": str, "subject": str, "char_start": int, "char_end": int,
    }, "id"),
    "attachments": ({
        "id": str, "document_id": str, "message_id": str, "name": str, "url": str, "html_url": str,
        "size": str, "content_type": str,
    }, "id"),
    "qa_pairs": ({
        "id": str, "document_id": str, "seq": int, "number": str, "question": str, "answer": str,
        "answer_status": str, "page": int, "message_id": str, "question_start": int, "question_end": int,
        "answer_start": int, "answer_end": int,
    }, "id"),
    "extracted_tables": ({
        "id": str, "document_id": str, "seq": int, "title": str, "page": int, "n_rows": int,
        "n_cols": int, "header": str, "method": str, "total_check": str, "char_start": int, "char_end": int,
    }, "id"),
    "table_cells": ({
        "table_id": str, "row": int, "col": int, "header": str, "value": str, "number": float,
        "is_total": int, "fy_label": str, "fy_start": str, "fy_end": str, "document_id": str,
    }, ("table_id", "row", "col")),
    "exemptions": ({
        "id": str, "document_id": str, "qa_number": str, "legislation": str, "provision": str,
        "name": str, "kind": str, "public_interest_test": int, "factors_for_disclosure": str,
        "factors_for_withholding": str, "decision": str, "quote": str, "page": int,
        "char_start": int, "char_end": int,
    }, "id"),
    "entities": ({
        "id": str, "document_id": str, "label": str, "text": str, "normalised": str,
        "char_start": int, "char_end": int,
    }, "id"),
    "programmes": ({
        "id": str, "document_id": str, "name": str, "country": str, "target_audience": str,
        "organisation": str, "objectives": str, "description": str, "category": str, "source_url": str,
    }, "id"),
    "fields": ({"document_id": str, "seq": int, "label": str, "value": str}, ("document_id", "seq")),
    "links": ({"document_id": str, "linked_id": str, "relation": str}, ("document_id", "linked_id", "relation")),
    "runs": ({
        "id": int, "started_at": str, "finished_at": str, "seen": int, "added": int, "changed": int,
        "unchanged": int, "removed": int, "failed": int, "pipeline_version": str, "input": str,
        "workers": int, "seconds": float, "stage_seconds": str,
    }, "id"),
    "input_roots": ({"path": str, "added_at": str}, "path"),
    "errors": ({
        "id": int, "run_id": int, "source": str, "stage": str, "error_type": str, "message": str,
        "content_sha256": str, "created_at": str,
    }, "id"),
}

# Tables holding a document's extracted rows, deleted and rewritten together.
DOCUMENT_TABLES = [
    "table_cells", "extracted_tables", "messages", "attachments", "qa_pairs", "exemptions",
    "entities", "programmes", "fields",
]
FOREIGN_KEYS = {
    t: [("document_id", "documents", "id")] for t in DOCUMENT_TABLES
} | {"table_cells": [("table_id", "extracted_tables", "id"), ("document_id", "documents", "id")]}

INDEXES = [
    ("documents", ["source"], True), ("documents", ["kind"], False), ("documents", ["authority"], False),
    ("errors", ["run_id"], False), ("links", ["linked_id"], False),
] + [(t, ["document_id"], False) for t in DOCUMENT_TABLES if t != "table_cells"] + [
    ("table_cells", ["document_id"], False), ("entities", ["label", "normalised"], False),
    ("exemptions", ["provision"], False),
]


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def open_db(path: Path | str) -> sqlite_utils.Database:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode=WAL")
    ensure_schema(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create missing tables, columns, indexes and full-text indexes; never drops anything."""
    for name, (columns, pk) in SCHEMA.items():
        table = db[name]
        if not table.exists():
            table.create(columns, pk=pk, not_null={"id"} if pk == "id" else None)
        else:
            missing = {c: t for c, t in columns.items() if c not in table.columns_dict}
            for col, typ in missing.items():
                table.add_column(col, typ)
    for name, cols, unique in INDEXES:
        db[name].create_index(cols, unique=unique, if_not_exists=True)
    if not db["documents_fts"].exists():
        db["documents"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")
    if not db["qa_pairs_fts"].exists():
        db["qa_pairs"].enable_fts(["question", "answer"], create_triggers=True, tokenize="porter")


def request_url(x: Extraction) -> str | None:
    """The WhatDoTheyKnow request a document belongs to: a thread's own URL, or the
    request an attachment page names (from the page itself or the scraper's sidecar)."""
    fetch = x.parsed.meta.get("fetch") or {}
    return x.links.get("request_url") or x.parsed.meta.get("wdtk_request_url") or fetch.get("request_url")


# What a parser set aside or could not read: kept with the document so that nothing is dropped silently.
PARSE_NOTE_KEYS = ("unreadable_pages", "truncated", "truncated_sheets", "damaged_sheets", "recovered_parts",
                   "hidden_sheets", "page_furniture", "sideways_text", "white_text")


def parse_notes(meta: dict) -> str | None:
    notes = {key: meta[key] for key in PARSE_NOTE_KEYS if meta.get(key)}
    return json.dumps(notes, ensure_ascii=False) if notes else None


def document_rows(doc_id: str, f: SourceFile, x: Extraction, run_id: int) -> dict[str, list[dict]]:
    """The rows of every table for one extraction of the file `f`, with stable ids derived from the document id."""
    source, sha256, size = f.source, f.sha256, f.size
    p, info = x.parsed, x.info
    fetch = p.meta.get("fetch") or {}
    rows: dict[str, list[dict]] = {t: [] for t in DOCUMENT_TABLES}
    rows["documents"] = [{
        "id": doc_id, "source": source, "format": p.format, "kind": info.kind, "title": info.title,
        "authority": info.authority, "reference": info.reference, "request_title": info.request_title,
        "request_date": info.request_date, "response_date": info.response_date,
        "legislation": info.legislation, "outcome": info.outcome, "category": info.category,
        "pages": p.pages, "text": p.text, "raw_text": p.raw_text, "content_sha256": sha256,
        "extracted_at": now(), "pipeline_version": PIPELINE_VERSION, "size": size,
        "source_url": fetch.get("url"), "request_url": request_url(x),
        "needs_ocr_pages": json.dumps(p.needs_ocr_pages) if p.needs_ocr_pages else None,
        "ocr_pages": json.dumps(p.meta["ocr_pages"]) if p.meta.get("ocr_pages") else None,
        "parse_notes": parse_notes(p.meta), "input_root": str(f.root) if f.root else None, "run_id": run_id,
    }]
    message_id = {m.seq: f"{doc_id}-m{m.seq}" for m in x.messages}
    for m in x.messages:
        rows["messages"].append({"id": message_id[m.seq], "document_id": doc_id, **asdict(m)})
    for i, a in enumerate(x.attachments):
        d = asdict(a)
        seq = d.pop("message_seq")
        rows["attachments"].append({"id": f"{doc_id}-a{i}", "document_id": doc_id, "message_id": message_id.get(seq), **d})
    for q in x.qa_pairs:
        d = asdict(q)
        seq = d.pop("message_seq")
        rows["qa_pairs"].append({"id": f"{doc_id}-q{q.seq}", "document_id": doc_id, "message_id": message_id.get(seq), **d})
    for t in x.tables:
        table_id = f"{doc_id}-t{t.seq}"
        rows["extracted_tables"].append({
            "id": table_id, "document_id": doc_id, "seq": t.seq, "title": t.title, "page": t.page,
            "n_rows": t.n_rows, "n_cols": t.n_cols, "header": json.dumps(t.header, ensure_ascii=False),
            "method": t.method, "total_check": t.total_check, "char_start": t.char_start, "char_end": t.char_end,
        })
        for c in t.cells:
            rows["table_cells"].append({"table_id": table_id, "document_id": doc_id, **asdict(c), "is_total": int(c.is_total)})
    for i, e in enumerate(x.exemptions):
        d = asdict(e)
        d["public_interest_test"] = int(e.public_interest_test)
        d["factors_for_disclosure"] = json.dumps(e.factors_for_disclosure, ensure_ascii=False)
        d["factors_for_withholding"] = json.dumps(e.factors_for_withholding, ensure_ascii=False)
        rows["exemptions"].append({"id": f"{doc_id}-x{i}", "document_id": doc_id, **d})
    for i, e in enumerate(x.entities):
        rows["entities"].append({"id": f"{doc_id}-e{i}", "document_id": doc_id, **asdict(e)})
    for i, pr in enumerate(x.programmes):
        rows["programmes"].append({"id": f"{doc_id}-p{i}", "document_id": doc_id, **asdict(pr)})
    for f in x.fields:
        rows["fields"].append({"document_id": doc_id, **asdict(f)})
    return rows


def delete_document(db: sqlite_utils.Database, doc_id: str) -> None:
    for table in DOCUMENT_TABLES:
        db.execute(f"DELETE FROM [{table}] WHERE document_id = ?", [doc_id])
    db.execute("DELETE FROM links WHERE document_id = ? OR linked_id = ?", [doc_id, doc_id])
    db.execute("DELETE FROM documents WHERE id = ?", [doc_id])


def replace_document(db: sqlite_utils.Database, rows: dict[str, list[dict]]) -> None:
    """Delete the document's old rows and insert the new ones, in one transaction."""
    doc_id = rows["documents"][0]["id"]
    with db.conn:  # BEGIN ... COMMIT, or ROLLBACK on any exception
        delete_document(db, doc_id)
        db["documents"].insert(rows["documents"][0])
        for table in DOCUMENT_TABLES:
            if rows.get(table):
                db[table].insert_all(rows[table], batch_size=500)


def remove_documents(db: sqlite_utils.Database, doc_ids: list[str]) -> None:
    with db.conn:
        for doc_id in doc_ids:
            delete_document(db, doc_id)


def start_run(db: sqlite_utils.Database, input_label: str, workers: int) -> int:
    with db.conn:
        return db["runs"].insert({
            "started_at": now(), "pipeline_version": PIPELINE_VERSION, "input": input_label, "workers": workers,
            "seen": 0, "added": 0, "changed": 0, "unchanged": 0, "removed": 0, "failed": 0,
        }).last_pk


def finish_run(db: sqlite_utils.Database, run_id: int, counts: dict, seconds: float, stage_seconds: dict) -> None:
    with db.conn:
        db["runs"].update(run_id, {
            "finished_at": now(), "seconds": round(seconds, 3), **counts,
            "stage_seconds": json.dumps({k: round(v, 3) for k, v in stage_seconds.items()}),
        })


def record_error(db: sqlite_utils.Database, run_id: int, source: str, stage: str, error_type: str, message: str, sha256: str | None) -> None:
    with db.conn:
        db["errors"].insert({
            "run_id": run_id, "source": source, "stage": stage, "error_type": error_type,
            "message": message, "content_sha256": sha256, "created_at": now(),
        })


def input_roots(db: sqlite_utils.Database) -> list[Path]:
    """The folders this database's sources are relative to (absolute paths), in the order first extracted."""
    return [Path(r["path"]) for r in db.query("SELECT path FROM input_roots ORDER BY added_at, path")]


def add_input_root(db: sqlite_utils.Database, path: Path) -> None:
    """Record a new input root; documents stored before roots were recorded belong to the first one."""
    with db.conn:
        db["input_roots"].insert({"path": str(path), "added_at": now()}, ignore=True)
        db.execute("UPDATE documents SET input_root = ? WHERE input_root IS NULL", [str(path)])


def stored_documents(db: sqlite_utils.Database) -> dict[str, dict]:
    """source -> {id, content_sha256, pipeline_version, input_root} of every stored document."""
    return {
        r["source"]: r
        for r in db.query("SELECT id, source, content_sha256, pipeline_version, input_root FROM documents")
    }


def relink(db: sqlite_utils.Database) -> None:
    """Recompute `links` between documents.

    - `attachment_of`: an attachment and the WhatDoTheyKnow request thread it
      belongs to: the file was fetched from one of the thread's attachment URLs,
      or names the thread's URL (any kind: the authority's letter, or a copy of
      the request or minutes it released), or, for an FOI response saved by hand
      with no URL, has the thread's title;
    - `annex_of`: a data annex (kind other) and its letter (see `annex_pairs`).
    """
    with db.conn:
        db.execute("DELETE FROM links")
        db.execute("""
            INSERT OR IGNORE INTO links (document_id, linked_id, relation)
            SELECT r.id, t.id, 'attachment_of' FROM documents r JOIN documents t
              ON t.kind = 'foi_request_thread' AND r.kind != 'foi_request_thread'
             AND (
                  (r.request_url IS NOT NULL AND r.request_url = t.request_url)
               OR (r.source_url IS NOT NULL AND r.source_url IN (
                       SELECT a.url FROM attachments a WHERE a.document_id = t.id
                       UNION SELECT a.html_url FROM attachments a WHERE a.document_id = t.id))
               OR (r.kind = 'foi_response' AND r.request_title IS NOT NULL AND lower(r.request_title) = lower(t.title))
             )
        """)
        annexes = list(db.query("SELECT id, source, reference FROM documents WHERE kind = 'other' "
                                "AND format IN ('xlsx', 'csv', 'docx')"))
        letters = list(db.query("SELECT id, source, reference FROM documents WHERE kind = 'foi_response'"))
        db["links"].insert_all(
            ({"document_id": a, "linked_id": l, "relation": "annex_of"} for a, l in annex_pairs(annexes, letters)),
            ignore=True,
        )


def reference_tokens(*texts: str | None) -> set[str]:
    """The case-number digits in file names or references ("tewv-rf353950-data" -> {"353950"}):
    runs of four digits or more, bare years excepted, as they name too many documents to link by."""
    runs = {m for text in texts for m in re.findall(r"\d{4,}", text or "")}
    return {r for r in runs if not re.fullmatch(r"(?:19|20)\d\d", r)}


def annex_pairs(annexes: list[dict], letters: list[dict]) -> list[tuple[str, str]]:
    """(annex id, letter id) pairs. An annex whose name or reference carries a case reference goes
    with the letter sharing it; an annex carrying none goes with the only letter in its folder."""
    def folder(source: str) -> str:
        return source.rsplit("/", 1)[0] if "/" in source else ""

    pairs = []
    for annex in annexes:
        tokens = reference_tokens(Path(annex["source"]).stem, annex["reference"])
        if tokens:
            pairs += [(annex["id"], l["id"]) for l in letters
                      if tokens & reference_tokens(Path(l["source"]).stem, l["reference"])]
        else:
            same_folder = [l for l in letters if folder(l["source"]) == folder(annex["source"])]
            if len(same_folder) == 1:
                pairs.append((annex["id"], same_folder[0]["id"]))
    return pairs
