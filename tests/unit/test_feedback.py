"""How readers report a problem from any page (peerkb/feedback.py): the prefilled report on the code host, the email,
the links to the data files a page shows, and the settings behind them, which the check keeps to plain values.
The built pages are checked in tests/integration/test_real_site.py."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from mkdocs.exceptions import PluginError

from helpers import ROOT
from peerkb import feedback, hooks
from peerkb.check import check_project

REPO = "https://github.com/example/peer-support-kb"
TITLE = "Q&A: what #1 means / 100% sure?"
ADDRESS = "https://peer-support.example/peer-support/benefits/"


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


# --- the report on the code host ------------------------------------------------------------------------------


def test_the_report_opens_the_report_form_with_the_page_s_title_and_address_filled_in():
    url = feedback.report_url(REPO + "/", TITLE, ADDRESS)
    assert url.startswith(REPO + "/issues/new?")
    assert query(url) == {
        "template": ["report-an-error.yml"],
        "title": [f"Error: {TITLE}"],
        "page": [ADDRESS],
        "body": [f"Page: {TITLE}\n{ADDRESS}\n\nWhat is wrong:\n"],
    }
    # Every reserved character of the title and the address is encoded: none can start a parameter of its own.
    assert url.count("&") == 3 and url.count("#") == 0 and "%26" in url and "%23" in url and " " not in url


def test_gitlab_takes_its_own_parameters():
    url = feedback.report_url("https://gitlab.com/example/kb", TITLE, ADDRESS)
    assert url.startswith("https://gitlab.com/example/kb/-/issues/new?")
    assert query(url) == {"issue[title]": [f"Error: {TITLE}"], "issue[description]": [f"Page: {TITLE}\n{ADDRESS}\n\nWhat is wrong:\n"]}


def test_the_report_form_has_the_field_the_report_link_fills_in():
    """GitHub fills a field of an issue form from the query parameter named by the field's id: the form must exist
    and have a field with that id, or the page's address would be lost on the way."""
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / feedback.REPORT_FORM).read_text(encoding="utf-8"))
    fields = {item.get("id"): item["type"] for item in form["body"]}
    assert fields[feedback.REPORT_FORM_PAGE_FIELD] == "input"


def test_the_email_carries_the_page_s_title_and_address():
    url = feedback.mail_url("corrections@example.org", TITLE, ADDRESS)
    assert url.startswith("mailto:corrections@example.org?subject=")
    assert query(url) == {"subject": [f"Problem on the page: {TITLE}"], "body": [f"Page: {TITLE}\r\n{ADDRESS}\r\n\r\nWhat is wrong:\r\n"]}
    assert "+" not in url and " " not in url  # mail programs read + as a plus sign: spaces are %20


# --- the address for reports ----------------------------------------------------------------------------------


@pytest.mark.parametrize("address", ["corrections@example.org", "peer.support+site@mail.example.co.uk", "a_b-c@x-y.example"])
def test_a_plain_email_address_is_accepted(address):
    assert feedback.email_problem(address) is None


@pytest.mark.parametrize(
    "value",
    [
        "help@example.org?bcc=harvest@tracker.example",  # copies every reader's message to someone else
        "help@example.org,harvest@tracker.example",
        "help@example.org&body=Send%20your%20password",
        "Help Desk <help@example.org>",
        "help@example.org\nBcc: harvest@tracker.example",
        "javascript:alert(1)//@example.org",
        "help@exаmple.org",  # a Cyrillic 'а'
        "help@localhost",
        "help.@example.org",
        "help@example..org",
        "@example.org",
        "",
        42,
        ["help@example.org"],
    ],
)
def test_anything_but_one_plain_address_is_refused(value):
    assert feedback.email_problem(value) == f"extra: report_email '{value}' is not an email address"


def test_the_check_names_mkdocs_yml_and_the_line_of_a_bad_address(project):
    project.replace("mkdocs.yml", "help_page: world/", 'help_page: world/\n  report_email: "help@example.org?bcc=harvest@tracker.example"')
    assert project.problems() == [
        "mkdocs.yml:20: extra: report_email 'help@example.org?bcc=harvest@tracker.example' is not an email address (write one plain "
        "address, such as corrections@example.org, or remove the setting; it becomes the 'Email us about this page' link on every page)"
    ]


def test_the_check_accepts_a_plain_address_and_an_address_from_the_environment(project):
    project.replace("mkdocs.yml", "help_page: world/", "help_page: world/\n  report_email: corrections@example.org")
    assert project.problems() == []
    project.replace("mkdocs.yml", "report_email: corrections@example.org", "report_email: !ENV REPORT_EMAIL")
    assert project.problems() == []


def test_the_build_refuses_a_bad_address_from_the_environment():
    """`kb check` sees only the name of an environment variable; the hooks check the value MkDocs read."""
    with pytest.raises(PluginError, match=r"^mkdocs.yml: extra: report_email 'x@y.org\?cc=z@w.example' is not an email address \(write one"):
        hooks.check_report_email(SimpleNamespace(extra={"report_email": "x@y.org?cc=z@w.example"}))
    hooks.check_report_email(SimpleNamespace(extra={"report_email": "corrections@example.org"}))


