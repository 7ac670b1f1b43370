"""Shared fixtures: the shipped samples, and small generated documents."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "raw"  # the shipped samples (a copy of shared/samples)


@pytest.fixture
def samples_dir(tmp_path) -> Path:
    """A private copy of the shipped sample folder, safe to modify."""
    dst = tmp_path / "raw"
    shutil.copytree(SAMPLES, dst, ignore=shutil.ignore_patterns("sources.toml", "*.fetch.json", ".*"))
    return dst


def make_text_pdf(path: Path, pages: list[str]) -> Path:
    """A simple PDF with a text layer, one string (may hold newlines) per page."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    pdf.output(str(path))
    return path
