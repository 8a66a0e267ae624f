"""The Lithuanian edition's machinery, without building it: what a translated page must say about its English page
(translations.rule_translations), how `kb translate` starts and updates a translation, what mkdocs.lt.yml may set
(siteconfig.read_edition_config), the sitemap's page pairs, the site paths of editions, and english() links."""

from __future__ import annotations

import gzip
import shutil
from datetime import date

import pytest

from helpers import FIXTURE_TODAY, ROOT
from peerkb import editions, sitemap
from peerkb.check import check_project
from peerkb.cli import config_safe, main
from peerkb.pages import read_page
from peerkb.siteconfig import edition_problems, read_edition_config
from peerkb.translations import TranslateError, TranslationState, rule_translations, start_translation, translation_states

LT = editions.EDITIONS["lt"]
COMMAND = "python3 scripts/run.py translate"


def pages_of(project) -> list:
    """Every page of the project, of every edition, as the check reads them."""
    docs = project.root / "docs"
    return [read_page(path, project.root)[0] for path in sorted(docs.rglob("*.md"))]


def translation_problems(project, today: date | None = FIXTURE_TODAY) -> list[str]:
    return [str(p) for p in rule_translations(pages_of(project), project.root, today)]


def checksum(project, path: str) -> str:
    return editions.text_checksum((project.root / "docs" / path).read_text(encoding="utf-8"))


# --- what a translated page says about its English page --------------------------------------------------------


def test_a_translation_started_by_the_command_passes_and_is_current(project):
    start_translation(project.root, "lt", "lists.md")
    assert translation_problems(project) == []
    assert translation_states(project.root, pages_of(project)) == [
        TranslationState("lt/lists.md", "lists.md", "Fixture lists", "Fixture lists", "lt", current=True, reviewed=None)
    ]


def test_a_lithuanian_page_without_translation_fails_with_the_command_that_starts_one(project):
    shutil.copytree(project.root / "docs", project.root / "docs-lt")
    (project.root / "docs-lt").rename(project.root / "docs" / "lt")  # docs/lt/: the English pages, copied as they are
    assert translation_problems(project) == [
        f"docs/lt/{page}:1: a Lithuanian page must say which English page it translates "
        f"(start translations with: {COMMAND} lt {page} (it adds translation: with the English page and its revision))"
        for page in ["index.md", "lists.md", "recs.md", "world.md"]
    ]


def test_a_translation_naming_another_page_fails(project):
    start_translation(project.root, "lt", "recs.md")
    project.replace("docs/lt/recs.md", "source: recs.md", "source: world.md")
    assert translation_problems(project) == [
        "docs/lt/recs.md:7: translation: source is 'world.md', but this page translates 'recs.md', the English page with the same path "
        "(a translation has the same path under docs/lt/ as its English page under docs/)"
    ]


def test_a_translation_whose_english_page_is_gone_fails(project):
    start_translation(project.root, "lt", "lists.md")
    (project.root / "docs" / "lists.md").unlink()
    assert translation_problems(project) == [
        "docs/lt/lists.md:7: translation: the English page 'docs/lists.md' does not exist "
        "(a translated page needs its English page; move or remove the translation with it)"
    ]


def test_a_review_in_the_future_fails_only_when_the_day_is_known(project):
    start_translation(project.root, "lt", "lists.md")
    project.replace("docs/lt/lists.md", "reviewed: false", "reviewed: 2026-12-01")
    assert translation_problems(project) == ["docs/lt/lists.md:7: translation: reviewed 2026-12-01 is in the future (give the day of the review)"]
    assert translation_problems(project, today=date(2026, 12, 1)) == []
    assert translation_problems(project, today=None) == []  # a build: the date rules are kb check's
    assert translation_states(project.root, pages_of(project))[0].reviewed == date(2026, 12, 1)


