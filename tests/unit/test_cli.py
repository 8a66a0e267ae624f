"""The task CLI: `kb check` prints every problem at once and exits 1, or confirms and exits 0."""

from __future__ import annotations

from peerkb.cli import build_parser, main


def test_check_passes_on_valid_project(project, capsys):
    assert main(["check", "--root", str(project.root)]) == 0
    out = capsys.readouterr().out
    assert (
        "All data and 4 pages are valid (2 references, 1 countries, 1 organisations, 1 helplines, 1 glossary, 1 definitions, 2 events, 1 wording, 2 recommendations, 1 search)."
        in out
    )


def test_check_lists_all_problems_and_fails(project, capsys):
    project.replace("data/helplines.yml", "  hours: Always\n", "")
    project.replace("docs/index.md", 'cite("doe-2020")', 'cite("doe-2021")')
    assert main(["check", "--root", str(project.root)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "data/helplines.yml:1: entry 'xx-line' → hours: is required but missing (add 'hours:' to this entry)",
        "docs/index.md:11: cite(): unknown key 'doe-2021' (did you mean 'doe-2020'? the known keys are listed in data/references.yml)",
        "2 problems found; fix them and run the check again.",
    ]


def test_check_notes_pages_overdue_for_review(project, capsys):
    project.replace("docs/index.md", "review_due: 2027-01-01", "review_due: 2026-02-01")
    assert main(["check", "--root", str(project.root)]) == 0
    assert "note: docs/index.md was due for review on 2026-02-01" in capsys.readouterr().out


def test_every_command_documents_itself():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():
        assert command.description, f"kb {name} has no description"
