"""Every built page in real headless Chromium, on a phone and on a desktop screen, with the reader's device set to light
and to dark colours: no accessibility violations (WCAG 2.2 A and AA, checked by the axe-core pinned in
package-lock.json), no request to any host but the local server, no console errors and no Content-Security-Policy
violations."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from helpers import ROOT, html_pages
from pages import SCHEMES, SCREENS, assert_private_and_error_free, axe_violations, new_page, open_page, url_path

pytestmark = pytest.mark.browser


def redirect_paths() -> list[str]:
    """URL paths of the pages that forward readers from an old address (the redirects plugin in mkdocs.yml)."""
    from mkdocs.utils.yaml import yaml_load

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        config = yaml_load(handle)
    maps = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "redirects" in plugin:
            maps = (plugin["redirects"] or {}).get("redirect_maps") or {}
    return sorted(url_path(old) for old in maps)


def page_paths() -> list[str]:
    """URL paths of every page, from docs/, plus the 404 page and the redirect pages (which a visit follows)."""
    paths = [url_path(md.relative_to(ROOT / "docs").as_posix()) for md in sorted((ROOT / "docs").rglob("*.md"))]
    return [*paths, "/404.html", *redirect_paths()]


def test_the_page_list_covers_every_built_page(site):
    built = set()
    for page in html_pages(site):
        rel = page.relative_to(site).as_posix()
        built.add("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    assert set(page_paths()) == built


# A page with the strictest policy the site may have: scripts only from the site itself, none inline.
STRICT_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A strict policy</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'">
</head><body><main><h1>A strict policy</h1><p>Inline scripts may not run here.</p>
<script>document.title = "The inline script ran";</script></main></body></html>"""


def test_the_checks_work_under_a_strict_content_security_policy(browser, server, axe_source):
    """axe-core runs on a page whose policy blocks inline scripts, and the policy's violations are reported."""
    context, page, visit = new_page(browser)
    try:
        url = server + "/strict-policy-check/"
        page.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=STRICT_PAGE))
        page.goto(url, wait_until="networkidle")
        count, report = axe_violations(page, axe_source)
        assert count == 0, report
        assert page.title() == "A strict policy", "the policy did not block the inline script"
        page.evaluate("0")
        assert [v.split()[0] for v in visit.csp] == ["script-src-elem"], visit.csp
    finally:
        context.close()


# Text size of the page's body text and of its smallest box ("In short", notes), in px.
TEXT_SIZES = """() => {
  const size = e => parseFloat(getComputedStyle(e).fontSize);
  const boxes = [...document.querySelectorAll("article .admonition, article details")];
  return [size(document.querySelector("article.md-typeset")), boxes.length ? Math.min(...boxes.map(size)) : null];
}"""


@pytest.mark.parametrize("path", page_paths())
@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_page_is_accessible_private_and_error_free(browser, server, axe_source, scheme, screen, path):
    context, page, visit = open_page(browser, server + path, color_scheme=scheme, **SCREENS[screen])
    try:
        # The page shows the colours the reader's device asks for (the theme's script sets them).
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
        count, report = axe_violations(page, axe_source)
        assert count == 0, report
        assert_private_and_error_free(page, visit)
        assert any(urlparse(u).path.endswith(".js") for u in visit.requests), "the page's scripts did not load"
        # Nothing makes the page scroll sideways: wide content scrolls in its own area or wraps. (A phone's browser
        # widens window.innerWidth to fit content that is too wide, so the screen's width is the measure.)
        screen_width = SCREENS[screen]["viewport"]["width"]
        width, window = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= screen_width and window <= screen_width, f"the page is {width} px wide on a screen {screen_width} px wide"
        # "In short" and other boxes are at least the size of the body text.
        body, boxes = page.evaluate(TEXT_SIZES) if page.locator("article.md-typeset").count() else (None, None)
        assert boxes is None or boxes >= body, f"a box's text is {boxes} px, the page's {body} px"
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
        assert_private_and_error_free(page, visit)
    finally:
        context.close()
