"""Fixtures shared by all tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import FIXTURE, REGISTERED, Project, build_fixture, build_site


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A copy of tests/fixtures/minimal that a test may break."""
    dest = tmp_path / "project"
    shutil.copytree(FIXTURE, dest)
    return Project(dest)


@pytest.fixture
def registered(project: Project, capsys) -> Project:
    """The fixture project with every page's address and recommendation anchor registered."""
    from peerkb.cli import main

    assert main(["urls", "--root", str(project.root)]) == 0
    assert capsys.readouterr().out == "".join(f"registered {u}\n" for u in REGISTERED) + "6 new addresses added to published-urls.txt.\n"
    return project


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """tests/fixtures/minimal, unchanged, built once per session: the built site's folder, for tests to read only."""
    return build_fixture(tmp_path_factory.mktemp("fixture-site") / "project")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per session, as published."""
    return build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def site_with_repo(tmp_path_factory) -> Path:
    """The real site with a repository configured, as CI builds it (without the PDFs, which `site` has)."""
    return build_site(
        tmp_path_factory.mktemp("site-repo"),
        REPO_URL="https://github.com/example/peer-support-kb",
        EDIT_URI="edit/main/docs/",
        KB_PDF="skip",
    )
