"""Urgent-help numbers: the number rules per country, check dates, sources and notes, each with the exact message,
and the card that shows how old its source is (in a build: tests/builds/test_built_help_page.py)."""

from __future__ import annotations

import re
from datetime import date
from textwrap import dedent

import pytest

from peerkb import render
from peerkb.check import check_project
from peerkb.models import Helpline, HelplineChannel, Organisation, Reference
from peerkb.validate import check_data, months_before

# The day the check runs in these tests; the fixture's helpline was verified on 2026-11-01.
TODAY = date(2026, 11, 30)
SOURCE_HINT = (
    "cite a page of the operator (the url of the organisation in operator:) or of an official body (an organisation of type "
    "public-body in data/organisations/); until one has been checked, set unofficial_source: true, and the card says so"
)
PREMIUM_HINT = "give the line's free or ordinary-rate number, exactly as its operator publishes it"


def problems(project, today: date = TODAY) -> list[str]:
    return [str(p) for p in check_project(project.root, today=today).problems]


def add_country(project, code: str, name: str) -> None:
    project.append("data/countries.yml", f"\n- id: {code}\n  name: {name}\n")


def add_line(project, country: str, number: str, extra: str = "") -> None:
    """A second helpline, written from line 11 of data/helplines.yml (its number on line 14)."""
    project.append(
        "data/helplines.yml",
        f"""
        - id: second-line
          country: {country}
          name: Second line
          number: "{number}"
          for_whom: Anyone
          hours: Always
          cost: Free
          operator: test-org
          source: test-line-page
          last_verified: 2026-11-01
        """
        + extra,
    )


# --- numbers ------------------------------------------------------------------------------------------


def test_the_old_lithuanian_8_prefix_is_refused_with_the_2025_change_explained(project):
    add_country(project, "lt", "Lithuania")
    add_line(project, "lt", "8 800 28888")
    assert problems(project) == [
        "data/helplines.yml:14: entry 'second-line' → number: '8 800 28888' starts with 8, Lithuania's old national prefix, "
        "which stopped working on 1 March 2025 when the prefix became 0 (write it with 0 instead of 8, e.g. 0 800 28888)"
    ]


@pytest.mark.parametrize("number", ["0 800 28888", "+370 800 28888", "112", "116 123", "116 111", "1809"])
def test_lithuanian_national_short_and_international_forms_pass(project, number):
    add_country(project, "lt", "Lithuania")
    add_line(project, "lt", number)
    assert problems(project) == []


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("0 800 2888", "'0 800 2888' is not a Lithuanian number"),
        ("+371 800 28888", "'+371 800 28888' is not a Lithuanian number: it should start with +370"),
    ],
)
def test_a_lithuanian_number_of_the_wrong_length_or_country_is_refused(project, number, message):
    add_country(project, "lt", "Lithuania")
    add_line(project, "lt", number)
    assert problems(project) == [
        f"data/helplines.yml:14: entry 'second-line' → number: {message} (Lithuanian numbers are 0 and 8 digits (0 800 28888, "
        "or +370 800 28888); short numbers are 112, 116 and 3 digits, or 3 to 4 digits starting with 1)"
    ]


def test_a_lithuanian_premium_rate_number_is_refused(project):
    add_country(project, "lt", "Lithuania")
    add_line(project, "lt", "+370 900 12345")
    assert problems(project) == [
        "data/helplines.yml:14: entry 'second-line' → number: '+370 900 12345' is a premium-rate number "
        f"(Lithuanian numbers starting 0 90 cost callers extra) ({PREMIUM_HINT})"
    ]


def test_a_one_digit_number_is_refused(project):
    project.replace("data/helplines.yml", '  number: "116 123"', '  number: "1"')
    assert problems(project) == [
        "data/helplines.yml:4: entry 'xx-line' → number: '1' is too short to be a phone number (even short numbers have at least 3 digits, e.g. 112 or 116 123)"
    ]


def test_a_uk_premium_rate_number_is_refused(project):
    add_country(project, "gb", "United Kingdom")
    add_line(project, "gb", "+44 900 123 4567")
    assert problems(project) == [
        "data/helplines.yml:14: entry 'second-line' → number: '+44 900 123 4567' is a premium-rate number "
        f"(UK numbers starting 09 cost callers extra) ({PREMIUM_HINT})"
    ]


