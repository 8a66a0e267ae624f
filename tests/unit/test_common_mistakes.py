"""Every mistake on docs/contribute/common-mistakes.md, made for real: the message the page shows is
exactly what the checks print.

The page's structure, which this test relies on: each mistake is a `## Title {#id}` section with
- a line "In `PATH`:" followed by a fenced block: the whole file, written new, with the mistake in it;
- a line "The check prints:" or "The build prints:" followed by a ```text block: the expected output.
`{% raw %}` and `{% endraw %}` lines (which keep macro syntax from running on the page) are ignored.

"The check" runs `kb check` on a copy of the real project, so the page shows the real site's
messages. "The build" is a strict MkDocs build of the small fixture site: link warnings do not depend
on the project, and the fixture builds in a second or two.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import ROOT, Project
from peerkb import cli
from peerkb.check import check_project
from peerkb.urls import REGISTRY, published_url

PAGE = ROOT / "docs" / "contribute" / "common-mistakes.md"
# The kinds of mistake the page must cover, by section id.
REQUIRED = {
    "indentation", "missing-quote", "date-format", "unknown-citation", "misspelled-field",
    "duplicate-id", "missing-description", "broken-link", "wording", "alt-text",
}
# What a copy of the project needs for the check: data, pages, configuration and the generated files.
PROJECT_PARTS = ("data", "docs", "mkdocs.yml", "schemas", ".vscode", "published-urls.txt")


@dataclass(frozen=True)
class Mistake:
    id: str
    title: str
    file: str
    content: str
    tool: str  # "check" or "build"
    expected: tuple[str, ...]


def parse(text: str) -> list[Mistake]:
    """The mistakes on the page, in order; a section that does not follow the structure fails loudly."""
    text = re.sub(r"^\{%-? *(?:raw|endraw) *-?%\}[ \t]*\n", "", text, flags=re.MULTILINE)
    mistakes = []
    for section in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        heading, _, body = section.partition("\n")
        head = re.fullmatch(r"(?P<title>.+?) \{#(?P<id>[a-z0-9-]+)\}", heading.strip())
        where = re.search(r"^In `(?P<file>[^`]+)`:\n\n```[a-z]*\n(?P<content>.*?)^```[ \t]*$", body, re.MULTILINE | re.DOTALL)
        output = re.search(r"^The (?P<tool>check|build) prints:\n\n```text\n(?P<expected>.*?)^```[ \t]*$", body, re.MULTILINE | re.DOTALL)
        assert head and where and output, f"section '## {heading}' does not follow the structure described in {__name__}"
        mistakes.append(Mistake(
            head["id"], head["title"], where["file"], where["content"], output["tool"],
            tuple(output["expected"].rstrip("\n").split("\n")),
        ))
    return mistakes


MISTAKES = parse(PAGE.read_text(encoding="utf-8"))


def test_the_page_covers_at_least_ten_mistakes_including_every_required_kind():
    ids = [m.id for m in MISTAKES]
    assert len(ids) >= 10
    assert len(set(ids)) == len(ids)
    assert REQUIRED <= set(ids), f"missing: {sorted(REQUIRED - set(ids))}"


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


@pytest.mark.build
@pytest.mark.parametrize("mistake", [m for m in MISTAKES if m.tool == "build"], ids=lambda m: m.id)
def test_the_build_prints_the_documented_message(mistake, project: Project):
    path = project.root / mistake.file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(mistake.content, encoding="utf-8")
    result = project.build()
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    printed = output.splitlines()
    for line in mistake.expected:
        assert line in printed, f"{line!r} not in:\n{output}"

