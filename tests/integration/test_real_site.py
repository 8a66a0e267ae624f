"""The real site: builds strictly, and every page carries what the foundation promises."""

from __future__ import annotations

import gzip
import json
import os
import re
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from markupsafe import escape

from helpers import ROOT, bibtex_value, build_site, html_pages, parse_bibtex, parse_ris
from peerkb import citefiles
from peerkb.check import check_project
from peerkb.editions import of_path

pytestmark = pytest.mark.build


def built_path(md: Path) -> str:
    """Where MkDocs writes a page of docs/ (directory URLs): a/b.md → a/b/index.html."""
    rel = md.relative_to(ROOT / "docs").with_suffix("").as_posix()
    if rel == "index" or rel.endswith("/index"):
        return rel[: -len("index")] + "index.html"
    return rel + "/index.html"


CONTRIBUTOR_PAGES = [
    "common-mistakes",
    "data-reference",
    "edit-a-page",
    "preview-locally",
    "protecting-readers",
    "review",
    "style-guide",
    "successor-engine",
    "translating",
    "translation-status",
]
ALL_PAGES = [built_path(md) for md in sorted((ROOT / "docs").rglob("*.md"))]
# English pages; the Lithuanian edition's (lt/…) are checked with their own words where a test reads the page's text.
CONTENT_PAGES = [page for page in ALL_PAGES if not page.startswith("lt/")]
LT_PAGES = [page for page in ALL_PAGES if page.startswith("lt/")]


def ui_of(page: str) -> dict[str, str]:
    """The site's own words in the language of a built page."""
    from peerkb.interface import project_strings

    return project_strings(of_path(page).code)


# Links that name an address without loading anything from it: the page's canonical address, the pages before and
# after it, its other versions.
NOT_LOADED = {"canonical", "next", "prev", "alternate"}


class Resources(HTMLParser):
    """Collects every URL a page would load by itself: anything in a src, srcset, poster or data attribute, a <link>
    other than the ones in NOT_LOADED, and url(…) in its styles. Links readers follow (<a href>) are not loads."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "poster", "data"):
            if attrs.get(name):
                self.loaded.append(attrs[name])
        if attrs.get("srcset"):
            self.loaded += [candidate.split()[0] for candidate in attrs["srcset"].split(",") if candidate.strip()]
        if tag == "link" and attrs.get("href") and not set((attrs.get("rel") or "").lower().split()) <= NOT_LOADED:
            self.loaded.append(attrs["href"])
        if attrs.get("style"):
            self.loaded += css_urls(attrs["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.loaded += css_urls(data)


def css_urls(css: str) -> list[str]:
    """Every address a stylesheet loads: url(…) and @import."""
    found = re.findall(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+["']([^"']+)["']""", css)
    return ["".join(groups) for groups in found]


