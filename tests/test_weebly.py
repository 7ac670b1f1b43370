"""Weebly pages: template stripping, title, navigation category, fields and programme profiles.

On the shipped samples (the seed's text rendering, saved pages of two Weebly
sites) and on small Weebly-structured pages built here.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.parse import parse_file

from conftest import SAMPLES

SEED = "seed/exitpractices-hii-weebly-page.txt"


def run(path: Path, source: str | None = None):
    return extract(parse_file(path, source or path.name))


def sample(rel: str):
    return run(SAMPLES / rel, rel)


def menu(items, level=0, current=None, current_attr='class="wsite-menu-item-wrap wsite-nav-current"'):
    """A Weebly menu: nested `wsite-menu-wrap` sub-menus; the `current` label's `li` is marked."""
    out = []
    for label, children in items:
        cls = "wsite-menu-item" if level == 0 else "wsite-menu-subitem"
        attr = current_attr if label == current else f'class="{cls}-wrap"'
        sub = f'<div class="wsite-menu-wrap">{menu(children, level + 1, current, current_attr)}</div>' if children else ""
        out.append(f'<li {attr}><a href="/{label.lower().replace(" ", "-")}.html" class="{cls}">'
                   f'<span class="wsite-menu-title">{label}</span></a>{sub}</li>')
    tag = 'ul class="wsite-menu-default"' if level == 0 else 'ul class="wsite-menu"'
    return f"<{tag}>{''.join(out)}</ul>"


SITE_MENU = [
    ("Home", []),
    ("Exit programmes", [("Exit programmes in prison", [("Islamist", [("In Europe", []), ("In other regions", [])]),
                                                       ("Far-Right", [])])]),
    ("Contact", []),
]


