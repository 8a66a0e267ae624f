"""Front matter and macro-key rules for pages, with their exact messages."""

from __future__ import annotations

import inspect
import re


def test_missing_front_matter(project):
    project.write("docs/other.md", "# No front matter\n")
    assert project.problems() == [
        "docs/other.md:1: the page has no front matter (start the page with a '---' block giving title, description, audience, last_reviewed and review_due)"
    ]


def test_missing_description(project):
    project.replace("docs/index.md", "description: A page for tests.\n", "")
    assert project.problems() == ["docs/index.md:2: description: is required but missing (add 'description:' to this entry)"]


def test_description_longer_than_160_characters(project):
    project.replace("docs/index.md", "description: A page for tests.", "description: " + "word " * 40 + "end.")
    assert project.problems() == ["docs/index.md:3: description: is 204 characters long (keep it to one sentence of at most 160 characters)"]


def test_description_of_two_sentences(project):
    project.replace("docs/index.md", "description: A page for tests.", "description: A page. For tests.")
    assert project.problems() == ["docs/index.md:3: description: has more than one sentence (keep one sentence; move the rest into the page)"]


def test_unknown_audience(project):
    project.replace("docs/index.md", "audience: [public]", "audience: [pubic]")
    assert project.problems() == [
        "docs/index.md:4: audience: 'pubic' is not an allowed value (use one of: 'public', 'services', 'policymakers', 'researchers' or 'contributors')"
    ]


def test_review_due_before_last_reviewed(project):
    project.replace("docs/index.md", "review_due: 2027-01-01", "review_due: 2025-06-01")
    assert project.problems() == [
        "docs/index.md:6: review_due: 2025-06-01 is not after last_reviewed (2026-01-01) (set the next review after the last one, usually a year later)"
    ]


def test_invalid_review_date(project):
    project.replace("docs/index.md", "last_reviewed: 2026-01-01", "last_reviewed: 01/01/2026")
    assert project.problems() == ["docs/index.md:5: last_reviewed: '01/01/2026' is not a valid date (write it as YYYY-MM-DD, for example 2026-11-22)"]


def test_misspelled_front_matter_field(project):
    project.replace("docs/index.md", "audience: [public]", "audience: [public]\ntitel: Oops")
    assert project.problems() == ["docs/index.md:5: titel: is not a known field (did you mean 'title'?)"]


def test_front_matter_syntax_error(project):
    project.replace("docs/index.md", "title: Fixture home", 'title: "Fixture home')
    assert project.problems() == [
        "docs/index.md:2: YAML syntax error: a quotation mark is opened but never closed (close the quote on the same line, or remove it)"
    ]


def test_unknown_citation_key_in_a_page(project):
    project.replace("docs/index.md", 'cite("doe-2020")', 'cite("doe-2021")')
    assert project.problems() == [
        "docs/index.md:11: cite(): unknown key 'doe-2021' (did you mean 'doe-2020'? the known keys are listed in data/references.yml)"
    ]


def test_unknown_country_in_a_page(project):
    project.replace("docs/index.md", 'helplines("xx")', 'helplines("yy")')
    assert project.problems() == ["docs/index.md:13: helplines(): unknown key 'yy' (the known keys are listed in data/countries.yml)"]


def test_unknown_glossary_term_in_a_page(project):
    project.append("docs/index.md", '\nSee {{ term("no-such-term") }}.\n')
    assert project.problems() == ["docs/index.md:14: term(): unknown key 'no-such-term' (the known keys are listed in data/glossary.yml)"]


def test_macro_called_with_a_missing_argument(project):
    project.append("docs/index.md", "\n{{ term() }}\n")
    assert project.problems() == ["docs/index.md:14: term(): missing a required argument: 'key' (it takes: key, text)"]


def test_macro_called_with_too_many_arguments(project):
    project.append("docs/index.md", '\n{{ definitions_table("x") }}\n')
    assert project.problems() == ["docs/index.md:14: definitions_table(): too many positional arguments (it takes: no arguments)"]


def test_front_matter_values_are_not_variables_on_a_page(project):
    """Pages get the site's macros and nothing else; a title is written out, not looked up."""
    project.append("docs/index.md", "\nThis page is about {{ title }}.\n")
    assert project.problems() == [
        "docs/index.md:14: 'title' is not a known variable or macro (did you mean 'cite'? the site's macros are avoid, bibliography, cite, country_facts, country_table, definitions_table, english, event, events, glossary, helplines, organisations_directory, recommendation_list, recommendations, recommendations_for, term, translation_status, wording_table)"
    ]