def test_a_nation_follows_the_rules_of_its_country(project):
    add_country(project, "gb-eng", "England")
    add_line(project, "gb-eng", "09 1234 5678")
    assert problems(project) == [
        "data/helplines.yml:14: entry 'second-line' → number: '09 1234 5678' is a premium-rate number "
        f"(UK numbers starting 09 cost callers extra) ({PREMIUM_HINT})"
    ]


def test_a_country_without_number_rules_accepts_only_the_european_short_numbers(project):
    project.replace("data/helplines.yml", '  number: "116 123"', '  number: "0 800 28888"')
    assert problems(project) == [
        "data/helplines.yml:4: entry 'xx-line' → number: there are no number rules for 'xx' yet, so only 112 and the 116 numbers "
        "(116 and 3 digits) are accepted (add the country's rules to NUMBER_PLANS in scripts/peerkb/models.py (calling code, "
        "national and short numbers, premium-rate ranges, from the national regulator's numbering plan))"
    ]


# --- when the number was checked ----------------------------------------------------------------------


def test_a_check_date_in_the_future_is_refused(project):
    project.replace("data/helplines.yml", "  last_verified: 2026-11-01", "  last_verified: 2099-12-31")
    assert problems(project) == [
        "data/helplines.yml:10: entry 'xx-line' → last_verified: 2099-12-31 is after the day its source 'test-line-page' was read "
        "(2026-11-01) (last_verified is the day the facts were checked against the source: check them there, then set the "
        "reference's accessed: and last_verified: to that day)",
        "data/helplines.yml:10: entry 'xx-line' → last_verified: 2099-12-31 is in the future (today is 2026-11-30) "
        "(write the day the facts were actually checked against the source)",
    ]


def test_a_number_not_verified_for_more_than_12_months_fails_with_the_entry_named(project):
    project.replace("data/helplines.yml", "  last_verified: 2026-11-01", "  last_verified: 2012-01-01")
    assert problems(project) == [
        "data/helplines.yml:10: entry 'xx-line' → last_verified: 2012-01-01 is more than 12 months ago (today is 2026-11-30): "
        "the number must be checked again (check the number, hours and cost against the source (the operator's own page if "
        "there is one), then update the reference's accessed: and last_verified:)"
    ]


def test_twelve_months_to_the_day_is_still_current(project):
    assert problems(project, today=date(2027, 11, 1)) == []
    assert problems(project, today=date(2027, 11, 2)) == [
        "data/helplines.yml:10: entry 'xx-line' → last_verified: 2026-11-01 is more than 12 months ago (today is 2027-11-02): "
        "the number must be checked again (check the number, hours and cost against the source (the operator's own page if "
        "there is one), then update the reference's accessed: and last_verified:)"
    ]


def test_months_before_keeps_the_day_or_takes_the_last_of_the_month():
    assert months_before(date(2026, 11, 30), 12) == date(2025, 11, 30)
    assert months_before(date(2028, 2, 29), 12) == date(2027, 2, 28)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)


def test_the_build_leaves_the_date_rules_to_the_check(project):
    # Builds and the preview show the same pages whatever the date; `kb check` (CI, every deploy) fails on a stale number.
    project.replace("data/helplines.yml", "  last_verified: 2026-11-01", "  last_verified: 2012-01-01")
    assert check_data(project.root)[1] == []
    assert [str(p) for p in check_project(project.root, today=TODAY, building=True).problems] == []


def test_a_check_date_after_the_source_was_read_is_refused(project):
    project.replace("data/helplines.yml", "  last_verified: 2026-11-01", "  last_verified: 2026-11-20")
    assert problems(project) == [
        "data/helplines.yml:10: entry 'xx-line' → last_verified: 2026-11-20 is after the day its source 'test-line-page' was read "
        "(2026-11-01) (last_verified is the day the facts were checked against the source: check them there, then set the "
        "reference's accessed: and last_verified: to that day)"
    ]


# --- sources ------------------------------------------------------------------------------------------


def test_an_http_source_is_refused(project):
    project.replace("data/references.yml", "  url: https://test-org.example/call", "  url: http://test-org.example/call")
    assert problems(project) == [
        "data/references.yml:13: entry 'test-line-page' → url: 'http://test-org.example/call' is not a secure (https:) address "
        "(the site links only to https: addresses; write https:// and check that the page opens)"
    ]


def test_a_source_address_with_a_user_name_is_refused(project):
    project.replace("data/references.yml", "  url: https://test-org.example/call", "  url: https://www.samaritans.org@phish.example/")
    assert problems(project) == [
        "data/references.yml:13: entry 'test-line-page' → url: 'https://www.samaritans.org@phish.example/' has a user name or "
        "password before its host (an address like https://site.org@other.example/ leads to other.example; write the real address)"
    ]


