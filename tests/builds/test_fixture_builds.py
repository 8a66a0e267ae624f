"""Builds of the tiny fixture site: every kind of bad input stops the build with a clear message,
and nothing is written to the site folder. Tests that read the fixture as it is share one build of it
(the `fixture_site` fixture); a test that changes the fixture builds its own copy."""

from __future__ import annotations

import pytest

from helpers import ROOT, broken_links, built_pages, duplicate_ids

pytestmark = pytest.mark.build


def assert_failed_cleanly(result, *expected: str) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for text in expected:
        assert text in output, output
    return output


def test_valid_fixture_builds(fixture_site):
    html = (fixture_site / "index.html").read_text()
    assert '<a href="#ref-doe-2020" id="cite-doe-2020-1">Doe 2020</a>' in html
    assert '<li id="ref-doe-2020">' in html
    assert '<a class="kb-backlink" href="#cite-doe-2020-1" aria-label="Back to citation 1 in the text">&#8617;&#65038;</a>' in html
    assert 'id="sources"' in html


def test_an_unchanged_copy_of_the_fixture_is_not_built_again(project):
    """The fixture as it is is built once per session, by the fixture_site fixture; a copy is built only once changed."""
    with pytest.raises(AssertionError, match="this copy is the unchanged fixture"):
        project.build()
    assert not (project.root / "site").exists()
    project.append("docs/index.md", "\nOne more line.\n")
    assert not project.unchanged()


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
        "docs/index.md:11: cite(): unknown key 'doe-2021' (did you mean 'doe-2020'? the known keys are listed in data/references.yml)",
    )
    assert not (project.root / "site").exists()


def test_a_key_computed_in_the_page_is_refused_before_building(project):
    # A key built by Jinja could not be checked before the page is rendered, so pages may pass plain values only.
    project.replace("docs/index.md", 'cite("doe-2020")', 'cite("doe-" ~ "2021")')
    assert_failed_cleanly(
        project.build(),
        'docs/index.md:11: cite(): arguments must be plain values (write text in quotes or a number, e.g. cite("mead-2001"))',
    )
    assert not (project.root / "site" / "index.html").exists()


def test_undefined_variable_fails_before_building(project):
    project.append("docs/index.md", "\nThe year is {{ curent_year }}.\n")
    assert_failed_cleanly(
        project.build(),
        "docs/index.md:14: 'curent_year' is not a known variable or macro (the site's macros are avoid, bibliography, cite, country_facts, country_table, definitions_table, english, event, events, glossary, helplines, organisations_directory, recommendation_list, recommendations, recommendations_for, term, translation_status, wording_table)",
    )
    assert not (project.root / "site").exists()


def test_unknown_macro_fails_with_a_suggestion(project):
    project.append("docs/index.md", '\n{{ citee("doe-2020") }}\n')
    assert_failed_cleanly(
        project.build(),
        "docs/index.md:14: 'citee' is not a known variable or macro (did you mean 'cite'? the site's macros are avoid, bibliography, cite, country_facts, country_table, definitions_table, english, event, events, glossary, helplines, organisations_directory, recommendation_list, recommendations, recommendations_for, term, translation_status, wording_table)",
    )


def test_template_syntax_error_names_the_line(project):
    project.append("docs/index.md", '\n{{ cite("doe-2020" }}\n')
    assert_failed_cleanly(project.build(), "docs/index.md:14: template syntax error: unexpected '}'")


def test_the_build_s_internals_are_refused_before_building(project):
    # Pages get the site's macros and nothing else: the page object, the config and the environment stay out of reach.
    project.append("docs/index.md", "\n{{ page.meta.no_such_key.upper() }}\n")
    assert_failed_cleanly(
        project.build(),
        "docs/index.md:14: 'page' is not available on pages: they get the site's macros and nothing of the build (the site's macros are avoid, bibliography, cite, country_facts, country_table, definitions_table, english, event, events, glossary, helplines, organisations_directory, recommendation_list, recommendations, recommendations_for, term, translation_status, wording_table)",
    )
    assert not (project.root / "site" / "index.html").exists()


