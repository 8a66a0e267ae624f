"""The site with a keyboard, in Chromium: every Tab stop is something a reader can see, on a phone and on a desktop
screen, and the menu opens from the keyboard and Esc closes it. (The colours button: tests/browser/test_colours.py.)"""

from __future__ import annotations

import pytest

from pages import SCREENS, assert_private_and_error_free, invisible_focus_stops, open_page

pytestmark = pytest.mark.browser

# A page of each kind: the home page, a topic page, the urgent-help page (from data), the glossary (from data).
PAGES = ["/", "/peer-support/benefits/", "/get-help-now/", "/glossary/"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("screen", SCREENS)
def test_every_tab_stop_is_visible(browser, server, screen, path):
    context, page, visit = open_page(browser, server + path, **SCREENS[screen])
    try:
        stops, problems = invisible_focus_stops(page)
        assert stops >= 10, "the walk stopped early"
        assert problems == [], f"{len(problems)} of {stops} Tab stops are invisible:\n" + "\n".join(problems)
        assert_private_and_error_free(page, visit)
    finally:
        context.close()


def drawer_links_shown(page) -> int:
    return page.evaluate("[...document.querySelectorAll('.md-sidebar--primary a')].filter(a => a.checkVisibility({visibilityProperty: true})).length")


def test_the_menu_opens_from_the_keyboard_and_esc_closes_it(browser, server):
    context, page, visit = open_page(browser, server + "/peer-support/benefits/", **SCREENS["mobile"])
    try:
        menu = page.get_by_role("button", name="Navigation")
        assert menu.is_visible() and menu.get_attribute("aria-expanded") == "false"
        assert drawer_links_shown(page) == 0
        menu.focus()
        page.keyboard.press("Enter")
        assert menu.get_attribute("aria-expanded") == "true"
        # Focus goes into the drawer, to a link of the section the page is in.
        assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
        assert page.evaluate("document.activeElement.textContent.trim()") == "What is peer support?"
        assert drawer_links_shown(page) >= 5
        page.keyboard.press("Escape")
        assert menu.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.activeElement.getAttribute('data-kb-menu')") == ""
        page.wait_for_function("() => document.querySelector('.md-sidebar--primary').checkVisibility({visibilityProperty: true}) === false")
        # Opened again, every stop in it and after it is visible, and Tab out of it closes it.
        page.keyboard.press("Enter")
        stops, problems = invisible_focus_stops(page)
        assert stops >= 10 and problems == [], "\n".join(problems)
        assert menu.get_attribute("aria-expanded") == "false"
        assert_private_and_error_free(page, visit)
    finally:
        context.close()
