"""URLs that never break: the registry of published addresses, moves with and without a redirect.
Builds of a moved page are in tests/builds/test_moved_pages.py."""

from __future__ import annotations

from helpers import REDIRECT, REGISTERED
from peerkb.cli import main
from peerkb.urls import HEADER, REGISTRY, register


def test_a_project_without_a_registry_has_opted_out(project):
    assert not (project.root / REGISTRY).exists()
    assert project.problems() == []


def test_registering_twice_adds_nothing(registered):
    expected = HEADER + "".join(f"{u}\n" for u in REGISTERED)
    assert (registered.root / REGISTRY).read_text() == expected
    assert register(registered.root) == []
    assert (registered.root / REGISTRY).read_text() == expected
    assert registered.problems() == []


def test_a_new_page_must_be_registered(registered):
    registered.write("docs/new.md", (registered.root / "docs" / "index.md").read_text())
    assert registered.problems() == ["docs/new.md:1: the page's address '/new/' is not registered in published-urls.txt (run: python3 scripts/run.py urls)"]


def test_urls_command_registers_new_pages(registered, capsys):
    registered.write("docs/new.md", (registered.root / "docs" / "index.md").read_text())
    assert main(["urls", "--root", str(registered.root)]) == 0
    assert capsys.readouterr().out == "registered /new/\n1 new address added to published-urls.txt.\n"
    assert registered.problems() == []


def test_moving_a_page_without_a_redirect_fails(registered):
    registered.move_lists_page()
    register(registered.root)
    assert registered.problems() == [
        "published-urls.txt:6: '/lists/' no longer resolves: no page is published there and no redirect leads on from it "
        "(if the page moved, add it to mkdocs.yml under redirects → redirect_maps, e.g. 'lists.md': 'new/place.md')"
    ]


def test_moving_a_page_with_a_redirect_passes(registered):
    registered.move_lists_page()
    registered.replace("mkdocs.yml", "redirect_maps: {}", REDIRECT)
    register(registered.root)
    assert registered.problems() == []


def test_a_redirect_to_a_page_that_does_not_exist_still_fails(registered):
    registered.move_lists_page()
    registered.replace("mkdocs.yml", "redirect_maps: {}", REDIRECT.replace("places.md", "plaices.md"))
    register(registered.root)
    assert registered.problems() == [
        "mkdocs.yml:18: redirect 'lists.md' leads to 'plaices.md', which is not a page of this site (give the new page's path under docs/)",
        "published-urls.txt:6: '/lists/' no longer resolves: no page is published there and no redirect leads on from it "
        "(if the page moved, add it to mkdocs.yml under redirects → redirect_maps, e.g. 'lists.md': 'new/place.md')",
    ]


def test_a_removed_anchor_fails(registered):
    registered.append("docs/lists.md", "\n## Extra {#extra}\n\nMore.\n")
    register(registered.root, anchors=["/lists/#extra"])
    assert registered.problems() == []
    registered.replace("docs/lists.md", "## Extra {#extra}", "## Extra")
    assert registered.problems() == [
        "published-urls.txt:11: '/lists/#extra' no longer resolves: docs/lists.md has no heading with the id 'extra' "
        "(keep the heading id when you rename a heading: ## New words {#extra})"
    ]


def test_a_deleted_recommendation_fails(registered):
    text = (registered.root / "data" / "recommendations.yml").read_text()
    (registered.root / "data" / "recommendations.yml").write_text(text[: text.index("- id: R02")])
    assert registered.problems() == [
        "data/recommendations.yml:1: recommendation R02 was published (published-urls.txt:10) but is no longer in the data "
        "(never delete a recommendation: keep it with status: retired and a status_note saying why)",
        "published-urls.txt:10: '/recs/#R02' no longer resolves: docs/recs.md has no heading with the id 'R02' "
        "(keep the heading id when you rename a heading: ## New words {#R02})",
    ]


def test_a_reused_recommendation_id_fails(registered):
    registered.replace("data/recommendations.yml", "  title: An older idea", "  title: A brand new idea")
    registered.replace(
        "data/recommendations.yml", "  status_note: Replaced by R01.\n  added: 2026-01-01", "  status_note: Replaced by R01.\n  added: 2026-06-01"
    )
    registered.replace("data/recommendations.yml", "  added: 2026-06-01\n  last_reviewed: 2026-01-01", "  added: 2026-06-01\n  last_reviewed: 2026-06-01")
    assert registered.problems() == [
        "data/recommendations.yml:13: entry 'R02' → id: id R02 was first published on 2026-01-01, but this entry was added on 2026-06-01 "
        "(ids are never reused: give the new recommendation the next free id and keep R02 as it was (retired if it no longer stands))"
    ]
