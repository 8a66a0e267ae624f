"""The content checks: wording to avoid, placeholders, plain language, uncited sources, and the
rules for the knowledge-base data (profiles, events, pages named in data). Each with the exact message."""

from __future__ import annotations

from textwrap import dedent

from peerkb.content import READABILITY_FLOOR, readability
from peerkb.pages import read_page

PAGE_HEAD = dedent("""
    ---
    title: Fixture home
    description: A page for tests.
    audience: [public]
    last_reviewed: 2026-01-01
    review_due: 2027-01-01
    ---

    # Fixture home

    """)


def test_stigmatising_phrase_on_a_page_names_line_and_alternative(project):
    project.append("docs/index.md", "\nShe suffers from anxiety.\n")
    assert project.problems() == [
        "docs/index.md:14: 'suffers from' is wording to avoid: It assumes how a person feels. "
        "(write 'lives with' instead; to quote it on purpose, write {{ avoid(\"suffers from\") }})"
    ]


def test_wording_is_matched_in_any_case_and_across_a_line_break(project):
    project.append("docs/index.md", "\nSuffering\nfrom nothing.\n")
    assert project.problems() == [
        "docs/index.md:14: 'Suffering from' is wording to avoid: It assumes how a person feels. "
        "(write 'lives with' instead; to quote it on purpose, write {{ avoid(\"suffering from\") }})"
    ]


def test_part_of_a_longer_word_is_not_flagged(project):
    project.append("docs/index.md", "\nThe sufferers-from-nothing club is fiction; so is unsuffers from.\n")
    assert project.problems() == []


def test_wording_offsets_stay_true_when_lower_casing_changes_the_length():
    # 'İ' lower-cases to two characters; the search then runs case-insensitively on the text as written.
    from peerkb.content import wording_hits
    from peerkb.models import WordingRule

    rule = WordingRule(id="suffers", avoid=["suffers from"], instead="lives with", why="It assumes how a person feels.")
    text = "İİ İ she SUFFERS from it"
    assert [(at, written) for at, written, _ in wording_hits(text, [rule])] == [(9, "SUFFERS from")]


def test_wording_in_a_yaml_comment_line_is_left_alone_but_a_value_is_not(project):
    project.replace("data/glossary.yml", "definition: A term for tests.", "# not: suffers from\n  definition: >-\n    Someone who suffers\n    from tests.")
    assert project.problems() == [
        "data/glossary.yml:6: 'suffers from' is wording to avoid: It assumes how a person feels. "
        "(write 'lives with' instead; to quote it on purpose, write {{ avoid(\"suffers from\") }})"
    ]


def test_avoid_quotes_a_phrase_on_purpose(project):
    project.append("docs/index.md", '\nDo not write {{ avoid("suffers from") }} in a page.\n')
    assert project.problems() == []


def test_avoid_with_a_phrase_that_is_not_in_the_list_fails(project):
    project.append("docs/index.md", '\nDo not write {{ avoid("is unwell") }}.\n')
    assert project.problems() == ["docs/index.md:14: avoid(): unknown phrase 'is unwell' (the known phrases are listed in data/wording.yml)"]


def test_wording_in_code_and_link_targets_is_not_prose(project):
    project.append("docs/index.md", "\nSee `suffers from` and [this](https://example.org/suffers from).\n")
    assert project.problems() == []


def test_wording_in_data_names_file_and_line(project):
    project.replace("data/glossary.yml", "definition: A term for tests.", "definition: Someone who suffers from tests.")
    assert project.problems() == [
        "data/glossary.yml:4: 'suffers from' is wording to avoid: It assumes how a person feels. "
        "(write 'lives with' instead; to quote it on purpose, write {{ avoid(\"suffers from\") }})"
    ]


def test_published_titles_in_references_are_left_as_published(project):
    project.replace("data/references.yml", "title: A study", "title: People who suffer from tests")
    project.replace("data/wording.yml", '"suffering from"', '"suffering from", "suffer from"')
    assert project.problems() == []


