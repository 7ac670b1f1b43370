"""Weebly pages unlike the shipped samples: other themes' menu marking, newer footers,
blog posts, galleries and forms, other profiles of the seed's site, non-profile pages.

Each page is built here in the markup (or text rendering) real Weebly sites produce.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.parse import parse_file

from conftest import SAMPLES

SEED = "seed/exitpractices-hii-weebly-page.txt"


def run(path: Path):
    return extract(parse_file(path, path.name))


def seed_menu() -> str:
    """The seed's menu copy printed after the site name (its indentation intact)."""
    seed = (SAMPLES / SEED).read_text(encoding="utf-8")
    return seed.split("\nExit Practices\n", 1)[1].split("\n\n", 1)[0]


def rendering(tmp_path: Path, body: str, footer: str = "Proudly powered by Weebly") -> Path:
    menu = seed_menu()
    path = tmp_path / "page.txt"
    path.write_text(f"{menu}\nExit Practices\n{menu}\n\n{body}\n{footer}\n{menu}", encoding="utf-8")
    return path


PROFILE = """Aarhus Model

Picture
Denmark

Picture
Name
Aarhus Model
Picture
Target audience
Young people at risk of radicalisation and returning foreign fighters
Picture
Organisation
East Jutland Police and the Municipality of Aarhus
Picture
Objectives
Prevent radicalisation; support the reintegration of returnees
Description

The Aarhus Model is a multi-agency programme established in 2007.
  • Mentoring;
  • Exit talks.
 
Participation is voluntary."""


@pytest.mark.parametrize("footer", [
    "Powered by Create your own unique website with customizable templates.\nGet Started",
    "Powered by\nCreate your own unique website with customizable templates.\nGet Started",
])
def test_rendering_with_the_newer_weebly_footer_is_a_weebly_profile(tmp_path, footer):
    x = run(rendering(tmp_path, PROFILE, footer))
    assert x.info.kind == "weebly_page"
    assert x.info.title == "Aarhus Model"
    text = x.parsed.text
    assert text.rstrip().endswith("Participation is voluntary.")
    for chrome in ("Get Started", "customizable templates", "Powered by", "Far-Left", "Picture"):
        assert chrome not in text
    (p,) = x.programmes
    assert (p.name, p.country) == ("Aarhus Model", "Denmark")
    assert p.organisation == "East Jutland Police and the Municipality of Aarhus"
    assert p.description.startswith("The Aarhus Model is a multi-agency programme")
    assert "Get Started" not in p.description


def test_non_profile_page_using_programme_as_a_modifier_gives_no_programme(tmp_path):
    body = """Evaluation Framework

The framework sets out how exit programmes in prison and probation can be assessed. The programme evaluation relies on three pillars:
  • Process evaluation;
  • Outcome evaluation.
 
The programme team of each partner reviewed the framework."""
    x = run(rendering(tmp_path, body))
    assert x.info.title == "Evaluation Framework"
    assert x.info.category == "What Works"
    assert x.programmes == []


def test_a_programme_as_subject_of_a_verb_still_makes_a_narrative_profile(tmp_path):
    body = """Mentoring

This programme offers weekly mentoring to young people leaving custody in Germany."""
    (p,) = run(rendering(tmp_path, body)).programmes
    assert p.description.startswith("This programme offers weekly mentoring")


MENU = """<ul class="wsite-menu-default">
<li id="pg1" class="wsite-menu-item-wrap"><a href="/" class="wsite-menu-item">Home</a></li>
<li id="{about}" class="wsite-menu-item-wrap"><a href="/about.html" class="wsite-menu-item">About Us</a>
<div class="wsite-menu-wrap" style="display:none"><ul class="wsite-menu">
<li id="wsite-nav-11" class="wsite-menu-subitem-wrap "><a href="/board.html" class="wsite-menu-subitem"><span class="wsite-menu-title">Board</span></a></li>
<li id="wsite-nav-12" class="wsite-menu-subitem-wrap {history}"><a href="/history.html" class="wsite-menu-subitem"><span class="wsite-menu-title">Our History</span></a></li>
</ul></div></li>
<li id="{news}" class="wsite-menu-item-wrap"><a href="/news.html" class="wsite-menu-item">News</a></li>
<li id="pg4" class="wsite-menu-item-wrap"><a href="/contact.html" class="wsite-menu-item">Contact</a></li>
</ul>"""


