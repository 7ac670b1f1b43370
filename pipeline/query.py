"""Reading the database: SQL, full-text search, one document's extraction, run status."""
from __future__ import annotations

import json
import sqlite3
import textwrap
from pathlib import Path

import sqlite_utils

from . import load


def run_query(db_path: str, sql: str, params: list | None = None) -> list[dict]:
    """Run SQL on a read-only connection (a query can never change the database)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params or [])]
    finally:
        conn.close()


def format_rows(rows: list[dict], width: int = 60) -> str:
    """Rows as a plain text table, long values cut to `width` characters."""
    if not rows:
        return "(no rows)"
    cols = list(rows[0])

    def cell(v):
        s = "" if v is None else str(v).replace("\n", " ")
        return s if len(s) <= width else s[: width - 1] + "…"

    table = [[cell(r[c]) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in table)) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)) for row in table]
    return "\n".join(lines)


def _fts_query(words: str) -> str:
    """Plain words become an AND of quoted terms; FTS5 syntax (quotes, OR, NEAR, *) is passed through."""
    if any(ch in words for ch in '"*') or any(op in words.split() for op in ("OR", "AND", "NOT", "NEAR")):
        return words
    return " ".join('"' + w.replace('"', "") + '"' for w in words.split())


def search(db: sqlite_utils.Database, words: str, limit: int = 20, qa: bool = False) -> list[str]:
    q = _fts_query(words)
    if qa:
        sql = """
            SELECT q.document_id, d.source, q.number, snippet(qa_pairs_fts, -1, '[', ']', '…', 12) AS snip
            FROM qa_pairs_fts JOIN qa_pairs q ON q.rowid = qa_pairs_fts.rowid JOIN documents d ON d.id = q.document_id
            WHERE qa_pairs_fts MATCH ? ORDER BY rank LIMIT ?"""
        return [f"{r['document_id']}  {r['source']}  Q{r['number']}: {r['snip']}" for r in db.query(sql, [q, limit])]
    sql = """
        SELECT d.id, d.source, d.kind, snippet(documents_fts, 1, '[', ']', '…', 12) AS snip
        FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
        WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?"""
    return [f"{r['id']}  {r['source']} ({r['kind']}): {r['snip']}" for r in db.query(sql, [q, limit])]


def find_documents(db: sqlite_utils.Database, key: str, limit: int = 20) -> list[dict]:
    """The documents `key` names: an id, a source, a file's path on disk (under an input root), else every
    document whose source contains `key`."""
    for sql, arg in (("id = ?", key), ("source = ?", key)):
        rows = list(db.query(f"SELECT * FROM documents WHERE {sql}", [arg]))
        if rows:
            return rows
    path = Path(key).expanduser()
    if path.is_file():
        target = path.resolve()
        for root in load.input_roots(db):
            if root in target.parents:
                rows = list(db.query("SELECT * FROM documents WHERE source = ? AND input_root = ?",
                                     [target.relative_to(root).as_posix(), str(root)]))
                if rows:
                    return rows
    return list(db.query("SELECT * FROM documents WHERE source LIKE ? ORDER BY source LIMIT ?", [f"%{key}%", limit]))


def _chars(start: int | None, end: int | None) -> str:
    """Where a row sits in documents.text, to find it with `substr(text, start + 1, end - start)`."""
    return f" @{start}-{end}" if start is not None and end is not None else ""


def _text_before(text: str, start: int | None, around: int = 100) -> str:
    """The text just before `start` (what introduces a table), on one line."""
    if start is None or not text:
        return ""
    a = max(0, start - around)
    return ("…" if a else "") + " ".join(text[a:start].split())


def _context(text: str, start: int | None, end: int | None, around: int = 80) -> str:
    if start is None or end is None or not text:
        return ""
    a, b = max(0, start - around), min(len(text), end + around)
    return ("…" if a else "") + text[a:b].replace("\n", " ") + ("…" if b < len(text) else "")


def show_document(db: sqlite_utils.Database, d: dict, with_text: bool = False) -> str:
    """Everything extracted from the document `d`, with provenance (page, offsets, surrounding text)."""
    did, text = d["id"], d["text"] or ""
    out = [f"{d['id']}  {d['source']}"]
    for col in ("format", "kind", "title", "authority", "reference", "request_title", "request_date",
                "response_date", "legislation", "outcome", "category", "pages", "source_url", "needs_ocr_pages",
                "extracted_at", "pipeline_version"):
        if d.get(col) not in (None, ""):
            out.append(f"  {col}: {d[col]}")

    def section(title, rows):
        if rows:
            out.append(f"\n{title} ({len(rows)})")
        return rows

    for f in section("fields", list(db.query("SELECT * FROM fields WHERE document_id=? ORDER BY seq", [did]))):
        out.append(f"  {f['label']}: {f['value']}")
    for m in section("messages", list(db.query("SELECT * FROM messages WHERE document_id=? ORDER BY seq", [did]))):
        out.append(f"  [{m['seq']}] {m['sent_at'] or '?'} {m['direction']} {m['author'] or ''}"
                   + (f" (ref {m['reference']})" if m["reference"] else ""))
        out.append(textwrap.indent(textwrap.shorten(m["text"] or "", 300), "      "))
    for a in section("attachments", list(db.query("SELECT * FROM attachments WHERE document_id=?", [did]))):
        out.append(f"  {a['name']} {a['size'] or ''} {a['url'] or ''}")
    for q in section("questions and answers", list(db.query("SELECT * FROM qa_pairs WHERE document_id=? ORDER BY seq", [did]))):
        page = f" p.{q['page']}" if q["page"] else ""
        out.append(f"  Q{q['number']}{page}{_chars(q['question_start'], q['answer_end'] or q['question_end'])} "
                   f"[{q['answer_status']}] {textwrap.shorten(q['question'] or '', 200)}")
        if q["answer"]:
            out.append(f"      A: {textwrap.shorten(q['answer'], 300)}")
    for t in section("tables", list(db.query("SELECT * FROM extracted_tables WHERE document_id=? ORDER BY seq", [did]))):
        page = f" p.{t['page']}" if t["page"] else ""
        out.append(f"  {t['id']}{page}{_chars(t['char_start'], t['char_end'])} {t['title'] or '(untitled)'}: "
                   f"{t['n_rows']}x{t['n_cols']} [{t['method']}, total {t['total_check']}]")
        before = _text_before(text, t["char_start"])
        if before:
            out.append(f"      preceded by: \"{before}\"")
        header = json.loads(t["header"] or "[]")
        out.append("      " + " | ".join(header))
        rows: dict[int, list] = {}
        for c in db.query("SELECT * FROM table_cells WHERE table_id=? ORDER BY row, col", [t["id"]]):
            rows.setdefault(c["row"], []).append(c["value"] or "")
        for r in list(rows.values())[:15]:
            out.append("      " + " | ".join(r))
        if len(rows) > 15:
            out.append(f"      … {len(rows) - 15} more rows")
    for e in section("exemptions", list(db.query("SELECT * FROM exemptions WHERE document_id=?", [did]))):
        q = f" (question {e['qa_number']})" if e["qa_number"] else ""
        pit = " public interest test" if e["public_interest_test"] else ""
        page = f" p.{e['page']}" if e["page"] else ""
        out.append(f"  {e['legislation']} {e['provision']} {e['name'] or ''} [{e['kind'] or '?'}, {e['decision'] or '?'}]"
                   f"{q}{pit}{page}{_chars(e['char_start'], e['char_end'])}")
        out.append(f"      \"{textwrap.shorten(e['quote'] or _context(text, e['char_start'], e['char_end']), 300)}\"")
    for p in section("programmes", list(db.query("SELECT * FROM programmes WHERE document_id=?", [did]))):
        for col in ("name", "country", "target_audience", "organisation", "objectives", "category"):
            if p[col]:
                out.append(f"  {col}: {p[col]}")
        if p["description"]:
            out.append(f"  description: {textwrap.shorten(p['description'], 300)}")
    ents = list(db.query(
        "SELECT label, normalised, count(*) AS n FROM entities WHERE document_id=? GROUP BY 1, 2 ORDER BY 1, 3 DESC", [did]))
    if section("entities", ents):
        by_label: dict[str, list[str]] = {}
        for e in ents:
            by_label.setdefault(e["label"], []).append(f"{e['normalised']}" + (f" x{e['n']}" if e["n"] > 1 else ""))
        for label, values in by_label.items():
            out.append(f"  {label}: " + "; ".join(values[:12]) + (" …" if len(values) > 12 else ""))
    for link in section("links", list(db.query(
            "SELECT l.relation, d.id, d.source FROM links l JOIN documents d ON d.id = l.linked_id WHERE l.document_id=? "
            "UNION ALL SELECT 'has_' || l.relation, d.id, d.source FROM links l JOIN documents d ON d.id = l.document_id "
            "WHERE l.linked_id=?", [did, did]))):
        out.append(f"  {link['relation']}: {link['id']} {link['source']}")
    if with_text:
        out.append("\ntext\n" + text)
    return "\n".join(out)


def status_report(db: sqlite_utils.Database, n_runs: int = 5) -> str:
    out = ["recent runs:"]
    runs = list(db.query("SELECT * FROM runs ORDER BY id DESC LIMIT ?", [n_runs]))
    if not runs:
        out.append("  (none yet)")
    for r in runs:
        out.append(
            f"  run {r['id']} {r['started_at']} ({r['seconds'] or 0:.1f}s, {r['workers'] or 1} worker(s), "
            f"pipeline {r['pipeline_version']}): {r['seen']} seen, {r['added']} added, {r['changed']} changed, "
            f"{r['unchanged']} unchanged, {r['removed']} removed, {r['failed']} failed"
        )
    if runs:
        failing = failing_now(db)
        out.append(f"\nfiles failing now: {len(failing) or 'none'}")
        for e in failing:
            out.append(f"  {e['source']} [{e['stage']}/{e['error_type']}, run {e['run_id']}]: {e['message']}")
    out.append("\ndocuments by kind:")
    for r in db.query("SELECT kind, count(*) AS n FROM documents GROUP BY kind ORDER BY n DESC"):
        out.append(f"  {r['kind']}: {r['n']}")
    counts = {t: db[t].count for t in ("qa_pairs", "extracted_tables", "exemptions", "messages", "programmes", "entities")}
    out.append("rows: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    scanned = list(db.query("SELECT source, needs_ocr_pages FROM documents WHERE needs_ocr_pages IS NOT NULL"))
    if scanned:
        out.append("\nscanned pages not read (install Tesseract: make ocr-deps, then foi extract --force):")
        out.extend(f"  {r['source']}: pages {', '.join(map(str, json.loads(r['needs_ocr_pages'])))}" for r in scanned)
    unknown = _unknown_authorities(db)
    if unknown:
        out.append("\nauthorities not in the gazetteer (kept as written):")
        out.extend(f"  {a}" for a in unknown)
    return "\n".join(out)


def failing_now(db: sqlite_utils.Database) -> list[dict]:
    """Each file whose last attempt failed and that no later run extracted: failures of earlier runs (one file
    re-run on its own) included. A file that once was extracted keeps its last good rows meanwhile."""
    return list(db.query("""
        SELECT e.source, e.stage, e.error_type, e.message, e.run_id FROM errors e
        WHERE e.id = (SELECT max(id) FROM errors WHERE source = e.source)
          AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.source = e.source AND d.run_id > e.run_id)
        ORDER BY e.source"""))


def _unknown_authorities(db: sqlite_utils.Database) -> list[str]:
    from .normalise.authorities import is_known_authority

    names = [r["authority"] for r in db.query("SELECT DISTINCT authority FROM documents WHERE authority IS NOT NULL")]
    return sorted(n for n in names if not is_known_authority(n))
