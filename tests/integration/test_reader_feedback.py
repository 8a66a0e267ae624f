"""The real site, built as published and as CI builds it with a repository: every page ends with "Report a problem
with this page", which never leads nowhere; a page built from data links to the data files it shows; and public
pages speak plainly about how to take part."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from helpers import ROOT, html_pages
from peerkb.check import check_project
from peerkb.editions import of_path
from peerkb.interface import project_strings

pytestmark = pytest.mark.build

REPO = "https://github.com/example/peer-support-kb"  # as the site_with_repo fixture builds it
RESULT = check_project(ROOT)
TITLES = {page.path.removeprefix("docs/"): page.meta.title for page in RESULT.pages if page.meta}
PUBLIC = sorted(
    page.path.removeprefix("docs/") for page in RESULT.pages if page.meta and "public" in page.meta.audience and not page.path.startswith("docs/contribute/")
)
# Words of the code host's trade, which mean nothing to most readers (contributor pages may use them). "Repository"
# alone is left to the sources, where a university's repository is where a thesis is kept.
JARGON = ["code host", "issue tracker", "pull request", "merge request", "github", "gitlab", "open an issue", "site's repository", "public repository"]


def built(src: str) -> str:
    """Where a page of docs/ is built: 'a/b.md' → 'a/b/index.html', 'a/index.md' → 'a/index.html'."""
    stem = src.removesuffix(".md")
    return stem.removesuffix("index") + "index.html" if stem == "index" or stem.endswith("/index") else stem + "/index.html"


def feedback_links(html: str) -> dict[str, list[str]]:
    """The links at the end of a page, by kind: report, email, suggest, data."""
    found: dict[str, list[str]] = {}
    for href, kind in re.findall(r'<a href="([^"]+)" data-kb-feedback="(\w+)"', html):
        found.setdefault(kind, []).append(href.replace("&amp;", "&"))
    return found


@pytest.mark.parametrize("src", sorted(TITLES))
def test_without_a_repository_every_page_reports_through_the_site_s_own_page(site, src):
    page = site / built(src)
    html = page.read_text(encoding="utf-8")
    edition = of_path(src)
    assert f">{project_strings(edition.code)['feedback_report']}</a>" in html
    links = feedback_links(html)
    assert set(links) == {"report"}, "no email is invented, and there is no file to edit without a repository"
    (report,) = links["report"]
    assert not urlsplit(report).scheme, report
    # A Lithuanian page reports through the Lithuanian page on reporting errors.
    assert (page.parent / report / "index.html").resolve() == (site / edition.prefix / "about" / "report-an-error" / "index.html").resolve()


@pytest.mark.parametrize("src", sorted(TITLES))
def test_with_a_repository_every_page_opens_a_report_with_its_title_and_address(site_with_repo, src):
    html = (site_with_repo / built(src)).read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)
    assert canonical
    (report,) = feedback_links(html)["report"]
    parts = urlsplit(report)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO}/issues/new"
    query = parse_qs(parts.query)
    ui = project_strings(of_path(src).code)
    assert query["template"] == ["report-an-error.yml"]
    assert query["title"] == [ui["report_title"].format(title=TITLES[src])]
    assert query["page"] == [canonical.group(1)]
    assert query["body"] == [f"{ui['report_page'].format(title=TITLES[src])}\n{canonical.group(1)}\n\n{ui['report_what']}\n"]
    assert feedback_links(html)["suggest"] == [f"{REPO}/edit/main/docs/{src}"]  # a Lithuanian page's own file: docs/lt/…


def test_get_help_now_links_to_the_file_of_its_phone_numbers(site_with_repo):
    html = (site_with_repo / "get-help-now" / "index.html").read_text(encoding="utf-8")
    links = feedback_links(html)
    assert links["data"] == [f"{REPO}/edit/main/data/helplines.yml"]
    assert "<code>data/helplines.yml</code></a>" in html and "Edit the data on this page:" in html
    assert links["suggest"] == [f"{REPO}/edit/main/docs/get-help-now.md"]
    # "Edit this page" at the top leads to these links: the page's own file holds only the calls that show the numbers.
    assert '<a href="#kb-feedback" title="Edit this page"' in html and 'id="kb-feedback"' in html
    assert f'href="{REPO}/edit/main/docs/get-help-now.md" title="Edit this page"' not in html


def test_the_glossary_links_to_every_file_its_terms_come_from(site_with_repo):
    html = (site_with_repo / "glossary" / "index.html").read_text(encoding="utf-8")
    files = sorted(set(RESULT.kb.files["glossary"].values()))
    assert len(files) > 1 and all((ROOT / f).is_file() for f in files)
    assert feedback_links(html)["data"] == [f"{REPO}/edit/main/{f}" for f in files]
    assert '<a href="#kb-feedback" title="Edit this page"' in html


def test_a_country_page_links_to_the_one_file_of_its_country(site_with_repo):
    html = (site_with_repo / "international" / "norway" / "index.html").read_text(encoding="utf-8")
    assert feedback_links(html)["data"] == [f"{REPO}/edit/main/{RESULT.kb.files['countries']['no']}"]


def test_a_page_of_text_alone_keeps_its_own_edit_link(site_with_repo):
    html = (site_with_repo / "peer-support" / "benefits" / "index.html").read_text(encoding="utf-8")
    assert "data" not in feedback_links(html)
    assert f'<a href="{REPO}/edit/main/docs/peer-support/benefits.md" title="Edit this page"' in html


def test_the_help_page_says_reports_are_not_a_way_to_get_help(site):
    for page in (site / "index.html", site / "get-help-now" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert "This is not a way to get help: what you send is read by the people who keep this site, not by a crisis team." in html


class VisibleText(HTMLParser):
    """The words a reader sees or hears on a page: its text (not scripts or styles) and its title, aria-label and alt
    attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.parts += [value for name, value in attrs if name in ("title", "aria-label", "alt") and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


@pytest.mark.parametrize("build", ["site", "site_with_repo"])
def test_public_pages_speak_plainly_about_reporting_and_editing(build, request):
    site: Path = request.getfixturevalue(build)
    found = []
    for src in PUBLIC:
        parser = VisibleText()
        parser.feed((site / built(src)).read_text(encoding="utf-8"))
        text = " ".join(" ".join(parser.parts).split()).lower()
        found += [f"{src}: {word}" for word in JARGON if word in text]
    assert len(PUBLIC) > 40 and "get-help-now.md" in PUBLIC
    assert found == []


def test_contributor_pages_keep_the_technical_words(site):
    """The check above looks where it should: the same words are on contributor pages, where they belong."""
    text = " ".join(p.read_text(encoding="utf-8") for p in html_pages(site / "contribute")).lower()
    assert "pull request" in text and "github" in text
