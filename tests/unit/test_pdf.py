"""The PDFs of the pages readers print: when they are made, what a missing Chromium makes the build say, and the page
as Chromium prints it (links to the published site, no date of access). Printing itself is tested on the built site
(tests/browser/test_print.py)."""

from __future__ import annotations

import pytest

from peerkb import pdf

JOB = pdf.PrintJob("docs/recommendations/policy-brief.md", "recommendations/policy-brief/", "https://example.org/kb/recommendations/policy-brief/", "x.pdf")
HINT = (
    "install Debian's package with 'sudo apt-get install chromium' (or set KB_CHROMIUM to a Chromium binary), "
    'or set KB_PDF=skip to build the site without them and without their "Download PDF" links'
)


def test_builds_make_the_pdfs_and_the_preview_does_not_unless_kb_pdf_says_otherwise():
    assert [pdf.mode(command, None) for command in ("build", "gh-deploy", "serve")] == ["make", "make", "skip"]
    assert [pdf.mode("build", "skip"), pdf.mode("serve", "make"), pdf.mode("serve", "")] == ["skip", "make", "skip"]
    with pytest.raises(pdf.PdfFailed) as failed:
        pdf.mode("build", "yes")
    assert str(failed.value) == "KB_PDF is 'yes' (set it to make or skip, or leave it unset: builds make the PDFs, the preview does not)"


def test_the_pdf_is_named_after_the_page():
    assert [pdf.pdf_name("recommendations/policy-brief/"), pdf.pdf_name("recommendations/"), pdf.pdf_name("")] == [
        "policy-brief.pdf",
        "recommendations.pdf",
        "home.pdf",
    ]


def test_without_chromium_the_build_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "find_chromium", lambda: None)
    jobs = [JOB, JOB, JOB]
    with pytest.raises(pdf.PdfFailed) as failed:
        pdf.make_pdfs(tmp_path, jobs)
    assert str(failed.value) == f"Chromium was not found, so the PDFs of the pages readers print (x.pdf, x.pdf and 1 more) cannot be made: {HINT}"


def test_a_chromium_that_is_not_a_program_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("KB_CHROMIUM", str(tmp_path / "no-chromium"))
    assert pdf.find_chromium() == str(tmp_path / "no-chromium")
    with pytest.raises(pdf.PdfFailed) as failed:
        pdf.make_pdfs(tmp_path, [JOB])
    assert str(failed.value) == f"KB_CHROMIUM is '{tmp_path / 'no-chromium'}', which is not a program, so the PDFs (x.pdf) cannot be made: {HINT}"


def test_no_pages_to_print_need_no_chromium(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "find_chromium", lambda: None)
    assert pdf.make_pdfs(tmp_path, []) == 0.0


def test_the_printed_page_links_to_the_published_site_and_leaves_out_the_date_of_access():
    html = (
        '<a href="../">Recommendations</a> <a class="x" href="../../evidence/limits/#gaps">limits</a> <a href="#ref-a" id="cite-a-1">A</a> '
        '<a href="https://doi.org/10.1/x">doi</a> <a href="mailto:a@example.org">mail</a> <a href="policy-brief.pdf" download>PDF</a> '
        '<link href="../../assets/kb.css" rel="stylesheet"> <span class="kb-cite-page__accessed" data-kb-cite-accessed></span>'
    )
    assert pdf.for_print(html, JOB.url) == (
        '<a href="https://example.org/kb/recommendations/">Recommendations</a> '
        '<a class="x" href="https://example.org/kb/evidence/limits/#gaps">limits</a> <a href="#ref-a" id="cite-a-1">A</a> '
        '<a href="https://doi.org/10.1/x">doi</a> <a href="mailto:a@example.org">mail</a> '
        '<a href="https://example.org/kb/recommendations/policy-brief/policy-brief.pdf" download>PDF</a> '
        '<link href="../../assets/kb.css" rel="stylesheet"> <span class="kb-cite-page__accessed"></span>'
    )
