"""The files a build writes beside pages, on the fixture site with the site's hooks: citation files for every page,
and a PDF of a page readers print, made by headless Chromium; without Chromium the build stops and says what to do."""

from __future__ import annotations

import os
import shutil

import pytest

from helpers import ROOT, bibtex_value, parse_bibtex, parse_ris
from pdftext import read_pdf
from peerkb.pdf import find_chromium

pytestmark = pytest.mark.build

HINT = (
    "install Debian's package with 'sudo apt-get install chromium' (or set KB_CHROMIUM to a Chromium binary), "
    'or set KB_PDF=skip to build the site without them and without their "Download PDF" links'
)


@pytest.fixture
def printing(project):
    """The fixture with the site's hooks, and its recommendations page one that readers print."""
    hooks = project.root / "scripts" / "peerkb" / "hooks.py"
    hooks.parent.mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "peerkb" / "hooks.py", hooks)
    project.append("mkdocs.yml", "hooks:\n  - scripts/peerkb/hooks.py\n")
    project.replace("docs/recs.md", "review_due: 2027-01-01\n", "review_due: 2027-01-01\nprint_button: true\n")
    return project


def test_without_chromium_the_build_stops_and_says_what_to_install(printing, tmp_path):
    missing = tmp_path / "no-chromium"
    result = printing.build(KB_CHROMIUM=str(missing))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"KB_CHROMIUM is '{missing}', which is not a program, so the PDFs (recs/recs.pdf) cannot be made: {HINT}" in output
    assert "Traceback" not in output


def test_kb_pdf_skip_builds_without_the_pdf_and_says_so(printing):
    result = printing.build(KB_PDF="skip", KB_CHROMIUM="/nonexistent/chromium")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert 'KB_PDF=skip: the pages readers print (1) were not printed to PDF, and their "Download PDF" links are left out.' in output
    assert not (printing.root / "site" / "recs" / "recs.pdf").exists()
    # The citation files are written all the same, for every page.
    kind, key, fields = parse_bibtex((printing.root / "site" / "recs" / "cite.bib").read_text(encoding="utf-8"))
    assert (kind, key, bibtex_value(fields["title"]), bibtex_value(fields["author"])) == ("misc", "recs", "Fixture recommendations", "Fixture")
    assert ("TI", "Fixture home") in parse_ris((printing.root / "site" / "cite.ris").read_bytes())


def test_the_build_prints_a_page_readers_print_to_a_pdf_beside_it(printing):
    if not find_chromium():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium was not found (CI=true: this test must run in CI)")
        pytest.skip("Chromium was not found: install Debian's package with 'sudo apt-get install chromium'")
    printing.append("mkdocs.yml", "site_url: https://kb.example/fixture/\n")
    result = printing.build()
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Printed 1 page to PDF with Chromium in " in output
    pages = read_pdf((printing.root / "site" / "recs" / "recs.pdf").read_bytes())
    assert pages and pages[0].text.startswith("Fixture recommendations\n")  # the paper size is the stylesheet's (A4 on the site)
    # Links lead to the published site, never to the local server Chromium printed from.
    raw = (printing.root / "site" / "recs" / "recs.pdf").read_bytes()
    assert b"/URI (https://kb.example/fixture/" in raw and b"127.0.0.1" not in raw
    assert not (printing.root / "site" / "lists" / "lists.pdf").exists()