def from_another_host(url: str) -> bool:
    """Whether loading `url` from a page of the site would contact any host but the site's own."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or url.strip().startswith("//") or parts.scheme not in ("", "data")


def test_every_page_in_docs_is_built(site):
    built = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    assert set(CONTENT_PAGES) <= built


@pytest.mark.parametrize("page", ALL_PAGES)
def test_get_help_link_in_every_header(site, page):
    """On a Lithuanian page, the link leads to the Lithuanian urgent-help page, in Lithuanian."""
    html = (site / page).read_text()
    header = html[html.index("<header") : html.index("</header>")]
    match = re.search(r'<a href="([^"]+)" class="kb-help-link"', header)
    assert match, "no help link in the header"
    target = (site / page).parent / match.group(1)
    assert (target.resolve() / "index.html") == (site / of_path(page).prefix / "get-help-now" / "index.html").resolve()
    assert f"<span>{ui_of(page)['help_link']}</span>" in header


# A date as readers see it: '22 November 2026'; in Lithuanian '2026 m. lapkričio 22 d.'
SHOWN_DATE = {"en": r"\d{1,2} \w+ \d{4}", "lt": r"\d{4} m\. \w+ \d{1,2} d\."}


@pytest.mark.parametrize("page", ALL_PAGES)
def test_review_dates_on_every_content_page(site, page):
    html = (site / page).read_text()
    ui, shown = ui_of(page), SHOWN_DATE[of_path(page).code]
    assert re.search(re.escape(ui["review_last"]) + r' <time datetime="\d{4}-\d{2}-\d{2}">' + shown + "</time>", html)
    assert re.search(re.escape(ui["review_next"]) + r' <time datetime="\d{4}-\d{2}-\d{2}">' + shown + "</time>", html)


def test_review_dates_come_from_front_matter(site):
    html = (site / "get-help-now/index.html").read_text()
    assert 'Page last reviewed: <time datetime="2026-11-30">30 November 2026</time>' in html
    assert 'Next review due: <time datetime="2027-02-28">28 February 2027</time>' in html


@pytest.mark.parametrize("page", [*CONTENT_PAGES, "404.html"])
def test_pages_load_nothing_from_other_hosts(site, page):
    parser = Resources()
    parser.feed((site / page).read_text())
    external = [url for url in parser.loaded if from_another_host(url)]
    assert parser.loaded, "the parser found no resources at all"
    assert external == []


def test_nothing_the_site_loads_comes_from_another_host(site):
    """No web fonts, analytics or anything else from another host: every address a built page or stylesheet loads
    is the site's own (or data: inline), and every page's Content-Security-Policy allows the site itself only."""
    pages = html_pages(site)
    loaded = []
    for page in pages:
        parser = Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        loaded += [f"{page.relative_to(site)}: {url}" for url in parser.loaded if from_another_host(url)]
    stylesheets = sorted(site.rglob("*.css"))
    for stylesheet in stylesheets:
        loaded += [f"{stylesheet.relative_to(site)}: {url}" for url in css_urls(stylesheet.read_text(encoding="utf-8")) if from_another_host(url)]
    assert pages and stylesheets
    assert loaded == []
    allowed = []
    for page in pages:
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page.read_text(encoding="utf-8"))
        assert policy, f"{page.relative_to(site)} has no Content-Security-Policy"
        sources = [token for directive in policy.group(1).split(";") for token in directive.split()[1:]]
        # 'wasm-unsafe-eval' lets the search compile its WebAssembly (from this site only); it allows no eval().
        allowed += [
            f"{page.relative_to(site)}: {s}" for s in sources if s not in ("'self'", "'none'", "data:", "'wasm-unsafe-eval'") and not s.startswith("'sha256-")
        ]
    assert allowed == []


def test_search_dialog_has_an_accessible_name(site):
    html = (site / "index.html").read_text()
    assert '<dialog class="kb-search__dialog" aria-labelledby="kb-search-title" data-kb-search-dialog data-kb-root="">' in html
    assert '<h2 class="kb-search__title" id="kb-search-title">Search</h2>' in html
    assert 'aria-label="Close search" data-kb-search-close>' in html


def test_search_indexes_public_pages_apart_from_contributor_pages_and_leaves_out_no_page(site):
    groups = {}
    for page in html_pages(site):
        rel = page.relative_to(site).as_posix()
        if rel == "404.html" or 'http-equiv="refresh"' in page.read_text(encoding="utf-8"):
            continue
        found = re.search(r'<div class="kb-page" data-pagefind-body data-pagefind-filter="group:(\w+)">', page.read_text(encoding="utf-8"))
        assert found, f"{rel} is not in the search index"
        groups[rel] = found.group(1)
    contributors = sorted(rel for rel, group in groups.items() if group == "contributors")
    assert contributors == sorted([f"contribute/{name}/index.html" for name in CONTRIBUTOR_PAGES] + ["contribute/index.html"])
    assert groups["get-help-now/index.html"] == "public"


def test_the_search_index_is_built_and_only_what_the_site_uses_is_published(site):
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "wasm.en.pagefind").is_file()
    assert list(bundle.glob("pagefind.en_*.pf_meta")) and list((bundle / "fragment").glob("en_*.pf_fragment"))
    assert sorted(p.name for p in bundle.glob("pagefind*ui*")) == []
    assert not (site / "search" / "search_index.json").exists()  # Material's index is gone


def test_the_crisis_card_shows_the_helplines_numbers(site):
    data = json.loads((site / "search" / "en.json").read_text(encoding="utf-8"))
    kb = check_project(ROOT).kb
    emergency = {line.number for line in kb.helplines.values() if line.emergency}
    assert {entry["number"] for entry in data["card"]["emergency"]} == emergency
    assert data["card"]["help_url"] == "get-help-now/"
    assert {"suicide", "self harm", "kill myself"} <= set(data["crisis"]["phrases"])
    assert {"recovery", "iceland", "supervision", "salary"} <= set(data["words"])


def test_repository_link_never_calls_the_code_host_api(site_with_repo):
    html = (site_with_repo / "index.html").read_text()
    assert 'href="https://github.com/example/peer-support-kb"' in html
    assert 'data-md-component="source"' not in html


def test_help_page_lists_numbers_with_sources_and_dates(site):
    html = (site / "get-help-now/index.html").read_text()
    assert '<a href="tel:080028888">0 800 28888</a>' in html  # Lithuanian Youth Line, new 0 prefix
    assert "tel:880028888" not in html  # the old 8 prefix no longer works
    for number in ("tel:112", "tel:116123", "tel:1717", "tel:999", "tel:111"):
        assert f'href="{number}"' in html, number
    assert "not a crisis service" in html
    # Every helpline in data/helplines.yml is on the page, once: its number a link to call, the date it was checked
    # and its source, which the page lists.
    helplines = check_project(ROOT).kb.helplines
    cards = re.findall(r'<section class="kb-helpline[^"]*" id="([^"]+)"[^>]*>(.*?)</section>', html, re.DOTALL)
    assert sorted(id_ for id_, _ in cards) == sorted(helplines)
    for id_, card in cards:
        line = helplines[id_]
        assert f'<a href="tel:{line.number.replace(" ", "")}">{line.number}</a>' in card, id_
        assert f'Checked on <time datetime="{line.last_verified.isoformat()}">' in card, id_
        assert f'source: <a href="#ref-{line.source}" id="cite-{line.source}-' in card and f'<li id="ref-{line.source}"' in html, id_
    assert html.count("Checked on <time") == len(cards)


def test_definitions_page_cites_and_lists_its_sources(site):
    html = (site / "peer-support/what-is-peer-support/index.html").read_text()
    cited = set(re.findall(r'href="#ref-([a-z0-9-]+)"', html))
    listed = set(re.findall(r'<li id="ref-([a-z0-9-]+)"', html))
    assert cited == listed and len(listed) >= 8
    assert '<h2 id="sources">' in html


def test_meta_description_comes_from_front_matter(site):
    html = (site / "peer-support/what-is-peer-support/index.html").read_text()
    assert (
        '<meta name="description" content="How researchers, services and international bodies define peer support in mental health, compared side by side.">'
        in html
    )


def test_site_url_comes_from_the_environment(tmp_path):
    built = build_site(tmp_path / "s", SITE_URL="https://peer-support.example/", KB_PDF="skip")
    html = (built / "index.html").read_text()
    assert '<link rel="canonical" href="https://peer-support.example/">' in html


def test_nothing_but_templates_in_overrides():
    """overrides/ is copied into the theme; only templates belong there."""
    files = [p for p in (ROOT / "overrides").rglob("*") if p.is_file()]
    assert files and all(p.suffix == ".html" for p in files)


def test_every_internal_link_and_anchor_resolves(site):
    from helpers import broken_links

    assert broken_links(site) == []


def nav_files(items) -> list[str]:
    found = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += nav_files(value)
        elif isinstance(value, str) and value.endswith(".md"):
            found.append(value)
    return found


def test_every_page_is_in_the_navigation():
    """Of its own edition: mkdocs.yml lists the English pages, mkdocs.lt.yml the Lithuanian ones (docs/lt/)."""
    from mkdocs.utils.yaml import yaml_load

    listed = set()
    for config_file, prefix in (("mkdocs.yml", ""), ("mkdocs.lt.yml", "lt/")):
        with (ROOT / config_file).open(encoding="utf-8") as handle:
            listed |= {prefix + page for page in nav_files(yaml_load(handle)["nav"])}
    pages = {md.relative_to(ROOT / "docs").as_posix() for md in (ROOT / "docs").rglob("*.md")}
    assert sorted(pages - listed) == []


def test_the_knowledge_base_is_as_large_as_promised():
    """At least 30 pages with a median of 350 words, 25 references, 30 glossary terms, 10 country profiles."""
    from peerkb.content import readability

    result = check_project(ROOT)
    words = sorted(readability(page).words for page in result.pages)
    assert len(words) >= 30
    assert words[len(words) // 2] >= 350
    assert len(result.kb.references) >= 25
    assert len(result.kb.glossary) >= 30
    assert len([c for c in result.kb.countries.values() if c.profile]) >= 10


HELP_PAGE = "get-help-now/index.html"


@pytest.mark.parametrize("page", [p for p in CONTENT_PAGES if p != HELP_PAGE])
def test_every_content_page_is_citable(site, page):
    """A 'Cite this page' block and the meta tags reference managers and link previews read (the urgent-help page
    has the meta tags only: see the next test)."""
    html = (site / page).read_text()
    url = "http://127.0.0.1:8000/" + page[: -len("index.html")]
    title = re.search(r'<meta name="citation_title" content="([^"]+)">', html)
    assert title, "no citation_title"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta name="citation_public_url" content="{url}">' in html
    assert '<meta name="citation_author" content="Peer Support and Recovery">' in html
    assert re.search(r'<meta name="citation_publication_date" content="\d{4}/\d{2}/\d{2}">', html)
    assert re.search(r'<meta property="og:description" content="[^"]+">', html)
    assert re.search(r'<meta name="twitter:description" content="[^"]+">', html)
    reviewed = re.search(r'<meta name="citation_publication_date" content="(\d{4})/(\d{2})/(\d{2})">', html)
    assert reviewed
    day = date(*(int(n) for n in reviewed.groups()))
    block = html[html.index('<aside class="kb-cite-page"') :]
    block = block[: block.index("</aside>")]
    # The site once as author, the year, the title, the day of the last review (scripts add the day of access), the address.
    assert re.search(
        rf"<p class=\"kb-cite-page__reference\" data-kb-cite-text>Peer Support and Recovery \({day.year}\)\. <cite>{re.escape(title.group(1))}</cite>\. "
        rf'Last reviewed <time datetime="{day.isoformat()}">{day.day} {day:%B %Y}</time>\.<span class="kb-cite-page__accessed" data-kb-cite-accessed></span> '
        rf'<span class="kb-cite-page__url">{re.escape(url)}</span></p>',
        block,
    ), block
    assert block.count("Peer Support and Recovery") == 1
    assert '<button type="button" class="md-button kb-cite-page__copy" data-kb-cite-copy hidden>Copy citation</button>' in block
    assert '<span class="kb-cite-page__status" role="status" data-kb-cite-status></span>' in block
    stem = citefiles.page_stem(page[: -len("index.html")])
    assert (
        f'For reference managers: <a href="cite.bib" download="{stem}.bib" type="application/x-bibtex">BibTeX</a> · '
        f'<a href="cite.ris" download="{stem}.ris" type="application/x-research-info-systems">RIS</a>'
    ) in block


@pytest.mark.parametrize("page", CONTENT_PAGES)
def test_every_content_page_has_bibtex_and_ris_files_that_parse(site, page):
    """The files "Cite this page" links to: one BibTeX entry and one RIS record, saying what the page's citation says."""
    html = (site / page).read_text()
    title = re.search(r'<meta name="citation_title" content="([^"]+)">', html)
    reviewed = re.search(r'<meta name="citation_publication_date" content="(\d{4})/(\d{2})/(\d{2})">', html)
    assert title and reviewed
    day = date(*(int(n) for n in reviewed.groups()))
    name = unescape(title.group(1))
    url = "http://127.0.0.1:8000/" + page[: -len("index.html")]
    folder = (site / page).parent
    kind, key, fields = parse_bibtex((folder / "cite.bib").read_text(encoding="utf-8"))
    assert (kind, key) == ("misc", citefiles.citation_key(page[: -len("index.html")]))
    assert {name: bibtex_value(value) for name, value in fields.items()} == {
        "author": "Peer Support and Recovery",
        "title": name,
        "year": str(day.year),
        "month": citefiles.MONTHS[day.month - 1],
        "date": day.isoformat(),
        "url": url,
        "language": "en",
        "note": f"Last reviewed {day.day} {day:%B %Y}. Licence: CC BY 4.0.",
    }
    assert parse_ris((folder / "cite.ris").read_bytes()) == [
        ("TY", "ELEC"),
        ("AU", "Peer Support and Recovery"),
        ("TI", name),
        ("PY", str(day.year)),
        ("DA", f"{day:%Y/%m/%d}"),
        ("UR", url),
        ("LA", "en"),
        ("N1", f"Last reviewed {day.day} {day:%B %Y}. Licence: CC BY 4.0."),
        ("ER", ""),
    ]