def weebly_page(tmp_path: Path, title: str, content: str, current: str | None = None, **kw) -> Path:
    html = f"""<!DOCTYPE html><html><head><title>{title} - EXIT PRACTICES</title>
<script src="//cdn2.editmysite.com/js/site/main.js"></script></head><body class="wsite-page">
<div class="header"><span class="wsite-logo">EXIT PRACTICES</span>
<div class="nav desktop-nav">{menu(SITE_MENU, current=current, **kw)}</div>
<div class="wsite-search-wrap"><form><input class="wsite-search-input" placeholder="Search"></form></div></div>
<div id="wsite-content" class="wsite-elements wsite-not-footer">{content}</div>
<div class="footer-wrap"><div class="wsite-elements wsite-footer">Contact us at the office.</div>
<div class="weebly-footer">Proudly powered by <a href="https://www.weebly.com">Weebly</a></div></div>
<div id="navMobile" class="nav mobile-nav">{menu(SITE_MENU, current=current, **kw)}</div></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return path


# --------------------------------------------------------------------------
# The seed: a text rendering with the menu three times
# --------------------------------------------------------------------------


def test_seed_text_rendering_keeps_only_the_content():
    x = sample(SEED)
    text = x.parsed.text
    assert x.info.kind == "weebly_page"
    assert text.startswith("Healthy Identity Intervention (HII)\n")
    assert text.rstrip().endswith("[1] Please see page 23.")
    for chrome in ("Exit programmes in probation", "Methodological Conceptualisation", "Proudly powered by Weebly",
                   "Picture", "Exit Practices"):
        assert chrome not in text
    # Lists in the content are kept, in order.
    assert "priorities:\n• Improved intelligence gathering;\n• Staff training/awareness raising;" in text
    assert x.parsed.meta["weebly"]["site_name"] == "Exit Practices"


def test_seed_profile_gives_one_programme_with_every_field():
    x = sample(SEED)
    assert x.info.title == "Healthy Identity Intervention (HII)"
    (p,) = x.programmes
    assert p.name == "Healthy Identity Intervention (HII)"
    assert p.country == "United Kingdom"  # the flag's caption: a line that is only a country name
    assert p.target_audience == "Inmates convicted of terrorism related offences"
    assert p.organisation == "Her Majesty’s Prison and Probation Service (HMPPS)"
    assert p.objectives.startswith("Facilitating circumstances that promote disengagement")
    assert p.description.startswith("In the UK, the National Offenders Management Service")
    # The description keeps its lists and footnote in order, and nothing of the template.
    assert p.description.index("• Improved intelligence") < p.description.index("• Good Lives Model.") \
        < p.description.index("[1] Please see page 23.")
    assert "Proudly powered" not in p.description and "Far-Left" not in p.description
    labels = [f.label for f in x.fields]
    assert labels == ["Name", "Target audience", "Organisation", "Objectives", "Description"]


def test_text_rendering_category_from_the_menu_item_named_like_the_page(tmp_path):
    seed = (SAMPLES / SEED).read_text(encoding="utf-8")
    page = seed.replace("\nHealthy Identity Intervention (HII)\n\nPicture", "\nIn Europe\n\nPicture", 1)
    path = tmp_path / "in-europe.txt"
    path.write_text(page, encoding="utf-8")
    x = run(path)
    assert x.info.title == "In Europe"
    assert x.info.category == "Exit programmes > Exit programmes in prison > Islamist"
    # The seed's own heading is in no menu: its place cannot be recovered from the rendering.
    assert sample(SEED).info.category is None


def test_a_letter_mentioning_weebly_is_not_a_weebly_page(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("Dear Sir,\nOur website is proudly powered by Weebly and costs little.\nYours faithfully\n")
    assert run(path).info.kind != "weebly_page"


# --------------------------------------------------------------------------
# Saved Weebly pages
# --------------------------------------------------------------------------


@pytest.mark.parametrize("rel, title, category", [
    ("weebly/icbikelibrary-about.html", "About", None),  # top-level item with children
    ("weebly/icbikelibrary-tuesday-wtf.html", "Tuesday W/T/F", "WEEKLY"),
    ("weebly/icbikelibrary-mujeres-en-bici.html", "MUJERES EN BICI", "PROGRAMS"),
    ("weebly/rotarysma-watershed.html", "Watershed", None),  # hidden page: in no menu
])
def test_title_without_site_name_and_category_from_the_current_menu_item(rel, title, category):
    x = sample(rel)
    assert x.info.kind == "weebly_page"
    assert x.info.title == title
    assert x.info.category == category


@pytest.mark.parametrize("rel", sorted(p.relative_to(SAMPLES).as_posix() for p in (SAMPLES / "weebly").glob("*.html")))
def test_template_is_stripped_from_saved_pages(rel):
    text = sample(rel).parsed.text
    for chrome in ("Become A Volunteer", "Saturday Stay Cozy", "JOIN OUR MAILING LIST", "Statement of Fair Use",
                   "Guest Speakers", "Members Only", "Proudly powered by", "Indicates required field", "Picture"):
        assert chrome not in text, chrome


def test_multicolumn_blocks_are_read_as_paragraphs_not_table_rows():
    x = sample("weebly/rotarysma-past-projects.html")
    assert not x.tables
    lines = x.parsed.text.split("\n")
    assert "• 2009 Water testing equipment for CEDESA" in lines
    assert not any(" | " in line for line in lines)


def test_widget_arrows_and_empty_tabs_are_dropped_but_tab_panels_kept():
    text = sample("weebly/icbikelibrary-about.html").parsed.text
    lines = text.split("\n")
    assert "<" not in lines and ">" not in lines and "." not in lines and "•" not in lines
    assert "• Equity" in lines
    assert "they are tools for social connection" in text


def test_label_value_lines_and_label_lines_followed_by_a_list():
    fields = {f.label: f.value for f in sample("weebly/icbikelibrary-tuesday-wtf.html").fields}
    assert fields["ROUND TRIP ROUTE"].startswith("22.4 miles")
    assert fields["ALTERNATE ROUTE"].startswith("14.3 miles, paved and self-supported")
    assert fields["UPCOMING"] == "Saturday May 31-Sunday June 1, 2025"
    assert not any(label[0].isdigit() or label.startswith("April") for label in fields)  # dates are not labels
    fields = {f.label: f.value for f in sample("weebly/rotarysma-watershed.html").fields}
    value = fields["Actions that can be supported"].split("\n")
    assert value[0] == "1. School and family gardens and nurseries" and value[-1].startswith("7. Workshops")
    fields = {f.label: f.value for f in sample("weebly/icbikelibrary-about.html").fields}
    assert fields == {"Mission": "Get more people on bicycles.",
                      "Vision": "Empower people to make bicycling a primary form of transportation in our community."}


def test_narrative_programme_pages():
    p, = sample("weebly/icbikelibrary-mujeres-en-bici.html").programmes
    assert p.name == "Mujeres en Bicis"  # from "Mujeres en Bicis is a outreach program", not the misspelt heading
    assert p.target_audience == "Spanish-speaking Moms"
    assert p.description.startswith('Mujeres en Bicis" es un programa')
    assert p.category == "PROGRAMS"
    p, = sample("weebly/icbikelibrary-tuesday-wtf.html").programmes
    assert p.name == "Women/Trans/Femme (W/T/F) Tuesday"
    assert p.target_audience == "women, trans, femme and gender non-conforming folks"
    # The bold schedule line is not the description, which ends at the next heading.
    assert p.description.startswith("This program dedicates space") and p.description.endswith("Please join us!")
    p, = sample("weebly/rotarysma-watershed.html").programmes
    assert (p.name, p.country) == ("Watershed Education Project", "Mexico")
    assert p.description.startswith("In recent years, the water crisis")


@pytest.mark.parametrize("rel", ["weebly/icbikelibrary-about.html", "weebly/rotarysma-past-projects.html"])
def test_pages_that_profile_no_single_programme_give_none(rel):
    assert sample(rel).programmes == []


# --------------------------------------------------------------------------
# Hand-built pages
# --------------------------------------------------------------------------

PROFILE = """<h2 class="wsite-content-title">Healthy Identity Intervention (HII)</h2>
<div class="paragraph"><strong>Country</strong><br>United Kingdom</div>
<div class="paragraph"><strong>Target audience</strong><br>Inmates convicted of terrorism related offences</div>
<dl><dt>Organisation</dt><dd>HM Prison and Probation Service</dd></dl>
<table><tr><td>Objectives</td><td>Promote disengagement</td></tr><tr><td>Programme focus</td><td>Identity</td></tr></table>
<h2>Description</h2><div class="paragraph">A one-to-one intervention.<ul><li>Risk-Need-Responsivity</li>
<li>Good Lives Model</li></ul></div>"""


def test_nested_menu_with_active_item_gives_the_parents_path(tmp_path):
    x = run(weebly_page(tmp_path, "In Europe", "<h2>In Europe</h2><div class='paragraph'>Programmes.</div>",
                        current="In Europe"))
    assert x.info.category == "Exit programmes > Exit programmes in prison > Islamist"
    assert x.info.title == "In Europe"
    assert x.parsed.text == "In Europe\n\nProgrammes."  # no menu, logo, search, footer
    # Themes mark the current item as li#active too.
    x = run(weebly_page(tmp_path, "Far-Right", "<h2>Far-Right</h2>", current="Far-Right", current_attr='id="active"'))
    assert x.info.category == "Exit programmes > Exit programmes in prison"
    x = run(weebly_page(tmp_path, "Contact", "<h2>Contact</h2>", current="Contact"))
    assert x.info.category is None


def test_profile_page_from_bold_labels_definition_list_and_two_column_table(tmp_path):
    path = weebly_page(tmp_path, "Healthy Identity Intervention", PROFILE)
    doc = parse_file(path, "page.html")
    doc.meta["fetch"] = {"url": "https://exit.example/hii.html",
                         "nav_path": ["Exit programmes", "Exit programmes in prison", "Islamist", "In Europe"]}
    x = extract(doc)
    assert x.info.category == "Exit programmes > Exit programmes in prison > Islamist > In Europe"  # from the crawl
    fields = {f.label: f.value for f in x.fields}
    assert fields["Country"] == "United Kingdom"
    assert fields["Organisation"] == "HM Prison and Probation Service"
    assert fields["Programme focus"] == "Identity"
    (p,) = x.programmes
    assert p.name == "Healthy Identity Intervention (HII)"
    assert (p.country, p.target_audience) == ("United Kingdom", "Inmates convicted of terrorism related offences")
    assert (p.organisation, p.objectives) == ("HM Prison and Probation Service", "Promote disengagement")
    assert p.description == "A one-to-one intervention.\n• Risk-Need-Responsivity\n• Good Lives Model"
    assert p.source_url == "https://exit.example/hii.html"
    assert p.category == x.info.category


def test_page_without_a_profile_gives_a_document_and_no_programme(tmp_path):
    content = """<h2>Contact</h2><div class="paragraph">Write to us: <strong>Email:</strong> info@exit.example<br>
We answer within a week.</div>"""
    x = run(weebly_page(tmp_path, "Contact", content, current="Contact"))
    assert x.info.kind == "weebly_page" and x.info.title == "Contact"
    assert x.programmes == []
    assert "Email: info@exit.example" in x.parsed.text
