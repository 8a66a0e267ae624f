"""The urgent-help cards in a build of the fixture site: a card whose source was published in an earlier year than
the check says so, with a link to the line's own site."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.build


def test_the_built_help_page_shows_the_year_of_an_older_source(project):
    project.replace("data/references.yml", "  accessed: 2026-11-01\n", "  year: 2025\n  accessed: 2026-11-01\n")
    result = project.build()
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project.root / "site" / "index.html").read_text(encoding="utf-8")
    assert (
        '<p class="kb-helpline__checked kb-helpline__dated">Details as published in 2025 — check '
        '<a href="https://test-org.example/">the line\'s own site</a>.</p>'
    ) in html
