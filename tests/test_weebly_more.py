"""Weebly programme pages, a second pass: how profile fields are laid out, which labels name
them, where the page sits in the site menu when the theme marks it differently (or not at all),
which pages are not programmes, and what must never reach a field.

Every page is built here in the markup Weebly publishes: the `ul.wsite-menu-default` menu
with nested `wsite-menu-wrap` sub-menus (printed again for the mobile menu), the content in
`#wsite-content` as `.paragraph` blocks, `h2.wsite-content-title` headings, `wsite-multicol`
tables and `wsite-section-wrap` sections, and the theme's header, footer and sign-up banner.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.parse import parse_file

SITE = "Exit Practices"
# (label, href, children): an exit-programme site three levels deep.
MENU = [
    ("Home", "/", []),
    ("Exit programmes", "/exit-programmes.html", [
        ("Exit programmes in prison", "/exit-programmes-in-prison.html", [
            ("Islamist", "/islamist.html", [("In Europe", "/in-europe.html", []),
                                            ("In other regions", "/in-other-regions.html", [])]),
            ("Far-Right", "/far-right.html", []),
        ]),
        ("Exit programmes in probation", "/exit-programmes-in-probation.html", []),
    ]),
    ("About", "/about.html", []),
    ("Blog", "/blog.html", []),
    ("Contact", "/contact.html", []),
]


def holds(items, label: str) -> bool:
    return any(lab == label or holds(children, label) for lab, _, children in items)


def menu_items(items, current: str | None, mark_page: bool, level: int = 0) -> str:
    """Menu items as Weebly prints them: the current section's top item is `li#active`, the page's
    own item (at any depth) `li.wsite-nav-current` when `mark_page`."""
    out = []
    for n, (label, href, children) in enumerate(items):
        cls = "wsite-menu-item" if level == 0 else "wsite-menu-subitem"
        li_id = f"pg{level}{n}" if level == 0 else f"wsite-nav-{level}{n}"
        if level == 0 and current and (label == current or holds(children, current)):
            li_id = "active"
        li_cls = f"{cls}-wrap" + (" wsite-nav-current" if mark_page and label == current else "")
        title = f'<span class="wsite-menu-title">{label}</span>' if level else label
        arrow = '<span class="wsite-menu-arrow">&gt;</span>' if children and level else ""
        sub = (f'<div class="wsite-menu-wrap" style="display:none"><ul class="wsite-menu">'
               f'{menu_items(children, current, mark_page, level + 1)}</ul></div>') if children else ""
        out.append(f'<li id="{li_id}" class="{li_cls}">\n<a href="{href}" class="{cls}">\n{title}{arrow}\n</a>{sub}</li>\n')
    return "".join(out)


def site_menu(current: str | None = None, mark_page: bool = True) -> str:
    return f'<ul class="wsite-menu-default">{menu_items(MENU, current, mark_page)}</ul>'


def section(inner: str) -> str:
    """A content section of the newer themes."""
    return (f'<div class="wsite-section-wrap"><div class="wsite-section wsite-body-section wsite-background-7">'
            f'<div class="wsite-section-content"><div class="container"><div class="wsite-section-elements">{inner}'
            f'</div></div></div></div></div>')


def multicol(*columns: str) -> str:
    cells = "".join(f'<td class="wsite-multicol-col" style="width:{100 // len(columns)}%; padding:0 15px;">{c}</td>'
                    for c in columns)
    return (f'<div><div class="wsite-multicol"><div class="wsite-multicol-table-wrap" style="margin:0 -15px;">'
            f'<table class="wsite-multicol-table"><tbody class="wsite-multicol-tbody"><tr class="wsite-multicol-tr">'
            f'{cells}</tr></tbody></table></div></div></div>')


HEAD = """<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0" />
<meta property="og:site_name" content="{site}" />{extra}
<link id="wsite-base-style" rel="stylesheet" type="text/css" href="//cdn2.editmysite.com/css/sites.css?buildTime=1700000000" />
<script>var STATIC_BASE = '//cdn1.editmysite.com/'; var _W = _W || {{}}; _W.configDomain = "www.weebly.com";</script>
<style>.wsite-elements.wsite-not-footer div.paragraph {{font-size:16px !important;}}</style>"""


def newer_theme(title: str, content: str, menu: str, body_class: str, head: str) -> str:
    return f"""<!DOCTYPE html><html lang="en"><head><title>{title} - {SITE}</title>{head}</head>