def test_a_source_host_with_a_cyrillic_letter_is_refused(project):
    project.replace("data/references.yml", "  url: https://test-org.example/call", "  url: https://www.s\u0430maritans.org/")
    assert problems(project) == [
        "data/references.yml:13: entry 'test-line-page' → url: 'https://www.s\u0430maritans.org/' has non-ASCII letters in its host "
        "(a host written with look-alike letters can imitate another site; type the address in plain ASCII letters)"
    ]


def test_a_source_on_neither_the_operators_site_nor_an_official_bodys_is_refused(project):
    project.replace("data/references.yml", "  url: https://test-org.example/call", "  url: https://news.example/test-line")
    assert problems(project) == [
        "data/helplines.yml:9: entry 'xx-line' → source: source 'test-line-page' is on news.example, which is neither the "
        f"operator's site (test-org.example) nor an official body's ({SOURCE_HINT})"
    ]


def test_a_look_alike_host_that_only_starts_with_the_operators_is_refused(project):
    project.replace("data/references.yml", "  url: https://test-org.example/call", "  url: https://test-org.example.phish.example/call")
    assert problems(project) == [
        "data/helplines.yml:9: entry 'xx-line' → source: source 'test-line-page' is on test-org.example.phish.example, which is "
        f"neither the operator's site (test-org.example) nor an official body's ({SOURCE_HINT})"
    ]


def test_a_source_under_the_operators_site_passes(project):
    project.replace("data/references.yml", "  url: https://test-org.example/call", "  url: https://www.help.test-org.example/call")
    assert problems(project) == []


def test_a_line_without_an_operator_needs_an_official_body(project):
    project.replace("data/helplines.yml", "  operator: test-org\n", "")
    assert problems(project) == [
        "data/helplines.yml:8: entry 'xx-line' → source: source 'test-line-page' is on test-org.example, which is not an "
        f"official body's site (the line names no operator) ({SOURCE_HINT})"
    ]


def test_an_official_bodys_page_is_a_source(project):
    project.append(
        "data/organisations.yml",
        """
        - id: regulator
          name: Test regulator
          country: xx
          type: public-body
          url: https://regulator.example/
        """,
    )
    project.replace("data/helplines.yml", "  operator: test-org\n", "")
    project.replace("data/references.yml", "  url: https://test-org.example/call", "  url: https://www.regulator.example/numbers")
    assert problems(project) == []


def test_an_unofficial_source_is_accepted_only_when_the_entry_says_so(project):
    project.replace("data/references.yml", "  url: https://test-org.example/call", "  url: https://news.example/test-line")
    project.replace("data/helplines.yml", "  source: test-line-page\n", "  source: test-line-page\n  unofficial_source: true\n")
    assert problems(project) == []


def test_unofficial_source_may_not_be_said_of_the_operators_own_page(project):
    project.replace("data/helplines.yml", "  source: test-line-page\n", "  source: test-line-page\n  unofficial_source: true\n")
    assert problems(project) == [
        "data/helplines.yml:10: entry 'xx-line' → unofficial_source: says the source is not the operator's or an official body's, "
        "but 'test-line-page' is on test-org.example, the operator's own site (remove unofficial_source: the card should not "
        "warn readers about a source that is the line's own)"
    ]


def test_a_source_without_a_web_address_is_refused(project):
    project.replace("data/helplines.yml", "  source: test-line-page", "  source: doe-2020")
    assert problems(project) == [
        "data/helplines.yml:9: entry 'xx-line' → source: source 'doe-2020' has no web address (cite the page the number was "
        f"checked against, at its https:// address; {SOURCE_HINT})"
    ]


def test_a_source_must_say_when_it_was_read(project):
    project.replace("data/references.yml", "  type: webpage\n", "  type: report\n  year: 2026\n")
    project.replace("data/references.yml", "  accessed: 2026-11-01\n", "")
    assert problems(project) == [
        "data/helplines.yml:9: entry 'xx-line' → source: source 'test-line-page' does not say when it was read "
        "(add accessed: YYYY-MM-DD to 'test-line-page' in data/references.yml: the day the facts were checked against it)"
    ]


