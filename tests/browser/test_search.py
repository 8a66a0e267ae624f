"""Search, as readers use it, in Chromium: each query is typed into the search box and the page that answers it
must be among the first five public results. When a query fails, improve the page (its title, headings, or its
keywords: front matter) or the search, not this list.

Also: a query with a crisis word shows the urgent-help card before any result; contributor pages never appear
among the public results; a misspelt query offers the right spelling; nothing of search loads before a reader
opens it; and the open dialog, with results, passes axe-core."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
import yaml

from helpers import ROOT
from pages import assert_private_and_error_free, axe_violations, new_page, open_page, paths, public_results, search

pytestmark = pytest.mark.browser

TOP = 5  # the answer must be among the first five pages listed
HELP = "/get-help-now/"

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

# What a member of the public, a service manager and a policymaker type, full questions included.
MORE_QUERIES = {
    "peer support worker salary": "/practice/employment/",
    "salary": "/practice/employment/",
    "teenagers": "/youth/",
    "is peer support effective": "/evidence/",
    "does peer support work": "/evidence/",
    "Nordic Council of Ministers": "/lithuania-iceland/",
    "funder": "/lithuania-iceland/",
    "what does a peer support worker do": "/practice/",
    "peer support worker": "/practice/",
    "how to become a peer support worker": "/practice/training-and-competence/",
    "training for peer workers": "/practice/training-and-competence/",
    "certification": "/practice/training-and-competence/",
    "boundaries": "/peer-support/challenges/",
    "is peer support therapy": "/peer-support/what-it-is-not/",
    "hope": "/recovery/chime/",
    "personal recovery": "/recovery/personal-and-clinical/",
    "psychiatric ward": "/practice/acute-and-inpatient-care/",
    "hospital": "/practice/acute-and-inpatient-care/",
    "team integration": "/practice/team-integration/",
    "how to implement peer support": "/practice/implementation/",
    "peer support in prison": "/prison/",
    "leaving prison": "/prison/after-release/",
    "young people mental health": "/youth/",
    "youth peer support": "/youth/",
    "policy brief": "/recommendations/policy-brief/",
    "recommendations for policymakers": "/recommendations/for-policymakers/",
    "municipality": "/recommendations/for-policymakers/",
    "what should services do": "/recommendations/for-services/",
    "NGO": "/recommendations/for-ngos/",
    "Lithuania": "/international/lithuania/",
    "Vilnius": "/lithuania-iceland/study-visit-2024/",
    "Traustur Kjarni": "/lithuania-iceland/",
    "Mental Health Perspectives": "/international/lithuania/",
    "peer mentoring": "/lithuania-iceland/peer-mentoring-session/",
    "Denmark": "/international/denmark/",
    "Australia": "/international/australia/",
    "Ireland": "/international/ireland/",
    "certified peer specialist": "/international/united-states/",
    "Cochrane review": "/evidence/systematic-reviews/",
    "evidence limitations": "/evidence/limits/",
    "references": "/evidence/bibliography/",
    "accessibility": "/about/accessibility/",
    "report an error": "/about/report-an-error/",
    "disclaimer": "/about/disclaimer/",
    "definition of peer support": "/peer-support/what-is-peer-support/",
}

# What a person in distress types: the urgent-help card must come before any result.
CRISIS_QUERIES = [
    "suicide",
    "Suicidal thoughts",
    "I want to kill myself",
    "how to end my life",
    "self-harm",
    "self harm",
    "selfharm",
    "I want to die",
    "overdose",
    "crisis",
    "emergency",
    "hurt myself",
    "I don't want to live anymore",
    "suicide helpline",
]

# A misspelt query → the spelling offered → the page that answers it.
TYPOS = {
    "recovry": ("recovery", "/recovery/"),
    "Icleand": ("iceland", "/international/iceland/"),
    "supervison": ("supervision", "/practice/supervision/"),
    "Norwy": ("norway", "/international/norway/"),
    "glosary": ("glossary", "/glossary/"),
    "employmnet": ("employment", "/practice/employment/"),
}


@pytest.fixture
def dialog(browser, server):
    context, page, visit = open_page(browser, server + "/")
    page.keyboard.press("/")
    yield page, visit
    context.close()


def test_search_finds_the_page_that_answers_each_question(dialog):
    page, visit = dialog
    queries = {**QUERIES, **MORE_QUERIES}
    assert len(QUERIES) >= 30 and len(MORE_QUERIES) >= 30
    misses, contributors = [], []
    for query, expected in queries.items():
        search(page, query)
        found = public_results(page)
        if expected not in found[:TOP]:
            misses.append(f"{query!r}: expected {expected} in the first {TOP}, got {found[:TOP]}")
        contributors += [f"{query!r}: {path}" for path in found if path.startswith("/contribute/")]
    assert misses == []
    assert contributors == []  # contributor pages are listed apart, never among public results
    assert_private_and_error_free(page, visit)


def test_a_crisis_query_shows_the_urgent_help_card_before_any_result(dialog):
    page, visit = dialog
    assert len(CRISIS_QUERIES) >= 10
    wrong = []
    avoided = [phrase.lower() for rule in yaml.safe_load((ROOT / "data/wording.yml").read_text()) for phrase in rule["avoid"]]
    for query in CRISIS_QUERIES:
        search(page, query)
        first = page.locator("[data-kb-search-results] > *").first
        if first.get_attribute("data-kb-search-crisis") is None:
            wrong.append(f"{query!r}: the first thing shown is not the urgent-help card")
        card = page.locator("[data-kb-search-crisis]")
        if paths(page, "[data-kb-search-crisis] a.kb-search__help-link") != [HELP]:
            wrong.append(f"{query!r}: the card does not link to {HELP}")
        numbers = card.locator("a[href^='tel:']").all_inner_texts()
        if "112" not in numbers or "116 123" not in numbers:
            wrong.append(f"{query!r}: the card shows {numbers}, not 112 and 116 123")
        found = public_results(page)
        if found and HELP in found and found[0] != HELP:
            wrong.append(f"{query!r}: {HELP} is found but not first ({found[:3]})")
        if page.locator(".kb-search__list--contributors").count():
            wrong.append(f"{query!r}: contributor pages are listed for a crisis query")
        text = page.locator("[data-kb-search-dialog]").inner_text().lower()
        wrong += [f"{query!r}: shows the avoided phrase {p!r}" for p in avoided if f" {p} " in f" {text} "]
    assert wrong == []
    assert_private_and_error_free(page, visit)


def test_the_card_also_appears_when_nothing_matches(dialog):
    page, _ = dialog
    search(page, "xqzvw")
    assert page.locator("[data-kb-search-status]").inner_text() == "No pages found."
    assert page.locator("[data-kb-search-results] > *").first.get_attribute("data-kb-search-crisis") == ""


def test_an_ordinary_query_shows_no_card(dialog):
    page, _ = dialog
    search(page, "supervision")
    assert page.locator("[data-kb-search-crisis]").count() == 0


def test_a_misspelt_query_offers_the_right_spelling_and_one_click_runs_it(dialog):
    page, visit = dialog
    assert len(TYPOS) >= 5
    wrong = []
    for typo, (spelling, expected) in TYPOS.items():
        search(page, typo)
        offer = page.locator("[data-kb-search-suggestion]")
        if offer.count() != 1 or offer.inner_text() != spelling:
            wrong.append(f"{typo!r}: offered {offer.all_inner_texts()}, not {spelling!r}")
            continue
        offer.click()
        page.wait_for_function("q => document.querySelector('[data-kb-search-results]').getAttribute('data-kb-search-done') === q", arg=spelling)
        if page.locator("[data-kb-search-input]").input_value() != spelling:
            wrong.append(f"{typo!r}: the box does not hold {spelling!r} after the click")
        if expected not in public_results(page)[:TOP]:
            wrong.append(f"{typo!r} → {spelling!r}: expected {expected} in the first {TOP}, got {public_results(page)[:TOP]}")
    assert wrong == []
    assert_private_and_error_free(page, visit)


def test_a_correct_query_offers_no_other_spelling(dialog):
    page, _ = dialog
    for query in ["recovery", "salary", "erfaringskonsulent", "Listener scheme"]:
        search(page, query)
        assert page.locator("[data-kb-search-suggestion]").count() == 0, query


def test_contributor_pages_come_after_every_public_result_under_their_own_heading(dialog):
    page, _ = dialog
    search(page, "style guide")
    children = page.locator("[data-kb-search-results] > *")
    classes = [children.nth(i).get_attribute("class") for i in range(children.count())]
    assert classes == ["kb-search__list", "kb-search__group", "kb-search__list kb-search__list--contributors"]
    assert page.locator(".kb-search__group").inner_text() == "For contributors"
    assert "/contribute/style-guide/" in paths(page, ".kb-search__list--contributors .kb-search__link")


def test_results_show_title_section_and_excerpt_and_the_count_is_announced(dialog):
    page, _ = dialog
    search(page, "erfaringskonsulent")
    first = page.locator(".kb-search__item").first
    assert first.locator(".kb-search__page").inner_text() == "Peer support in Norway: the erfaringskonsulent"
    assert first.locator(".kb-search__section").inner_text() == "International practice"
    assert "erfaringskonsulent" in first.locator(".kb-search__excerpt mark").first.inner_text().lower()
    status = page.get_by_role("status")
    assert status.inner_text().endswith("pages found.") or status.inner_text() == "1 page found."


@pytest.mark.parametrize("width", [390, 1280])
def test_the_open_dialog_with_results_passes_axe(browser, server, axe_source, width):
    context, page, visit = new_page(browser, viewport={"width": width, "height": 800})
    try:
        page.goto(server + "/peer-support/", wait_until="networkidle")
        page.get_by_role("button", name="Search").click()
        assert page.get_by_role("dialog", name="Search").is_visible()
        search(page, "suicide")  # the card and results
        count, report = axe_violations(page, axe_source)
        assert count == 0, report
        search(page, "recovry")  # a suggestion and results
        count, report = axe_violations(page, axe_source)
        assert count == 0, report
        assert_private_and_error_free(page, visit)
    finally:
        context.close()


def test_nothing_of_search_loads_until_a_reader_opens_it(browser, server):
    context, page, visit = open_page(browser, server + "/peer-support/principles/")
    try:
        loaded = [urlparse(u).path for u in visit.requests]
        assert [p for p in loaded if "pagefind" in p or p.startswith("/search/") or p.endswith("search.js")] == []
        page.keyboard.press("s")
        search(page, "principles")
        loaded = [urlparse(u).path for u in visit.requests]
        assert "/assets/javascripts/search.js" in loaded and "/pagefind/pagefind.js" in loaded and "/search/en.json" in loaded
        assert any(p.startswith("/pagefind/fragment/") for p in loaded)
        assert_private_and_error_free(page, visit)
    finally:
        context.close()


def test_the_keyboard_opens_moves_through_and_closes_search(dialog):
    page, _ = dialog
    dialog_box = page.get_by_role("dialog", name="Search")
    assert dialog_box.is_visible()
    assert page.evaluate("document.activeElement.matches('[data-kb-search-input]')")
    search(page, "supervision")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.kb-search__link')")
    first = page.evaluate("document.activeElement.href")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") != first
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.matches('[data-kb-search-input]')")
    page.keyboard.press("Escape")
    dialog_box.wait_for(state="hidden", timeout=5000)
    # Focus leaves the closed dialog for the search button, never stays on the hidden search box.
    assert page.evaluate("document.activeElement.matches('[data-kb-search-open]')")
    page.keyboard.press("/")
    dialog_box.wait_for(state="visible", timeout=5000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/practice/supervision/")


def test_closing_search_gives_focus_back_to_the_search_button(browser, server):
    context, page, visit = open_page(browser, server + "/", viewport={"width": 1280, "height": 800})
    try:
        button = page.get_by_role("button", name="Search")
        button.click()
        page.get_by_role("dialog", name="Search").wait_for(state="visible")
        page.keyboard.press("Escape")
        assert page.evaluate("document.activeElement.matches('[data-kb-search-open]')")
        assert_private_and_error_free(page, visit)
    finally:
        context.close()