<body class="no-header-page {body_class} wsite-theme-light">
<div class="wrapper"><div class="dusk-header"><div class="nav-wrap"><div class="container">
<div class="logo"><span class="wsite-logo"><a href="/"><span id="wsite-title">{SITE}</span></a></span></div>
<div class="nav desktop-nav">{menu}</div><a class="hamburger" aria-label="Menu" href="#"><span></span></a>
</div></div></div>
<div class="main-wrap"><div id="wsite-content" class="wsite-elements wsite-not-footer">{section(content)}</div></div>
<div class="footer-wrap"><div class="container"><div class="footer"><div class="wsite-elements wsite-footer">
<div class="paragraph" style="text-align:center;">&copy; 2024 {SITE}. Funded by the Internal Security Fund.</div>
</div></div></div></div></div>
<div class="nav mobile-nav">{menu}</div>
<div id="weebly-footer-signup-container-v3"><div class="weebly-footer-signup-container">
<a href="https://www.weebly.com/signup" class="weebly-footer-signup-container__link">Powered by
<span class="weebly-footer-signup-container__text">Create your own unique website with customizable templates.</span>
<span class="weebly-footer-signup-container__button">Get Started</span></a></div></div>
<div class="cookie-notice" id="cookie-consent">This website uses cookies. <a>Accept</a></div>
<script type="text/javascript">jQuery(function() {{ _W.setup_rpc({{"url":"\\/ajax\\/api\\/JsonRPC"}}); }});</script>
</body></html>"""


def classic_theme(title: str, content: str, menu: str, body_class: str, head: str) -> str:
    return f"""<!DOCTYPE html><html><head><title>{title} - {SITE}</title>{head}</head>
<body class="{body_class}"><div id="wrapper"><div id="header"><div id="logo"><span class="wsite-logo">{SITE}</span></div>
<div id="navigation">{menu}</div></div>
<div id="main"><div id="content"><div id="wsite-content" class="wsite-elements wsite-not-footer">{content}</div></div></div>
<div id="footer"><div class="wsite-elements wsite-footer"><div class="paragraph">Contact the editors.</div></div>
<div class="weebly-footer">Proudly powered by <a href="https://www.weebly.com/">Weebly</a></div></div></div>
<div id="navMobile">{menu}</div></body></html>"""


def weebly_page(tmp_path: Path, title: str, content: str, current: str | None = None, *, mark_page: bool = True,
                slug: str | None = None, extra_head: str = "", theme=newer_theme, name: str = "saved-page.html") -> Path:
    """A published Weebly page saved as `name`; `slug` is the page's own URL name (Weebly's body class)."""
    body_class = f"wsite-page-{slug}" if slug else "wsite-page"
    html = theme(title, content, site_menu(current, mark_page), body_class, HEAD.format(site=SITE, extra=extra_head))
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def run(path: Path):
    return extract(parse_file(path, path.name))


def fields_of(x) -> dict[str, str]:
    return {f.label: f.value for f in x.fields}


TITLE = '<h2 class="wsite-content-title">Aarhus Model</h2>'
PROSE = ('<div class="paragraph">The Aarhus Model is a multi-agency exit programme established in 2007 by the police and '
         'the municipality.</div>')


# --------------------------------------------------------------------------
# Field layouts and label variants
# --------------------------------------------------------------------------


def test_label_colon_lines_with_other_wordings_of_the_labels(tmp_path):
    content = TITLE + """<div class="paragraph"><strong>Location:</strong> Denmark<br>