def test_pages_are_rendered_with_exactly_the_registered_macros(project, monkeypatch):
    """One declaration per macro: the sandbox a page is rendered in holds the registry's macros and nothing else,
    and a call on a page reaches the macro of that name with the page's render context and the page's arguments."""
    from peerkb import macros
    from peerkb.check import check_project
    from peerkb.sitemacros import REGISTRY

    for name, macro in REGISTRY.items():
        assert (macro.name, macro.function.__name__) == (name, name)
        assert next(iter(inspect.signature(macro.function).parameters)) == "ctx", name
        # The README's example is a call of the macro: with arguments exactly when the macro takes some.
        assert re.fullmatch(rf"{name}\((.+)\)" if macro.signature.parameters else rf"{name}\(\)", macro.example), macro.example
        assert re.fullmatch(r"[A-Z][^\n]*\.", macro.summary), macro.summary

    renderer = macros.PageRenderer(check_project(project.root), "https://site.example/")
    assert sorted(renderer.sandbox.globals) == sorted(REGISTRY)
    assert (renderer.sandbox.filters, renderer.sandbox.tests) == ({}, {})
    calls = []
    for name in list(REGISTRY):
        monkeypatch.setitem(REGISTRY, name, lambda ctx, *args, name=name, **kwargs: calls.append((name, ctx, args, kwargs)) or f"<{name}>")
    page = " ".join(f'{{{{ {name}("x", y=1) }}}}' for name in sorted(REGISTRY))
    assert renderer.sandbox.from_string(page).render() == " ".join(f"<{name}>" for name in sorted(REGISTRY))
    assert calls == [(name, renderer.context, ("x",), {"y": 1}) for name in sorted(REGISTRY)]


def test_macro_calls_shown_inside_raw_are_not_checked(project):
    project.append("docs/index.md", '\n{% raw %}\n```markdown\nCite like this: {{ cite("not-a-key") }}\n```\n{% endraw %}\n')
    assert project.problems() == []


def test_macro_calls_after_a_raw_block_are_still_checked(project):
    project.append("docs/index.md", '\n{% raw %}`{{ cite("shown") }}`{% endraw %}\n\nCited: {{ cite("not-a-key") }}\n')
    assert project.problems() == ["docs/index.md:16: cite(): unknown key 'not-a-key' (the known keys are listed in data/references.yml)"]


def test_a_page_body_is_the_text_mkdocs_gives_the_macros_plugin():
    """The build reuses the check's parse of a page only when the texts are equal (blank lines after the front matter dropped)."""
    from mkdocs.utils.meta import get_data

    from helpers import ROOT
    from peerkb.pages import markdown_files, read_page

    for path in markdown_files(ROOT / "docs"):
        page, _ = read_page(path, ROOT)
        assert page.body == get_data(path.read_text(encoding="utf-8"))[0], page.path


def test_blank_lines_after_the_front_matter_keep_line_numbers_true(project):
    project.replace("docs/index.md", "---\n\n# Fixture home", "---\n\n\n\n# Fixture home")
    project.append("docs/index.md", '\nCited: {{ cite("not-a-key") }}\n')
    assert project.problems() == ["docs/index.md:16: cite(): unknown key 'not-a-key' (the known keys are listed in data/references.yml)"]


def test_template_statements_and_names_are_refused_each_with_its_line(project):
    project.append("docs/index.md", "\n{% set shown = 1 %}{{ shown }} {{ unset }}\n{% for item in [1] %}{{ item }}{% endfor %}\n")
    assert project.problems() == [
        "docs/index.md:14: 'shown' is not a known variable or macro (the site's macros are avoid, bibliography, cite, country_facts, country_table, definitions_table, english, event, events, glossary, helplines, organisations_directory, recommendation_list, recommendations, recommendations_for, term, translation_status, wording_table)",
        "docs/index.md:14: '{% set %}' is not allowed on pages (a page shows text and calls the site's macros; to show template code as an example, put it in a raw block, as the page Edit a page shows)",
        "docs/index.md:15: '{% for %}' is not allowed on pages (a page shows text and calls the site's macros; to show template code as an example, put it in a raw block, as the page Edit a page shows)",
    ]
