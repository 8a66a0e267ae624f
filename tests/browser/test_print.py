"""Printing guidance and citing pages: a print button on guidance pages, a print layout without navigation that shows
link targets, a policy brief and the urgent-help page that each fit on two A4 pages, the PDFs the build makes of
guidance pages, and "Cite this page" (copying the citation, and the links back from each source to where the page
cites it)."""

from __future__ import annotations

import re

import pytest

from helpers import ROOT
from pages import SCREENS, assert_private_and_error_free, open_page
from pdftext import read_pdf
from peerkb.citefiles import page_stem

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


# --- the PDFs the build makes -------------------------------------------------------------------------------------

PRINTED = {md.relative_to(ROOT / "docs").as_posix(): md for md in sorted((ROOT / "docs").rglob("*.md")) if "\nprint_button: true\n" in md.read_text()}
# The English pages readers print; the Lithuanian ones (docs/lt/) have their own test below.
PRINT_PAGES = {path: md for path, md in PRINTED.items() if not path.startswith("lt/")}
LT_BRIEF = "/lt/recommendations/policy-brief/"


def front_matter(md) -> dict:
    import yaml

    return yaml.safe_load(md.read_text(encoding="utf-8").split("---\n")[1])


@pytest.mark.parametrize("source", sorted(PRINT_PAGES))
def test_the_pdf_of_a_page_readers_print_says_on_page_one_who_publishes_it_its_version_licence_and_address(browser, site, source):
    """The build prints each such page to a PDF beside it, on A4; its first page says what a reader of paper needs
    to know where it comes from and how they may use it, and its links lead to the published site."""
    path = source[: -len(".md")].removesuffix("index")
    path = path if path.endswith("/") or not path else path + "/"
    pdf = site / path / f"{page_stem(path)}.pdf"
    data = pdf.read_bytes()
    pages = read_pdf(data)
    meta = front_matter(PRINT_PAGES[source])
    reviewed, due = meta["last_reviewed"], meta["review_due"]
    first = " ".join(pages[0].text.split())
    assert all(abs(p.width - 595.3) < 1 and abs(p.height - 841.9) < 1 for p in pages), "not A4"
    assert first.startswith(
        f"Peer Support and Recovery: an open knowledge base maintained by its contributors Version: last reviewed {reviewed.day} {reviewed:%B %Y}"
    ), first[:300]
    assert f", next review due {due.day} {due:%B %Y} · Licence: CC BY 4.0, https://creativecommons.org/licenses/by/4.0/ · " in first
    # The address may break over two lines; the page's title follows it.
    nospace = "".join(pages[0].text.split())
    assert f"Permanentaddress:http://127.0.0.1:8000/{path}{''.join(meta['title'].split())}" in nospace, nospace[:400]
    uris = re.findall(rb"/URI \(([^)]*)\)", data)
    assert uris and all(not uri.startswith(b"http://127.0.0.1:") or uri.startswith(b"http://127.0.0.1:8000/") for uri in uris), uris


def test_the_policy_brief_pdf_is_at_most_two_a4_pages_with_the_citation_at_the_end(browser, site):
    pages = read_pdf((site / BRIEF.strip("/") / "policy-brief.pdf").read_bytes())
    assert 1 <= len(pages) <= 2, f"the brief's PDF has {len(pages)} pages"
    last = " ".join(pages[-1].text.split())
    assert "Cite this page Peer Support and Recovery (2026). Policy brief: peer support in mental health. Last reviewed 23 November 2026. " in last
    assert "Accessed" not in last  # the build's day is not the reader's


def test_every_lithuanian_page_readers_print_has_its_pdf(site):
    lithuanian = [path for path in PRINTED if path.startswith("lt/")]
    assert len(lithuanian) >= 3
    for path in lithuanian:
        folder = path[: -len(".md")].removesuffix("index")
        folder = folder if folder.endswith("/") else folder + "/"
        assert read_pdf((site / folder / f"{page_stem(folder)}.pdf").read_bytes()), path


