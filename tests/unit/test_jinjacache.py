"""Compiled templates kept between builds (peerkb.jinjacache): loaded from the cache when the text and the
settings are the same, compiled afresh when either changes, and never at the cost of a build."""

from __future__ import annotations

import shutil
import tempfile

import jinja2
import pytest

from peerkb.jinjacache import bytecode_cache, fingerprint

MARKERS = {"comment_start_string": "{##", "comment_end_string": "##}"}


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A fresh, private bytecode cache folder (Jinja's default folder is under the temporary folder)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def cache_files(cache_dir) -> list:
    return sorted(p for p in cache_dir.rglob("*.cache"))


def environment(templates: dict[str, str], **settings: object) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader(templates), **(settings or MARKERS))
    env.bytecode_cache = bytecode_cache(env, "test")
    return env


def test_the_next_build_loads_each_template_from_the_cache(cache_dir, monkeypatch):
    templates = {"a.html": "A {{ x }}.", "b.html": "B {{ x }}!"}
    assert environment(templates).get_template("a.html").render(x=1) == "A 1."
    environment(templates).get_template("b.html")
    assert len(cache_files(cache_dir)) == 2

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled although the cache holds the code")

    env = environment(templates)
    monkeypatch.setattr(env, "compile", no_compiling)
    assert env.get_template("a.html").render(x=2) == "A 2."


def test_an_edited_template_is_compiled_afresh(cache_dir):
    environment({"a.html": "Old {{ x }}."}).get_template("a.html")
    assert environment({"a.html": "New {{ x }}!"}).get_template("a.html").render(x=1) == "New 1!"


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
    """The same text compiles differently with other markers; each gets its own cache file."""
    text = {"a.html": "A {# b #}."}
    assert environment(text).get_template("a.html").render() == "A {# b #}."  # '{#' is not a comment start here
    other = environment(text, comment_start_string="{#", comment_end_string="#}")
    assert other.get_template("a.html").render() == "A ."
    assert len(cache_files(cache_dir)) == 2


def test_a_cache_folder_removed_while_building_costs_a_compile_not_the_build(cache_dir):
    env = environment({"a.html": "Two {{ x }}."})
    folders = [p for p in cache_dir.iterdir() if p.is_dir()]
    assert folders
    for folder in folders:
        shutil.rmtree(folder)
    assert env.get_template("a.html").render(x=2) == "Two 2."  # reading and writing the cache fail
    assert cache_files(cache_dir) == []


def test_without_a_safe_temporary_folder_templates_are_compiled_every_time(cache_dir, monkeypatch):
    def unsafe(self):
        raise RuntimeError("Cannot determine safe temp directory")

    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "_get_default_cache_dir", unsafe)
    env = environment({"a.html": "Three {{ x }}."})
    assert env.bytecode_cache is None
    assert env.get_template("a.html").render(x=3) == "Three 3."
    assert cache_files(cache_dir) == []