def test_the_theme_shows_front_matter_as_the_check_read_it(project):
    # A date in quotes is text to MkDocs, and the theme's review-date block would fail on it; the check reads it as
    # a date, and that reading is what the theme gets.
    project.replace("docs/index.md", "last_reviewed: 2026-01-01", "last_reviewed: '2026-01-01'")
    project.replace("mkdocs.yml", "  name: material\n", f"  name: material\n  custom_dir: {ROOT / 'overrides'}\n")
    result = project.build()
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project.root / "site" / "index.html").read_text()
    assert 'Page last reviewed: <time datetime="2026-01-01">1 January 2026</time>' in html


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


# --- the knowledge-base macros: profiles, events, directory, bibliography, glossary ---------------


def _built(project) -> dict[str, str]:
    result = project.build()
    assert result.returncode == 0, result.stdout + result.stderr
    return built_pages(project.root / "site")


def test_every_internal_link_and_anchor_of_the_fixture_site_resolves(fixture_site):
    assert broken_links(fixture_site) == []


def test_country_profile_says_what_is_not_documented(fixture_site):
    html = built_pages(fixture_site)["world/index.html"]
    assert '<td><span class="kb-stack__label" aria-hidden="true">Funding</span><span class="kb-unknown">Not documented</span></td>' in html
    assert '<dt>Funding</dt><dd><span class="kb-unknown">Not documented in the sources we hold.</span></dd>' in html
    assert '<li><span lang="is">testur</span> (test worker)</li>' in html
    assert '<a href="../lists/#test-org">Test organisation</a>' in html


def test_event_and_organisation_are_linked_both_ways(fixture_site):
    pages = built_pages(fixture_site)
    assert '<a href="../lists/#test-org">Test organisation</a>' in pages["world/index.html"]
    assert '<p>Took part in: <a href="../world/">A test project</a>; <a href="../world/#meeting">A test event</a>.</p>' in pages["lists/index.html"]


def test_unpublished_document_is_listed_as_not_published(fixture_site):
    html = built_pages(fixture_site)["world/index.html"]
    assert '<li>Meeting notes (report): <span class="kb-unknown">not published yet</span></li>' in html


def test_publishing_a_document_is_a_one_line_data_change(project):
    project.replace("data/events.yml", "      kind: report\n", "      kind: report\n      url: https://example.org/notes.pdf\n")
    html = _built(project)["world/index.html"]
    assert '<li><a href="https://example.org/notes.pdf">Meeting notes</a> (report)</li>' in html


def test_bibliography_links_back_to_citing_pages_and_has_no_second_source_list(fixture_site):
    html = built_pages(fixture_site)["lists/index.html"]
    assert '<a href="../world/">Fixture world</a>' in html
    assert 'id="sources"' not in html
    assert duplicate_ids(html) == []


def test_glossary_entries_have_anchors_that_term_links_reach(project):
    project.append("docs/index.md", '\nSee {{ term("test-term") }}.\n')
    pages = _built(project)
    assert '<dt id="test-term"><dfn>Test term</dfn> (TT)</dt>' in pages["lists/index.html"]
    assert 'href="lists/#test-term"' in pages["index.html"]


def test_script_in_profile_data_is_refused(project):
    project.replace("data/countries.yml", "status: A recognised job.", "status: <script>alert(1)</script>")
    result = project.build()
    assert_failed_cleanly(result, "data/countries.yml:10: entry 'xx' → profile.status: contains HTML")
    assert not (project.root / "site" / "world").exists()


def test_each_recommendation_has_its_id_as_a_permanent_anchor_and_a_visible_link(fixture_site):
    html = built_pages(fixture_site)["recs/index.html"]
    assert '<h3 id="R01">R01: Write the role down</h3>' in html
    assert '<p class="kb-rec__link">Link to this recommendation: <a href="#R01">/recs/#R01</a></p>' in html
    assert '<h3 id="R02">R02: An older idea (retired)</h3>' in html
    assert '<p class="kb-rec__status"><strong>Retired.</strong> Replaced by R01.</p>' in html


def test_audience_list_shows_current_recommendations_with_evidence_and_a_link_to_the_full_text(fixture_site):
    html = built_pages(fixture_site)["recs/index.html"]
    section = html[html.index('<h2 id="for-services">') :]
    assert '<h2 id="for-R01">R01: Write the role down</h2>' in section
    assert (
        'Key evidence: <span class="kb-cite"><a href="#ref-doe-2020" id="cite-doe-2020-3">Doe 2020</a></span> · <a href="#R01">Full recommendation R01</a>'
        in section
    )
    assert "for-R02" not in section  # retired: not recommended to anyone


