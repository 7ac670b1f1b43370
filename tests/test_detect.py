"""Every shipped sample is given the right kind, from its content alone."""
import json
from pathlib import Path

import pytest

from pipeline.detect import detect_kind
from pipeline.parse import parse_file

from conftest import ROOT, SAMPLES

GOLD = ROOT.parent / "shared" / "eval" / "gold"
# The kind of each sample, as its hand annotation gives it (shared/eval/gold), copied here so the
# suite runs without the shared folder.
EXPECTED = {
    "other/cnwl-foi-124-word-table.docx": "foi_response",
    "other/tewv-rf353950-referrals-data.xlsx": "other",
    "pdf/bsmhft-foi006-2021-s40.pdf": "foi_response",
    "pdf/cornwall-foi-86420-ruled-table.pdf": "foi_response",
    "pdf/devon-foi-21-22-003-s12.pdf": "foi_response",
    "pdf/lscft-foi-2021-131-s12-quoted.pdf": "foi_response",
    "pdf/rdash-foi-2880-table-across-pages.pdf": "foi_response",
    "pdf/somerset-foi-100455-numbered-qa.pdf": "foi_response",
    "seed/exitpractices-hii-weebly-page.txt": "weebly_page",
    "seed/moj-foi-200612017-attachment.txt": "foi_response",
    "wdtk/1000437.html": "foi_request_thread",
    "wdtk/1396660.html": "foi_request_thread",
    "wdtk/1400678.html": "foi_request_thread",
    "wdtk/1405481.html": "foi_request_thread",
    "wdtk/88779.html": "foi_request_thread",
    "weebly/icbikelibrary-about.html": "weebly_page",
    "weebly/icbikelibrary-mujeres-en-bici.html": "weebly_page",
    "weebly/icbikelibrary-tuesday-wtf.html": "weebly_page",
    "weebly/rotarysma-past-projects.html": "weebly_page",
    "weebly/rotarysma-watershed.html": "weebly_page",
}


@pytest.mark.parametrize("source", sorted(EXPECTED))
def test_kind_of_every_sample(source):
    doc = parse_file(SAMPLES / source, source)
    assert detect_kind(doc) == EXPECTED[source]


def test_expected_kinds_agree_with_the_gold_annotations():
    if not GOLD.is_dir():
        pytest.skip("shared/eval/gold is not beside this checkout")
    for source, kind in EXPECTED.items():
        assert json.loads((GOLD / f"{source}.json").read_text())["kind"] == kind


def test_a_renamed_letter_is_still_a_response(tmp_path):
    src = SAMPLES / "seed/moj-foi-200612017-attachment.txt"
    renamed = tmp_path / "notes.md"
    renamed.write_bytes(src.read_bytes())
    assert detect_kind(parse_file(renamed, "notes.md")) == "foi_response"


def test_prose_without_foi_signals_is_other(tmp_path):
    p = tmp_path / "recipe.txt"
    p.write_text("Pancakes\n\nMix flour, eggs and milk. Fry in butter until golden.\n")
    assert detect_kind(parse_file(p, "recipe.txt")) == "other"
