"""How a reader tells the site that something is wrong, from any page, without knowing how the site is made.

Every page ends with "Report a problem with this page", and, when the site is configured for them:

- the report link opens a report on the code host (`repo_url`), with the page's title and address filled in;
  without a repository it leads to the site's own page on reporting errors (`extra.report_page`), never nowhere;
- "Email us about this page" (`extra.report_email`), with the page's title and address in the message;
- "Suggest a change": the page's own file on the code host (MkDocs' edit link);
- for a page built from data (the urgent-help numbers, the glossary…), a link to edit each data file whose
  entries the page shows, from the site index (`siteindex.SiteIndex.data`): the page's own file holds only
  the macro call, a dead end for someone correcting a phone number.

Every link here is a plain link: nothing is sent anywhere until the reader follows one.
The theme shows these links (overrides/partials/page-feedback.html); the hooks compute them for each page.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode, urljoin, urlsplit

from .interface import UiText, project_strings

# The issue form a report opens on GitHub (.github/ISSUE_TEMPLATE/); its `page` field takes the page's address.
REPORT_FORM = "report-an-error.yml"
REPORT_FORM_PAGE_FIELD = "page"

# One plain address: letters, digits and . _ + - before the @, a host name of letters, digits and hyphens after
# it. Nothing that a mail program reads as more than an address (no ?, &, %, commas, spaces or angle brackets),
# so a setting cannot add recipients or text to the messages readers send.
_EMAIL = re.compile(r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")


def email_problem(value: object) -> str | None:
    """Why `value` cannot be the site's address for reports, or None when it is one plain email address."""
    if isinstance(value, str) and len(value) <= 254 and _EMAIL.fullmatch(value):
        return None
    return f"extra: report_email '{value}' is not an email address"


EMAIL_HINT = "write one plain address, such as corrections@example.org, or remove the setting; it becomes the 'Email us about this page' link on every page"


@dataclass(frozen=True)
class PageFeedback:
    """The links at the end of one page for readers who want to report a problem or suggest a change."""

    report: str | None  # "Report a problem with this page"
    on_code_host: bool = False  # whether `report` opens a form on the code host (which needs an account there)
    email: str | None = None  # "Email us about this page" (a mailto: link)
    suggest: str | None = None  # "Suggest a change": the page's own file on the code host
    data: list[tuple[str, str]] = field(default_factory=list)  # (data file, where to edit it) for a page built from data


def report_url(repo_url: str, title: str, address: str, ui: UiText | None = None) -> str:
    """A new report on the code host with the page's title and address filled in.

    GitLab takes issue[title] and issue[description]; GitHub (and Gitea or Forgejo, which read the same `title` and
    `body`) open the report form, whose `page` field takes the address; `body` serves a repository without the form.
    The words around the title and address are the site's own (`ui`, data/interface.yml), in its language."""
    ui = ui if ui is not None else project_strings()
    repo = repo_url.rstrip("/")
    body = f"{ui['report_page'].format(title=title)}\n{address}\n\n{ui['report_what']}\n"
    heading = ui["report_title"].format(title=title)
    if "gitlab" in (urlsplit(repo).hostname or ""):
        return f"{repo}/-/issues/new?" + urlencode({"issue[title]": heading, "issue[description]": body}, quote_via=quote)
    query = {"template": REPORT_FORM, "title": heading, REPORT_FORM_PAGE_FIELD: address, "body": body}
    return f"{repo}/issues/new?" + urlencode(query, quote_via=quote)


def mail_url(email: str, title: str, address: str, ui: UiText | None = None) -> str:
    """A message to the site's address with the page's title and address in it (RFC 6068: %20 for spaces, CRLF)."""
    ui = ui if ui is not None else project_strings()
    body = f"{ui['report_page'].format(title=title)}\r\n{address}\r\n\r\n{ui['report_what']}\r\n"
    fields = {"subject": ui["mail_subject"].format(title=title), "body": body}
    return f"mailto:{email}?" + urlencode(fields, quote_via=quote)


def data_edit_urls(page_edit_url: str, page_src: str, docs_dir: str, root: str, files: list[str]) -> list[tuple[str, str]]:
    """(file, edit address) of each data file, worked out from the page's own edit address: that address is the
    docs folder's edit address followed by the page's path, and data files sit beside the docs folder."""
    if not page_edit_url.endswith(page_src):
        return []
    base = page_edit_url[: -len(page_src)]
    docs = posixpath.relpath(docs_dir.replace("\\", "/"), root.replace("\\", "/"))
    return [(file, urljoin(base, posixpath.relpath(file, docs))) for file in files]


def for_page(page: Any, config: Any, data_files: list[str], ui: UiText | None = None) -> PageFeedback | None:
    """The links for one built page (`page` and `config` are MkDocs' page and configuration), or None when the
    site is configured with no way to report anything; the words of the report in the site's language (`ui`)."""
    from mkdocs.utils import get_relative_url

    title = str((page.meta or {}).get("title") or page.title or config.site_name)
    address = str(page.canonical_url or page.abs_url or page.url)
    extra = config.extra or {}
    email = extra.get("report_email")
    mailto = mail_url(email, title, address, ui) if isinstance(email, str) and email_problem(email) is None else None
    report: str | None = None
    if config.repo_url:
        report = report_url(str(config.repo_url), title, address, ui)
    elif isinstance(extra.get("report_page"), str):
        report = get_relative_url(extra["report_page"], page.url)
    suggest = page.edit_url or None
    root = posixpath.dirname(str(config.config_file_path).replace("\\", "/"))
    data = data_edit_urls(suggest, page.file.src_uri, str(config.docs_dir), root, data_files) if suggest else []
    if report is None and mailto is None:
        return None
    return PageFeedback(report, bool(config.repo_url), mailto, suggest, data)
