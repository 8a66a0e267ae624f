"""The files in .github/, as the tests of the workflows read them (tests/unit/test_workflows.py,
tests/integration/test_github_schemas.py and tests/integration/test_link_check_workflow.py)."""

from __future__ import annotations

from pathlib import Path

import yaml

from helpers import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.y*ml") if p.stem != "config")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def workflow(name: str) -> dict:
    return load(GITHUB / "workflows" / name)


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def link_check_step() -> dict:
    """The step of the weekly link check that runs lychee and writes its report (links.yml, id: links)."""
    found = [s for s in steps(workflow("links.yml")) if s.get("id") == "links"]
    assert len(found) == 1
    return found[0]
