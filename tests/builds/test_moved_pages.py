"""A moved page in a build of the fixture site: its old address forwards readers to the new one when a redirect
is given, and without one the build stops with the check's message."""

from __future__ import annotations

import pytest

from helpers import REDIRECT, parse_links
from peerkb.urls import register

pytestmark = pytest.mark.build


def test_the_old_address_of_a_moved_page_redirects_in_the_built_site(registered):
    registered.move_lists_page()
    registered.replace("mkdocs.yml", "redirect_maps: {}", REDIRECT)
    registered.replace("mkdocs.yml", "  - Lists: lists.md\n", "  - Lists: places.md\n")
    register(registered.root)
    result = registered.build()
    assert result.returncode == 0, result.stdout + result.stderr
    old = (registered.root / "site" / "lists" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../places/">' in old
    assert parse_links(old).links == ["../places/", "../places/"]  # its canonical address and the link for readers
    assert (registered.root / "site" / "places" / "index.html").is_file()


def test_a_move_without_a_redirect_stops_the_build(registered):
    registered.move_lists_page()
    registered.replace("mkdocs.yml", "  - Lists: lists.md\n", "  - Lists: places.md\n")
    register(registered.root)
    result = registered.build()
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    report = output[output.index("The knowledge base has problems:") :].splitlines()
    assert report[:3] == [
        "The knowledge base has problems:",
        "published-urls.txt:6: '/lists/' no longer resolves: no page is published there and no redirect leads on from it "
        "(if the page moved, add it to mkdocs.yml under redirects → redirect_maps, e.g. 'lists.md': 'new/place.md')",
        "1 problem found; nothing was built.",
    ]
    assert not (registered.root / "site").exists()
