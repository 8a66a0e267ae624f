"""The files in .github/ follow GitHub's schemas: every workflow, the Dependabot file, the issue forms and the issue
chooser, each validated by check-jsonschema.

The schemas are the ones vendored in check-jsonschema (`--builtin-schema vendor.…`), so this runs offline.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workflows import GITHUB, ISSUE_FORMS, WORKFLOWS, load


def validate(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    """Validate files against one of check-jsonschema's vendored schemas."""
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", f"vendor.{schema}", "--color", "never", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_follows_the_github_workflow_schema(path):
    result = validate("github-workflows", path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_config_follows_its_schema():
    result = validate("dependabot", GITHUB / "dependabot.yml")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=lambda p: p.name)
def test_issue_form_follows_the_issue_forms_schema(path):
    result = validate("github-issue-forms", path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_chooser_config_follows_its_schema_and_disables_blank_issues():
    result = validate("github-issue-config", GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")["blank_issues_enabled"] is False


def test_a_workflow_without_runs_on_fails_validation_naming_the_problem(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("name: Broken\non: push\njobs:\n  test:\n    steps:\n      - run: python3 scripts/run.py test\n")
    result = validate("github-workflows", broken)
    assert result.returncode == 1
    assert "$.jobs.test: 'runs-on' is a required property" in result.stdout
