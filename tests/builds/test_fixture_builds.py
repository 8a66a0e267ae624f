"""Builds of the tiny fixture site: every kind of bad input stops the build with a clear message,
and nothing is written to the site folder."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.build


def assert_failed_cleanly(result, *expected: str) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for text in expected:
        assert text in output, output
    return output


def test_valid_fixture_builds(project):
    result = project.build()
    assert result.returncode == 0, result.stderr
    html = (project.root / "site" / "index.html").read_text()
    assert '<a href="#ref-doe-2020">Doe 2020</a>' in html
    assert '<li id="ref-doe-2020">' in html
    assert 'id="sources"' in html


def test_bad_data_stops_the_build_with_every_problem_and_no_site(project):
    project.replace("data/helplines.yml", "  hours: Always\n", "")
    project.replace("data/countries.yml", "  name: Testland", "  nme: Testland")
    result = project.build()
    output = assert_failed_cleanly(
        result,
        "The knowledge base has problems:",
        "data/helplines.yml:1: entry 'xx-line' → hours: is required but missing (add 'hours:' to this entry)",
        "data/countries.yml:2: entry 'xx' → nme: is not a known field (did you mean 'name'?)",
        "3 problems found; nothing was built.",
    )
    assert "Traceback" not in output
    assert not (project.root / "site").exists()


def test_yaml_syntax_error_stops_the_build(project):
    project.write("data/glossary.yml", "- id: test-term\n  term: Test: term\n")
    assert_failed_cleanly(
        project.build(),
        "data/glossary.yml:2: YAML syntax error: a ':' appears where a new field cannot start (put text that contains ': ' in quotes)",
    )
    assert not (project.root / "site").exists()


def test_bad_front_matter_stops_the_build(project):
    project.replace("docs/index.md", "review_due: 2027-01-01", "review_due: 2025-01-01")
    assert_failed_cleanly(
        project.build(),
        "docs/index.md:6: review_due: 2025-01-01 is not after last_reviewed (2026-01-01)",
    )


def test_unknown_citation_key_names_page_and_key(project):
    project.replace("docs/index.md", 'cite("doe-2020")', 'cite("doe-2021")')
    assert_failed_cleanly(
        project.build(),
        "docs/index.md:11: cite(): unknown key 'doe-2021' (the known keys are listed in data/references.yml)",
    )
    assert not (project.root / "site").exists()


def test_unknown_key_computed_in_the_page_still_fails_at_render(project):
    # A key built by Jinja cannot be seen by the static check; the macro itself refuses it.
    project.replace("docs/index.md", 'cite("doe-2020")', 'cite("doe-" ~ "2021")')
    assert_failed_cleanly(
        project.build(),
        "docs/index.md: cite(): unknown key 'doe-2021' (the known keys are listed in data/references.yml)",
    )
    assert not (project.root / "site" / "index.html").exists()


def test_undefined_variable_fails_before_building(project):
    project.append("docs/index.md", "\nThe year is {{ curent_year }}.\n")
    assert_failed_cleanly(
        project.build(),
        "docs/index.md:14: 'curent_year' is not a known variable or macro (the site's macros are cite, definitions_table, helplines, term)",
    )
    assert not (project.root / "site").exists()


def test_unknown_macro_fails_with_a_suggestion(project):
    project.append("docs/index.md", '\n{{ citee("doe-2020") }}\n')
    assert_failed_cleanly(
        project.build(),
        "docs/index.md:14: 'citee' is not a known variable or macro (did you mean 'cite'? the site's macros are cite, definitions_table, helplines, term)",
    )


def test_template_syntax_error_names_the_line(project):
    project.append("docs/index.md", '\n{{ cite("doe-2020" }}\n')
    assert_failed_cleanly(project.build(), "docs/index.md:14: template syntax error: unexpected '}'")


def test_undefined_name_at_render_time_still_fails(project):
    # A name hidden from the static check (looked up as an attribute) is caught by the strict renderer.
    project.append("docs/index.md", "\n{{ page.meta.no_such_key.upper() }}\n")
    assert_failed_cleanly(project.build(), "_File_: `index.md`", "has no attribute 'no_such_key'")
    assert not (project.root / "site" / "index.html").exists()


def test_unknown_macro_argument_fails(project):
    project.append("docs/index.md", '\n{{ helplines(country="xx", colour="red") }}\n')
    assert_failed_cleanly(
        project.build(),
        "docs/index.md:14: helplines(): got an unexpected keyword argument 'colour' (it takes: country)",
    )


def test_script_in_data_renders_as_text(project):
    # Validation refuses tags in data, so this test builds with a value that is not a tag but is still
    # markup-significant, and checks the page shows it as text.
    project.replace("data/helplines.yml", "  hours: Always", '  hours: "Always & <ever"')
    result = project.build()
    assert result.returncode == 0, result.stderr
    html = (project.root / "site" / "index.html").read_text()
    assert "Always &amp; &lt;ever" in html


def test_script_tag_in_data_is_refused_before_anything_is_built(project):
    project.replace("data/helplines.yml", "  hours: Always", '  hours: "<script>alert(1)</script>"')
    assert_failed_cleanly(
        project.build(),
        "data/helplines.yml:6: entry 'xx-line' → hours: contains HTML ('<script>')",
    )
    assert not (project.root / "site").exists()


def test_abbreviations_from_the_glossary_get_tooltips(project):
    project.append("docs/index.md", "\nTT appears here.\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    html = (project.root / "site" / "index.html").read_text()
    assert '<abbr title="Test term">TT</abbr> appears here.' in html
