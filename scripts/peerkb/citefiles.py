"""Citation files of every page, for reference managers (Zotero, EndNote, Mendeley, JabRef, LaTeX): BibTeX and RIS.

The build writes both beside each page that has a title and a review date (`cite.bib` and `cite.ris` in the page's
folder, `scripts/peerkb/hooks.py`), and "Cite this page" links to them. They say what that block says: the site as
author, the page's title, the day it was last reviewed (its version) and its permanent address, with the licence.

Titles come from front matter and the site's name and address from mkdocs.yml, so every value is written for its
format here, whatever it holds: in BibTeX, braces stay balanced and LaTeX's special characters are written as
commands; in RIS, nothing can start a new line (a line is a field there, and `ER  -` ends the record).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from .interface import UiText, project_strings
from .render import long_date

# The files beside every page, and the name a reader's browser saves them under (the page's own name, so that the
# files of two pages do not overwrite each other in a downloads folder).
BIBTEX_FILE = "cite.bib"
RIS_FILE = "cite.ris"

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class PageCitation:
    """What a citation of one page says."""

    path: str  # the page's address from the site root: 'recommendations/policy-brief/' ('' for the home page)
    author: str  # the site, as an organisation
    title: str
    reviewed: date  # the day the page was last reviewed: its version
    url: str  # the page's permanent address
    language: str
    licence: str | None  # 'CC BY 4.0' (mkdocs.yml: extra.licence.name)
    ui: UiText | None = None  # the site's own words in `language` (data/interface.yml); the project's English when None


def page_stem(url: str) -> str:
    """The page's own name, from its address ('recommendations/policy-brief/' → 'policy-brief'); the home page is 'home'."""
    return posixpath.basename(url.strip("/")) or "home"


def citation_key(url: str) -> str:
    """A BibTeX key from a page's address: letters, digits and hyphens only ('recommendations/policy-brief/' →
    'recommendations-policy-brief')."""
    return re.sub(r"[^A-Za-z0-9]+", "-", url.strip("/")).strip("-") or "home"


def _plain(text: str) -> str:
    """Text on one line: every run of white space (line breaks of any kind, tabs) becomes one space, and control and
    format characters (which no reader sees, and which can reverse how a line reads) are dropped."""
    kept = "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf"))
    return " ".join(kept.split())


# LaTeX's special characters, written so that BibTeX's brace counting and LaTeX both read them as the characters.
# Braces are written as commands with an empty group, because BibTeX counts '\{' as a brace.
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_BIBTEX_RE = re.compile("|".join(re.escape(ch) for ch in _BIBTEX_SPECIAL))


def bibtex_text(text: str) -> str:
    """A value for a BibTeX field in braces: on one line, with LaTeX's special characters escaped."""
    return _BIBTEX_RE.sub(lambda m: _BIBTEX_SPECIAL[m.group(0)], _plain(text))


def bibtex_url(url: str) -> str:
    """An address for BibTeX's url field, which LaTeX reads as written: characters that would end the field or the
    line (braces, backslashes, spaces, control characters) are percent-encoded, as in any address."""
    return quote(url.strip(), safe="!#$%&'()*+,/:;=?@[]~-._")


def ris_text(text: str) -> str:
    """A value for an RIS field: on one line, so that it can never start a field of its own."""
    return _plain(text)


def note(c: PageCitation) -> str:
    """When the page was last reviewed (its version), and its licence, in the site's language."""
    ui = c.ui if c.ui is not None else project_strings(c.language)
    reviewed = ui["citation_note_reviewed"].format(date=long_date(c.reviewed, ui.language))
    return reviewed + (" " + ui["citation_note_licence"].format(licence=c.licence) if c.licence else "")


def bibtex(c: PageCitation) -> str:
    """The page as a BibTeX entry (@misc, which every style knows; biblatex reads url and date too)."""
    fields = [
        ("author", "{" + bibtex_text(c.author) + "}"),  # in double braces: an organisation, not a person's names
        ("title", "{" + bibtex_text(c.title) + "}"),  # in double braces: capitals kept as written
        ("year", str(c.reviewed.year)),
        ("month", MONTHS[c.reviewed.month - 1]),
        ("date", c.reviewed.isoformat()),
        ("url", bibtex_url(c.url)),
        ("language", bibtex_text(c.language)),
        ("note", bibtex_text(note(c))),
    ]
    lines = [f"@misc{{{citation_key(c.path)},"]
    for name, value in fields:
        lines.append(f"  {name} = {value}," if name == "month" else f"  {name} = {{{value}}},")
    return "\n".join(lines) + "\n}\n"


def ris(c: PageCitation) -> str:
    """The page as an RIS record (type ELEC, a web page), lines ending in CR LF as the format asks."""
    fields = [
        ("TY", "ELEC"),
        ("AU", ris_text(c.author)),
        ("TI", ris_text(c.title)),
        ("PY", str(c.reviewed.year)),
        ("DA", c.reviewed.strftime("%Y/%m/%d")),
        ("UR", ris_text(c.url)),
        ("LA", ris_text(c.language)),
        ("N1", ris_text(note(c))),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in fields)
