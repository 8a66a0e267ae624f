"""The mistakes on docs/contribute/common-mistakes.md that the build reports, made for real in a strict MkDocs build
of the small fixture site: the page shows exactly the lines the build prints (the page's structure is described in
tests/mistakes.py). Link warnings do not depend on the project, and the fixture builds in a second or two."""

from __future__ import annotations

import pytest

from helpers import Project
from mistakes import MISTAKES

pytestmark = pytest.mark.build


@pytest.mark.parametrize("mistake", [m for m in MISTAKES if m.tool == "build"], ids=lambda m: m.id)
def test_the_build_prints_the_documented_message(mistake, project: Project):
    path = project.root / mistake.file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(mistake.content, encoding="utf-8")
    result = project.build()
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    # Every warning and error the build printed, and nothing else, is on the page.
    reported = [line for line in output.splitlines() if line.startswith(("WARNING ", "ERROR "))]
    assert reported == list(mistake.expected), output