def test_an_english_page_that_claims_to_be_a_translation_fails(project):
    block = f"translation:\n  source: recs.md\n  source_sha256: {checksum(project, 'recs.md')}\n"
    project.replace("docs/recs.md", "review_due: 2027-01-01\n", "review_due: 2027-01-01\n" + block)
    assert translation_problems(project) == [
        "docs/recs.md:7: an English page is not a translation (remove translation: — it belongs on translated pages, under docs/lt/)"
    ]
    assert translation_states(project.root, pages_of(project)) == []


def test_an_english_edit_never_fails_the_check_and_update_makes_the_translation_current_again(project):
    start_translation(project.root, "lt", "lists.md")
    before, old = (project.root / "docs" / "lt" / "lists.md").read_text(encoding="utf-8"), checksum(project, "lists.md")
    project.append("docs/lists.md", "\nA paragraph added to the English page.\n")
    assert translation_problems(project) == []
    assert [s.current for s in translation_states(project.root, pages_of(project))] == [False]

    message = start_translation(project.root, "lt", "lists.md", update=True)
    assert message == ("Recorded in docs/lt/lists.md that it translates docs/lists.md as it is now. Set reviewed: to the day a native speaker reviews it.")
    after = (project.root / "docs" / "lt" / "lists.md").read_text(encoding="utf-8")
    new = checksum(project, "lists.md")
    assert f"source_sha256: {old}" in before and old != new
    assert after == before.replace(old, new)  # the checksum, and nothing else
    assert [s.current for s in translation_states(project.root, pages_of(project))] == [True]
    assert translation_problems(project) == []


# --- kb translate ----------------------------------------------------------------------------------------------


def test_translate_copies_the_english_page_with_its_provenance(project):
    english = (project.root / "docs" / "lists.md").read_text(encoding="utf-8")
    message = start_translation(project.root, "lt", "lists.md")
    sha = editions.text_checksum(english)
    assert (project.root / "docs" / "lt" / "lists.md").read_text(encoding="utf-8") == english.replace(
        "review_due: 2027-01-01\n---\n",
        f"review_due: 2027-01-01\ntranslation:\n  source: lists.md\n  source_sha256: {sha}\n  reviewed: false\n---\n",
        1,
    )
    assert message == (
        "Created docs/lt/lists.md from docs/lists.md, with its provenance (translation:).\n"
        "Next:\n"
        "  1. Translate its title, description and text in place (docs/contribute/translating.md explains how).\n"
        "  2. Add it to the nav: of mkdocs.lt.yml, with its title in the language.\n"
        "  3. Register its address: python3 scripts/run.py urls\n"
        "  4. Preview: python3 scripts/run.py preview"
    )


@pytest.mark.parametrize("given", ["docs/recs.md", "lt/recs.md", "docs/lt/recs.md"])
def test_translate_takes_the_path_with_docs_or_the_translations_folder(project, given):
    assert start_translation(project.root, "lt", given).startswith("Created docs/lt/recs.md from docs/recs.md,")
    assert "  source: recs.md\n" in (project.root / "docs" / "lt" / "recs.md").read_text(encoding="utf-8")


NOT_A_PAGE = "is not an English page: give the path of a page under docs/, e.g. peer-support/forms.md"


@pytest.mark.parametrize(
    ("language", "path", "update", "message"),
    [
        ("fr", "lists.md", False, "'fr' is not a language to translate into; the site's translations are: lt"),
        ("en", "lists.md", False, "'en' is not a language to translate into; the site's translations are: lt"),
        ("lt", "nope.md", False, f"docs/nope.md {NOT_A_PAGE}"),
        ("lt", "lt/lt/lists.md", False, f"docs/lt/lists.md {NOT_A_PAGE}"),
        ("lt", "extra.css", False, f"docs/extra.css {NOT_A_PAGE}"),
        ("lt", "lists", False, f"docs/lists {NOT_A_PAGE}"),
        ("lt", "bare.md", False, "docs/bare.md has no front matter to start from"),
        ("lt", "world.md", True, f"docs/lt/world.md does not exist yet: start it with {COMMAND} lt world.md"),
    ],
)
def test_translate_refuses_what_it_cannot_do_and_writes_nothing(project, language, path, update, message):
    project.write("docs/extra.css", "a { color: black; }\n")
    project.write("docs/bare.md", "# A page without front matter\n")
    with pytest.raises(TranslateError) as refused:
        start_translation(project.root, language, path, update=update)
    assert str(refused.value) == message
    assert not (project.root / "docs" / "lt").exists()


