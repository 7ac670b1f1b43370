"""Run the benchmark: `python -m bench.run [--n 300] [--workers 2]` (what `make bench` does).

Prints a Markdown table and writes extracted/bench.json and extracted/bench.md. Each
extraction runs as its own `foi extract` process so that its wall time and peak
memory (RSS) are its own.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber
import pypdfium2

from .corpus import ROOT, build

FOI = Path(sys.executable).with_name("foi")


def run_extract(raw: Path, db: Path, workers: int = 1, force: bool = False) -> dict:
    """Time one `foi extract` process; returns seconds, peak RSS (MiB) and the run's row."""
    cmd = [str(FOI), "extract", str(raw), "--db", str(db), "--workers", str(workers), "--no-progress"]
    if force:
        cmd.append("--force")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    run = dict(conn.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1").fetchone())
    conn.close()
    return {"seconds": seconds, "peak_rss_mib": usage.ru_maxrss / 1024, "run": run,
            "exit_code": os.waitstatus_to_exitcode(status)}


def bare_pdfplumber(pdfs: list[Path]) -> float:
    """The floor: pdfplumber alone on the same PDFs (open, extract_text and find_tables on every page)."""
    t0 = time.perf_counter()
    for path in pdfs:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.find_tables()
    return time.perf_counter() - t0


def parse_stage(pdfs: list[Path]) -> float:
    """The pipeline's parse stage alone on the same PDFs, in this process (no start-up, extraction, NLP or load)."""
    from pipeline.parse import parse_file

    t0 = time.perf_counter()
    for path in pdfs:
        parse_file(path, path.name)
    return time.perf_counter() - t0


def bare_pdfium(pdfs: list[Path]) -> float:
    """The limit: PDFium's text extraction of the same PDFs."""
    t0 = time.perf_counter()
    for path in pdfs:
        pdf = pypdfium2.PdfDocument(str(path))
        for page in pdf:
            page.get_textpage().get_text_range()
        pdf.close()
    return time.perf_counter() - t0


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=int(os.environ.get("N", 300)), help="documents in the corpus")
    ap.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2))
    ap.add_argument("--out", type=Path, default=ROOT / "extracted")
    a = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="foi-bench-"))
    raw = work / "raw"
    t0 = time.perf_counter()
    stats = build(raw, a.n)
    build_s = time.perf_counter() - t0
    pdfs = sorted(raw.glob("*.pdf"))

    single = run_extract(raw, work / "one.db", workers=1)
    parallel = run_extract(raw, work / "many.db", workers=a.workers)
    floor = bare_pdfplumber(pdfs)
    limit = bare_pdfium(pdfs)
    parse = parse_stage(pdfs)
    noop = run_extract(raw, work / "one.db")
    changed_file = sorted(raw.glob("*.txt"))[0]
    changed_file.write_text(changed_file.read_text(encoding="utf-8") + "\nA late postscript.\n", encoding="utf-8")
    one_changed = run_extract(raw, work / "one.db")
    sorted(raw.glob("*.html"))[0].unlink()
    one_removed = run_extract(raw, work / "one.db")

    # The pipeline's own time on PDFs, for the ratio to the floor: a PDF-only run.
    pdf_only = work / "pdf-only"
    pdf_only.mkdir()
    for p in pdfs:
        shutil.copy(p, pdf_only / p.name)
    pdf_run = run_extract(pdf_only, work / "pdf.db", workers=1)

    stage = json.loads(single["run"].get("stage_seconds") or "{}")
    total_stage = sum(stage.values()) or 1.0
    pdf_stage = json.loads(pdf_run["run"].get("stage_seconds") or "{}")
    result = {
        "machine": f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "corpus": {"documents": a.n, **stats, "build_seconds": round(build_s, 1)},
        "single_worker": {"seconds": round(single["seconds"], 2), "docs_per_s": round(a.n / single["seconds"], 1),
                          "pdf_pages_per_s": round(stats["pdf_pages"] / single["seconds"], 1),
                          "peak_rss_mib": round(single["peak_rss_mib"], 1), "failed": single["run"]["failed"]},
        "workers": {"n": a.workers, "seconds": round(parallel["seconds"], 2),
                    "docs_per_s": round(a.n / parallel["seconds"], 1),
                    "speedup": round(single["seconds"] / parallel["seconds"], 2)},
        "pdf": {"pipeline_seconds": round(pdf_run["seconds"], 2), "bare_pdfplumber_seconds": round(floor, 2),
                "pdfium_text_seconds": round(limit, 2),
                "ratio_to_pdfplumber_floor": round(pdf_run["seconds"] / floor, 2),
                "ratio_to_pdfium_limit": round(pdf_run["seconds"] / limit, 1),
                "parse_seconds": round(parse, 2), "parse_ratio_to_pdfplumber_floor": round(parse / floor, 2),
                "parse_ratio_to_pdfium_limit": round(parse / limit, 1)},
        "stage_share": {k: round(v / total_stage, 3) for k, v in stage.items()},
        "pdf_stage_seconds": {k: round(v, 2) for k, v in pdf_stage.items()},
        "reruns": {"noop_seconds": round(noop["seconds"], 2), "noop_unchanged": noop["run"]["unchanged"],
                   "one_changed_seconds": round(one_changed["seconds"], 2), "one_changed": one_changed["run"]["changed"],
                   "one_removed_seconds": round(one_removed["seconds"], 2), "one_removed": one_removed["run"]["removed"]},
    }
    md = to_markdown(result)
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "bench.json").write_text(json.dumps(result, indent=1))
    (a.out / "bench.md").write_text(md)
    print(md)
    shutil.rmtree(work, ignore_errors=True)
    return result