# --- notes ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "message", "hint"),
    [
        (
            "[call 0 800 28888](tel:+37090012345)",
            "links to 'tel:+37090012345', but notes may not hold tel: links",
            "the number to call goes in number:, where its link is made from the number itself; write other numbers as plain text",
        ),
        (
            "<tel:+37090012345>",
            "contains HTML ('<tel:+37090012345>')",  # an autolink looks like a tag, and is refused as one
            "data holds plain text; write it without tags (Markdown fields accept *emphasis* and [links](https://…))",
        ),
        (
            "[our site](http://test-org.example/)",
            "links to 'http://test-org.example/', but notes may link only to https:// addresses",
            "link to the https:// address of a page",
        ),
        (
            "[write](mailto:jo@test-org.example)",
            "links to 'mailto:jo@test-org.example', but notes may link only to https:// addresses",
            "link to the https:// address of a page",
        ),
        (
            "[chat](https://www.samaritans.org@phish.example/)",
            "has a link that is not allowed: 'https://www.samaritans.org@phish.example/' has a user name or password before its host",
            "an address like https://site.org@other.example/ leads to other.example; write the real address",
        ),
        (
            "[chat](https://www.s\u0430maritans.org/)",
            "links to 'https://www.xn--smaritans-0yh.org/', whose host is written in punycode (xn--…), which can disguise look-alike letters",
            "link to the site by its plain ASCII address",
        ),
    ],
)
def test_notes_hold_no_tel_links_and_only_https_links(project, link, message, hint):
    project.replace("data/helplines.yml", "  cost: Free\n", f"  cost: Free\n  notes: 'Or {link}.'\n")
    assert problems(project) == [f"data/helplines.yml:8: entry 'xx-line' → notes: {message} ({hint})"]


def test_notes_may_link_to_https_pages_and_mention_numbers_as_text(project):
    project.replace(
        "data/helplines.yml", "  cost: Free\n", "  cost: Free\n  notes: Older leaflets show 8 800 28888; see [the line](https://test-org.example/).\n"
    )
    assert problems(project) == []


def test_every_helpline_problem_is_reported_at_once(project):
    add_country(project, "lt", "Lithuania")
    add_line(project, "lt", "8 800 28888")
    project.replace(
        "data/helplines.yml",
        "  last_verified: 2026-11-01\n",
        "  last_verified: 2012-01-01\n",
    )
    project.replace("data/references.yml", "  url: https://test-org.example/call", "  url: https://news.example/test-line")
    assert problems(project) == [
        "data/helplines.yml:9: entry 'xx-line' → source: source 'test-line-page' is on news.example, which is neither the "
        f"operator's site (test-org.example) nor an official body's ({SOURCE_HINT})",
        "data/helplines.yml:10: entry 'xx-line' → last_verified: 2012-01-01 is more than 12 months ago (today is 2026-11-30): "
        "the number must be checked again (check the number, hours and cost against the source (the operator's own page if "
        "there is one), then update the reference's accessed: and last_verified:)",
        "data/helplines.yml:14: entry 'second-line' → number: '8 800 28888' starts with 8, Lithuania's old national prefix, "
        "which stopped working on 1 March 2025 when the prefix became 0 (write it with 0 instead of 8, e.g. 0 800 28888)",
    ]


# --- the card: how old its source is ------------------------------------------------------------------------


def _line(**fields) -> Helpline:
    base = dict(
        id="x-line",
        country="lt",
        name="Line",
        number="0 800 28888",
        for_whom="Anyone",
        hours="Always",
        cost="Free",
        source="src",
        last_verified=date(2026, 11, 22),
        unofficial_source=False,
        operator=None,
        web=None,
        notes=None,
        emergency=False,
        languages=None,
        channels=[],
    )
    return Helpline.model_construct(**{**base, **fields})


def _source(**fields) -> Reference:
    base = dict(id="src", type="webpage", authors=["Lrytas.lt"], title="A news item", url="https://news.example/item", accessed="2026-11-22")
    return Reference.model_validate({**base, **fields})


def _checked(line: Helpline, ref: Reference, organisations: dict[str, Organisation] | None = None) -> list[str]:
    html = render.render_helplines([line], organisations or {}, {"src": "Lrytas.lt 2025"}, {"src": ref})
    return re.findall(r'<p class="kb-helpline__checked[^"]*">.*?</p>', html)


def test_a_card_whose_source_is_older_than_the_check_shows_the_sources_year():
    line = _line(unofficial_source=True, web="https://jaunimolinija.lt/pasikalbekim/")
    assert _checked(line, _source(year=2025)) == [
        '<p class="kb-helpline__checked">Checked on <time datetime="2026-11-22">22 November 2026</time>; source: '
        '<a href="#ref-src">Lrytas.lt 2025</a>, which is not the line\'s own site or an official one.</p>',
        '<p class="kb-helpline__checked kb-helpline__dated">Details as published in 2025 — check '
        '<a href="https://jaunimolinija.lt/pasikalbekim/">the line\'s own site</a>.</p>',
    ]


