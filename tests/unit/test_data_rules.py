"""Every data validation rule, each with a broken fixture and the exact message it must produce."""

from __future__ import annotations

import pytest

from helpers import ROOT
from peerkb.check import check_project
from peerkb.problems import ValidationFailed
from peerkb.validate import load_knowledge_base


def test_the_fixture_project_is_valid(project):
    assert project.problems() == []


def test_yaml_syntax_error_names_file_and_line(project):
    project.write(
        "data/countries.yml",
        """
        - id: xx
          name: "Testland
        """,
    )
    assert project.problems() == [
        "data/countries.yml:2: YAML syntax error: a quotation mark is opened but never closed (close the quote on the same line, or remove it)"
    ]


def test_tab_indentation_is_explained(project):
    project.write("data/countries.yml", "- id: xx\n\tname: Testland\n")
    assert project.problems() == ["data/countries.yml:2: YAML syntax error: a tab is used for indentation (indent with spaces only)"]


def test_a_field_indented_further_than_the_one_above_is_an_indentation_problem(project):
    project.write("data/countries.yml", "- id: xx\n  name: Testland\n   language: is\n")
    assert project.problems() == [
        "data/countries.yml:3: YAML syntax error: the indentation does not line up with the lines above "
        "(indent fields of the same entry by the same number of spaces)"
    ]


def test_a_colon_inside_unquoted_text_is_not_called_an_indentation_problem(project):
    project.write("data/countries.yml", "- id: xx\n  name: Testland: a country\n")
    assert project.problems() == [
        "data/countries.yml:2: YAML syntax error: a ':' appears where a new field cannot start (put text that contains ': ' in quotes)"
    ]


def test_missing_required_field(project):
    project.replace("data/helplines.yml", "  hours: Always\n", "")
    assert project.problems() == ["data/helplines.yml:1: entry 'xx-line' → hours: is required but missing (add 'hours:' to this entry)"]


def test_wrong_type(project):
    project.replace("data/references.yml", "  title: A study", "  title: 1984")
    assert project.problems() == [
        "data/references.yml:4: entry 'doe-2020' → title: should be text, not a number (1984) (put the value in quotes if it looks like a number or a date)"
    ]


def test_unknown_field_suggests_the_real_one(project):
    project.replace("data/helplines.yml", "  hours: Always", "  hours: Always\n  cots: Free")
    assert project.problems() == ["data/helplines.yml:7: entry 'xx-line' → cots: is not a known field (did you mean 'cost'?)"]


def test_duplicate_id(project):
    project.append(
        "data/countries.yml",
        """
        - id: xx
          name: Testland again
        """,
    )
    assert project.problems() == ["data/countries.yml:14: entry 'xx' → id: duplicate id (already used on line 1) (give each entry its own id)"]


def test_duplicate_key_within_an_entry(project):
    project.replace("data/countries.yml", "  name: Testland", "  name: Testland\n  name: Other")
    assert project.problems() == ["data/countries.yml:3: the key 'name' appears twice in the same block (keep one of them; YAML would silently drop the first)"]


def test_dangling_reference_to_another_file(project):
    project.replace("data/helplines.yml", "  source: test-line-page", "  source: test-line-pages")
    assert project.problems() == [
        "data/helplines.yml:9: entry 'xx-line' → source: unknown reference 'test-line-pages' (did you mean 'test-line-page'? the known ids are listed in data/references.yml)"
    ]


def test_dangling_reference_inside_a_list(project):
    project.replace("data/glossary.yml", "  sources: [doe-2020]", "  sources: [doe-2020, nobody-1999]")
    assert project.problems() == [
        "data/glossary.yml:5: entry 'test-term' → sources: unknown reference 'nobody-1999' (the known ids are listed in data/references.yml)"
    ]


def test_unknown_country_and_organisation(project):
    project.replace("data/helplines.yml", "  country: xx", "  country: zz")
    project.replace("data/helplines.yml", "  operator: test-org", "  operator: test-orgs")
    assert project.problems() == [
        "data/helplines.yml:2: entry 'xx-line' → country: unknown country 'zz' (the known ids are listed in data/countries.yml)",
        "data/helplines.yml:8: entry 'xx-line' → operator: unknown organisation 'test-orgs' (did you mean 'test-org'? the known ids are listed in data/organisations.yml)",
    ]


def test_invalid_date(project):
    project.replace("data/helplines.yml", "  last_verified: 2026-11-01", "  last_verified: 2026-13-01")
    assert project.problems() == [
        "data/helplines.yml:10: entry 'xx-line' → last_verified: '2026-13-01' is not a valid date (write it as YYYY-MM-DD, for example 2026-11-22)"
    ]


def test_html_in_a_text_field_is_refused(project):
    project.replace("data/countries.yml", "  name: Testland", "  name: <script>alert(1)</script>Testland")
    assert project.problems() == [
        "data/countries.yml:2: entry 'xx' → name: contains HTML ('<script>') (data holds plain text; write it without tags (Markdown fields accept *emphasis* and [links](https://…)))"
    ]


