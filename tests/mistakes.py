"""The mistakes on docs/contribute/common-mistakes.md, read from the page for the tests that make each one for real
(tests/unit/test_common_mistakes.py runs the check, tests/builds/test_common_mistakes_built.py the build).

The page's structure, which these tests rely on: each mistake is a `## Title {#id}` section with
- a line "In `PATH`:" followed by a fenced block: the whole file, written new, with the mistake in it;
- a line "The check prints:" or "The build prints:" followed by a ```text block: the expected output.
`{% raw %}` and `{% endraw %}` lines (which keep macro syntax from running on the page) are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpers import ROOT

PAGE = ROOT / "docs" / "contribute" / "common-mistakes.md"


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
        assert head and where and output, f"section '## {heading}' does not follow the structure described in tests/mistakes.py"
        mistakes.append(
            Mistake(
                head["id"],
                head["title"],
                where["file"],
                where["content"],
                output["tool"],
                tuple(output["expected"].rstrip("\n").split("\n")),
            )
        )
    return mistakes


MISTAKES = parse(PAGE.read_text(encoding="utf-8"))