def test_translate_refuses_to_overwrite_a_translation(project):
    start_translation(project.root, "lt", "lists.md")
    project.replace("docs/lt/lists.md", "title: Fixture lists", "title: Sąrašai")
    with pytest.raises(TranslateError) as refused:
        start_translation(project.root, "lt", "lists.md")
    assert str(refused.value) == f"docs/lt/lists.md exists already: edit it, and when it matches the English again run {COMMAND} lt lists.md --update"
    assert "title: Sąrašai" in (project.root / "docs" / "lt" / "lists.md").read_text(encoding="utf-8")


def test_update_refuses_a_translation_without_its_checksum_line(project):
    project.write("docs/lt/lists.md", (project.root / "docs" / "lists.md").read_text(encoding="utf-8"))
    with pytest.raises(TranslateError) as refused:
        start_translation(project.root, "lt", "lists.md", update=True)
    assert str(refused.value) == f"docs/lt/lists.md has no translation: source_sha256 line to update; add the block {COMMAND} writes"


def test_the_command_prints_the_refusal_and_fails(project, capsys):
    assert main(["translate", "lt", "x.md", "--root", str(project.root)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"kb translate: docs/x.md {NOT_A_PAGE}\n"
    assert captured.out == ""


def test_the_command_starts_a_translation(project, capsys):
    assert main(["translate", "lt", "recs.md", "--root", str(project.root)]) == 0
    assert capsys.readouterr().out.startswith("Created docs/lt/recs.md from docs/recs.md, with its provenance (translation:).\nNext:\n")
    assert main(["translate", "lt", "recs.md", "--update", "--root", str(project.root)]) == 0
    assert capsys.readouterr().out == (
        "Recorded in docs/lt/recs.md that it translates docs/recs.md as it is now. Set reviewed: to the day a native speaker reviews it.\n"
    )


# --- mkdocs.lt.yml -----------------------------------------------------------------------------------------------

EDITION_CONFIG = """\
INHERIT: mkdocs.yml
docs_dir: docs/lt
site_name: Bandymas
site_description: Puslapiai bandymams.

theme:
  language: lt

extra:
  publisher: bendraautoriai

nav:
  - Pradžia: index.md
  - Sąrašai:
      - lists.md
"""
INHERITS = "(mkdocs.lt.yml inherits everything else from mkdocs.yml: change the setting there, for every language)"


@pytest.fixture
def edition(project):
    """The fixture project with a Lithuanian edition of two pages, configured like the real one."""
    start_translation(project.root, "lt", "index.md")
    start_translation(project.root, "lt", "lists.md")
    project.write("mkdocs.lt.yml", EDITION_CONFIG)
    return project


def test_the_edition_config_lists_its_pages_as_site_paths(edition):
    assert read_edition_config(edition.root, LT) == (frozenset({"lt/index.md", "lt/lists.md"}), [])
    assert edition_problems(edition.root) == []


def test_a_project_without_an_edition_config_has_nothing_to_check(project):
    assert read_edition_config(project.root, LT) == (frozenset(), [])


def test_the_real_edition_config_passes():
    pages, problems = read_edition_config(ROOT, LT)
    assert problems == []
    assert "lt/index.md" in pages and all(page.startswith("lt/") for page in pages)


@pytest.mark.parametrize(
    ("old", "new", "refused_with"),
    [
        ("nav:", "plugins:\n  - search\nnav:", [f"mkdocs.lt.yml:12: 'plugins' may not be set here {INHERITS}"]),
        ("nav:", "hooks:\n  - evil.py\nnav:", [f"mkdocs.lt.yml:12: 'hooks' may not be set here {INHERITS}"]),
        ("nav:", "markdown_extensions:\n  - pymdownx.snippets\nnav:", [f"mkdocs.lt.yml:12: 'markdown_extensions' may not be set here {INHERITS}"]),
        ("nav:", "extra_javascript:\n  - https://tracker.example/t.js\nnav:", [f"mkdocs.lt.yml:12: 'extra_javascript' may not be set here {INHERITS}"]),
        ("INHERIT: mkdocs.yml", "INHERIT: other.yml", ["mkdocs.lt.yml:1: INHERIT must be 'mkdocs.yml' (the Lithuanian edition is built from mkdocs.yml)"]),
        ("INHERIT: mkdocs.yml\n", "", ["mkdocs.lt.yml:1: INHERIT must be 'mkdocs.yml' (the Lithuanian edition is built from mkdocs.yml)"]),
        ("docs_dir: docs/lt", "docs_dir: docs", ["mkdocs.lt.yml:2: docs_dir must be 'docs/lt' (the Lithuanian edition is built from docs/lt)"]),
        ("  language: lt\n", "  language: lt\n  custom_dir: evil\n", [f"mkdocs.lt.yml:8: 'theme: custom_dir' may not be set here {INHERITS}"]),
        ("language: lt", "language: en", ["mkdocs.lt.yml:6: theme: language must be 'lt' (the edition's language)"]),
        (
            "theme:\n  language: lt\n",
            "theme: lt\n",
            [f"mkdocs.lt.yml:6: theme must be a mapping {INHERITS}", "mkdocs.lt.yml:6: theme: language must be 'lt' (the edition's language)"],
        ),
        (
            "  publisher: bendraautoriai\n",
            "  publisher: bendraautoriai\n  analytics:\n    provider: google\n    property: G-TRACKER\n",
            [f"mkdocs.lt.yml:11: 'extra: analytics' may not be set here {INHERITS}"],
        ),
        ("publisher: bendraautoriai", "publisher: '<b>bendraautoriai</b>'", ["mkdocs.lt.yml:10: 'extra: publisher' must be plain text (no <, > or \")"]),
        ("site_name: Bandymas", "site_name: '<script>'", ['mkdocs.lt.yml:3: site_name must be plain text (no <, > or ")']),
        (
            "site_name: Bandymas",
            "site_name: !!python/object/apply:os.system [id]",
            [
                "mkdocs.lt.yml:3: the tag '!!python/object/apply:os.system' is not allowed "
                "(remove it: this file holds plain text, numbers, lists and fields; a tag can make a YAML loader run code)"
            ],
        ),
        (
            "site_name: Bandymas",
            "site_name: !ENV [SITE_NAME, Bandymas]",
            [
                "mkdocs.lt.yml:3: the tag '!ENV' is not allowed "
                "(remove it: this file holds plain text, numbers, lists and fields; a tag can make a YAML loader run code)"
            ],
        ),
        (
            "      - lists.md\n",
            "      - lists.md\n  - recs.md\n",
            ["mkdocs.lt.yml:12: nav lists 'recs.md', which is not a page of docs/lt/ (list only pages that exist)"],
        ),
    ],
)
def test_the_edition_config_may_set_only_its_language_names_and_navigation(edition, old, new, refused_with):
    edition.replace("mkdocs.lt.yml", old, new)
    assert [str(p) for p in read_edition_config(edition.root, LT)[1]] == refused_with
    assert [str(p) for p in edition_problems(edition.root)] == refused_with


def test_an_edition_config_that_is_not_a_mapping_fails(edition):
    edition.write("mkdocs.lt.yml", "- INHERIT: mkdocs.yml\n")
    assert [str(p) for p in read_edition_config(edition.root, LT)[1]] == ["mkdocs.lt.yml:1: is not a mapping of settings (start from the project's own file)"]


def test_the_build_refuses_to_start_mkdocs_on_an_edition_config_that_would_run_code(edition, capsys):
    edition.replace("mkdocs.lt.yml", "site_name: Bandymas", "site_name: !!python/object/apply:os.system ['touch pwned']")
    assert config_safe(edition.root) is False
    assert capsys.readouterr().err == (
        "mkdocs.lt.yml:3: the tag '!!python/object/apply:os.system' is not allowed (remove it: this file holds plain text, numbers, "
        "lists and fields; a tag can make a YAML loader run code)\n1 problem found; MkDocs was not started.\n"
    )
    assert not (edition.root / "pwned").exists()


# --- the sitemap -------------------------------------------------------------------------------------------------

SITE_PAGES = ["index.md", "a.md", "lt/index.md", "lt/a.md", "b.md"]


def test_the_sitemap_names_every_page_in_each_of_its_languages():
    assert sitemap.sitemap(SITE_PAGES, set(SITE_PAGES), "https://example.org/") == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        "  <url>\n"
        "    <loc>https://example.org/</loc>\n"
        '    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/"/>\n'
        '    <xhtml:link rel="alternate" hreflang="lt" href="https://example.org/lt/"/>\n'
        '    <xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/"/>\n'
        "  </url>\n"
        "  <url>\n"
        "    <loc>https://example.org/a/</loc>\n"
        '    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/a/"/>\n'
        '    <xhtml:link rel="alternate" hreflang="lt" href="https://example.org/lt/a/"/>\n'
        '    <xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/a/"/>\n'
        "  </url>\n"
        "  <url>\n"
        "    <loc>https://example.org/lt/</loc>\n"
        '    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/"/>\n'
        '    <xhtml:link rel="alternate" hreflang="lt" href="https://example.org/lt/"/>\n'
        '    <xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/"/>\n'
        "  </url>\n"
        "  <url>\n"
        "    <loc>https://example.org/lt/a/</loc>\n"
        '    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/a/"/>\n'
        '    <xhtml:link rel="alternate" hreflang="lt" href="https://example.org/lt/a/"/>\n'
        '    <xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/a/"/>\n'
        "  </url>\n"
        "  <url>\n"
        "    <loc>https://example.org/b/</loc>\n"
        "  </url>\n"
        "</urlset>\n"
    )


def test_the_sitemap_escapes_addresses():
    assert sitemap.sitemap(["a.md"], {"a.md", "lt/a.md"}, "https://example.org/?x=1&y=2/").splitlines()[2:7] == [
        "  <url>",
        "    <loc>https://example.org/?x=1&amp;y=2/a/</loc>",
        '    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/?x=1&amp;y=2/a/"/>',
        '    <xhtml:link rel="alternate" hreflang="lt" href="https://example.org/?x=1&amp;y=2/lt/a/"/>',
        '    <xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/?x=1&amp;y=2/a/"/>',
    ]


def test_each_edition_folder_gets_a_sitemap_of_its_own_pages(tmp_path):
    docs = tmp_path / "docs"
    for page in SITE_PAGES:
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text("# x\n", encoding="utf-8")
    site = tmp_path / "site"
    (site / "lt").mkdir(parents=True)
    sitemap.write_sitemaps(site, docs, "https://example.org/")
    root_map = (site / "sitemap.xml").read_text(encoding="utf-8")
    lt_map = (site / "lt" / "sitemap.xml").read_text(encoding="utf-8")
    assert root_map == sitemap.sitemap(sorted(SITE_PAGES), set(SITE_PAGES), "https://example.org/")
    assert lt_map == sitemap.sitemap(["lt/a.md", "lt/index.md"], set(SITE_PAGES), "https://example.org/")
    assert gzip.decompress((site / "lt" / "sitemap.xml.gz").read_bytes()).decode("utf-8") == lt_map
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == root_map


# --- site paths --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "code", "source"),
    [
        ("peer-support/forms.md", "en", "peer-support/forms.md"),
        ("lt/peer-support/forms.md", "lt", "peer-support/forms.md"),
        ("lt/index.md", "lt", "index.md"),
        ("index.md", "en", "index.md"),
        ("ltx/page.md", "en", "ltx/page.md"),  # a folder whose name only begins like an edition's is English
    ],
)
def test_a_site_path_names_its_edition_and_its_english_page(path, code, source):
    assert editions.of_path(path).code == code
    assert editions.source_path(path) == source
    assert editions.in_edition(path, LT) == "lt/" + source
    assert editions.in_edition(path, editions.EDITIONS["en"]) == source