def test_placeholder_text_on_a_page(project):
    project.append("docs/index.md", "\nMore about this TODO.\n")
    assert project.problems() == ["docs/index.md:14: placeholder text 'TODO' (write the real content, or keep the page out of the site until it is ready)"]


def test_a_template_marker_left_on_a_page_is_placeholder_text(project):
    project.append("docs/index.md", "\n[WRITE: the page's main point.] [Write to us](mailto:a@example.org) if you can.\n")
    assert project.problems() == [
        "docs/index.md:14: placeholder text '[WRITE: the page's main point.]' (write the real content, or keep the page out of the site until it is ready)"
    ]


def test_placeholder_text_in_front_matter(project):
    project.replace("docs/index.md", "description: A page for tests.", 'description: "[WRITE: what this page covers]."')
    assert project.problems() == [
        "docs/index.md:3: placeholder text '[WRITE: what this page covers]' (write the real content, or keep the page out of the site until it is ready)"
    ]


def test_lorem_ipsum_in_data(project):
    project.replace("data/events.yml", "summary: A meeting for tests.", "summary: Lorem ipsum dolor.")
    assert project.problems() == ["data/events.yml:17: placeholder text 'Lorem ipsum' (write the real value, or leave the field out)"]


HARD = (
    "Notwithstanding considerable methodological heterogeneity, contemporaneous multidisciplinary investigations "
    "characterising organisational implementation consistently demonstrate statistically indeterminate "
    "consequences regarding institutionalised psychotherapeutic interventions, particularly concerning "
    "individualised rehabilitation, necessitating comprehensive reconsideration. "
)


def test_hard_public_page_fails_the_plain_language_check(project):
    project.append("docs/index.md", "\n" + HARD * 8 + "\n")
    problems = project.problems()
    assert len(problems) == 1
    assert problems[0].startswith("docs/index.md:9: reading ease ")
    assert problems[0].endswith(
        f"is below {READABILITY_FLOOR:.0f} for a public page (22 words a sentence) "
        "(use shorter sentences and everyday words; `kb report` shows every page's score)"
    )


def test_the_build_leaves_the_plain_language_score_to_the_check(project):
    # The build (building=True) skips only this rule; `kb check` in the test command and before deploy runs it.
    from peerkb.check import check_project

    project.append("docs/index.md", "\n" + HARD * 8 + "\n")
    assert [str(p) for p in check_project(project.root, building=True).problems] == []
    assert len(project.problems()) == 1


def test_plain_language_check_applies_to_public_pages_only(project):
    project.replace("docs/index.md", "audience: [public]", "audience: [researchers]")
    project.append("docs/index.md", "\n" + HARD * 8 + "\n")
    assert project.problems() == []


def test_readability_counts_words_sentences_and_headings(project):
    project.write("docs/index.md", PAGE_HEAD + "## A heading {#h}\n\nThe cat sat. The dog ran far away.\n")
    page, _ = read_page(project.root / "docs" / "index.md", project.root)
    result = readability(page)
    # "Fixture home", "A heading" and the two sentences; heading ids are not words.
    assert (result.words, result.sentences) == (12, 4)
    assert result.score > 90


def test_every_reference_must_be_cited_somewhere(project):
    project.append(
        "data/references.yml",
        """
        - id: roe-2021
          type: article
          authors: ["Roe, R."]
          title: Another study
          container: A journal
          year: 2021
          doi: 10.1000/abc
        """,
    )
    assert project.problems() == ["data/references.yml:15: entry 'roe-2021': is not cited on any page (cite it where it supports a statement, or remove it)"]


def test_a_reference_shown_through_data_counts_as_cited(project):
    # doe-2020 is cited only through the glossary, events and other data once the explicit citation goes.
    project.replace("docs/index.md", 'A claim with a source {{ cite("doe-2020") }}.', "A claim.")
    assert project.problems() == []