class Citations(HTMLParser):
    """The links to sources on a page (with their ids), the ids of its source list's entries, and the links back
    from each entry (with their accessible names), in page order."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.citations: list[tuple[str, str | None]] = []  # (key, id)
        self.sources: list[str] = []
        self.backlinks: dict[str, list[tuple[str, str | None]]] = {}  # source key → (target id, accessible name)
        self._source: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "li" and (attrs.get("id") or "").startswith("ref-"):
            self._source = attrs["id"][len("ref-") :]
            self.sources.append(self._source)
            self.backlinks[self._source] = []
        href = attrs.get("href") or ""
        if tag == "a" and href.startswith("#ref-"):
            self.citations.append((href[len("#ref-") :], attrs.get("id")))
        if tag == "a" and "kb-backlink" in (attrs.get("class") or "").split():
            assert self._source, "a link back outside the list of sources"
            self.backlinks[self._source].append((href[1:], attrs.get("aria-label")))

    def handle_endtag(self, tag):
        if tag == "li":
            self._source = None


@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_source_links_back_to_each_place_the_page_cites_it(site, page):
    """Each citation has an id of its own (cite-KEY-N, numbered per source in page order), and the page's list of
    sources links back from each entry to every one of them: no link back leads nowhere, none is missing."""
    found = Citations()
    found.feed((site / page).read_text(encoding="utf-8"))
    assert len(found.ids) == len(set(found.ids)), "ids used twice"
    if not found.sources or page == "evidence/bibliography/index.html":
        assert not any(found.backlinks.values())
        return
    expected: dict[str, list[tuple[str, str]]] = {key: [] for key in found.sources}
    for key, id_ in found.citations:
        number = len(expected[key]) + 1
        assert id_ == f"cite-{key}-{number}"
        expected[key].append((id_, ui_of(page)["back_to_citation"].format(n=number)))
    assert found.backlinks == expected
    assert all(expected.values()), "a source the page lists but never cites"


def test_the_help_page_ends_with_no_citation_or_recommendation_block(site):
    """A reader in crisis gets the numbers and nothing that is for someone else: no 'Cite this page' and no
    'Recommendations based on this page', although recommendation R18 lists the page among its related pages."""
    html = (site / HELP_PAGE).read_text()
    assert "get-help-now.md" in check_project(ROOT).kb.recommendations["R18"].related_pages
    assert "kb-cite-page" not in html and "Cite this page" not in html
    assert 'id="recommendations"' not in html and "Recommendations based on this page" not in html and "R18" not in html
    assert '<meta name="citation_title" content="Get help now">' in html  # the page can still be cited by reference managers


# Each profiled country's section of the help page, with its emergency number (the EU's too).
HELP_SECTIONS = {
    "europe": "112",
    "australia": "000",
    "denmark": "112",
    "finland": "112",
    "iceland": "112",
    "ireland": "112",
    "lithuania": "112",
    "netherlands": "112",
    "norway": "113",
    "united-kingdom": "999",
    "united-states": "911",
}


def help_sections(html: str) -> dict[str, str]:
    """The help page's sections: the id of each h2, and the HTML up to the next h2."""
    parts = re.split(r'(<h2 id="[^"]+">)', html)
    return {re.search(r'id="([^"]+)"', head).group(1): body for head, body in zip(parts[1::2], parts[2::2], strict=True)}