<strong>Who is it for:</strong> Young people at risk of radicalisation and returning foreign fighters<br>
<strong>Run by:</strong> East Jutland Police and the Municipality of Aarhus<br>
<strong>Goals:</strong> Prevent radicalisation; support reintegration<br></div>
<div class="paragraph"><strong>Overview:</strong>&nbsp;A multi-agency programme established in 2007.</div>"""
    x = run(weebly_page(tmp_path, "Aarhus Model", content, "In Europe"))
    (p,) = x.programmes
    assert (p.name, p.country) == ("Aarhus Model", "Denmark")
    assert p.target_audience == "Young people at risk of radicalisation and returning foreign fighters"
    assert p.organisation == "East Jutland Police and the Municipality of Aarhus"
    assert p.objectives == "Prevent radicalisation; support reintegration"
    assert p.description == "A multi-agency programme established in 2007."
    assert p.category == "Exit programmes > Exit programmes in prison > Islamist"


def test_bold_labels_in_their_own_paragraph_each_followed_by_the_value(tmp_path):
    pairs = [("Where", "Germany"), ("Participants", "Young offenders leaving custody"),
             ("Provider", "Violence Prevention Network"), ("Aims", "Distance participants from extremist ideology"),
             ("About", "The programme starts in prison and continues for a year after release.")]
    content = TITLE.replace("Aarhus Model", "Taking Responsibility") + "".join(
        f'<div class="paragraph"><strong>{label}</strong></div><div class="paragraph">{value}</div>'
        for label, value in pairs)
    x = run(weebly_page(tmp_path, "Taking Responsibility", content))
    assert fields_of(x) == dict(pairs)  # each value stops at the next label, known or not
    (p,) = x.programmes
    assert (p.country, p.target_audience) == ("Germany", "Young offenders leaving custody")
    assert (p.organisation, p.objectives) == ("Violence Prevention Network", "Distance participants from extremist ideology")
    assert p.description == "The programme starts in prison and continues for a year after release."


def test_heading_labels_with_an_objectives_list(tmp_path):
    content = TITLE + """<h2 class="wsite-content-title">Country</h2><div class="paragraph">Denmark</div>
<h2 class="wsite-content-title">Target group</h2><div class="paragraph">Returning foreign fighters</div>
<h2 class="wsite-content-title">Implementing organisation</h2><div class="paragraph">East Jutland Police</div>
<h2 class="wsite-content-title">Objectives</h2><div class="paragraph"><ul><li>Prevent radicalisation;</li>
<li>Support reintegration into education and work.</li></ul></div>
<h3>Who is it for?</h3><div class="paragraph">Also the families of returnees.</div>
<h2 class="wsite-content-title">Summary</h2><div class="paragraph">A multi-agency programme.</div>"""
    x = run(weebly_page(tmp_path, "Aarhus Model", content))
    assert fields_of(x)["Objectives"] == "• Prevent radicalisation;\n• Support reintegration into education and work."
    assert fields_of(x)["Who is it for?"] == "Also the families of returnees."
    (p,) = x.programmes
    assert p.name == "Aarhus Model"
    assert (p.country, p.target_audience, p.organisation) == ("Denmark", "Returning foreign fighters", "East Jutland Police")
    assert p.objectives == "Prevent radicalisation; Support reintegration into education and work"
    assert p.description == "A multi-agency programme."


DEFINITION_LAYOUTS = {
    "list items with bold labels": """<div class="paragraph"><ul><li><strong>Country:</strong> Denmark</li>
<li><strong>Target group:</strong> Returning foreign fighters</li><li><strong>Organisation:</strong> East Jutland Police</li>
</ul></div>""",
    "bold label, dash, value": """<div class="paragraph"><strong>Country</strong> – Denmark<br>
<strong>Target group</strong> – Returning foreign fighters<br><strong>Organisation</strong> – East Jutland Police</div>""",
    "bold label then value, no separator": """<div class="paragraph"><font size="3"><strong>Country</strong>
Denmark<br><strong>Target group</strong> Returning foreign fighters<br><b>Organisation</b>&nbsp;East Jutland Police
</font></div>""",
    "known labels and a dash, not bold": """<div class="paragraph">Country - Denmark<br>
Target group - Returning foreign fighters<br>Organisation - East Jutland Police</div>""",
    "definition list": """<dl><dt>Country</dt><dd>Denmark</dd><dt>Target group</dt><dd>Returning foreign fighters</dd>
<dt>Run by</dt><dd>East Jutland Police</dd></dl>""",
    "two-column table": """<div class="wsite-html"><table border="1"><tbody>
<tr><td><strong>Country</strong></td><td>Denmark</td></tr><tr><td><strong>Target group</strong></td>
<td>Returning foreign fighters</td></tr><tr><td>Run by</td><td>East Jutland Police</td></tr></tbody></table></div>""",
    "one multicolumn row per label": "".join(multicol(f'<div class="paragraph"><strong>{label}</strong></div>',
                                                      f'<div class="paragraph">{value}</div>')
                                            for label, value in [("Country", "Denmark"),
                                                                 ("Target group", "Returning foreign fighters"),
                                                                 ("Implemented by", "East Jutland Police")]),
}


@pytest.mark.parametrize("layout", DEFINITION_LAYOUTS)
def test_definition_like_layouts_give_the_same_profile(tmp_path, layout):
    x = run(weebly_page(tmp_path, "Aarhus Model", TITLE + DEFINITION_LAYOUTS[layout] + PROSE))
    (p,) = x.programmes
    assert (p.name, p.country) == ("Aarhus Model", "Denmark")
    assert (p.target_audience, p.organisation) == ("Returning foreign fighters", "East Jutland Police")
    # No "Description" label: the prose after the labels describes the programme.
    assert p.description.startswith("The Aarhus Model is a multi-agency exit programme")


def test_bold_text_opening_a_sentence_is_not_a_label(tmp_path):
    content = TITLE + """<div class="paragraph"><strong>Every participant</strong> meets a mentor weekly.<br>
