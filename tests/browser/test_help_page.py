"""The urgent-help page in Chromium: the "in danger right now" box comes first and is at least as large as the
body text, on a phone and on a desktop screen, and the page ends with nothing for anyone but a reader who needs
help (printing it on two A4 pages is tested in test_print.py)."""

from __future__ import annotations

import pytest

from pages import assert_private_and_error_free, open_page

pytestmark = pytest.mark.browser

HELP = "/get-help-now/"
SCREENS = {"mobile": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


@pytest.mark.parametrize("screen", SCREENS)
def test_the_danger_box_is_first_and_at_least_as_large_as_the_body_text(browser, server, screen):
    context, page, visit = open_page(browser, server + HELP, viewport=SCREENS[screen])
    try:
        sizes = page.evaluate(
            """() => {
                const px = (element) => parseFloat(getComputedStyle(element).fontSize);
                const article = document.querySelector("article.md-typeset");
                const first = article.querySelector("h1").nextElementSibling;
                const box = article.querySelector(".admonition.danger");
                const body = [...article.querySelectorAll(":scope > p, :scope > .kb-page > p")].filter((p) => p.textContent.trim());
                return {
                    firstIsBox: first === box,
                    boxAboveEveryCard: box.getBoundingClientRect().bottom <= article.querySelector(".kb-helpline").getBoundingClientRect().top,
                    title: px(box.querySelector(".admonition-title")),
                    text: Math.min(...[...box.querySelectorAll("p:not(.admonition-title)")].map(px)),
                    body: Math.max(...body.map(px)),
                    bodyCount: body.length,
                };
            }"""
        )
        assert sizes["firstIsBox"] and sizes["boxAboveEveryCard"], sizes
        assert sizes["bodyCount"] >= 5, sizes
        assert sizes["text"] >= sizes["body"] and sizes["title"] >= sizes["body"], sizes
        assert_private_and_error_free(page, visit)
    finally:
        context.close()


def test_the_help_page_shows_no_citation_or_recommendation_block(browser, server):
    context, page, _ = open_page(browser, server + HELP)
    try:
        assert page.locator(".kb-cite-page").count() == 0
        assert page.locator("#recommendations").count() == 0
        assert page.get_by_text("Cite this page").count() == 0
        assert page.get_by_text("Recommendations based on this page").count() == 0
        # The page's text ends with its sources (then come the review dates and the way to report a problem).
        assert page.locator("article .kb-page h2").last.get_attribute("id") == "sources"
        assert page.locator("article h2").last.get_attribute("id") == "kb-feedback-title"
    finally:
        context.close()