def page(tmp_path: Path, title: str, content: str, menu: str) -> Path:
    html = f"""<!DOCTYPE html><html><head><title>{title} - Friends of the Park</title>
<meta property="og:site_name" content="Friends of the Park" />
<script src="//cdn2.editmysite.com/js/site/main.js"></script></head><body class="wsite-page">
<div class="banner-wrap"><span class="wsite-logo"><a href="/"><span id="wsite-title">Friends of the Park</span></a></span>
<div id="navigation">{menu}</div></div>
<div class="main-wrap"><div id="wsite-content" class="wsite-elements wsite-not-footer">{content}</div></div>
<div class="footer-wrap"><div class="wsite-elements wsite-footer"><div class="paragraph">&copy; 2023 Friends of the Park.
Registered charity.</div></div></div>
<div class="nav mobile-nav">{menu}</div></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_sub_page_marked_both_in_its_section_and_itself_gets_the_section_as_category(tmp_path):
    # Weebly marks the top-level section `li#active` and the sub-page `li.wsite-nav-current`.
    menu = MENU.format(about="active", history="wsite-nav-current", news="pg3")
    content = '<h2 class="wsite-content-title">Our History</h2><div class="paragraph">Founded in 1998.</div>'
    x = run(page(tmp_path, "Our History", content, menu))
    assert x.info.title == "Our History"
    assert x.info.category == "About Us"
    assert "Board" not in x.parsed.text and "Registered charity" not in x.parsed.text


BLOG = """<div id="blogTable" class="blogTable"><div class="blog-body">
<div id="blog-post-123456" class="blog-post"><div class="blog-header">
<h2 class="blog-title"><a class="blog-title-link blog-link" href="/news/spring-clean-up-day">Spring Clean-Up Day</a></h2>
<p class="blog-date"><span class="date-text">4/15/2023</span></p></div>
<div class="blog-content"><div class="paragraph">Over forty volunteers cleared litter from the north meadow.</div>
<div class="wsite-image"><a><img src="/uploads/cleanup.jpg" alt="Picture"></a>
<div style="display:block;font-size:90%">Volunteers at the north gate</div></div>
<div class="paragraph">Thank you to everyone who came along.</div></div>
<div class="blog-comments-bottom"><a class="blog-link" href="/news/spring-clean-up-day#comments">0 Comments</a></div></div>
<div id="comments"><h2 class="blog-comments-title">Leave a Reply.</h2>
<form id="commentForm"><label>Name (required)</label><input/></form></div></div>
<div class="blog-sidebar"><div class="column-blog"><h2 class="wsite-content-title">Archives</h2>
<p><a href="/news/archives/04-2023">April 2023</a></p><h2 class="wsite-content-title">Categories</h2>
<p><a href="/news/category/all">All</a></p><p><a href="/news/feed" class="blog-link">RSS Feed</a></p></div></div></div>"""


def test_blog_post_keeps_the_post_and_drops_sidebar_and_comment_widgets(tmp_path):
    menu = MENU.format(about="pg2", history="", news="active")
    x = run(page(tmp_path, "Spring Clean-Up Day - News", BLOG, menu))
    assert x.info.title == "Spring Clean-Up Day"  # the post's title, not `<title>` with the blog's name
    text = x.parsed.text
    for kept in ("4/15/2023", "Over forty volunteers", "Volunteers at the north gate", "Thank you to everyone"):
        assert kept in text
    for chrome in ("0 Comments", "Leave a Reply", "Archives", "RSS Feed", "Name (required)"):
        assert chrome not in text
    assert x.programmes == []


def test_single_menu_copy_whose_first_item_lost_its_indentation(tmp_path):
    # Copied from a browser: the menu once, its first line flush left, the others indented.
    menu = seed_menu()
    first, rest = menu.split("\n", 1)
    path = tmp_path / "page.txt"
    path.write_text(f"{first.lstrip()}\n{rest}\n\nIn other regions\n\nPrisons outside Europe.\nProudly powered by Weebly\n",
                    encoding="utf-8")
    x = run(path)
    assert x.parsed.text.startswith("In other regions\n")
    assert x.info.category == "Exit programmes > Exit programmes in prison > Islamist"