def test_country_facts_needs_a_profile(project):
    project.append("data/countries.yml", "\n- id: yy\n  name: Otherland\n")
    project.append("docs/world.md", '\n{{ country_facts("yy") }}\n')
    assert project.problems() == ["docs/world.md:24: country_facts(): country 'yy' has no profile (add a profile: block to it in data/countries.yml)"]


def test_events_needs_a_project(project):
    project.append("docs/world.md", '\n{{ events("test-event") }}\n')
    assert project.problems() == ["docs/world.md:24: events(): 'test-event' is a meeting, not a project (give the id of a project)"]


def test_unknown_event_key(project):
    project.append("docs/world.md", '\n{{ event("no-such-event") }}\n')
    assert project.problems() == ["docs/world.md:24: event(): unknown key 'no-such-event' (the known keys are listed in data/events.yml)"]


def test_page_named_in_data_must_exist(project):
    project.replace("data/events.yml", "  page: world.md\n", "  page: wrld.md\n")
    assert project.problems() == [
        "data/events.yml:9: entry 'test-project' → page: page 'wrld.md' does not exist (give a path under docs/, e.g. international/norway.md)"
    ]


def test_anchor_named_in_data_must_be_a_heading_id(project):
    project.replace("data/countries.yml", "page: world.md#testland", "page: world.md#testlnd")
    assert project.problems() == [
        "data/countries.yml:4: entry 'xx' → page: page 'world.md' has no heading with the id 'testlnd' (add {#testlnd} to a heading there, or fix the anchor)"
    ]


def test_unknown_reference_inside_a_profile_names_the_nested_field(project):
    project.replace("data/countries.yml", "    sources: [doe-2020]", "    sources: [doe-2002]")
    assert project.problems() == [
        "data/countries.yml:12: entry 'xx' → profile.sources: unknown reference 'doe-2002' "
        "(did you mean 'doe-2020'? the known ids are listed in data/references.yml)"
    ]


def test_profile_needs_sources_and_review_date(project):
    project.replace("data/countries.yml", "    sources: [doe-2020]\n    last_reviewed: 2026-01-01\n", "")
    assert project.problems() == [
        "data/countries.yml:5: entry 'xx' → profile.last_reviewed: is required but missing (add 'last_reviewed:' to this entry)",
        "data/countries.yml:5: entry 'xx' → profile.sources: is required but missing (add 'sources:' to this entry)",
    ]


def test_event_must_say_when(project):
    project.replace("data/events.yml", "  when: January 2026\n", "")
    assert project.problems() == ["data/events.yml:11: entry 'test-event': says nothing about when it happened (add start: YYYY-MM-DD, or when: 'Month YYYY')"]


def test_event_cannot_end_before_it_starts(project):
    project.replace("data/events.yml", "  end: 2025-02-01", "  end: 2024-02-01")
    assert project.problems() == ["data/events.yml:5: entry 'test-project' → end: 2024-02-01 is before the start (2025-01-01) (check the dates)"]


def test_event_part_of_an_unknown_project(project):
    project.replace("data/events.yml", "  part_of: test-project", "  part_of: test-projekt")
    assert project.problems() == [
        "data/events.yml:14: entry 'test-event' → part_of: unknown event 'test-projekt' "
        "(did you mean 'test-project'? the known ids are listed in data/events.yml)"
    ]


def test_data_split_over_a_folder_is_read_together(project):
    (project.root / "data" / "references.yml").rename(project.root / "data" / "references-old")
    folder = project.root / "data" / "references"
    folder.mkdir()
    (project.root / "data" / "references-old").rename(folder / "a.yml")
    project.write(
        "data/references/b.yml",
        """
        - id: roe-2021
          type: article
          authors: ["Roe, R."]
          title: Another study
          container: A journal
          year: 2021
          doi: 10.1000/abc
        """,
    )
    project.append("docs/index.md", '\nAnother {{ cite("roe-2021") }}.\n')
    assert project.problems() == []