def test_the_help_page_has_a_section_for_every_profiled_country_with_its_emergency_number(site):
    sections = help_sections((site / HELP_PAGE).read_text())
    countries = check_project(ROOT).kb.countries
    profiled = {c.page.removeprefix("international/").removesuffix(".md") for c in countries.values() if c.kind == "country" and c.page}
    assert profiled == set(HELP_SECTIONS) - {"europe"}
    for anchor, number in HELP_SECTIONS.items():
        assert anchor in sections, anchor
        emergency = re.findall(r'<section class="kb-helpline kb-helpline--emergency"[^>]*>(.*?)</section>', sections[anchor], re.DOTALL)
        assert emergency, f"#{anchor} has no emergency number"
        assert f'<a href="tel:{number}">{number}</a>' in emergency[0], anchor
        # and at least one line to talk to, besides the emergency number
        assert sections[anchor].count('<section class="kb-helpline"') >= 1, anchor


def test_the_danger_box_comes_first_and_names_every_emergency_number(site):
    html = (site / HELP_PAGE).read_text()
    article = html[html.index('<article class="md-content__inner md-typeset">') :]
    after_title = article[article.index("</h1>") + len("</h1>") :].lstrip()
    assert after_title.startswith('<div class="admonition danger kb-urgent">'), after_title[:120]
    box = after_title[: after_title.index("</div>")]
    for number in sorted(set(HELP_SECTIONS.values())):
        assert f"<strong>{number}</strong>" in box, number


