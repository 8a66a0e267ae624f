"""Start a new page from a template (`kb new TYPE PATH "Title"`).

The templates in templates/pages/ (outside docs/, so never published) give each kind of page its
front matter, its "In short" box, its sections and the macros it uses. What the writer must
replace is marked [WRITE: …]; the placeholder check flags every marker left, so an unfinished page
cannot pass the check or be built.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .urls import REGISTRY, published_url, register

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "pages"
PAGE_TYPES = ("topic", "country", "event")
DESCRIPTION = "[WRITE: what this page covers, in one sentence of at most 160 characters; it shows in search results and link previews]."
_PATH = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*\.md$")


class ScaffoldError(Exception):
    """A page that cannot be created; the message says why and what to do instead."""


@dataclass(frozen=True)
class NewPage:
    """A page just written: its path under docs/, and the addresses registered with it."""

    path: str
    registered: list[str]


def page_path(path: str) -> str:
    """The page's path under docs/, from what the writer typed ('practice/x.md' or 'docs/practice/x.md')."""
    path = path.removeprefix("docs/")
    if not _PATH.match(path):
        raise ScaffoldError(
            f"'{path}' is not a page path: use lower-case letters, digits and hyphens, folders separated by '/', "
            "ending in .md, for example practice/peer-leadership.md"
        )
    return path


def next_review(day: date) -> date:
    """The same day a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def page_text(kind: str, title: str, today: date) -> str:
    """The template of `kind` with its front matter filled in; the description is left for the writer."""
    if kind not in PAGE_TYPES:
        raise ScaffoldError(f"'{kind}' is not a page type: use one of {', '.join(PAGE_TYPES)}")
    if not title.strip() or "{" in title or "}" in title:
        raise ScaffoldError('give the page a title in words, without braces, for example "Peer leadership"')
    title = " ".join(title.split())
    values = {
        "{title}": json.dumps(title, ensure_ascii=False),  # a JSON string is a valid quoted YAML string
        "{description}": json.dumps(DESCRIPTION, ensure_ascii=False),
        "{last_reviewed}": today.isoformat(),
        "{review_due}": next_review(today).isoformat(),
        "{page_title}": title,
    }
    text = (TEMPLATES / f"{kind}.md").read_text(encoding="utf-8")
    for token, value in values.items():
        text = text.replace(token, value)
    return text


def new_page(root: Path, kind: str, path: str, title: str, today: date | None = None) -> NewPage:
    """Write docs/PATH from the template of `kind`, and register its address if the project keeps a
    registry of published addresses (a project without one has opted out, as in `kb urls`' check)."""
    rel = page_path(path)
    target = root / "docs" / rel
    text = page_text(kind, title, today or date.today())
    if target.exists():
        raise ScaffoldError(f"docs/{rel} already exists: choose another path, or edit that page")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    registered = register(root) if (root / REGISTRY).is_file() else []
    return NewPage(rel, registered)


def nav_line(root: Path, page: str, title: str) -> tuple[str | None, str]:
    """(nav section, line to paste into mkdocs.yml) for a new page: indented like the pages of its folder
    and placed in their section, or a top-level entry when no page of its folder is in the nav yet."""
    label = json.dumps(title, ensure_ascii=False) if re.search(r"[:#'\"\[\]{}]", title) else title
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines() if config.is_file() else []
    folder = page.rpartition("/")[0]
    for number, line in enumerate(lines):
        match = re.match(r"^(\s*)- (?:[^\n]*?: )?(\S+\.md)\s*$", line)
        if folder and match and match.group(2).startswith(folder + "/"):
            indent = match.group(1)
            section = next(
                (
                    re.sub(r"^\s*- (.*):\s*$", r"\1", above)
                    for above in reversed(lines[:number])
                    if re.match(r"^\s*- [^\n]*:\s*$", above) and len(above) - len(above.lstrip()) < len(indent)
                ),
                None,
            )
            return section, f"{indent}- {label}: {page}"
    return None, f"  - {label}: {page}"


def next_steps(root: Path, created: NewPage, title: str) -> list[str]:
    """What the writer does next, in order, as lines to print."""
    section, line = nav_line(root, created.path, title)
    where = f'under "{section}"' if section else "as a top-level entry, or in a new section"
    if created.registered:
        urls = "".join(f"\nregistered {url}" for url in created.registered)
        registry = f"Its address {published_url(created.path)} is now in {REGISTRY}; commit it with the page.{urls}"
    else:
        registry = f"{REGISTRY} does not exist in this project yet, so no address was registered (python3 scripts/run.py urls starts it)."
    return [
        f"Created docs/{created.path}.",
        registry,
        "",
        "Next steps:",
        f"1. Add the page to nav in mkdocs.yml, {where}, with this line:",
        line,
        "2. Write the content, replacing every [WRITE: …] marker, including the description in the front matter.",
        '3. Cite a source for every fact with {{ cite("key") }}, using keys from data/references/ (add new sources there).',
        "4. Run python3 scripts/run.py check until it reports no problems.",
        "5. Preview the page with python3 scripts/run.py preview.",
    ]
