"""Light and dark colours, in Chromium: the page follows the reader's device, and the colours button goes from the
device's colours to light, to dark and back, one step per press, and the choice is kept from page to page; on paper,
a page prints in the light colours whatever the screen shows. (axe-core checks every page in both colours:
tests/browser/test_every_page.py.)"""

from __future__ import annotations

import pytest

from pages import SCREENS, assert_private_and_error_free, open_page

pytestmark = pytest.mark.browser


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def test_the_colours_follow_the_device_until_the_reader_picks_others(browser, server):
    context, page, visit = open_page(browser, server + "/get-help-now/", color_scheme="dark", **SCREENS["desktop"])
    try:
        assert scheme(page) == "slate"
        page.emulate_media(color_scheme="light")
        page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
        page.emulate_media(color_scheme="dark")
        page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
        button = page.get_by_role("button", name="Colours follow your device: switch to light")
        button.focus()
        # One step per press of Enter, and focus stays on the button, now saying what the next press does.
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement.getAttribute('aria-label') === 'Light colours: switch to dark'")
        assert scheme(page) == "default"
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement.getAttribute('aria-label') === 'Dark colours: switch to follow your device'")
        assert scheme(page) == "slate"
        page.keyboard.press("Space")
        page.wait_for_function("() => document.activeElement.getAttribute('aria-label') === 'Colours follow your device: switch to light'")
        assert scheme(page) == "slate"
        # A choice is kept from page to page, whatever the device says.
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
        page.goto(server + "/glossary/", wait_until="networkidle")
        assert scheme(page) == "default"
        assert page.get_by_role("button", name="Light colours: switch to dark").is_visible()
        assert [b for b in page.get_by_role("button").all() if (b.get_attribute("aria-label") or "").startswith(("Dark", "Colours")) and b.is_visible()] == []
        assert_private_and_error_free(page, visit)
    finally:
        context.close()


# The contrast of a paragraph's text with the page behind it, as WCAG computes it.
CONTRAST = """selector => {
  const rgb = value => value.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const text = getComputedStyle(document.querySelector(selector));
  const page = getComputedStyle(document.body);
  const [light, dark] = [luminance(rgb(text.color)), luminance(rgb(page.backgroundColor))].sort((a, b) => b - a);
  return {contrast: (light + 0.05) / (dark + 0.05), text: text.color, page: page.backgroundColor};
}"""


def test_a_page_prints_in_the_light_colours_when_the_screen_is_dark(browser, server):
    context, page, visit = open_page(browser, server + "/recommendations/policy-brief/", color_scheme="dark", **SCREENS["desktop"])
    try:
        assert scheme(page) == "slate"
        on_screen = page.evaluate(CONTRAST, ".md-content .md-typeset p")
        assert on_screen["page"] != "rgb(255, 255, 255)" and on_screen["contrast"] >= 4.5
        page.emulate_media(media="print")
        page.evaluate("document.getAnimations().forEach(a => a.finish())")  # colours fade over 125 ms on screen
        on_paper = page.evaluate(CONTRAST, ".md-content .md-typeset p")
        assert on_paper["page"] == "rgb(255, 255, 255)", on_paper
        assert on_paper["contrast"] >= 7, on_paper
        link = page.evaluate("getComputedStyle(document.querySelector('.md-content .md-typeset p a')).color")
        assert link == "rgb(0, 87, 75)"
        assert_private_and_error_free(page, visit)
    finally:
        context.close()
