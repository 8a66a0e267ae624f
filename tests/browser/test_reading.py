"""What readers meet on a phone (390 px) and on a desktop screen (1280 px): a home page that leads to every part
of the site and to a starting page for each audience, with the navigation in reach; tables that can be read
without scrolling the page sideways; tooltips that open on keyboard focus and on touch; and a glossary with an
A to Z that leads to its letters."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlparse

import pytest

from helpers import ROOT
from pages import SCREENS, assert_private_and_error_free, open_page, url_path

pytestmark = pytest.mark.browser

# Where each audience starts: the card of the home page's "Start here" (by its heading's id), and its links.
AUDIENCE_STARTS = {
    "start-public": ["/peer-support/what-is-peer-support/"],
    "start-services": ["/practice/roles-and-settings/"],
    "start-policymakers": ["/recommendations/policy-brief/", "/recommendations/"],
    "start-contributors": ["/contribute/"],
}
COMPARISON = "/international/"
DEFINITIONS = "/peer-support/what-is-peer-support/"


def top_level_sections() -> dict[str, str]:
    """Every top-level entry of the navigation in mkdocs.yml but the home page, with the URL path it opens: a page's
    own, or for a section its index page (navigation.indexes) or else its first page."""
    from mkdocs.utils.yaml import yaml_load

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        nav = yaml_load(handle)["nav"]
    sections = {}
    for item in nav:
        [(title, target)] = item.items()
        while isinstance(target, list):
            first = target[0]
            target = first if isinstance(first, str) else next(iter(first.values()))
        if target != "index.md":
            sections[title] = url_path(target)
    return sections


def content_links(page) -> list[str]:
    """URL paths (with any fragment) of the links in the page's own content, as the browser resolves them."""
    hrefs = page.eval_on_selector_all("article a[href]", "links => links.map(a => a.href)")
    return [urlparse(h).path + (f"#{urlparse(h).fragment}" if urlparse(h).fragment else "") for h in hrefs]


def test_the_navigation_lists_every_top_level_section():
    # The tests below rely on reading the navigation; a change in its shape must not make them check nothing.
    sections = top_level_sections()
    assert {"Get help now", "Understanding peer support", "Recommendations", "Glossary", "Contribute", "About"} <= set(sections)
    assert sections["Recommendations"] == "/recommendations/" and sections["Glossary"] == "/glossary/"


@pytest.mark.parametrize("screen", SCREENS)
def test_home_page_leads_to_every_section_and_each_audiences_start(browser, server, screen):
    context, page, visit = open_page(browser, server + "/", **SCREENS[screen])
    try:
        links = content_links(page)
        missing = {title: path for title, path in top_level_sections().items() if path not in links}
        assert missing == {}, f"the home page does not link to these sections of the navigation: {missing}"
        for card, paths in AUDIENCE_STARTS.items():
            shown = page.locator(f"article .kb-start li:has(> h3#{card}) a").evaluate_all(
                "links => links.filter(a => a.getClientRects().length).map(a => new URL(a.href).pathname)"
            )
            assert set(paths) <= set(shown), f"the card {card} does not show a link to each of {paths}: {shown}"
        definitions = page.get_by_role("link", name="The definitions page")
        assert definitions.is_visible()
        assert definitions.evaluate("a => new URL(a.href).pathname + new URL(a.href).hash") == "/peer-support/what-is-peer-support/#definitions"
        assert_private_and_error_free(page, visit)
    finally:
        context.close()


def test_home_page_shows_the_navigation_on_a_desktop_screen(browser, server):
    context, page, _ = open_page(browser, server + "/", **SCREENS["desktop"])
    try:
        navigation = page.locator(".md-sidebar--primary")
        assert navigation.is_visible()
        shown = navigation.locator("a").evaluate_all("links => links.filter(a => a.getClientRects().length).map(a => new URL(a.href).pathname)")
        missing = [path for path in [*top_level_sections().values(), "/recommendations/policy-brief/"] if path not in shown]
        assert missing == [], f"the navigation beside the home page does not show links to {missing}"
    finally:
        context.close()


