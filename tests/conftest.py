"""Fixtures shared by all tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import FIXTURE, Project, build_site


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A copy of tests/fixtures/minimal that a test may break."""
    dest = tmp_path / "project"
    shutil.copytree(FIXTURE, dest)
    return Project(dest)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per session, as published."""
    return build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def site_with_repo(tmp_path_factory) -> Path:
    """The real site with a repository configured, as CI builds it."""
    return build_site(
        tmp_path_factory.mktemp("site-repo"),
        REPO_URL="https://github.com/example/peer-support-kb", EDIT_URI="edit/main/docs/",
    )
