"""Search answers real questions: each query is typed into the site's search box, key by key, and the
page that answers it must be among the first results. When a query fails, improve the page (its title,
headings or summary) or the search configuration, not this list."""

from __future__ import annotations

import time
from urllib.parse import urljoin, urlparse

import pytest

from pages import assert_private_and_error_free, open_page

pytestmark = pytest.mark.browser

TOP = 5  # the answer must be among the first five pages listed

# query → the page (URL path) that answers it
QUERIES = {
    "what is peer support": "/peer-support/what-is-peer-support/",
    "what is recovery": "/recovery/",
    "CHIME": "/recovery/chime/",
    "clinical recovery": "/recovery/personal-and-clinical/",
    "mutual aid": "/peer-support/forms/",
    "principles": "/peer-support/principles/",
    "not friendship": "/peer-support/what-it-is-not/",
    "peer drift": "/peer-support/challenges/",
    "supervision": "/practice/supervision/",
    "competence framework": "/practice/training-and-competence/",
    "acute ward": "/practice/acute-and-inpatient-care/",
    "pay": "/practice/employment/",
    "Iceland": "/international/iceland/",
    "Norway": "/international/norway/",
    "erfaringskonsulent": "/international/norway/",
    "kokemusasiantuntija": "/international/finland/",
    "ervaringsdeskundige": "/international/netherlands/",
    "Medicaid": "/international/united-states/",
    "Scotland": "/international/united-kingdom/",
    "study visit": "/lithuania-iceland/study-visit-2024/",
    "webinar": "/lithuania-iceland/webinar-prison-and-youth/",
    "prison": "/prison/",
    "Listener scheme": "/prison/",
    "after release": "/prison/after-release/",
    "young people": "/youth/",
    "systematic review": "/evidence/systematic-reviews/",
    "randomised trial": "/evidence/trials/",
    "crisis helpline": "/get-help-now/",
    "privacy": "/about/privacy/",
    "glossary": "/glossary/",
}


def result_pages(page, base: str) -> list[str]:
    """URL paths of the listed result pages, in order, once the list has stopped changing."""
    previous, stable_since = None, time.monotonic()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        hrefs = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link", "links => links.map(a => a.getAttribute('href'))")
        if hrefs != previous:
            previous, stable_since = hrefs, time.monotonic()
        elif hrefs and time.monotonic() - stable_since > 0.6:
            break
        time.sleep(0.1)
    paths = []
    for href in previous or []:
        path = urlparse(urljoin(base, href)).path
        if path not in paths:
            paths.append(path)
    return paths


def test_search_finds_the_page_that_answers_each_question(browser, server):
    assert len(QUERIES) >= 20
    context, page, visit = open_page(browser, server + "/")
    misses = []
    try:
        page.keyboard.press("/")
        box = page.get_by_role("dialog", name="Search").locator("input")
        for query, expected in QUERIES.items():
            box.fill("")
            box.type(query, delay=15)
            found = result_pages(page, page.url)
            if expected not in found[:TOP]:
                misses.append(f"{query!r}: expected {expected} in the first {TOP}, got {found[:TOP]}")
        assert misses == []
        assert_private_and_error_free(page, visit)
    finally:
        context.close()