def test_duplicate_id_across_files_of_a_folder(project):
    folder = project.root / "data" / "references"
    folder.mkdir()
    (project.root / "data" / "references.yml").rename(folder / "a.yml")
    project.write(
        "data/references/b.yml",
        """
        - id: doe-2020
          type: article
          authors: ["Doe, J."]
          title: The same key again
          container: A journal
          year: 2020
          doi: 10.1000/other
        """,
    )
    assert project.problems() == [
        "data/references/b.yml:1: entry 'doe-2020' → id: duplicate id (already used on data/references/a.yml:1) (give each entry its own id)"
    ]


def test_unknown_key_message_points_at_the_folder(project):
    folder = project.root / "data" / "references"
    folder.mkdir()
    (project.root / "data" / "references.yml").rename(folder / "a.yml")
    project.append("docs/index.md", '\n{{ cite("doe-2021") }}\n')
    assert project.problems() == ["docs/index.md:14: cite(): unknown key 'doe-2021' (did you mean 'doe-2020'? the known keys are listed in data/references/)"]


def test_term_with_other_words_checks_only_the_key(project):
    project.append("docs/index.md", '\nSee {{ term("test-term", "test terms") }} and {{ term(key="test-term") }}.\n')
    assert project.problems() == []
    project.append("docs/index.md", '\nSee {{ term("test-trem", "test terms") }}.\n')
    assert project.problems() == [
        "docs/index.md:15: term(): unknown key 'test-trem' (did you mean 'test-term'? the known keys are listed in data/glossary.yml)"
    ]


def test_the_same_work_cannot_be_listed_twice(project):
    project.append(
        "data/references.yml",
        """
        - id: doe-2020b
          type: article
          authors: ["Doe, J."]
          title: A study
          container: A journal
          year: 2020
          doi: 10.1000/XYZ
        """,
    )
    project.append("docs/index.md", '\nAgain {{ cite("doe-2020b") }}.\n')
    assert project.problems() == [
        "data/references.yml:21: entry 'doe-2020b' → doi: the same DOI as 'doe-2020' (line 7) (cite 'doe-2020' instead and remove this entry)"
    ]


ALT_HINT = (
    "describe what the image shows in the square brackets, for example ![Two peer workers talking at a table]({target}); "
    "if it is only decoration, add {{ role=presentation }} right after it"
)


def test_image_without_alt_text_names_line_and_fix(project):
    project.append("docs/index.md", "\n![](../assets/images/peer-meeting.jpg)\n")
    assert project.problems() == [
        "docs/index.md:14: image '../assets/images/peer-meeting.jpg' has no alt text (" + ALT_HINT.format(target="../assets/images/peer-meeting.jpg") + ")"
    ]


def test_image_with_only_spaces_as_alt_text_fails(project):
    project.append("docs/index.md", '\nText first.\n![  ](photo.png "A title")\n')
    assert project.problems() == ["docs/index.md:15: image 'photo.png' has no alt text (" + ALT_HINT.format(target="photo.png") + ")"]


def test_html_image_without_alt_text_fails(project):
    project.append("docs/index.md", '\n<img src="photo.png" alt="">\n')
    assert project.problems() == [
        "docs/index.md:14: image 'photo.png' has no alt text (describe what the image shows in its alt attribute, for example "
        '<img src="photo.png" alt="Two peer workers talking at a table">; if it is only decoration, add role="presentation")'
    ]


def test_images_with_alt_text_or_marked_as_decoration_pass(project):
    project.append(
        "docs/index.md",
        (
            "\n![Two peer workers talking](photo.png)\n\n![](line.svg){ role=presentation }\n\n"
            '<img src="a.png" alt="A chart">\n\n<img src="b.png" role="presentation">\n\n'
            "`![](in-code.png)`\n\n```markdown\n![](in-a-code-block.png)\n```\n"
        ),
    )
    assert project.problems() == []


# --- citations repeated in consecutive sentences ------------------------------------------------------------

