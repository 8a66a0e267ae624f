"""Every built page, redirect pages and the 404 page included, is valid HTML: the Nu HTML Checker (vnu.jar,
pinned in package-lock.json, run with the system's Java) finds no error.

All pages go to one run of the checker, because starting Java takes seconds.
"""

from __future__ import annotations

import contextlib

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from helpers import html_pages

pytestmark = pytest.mark.build

# Errors the checker reports that are accepted, each an exact message together with the exact start tag it is
# reported on, so that the same mistake anywhere else still fails. Only for what comes from the theme and
# cannot be fixed by a small override.
ACCEPTED = {
    # Material's base.html writes the toggles of the navigation drawer and of the search dialog as
    # <input type="checkbox" autocomplete="off">. The attribute is not allowed on checkboxes, but Firefox
    # reads it: without it, Firefox restores the boxes' state when a page is reloaded or reached with the back
    # button, and the page could come back with the drawer or the search open. The two inputs sit in base.html outside any template block, so removing the
    # attribute would mean copying the whole of base.html (and keeping the copy in step with every update of
    # the theme), for no gain to readers.
    (
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
        "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
        "or “week”.",
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
    ),
    (
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
        "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
        "or “week”.",
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
    ),
}


def highlighted(message: dict) -> str:
    """The part of the page the message points at (for an attribute error, the element's start tag)."""
    extract, start, length = message.get("extract", ""), message.get("hiliteStart"), message.get("hiliteLength")
    text = extract[start : start + length] if start is not None and length is not None else extract
    return text.strip()


def run_checker(vnu: list[str], pages: list[Path]) -> list[dict]:
    """Every error message of one checker run over `pages`, as the checker's JSON reports them."""
    result = subprocess.run(
        [*vnu, "--format", "json", "--errors-only", "--stdout", "--exit-zero-always", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"the Nu HTML Checker did not run:\n{result.stdout}\n{result.stderr}"
    return json.loads(result.stdout)["messages"]


def location(message: dict, site: Path) -> str:
    url = message.get("url", "")
    path = Path(unquote(urlparse(url).path)) if url.startswith("file:") else Path(url)
    with contextlib.suppress(ValueError):
        path = path.relative_to(site.resolve())
    return f"{path.as_posix()}:{message.get('lastLine', message.get('firstLine', 0))}"


@pytest.fixture(scope="module")
def checked(site, vnu) -> tuple[list[Path], list[dict]]:
    """The site's pages and every error the checker reports in them, from one run."""
    pages = html_pages(site)
    return pages, run_checker(vnu, pages)


def test_every_page_is_valid_html(site, checked):
    pages, messages = checked
    assert len(pages) > 50, "the site has fewer pages than expected"
    errors = [m for m in messages if (m.get("message"), highlighted(m)) not in ACCEPTED]
    if errors:
        pytest.fail(
            f"the Nu HTML Checker found {len(errors)} error(s) in {len({m.get('url') for m in errors})} of "
            f"{len(pages)} pages (besides {len(messages) - len(errors)} accepted ones, see ACCEPTED):\n"
            + "\n".join(f"{location(m, site)}: {m.get('message')}" for m in errors),
            pytrace=False,
        )


def test_the_accepted_errors_are_still_needed(checked):
    """An accepted error that no longer occurs (after an update of the theme, say) comes off the list."""
    _, messages = checked
    found = {(m.get("message"), highlighted(m)) for m in messages}
    assert found >= ACCEPTED, f"no longer reported, remove from ACCEPTED: {sorted(ACCEPTED - found)}"
