"""The files in .github/: every workflow, the Dependabot file and the issue forms follow GitHub's schemas, and
the workflows run the README's commands, so CI does exactly what a contributor does on their own machine.

The schemas are the ones vendored in check-jsonschema (`--builtin-schema vendor.…`), so this runs offline.
"""

from __future__ import annotations

import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.y*ml") if p.stem != "config")
# Every `python3 scripts/run.py TASK` command the README documents.
README_COMMANDS = set(re.findall(r"python3 scripts/run\.py [a-z]+", (ROOT / "README.md").read_text(encoding="utf-8")))
TEST = "python3 scripts/run.py test"
BUILD = "python3 scripts/run.py build"


def validate(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    """Validate files against one of check-jsonschema's vendored schemas."""
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", f"vendor.{schema}", "--color", "never", *map(str, files)],
        capture_output=True, text=True, check=False,
    )


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    """The workflow's `on:` block (YAML 1.1 readers such as PyYAML read the key `on` as True)."""
    on = workflow.get("on", workflow.get(True))
    return {on: None} if isinstance(on, str) else dict.fromkeys(on, None) if isinstance(on, list) else on


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def workflow(name: str) -> dict:
    return load(GITHUB / "workflows" / name)


def step_running(workflow: dict, command: str) -> dict:
    found = [s for s in steps(workflow) if s.get("run", "").strip() == command]
    assert len(found) == 1, f"expected exactly one step that runs `{command}`, found {len(found)}"
    return found[0]


# --- Schemas --------------------------------------------------------------------------------------------------


def test_the_expected_files_exist():
    names = {p.name for p in WORKFLOWS}
    assert {"checks.yml", "preview.yml", "deploy.yml", "links.yml"} <= names
    assert {p.name for p in ISSUE_FORMS} >= {"report-an-error.yml", "suggest-a-topic.yml", "update-urgent-help.yml"}


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


# --- What the workflows run -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_runs_only_the_readme_commands(path):
    """Every call of scripts/run.py is one of the README's commands, and no workflow calls the tools behind it."""
    for step in steps(load(path)):
        if step.get("shell") == "python":
            continue  # an inline Python script (the link check), not shell commands
        for line in step.get("run", "").splitlines():
            line = line.strip()
            if "scripts/run.py" in line:
                assert line in README_COMMANDS, f"{path.name}: `{line}` is not one of the README's commands"
            assert not re.search(r"\b(pytest|mkdocs (build|serve)|kb (test|build|check))\b", line), (
                f"{path.name}: `{line}` bypasses the README's commands"
            )


def test_checks_run_the_readme_test_command_on_pull_requests_and_main():
    checks = workflow("checks.yml")
    on = triggers(checks)
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]
    assert step_running(checks, TEST).get("env", {}).get("CI") == "true"


