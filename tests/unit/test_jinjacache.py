"""Compiled templates kept between builds (peerkb.jinjacache): the same code as Jinja makes from the text,
never code compiled under other settings, and one cache file per page."""

from __future__ import annotations

import tempfile

import jinja2
import pytest

from helpers import ROOT
from peerkb.check import check_project
from peerkb.jinjacache import PageTemplates, bytecode_cache, fingerprint

MARKERS = {"comment_start_string": "{##", "comment_end_string": "##}"}
# The macros plugin's settings as mkdocs.yml gives them; empty ones are not passed to Jinja.
PLUGIN_CONFIG = {f"j2_{key}": value for key, value in MARKERS.items()} | {"j2_block_start_string": "", "on_undefined": "strict"}


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A fresh, private bytecode cache folder (Jinja's default folder is under the temporary folder)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def page_files(cache_dir) -> list:
    return sorted(p for p in cache_dir.rglob("*.cache"))


def render_all(pages: PageTemplates, jinja: jinja2.Environment, sources: dict[str, str]) -> dict[str, object]:
    """What the macros plugin does for each page: announce it, then make a template from its text."""
    made = {}
    for path, source in sources.items():
        pages.install(jinja)
        pages.rendering(path, source)
        made[path] = jinja.from_string(source)
    return made


def test_every_real_page_compiles_to_the_code_jinja_makes_from_its_text(cache_dir):
    pages = PageTemplates(PLUGIN_CONFIG)
    found = check_project(ROOT, building=True, parse=pages.parse).pages
    sources = {page.path: page.body for page in found}
    jinja, reference = jinja2.Environment(**MARKERS), jinja2.Environment(**MARKERS)
    pages.install(jinja)
    cache = bytecode_cache(jinja)
    for path, source in sources.items():
        assert pages._compiled(jinja, cache, path, source) == reference.compile(source), path
    assert pages._trees == {}  # every tree the check parsed was used
    assert len(page_files(cache_dir)) == len(sources)


def test_the_next_build_loads_each_page_from_the_cache(cache_dir, monkeypatch):
    sources = {"a.md": 'Text {{ cite("a") }}.', "b.md": "No macros here."}
    render_all(PageTemplates(PLUGIN_CONFIG), jinja2.Environment(**MARKERS), sources)
    jinja = jinja2.Environment(**MARKERS)

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled instead of loaded from the cache")

    monkeypatch.setattr(jinja, "compile", no_compiling)
    made = render_all(PageTemplates(PLUGIN_CONFIG), jinja, sources)
    assert made["b.md"].render() == "No macros here."
    assert made["a.md"].render(cite=lambda key: f"[{key}]") == "Text [a]."


def test_an_edited_page_is_compiled_afresh_and_replaces_its_cache_file(cache_dir):
    jinja = jinja2.Environment(**MARKERS)
    render_all(PageTemplates(PLUGIN_CONFIG), jinja, {"a.md": "Old {{ x }}."})
    made = render_all(PageTemplates(PLUGIN_CONFIG), jinja2.Environment(**MARKERS), {"a.md": "New {{ x }}!"})
    assert made["a.md"].render(x=1) == "New 1!"
    assert len(page_files(cache_dir)) == 1


def test_text_other_than_the_page_being_rendered_is_made_as_usual(cache_dir):
    jinja = jinja2.Environment(**MARKERS)
    pages = PageTemplates(PLUGIN_CONFIG)
    render_all(pages, jinja, {"a.md": "Page {{ x }}."})
    assert jinja.from_string("Title {{ x }}").render(x=2) == "Title 2"
    assert len(page_files(cache_dir)) == 1


def test_a_change_of_settings_or_versions_changes_the_cache_files_used():
    plain = jinja2.Environment(**MARKERS)
    assert fingerprint(plain) == fingerprint(jinja2.Environment(**MARKERS))
    assert fingerprint(plain) != fingerprint(jinja2.Environment(**MARKERS, trim_blocks=True))
    assert fingerprint(plain) != fingerprint(jinja2.Environment(comment_start_string="{#", comment_end_string="#}"))
    assert fingerprint(plain) != fingerprint(jinja2.Environment(**MARKERS, undefined=jinja2.StrictUndefined))
    assert fingerprint(plain) != fingerprint(jinja2.Environment(**MARKERS, extensions=["jinja2.ext.i18n"]))
    assert fingerprint(plain) != fingerprint(plain, "mkdocs 1.6.1")
    assert bytecode_cache(plain).pattern != bytecode_cache(plain, "mkdocs 1.6.1").pattern


def test_code_compiled_under_other_settings_is_never_loaded(cache_dir):
    """The same page text compiles differently with other markers; each gets its own cache file."""
    text = "A {# b #}."
    first = render_all(PageTemplates(PLUGIN_CONFIG), jinja2.Environment(**MARKERS), {"a.md": text})
    assert first["a.md"].render() == "A {# b #}."  # '{#' is not a comment start here
    other = {"comment_start_string": "{#", "comment_end_string": "#}"}
    made = render_all(PageTemplates({f"j2_{k}": v for k, v in other.items()}), jinja2.Environment(**other), {"a.md": text})
    assert made["a.md"].render() == "A ."
    assert len(page_files(cache_dir)) == 2


def test_a_cache_folder_removed_while_building_costs_a_compile_not_the_build(cache_dir):
    import shutil

    jinja = jinja2.Environment(**MARKERS)
    pages = PageTemplates(PLUGIN_CONFIG)
    pages.install(jinja)  # the cache and its folder exist from here on
    folders = [p for p in cache_dir.iterdir() if p.is_dir()]
    assert folders
    for folder in folders:
        shutil.rmtree(folder)
    made = render_all(pages, jinja, {"a.md": "Two {{ x }}."})  # reading and writing the cache fail
    assert made["a.md"].render(x=2) == "Two 2."
    assert page_files(cache_dir) == []


def test_without_a_safe_temporary_folder_pages_are_compiled_every_time(cache_dir, monkeypatch):
    def unsafe(self):
        raise RuntimeError("Cannot determine safe temp directory")

    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "_get_default_cache_dir", unsafe)
    assert bytecode_cache(jinja2.Environment()) is None
    made = render_all(PageTemplates(PLUGIN_CONFIG), jinja2.Environment(**MARKERS), {"a.md": "Three {{ x }}."})
    assert made["a.md"].render(x=3) == "Three 3."
    assert page_files(cache_dir) == []
