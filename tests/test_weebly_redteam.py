"""Weebly pages, third pass (from a red-team round): a single blog post's place in the menu and its
byline, values that must stop at an image caption or a new multi-column block, labels with
qualifiers ("Main objective"), a bare "Programme" label, and an "About ..." line heading a description.

Pages are built with the helpers of `test_weebly_more` (Weebly's published markup).
"""
from __future__ import annotations

from pathlib import Path

import pytest

import tests.test_weebly_more as more
from tests.test_weebly_more import MENU, PROSE, TITLE, fields_of, multicol, run, weebly_page


def post(body: str, *, title: str = "Spotlight: a mentoring programme", slug: str = "spotlight") -> str:
    """One blog post as Weebly publishes it: header (title, date, byline, comment count), content,
    footer with the post's categories."""
    return f"""<div class="blog-post" id="blog-post-{len(slug)}"><div class="blog-header">
<h2 class="blog-title"><a class="blog-title-link blog-link" href="/blog/{slug}">{title}</a></h2>
<p class="blog-date"><span class="date-text">14/3/2023</span> <span class="blog-author-text">by the editorial team</span></p>
<div class="blog-comments-top"><a class="blog-link" href="/blog/{slug}#comments">0 Comments</a></div></div>
<div class="blog-separator">&nbsp;</div><div class="blog-content">{body}</div>
<div class="blog-footer"><p class="blog-category">Categories: <a href="/blog/category/spotlight">Spotlight</a>,
<a href="/blog/category/prison">Prison</a></p></div></div>"""


def blog_post(body: str, **kw) -> str:
    """A blog post's own page: the post, its comment area, the blog's sidebar."""
    return f"""<div class="container"><div id="blogTable" class="blog-table">{post(body, **kw)}
<div class="blog-comments-bottom"><div id="commentArea"><h2 id="comments">0 Comments</h2></div></div></div>
<div class="blog-sidebar"><h2 class="wsite-content-title">Archives</h2><p>March 2023</p></div></div>"""


POST_PROFILE = """<div class="paragraph">In this month's spotlight we look at a mentoring programme for people leaving
prison after a terrorist offence.</div>
<div class="paragraph"><strong>Country:</strong> Denmark<br><strong>Organisation:</strong> Danish Prison and Probation
Service<br><strong>Target audience:</strong> Inmates convicted of terrorism-related offences</div>"""


def test_a_single_blog_post_sits_under_the_blog_it_belongs_to(tmp_path):
    x = run(weebly_page(tmp_path, "Spotlight - Blog", blog_post(POST_PROFILE), "Blog", slug="blog"))
    assert x.info.title == "Spotlight: a mentoring programme"
    assert x.info.category == "Blog"
    assert [p.category for p in x.programmes] == ["Blog"]


def test_the_blog_page_listing_posts_is_itself_top_level(tmp_path):
    listing = f'<div id="blogTable" class="blog-table">{post(POST_PROFILE)}{post(POST_PROFILE, slug="other")}</div>'
    x = run(weebly_page(tmp_path, "Blog", listing, "Blog", slug="blog"))
    assert x.parsed.text.count("In this month's spotlight") == 2
    assert x.info.category is None


def test_a_menu_item_linking_to_the_post_itself_is_the_posts_own(tmp_path, monkeypatch):
    monkeypatch.setattr(more, "MENU", MENU + [("Spotlight", "/blog/spotlight", [])])
    x = run(weebly_page(tmp_path, "Spotlight - Blog", blog_post(POST_PROFILE), "Spotlight"))
    assert x.info.category is None


def test_a_posts_byline_comment_count_and_categories_are_template(tmp_path):
    x = run(weebly_page(tmp_path, "Spotlight - Blog", blog_post(POST_PROFILE), "Blog", slug="blog"))
    text = x.parsed.text
    for chrome in ("by the editorial team", "0 Comments", "Categories:", "Prison\n"):
        assert chrome not in text + "\n"
    assert "14/3/2023" in text  # the post's date stays, and is kept apart
    assert x.parsed.meta["weebly"]["post_date"] == "14/3/2023"
    (p,) = x.programmes
    assert p.description.startswith("In this month's spotlight")
    assert {"Country", "Organisation", "Target audience"} <= set(fields_of(x)) and "Categories" not in fields_of(x)


DESCRIPTION = ('<h2 class="wsite-content-title">Programme description</h2><div class="paragraph">The centre was set up in '
               '2015 to offer exit support to people who want to turn away from extremism.</div>')
IMAGE = ('<div><div class="wsite-image wsite-image-border-none" style="padding-top:10px;text-align:center">'
         '<a><img src="/uploads/workshop_orig.jpg" alt="Picture" style="width:auto;max-width:100%" /></a>'
         '<div style="display:block;font-size:90%">Training for probation officers, Utrecht 2022</div></div></div>')
PROFILE_LABELS = ('<div class="paragraph"><strong>Country:</strong> Netherlands<br><strong>Target audience:</strong> '
                  'People involved in extremism</div>')


AFTER_DESCRIPTION = {
    "an image with a caption": IMAGE,
    "an image and a note in a new multi-column block": multicol(IMAGE, '<div class="paragraph">Ask the local coordinator '
                                                                      'for a first conversation about leaving.</div>'),
    "prose in a new multi-column block": multicol('<div class="paragraph">Workshops for probation officers are held '
                                                  'twice a year in Utrecht.</div>',
                                                  '<div class="paragraph">Ask the local coordinator for advice.</div>'),
}