def test_the_help_page_links_readers_to_report_a_wrong_number(site):
    html = (site / HELP_PAGE).read_text()
    assert re.search(r'<a href="\.\./about/report-an-error/">tell us on the report-an-error page</a>', html)


@pytest.mark.parametrize("anchor", [a for a in HELP_SECTIONS if a != "europe"])
def test_every_country_profile_links_to_its_section_of_the_help_page(site, anchor):
    html = (site / "international" / anchor / "index.html").read_text()
    assert f'<a href="../../get-help-now/#{anchor}">Get help now</a>' in html
    assert f'<h2 id="{anchor}">' in (site / HELP_PAGE).read_text()


def test_recommendations_cover_every_audience_and_theme_with_permanent_anchors(site):
    """Fifteen or more current recommendations; every audience has at least three and every theme one;
    each has its id as an anchor on the recommendations page and is listed on its audiences' pages."""
    import typing

    from peerkb.models import RecommendationAudience, RecommendationTheme

    kb = check_project(ROOT).kb
    current = [r for r in kb.recommendations.values() if r.status == "current"]
    assert len(current) >= 15
    for audience in typing.get_args(RecommendationAudience):
        assert len([r for r in current if audience in r.audiences]) >= 3, audience
    assert {r.theme for r in current} == set(typing.get_args(RecommendationTheme))
    index = (site / "recommendations/index.html").read_text()
    pages = {
        "national-policymakers": "for-policymakers",
        "municipal-policymakers": "for-policymakers",
        "mental-health-services": "for-services",
        "ngos-and-peer-organisations": "for-ngos",
        "training-and-education": "for-training",
        "prisons-and-probation": "for-prisons",
        "youth-services": "for-youth-services",
    }
    for rec in kb.recommendations.values():
        if rec.source_event is not None:
            # Attributed to an event: the event exists, the recommendation says so, and its documents say who
            # published the text it comes from (data/recommendations.yml; this site does not hold such texts).
            assert f'<p class="kb-rec__source">From: {escape(kb.events[rec.source_event].title)}</p>' in index, rec.id
            assert rec.documents and all(doc.published_by for doc in rec.documents), (
                f"{rec.id} is attributed to {rec.source_event} but does not say who published the text it comes from"
            )
    for rec in current:
        assert f'id="{rec.id}"' in index and f'href="#{rec.id}"' in index, rec.id
        for audience in rec.audiences:
            html = (site / "recommendations" / pages[audience] / "index.html").read_text()
            assert f'id="for-{rec.id}"' in html and f'href="../#{rec.id}"' in html, (rec.id, audience)