<strong>Note</strong> that places are limited.</div>"""
    assert run(weebly_page(tmp_path, "Aarhus Model", content)).fields == []


@pytest.mark.parametrize("value, country", [
    ("Aarhus, Denmark", "Denmark"),
    ("Berlin and Brandenburg (Germany)", "Germany"),
    ("United Kingdom (England and Wales)", "United Kingdom (England and Wales)"),
    ("Nordic countries", "Nordic countries"),
])
def test_a_location_value_gives_the_country_it_names(tmp_path, value, country):
    content = TITLE + f"""<div class="paragraph"><strong>Location:</strong> {value}<br>
<strong>Target audience:</strong> Prisoners</div>"""
    (p,) = run(weebly_page(tmp_path, "Aarhus Model", content)).programmes
    assert p.country == country


def test_a_name_label_in_a_heading_is_not_the_programme_name(tmp_path):
    content = """<h2 class="wsite-content-title">Country</h2><div class="paragraph">Denmark</div>
<h2 class="wsite-content-title">Target group</h2><div class="paragraph">Returning foreign fighters</div>"""
    (p,) = run(weebly_page(tmp_path, "Aarhus Model", content)).programmes
    assert p.name == "Aarhus Model"  # the page's title, not its first label


# --------------------------------------------------------------------------
# Category from the site navigation
# --------------------------------------------------------------------------

PROFILE = TITLE + '<div class="paragraph">Country: Denmark<br>Target group: Returning foreign fighters</div>'
IN_EUROPE_PARENTS = "Exit programmes > Exit programmes in prison > Islamist"


def test_page_two_submenus_deep_marked_as_current(tmp_path):
    x = run(weebly_page(tmp_path, "Aarhus Model", PROFILE, "In Europe"))
    assert x.info.category == IN_EUROPE_PARENTS
    assert x.programmes[0].category == IN_EUROPE_PARENTS


@pytest.mark.parametrize("how", ["body class", "canonical link", "og:url", "saved file name"])
def test_page_found_in_the_menu_by_its_address_when_only_its_section_is_marked(tmp_path, how):
    # Themes that print `li#active` on the top-level section but no `wsite-nav-current`.
    kw = {"body class": {"slug": "in-europe"},
          "canonical link": {"extra_head": '<link rel="canonical" href="https://exitpractices.weebly.com/in-europe.html" />'},
          "og:url": {"extra_head": '<meta property="og:url" content="https://exitpractices.weebly.com/in-europe.html" />'},
          "saved file name": {"name": "in-europe.html"}}[how]
    x = run(weebly_page(tmp_path, "Aarhus Model", PROFILE, "In Europe", mark_page=False, **kw))
    assert x.info.category == IN_EUROPE_PARENTS


@pytest.mark.parametrize("theme", [newer_theme, classic_theme])
def test_page_found_in_the_menu_by_its_address_when_nothing_is_marked(tmp_path, theme):
    x = run(weebly_page(tmp_path, "Aarhus Model", PROFILE, None, theme=theme,
                        extra_head='<link rel="canonical" href="https://exitpractices.weebly.com/far-right.html" />'))
    assert x.info.category == "Exit programmes > Exit programmes in prison"


def test_the_marked_item_wins_over_an_address_outside_it(tmp_path):
    x = run(weebly_page(tmp_path, "Aarhus Model", PROFILE, "In Europe", name="far-right.html"))
    assert x.info.category == IN_EUROPE_PARENTS


def test_a_file_saved_as_index_html_names_no_page(tmp_path):
    x = run(weebly_page(tmp_path, "Aarhus Model", PROFILE, None, name="index.html"))
    assert x.info.category is None
    assert x.parsed.meta["weebly"]["home"] is False


def test_a_menu_link_to_another_site_is_not_the_page(tmp_path):
    head = '<link rel="canonical" href="https://exitpractices.weebly.com/in-europe.html" />'
    path = weebly_page(tmp_path, "Aarhus Model", PROFILE, None, extra_head=head)
    html = path.read_text(encoding="utf-8").replace('href="/in-europe.html"', 'href="https://partner.example.org/in-europe.html"')
    path.write_text(html, encoding="utf-8")
    assert run(path).info.category is None


# --------------------------------------------------------------------------
# Pages that are not a programme
# --------------------------------------------------------------------------

HOME = """<h2 class="wsite-content-title">Welcome to Exit Practices</h2>
<div class="paragraph">Exit Practices is a research project that maps exit programmes for violent extremists in
prisons and probation across Europe.</div>
<div><div class="wsite-image wsite-image-border-none" style="padding-top:10px;text-align:center">
<a><img src="/uploads/1/2/3/partners.jpg" alt="Picture" style="width:auto;max-width:100%" /></a>
<div style="display:block;font-size:90%">Project partners at the kick-off meeting in Vienna</div></div></div>"""


@pytest.mark.parametrize("kw", [
    {"current": "Home"},
    {"extra_head": '<link rel="canonical" href="https://exitpractices.weebly.com/" />'},
    {"slug": "index"},
])
def test_the_start_page_presenting_the_site_gives_no_programme(tmp_path, kw):
    x = run(weebly_page(tmp_path, "Home", HOME, **kw))
    assert x.parsed.meta["weebly"]["home"] is True
    assert "Project partners at the kick-off meeting in Vienna" in x.parsed.text  # the caption is content
    assert x.programmes == []


def test_a_labelled_profile_on_a_start_page_still_counts(tmp_path):
    # A one-programme site shows its profile on the start page (Weebly titles it "Home").
    x = run(weebly_page(tmp_path, "Home", PROFILE, "Home"))
    assert x.parsed.meta["weebly"]["home"] is True
    assert [p.name for p in x.programmes] == ["Aarhus Model"]


BLOG_POST = """<div id="blogTable" class="blogTable"><div class="blog-body"><div id="blog-post-1" class="blog-post">
<div class="blog-header"><h2 class="blog-title"><a class="blog-title-link blog-link" href="/blog/new-mentoring-programme">
New mentoring programme launched</a></h2><p class="blog-date"><span class="date-text">3/2/2022</span></p></div>
<div class="blog-content"><div class="paragraph">The programme offers mentoring to young people leaving prison in
Austria. It is run by Derad.</div></div></div></div>
<div class="blog-sidebar"><div class="column-blog"><h2 class="wsite-content-title">Archives</h2><p>March 2022</p>
<h2 class="wsite-content-title">Categories</h2><p><a href="/blog/category/all">All</a></p></div></div></div>"""

NOT_PROGRAMMES = {
    "blog post": ("New mentoring programme launched - Blog", BLOG_POST, "Blog"),
    "about page with aims": ("About", """<h2 class="wsite-content-title">About us</h2><div class="paragraph">We are a
