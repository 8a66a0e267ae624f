"""The Lithuanian edition in the browser: the language switch leads from every translated page to its English page
and back, and from a page with no translation to the other home page with a note; each page names its pair for search
engines; Lithuanian search finds Lithuanian pages (inflected and without diacritics) and answers crisis words in
Lithuanian with the urgent-help card. (Every Lithuanian page is also in test_every_page's list: axe, no third-party
request, no console error, the CSP, at both widths and in both colour schemes.)"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from helpers import ROOT
from pages import SCREENS, assert_private_and_error_free, open_page, paths, public_results, search, url_path

pytestmark = pytest.mark.browser

LT_DOCS = ROOT / "docs" / "lt"
LT_PAGES = sorted(p.relative_to(LT_DOCS).as_posix() for p in LT_DOCS.rglob("*.md"))
LT_HELP = "/lt/get-help-now/"

# Lithuanian questions and the page that answers each: inflected forms, words without their diacritics, and the
# words people use (the page must be among the first five, and no English page may come before it).
LT_QUERIES = {
    "savitarpio pagalba": "/lt/peer-support/what-is-peer-support/",
    "savitarpio pagalbos": "/lt/peer-support/what-is-peer-support/",
    "kas yra savitarpio pagalba": "/lt/peer-support/what-is-peer-support/",
    "atsigavimas": "/lt/recovery/",
    "atsigavimo": "/lt/recovery/",
    "kalėjime": "/lt/lithuania-iceland/webinar-prison-and-youth/",
    "kalejime": "/lt/lithuania-iceland/webinar-prison-and-youth/",
    "principai": "/lt/peer-support/principles/",
    "savitarpio pagalbos principai": "/lt/peer-support/principles/",
    "nauda": "/lt/peer-support/benefits/",
    "iššūkiai": "/lt/peer-support/challenges/",
    "issukiai": "/lt/peer-support/challenges/",
    "savitarpio pagalbos formos": "/lt/peer-support/forms/",
    "savipagalbos grupės": "/lt/peer-support/forms/",
    "žodynėlis": "/lt/glossary/",
    "islandija": "/lt/lithuania-iceland/",
    "vizitas vilniuje": "/lt/lithuania-iceland/study-visit-2024/",
    "mentorystė": "/lt/lithuania-iceland/peer-mentoring-session/",
    "vebinaras": "/lt/lithuania-iceland/webinar-prison-and-youth/",
    "organizacijos": "/lt/lithuania-iceland/organisations/",
    "rekomendacijos": "/lt/recommendations/",
    "politikos santrauka": "/lt/recommendations/policy-brief/",
    "politikos formuotojams": "/lt/recommendations/for-policymakers/",
    "lietuva": "/lt/international/lithuania/",
    "privatumas": "/lt/about/privacy/",
    "slapukai": "/lt/about/privacy/",
    "prieinamumas": "/lt/about/accessibility/",
    "pranešti apie klaidą": "/lt/about/report-an-error/",
    "vilties linija": LT_HELP,
}
# Crisis words in Lithuanian, with and without diacritics and in other forms: the urgent-help card comes first.
LT_CRISIS = ["noriu mirti", "savižudybė", "savizudybe", "savižudybės", "nusižudyti", "nebenoriu gyventi", "savižala", "susižaloti", "krizė"]


def test_the_lithuanian_edition_has_at_least_25_pages_each_with_its_english_page():
    assert len(LT_PAGES) >= 25
    assert [p for p in LT_PAGES if not (ROOT / "docs" / p).is_file()] == []


def test_the_switch_leads_from_every_translated_page_to_its_english_page_and_back(browser, server):
    context, page, visit = open_page(browser, server + "/")
    wrong = []
    for rel in LT_PAGES:
        english, lithuanian = url_path(rel), "/lt" + url_path(rel)
        page.goto(server + english)
        page.locator("[data-kb=language-switch]").click()
        page.wait_for_load_state()
        if urlparse(page.url).path != lithuanian or page.locator("html").get_attribute("lang") != "lt":
            wrong.append(f"{english} → {page.url} (lang {page.locator('html').get_attribute('lang')})")
            continue
        page.locator("[data-kb=language-switch]").click()
        page.wait_for_load_state()
        if urlparse(page.url).path != english or page.locator("html").get_attribute("lang") != "en":
            wrong.append(f"{lithuanian} → {page.url}")
    assert wrong == []
    assert_private_and_error_free(page, visit)
    context.close()


def test_on_a_phone_the_switch_shows_the_language_code_and_is_named_by_the_language(browser, server):
    context, page, visit = open_page(browser, server + "/peer-support/", **SCREENS["mobile"])
    switch = page.locator("[data-kb=language-switch]")
    assert switch.is_visible()
    assert switch.locator(".kb-language__code").inner_text() == "LT"
    assert switch.locator(".kb-language__code").is_visible()
    name = switch.locator(".kb-language__name").bounding_box()
    assert name is not None and name["width"] <= 1 and name["height"] <= 1  # read by screen readers, not shown
    assert page.get_by_role("link", name="Lietuvių").count() == 1
    switch.click()
    page.wait_for_load_state()
    assert urlparse(page.url).path == "/lt/peer-support/"
    assert page.locator("[data-kb=language-switch] .kb-language__code").inner_text() == "EN"
    assert_private_and_error_free(page, visit)
    context.close()


def test_a_page_with_no_translation_leads_to_the_other_home_page_which_says_so(browser, server):
    context, page, visit = open_page(browser, server + "/evidence/")
    note = page.locator("#neisversta")
    page.locator("[data-kb=language-switch]").click()
    page.wait_for_load_state()
    assert urlparse(page.url).path == "/lt/"
    assert urlparse(page.url).fragment == "neisversta"
    assert note.is_visible()
    assert note.inner_text() == "Puslapio, kurį skaitėte, lietuviškai dar nėra. Čia – lietuviškos svetainės pradžia."
    page.goto(server + "/lt/")
    assert not page.locator("#neisversta").is_visible()  # only for readers the switch sent there
    assert_private_and_error_free(page, visit)
    context.close()


def test_each_page_names_its_pair_and_english_as_the_default(browser, server):
    context, page, _ = open_page(browser, server + "/lt/peer-support/forms/")
    expected = {"en": "/peer-support/forms/", "lt": "/lt/peer-support/forms/", "x-default": "/peer-support/forms/"}
    for url in ("/lt/peer-support/forms/", "/peer-support/forms/"):
        page.goto(server + url)
        links = page.eval_on_selector_all(
            "link[hreflang]", "ls => ls.filter(l => l.relList.contains('alternate')).map(l => [l.hreflang, new URL(l.href).pathname])"
        )
        assert dict(links) == expected, url
    page.goto(server + "/evidence/")
    assert page.locator("link[hreflang]").count() == 0
    context.close()


def test_an_unreviewed_translation_says_so_in_lithuanian_and_links_to_reporting(browser, server):
    context, page, _ = open_page(browser, server + "/lt/peer-support/forms/")
    note = page.locator("[data-kb=translation-note]")
    assert note.inner_text().startswith("Tai vertimas iš anglų kalbos. Gimtakalbis jo dar nepatikrino.")
    assert paths(page, "[data-kb=translation-note] a") == ["/lt/about/report-an-error/"]
    context.close()


@pytest.fixture
def lt_dialog(browser, server):
    context, page, visit = open_page(browser, server + "/lt/")
    page.keyboard.press("/")
    yield page, visit
    context.close()


def test_lithuanian_search_finds_lithuanian_pages_first(lt_dialog):
    page, visit = lt_dialog
    assert len(LT_QUERIES) >= 20
    misses, english = [], []
    for query, expected in LT_QUERIES.items():
        search(page, query)
        found = public_results(page)
        if expected not in found[:5]:
            misses.append(f"{query!r}: expected {expected} in the first 5, got {found[:5]}")
        english += [f"{query!r}: {path}" for path in found if not path.startswith("/lt/")]
    assert misses == []
    assert english == []
    assert_private_and_error_free(page, visit)


def test_a_lithuanian_crisis_query_shows_the_card_in_lithuanian_first(lt_dialog):
    page, _ = lt_dialog
    wrong = []
    for query in LT_CRISIS:
        search(page, query)
        first = page.locator("[data-kb-search-results] > *").first
        if first.get_attribute("data-kb-search-crisis") is None:
            wrong.append(f"{query!r}: the first thing shown is not the urgent-help card")
            continue
        if paths(page, "[data-kb-search-crisis] a.kb-search__help-link") != [LT_HELP]:
            wrong.append(f"{query!r}: the card does not link to {LT_HELP}")
        numbers = page.locator("[data-kb-search-crisis] a[href^='tel:']").all_inner_texts()
        if "112" not in numbers or "116 123" not in numbers:
            wrong.append(f"{query!r}: the card shows {numbers}")
    assert wrong == []
