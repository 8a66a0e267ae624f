"""Glossary abbreviations get a tooltip on every whole-word match on every page, so they may not catch other text:
each rule with the exact message."""

from __future__ import annotations

import markdown
import pytest

from peerkb import render
from peerkb.models import GlossaryTerm

COMMON_HINT = "as an abbreviation it would put a tooltip on every '{abbr}' on the site; leave abbr out"
HELPLINE_HINT = "an abbreviation may not mark any part of a helpline's number or name; leave abbr out (the term stays in the glossary)"


def with_abbr(project, abbr: str, term: str | None = None) -> list[str]:
    """The problems with the fixture's glossary term given the abbreviation `abbr` (and, if given, the term it stands for)."""
    project.replace("data/glossary.yml", "  abbr: TT", f"  abbr: {abbr}")
    if term is not None:
        project.replace("data/glossary.yml", "  term: Test term", f"  term: {term}")
    return project.problems()


@pytest.mark.parametrize("abbr", ["help", "Help"])
def test_a_common_english_word_as_running_text_writes_it_is_refused(project, abbr):
    assert with_abbr(project, abbr) == [
        f"data/glossary.yml:3: entry 'test-term' → abbr: '{abbr}' is a common English word (listed in data/common-words.yml) ({COMMON_HINT.format(abbr=abbr)})"
    ]


def test_an_abbreviation_in_capitals_marks_only_text_in_capitals_and_is_allowed(project):
    # 'who' is in the list, but the abbr extension matches case for case: WHO marks only 'WHO'.
    assert with_abbr(project, "WHO", "World Health Organization") == []


def test_digits_are_not_an_abbreviation(project):
    assert with_abbr(project, '"112"') == [
        "data/glossary.yml:3: entry 'test-term' → abbr: '112' is a number, not an abbreviation "
        "(digits as an abbreviation would be marked inside phone numbers and dates; leave abbr out)"
    ]


def test_part_of_a_helpline_number_is_not_an_abbreviation(project):
    assert with_abbr(project, '"116 1"') == [
        "data/glossary.yml:3: entry 'test-term' → abbr: '116 1' is a number, not an abbreviation "
        "(digits as an abbreviation would be marked inside phone numbers and dates; leave abbr out)"
    ]


def test_one_letter_is_not_an_abbreviation(project):
    assert with_abbr(project, "A") == [
        "data/glossary.yml:3: entry 'test-term' → abbr: 'A' is too short for an abbreviation "
        "(an abbreviation has at least 2 characters; one letter would be marked wherever it stands alone)"
    ]


def test_an_abbreviation_that_occurs_in_a_helplines_name_is_refused(project):
    assert with_abbr(project, "Test") == [
        "data/glossary.yml:3: entry 'test-term' → abbr: 'Test' occurs in the name of helpline 'xx-line' ('Test line'), "
        f"which the help page shows ({HELPLINE_HINT})"
    ]


def test_an_abbreviation_that_occurs_in_a_helplines_local_name_is_refused(project):
    project.replace("data/helplines.yml", "  name: Test line\n", "  name: Test line\n  local_name: Testlína SOS\n")
    assert with_abbr(project, "SOS") == [
        "data/glossary.yml:3: entry 'test-term' → abbr: 'SOS' occurs in the local name of helpline 'xx-line' ('Testlína SOS'), "
        f"which the help page shows ({HELPLINE_HINT})"
    ]


def test_an_abbreviation_inside_a_longer_word_of_a_name_is_fine(project):
    # The abbr extension matches whole words only: 'Tes' does not mark 'Test'.
    assert with_abbr(project, "Tes", "Testing service") == []


def test_an_abbreviation_may_not_hold_markup_characters(project):
    assert with_abbr(project, '"TT]: x"') == [
        "data/glossary.yml:3: entry 'test-term' → abbr: 'TT]: x' has a character an abbreviation cannot have (']') "
        "(use letters and digits, with & . / - or single spaces between them)"
    ]