def test_the_line_s_own_site_is_the_operators_when_the_line_has_none():
    org = Organisation.model_validate(dict(id="op", name="Operator", country="lt", type="helpline", url="https://op.example/"))
    assert _checked(_line(operator="op"), _source(year=2010), {"op": org})[1] == (
        '<p class="kb-helpline__checked kb-helpline__dated">Details as published in 2010 — check <a href="https://op.example/">the line\'s own site</a>.</p>'
    )


def test_a_dated_source_of_a_line_without_a_site_shows_only_its_year():
    assert _checked(_line(), _source(year=2009))[1] == '<p class="kb-helpline__checked kb-helpline__dated">Details as published in 2009.</p>'


def test_a_source_from_the_year_of_the_check_adds_nothing():
    assert len(_checked(_line(), _source(year=2026))) == 1
    assert len(_checked(_line(), _source())) == 1  # the operator's own page, undated: read on the day of the check


def test_an_undated_unofficial_source_is_said_to_show_no_date():
    assert _checked(_line(unofficial_source=True, web="https://www.vaikulinija.lt/"), _source())[1] == (
        '<p class="kb-helpline__checked kb-helpline__dated">The source shows no date — check '
        '<a href="https://www.vaikulinija.lt/">the line\'s own site</a>.</p>'
    )


def test_every_real_card_with_an_older_source_shows_its_year():
    from helpers import ROOT

    kb, _ = check_data(ROOT)
    labels = render.citation_labels(kb.references.values())
    dated = 0
    for line in kb.helplines.values():
        ref = kb.references[line.source]
        html = render.render_helplines([line], kb.organisations, labels, kb.references)
        if ref.year and ref.year < line.last_verified.year:
            dated += 1
            assert f"Details as published in {ref.year}" in html, line.id
        if line.unofficial_source:
            assert "which is not the line's own site or an official one" in html, line.id
    assert dated >= 1


# --- the number rules of the other profiled countries ----------------------------------------------------

COUNTRIES = {"au": "Australia", "us": "United States", "no": "Norway", "dk": "Denmark", "fi": "Finland", "nl": "Netherlands"}
FORMS = {
    "au": "Australian numbers are 0 and 9 digits (0477 13 11 14, or +61 477 13 11 14), 13 and 4 digits (13 11 14), "
    "or 1300 or 1800 and 6 digits (1800 55 1800); short numbers are 000, 112 and 106",
    "us": "US numbers are 10 digits, with or without a leading 1 (1 800 273 8255, or +1 800 273 8255); "
    "short numbers are 911, 988, and the other 3-digit numbers ending 11",
    "no": "Norwegian numbers are 8 digits (22 40 00 40, or +47 22 40 00 40); short numbers are 110, 112, 113, or 116 and 3 digits",
    "dk": "Danish numbers are 8 digits (70 201 201, or +45 70 201 201); short numbers are 112, 114, or 116 and 3 digits",
    "fi": "Finnish numbers are 0 and 5 to 11 digits (09 2525 0111, or +358 9 2525 0111); short numbers are 112, or 116 and 3 digits",
    "nl": "Dutch numbers are 0 and 9 digits (088 0767 000, or +31 88 0767 000), or freephone 0800 and 4 to 7 digits (0800 0113); "
    "short numbers are 112, 113, or 116 and 3 digits",
}


def add_named_line(project, country: str, name: str, number: str, extra: str = "") -> None:
    """A line that calls itself `name`, written from line 11 of data/helplines.yml (its number on line 14)."""
    project.append(
        "data/helplines.yml",
        dedent(f"""
        - id: posing-line
          country: "{country}"
          name: {name}
          number: "{number}"
          for_whom: Anyone in crisis
          hours: 24 hours a day, every day
          cost: Free
          operator: test-org
          source: test-line-page
          last_verified: 2026-11-01
        """)
        + extra,
    )


