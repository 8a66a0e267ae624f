"""Helpers shared by the tests: the project root, a breakable copy of the fixture project, and site builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent

from peerkb.check import check_project

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "minimal"


@dataclass
class Project:
    """A throw-away copy of tests/fixtures/minimal."""

    root: Path

    def write(self, rel: str, text: str) -> None:
        (self.root / rel).write_text(dedent(text).lstrip("\n"), encoding="utf-8")

    def append(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.write_text(path.read_text(encoding="utf-8") + dedent(text).lstrip("\n"), encoding="utf-8")

    def replace(self, rel: str, old: str, new: str) -> None:
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def problems(self) -> list[str]:
        return [str(p) for p in check_project(self.root).problems]

    def build(self, **env: str) -> subprocess.CompletedProcess[str]:
        """Run a strict MkDocs build of this project, as a contributor would."""
        full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
            cwd=self.root, capture_output=True, text=True, env=full_env, timeout=300,
        )


def build_site(dest: Path, **env: str) -> Path:
    """Build the real site strictly into `dest`, as the README's commands do."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site."""
    return sorted(site.rglob("*.html"))