def test_a_term_on_two_lines_cannot_define_a_second_abbreviation(project):
    # The term is written after '*[TT]: ', so a second line would define another abbreviation.
    project.replace("data/glossary.yml", "  term: Test term", '  term: "Test term\\n*[help]: Call 0 900 12345"')
    assert project.problems() == ["data/glossary.yml:2: entry 'test-term' → term: is more than one line (write it on one line)"]


def test_every_abbreviation_problem_is_reported_at_once(project):
    project.append(
        "data/glossary.yml",
        """
        - id: second-term
          term: Second term
          abbr: line
          definition: Another term for tests.
        - id: third-term
          term: Third term
          abbr: A
          definition: A third term for tests.
        """,
    )
    assert with_abbr(project, "Test") == [
        "data/glossary.yml:3: entry 'test-term' → abbr: 'Test' occurs in the name of helpline 'xx-line' ('Test line'), "
        f"which the help page shows ({HELPLINE_HINT})",
        "data/glossary.yml:8: entry 'second-term' → abbr: 'line' is a common English word (listed in data/common-words.yml) "
        f"({COMMON_HINT.format(abbr='line')})",
        "data/glossary.yml:8: entry 'second-term' → abbr: 'line' occurs in the name of helpline 'xx-line' ('Test line'), "
        f"which the help page shows ({HELPLINE_HINT})",
        "data/glossary.yml:12: entry 'third-term' → abbr: 'A' is too short for an abbreviation "
        "(an abbreviation has at least 2 characters; one letter would be marked wherever it stands alone)",
    ]


# --- an abbreviation stands for its term ------------------------------------------------------------------

SAME_HINT = "term: is what the abbreviation stands for, and its tooltip: write it in full, as World Health Organization for WHO, or leave abbr out"
STANDS_FOR_HINT = (
    "an abbreviation takes the first letter, or first letters, of each word of its term, in order, as WHO does for World Health "
    "Organization and ImROC for Implementing Recovery through Organisational Change; small words such as 'and', 'of' and 'the' "
    "may be left out. Write in term: the full name the abbreviation stands for, or leave abbr out"
)


@pytest.mark.parametrize("term", ["CHIME", "Chime", "C.H.I.M.E."])
def test_an_abbreviation_that_is_its_own_term_is_refused(project, term):
    # 'CHIME (CHIME)' in the glossary, and a tooltip on CHIME that says 'CHIME'.
    assert with_abbr(project, "CHIME", term) == [f"data/glossary.yml:3: entry 'test-term' → abbr: 'CHIME' is the same as the term ({SAME_HINT})"]


def test_an_abbreviation_with_a_word_of_its_term_missing_is_refused(project):
    # The tooltip on 'EEA' in 'the European Economic Area (EEA) Financial Mechanism' said 'European Economic Area Grants'.
    assert with_abbr(project, "EEA", "European Economic Area Grants") == [
        "data/glossary.yml:3: entry 'test-term' → abbr: 'EEA' does not stand for the term 'European Economic Area Grants', "
        f"whose main words begin with E, E, A and G ({STANDS_FOR_HINT})"
    ]


@pytest.mark.parametrize(
    ("abbr", "term", "initials"),
    [
        ("WHO", "World Health", "W and H"),  # a letter more than the term has words
        ("WOH", "World Health Organization", "W, H and O"),  # the letters out of order
        ("PWS", "Peer support worker", "P, S and W"),
        ("CHIME", "Personal recovery", "P and R"),  # another term's abbreviation
    ],
)
def test_an_abbreviation_that_does_not_stand_for_its_term_is_refused(project, abbr, term, initials):
    assert with_abbr(project, abbr, term) == [
        f"data/glossary.yml:3: entry 'test-term' → abbr: '{abbr}' does not stand for the term '{term}', whose main words begin with {initials} ({STANDS_FOR_HINT})"
    ]