@pytest.mark.parametrize(
    ("country", "number"),
    [
        ("au", "000"),
        ("au", "13 11 14"),
        ("au", "0477 13 11 14"),
        ("au", "+61 477 13 11 14"),
        ("au", "1800 55 1800"),
        ("au", "1300 659 467"),
        ("us", "911"),
        ("us", "988"),
        ("us", "1 800 273 8255"),
        ("us", "800 273 8255"),
        ("us", "+1 800 273 8255"),
        ("no", "113"),
        ("no", "116 123"),
        ("no", "116 117"),
        ("no", "22 40 00 40"),
        ("no", "+47 22 40 00 40"),
        ("dk", "112"),
        ("dk", "116 111"),
        ("dk", "70 201 201"),
        ("dk", "+45 70 201 201"),
        ("fi", "112"),
        ("fi", "09 2525 0111"),
        ("fi", "+358 9 2525 0111"),
        ("nl", "112"),
        ("nl", "113"),
        ("nl", "0800 0113"),
        ("nl", "088 0767 000"),
        ("nl", "+31 88 0767 000"),
    ],
)
def test_the_numbers_of_the_other_profiled_countries_pass(project, country, number):
    add_country(project, f'"{country}"', COUNTRIES[country])
    add_named_line(project, country, "Second line", number)
    assert problems(project) == []


@pytest.mark.parametrize(
    ("country", "number", "message"),
    [
        ("au", "131 11 14", "'131 11 14' is not an Australian number"),
        ("au", "+44 13 11 14", "'+44 13 11 14' is not an Australian number: it should start with +61"),
        ("us", "273 8255", "'273 8255' is not a US number"),
        ("no", "815 33 30", "'815 33 30' is not a Norwegian number"),
        ("dk", "70 201 20", "'70 201 20' is not a Danish number"),
        ("fi", "9 2525 0111", "'9 2525 0111' is not a Finnish number"),
        ("nl", "0800 011", "'0800 011' is not a Dutch number"),
        ("nl", "+32 88 0767 000", "'+32 88 0767 000' is not a Dutch number: it should start with +31"),
    ],
)
def test_a_number_of_the_wrong_form_or_country_is_refused_with_the_countrys_forms(project, country, number, message):
    add_country(project, f'"{country}"', COUNTRIES[country])
    add_named_line(project, country, "Second line", number)
    assert problems(project) == [f"data/helplines.yml:14: entry 'posing-line' → number: {message} ({FORMS[country]})"]


# A premium-rate number posing as a well-known line: the caller would pay by the minute, or be connected to
# someone else entirely. Each is refused with the file, the line of the number, the entry and the reason.
@pytest.mark.parametrize(
    ("country", "name", "number", "words"),
    [
        ("au", "Lifeline", "1900 13 11 14", "Australian numbers starting 190"),
        ("au", "Lifeline", "+61 1900 131 114", "Australian numbers starting 190"),
        ("us", "988 Suicide & Crisis Lifeline", "1 900 273 8255", "US numbers with the area code 900 (1-900)"),
        ("us", "988 Suicide & Crisis Lifeline", "+1 900 273 8255", "US numbers with the area code 900 (1-900)"),
        ("no", "Kirkens SOS", "820 40 040", "Norwegian numbers starting 820 or 829"),
        ("no", "Mental Helse helpline", "829 11 623", "Norwegian numbers starting 820 or 829"),
        ("dk", "Livslinien", "90 201 201", "Danish numbers starting 90"),
        ("fi", "Crisis Helpline", "0600 2525 0111", "Finnish numbers starting 0600 or 0700"),
        ("fi", "Crisis Helpline", "+358 700 250 111", "Finnish numbers starting 0600 or 0700"),
        ("nl", "113 Suicide Prevention", "0900 0113", "Dutch numbers starting 0900, 0906 or 0909"),
        ("nl", "De Luisterlijn", "0906 0767 000", "Dutch numbers starting 0900, 0906 or 0909"),
        ("nl", "De Luisterlijn", "0909 0767 000", "Dutch numbers starting 0900, 0906 or 0909"),
    ],
)
def test_a_premium_rate_number_posing_as_a_helpline_is_refused(project, country, name, number, words):
    add_country(project, f'"{country}"', COUNTRIES[country])
    add_named_line(project, country, name, number)
    assert problems(project) == [
        f"data/helplines.yml:14: entry 'posing-line' → number: '{number}' is a premium-rate number ({words} cost callers extra) ({PREMIUM_HINT})"
    ]


# --- languages, and text, chat and email ----------------------------------------------------------------


def channel(kind: str, address: str, hours: str = "24 hours a day, every day") -> str:
    """A channels: block for add_named_line: the channel starts on line 22, its address on line 23."""
    return f'  channels:\n    - kind: {kind}\n      address: "{address}"\n      hours: {hours}\n'