network of practitioners.<br><strong>Aims:</strong> share good practice<br><strong>Organisation:</strong> an
association under Austrian law</div>""", "About"),
    "contact page": ("Contact", """<h2 class="wsite-content-title">Contact</h2><div class="paragraph">
<strong>Where:</strong> 12 Rue de la Loi, Brussels, Belgium<br><strong>Email:</strong> info@exit.example</div>
<div><form enctype="multipart/form-data" action="//www.weebly.com/weebly/apps/formSubmit.php" method="POST">
<div class="wsite-form-container"><div class="wsite-form-field"><label class="wsite-form-label">Name
<span class="form-required">*</span></label></div></div><a class="wsite-button"><span class="wsite-button-inner">
Submit</span></a></form></div>""", "Contact"),
    "list of programmes": ("In Europe", """<h2 class="wsite-content-title">In Europe</h2>
<div class="paragraph">Programmes for Islamist offenders in European prisons:</div>
<div class="paragraph"><strong>Healthy Identity Intervention</strong><br>Country: United Kingdom<br>
Organisation: HMPPS<br><a href="/hii.html">Read more</a></div>
<div class="paragraph"><strong>Aarhus Model</strong><br>Country: Denmark<br>Organisation: East Jutland Police<br>
<a href="/aarhus.html">Read more</a></div>""", "In Europe"),
}


@pytest.mark.parametrize("kind", NOT_PROGRAMMES)
def test_site_pages_blog_posts_and_lists_give_no_programme(tmp_path, kind):
    title, content, current = NOT_PROGRAMMES[kind]
    x = run(weebly_page(tmp_path, title, content, current))
    assert x.info.kind == "weebly_page"
    assert x.programmes == []


def test_a_list_of_programmes_keeps_each_items_fields(tmp_path):
    title, content, current = NOT_PROGRAMMES["list of programmes"]
    x = run(weebly_page(tmp_path, title, content, current))
    assert [(f.label, f.value) for f in x.fields] == [
        ("Country", "United Kingdom"), ("Organisation", "HMPPS"),
        ("Country", "Denmark"), ("Organisation", "East Jutland Police")]


# --------------------------------------------------------------------------
# Clean text
# --------------------------------------------------------------------------

MESSY = """<h2 class="wsite-content-title">Derad&nbsp;Prison&#8203; Programme</h2>
<div class="paragraph">&#8203;<strong>Country:</strong>&nbsp;Austria&amp;nbsp;<br>
Target group:&nbsp;&nbsp;Prisoners convicted of extremist offences&#65279;<br>
<span style="font-weight:700">Organisation:</span> Derad&#8203;<br></div>
<script>document.write("Powered by Weebly");</script><style>.paragraph{color:red}</style>
<div class="cc-banner" id="cookieConsent">We use cookies to improve your experience. <a>Accept</a></div>
<div class="wsite-spacer" style="height:50px;"></div>
<div class="paragraph">Derad runs dialogue workshops for prisoners&nbsp;in Austrian prisons and after release.&nbsp;
<br/>&nbsp;</div>"""
CHROME = ("Far-Right", "Exit programmes in probation", "Powered by", "Weebly", "Get Started", "cookies",
          "Internal Security Fund", "Contact the editors", "&nbsp;", "\u200b", "\ufeff", "\u00a0", "color:red")


@pytest.mark.parametrize("theme", [newer_theme, classic_theme])
@pytest.mark.parametrize("content_id", ["wsite-content", "content-area"])
def test_no_template_scripts_or_invisible_characters_in_any_field(tmp_path, theme, content_id):
    path = weebly_page(tmp_path, "Derad", MESSY, "In Europe", theme=theme)
    if content_id != "wsite-content":  # a theme without `#wsite-content`: the template is cut from the body
        path.write_text(path.read_text(encoding="utf-8").replace('id="wsite-content"', f'id="{content_id}"'))
    x = run(path)
    (p,) = x.programmes
    assert (p.name, p.country) == ("Derad Prison Programme", "Austria")
    assert p.target_audience == "Prisoners convicted of extremist offences"
    assert p.organisation == "Derad"
    assert p.description == "Derad runs dialogue workshops for prisoners in Austrian prisons and after release."
    values = [x.parsed.text, x.info.title] + [f.label + f.value for f in x.fields] + [
        v for v in vars(p).values() if isinstance(v, str) and v != p.category]
    for chrome in CHROME:
        assert not any(chrome in v for v in values), chrome


def test_text_rendering_with_entity_artefacts(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Derad Prison Programme\n\nCountry:&nbsp;Austria\nTarget group: Prisoners&#160;\n"
                    "Proudly powered by Weebly\n", encoding="utf-8")
    x = run(path)
    assert fields_of(x) == {"Country": "Austria", "Target group": "Prisoners"}
    assert "&" not in x.parsed.text


def test_text_rendering_of_a_welcome_page_gives_no_programme(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Welcome to Exit Practices\n\nExit Practices is a research project that maps exit programmes "
                    "in prisons across Europe.\nProudly powered by Weebly\n", encoding="utf-8")
    x = run(path)
    assert x.info.kind == "weebly_page"
    assert x.programmes == []


def test_us_reentry_wordings_abbreviated_countries_and_the_closest_objectives_label(tmp_path):
    content = '<h2 class="wsite-content-title">Pathway to Employment</h2>' + """<div class="paragraph">
<strong>Location:</strong> Cleveland, Ohio, USA<br>
<strong>Who it serves:</strong> Adults returning to Cuyahoga County from state prison within the last 12 months<br>
<strong>Program Focus:</strong> Job readiness and placement<br>
<strong>Run by:</strong> Cuyahoga Reentry Works</div>
<h2 class="wsite-content-title">Goals</h2>
<div class="paragraph">Help participants find and keep work within six months of release.</div>"""
    x = run(weebly_page(tmp_path, "Pathway to Employment", content, "In Europe"))
    (p,) = x.programmes
    assert p.country == "USA"
    assert p.target_audience == "Adults returning to Cuyahoga County from state prison within the last 12 months"
    assert p.objectives == "Help participants find and keep work within six months of release."
