"""Every mistake on docs/contribute/common-mistakes.md, made for real: the message the page shows is
exactly what the check prints (the page's structure is described in tests/mistakes.py).

"The check" runs `kb check` on a copy of the real project, so the page shows the real site's messages. The
mistakes the build reports are made in tests/builds/test_common_mistakes_built.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import ROOT
from mistakes import MISTAKES
from peerkb import cli
from peerkb.check import check_project
from peerkb.urls import REGISTRY, published_url

# The kinds of mistake the page must cover, by section id.
REQUIRED = {
    "indentation",
    "missing-quote",
    "date-format",
    "unknown-citation",
    "misspelled-field",
    "duplicate-id",
    "missing-description",
    "broken-link",
    "wording",
    "alt-text",
    "repeated-citation",
}
# What a copy of the project needs for the check: data, pages, configuration and the generated files.
PROJECT_PARTS = ("data", "docs", "mkdocs.yml", "schemas", ".vscode", "published-urls.txt")


def test_the_page_covers_at_least_ten_mistakes_including_every_required_kind():
    ids = [m.id for m in MISTAKES]
    assert len(ids) >= 10
    assert len(set(ids)) == len(ids)
    assert set(ids) >= REQUIRED, f"missing: {sorted(REQUIRED - set(ids))}"


def test_every_example_goes_into_a_new_file_under_data_or_docs():
    for mistake in MISTAKES:
        assert mistake.file.startswith(("data/", "docs/")), mistake.file
        assert not (ROOT / mistake.file).exists(), f"{mistake.file} exists: use a new file, so the example's lines stay true"


@pytest.fixture(scope="module")
def real_copy(tmp_path_factory) -> Path:
    """A copy of the real project's content, which passes the check before any mistake is made."""
    root = tmp_path_factory.mktemp("common-mistakes") / "project"
    root.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        elif source.is_file():
            shutil.copy2(source, root / part)
    assert not check_project(root).problems, "the project must pass the check before a mistake is made"
    return root


@pytest.mark.parametrize("mistake", [m for m in MISTAKES if m.tool == "check"], ids=lambda m: m.id)
def test_the_check_prints_the_documented_message(mistake, real_copy, capsys):
    root = real_copy
    path = root / mistake.file
    registry = root / REGISTRY
    before = registry.read_text(encoding="utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(mistake.content, encoding="utf-8")
    if mistake.file.startswith("docs/"):
        # A new page is registered, as `python3 scripts/run.py new` does, so only the mistake is reported.
        registry.write_text(before + published_url(mistake.file.removeprefix("docs/")) + "\n", encoding="utf-8")
    try:
        capsys.readouterr()
        assert cli.main(["check", "--root", str(root)]) == 1
        printed = capsys.readouterr().out.rstrip("\n").split("\n")
    finally:
        path.unlink()
        registry.write_text(before, encoding="utf-8")
    assert printed == list(mistake.expected)