def test_text_chat_and_email_channels_with_their_hours_pass(project):
    add_country(project, "au", "Australia")
    add_named_line(
        project,
        "au",
        "Lifeline",
        "13 11 14",
        "  languages: English\n"
        "  channels:\n"
        '    - kind: text\n      address: "0477 13 11 14"\n      hours: 24 hours a day, every day\n'
        '    - kind: chat\n      address: https://test-org.example/chat\n      hours: "Hours not confirmed: check the operator\'s site"\n'
        "    - kind: email\n      address: jo@test-org.example\n      hours: Replies within a day\n      notes: Write in English\n",
    )
    assert problems(project) == []


def test_a_premium_rate_number_to_text_is_refused_like_a_number_to_call(project):
    add_country(project, "au", "Australia")
    add_named_line(project, "au", "Lifeline", "13 11 14", channel("text", "1900 13 11 14"))
    assert problems(project) == [
        "data/helplines.yml:23: entry 'posing-line' → channels.address: '1900 13 11 14' is a premium-rate number "
        f"(Australian numbers starting 190 cost callers extra) ({PREMIUM_HINT})"
    ]


def test_the_old_lithuanian_prefix_is_refused_in_a_number_to_text_too(project):
    add_country(project, "lt", "Lithuania")
    add_named_line(project, "lt", "Youth Line", "0 800 28888", channel("text", "8 800 28888"))
    assert problems(project) == [
        "data/helplines.yml:23: entry 'posing-line' → channels.address: '8 800 28888' starts with 8, Lithuania's old national prefix, "
        "which stopped working on 1 March 2025 when the prefix became 0 (write it with 0 instead of 8, e.g. 0 800 28888)"
    ]


@pytest.mark.parametrize(
    ("kind", "address", "message", "hint"),
    [
        (
            "chat",
            "http://test-org.example/chat",
            "'http://test-org.example/chat' is not a secure (https:) address",
            "the site links only to https: addresses; write https:// and check that the page opens",
        ),
        (
            "chat",
            "https://xn--smaritans-0yh.org/chat",
            "'https://xn--smaritans-0yh.org/chat' has a host written in punycode (xn--…), which can disguise look-alike letters",
            "give the chat page by its plain ASCII address",
        ),
        (
            "chat",
            "https://www.samaritans.org@phish.example/",
            "'https://www.samaritans.org@phish.example/' has a user name or password before its host",
            "an address like https://site.org@other.example/ leads to other.example; write the real address",
        ),
        (
            "email",
            "mailto:jo@test-org.example",
            "'mailto:jo@test-org.example' is not an email address",
            "write the address alone, e.g. jo@samaritans.org, without mailto: or a name",
        ),
        (
            "text",
            "https://test-org.example/text",
            "'https://test-org.example/text' is not a phone number",
            "use digits and single spaces only, with an optional leading +, e.g. 116 123 or 0 800 28888",
        ),
    ],
)
def test_a_channel_address_that_does_not_fit_its_kind_is_refused(project, kind, address, message, hint):
    add_country(project, "au", "Australia")
    add_named_line(project, "au", "Lifeline", "13 11 14", channel(kind, address))
    assert problems(project) == [f"data/helplines.yml:23: entry 'posing-line' → channels.address: {message} ({hint})"]


def test_a_channel_of_an_unknown_kind_or_without_hours_is_refused(project):
    add_country(project, "au", "Australia")
    add_named_line(project, "au", "Lifeline", "13 11 14", '  channels:\n    - kind: sms\n      address: "0477 13 11 14"\n')
    assert problems(project) == [
        "data/helplines.yml:22: entry 'posing-line' → channels.kind: 'sms' is not an allowed value (use one of: 'text', 'chat' or 'email')",
        "data/helplines.yml:22: entry 'posing-line' → channels.hours: is required but missing (add 'hours:' to this entry)",
    ]


def _card(**fields) -> str:
    return render.render_helplines([_line(**fields)], {}, {"src": "Src 2026"}, {})


def test_a_card_shows_languages_and_every_channel_with_its_hours():
    html = _card(
        languages="English and Spanish",
        channels=[
            HelplineChannel(kind="text", address="0477 13 11 14", hours="24 hours a day, every day", notes="Text AYUDA for Spanish"),
            HelplineChannel(kind="chat", address="https://988lifeline.org", hours="Hours not confirmed: check the operator's site"),
            HelplineChannel(kind="email", address="jo@samaritans.org", hours="Reply times not confirmed"),
        ],
    )
    assert "<dt>Languages</dt><dd>English and Spanish</dd>" in html
    # A number to text is shown, never made a link: only numbers to call are (tel:), and sms: links are not allowed.
    assert '<dt>Text</dt><dd><span class="kb-helpline__text">0477 13 11 14</span> — 24 hours a day, every day. Text AYUDA for Spanish</dd>' in html
    assert ('<dt>Chat</dt><dd><a href="https://988lifeline.org">https://988lifeline.org</a> — Hours not confirmed: check the operator&#39;s site</dd>') in html
    assert '<dt>Email</dt><dd><a href="mailto:jo@samaritans.org">jo@samaritans.org</a> — Reply times not confirmed</dd>' in html
    assert "sms:" not in html and html.count("tel:") == 1