REPEATED = (
    'cite("doe-2020") repeats the citation of the previous sentence (remove it: the citation of the previous sentence covers '
    "this one too (in a paragraph, a source is cited once for a run of sentences that come from it))"
)


def cited_page(project, body: str) -> list[str]:
    """The problems of the fixture's home page with `body` (its helplines stay, so every source is still cited)."""
    project.write("docs/index.md", PAGE_HEAD + dedent(body).lstrip("\n") + '\n{{ helplines("xx") }}\n')
    return project.problems()


def test_a_citation_repeated_in_the_next_sentence_is_reported_with_its_line(project):
    problems = cited_page(
        project,
        """
        A study found one thing {{ cite("doe-2020") }}.
        The same study found another {{ cite("doe-2020") }}.
        It found a third as well {{ cite("doe-2020") }}.
        """,
    )
    assert problems == [f"docs/index.md:12: {REPEATED}", f"docs/index.md:13: {REPEATED}"]


def test_a_repeat_is_found_between_sentences_on_one_line_and_in_a_list_item(project):
    problems = cited_page(
        project,
        """
        A study found one thing {{ cite("doe-2020") }}. It found another {{ cite("doe-2020") }}.

        - A point from the study {{ cite("doe-2020") }}. And another {{ cite("doe-2020") }}.
        """,
    )
    assert problems == [f"docs/index.md:11: {REPEATED}", f"docs/index.md:13: {REPEATED}"]


def test_the_same_sources_in_another_order_are_a_repeat(project):
    problems = cited_page(
        project,
        """
        Two sources agree {{ cite("doe-2020", "test-line-page") }}.
        They agree again {{ cite("test-line-page", "doe-2020") }}.
        """,
    )
    assert problems == [
        'docs/index.md:12: cite("test-line-page", "doe-2020") repeats the citation of the previous sentence (remove it: the citation '
        "of the previous sentence covers this one too (in a paragraph, a source is cited once for a run of sentences that come from it))"
    ]


def test_a_citation_again_after_a_new_paragraph_another_source_or_an_uncited_sentence_is_fine(project):
    problems = cited_page(
        project,
        """
        A study found one thing {{ cite("doe-2020") }}.

        In a new paragraph, the same study again {{ cite("doe-2020") }}.
        Another source says more {{ cite("test-line-page") }}.
        The first study disagrees {{ cite("doe-2020") }}.
        This sentence is the writer's own.
        The study found it all the same {{ cite("doe-2020") }}.
        A sentence with both {{ cite("doe-2020") }} and the other source {{ cite("test-line-page") }}.
        Then both together {{ cite("test-line-page", "doe-2020") }}, e.g. in a sentence with a lower-case word after e.g. in it.
        And only one of them {{ cite("doe-2020") }}.

        - A list item {{ cite("doe-2020") }}.
        - The next item {{ cite("doe-2020") }}.

        ## A heading {{ cite("doe-2020") }} {#h}

        Text under it {{ cite("doe-2020") }}.
        """,
    )
    assert problems == []


def test_a_sentence_that_cites_the_same_source_as_the_end_of_the_sentence_before_it_is_a_repeat(project):
    """The last citation of the previous sentence counts: one earlier in that sentence covers only what comes before it."""
    problems = cited_page(
        project,
        """
        One thing {{ cite("test-line-page") }}, and another {{ cite("doe-2020") }}.
        More from the second {{ cite("doe-2020") }}.
        Then from the first {{ cite("test-line-page") }}.
        """,
    )
    assert problems == [f"docs/index.md:12: {REPEATED}"]


def test_citations_in_code_and_raw_blocks_are_examples_not_repeats(project):
    problems = cited_page(
        project,
        """
        A study found one thing {{ cite("doe-2020") }}.
        Write it as `{{ cite("doe-2020") }}` after the fact.

        {% raw %}
        A fact {{ cite("doe-2020") }}.
        Another fact {{ cite("doe-2020") }}.
        {% endraw %}
        """,
    )
    assert problems == []