def test_no_words_to_avoid_and_no_source_lists_reach_the_search_index(site):
    """The style guide's list of words to avoid, and the source lists at the end of pages, are left out of the
    index: a search must never show a list of slurs as an excerpt, nor match a source's title."""
    avoided = {phrase.lower() for rule in check_project(ROOT).kb.wording.values() for phrase in rule.avoid}
    contents = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{") :])
        contents[record["url"]] = record["content"].lower()
    assert "/contribute/style-guide/" in contents and len(contents) >= 60
    found = sorted(f"{url}: {phrase}" for url, text in contents.items() for phrase in avoided if re.search(rf"\b{re.escape(phrase)}\b", text))
    # Public pages hold none, except the bibliography, where sources keep their published titles. Contributor pages
    # quote a few in code examples of mistakes and of data (search lists them apart, after public results, and never
    # for a crisis query); the style guide's list itself is not indexed.
    guide = (ROOT / "docs/contribute/style-guide.md").read_text(encoding="utf-8").lower()
    in_guide_code = {phrase for phrase in avoided for block in re.findall(r"```.*?```", guide, re.DOTALL) if phrase in block}
    assert [f for f in found if not f.startswith(("/contribute/", "/evidence/bibliography/"))] == []
    assert {f.split(": ")[1] for f in found if f.startswith("/contribute/style-guide/")} <= in_guide_code
    assert "accessed" not in contents["/peer-support/what-is-peer-support/"]  # the source list's "(accessed …)" is not indexed


# The English pages readers print (the Lithuanian brief's paper header is read from its PDF, in tests/browser/test_print.py).
PRINT_PAGES = sorted(
    built_path(md)
    for md in (ROOT / "docs").rglob("*.md")
    if re.search(r"^print_button: true$", md.read_text(encoding="utf-8"), re.M) and "/docs/lt/" not in md.as_posix()
)


def test_the_policy_brief_and_the_recommendations_are_pages_readers_print():
    assert "recommendations/policy-brief/index.html" in PRINT_PAGES and "recommendations/index.html" in PRINT_PAGES


@pytest.mark.parametrize("page", PRINT_PAGES)
def test_pages_readers_print_say_on_paper_who_publishes_them_their_version_licence_and_address(site, page):
    """A header that only paper shows, from mkdocs.yml and front matter, and the link to the PDF the build made."""
    from peerkb.pdf import find_chromium, pdf_name

    meta = next(p.meta for p in check_project(ROOT).pages if built_path(ROOT / p.path) == page)
    assert meta is not None
    html = (site / page).read_text(encoding="utf-8")
    header = html[html.index('<div class="kb-print-header">') :]
    header = re.sub(r"\s+", " ", header[: header.index("</div>")])
    reviewed, due = meta.last_reviewed, meta.review_due
    commit = re.search(r"\(build ([0-9a-f]{4,40})\)", header)
    assert header == (
        '<div class="kb-print-header"> <p class="kb-print-header__site"><strong>Peer Support and Recovery</strong>: an open knowledge base '
        'maintained by its contributors</p> <dl class="kb-print-header__facts"> <dt>Version</dt> <dd>last reviewed '
        f'<time datetime="{reviewed.isoformat()}">{reviewed.day} {reviewed:%B %Y}</time>{f" (build {commit.group(1)})" if commit else ""}, '
        f'next review due <time datetime="{due.isoformat()}">{due.day} {due:%B %Y}</time></dd> <dt>Licence</dt> '
        "<dd>CC BY 4.0, https://creativecommons.org/licenses/by/4.0/</dd> <dt>Permanent address</dt> "
        f"<dd>http://127.0.0.1:8000/{page[: -len('index.html')]}</dd> </dl> "
    )
    name = pdf_name(page[: -len("index.html")])
    link = f'<a class="md-button kb-print kb-print--pdf" href="{name}" download="{name}" type="application/pdf">Download PDF</a>'
    if find_chromium() or os.environ.get("CI") == "true":
        assert link in html
        assert (site / page).with_name(name).read_bytes().startswith(b"%PDF-")
    else:
        assert link not in html and not (site / page).with_name(name).exists()


def test_the_sitemaps_list_every_page_of_both_languages_with_its_pair(site):
    """The root sitemap lists every page of both editions; each translated page and its English page name each other
    and English as the default; the Lithuanian folder's sitemap lists its own pages only."""
    root = "http://127.0.0.1:8000/"
    entries = re.findall(r"<url>(.*?)</url>", (site / "sitemap.xml").read_text(encoding="utf-8"), re.S)
    by_loc = {re.search(r"<loc>([^<]+)</loc>", e).group(1): e for e in entries}  # type: ignore[union-attr]
    assert sorted(by_loc) == sorted(root + page[: -len("index.html")] for page in ALL_PAGES)
    for page in LT_PAGES:
        english, lithuanian = root + page[len("lt/") : -len("index.html")], root + page[: -len("index.html")]
        links = [
            f'<xhtml:link rel="alternate" hreflang="en" href="{english}"/>',
            f'<xhtml:link rel="alternate" hreflang="lt" href="{lithuanian}"/>',
            f'<xhtml:link rel="alternate" hreflang="x-default" href="{english}"/>',
        ]
        assert re.findall(r"<xhtml:link[^>]*/>", by_loc[english]) == links
        assert re.findall(r"<xhtml:link[^>]*/>", by_loc[lithuanian]) == links
    assert "xhtml:link" not in by_loc[root + "evidence/"]  # a page with no translation names no pair
    own = re.findall(r"<loc>([^<]+)</loc>", (site / "lt" / "sitemap.xml").read_text(encoding="utf-8"))
    assert sorted(own) == sorted(root + page[: -len("index.html")] for page in LT_PAGES)
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


def test_the_translation_status_page_lists_every_translated_page_with_its_state(site):
    html = (site / "contribute" / "translation-status" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(
        r"<tr><td><a href=\"([^\"]+)\">.*?</a></td><td><a href=\"([^\"]+)\" lang=\"lt\">.*?</td><td>lt</td><td>(.*?)</td><td>(.*?)</td></tr>", html
    )
    folder = site / "contribute" / "translation-status"

    def built(href: str) -> str:
        return ((folder / href).resolve() / "index.html").relative_to(site.resolve()).as_posix()

    pairs = sorted((built(lt), built(en)) for en, lt, _, _ in rows)
    assert pairs == sorted((page, page[len("lt/") :]) for page in LT_PAGES)
    assert {state for _, _, state, _ in rows} == {"Up to date"}
    assert {review for _, _, _, review in rows} == {"Not yet reviewed"}
    assert f"<p>{len(LT_PAGES)} translated pages: {len(LT_PAGES)} up to date with the English, 0 reviewed by a native speaker.</p>" in html
