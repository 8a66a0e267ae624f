"""The shape the code keeps: every file read once per check, one declaration per macro, labels beside the
values they name; and the tests' own: no test module imports another."""

from __future__ import annotations

import ast
import typing

from helpers import ROOT
from peerkb import models
from peerkb.check import check_project, rule_labels_complete
from peerkb.render import language_name
from peerkb.schemadocs import MACROS_END, MACROS_START, readme_text, stale
from peerkb.sitemacros import REGISTRY, macro_table


def test_the_check_reads_every_file_once(project):
    result = check_project(project.root)
    assert result.problems == []
    assert result.files is not None
    assert {name: count for name, count in result.files.reads.items() if count != 1} == {}
    assert {"mkdocs.yml", "docs/index.md", "docs/world.md", "data/references.yml", "data/helplines.yml"} <= set(result.files.reads)


def test_a_value_added_without_a_label_fails_the_check(monkeypatch):
    assert rule_labels_complete() == []
    themes = typing.Literal["role-and-status", "new-theme"]
    monkeypatch.setattr(models, "LABELLED", (("recommendation theme", themes, {"role-and-status": "Role", "gone": "Gone"}),))
    assert [str(p) for p in rule_labels_complete()] == [
        "scripts/peerkb/models.py:1: the recommendation theme 'new-theme' has no label (give every allowed value a label beside "
        "it in scripts/peerkb/models.py, and remove labels of values that went)",
        "scripts/peerkb/models.py:1: the recommendation theme label for 'gone' names no allowed value (give every allowed value "
        "a label beside it in scripts/peerkb/models.py, and remove labels of values that went)",
    ]


def test_language_names_come_from_babel_and_unknown_codes_are_refused(project):
    assert (language_name("nb"), language_name("lt"), language_name("is")) == ("Norwegian Bokmål", "Lithuanian", "Icelandic")
    project.replace("data/countries.yml", "        language: is\n", "        language: qq\n")
    assert project.problems() == [
        "data/countries.yml:8: entry 'xx' → profile.role_terms.language: 'qq' is not a language code "
        "(use the ISO 639 code of the language, e.g. lt, is, nb or fi)"
    ]


def test_the_readme_table_of_macros_is_generated_from_the_registry(tmp_path):
    (tmp_path / "README.md").write_text(f"# Site\n\n{MACROS_START}| Macro | Shows |\n|---|---|\n{MACROS_END}\n\nMore.\n", encoding="utf-8")
    expected = f"# Site\n\n{MACROS_START}{macro_table()}{MACROS_END}\n\nMore.\n"
    assert readme_text(tmp_path) == expected
    readme_problems = [str(p) for p in stale(tmp_path) if p.file == "README.md"]
    assert readme_problems == ["README.md:6: is out of date with scripts/peerkb/sitemacros.py (run python3 scripts/run.py docs and commit the result)"]
    assert macro_table().splitlines()[2:] == [f"| `{m.example}` | {m.summary[0].lower()}{m.summary[1:].rstrip('.')} |" for m in REGISTRY.values()]


def test_no_test_module_imports_another():
    """What tests share lives in helper modules (tests/helpers.py, tests/mistakes.py, tests/workflows.py,
    tests/browser/pages.py) and in conftest.py fixtures, never in a test module."""
    imports = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if "node_modules" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            imports += [f"{path.relative_to(ROOT)}: {name}" for name in names if name.split(".")[0].startswith(("test_", "conftest"))]
    assert imports == []


def test_generated_docs_are_required_where_the_navigation_lists_the_data_reference(project):
    from peerkb.schemadocs import PAGE, _generated_paths

    assert project.problems() == []  # the fixture lists no data reference, and holds no generated file
    project.replace("mkdocs.yml", "  - Recommendations: recs.md\n", "  - Recommendations: recs.md\n  - Data: contribute/data-reference.md\n")
    problems = [p for p in project.problems() if "is missing; it is generated" in p]
    assert sorted(p.split(":", 1)[0] for p in problems) == sorted(_generated_paths())
    assert f"{PAGE}:1: is missing; it is generated from scripts/peerkb/models.py (run python3 scripts/run.py docs and commit the result)" in problems