@pytest.mark.parametrize("after", AFTER_DESCRIPTION.values(), ids=AFTER_DESCRIPTION)
def test_a_labelled_value_ends_at_an_image_caption_or_a_new_column_block(tmp_path, after):
    content = TITLE + PROFILE_LABELS + DESCRIPTION + after
    x = run(weebly_page(tmp_path, "Aarhus Model", content, "In Europe"))
    expected = "The centre was set up in 2015 to offer exit support to people who want to turn away from extremism."
    assert fields_of(x)["Programme description"] == expected
    (p,) = x.programmes
    assert p.description == expected


def test_a_caption_is_not_an_unlabelled_description(tmp_path):
    content = TITLE + PROFILE_LABELS + IMAGE + PROSE
    (p,) = run(weebly_page(tmp_path, "Aarhus Model", content)).programmes
    assert p.description.startswith("The Aarhus Model is a multi-agency exit programme")
    assert "Utrecht" not in p.description


@pytest.mark.parametrize("label", ["Main objective", "Key objectives", "Primary aim", "Overall goal",
                                   "Specific objectives"])
def test_qualified_labels_name_the_same_field(tmp_path, label):
    content = TITLE + f"""<div class="paragraph"><strong>Country:</strong> Denmark<br>
<strong>{label}:</strong> Support disengagement and reintegration</div>"""
    (p,) = run(weebly_page(tmp_path, "Aarhus Model", content)).programmes
    assert p.objectives == "Support disengagement and reintegration"


def test_a_closer_label_wins_over_a_qualified_one(tmp_path):
    content = TITLE + """<div class="paragraph"><strong>Country:</strong> Denmark<br>
<strong>Objectives:</strong> Prevent radicalisation<br><strong>Specific aims:</strong> Find work and housing</div>"""
    (p,) = run(weebly_page(tmp_path, "Aarhus Model", content)).programmes
    assert p.objectives == "Prevent radicalisation"


def test_a_bare_programme_row_names_the_programme(tmp_path):
    content = """<h2 class="wsite-content-title">LSE Exit Support</h2><div class="wcustomhtml"><table class="profile">
<tr><th>Programme</th><td>Exit support by the National Support Centre for Extremism</td></tr>
<tr><th>Country</th><td>Netherlands</td></tr><tr><th>Target audience</th><td>People who want to leave extremism</td></tr>
</table></div>"""
    (p,) = run(weebly_page(tmp_path, "LSE Exit Support", content)).programmes
    assert p.name == "Exit support by the National Support Centre for Extremism"


NOT_A_NAME = {
    "a heading over prose": TITLE + PROFILE_LABELS + """<h2 class="wsite-content-title">Programme</h2>
<div class="paragraph">The programme runs for twelve weeks. Each week participants meet their mentor.</div>""",
    "a bold label over an agenda": TITLE + PROFILE_LABELS + """<div class="paragraph"><strong>Programme</strong><br>
09:00 Welcome and introductions</div>""",
}


@pytest.mark.parametrize("content", NOT_A_NAME.values(), ids=NOT_A_NAME)
def test_a_programme_heading_or_agenda_is_not_the_name(tmp_path, content):
    (p,) = run(weebly_page(tmp_path, "Aarhus Model", content)).programmes
    assert p.name == "Aarhus Model"


def test_a_bare_programme_label_alone_does_not_make_a_profile(tmp_path):
    content = """<h2 class="wsite-content-title">Events</h2><div class="paragraph"><strong>Programme:</strong> Spring
conference<br><strong>Country:</strong> Belgium</div>"""
    assert run(weebly_page(tmp_path, "Spring conference", content)).programmes == []


def text_rendering(tmp_path: Path, body: str) -> Path:
    """A page saved as text: the menu (once per copy the theme prints), the site name, the content, Weebly's footer."""
    menu = "\n".join(f"  • {label}" for label, _, _ in MENU)
    path = tmp_path / "page.txt"
    path.write_text(f"{menu}\nExit Practices\n{menu}\n\n{body}\nProudly powered by Weebly\n{menu}", encoding="utf-8")
    return path


def test_an_about_line_heads_the_description_in_a_text_rendering(tmp_path):
    body = """Aarhus Model

Country:
Denmark
Organisation:
East Jutland Police and Aarhus Municipality

About the Aarhus model

The Aarhus model grew out of a crime-prevention partnership between the police and the municipality.
Participation is voluntary.

Last updated: 12 January 2023
"""
    x = run(text_rendering(tmp_path, body))
    (p,) = x.programmes
    assert p.description == ("The Aarhus model grew out of a crime-prevention partnership between the police and the "
                             "municipality.\nParticipation is voluntary.")
    assert fields_of(x)["Last updated"] == "12 January 2023"


def test_an_about_line_followed_by_no_prose_is_no_label(tmp_path):
    body = """Aarhus Model

Country:
Denmark
Organisation:
East Jutland Police

About the Aarhus model
Read more

The Aarhus model grew out of a crime-prevention partnership between the police and the municipality.
"""
    x = run(text_rendering(tmp_path, body))
    assert "About the Aarhus model" not in fields_of(x)