def to_markdown(r: dict) -> str:
    s, w, p, re_ = r["single_worker"], r["workers"], r["pdf"], r["reruns"]
    c = r["corpus"]
    rows = [
        ("corpus", f"{c['documents']} documents: {c['pdf']} PDFs ({c['pdf_pages']} pages), {c['pdftohtml']} pdftohtml pages, "
                   f"{c['wdtk']} WhatDoTheyKnow pages, {c['weebly']} Weebly pages, {c['txt']} text"),
        ("full extraction, 1 worker", f"{s['seconds']} s: {s['docs_per_s']} documents/s, {s['pdf_pages_per_s']} PDF pages/s"),
        (f"full extraction, {w['n']} workers", f"{w['seconds']} s: {w['docs_per_s']} documents/s ({w['speedup']}x one worker; target 1.7x)"),
        ("PDFs: pipeline vs bare pdfplumber (floor)", f"{p['pipeline_seconds']} s vs {p['bare_pdfplumber_seconds']} s: "
                                                      f"{p['ratio_to_pdfplumber_floor']}x (target <= 1.0x, goal 0.3x)"),
        ("PDFs: pipeline vs PDFium text (limit)", f"{p['pdfium_text_seconds']} s: pipeline is {p['ratio_to_pdfium_limit']}x"),
        ("PDFs: parse stage alone (text, positions, ruled tables)",
         f"{p['parse_seconds']} s: {p['parse_ratio_to_pdfplumber_floor']}x the pdfplumber floor, "
         f"{p['parse_ratio_to_pdfium_limit']}x the PDFium limit"),
        ("share of time per stage", ", ".join(f"{k} {v:.0%}" for k, v in r["stage_share"].items())),
        ("PDF-only run: seconds per stage", ", ".join(f"{k} {v} s" for k, v in r["pdf_stage_seconds"].items())
         + f" (the rest of {p['pipeline_seconds']} s is start-up: imports, spaCy, the database)"),
        ("no-op re-run", f"{re_['noop_seconds']} s ({re_['noop_unchanged']} unchanged)"),
        ("re-run after one file changed", f"{re_['one_changed_seconds']} s ({re_['one_changed']} changed)"),
        ("re-run after one file removed", f"{re_['one_removed_seconds']} s ({re_['one_removed']} removed)"),
        ("peak memory (RSS), 1 worker", f"{s['peak_rss_mib']} MiB"),
    ]
    out = [f"Benchmark on {r['machine']}", "", "| measure | result |", "| --- | --- |"]
    out += [f"| {a} | {b} |" for a, b in rows]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
