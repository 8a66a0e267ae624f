"""Translations of the data readers see (data/translations/LANGUAGE/KIND.yml): checked like the English data, never
failing the check for what is not translated yet, and shown on pages in another language with every fallback to
English marked lang="en", while English pages stay exactly as they were."""

from __future__ import annotations

from peerkb import i18n, render
from peerkb.check import check_project
from peerkb.cli import main
from peerkb.sitemacros import REGISTRY, RenderContext

HELPLINES = "data/translations/lt/helplines.yml"
GLOSSARY = "data/translations/lt/glossary.yml"


def _context(project, language: str) -> RenderContext:
    result = check_project(project.root)
    assert result.problems == []
    return RenderContext(result.kb, result.index, render.citation_labels(result.kb.references.values()), page="world.md", language=language)


# --- the check -----------------------------------------------------------------------------------------------


def test_the_fixture_translations_are_loaded_by_language_kind_id_and_field(project):
    kb = check_project(project.root).kb
    assert kb.translations == {
        "lt": {
            "glossary": {"test-term": {"term": "Bandomasis terminas", "definition": "Terminas bandymams."}},
            "helplines": {"xx-line": {"name": "Bandomoji linija", "for_whom": "Visiems", "hours": "Visada"}},
        }
    }


def test_a_translation_for_an_id_that_does_not_exist_fails(project):
    project.append(HELPLINES, "xx-lin:\n    hours: Visada\n")
    assert project.problems() == [
        "data/translations/lt/helplines.yml:6: 'xx-lin' is not a helpline id "
        "(did you mean 'xx-line'? a translation is kept under the id of its English entry, listed in data/helplines.yml)"
    ]


def test_an_unknown_field_fails(project):
    project.replace(HELPLINES, "  hours: Visada\n", "  hours: Visada\n  number: 112\n")
    project.replace(GLOSSARY, "  definition:", "  defintion:")
    assert project.problems() == [
        "data/translations/lt/glossary.yml:3: entry 'test-term' → defintion: is not a known field (did you mean 'definition'?)",
        "data/translations/lt/helplines.yml:6: entry 'xx-line' → number: is not a known field (did you mean 'name'?)",
    ]


def test_empty_text_fails(project):
    project.replace(HELPLINES, "  hours: Visada\n", "  hours:\n  cost: ' '\n")
    assert project.problems() == [
        "data/translations/lt/helplines.yml:5: entry 'xx-line' → hours: is empty (write the translation, or leave the field out "
        "until it is translated (readers then see the English))",
    ]
    project.replace(HELPLINES, "  hours:\n", "")
    assert project.problems() == [
        "data/translations/lt/helplines.yml:5: entry 'xx-line' → cost: is empty (write the text, or remove the field if it is optional)",
    ]


def test_html_is_refused_and_markdown_follows_the_english_rules(project):
    project.replace(HELPLINES, "hours: Visada", "hours: <b>Visada</b>")
    project.replace(GLOSSARY, "definition: Terminas bandymams.", "definition: Žr. [čia](http://example.org/).")
    assert project.problems() == [
        "data/translations/lt/glossary.yml:3: entry 'test-term' → definition: links to 'http://example.org/' "
        "(links in data go only to https: pages, mailto: addresses or the site's own pages)",
        "data/translations/lt/helplines.yml:5: entry 'xx-line' → hours: contains HTML ('<b>') "
        "(data holds plain text; write it without tags (Markdown fields accept *emphasis* and [links](https://…)))",
    ]


def test_a_folder_that_is_not_a_language_of_the_site_fails(project):
    (project.root / "data/translations/fr").mkdir()
    (project.root / "data/translations/en").mkdir()
    (project.root / "data/translations/lt/helpline.yml").write_text("xx-line:\n  hours: Visada\n", encoding="utf-8")
    hint = "(translations go in a folder named after a language the site is built in: lt (SITE_LANGUAGES in scripts/peerkb/models.py))"
    assert project.problems() == [
        f"data/translations/en/:1: 'en' is English, the language of the data itself {hint}",
        f"data/translations/fr/:1: 'fr' is not a language of the site {hint}",
        "data/translations/lt/helpline.yml:1: 'helpline' is not a kind of data that is translated (did you mean helplines.yml? the files are: "
        "helplines.yml, recommendations.yml, glossary.yml, definitions.yml, events.yml, countries.yml, organisations.yml)",
    ]