def test_html_in_a_markdown_field_is_refused(project):
    project.replace("data/glossary.yml", "  definition: A term for tests.", '  definition: A term <img src=x onerror="alert(1)">.')
    assert project.problems() == [
        "data/glossary.yml:4: entry 'test-term' → definition: contains HTML ('<img src=x onerror=\"alert(1)\">') (data holds plain text; write it without tags (Markdown fields accept *emphasis* and [links](https://…)))"
    ]


def test_invalid_id(project):
    # Renamed, the reference is no longer found under its old key, so each use of 'doe-2020' is reported too.
    project.replace("data/references.yml", "- id: doe-2020", "- id: Doe 2020")
    unknown = "unknown reference 'doe-2020' (did you mean 'Doe 2020'? the known ids are listed in data/references.yml)"
    assert project.problems() == [
        f"data/countries.yml:12: entry 'xx' → profile.sources: {unknown}",
        f"data/definitions.yml:2: entry 'doe' → source: {unknown}",
        f"data/events.yml:8: entry 'test-project' → sources: {unknown}",
        f"data/events.yml:21: entry 'test-event' → sources: {unknown}",
        f"data/glossary.yml:5: entry 'test-term' → sources: {unknown}",
        f"data/recommendations.yml:8: entry 'R01' → evidence: {unknown}",
        f"data/recommendations.yml:20: entry 'R02' → evidence: {unknown}",
        "data/references.yml:1: entry 'Doe 2020' → id: 'Doe 2020' is not a valid id (use lower-case letters, digits and single hyphens, e.g. mead-2001)",
    ]


def test_not_an_allowed_value(project):
    project.replace("data/organisations.yml", "  type: ngo", "  type: charity")
    assert project.problems() == [
        "data/organisations.yml:4: entry 'test-org' → type: 'charity' is not an allowed value (use one of: 'ngo', 'public-body', 'health-service', 'funder', 'network', 'helpline', 'university' or 'international')"
    ]


def test_phone_number_format(project):
    project.replace("data/helplines.yml", '  number: "116 123"', '  number: "116-123"')
    assert project.problems() == [
        "data/helplines.yml:4: entry 'xx-line' → number: '116-123' is not a phone number (use digits and single spaces only, with an optional leading +, e.g. 116 123 or 0 800 28888)"
    ]


def test_doi_with_prefix(project):
    project.replace("data/references.yml", "  doi: 10.1000/xyz", "  doi: https://doi.org/10.1000/xyz")
    assert project.problems() == [
        "data/references.yml:7: entry 'doe-2020' → doi: 'https://doi.org/10.1000/xyz' should be the bare DOI (drop the 'https://doi.org/' or 'doi:' prefix, e.g. 10.1037/h0095032)"
    ]


def test_web_page_needs_access_date(project):
    project.append(
        "data/references.yml",
        """
        - id: site-page
          type: webpage
          authors: ["Some Organisation"]
          title: A page
          url: https://example.org/page
        """,
    )
    assert project.problems() == ["data/references.yml:15: entry 'site-page' → accessed: a web page needs the date it was read (add accessed: YYYY-MM-DD)"]


def test_reference_must_be_findable(project):
    project.replace("data/references.yml", "  doi: 10.1000/xyz\n", "")
    assert project.problems() == ["data/references.yml:1: entry 'doe-2020': gives readers no way to find the source (add a doi, url or isbn)"]


def test_file_must_be_a_list(project):
    project.write("data/countries.yml", "id: xx\nname: Testland\n")
    assert project.problems() == ["data/countries.yml:1: should be a list of entries (start each entry with '- id: …')"]


def test_missing_data_file(project):
    (project.root / "data" / "definitions.yml").unlink()
    assert project.problems() == ["data/definitions.yml:1: the file is missing (create it; each entry follows the Definition schema)"]


def test_every_problem_is_reported_at_once(project):
    project.replace("data/helplines.yml", "  hours: Always\n", "")
    project.replace("data/countries.yml", "  name: Testland", "  nam: Testland")
    project.replace("data/references.yml", "  year: 2020", "  year: soon")
    assert project.problems() == [
        "data/countries.yml:1: entry 'xx' → name: is required but missing (add 'name:' to this entry)",
        "data/countries.yml:2: entry 'xx' → nam: is not a known field (did you mean 'name'?)",
        "data/helplines.yml:1: entry 'xx-line' → hours: is required but missing (add 'hours:' to this entry)",
        "data/references.yml:6: entry 'doe-2020' → year: should be a whole number, not 'soon'",
    ]


def test_load_knowledge_base_raises_with_the_full_report(project):
    project.replace("data/helplines.yml", "  hours: Always\n", "")
    with pytest.raises(ValidationFailed) as caught:
        load_knowledge_base(project.root)
    assert str(caught.value) == (
        "data/helplines.yml:1: entry 'xx-line' → hours: is required but missing (add 'hours:' to this entry)\n1 problem found; nothing was built."
    )


def test_broken_data_file_does_not_flood_pages_with_unknown_keys(project):
    project.write("data/references.yml", "- id: [\n")
    assert project.problems() == [
        "data/references.yml:2: YAML syntax error: expected the node content, but found '<stream end>' "
        "(check the indentation and the quotes on this line and the one before)"
    ]


def test_the_real_project_is_valid():
    result = check_project(ROOT)
    assert [str(p) for p in result.problems] == []