def test_home_page_opens_the_navigation_from_the_menu_on_a_phone(browser, server):
    context, page, _ = open_page(browser, server + "/", **SCREENS["mobile"])
    try:
        menu = page.locator("[data-kb-menu]")  # the menu button (with scripts; the theme's label without)
        assert menu.is_visible()
        drawer = page.locator(".md-sidebar--primary")
        assert drawer.evaluate("d => d.getBoundingClientRect().right") <= 0, "the menu is open before it is asked for"
        menu.click()
        page.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
        shown = drawer.locator("a").evaluate_all(
            "links => links.filter(a => { const b = a.getBoundingClientRect(); return b.width && b.left >= 0 && b.right <= innerWidth; })"
            ".map(a => new URL(a.href).pathname)"
        )
        missing = [path for path in top_level_sections().values() if path not in shown]
        assert missing == [], f"the menu does not show links to {missing}"
    finally:
        context.close()


# --- tables ---------------------------------------------------------------------------------------------------

# Every element of the content that reaches past the screen's edges (the width of the page's layout, which a
# phone's browser keeps at the screen's), except inside a scroll area made for it (class kb-scroll, when it
# scrolls), which must itself fit.
WIDER_THAN_THE_SCREEN = """() => {
  const out = [];
  const screen = document.documentElement.clientWidth;
  for (const element of document.querySelectorAll("article *")) {
    const box = element.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    const area = element.parentElement.closest(".kb-scroll");
    if (area && ["auto", "scroll"].includes(getComputedStyle(area).overflowX)) continue;
    if (box.left < -1 || box.right > screen + 1) {
      out.push(`${element.tagName.toLowerCase()}.${element.className}: ${Math.round(box.left)}–${Math.round(box.right)}`);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("path", [COMPARISON, DEFINITIONS])
@pytest.mark.parametrize("screen", SCREENS)
def test_tables_fit_the_window(browser, server, screen, path):
    context, page, visit = open_page(browser, server + path, **SCREENS[screen])
    try:
        assert page.locator("article table.kb-table").count() == 1
        assert page.evaluate(WIDER_THAN_THE_SCREEN) == []
        screen_width = SCREENS[screen]["viewport"]["width"]
        assert page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]") == [screen_width, screen_width]
        assert_private_and_error_free(page, visit)
    finally:
        context.close()


@pytest.mark.parametrize(("path", "name", "columns"), [(COMPARISON, "Peer support in", 9), (DEFINITIONS, "Published definitions", 3)])
def test_on_a_phone_each_row_is_a_card_that_names_its_columns(browser, server, path, name, columns):
    context, page, _ = open_page(browser, server + path, **SCREENS["mobile"])
    try:
        table = page.get_by_role("table", name=name)
        # Still a table to screen readers, with its column headers, though shown as cards.
        assert table.get_by_role("columnheader").count() == columns
        assert table.get_by_role("rowheader").count() >= 5
        rows = table.locator("tbody tr")
        for index in range(rows.count()):
            row = rows.nth(index)
            assert row.evaluate("r => getComputedStyle(r).display") == "block"
            labels = row.locator(".kb-stack__label")
            assert labels.count() == columns - 1
            assert all(labels.nth(i).is_visible() for i in range(labels.count()))
            # Each cell starts on the left of the card and spans it, one under another.
            lefts = row.locator("td").evaluate_all("cells => cells.map(c => Math.round(c.getBoundingClientRect().left))")
            assert len(set(lefts)) == 1, lefts
        # The column names in the cards are for the eye only; screen readers announce the column headers.
        assert table.locator(".kb-stack__label[aria-hidden='true']").count() == rows.count() * (columns - 1)
    finally:
        context.close()


def test_on_a_desktop_the_comparison_scrolls_in_its_own_area_with_headers_in_view(browser, server):
    context, page, _ = open_page(browser, server + COMPARISON, **SCREENS["desktop"])
    try:
        area = page.get_by_role("region", name="Peer support in")
        assert area.evaluate("a => a.classList.contains('kb-scroll')")
        box = area.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1280
        assert box["height"] <= 800, "the area is taller than the window, so its header row would scroll away"
        assert area.evaluate("a => a.scrollWidth > a.clientWidth"), "the comparison no longer needs its own scroll area"
        assert page.locator(".kb-stack__label").first.is_hidden()
        # Scrolled right and down by keyboard, the row of column names and the column of countries stay in view.
        area.focus()
        for key in ("End", "ArrowRight", "ArrowRight", "ArrowRight", "ArrowRight", "ArrowRight"):
            page.keyboard.press(key)
        page.wait_for_function("() => document.querySelector('.kb-scroll').scrollLeft > 100 && document.querySelector('.kb-scroll').scrollTop > 100")
        edges = area.evaluate(
            """a => {
              const box = a.getBoundingClientRect();
              const head = a.querySelector("thead th:nth-child(3)").getBoundingClientRect();
              const country = a.querySelector("tbody tr:last-child th").getBoundingClientRect();
              return [Math.round(head.top - box.top), Math.round(country.left - box.left)];
            }"""
        )
        assert all(0 <= edge <= 2 for edge in edges), edges  # at the area's top and left edges, inside its border
    finally:
        context.close()


# --- tooltips and the glossary -----------------------------------------------------------------------------


@pytest.mark.parametrize("screen", SCREENS)
def test_tabbing_to_a_glossary_term_shows_its_definition(browser, server, screen):
    context, page, visit = open_page(browser, server + "/recovery/", **SCREENS[screen])
    try:
        term = page.locator("article a.kb-term").first
        definition = term.get_attribute("title")
        assert definition
        # From the element before it in the order of the Tab key, one press of Tab.
        page.evaluate(
            """() => {
              const focusable = [...document.querySelectorAll("a[href], button, input, [tabindex]:not([tabindex='-1'])")]
                .filter(e => e.getClientRects().length);
              const term = document.querySelector("article a.kb-term");
              focusable[focusable.indexOf(term) - 1].focus();
            }"""
        )
        page.keyboard.press("Tab")
        assert term.evaluate("t => t === document.activeElement")
        tooltip = page.locator('[role="tooltip"].md-tooltip2--active')
        tooltip.wait_for(state="visible", timeout=5000)
        assert tooltip.inner_text() == definition
        assert tooltip.get_attribute("id") == term.get_attribute("aria-describedby")
        # Read at a reading size, not the theme's small bold label.
        size = tooltip.locator(".md-tooltip2__inner").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 14
        page.keyboard.press("Tab")
        tooltip.wait_for(state="detached", timeout=5000)
        assert_private_and_error_free(page, visit)
    finally:
        context.close()


def test_tapping_an_abbreviation_shows_its_full_name(browser, server):
    context, page, visit = open_page(browser, server + "/glossary/", **SCREENS["mobile"])
    try:
        abbreviation = page.locator("article abbr", has_text="RCT").first
        full_name = abbreviation.get_attribute("title")
        assert full_name == "Randomised controlled trial"
        abbreviation.tap()
        tooltip = page.locator('[role="tooltip"].md-tooltip2--active')
        tooltip.wait_for(state="visible", timeout=5000)
        assert tooltip.inner_text() == full_name
        assert_private_and_error_free(page, visit)
    finally:
        context.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_the_glossary_a_to_z_leads_to_each_letter(browser, server, screen):
    context, page, visit = open_page(browser, server + "/glossary/", **SCREENS[screen])
    try:
        letters = page.get_by_role("navigation", name="Glossary from A to Z").get_by_role("link")
        shown = letters.all_inner_texts()
        # Exactly the letters that terms start with.
        initials = page.locator("article .kb-glossary dt dfn").evaluate_all(
            "terms => [...new Set(terms.map(t => t.textContent.normalize('NFKD')[0].toUpperCase()))].sort()"
        )
        assert shown == initials and len(shown) >= 15
        for index in range(letters.count()):
            target = letters.nth(index).get_attribute("href")
            assert target == f"#letter-{shown[index].lower()}"
            heading = page.locator(f"article h3[id='{target[1:]}']")
            assert heading.count() == 1 and heading.inner_text().startswith(shown[index])
            # The entries under the letter start with it.
            entries = heading.locator("xpath=following-sibling::*[1][self::dl]/dt/dfn").all_inner_texts()
            assert entries and {unicodedata.normalize("NFKD", entry)[0].upper() for entry in entries} == {shown[index]}
        # Following a letter brings its heading into view.
        last = letters.nth(letters.count() - 1)
        last.click()
        page.wait_for_url(f"**/glossary/{last.get_attribute('href')}")
        assert page.locator(f"article h3[id='{last.get_attribute('href')[1:]}']").is_visible()
        # Each box is a target of at least 24 by 24 px (WCAG 2.5.8).
        sizes = letters.evaluate_all("links => links.map(a => { const b = a.getBoundingClientRect(); return Math.min(b.width, b.height); })")
        assert min(sizes) >= 24
        assert_private_and_error_free(page, visit)
    finally:
        context.close()