def test_the_page_on_reporting_errors_must_exist(project):
    project.replace("mkdocs.yml", "help_page: world/", "help_page: world/\n  report_page: about/report/")
    assert project.problems() == [
        "mkdocs.yml:20: extra: report_page 'about/report/' is not the address of a page (give the address of the page on reporting errors, e.g. about/report-an-error/)"
    ]
    project.replace("mkdocs.yml", "report_page: about/report/", "report_page: lists/")
    assert project.problems() == []


# --- the data files a page shows ------------------------------------------------------------------------------


def test_the_site_index_knows_the_data_files_each_page_shows(project):
    index = check_project(project.root).index
    assert index.data == {
        "index.md": ["data/helplines.yml"],
        "world.md": ["data/countries.yml", "data/events.yml"],
        "lists.md": ["data/organisations.yml", "data/references.yml", "data/glossary.yml"],
        "recs.md": ["data/recommendations.yml"],
    }


def test_a_kind_of_data_kept_in_a_folder_links_to_the_file_of_each_entry_shown(project):
    glossary = (project.root / "data" / "glossary.yml").read_text(encoding="utf-8")
    (project.root / "data" / "glossary.yml").unlink()
    (project.root / "data" / "glossary").mkdir()
    (project.root / "data" / "glossary" / "a.yml").write_text(glossary, encoding="utf-8")
    (project.root / "data" / "glossary" / "b.yml").write_text("[]\n", encoding="utf-8")
    result = check_project(project.root)
    assert result.kb.files["glossary"] == {"test-term": "data/glossary/a.yml"}
    assert result.index.data["lists.md"] == ["data/organisations.yml", "data/references.yml", "data/glossary/a.yml"]


def test_data_files_are_edited_beside_the_docs_folder():
    urls = feedback.data_edit_urls(REPO + "/edit/main/docs/get-help-now.md", "get-help-now.md", "/p/docs", "/p", ["data/helplines.yml"])
    assert urls == [("data/helplines.yml", REPO + "/edit/main/data/helplines.yml")]
    nested = feedback.data_edit_urls(REPO + "/edit/main/site/docs/a/b.md", "a/b.md", "/p/site/docs", "/p", ["data/glossary/core.yml"])
    assert nested == [("data/glossary/core.yml", REPO + "/edit/main/data/glossary/core.yml")]
    # An edit address that does not end with the page's path (a custom template) gives no guess.
    assert feedback.data_edit_urls(REPO + "/edit/main/docs/a.md?plain=1", "a.md", "/p/docs", "/p", ["data/helplines.yml"]) == []


# --- one page's links -----------------------------------------------------------------------------------------


def page(**more):
    values = {
        "meta": {"title": "Get help now"},
        "title": "Get help now",
        "canonical_url": "https://peer-support.example/get-help-now/",
        "abs_url": "/get-help-now/",
        "url": "get-help-now/",
        "edit_url": REPO + "/edit/main/docs/get-help-now.md",
        "file": SimpleNamespace(src_uri="get-help-now.md"),
    }
    return SimpleNamespace(**(values | more))


def config(**more):
    values = {
        "site_name": "Site",
        "repo_url": REPO,
        "extra": {"report_page": "about/report-an-error/"},
        "config_file_path": "/p/mkdocs.yml",
        "docs_dir": "/p/docs",
    }
    return SimpleNamespace(**(values | more))


def test_a_page_built_from_data_links_to_the_report_form_its_text_and_its_data():
    links = feedback.for_page(page(), config(), ["data/helplines.yml"])
    assert links is not None
    assert links.report == feedback.report_url(REPO, "Get help now", "https://peer-support.example/get-help-now/")
    assert links.on_code_host is True
    assert links.suggest == REPO + "/edit/main/docs/get-help-now.md"
    assert links.data == [("data/helplines.yml", REPO + "/edit/main/data/helplines.yml")]
    assert links.email is None  # no address is invented


def test_without_a_repository_the_report_link_leads_to_the_site_s_own_page():
    links = feedback.for_page(page(edit_url=None), config(repo_url=None), ["data/helplines.yml"])
    assert links == feedback.PageFeedback(report="../about/report-an-error/", on_code_host=False, email=None, suggest=None, data=[])


def test_an_address_for_reports_adds_the_email_link():
    links = feedback.for_page(page(), config(extra={"report_email": "corrections@example.org"}), [])
    assert links is not None and links.email == feedback.mail_url("corrections@example.org", "Get help now", "https://peer-support.example/get-help-now/")
    refused = feedback.for_page(page(), config(extra={"report_email": "a@b.org?bcc=c@d.example"}), [])
    assert refused is not None and refused.email is None


def test_with_nowhere_to_send_a_report_the_page_shows_no_links():
    assert feedback.for_page(page(edit_url=None), config(repo_url=None, extra={}), []) is None
