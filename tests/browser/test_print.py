"""Printing guidance: a print button on guidance pages, a print layout without navigation that shows
link targets, and a policy brief and the urgent-help page that each fit on two A4 pages."""

from __future__ import annotations

import re

import pytest

from pages import assert_private_and_error_free, open_page

pytestmark = pytest.mark.browser

BRIEF = "/recommendations/policy-brief/"
HELP = "/get-help-now/"


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_guidance_pages_have_a_working_print_button(browser, server):
    context, page, visit = open_page(browser, server + "/recommendations/")
    try:
        button = page.get_by_role("button", name="Print or save as PDF")
        assert button.is_visible()
        # A function, so that Playwright calls it once, rather than calling the stub it would otherwise return.
        page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
        button.click()
        assert page.evaluate("window.__printed") == 1
        assert_private_and_error_free(page, visit)
    finally:
        context.close()


def test_topic_pages_have_no_print_button(browser, server):
    context, page, _ = open_page(browser, server + "/peer-support/what-is-peer-support/")
    try:
        assert page.get_by_role("button", name="Print or save as PDF").count() == 0
    finally:
        context.close()


def test_print_layout_hides_navigation_and_shows_link_targets(browser, server):
    context, page, _ = open_page(browser, server + "/recommendations/")
    try:
        page.emulate_media(media="print")
        for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".kb-print"):
            assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none", selector
        link = page.locator(".kb-rec__related a").first
        after = link.evaluate("e => getComputedStyle(e, '::after').content")
        assert after.startswith('" (http://127.0.0.1:') and after.endswith(')"'), after
        assert page.locator(".kb-rec__id").first.is_visible()
    finally:
        context.close()


def test_policy_brief_prints_on_two_a4_pages(browser, server):
    context, page, _ = open_page(browser, server + BRIEF)
    try:
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        assert 1 <= pdf_pages(pdf) <= 2, f"the brief prints on {pdf_pages(pdf)} pages"
    finally:
        context.close()


def test_the_help_page_prints_every_country_on_two_a4_pages(browser, server):
    context, page, _ = open_page(browser, server + HELP)
    try:
        page.emulate_media(media="print")
        # Every card is printed, the danger box first; the links to jump to a country are not.
        assert page.locator(".kb-urgent").is_visible()
        assert page.locator(".kb-countries-nav").evaluate("e => getComputedStyle(e).display") == "none"
        cards = page.locator(".kb-helpline")
        assert cards.count() >= 30
        assert all(cards.nth(i).is_visible() for i in range(cards.count()))
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        assert 1 <= pdf_pages(pdf) <= 2, f"the help page prints on {pdf_pages(pdf)} pages"
    finally:
        context.close()