def test_a_term_of_small_words_only_is_named_as_such(project):
    assert with_abbr(project, "XY", "of the") == [
        f"data/glossary.yml:3: entry 'test-term' → abbr: 'XY' does not stand for the term 'of the', which has only small words ({STANDS_FOR_HINT})"
    ]


@pytest.mark.parametrize(
    ("abbr", "term"),
    [
        ("WHO", "World Health Organization"),
        ("CRPD", "Convention on the Rights of Persons with Disabilities"),  # small words left out
        ("ImROC", "Implementing Recovery through Organisational Change"),  # a word giving two letters
        ("NGO", "Non-governmental organisation"),  # words split at a hyphen
        ("SAMHSA", "Substance Abuse and Mental Health Services Administration"),
        ("CHIME", "Connectedness, hope, identity, meaning and empowerment"),
        ("DfE", "Department for Education"),  # a small word may give a letter too
        ("A&E", "Accident and emergency"),
        ("PICU", "Psychiatric intensive care unit"),
    ],
)
def test_an_abbreviation_made_of_its_terms_words_is_accepted(project, abbr, term):
    assert with_abbr(project, f'"{abbr}"', term) == []


def test_an_abbreviation_refused_for_the_text_it_catches_is_not_also_refused_for_its_term(project):
    # 'help' is not made of 'Test term' either, but leaving abbr out, which the first message asks for, settles both.
    assert with_abbr(project, "help") == [
        f"data/glossary.yml:3: entry 'test-term' → abbr: 'help' is a common English word (listed in data/common-words.yml) ({COMMON_HINT.format(abbr='help')})"
    ]


def test_every_abbreviation_of_the_real_glossary_stands_for_its_term():
    from helpers import ROOT
    from peerkb.validate import check_data, stands_for

    kb, _ = check_data(ROOT)
    abbreviations = {t.abbr: t.term for t in kb.glossary.values() if t.abbr}
    assert len(abbreviations) >= 15
    assert [(abbr, term) for abbr, term in abbreviations.items() if not stands_for(abbr, term) or abbr.casefold() == term.casefold()] == []


# --- the list of common words --------------------------------------------------------------------------


def test_the_list_of_common_words_is_required(project):
    (project.root / "data" / "common-words.yml").unlink()
    assert project.problems() == [
        "data/common-words.yml:1: the file is missing (create it: a list of common English words, one '- word' a line, that glossary abbreviations may not be)"
    ]


def test_the_list_holds_lower_case_words_only(project):
    project.write("data/common-words.yml", "- help\n- Call\n- no\n")
    assert project.problems() == [
        "data/common-words.yml:2: 'Call' is not a word in lower-case letters (write one common English word a line, in lower-case letters, e.g. '- help')",
        "data/common-words.yml:3: true/false (false) is not a word in lower-case letters "
        '(YAML reads a bare yes, no, on or off as true/false: put the word in quotes, e.g. "no")',
    ]


def test_the_real_list_refuses_the_words_a_reader_in_crisis_reads_on_the_help_page():
    from helpers import ROOT
    from peerkb.validate import load_common_words

    words, problems = load_common_words(ROOT)
    assert problems == []
    assert {"help", "call", "now", "line", "free", "phone", "number", "crisis", "talk", "no", "on", "off"} <= words


# --- why: the abbr extension marks every whole-word match ------------------------------------------------


def test_the_abbr_extension_matches_whole_words_case_for_case():
    """The rules above assume how Python-Markdown's abbr extension matches; this keeps that assumption checked."""
    terms = [GlossaryTerm.model_construct(id="x", term="World Health Organization", abbr="WHO")]
    html = markdown.markdown("Ask WHO who can help.\n\n" + render.abbreviation_lines(terms), extensions=["abbr"])
    assert html == '<p>Ask <abbr title="World Health Organization">WHO</abbr> who can help.</p>'
