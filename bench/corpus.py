"""A deterministic benchmark corpus: multi-page PDF letters with ruled and unruled tables,
pdftohtml-style attachment pages, WhatDoTheyKnow-style request pages, Weebly pages and text.

The same `n` and `seed` always give byte-identical files, so runs are comparable.
"""
from __future__ import annotations

import random
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "raw"

AUTHORITIES = ["Ministry of Justice", "Home Office", "Devon Partnership NHS Trust", "Leeds City Council",
               "Metropolitan Police Service", "Department for Education"]
TOPICS = ["prison education", "housing support", "agency staff", "mobile phones", "road repairs", "hospital parking"]
WORDS = ("the information you requested is held by the department and is provided below in the format "
         "requested where this was possible within the cost limit").split()


def sentence(rng: random.Random, n: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def pdf_letter(path: Path, rng: random.Random, i: int) -> int:
    """A 2-4 page response letter; returns its page count."""
    styles = getSampleStyleSheet()
    authority, topic = rng.choice(AUTHORITIES), rng.choice(TOPICS)
    story = [Paragraph(authority, styles["Title"]), Paragraph(f"Our ref: FOI {100000 + i}", styles["Normal"]),
             Paragraph(f"{rng.randint(1, 28)} March 2021", styles["Normal"]), Spacer(1, 12),
             Paragraph("Dear Requester,", styles["Normal"]),
             Paragraph(f"Freedom of Information Act 2000 request about {topic}", styles["Heading2"]),
             Paragraph("Thank you for your request dated 1 February 2021 in which you asked:", styles["Normal"])]
    n_q = rng.randint(3, 7)
    for q in range(1, n_q + 1):
        story.append(Paragraph(f"{q}. How many {topic} cases were recorded in {2015 + q}?", styles["Normal"]))
    for q in range(1, n_q + 1):
        story.append(Paragraph(f"{q}. How many {topic} cases were recorded in {2015 + q}?", styles["Heading4"]))
        story += [Paragraph(sentence(rng, 40), styles["Normal"]) for _ in range(rng.randint(1, 3))]
        if q == 2:
            rows = [["Year", "Count"]] + [[f"{2013 + y}/{14 + y}", str(rng.randint(5, 90))] for y in range(6)]
            rows.append(["Total", str(sum(int(r[1]) for r in rows[1:]))])
            t = Table(rows)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story += [Paragraph(f"Table {q}: {topic} by year", styles["Normal"]), t]
        if q == 3:
            rows = [["Region", "Staff", "Cost"]] + [[f"Region {r}", str(rng.randint(1, 50)), f"£{rng.randint(1, 900)},000"]
                                                     for r in range(5)]
            story.append(Table(rows))  # unruled: aligned columns only
        if q == n_q and rng.random() < 0.5:
            story.append(Paragraph("This information is exempt under section 40(2) of the FOIA as it is personal data "
                                   "of third parties.", styles["Normal"]))
    story += [Paragraph(sentence(rng, 60), styles["Normal"]) for _ in range(rng.randint(4, 12))]
    story.append(Paragraph("You have the right to ask the Information Commissioner's Office to investigate.", styles["Normal"]))
    doc = SimpleDocTemplate(str(path), pagesize=A4, invariant=1)
    doc.build(story)
    return doc.page


def pdftohtml_page(rng: random.Random, i: int) -> str:
    """An attachment page as WhatDoTheyKnow serves it: pdftohtml's simple layout (odd i) or its `-c` layout (even i)."""
    lines = [f"Freedom of Information request {200000 + i}", "Dear Requester,",
             "Thank you for your request dated 2nd March 2020 in which you asked:"]
    for q in range(1, 5):
        lines += [f"{q}) How many {rng.choice(TOPICS)} cases were there?", sentence(rng)]
    lines += ["Year completed", "Count of Completions"] + [v for y in range(5) for v in (f"201{y} – 1{y + 1}", str(rng.randint(1, 40)))]
    wrapper = ('<div class="view_html_prefix">This is an HTML version of an attachment to the Freedom of Information '
               f"request '<a href=\"/request/benchmark_request_{i}#incoming-{i}\">Benchmark request {i}</a>'.</div>")
    if i % 2:
        body = "<a name=1></a>" + "".join(f"{t.replace(' ', '&#160;')}<br/>\n" for t in lines) + "<hr/>\n"
    else:
        body = ('<div id="page1-div" style="position:relative;width:892px;height:1263px;">\n'
                + "".join(f'<p style="position:absolute;top:{100 + 18 * n}px;left:90px;white-space:nowrap" class="ft10">{t}</p>\n'
                          for n, t in enumerate(lines)) + "</div>")
    return f'<html><body>{wrapper}<div id="wrapper"><div id="view-html-content">\n{body}</div></div></body></html>'


def build(out: Path, n: int = 300, seed: int = 2026) -> dict[str, int]:
    """Write `n` documents into `out`; returns how many of each kind, and PDF pages."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    wdtk = sorted((SAMPLES / "wdtk").glob("*.html"))
    weebly = sorted((SAMPLES / "weebly").glob("*.html"))
    seed_text = (SAMPLES / "seed/moj-foi-200612017-attachment.txt").read_text(encoding="utf-8")
    stats = {"pdf": 0, "pdf_pages": 0, "pdftohtml": 0, "wdtk": 0, "weebly": 0, "txt": 0}
    for i in range(n):
        slot = i % 10
        if slot < 5:
            stats["pdf_pages"] += pdf_letter(out / f"letter-{i:05d}.pdf", rng, i)
            stats["pdf"] += 1
        elif slot == 5:
            (out / f"attachment-{i:05d}.html").write_text(pdftohtml_page(rng, i), encoding="utf-8")
            stats["pdftohtml"] += 1
        elif slot in (6, 7):
            src = wdtk[i % len(wdtk)].read_text(encoding="utf-8")
            (out / f"request-{i:05d}.html").write_text(src.replace("</title>", f" {i}</title>", 1), encoding="utf-8")
            stats["wdtk"] += 1
        elif slot == 8:
            src = weebly[i % len(weebly)].read_text(encoding="utf-8")
            (out / f"page-{i:05d}.html").write_text(src.replace("</title>", f" {i}</title>", 1), encoding="utf-8")
            stats["weebly"] += 1
        else:
            (out / f"letter-{i:05d}.txt").write_text(seed_text.replace("200612017", str(300000000 + i)), encoding="utf-8")
            stats["txt"] += 1
    return stats