def test_the_checksum_ignores_line_endings():
    assert editions.text_checksum("a\r\nb\r\n") == editions.text_checksum("a\nb\n")
    assert editions.text_checksum("a\nb\n") != editions.text_checksum("a\nb")
    assert len(editions.text_checksum("")) == 64


# --- english() -------------------------------------------------------------------------------------------------


@pytest.fixture
def bilingual(project):
    """The fixture project with search words for Lithuanian (the check needs them once docs/lt/ has pages) and a
    translated home page and recommendations page."""
    shutil.copy(ROOT / "data" / "search.yml", project.root / "data" / "search.yml")
    start_translation(project.root, "lt", "index.md")
    start_translation(project.root, "lt", "recs.md")
    assert project.problems() == []
    return project


def test_english_links_to_an_untranslated_english_page_pass(bilingual):
    bilingual.append("docs/lt/index.md", '\nŽr. {{ english("lists.md", "sąrašus") }} ir {{ english("world.md#testland", "šalį") }}.\n')
    assert bilingual.problems() == []


def test_english_is_refused_on_an_english_page(bilingual):
    bilingual.append("docs/lists.md", '\nSee {{ english("world.md", "the world") }}.\n')
    assert bilingual.problems() == ["docs/lists.md:16: english() is for translated pages (on an English page, link to the page with a Markdown link)"]


