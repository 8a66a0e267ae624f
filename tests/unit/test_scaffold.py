"""Starting a page from a template (`kb new`): the front matter is filled in, the address registered,
mistakes refused with a clear message, and a page with template markers left cannot pass the check."""

from __future__ import annotations

import re
from datetime import date

import pytest

from helpers import ROOT
from peerkb.cli import main
from peerkb.pages import read_page
from peerkb.scaffold import DESCRIPTION, PAGE_TYPES, TEMPLATES, new_page, nav_line
from peerkb.urls import REGISTRY

NEW = "practice/peer-leadership.md"
UNFINISHED = "(write the real content, or keep the page out of the site until it is ready)"
# What a writer puts in place of each marker, and of each template macro key, in the fixture project.
FILLED = {"topic": {}, "country": {'country_facts("xx")': 'country_facts("xx")'}, "event": {'event("id")': 'event("test-event")'}}


def test_every_page_type_has_a_template():
    assert sorted(p.stem for p in TEMPLATES.glob("*.md")) == sorted(PAGE_TYPES)


def test_a_new_page_gets_its_front_matter(project, capsys):
    assert main(["new", "topic", NEW, "Peer leadership", "--root", str(project.root)]) == 0
    page, problems = read_page(project.root / "docs" / NEW, project.root)
    assert problems == []
    today = date.today()
    assert page.meta.title == "Peer leadership"
    assert page.meta.description == DESCRIPTION
    assert page.meta.audience == ["public", "services", "policymakers"]
    assert page.meta.last_reviewed == today
    leap_day = (today.month, today.day) == (2, 29)
    assert page.meta.review_due == (date(today.year + 1, 2, 28) if leap_day else today.replace(year=today.year + 1))
    assert page.body.startswith('# Peer leadership\n\n!!! abstract "In short"\n    [WRITE: ')
    out = capsys.readouterr().out
    assert out.startswith(f"Created docs/{NEW}.\n{REGISTRY} does not exist in this project yet, so no address was registered")
    assert "  - Peer leadership: practice/peer-leadership.md\n" in out
    assert not (project.root / REGISTRY).exists()


def test_a_review_a_year_after_29_february_falls_on_28_february(project):
    new_page(project.root, "event", "leap.md", "Leap day", today=date(2028, 2, 29))
    page, _ = read_page(project.root / "docs" / "leap.md", project.root)
    assert (page.meta.last_reviewed, page.meta.review_due) == (date(2028, 2, 29), date(2029, 2, 28))


def test_a_title_with_a_colon_is_quoted(project):
    new_page(project.root, "country", "sweden.md", "Peer support in Sweden: the peer coach")
    page, problems = read_page(project.root / "docs" / "sweden.md", project.root)
    assert problems == [] and page.meta.title == "Peer support in Sweden: the peer coach"


def test_the_new_address_is_registered_when_the_project_keeps_a_registry(project, capsys):
    assert main(["urls", "--root", str(project.root)]) == 0
    capsys.readouterr()
    assert main(["new", "topic", NEW, "Peer leadership", "--root", str(project.root)]) == 0
    assert "/practice/peer-leadership/" in (project.root / REGISTRY).read_text(encoding="utf-8").splitlines()
    assert capsys.readouterr().out.startswith(
        f"Created docs/{NEW}.\nIts address /practice/peer-leadership/ is now in {REGISTRY}; commit it with the page.\nregistered /practice/peer-leadership/\n"
    )


def test_an_existing_page_is_refused(project, capsys):
    before = (project.root / "docs" / "index.md").read_text(encoding="utf-8")
    assert main(["new", "topic", "index.md", "Home", "--root", str(project.root)]) == 1
    assert capsys.readouterr().err == "kb new: docs/index.md already exists: choose another path, or edit that page\n"
    assert (project.root / "docs" / "index.md").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("path", ["Practice/Peer.md", "practice/peer leadership.md", "../outside.md", "/abs.md", "practice/peer.txt"])
def test_a_bad_path_is_refused(project, capsys, path):
    assert main(["new", "topic", path, "Peer leadership", "--root", str(project.root)]) == 1
    assert capsys.readouterr().err == (
        f"kb new: '{path}' is not a page path: use lower-case letters, digits and hyphens, folders separated by '/', "
        "ending in .md, for example practice/peer-leadership.md\n"
    )
    assert sorted(p.name for p in (project.root / "docs").rglob("*.md")) == ["index.md", "lists.md", "recs.md", "world.md"]


def test_a_path_may_start_with_docs(project):
    assert new_page(project.root, "topic", f"docs/{NEW}", "Peer leadership").path == NEW
    assert (project.root / "docs" / NEW).is_file()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_an_unfinished_page_fails_the_placeholder_check(project, kind):
    new_page(project.root, kind, NEW, "Peer leadership")
    text = (project.root / "docs" / NEW).read_text(encoding="utf-8")
    markers = [(number, m.group(0)) for number, line in enumerate(text.splitlines(), start=1) for m in re.finditer(r"\[WRITE:[^\]]*\]", line)]
    problems = [p for p in project.problems() if "placeholder text" in p]
    assert problems == [f"docs/{NEW}:{number}: placeholder text '{marker}' {UNFINISHED}" for number, marker in markers]
    assert problems[0] == (
        f"docs/{NEW}:3: placeholder text '[WRITE: what this page covers, in one sentence of at most 160 characters; "
        f"it shows in search results and link previews]' {UNFINISHED}"
    )


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_a_page_with_every_marker_replaced_passes(project, kind):
    new_page(project.root, kind, NEW, "Peer leadership")
    path = project.root / "docs" / NEW
    text = re.sub(r"\[WRITE:[^\]]*\]\.?", "Peer leaders run groups for their peers.", path.read_text(encoding="utf-8"))
    for old, new in FILLED[kind].items():
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    assert project.problems() == []


def test_the_nav_line_goes_in_the_section_of_its_folder():
    assert nav_line(ROOT, NEW, "Peer leadership") == ("Peer workers in services", "      - Peer leadership: practice/peer-leadership.md")
    assert nav_line(ROOT, "international/sweden.md", "Sweden: peer coaches") == (
        "International practice",
        '      - "Sweden: peer coaches": international/sweden.md',
    )
    assert nav_line(ROOT, "new-section/page.md", "A page") == (None, "  - A page: new-section/page.md")
