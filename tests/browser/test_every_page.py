"""Every built page in real headless Chromium: no accessibility violations (WCAG 2.2 A and AA, checked
by axe-core), no request to any host but the local server, and no console errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest

from helpers import ROOT, html_pages

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def page_paths() -> list[str]:
    """URL paths of every page, from docs/ (directory URLs), plus the 404 page."""
    paths = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        rel = md.relative_to(ROOT / "docs").with_suffix("").as_posix()
        if rel == "index":
            paths.append("/")
        elif rel.endswith("/index"):
            paths.append(f"/{rel[: -len('index')]}")
        else:
            paths.append(f"/{rel}/")
    return paths + ["/404.html"]


@dataclass
class Visit:
    """What happened while a page loaded."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def open_page(browser, url: str, **context_options):
    context = browser.new_context(**context_options)
    page = context.new_page()
    visit = Visit()
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and visit.errors.append(message.text))
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.goto(url, wait_until="networkidle")
    return context, page, visit


def axe_violations(page) -> tuple[int, str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return results.violations_count, results.generate_report()


def foreign(requests: list[str]) -> list[str]:
    return [u for u in requests if not u.startswith(("data:", "blob:")) and urlparse(u).hostname != "127.0.0.1"]


def test_the_page_list_covers_every_built_page(site):
    built = set()
    for page in html_pages(site):
        rel = page.relative_to(site).as_posix()
        built.add("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    assert set(page_paths()) == built


@pytest.mark.parametrize("path", page_paths())
def test_page_is_accessible_private_and_error_free(browser, server, path):
    context, page, visit = open_page(browser, server + path)
    try:
        count, report = axe_violations(page)
        assert count == 0, report
        assert foreign(visit.requests) == []
        assert visit.errors == []
        assert any(urlparse(u).path.endswith(".js") for u in visit.requests), "the page's scripts did not load"
    finally:
        context.close()


def test_search_dialog_is_accessible_and_finds_pages(browser, server):
    context, page, visit = open_page(browser, server + "/")
    try:
        page.keyboard.press("/")  # Material's shortcut opens the search dialog
        page.keyboard.type("reciprocal", delay=20)  # typed key by key, as a person would
        results = page.locator(".md-search-result__item")
        results.first.wait_for(timeout=15000)
        assert "What is peer support" in page.locator(".md-search-result").inner_text()
        assert page.get_by_role("dialog", name="Search").count() == 1
        count, report = axe_violations(page)
        assert count == 0, report
        assert foreign(visit.requests) == [] and visit.errors == []
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "/peer-support/what-is-peer-support/"])
def test_help_link_is_visible_and_one_click_away_on_a_phone(browser, server, path):
    context, page, visit = open_page(browser, server + path, viewport={"width": 360, "height": 740}, is_mobile=True)
    try:
        link = page.get_by_role("navigation", name="Header").get_by_role("link", name="Get help now")
        assert link.is_visible()
        link.click()
        page.wait_for_url("**/get-help-now/")
        assert page.title().startswith("Get help now")
        assert foreign(visit.requests) == []
    finally:
        context.close()