def test_the_lithuanian_policy_brief_pdf_is_at_most_two_a4_pages_in_lithuanian(browser, site):
    pages = read_pdf((site / LT_BRIEF.strip("/") / "policy-brief.pdf").read_bytes())
    assert 1 <= len(pages) <= 2, f"the Lithuanian brief's PDF has {len(pages)} pages"
    assert all(abs(p.width - 595.3) < 1 and abs(p.height - 841.9) < 1 for p in pages), "not A4"
    first = " ".join(pages[0].text.split())
    # Until a native speaker has reviewed it, the paper says so too, before the header.
    assert first.startswith(
        "Tai vertimas iš anglų kalbos. Gimtakalbis jo dar nepatikrino. Pranešti apie vertimo klaidą. "
        "Savitarpio pagalba ir atsigavimas: atviras žinių rinkinys, kurį prižiūri jo bendraautoriai Versija: paskutinė peržiūra 2026 m. lapkričio 23 d."
    ), first[:300]
    assert (
        "Licencija: CC BY 4.0, https://creativecommons.org/licenses/by/4.0/ · Nuolatinis adresas: http://127.0.0.1:8000/lt/recommendations/policy-brief/"
        in first
    )
    last = " ".join(pages[-1].text.split())
    assert "Kaip cituoti šį puslapį Savitarpio pagalba ir atsigavimas (2026). Politikos santrauka: savitarpio pagalba psichikos sveikatos srityje." in last


def test_the_policy_brief_links_to_its_pdf(browser, server):
    context, page, visit = open_page(browser, server + BRIEF)
    try:
        link = page.get_by_role("link", name="Download PDF")
        assert link.get_attribute("href") == "policy-brief.pdf"
        response = page.request.get(server + BRIEF + "policy-brief.pdf")
        assert response.ok and response.body().startswith(b"%PDF-")
        assert_private_and_error_free(page, visit)
    finally:
        context.close()


# --- "Cite this page" and links back from the sources -------------------------------------------------------------

CITED = "/international/iceland/"


@pytest.mark.parametrize("screen", SCREENS)
def test_the_copy_button_copies_the_citation_with_the_day_it_was_accessed(browser, server, screen):
    context, page, visit = open_page(browser, server + CITED, permissions=["clipboard-read", "clipboard-write"], **SCREENS[screen])
    try:
        today = page.evaluate("new Intl.DateTimeFormat('en-GB', {day: 'numeric', month: 'long', year: 'numeric'}).format(new Date())")
        reference = page.locator("[data-kb-cite-text]")
        expected = (
            "Peer Support and Recovery (2026). Peer support in Iceland. Last reviewed 23 November 2026. "
            f"Accessed {today}. http://127.0.0.1:8000/international/iceland/"
        )
        assert " ".join(reference.inner_text().split()) == expected
        button = page.get_by_role("button", name="Copy citation")
        button.scroll_into_view_if_needed()
        status = page.get_by_role("status").filter(has_text="Copied")
        assert status.count() == 0
        button.click()
        status.wait_for(state="visible")
        assert page.evaluate("navigator.clipboard.readText()") == expected
        assert_private_and_error_free(page, visit)
    finally:
        context.close()


def test_without_scripts_the_citation_shows_the_review_date_and_no_copy_button(browser, server):
    context, page, _ = open_page(browser, server + CITED, java_script_enabled=False)
    try:
        reference = " ".join(page.locator("[data-kb-cite-text]").inner_text().split())
        assert (
            reference
            == "Peer Support and Recovery (2026). Peer support in Iceland. Last reviewed 23 November 2026. http://127.0.0.1:8000/international/iceland/"
        )
        assert page.get_by_role("button", name="Copy citation").count() == 0
        assert page.get_by_role("link", name="BibTeX").get_attribute("href") == "cite.bib"
    finally:
        context.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_a_link_back_from_a_source_returns_to_the_citation(browser, server, screen):
    context, page, visit = open_page(browser, server + CITED, **SCREENS[screen])
    try:
        header = page.locator(".md-header").bounding_box()
        assert header
        citation = page.locator(".kb-cite a").nth(3)
        key, cite_id = citation.get_attribute("href")[len("#ref-") :], citation.get_attribute("id")
        assert re.fullmatch(rf"cite-{re.escape(key)}-\d+", cite_id or "")
        citation.click()
        page.wait_for_function(f"location.hash === '#ref-{key}'")
        back = page.locator(f"#ref-{key} a.kb-backlink[href='#{cite_id}']")
        assert back.get_attribute("aria-label") == f"Back to citation {cite_id.rsplit('-', 1)[1]} in the text"
        back.click()
        page.wait_for_function(f"location.hash === '#{cite_id}'")
        page.wait_for_timeout(300)  # a smooth scroll, if any, ends
        box = page.locator(f"#{cite_id}").bounding_box()
        viewport = page.viewport_size
        assert box and viewport
        # In view, and below the sticky header rather than under it.
        assert header["y"] + header["height"] <= box["y"] and box["y"] + box["height"] <= viewport["height"], (box, header)
        assert_private_and_error_free(page, visit)
    finally:
        context.close()