def test_a_missing_translation_is_a_note_not_a_failure(project, capsys):
    project.replace(HELPLINES, "  hours: Visada\n", "")
    assert project.problems() == []
    kb = check_project(project.root).kb
    assert i18n.untranslated(kb, "lt") == [
        ("helplines", "xx-line", ["hours", "cost"]),
        ("recommendations", "R01", ["title", "statement", "rationale", "actions"]),
        ("recommendations", "R02", ["title", "statement", "rationale", "actions", "status_note"]),
        ("definitions", "doe", ["context", "summary", "stresses"]),
        ("events", "test-project", ["title", "summary"]),
        ("events", "test-event", ["title", "when", "summary"]),
        ("countries", "xx", ["name", "profile.role_terms", "profile.status"]),
    ]
    assert i18n.untranslated(kb, "en") == []
    assert main(["check", "--root", str(project.root)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Lithuanian data: 7 entries not yet translated (helplines: xx-line; recommendations: R01, R02; definitions: doe; "
        "events: test-project, test-event; countries: xx)"
    )


def test_a_list_with_another_number_of_items_than_the_english_is_not_translated(project):
    project.write("data/translations/lt/recommendations.yml", "R01:\n  title: Aprašykite vaidmenį\n  actions: [Pirma., Antra.]\n")
    kb = check_project(project.root).kb
    assert kb.translations["lt"]["recommendations"] == {"R01": {"title": "Aprašykite vaidmenį"}}
    assert ("recommendations", "R01", ["statement", "rationale", "actions"]) in i18n.untranslated(kb, "lt")
    project.write("data/translations/lt/recommendations.yml", "R01:\n  actions: [Susitarkite dėl aprašymo.]\n")
    kb = check_project(project.root).kb
    assert kb.translations["lt"]["recommendations"] == {"R01": {"actions.0": "Susitarkite dėl aprašymo."}}


# --- the data in the page's language -------------------------------------------------------------------------


def test_localized_falls_back_to_english(project):
    kb = check_project(project.root).kb
    assert i18n.localized(kb, "lt", "helplines", "xx-line", "hours", "Always") == ("Visada", False)
    assert i18n.localized(kb, "lt", "helplines", "xx-line", "cost", "Free") == ("Free", True)
    assert i18n.localized(kb, "lt", "events", "test-event", "title", "A test event") == ("A test event", True)
    assert i18n.localized(kb, "en", "helplines", "xx-line", "hours", "Always") == ("Always", False)


def test_a_page_in_another_language_marks_each_fallback_as_english(project):
    html = REGISTRY["helplines"](_context(project, "lt"), "xx")
    assert '<h3 class="kb-helpline__name" id="xx-line-name">Bandomoji linija</h3>' in html
    assert "<dd>Visiems</dd>" in html and "<dd>Visada</dd>" in html
    assert '<dd><span lang="en">Free</span></dd>' in html
    term = REGISTRY["term"](_context(project, "lt"), "test-term")
    assert term == '<a class="kb-term" href="lists.md#test-term" title="Terminas bandymams.">Bandomasis terminas</a>'
    glossary = REGISTRY["glossary"](_context(project, "lt"))
    assert '<dt id="test-term"><dfn>Bandomasis terminas</dfn> (TT)</dt>' in glossary


def test_an_untranslated_tooltip_and_heading_are_english_without_markup_in_attributes(project):
    project.replace(GLOSSARY, "  definition: Terminas bandymams.\n", "")
    term = REGISTRY["term"](_context(project, "lt"), "test-term")
    assert term == '<a class="kb-term" href="lists.md#test-term" title="A term for tests.">Bandomasis terminas</a>'
    recs = REGISTRY["recommendations"](_context(project, "lt"))
    assert "### R01: Write the role down {#R01 lang=en}" in recs
    assert '<p class="kb-rec__statement"><span lang="en">Services should describe the peer role in writing.</span></p>' in recs
    assert '<p><strong>Why.</strong> <span lang="en">Unclear roles are a common problem.</span>' in recs
    summaries = REGISTRY["recommendations_for"](_context(project, "lt"), "mental-health-services")
    assert "## R01: Write the role down {#for-R01 lang=en}" in summaries


def test_english_pages_show_the_data_as_written(project):
    """An English page renders from the entries themselves: the same HTML as before translations existed."""
    context = _context(project, "en")
    kb = context.kb
    before = render.render_helplines(list(kb.helplines.values()), kb.organisations, context.labels, kb.references)
    assert REGISTRY["helplines"](context, "xx") == render.number_citations(before, {})
    assert i18n.localize(kb, "en", "helplines", kb.helplines["xx-line"]) is kb.helplines["xx-line"]
    recs = REGISTRY["recommendations"](context)
    assert "### R01: Write the role down {#R01}" in recs and "lang=" not in recs
    english_term = REGISTRY["term"](context, "test-term")
    assert english_term == '<a class="kb-term" href="lists.md#test-term" title="A term for tests.">Test term</a>'