def test_a_card_without_languages_or_channels_shows_neither():
    html = _card()
    assert "Languages" not in html and "<dt>Text</dt>" not in html and "<dt>Chat</dt>" not in html and "<dt>Email</dt>" not in html


def test_where_the_site_names_no_line_to_talk_to_it_says_to_call_the_emergency_number():
    emergency = _line(id="xx-112", number="112", emergency=True)
    html = render.render_helplines([emergency], {}, {"src": "Src 2026"}, {})
    assert (
        '<p class="kb-helplines__none">This site names no helpline here yet. If you or someone else is in danger, call the '
        'emergency number, <a href="tel:112">112</a>.</p>'
    ) in html
    assert render.render_helplines([], {}, {}, {}) == (
        '<p class="kb-helplines__none">This site names no helpline here yet. If you or someone else is in danger, call the local emergency number.</p>'
    )
    assert "kb-helplines__none" not in render.render_helplines([emergency, _line()], {}, {"src": "Src 2026"}, {})


def test_every_profiled_country_has_an_emergency_number_and_a_line_to_talk_to():
    from helpers import ROOT

    kb, _ = check_data(ROOT)
    profiled = [code for code, country in kb.countries.items() if country.kind == "country" and (country.page or "").startswith("international/")]
    assert len(profiled) == 10
    for code in profiled:
        lines = [line for line in kb.helplines.values() if line.country == code]
        assert any(line.emergency for line in lines), code
        assert any(not line.emergency for line in lines), code


def test_the_help_page_shows_no_press_3_and_no_old_lithuanian_numbers():
    from helpers import ROOT

    data = (ROOT / "data" / "helplines.yml").read_text(encoding="utf-8")
    page = (ROOT / "docs" / "get-help-now.md").read_text(encoding="utf-8")
    for text in (data, page):
        assert "press 3" not in text.lower()
        assert "24/7" not in text  # hours are written in words, and only where a source states them
    kb, _ = check_data(ROOT)
    livslinien = kb.helplines["dk-livslinien"]
    assert livslinien.hours.startswith("Not confirmed") and "24 hours" not in livslinien.hours
    assert kb.helplines["lt-vaiku-linija"].hours.startswith("Not confirmed") and "vaikulinija.lt" in kb.helplines["lt-vaiku-linija"].hours
    assert kb.helplines["lt-jaunimo-linija"].number == "0 800 28888"
    assert [line.languages for line in kb.helplines.values() if line.country == "fi" and not line.emergency] == ["Finnish", "Swedish"]


# --- the end of the urgent-help page ------------------------------------------------------------------------


def test_the_urgent_help_page_gets_no_recommendations_based_on_it(project):
    from peerkb.sitemacros import RenderContext, page_end

    result = check_project(project.root, today=TODAY)
    assert result.problems == [] and result.help_page == "world.md"  # the fixture's extra.help_page, which R01 rests on
    labels = render.citation_labels(result.kb.references.values())
    ends = {page: page_end(RenderContext(result.kb, result.index, labels, page=page, help_page=result.help_page)) for page in ("world.md", "index.md")}
    assert "Recommendations based on this page" not in ends["world.md"]
    assert "## Recommendations based on this page {#recommendations}\n\n- [R01: Write the role down](recs.md#R01)" in ends["index.md"]
    # Without a help page, every page rests on its recommendations as before.
    assert "Recommendations based on this page" in page_end(RenderContext(result.kb, result.index, labels, page="world.md"))


def test_a_line_without_a_site_of_its_own_sends_readers_to_its_chat_page():
    line = _line(unofficial_source=True, channels=[HelplineChannel(kind="chat", address="https://chat.example/", hours="Always")])
    assert _checked(line, _source(year=2021))[1] == (
        '<p class="kb-helpline__checked kb-helpline__dated">Details as published in 2021 — check <a href="https://chat.example/">the line\'s own site</a>.</p>'
    )