def test_pages_link_back_to_the_recommendations_resting_on_them(fixture_site):
    html = built_pages(fixture_site)["index.html"]
    assert '<h2 id="recommendations">Recommendations based on this page</h2>' in html
    assert '<a href="recs/#R01">R01: Write the role down</a>' in html


def test_the_urgent_help_page_ends_with_no_recommendations(fixture_site):
    # world.md is the fixture's urgent-help page (extra.help_page), and R01 rests on it as on index.md: a reader in
    # crisis gets the numbers, and no list of recommendations after them. (The fixture has no theme overrides, so
    # 'Cite this page' is tested on the real site: tests/integration/test_real_site.py.)
    pages = built_pages(fixture_site)
    assert "Recommendations based on this page" not in pages["world/index.html"] and 'id="recommendations"' not in pages["world/index.html"]
    assert '<h2 id="recommendations">Recommendations based on this page</h2>' in pages["index.html"]


def test_markdown_in_a_recommendation_title_is_shown_as_text(project):
    project.replace("data/recommendations.yml", "title: Write the role down", "title: Write the *role* [down](https://example.org)")
    html = _built(project)["recs/index.html"]
    assert '<h3 id="R01">R01: Write the *role* [down](https://example.org)</h3>' in html


def test_unknown_audience_fails_naming_the_page_and_the_known_audiences(project):
    project.append("docs/recs.md", '\n{{ recommendations_for("policymakers") }}\n')
    result = project.build()
    assert_failed_cleanly(
        result,
        "docs/recs.md:16: recommendations_for(): unknown audience 'policymakers' (the known audiences are "
        "mental-health-services, municipal-policymakers, national-policymakers, ngos-and-peer-organisations, "
        "prisons-and-probation, training-and-education, youth-services)",
    )


def test_unknown_audience_or_theme_in_data_fails(project):
    project.replace("data/recommendations.yml", "  audiences: [mental-health-services]", "  audiences: [services]")
    project.replace("data/recommendations.yml", "  theme: role-and-status", "  theme: roles")
    result = project.build()
    output = assert_failed_cleanly(result, "data/recommendations.yml:6: entry 'R01' → audiences: ", "data/recommendations.yml:7: entry 'R01' → theme: ")
    assert "2 problems found; nothing was built." in output


def test_evidence_that_is_not_a_reference_fails(project):
    project.replace("data/recommendations.yml", "  evidence: [doe-2020]\n  related_pages", "  evidence: [doe-2019]\n  related_pages")
    assert_failed_cleanly(
        project.build(),
        "data/recommendations.yml:8: entry 'R01' → evidence: unknown reference 'doe-2019' (did you mean 'doe-2020'? the known ids are listed in data/references.yml)",
    )


def test_duplicate_recommendation_id_fails(project):
    project.replace("data/recommendations.yml", "- id: R02", "- id: R01")
    assert_failed_cleanly(project.build(), "data/recommendations.yml:13: entry 'R01' → id: duplicate id (already used on line 1) (give each entry its own id)")


def test_audience_list_under_a_section_of_its_own_uses_level_three_headings(project):
    project.replace("docs/recs.md", '{{ recommendations_for("mental-health-services") }}', '{{ recommendations_for("mental-health-services", level=3) }}')
    html = _built(project)["recs/index.html"]
    section = html[html.index('<h2 id="for-services">') :]
    assert '<h3 id="for-R01">R01: Write the role down</h3>' in section


def test_a_heading_level_other_than_two_or_three_fails(project):
    project.append("docs/recs.md", '\n{{ recommendations_for("mental-health-services", level=4) }}\n')
    assert_failed_cleanly(project.build(), "docs/recs.md:16: recommendations_for(): level must be 2 or 3, not 4 (write level=3, or leave it out for 2)")


def test_brief_list_shows_id_title_and_statement_linking_to_the_full_text(project):
    project.append("docs/recs.md", '\n## Brief {#brief}\n\n{{ recommendation_list("R01") }}\n')
    html = _built(project)["recs/index.html"]
    section = html[html.index('<h2 id="brief">') :]
    assert '<li id="brief-R01"><p><a class="kb-rec-list__title" href="#R01"><span class="kb-rec__id">R01</span> Write the role down</a><br>' in section
    assert "Key evidence" not in section