@pytest.mark.parametrize("target", ["nope.md", "lt/lists.md", "world"])
def test_english_to_a_page_that_is_not_an_english_page_fails(bilingual, target):
    bilingual.append("docs/lt/index.md", f'\nŽr. {{{{ english("{target}", "nieko") }}}}.\n')
    assert bilingual.problems() == [
        f"docs/lt/index.md:18: english(): '{target}' is not an English page (give the path under docs/ of an English page, e.g. practice/employment.md)"
    ]


def test_english_to_a_translated_page_fails_with_the_markdown_link_to_write(bilingual):
    bilingual.append("docs/lt/index.md", '\nŽr. {{ english("recs.md", "rekomendacijas") }} ir {{ english("recs.md#R01", "R01") }}.\n')
    bilingual.write("docs/sub/page.md", (bilingual.root / "docs" / "lists.md").read_text(encoding="utf-8"))
    start_translation(bilingual.root, "lt", "sub/page.md")
    bilingual.append("docs/lt/sub/page.md", '\nŽr. {{ english("recs.md", "rekomendacijas") }}.\n')
    hint = "docs/lt/recs.md (link to the translation with a Markdown link: "
    assert bilingual.problems() == [
        f"docs/lt/index.md:18: english(): 'recs.md#R01' has a translation, {hint}[text](recs.md#R01))",
        f"docs/lt/index.md:18: english(): 'recs.md' has a translation, {hint}[text](recs.md))",
        f"docs/lt/sub/page.md:20: english(): 'recs.md' has a translation, {hint}[text](../recs.md))",
    ]


def test_a_check_of_a_project_with_translations_reports_their_state(bilingual):
    bilingual.append("docs/recs.md", "\nA new paragraph.\n")
    result = check_project(bilingual.root, today=FIXTURE_TODAY)
    assert result.problems == []
    assert [(s.path, s.current) for s in result.translations] == [("lt/index.md", True), ("lt/recs.md", False)]
