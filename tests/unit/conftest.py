"""tests/unit/ is pure and fast: its tests build no site and start no process. Tests that do belong in tests/builds/
(builds of the fixture site) or tests/integration/ (the real site and the external tools); this holds the line."""

from __future__ import annotations

import subprocess

import pytest


def _no_process(args, *more, **options):
    raise AssertionError(f"a unit test started a process ({args!r}): move the test to tests/builds/ or tests/integration/")


@pytest.fixture(autouse=True)
def _no_processes(monkeypatch) -> None:
    monkeypatch.setattr(subprocess, "Popen", _no_process)