def test_preview_builds_the_site_and_uploads_it_for_reviewers():
    preview = workflow("preview.yml")
    assert set(triggers(preview)) == {"pull_request"}
    step_running(preview, BUILD)
    upload = next(s for s in steps(preview) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "site-preview"
    assert upload["with"]["path"].rstrip("/") == "site"


def test_deploy_builds_with_the_published_addresses_and_deploys_to_pages():
    deploy = workflow("deploy.yml")
    assert set(triggers(deploy)) == {"push", "workflow_dispatch"}
    assert triggers(deploy)["push"]["branches"] == ["main"]
    assert deploy["concurrency"]["group"] == "pages"
    env = step_running(deploy, BUILD)["env"]
    assert env["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert env["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert env["EDIT_URI"] == "edit/main/docs/"
    uses = [s.get("uses", "").split("@")[0] for s in steps(deploy)]
    assert ["actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"] == [
        u for u in uses if u.startswith(("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"))
    ]
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_link_check_is_scheduled_and_never_runs_on_pull_requests():
    links = workflow("links.yml")
    on = triggers(links)
    assert set(on) == {"schedule", "workflow_dispatch"}
    step_running(links, BUILD)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_token_is_read_only_by_default(path):
    assert load(path)["permissions"] == {"contents": "read"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_major_version(path):
    for step in steps(load(path)):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), f"{path.name}: pin {step['uses']!r} to a major version"


# --- The link check's script ----------------------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    """Stands in for the outside world: a working page, a missing one, one that refuses HEAD, one that refuses us."""

    def _answer(self, head: bool) -> None:
        path = self.path.split("#")[0]
        if path == "/gone":
            self.send_error(404)
        elif path == "/refused":
            self.send_error(403)
        elif path == "/no-head" and head:
            self.send_error(405)
        else:
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def do_HEAD(self):  # noqa: N802 (the name http.server expects)
        self._answer(head=True)

    def do_GET(self):  # noqa: N802
        self._answer(head=False)

    def log_message(self, *args):
        pass


@pytest.fixture
def outside_world():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def run_link_check(tmp_path: Path, pages: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], str, str]:
    script = next(s for s in steps(workflow("links.yml")) if s.get("id") == "links")
    assert script["shell"] == "python"
    (tmp_path / "check.py").write_text(script["run"], encoding="utf-8")
    for name, body in pages.items():
        (tmp_path / "site" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "site" / name).write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy") and not k.startswith("GITHUB_")}
    env |= {"SITE_DIR": str(tmp_path / "site"), "LINK_REPORT": str(tmp_path / "report.md"), "LINK_TIMEOUT": "5",
            "GITHUB_OUTPUT": str(tmp_path / "output"), "NO_PROXY": "*"}
    result = subprocess.run([sys.executable, str(tmp_path / "check.py")], capture_output=True, text=True, env=env, timeout=60)
    return result, (tmp_path / "report.md").read_text(encoding="utf-8"), (tmp_path / "output").read_text(encoding="utf-8")


def test_link_check_reports_broken_and_unconfirmed_links_with_their_pages(tmp_path, outside_world):
    result, report, output = run_link_check(tmp_path, {
        "index.html": f'<a href="{outside_world}/ok">ok</a> <a href="{outside_world}/gone">gone</a> '
                      f'<a href="{outside_world}/no-head#part">no HEAD</a> <a href="{outside_world}/refused">refused</a> '
                      '<a href="http://127.0.0.1:8000/about/">the site itself</a> <a href="about/">relative</a>',
        "about/index.html": f'<a href="{outside_world}/gone#again">gone again</a>',
    })
    assert result.returncode == 0, result.stderr
    assert output.splitlines() == ["broken=1", "unsure=1"]
    assert "4 external links checked" in report
    assert f"| {outside_world}/gone | 404 Not Found | `/`, `about/` |" in report
    assert f"| {outside_world}/refused | 403 Forbidden | `/` |" in report
    assert report.index("### Broken") < report.index("/gone") < report.index("### Could not be confirmed") < report.index("/refused")
    assert "/ok" not in report and "/no-head" not in report and "127.0.0.1:8000" not in report


def test_link_check_finds_nothing_to_report_when_every_link_works(tmp_path, outside_world):
    result, report, output = run_link_check(tmp_path, {"index.html": f'<a href="{outside_world}/ok">ok</a>'})
    assert result.returncode == 0, result.stderr
    assert output.splitlines() == ["broken=0", "unsure=0"]
    assert "1 external links checked" in report and "###" not in report


# --- Contributors' files --------------------------------------------------------------------------------------


def test_pre_commit_hooks_are_local_and_run_the_readme_check_command():
    config = load(ROOT / ".pre-commit-config.yaml")
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert {repo["repo"] for repo in config["repos"]} == {"local"}, "remote hook repositories need network access at commit time"
    assert all(hook["language"] == "system" for hook in hooks)
    assert [hook["entry"] for hook in hooks] == ["python3 scripts/run.py check"]
    assert all(re.match(hooks[0]["files"], path) for path in ("docs/index.md", "data/helplines.yml", "scripts/peerkb/cli.py"))


def test_pull_request_checklist_asks_for_the_readme_test_command():
    assert f"- [ ] I ran `{TEST}`" in (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")


def test_urgent_help_form_says_it_is_not_a_way_to_get_help():
    form = load(GITHUB / "ISSUE_TEMPLATE" / "update-urgent-help.yml")
    first = form["body"][0]
    assert first["type"] == "markdown"
    assert "not a way to get help" in first["attributes"]["value"] and "**112**" in first["attributes"]["value"]
    ids = {item.get("id") for item in form["body"]}
    assert {"country", "service", "change", "source", "date-checked"} <= ids
