"""Timing builds: strict MkDocs builds, each a fresh process as a contributor runs them, taken in turn when two
sites are compared; and one build in this process that counts how often the site's code reads each file."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

from peerkb.mkdocsrun import QUIET, run_mkdocs

from .common import BenchError


def build_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """What a timed build or preview adds to the environment: `env`, and Python allowed to cache compiled modules,
    as on a contributor's machine. Some machines set PYTHONDONTWRITEBYTECODE, which would charge this project's
    modules a compile on every build while the installed packages, compiled at install time, pay nothing; Python
    reads an empty value as unset. The PDFs of the pages readers print are left out (KB_PDF=skip): Chromium prints
    them after the build, in seconds of its own that the build reports, and the budgets compare the build of pages."""
    return {"PYTHONDONTWRITEBYTECODE": "", "KB_PDF": "skip", **(env or {})}


def timed_build(
    project: Path, site_dir: Path, repeats: int, strict: bool = True, env: dict[str, str] | None = None, warm_up: bool = False, config_file: Path | None = None
) -> list[float]:
    """Wall-clock seconds of `repeats` MkDocs builds of the project, each a fresh subprocess; with `warm_up`, after
    one untimed build (which compiles the modules and fills the operating system's file cache)."""
    # Not --quiet: MkDocs 1.6 then drops warnings before its strict mode counts them, and a broken build passes.
    args = ["build", "--site-dir", str(site_dir), *(["--strict"] if strict else []), *(["--config-file", str(config_file)] if config_file else [])]
    env = build_env(env)
    times = []
    for _ in range(repeats + (1 if warm_up else 0)):
        with tempfile.TemporaryFile() as log:
            start = time.perf_counter()
            code = run_mkdocs(*args, cwd=project, env=env, log=log).returncode
            times.append(time.perf_counter() - start)
            if code != 0:
                log.seek(0)
                lines = [line for line in log.read().decode(errors="replace").splitlines() if not line.startswith("INFO")]
                raise BenchError(f"the build of {project} failed (exit {code}):\n" + "\n".join(lines[-30:]))
    return times[1:] if warm_up else times


def alternate_builds(sites: list[tuple[Path, Path, bool]], repeats: int) -> list[list[float]]:
    """Seconds of `repeats` builds of each (project, site folder, strict) site, taken in turn after one untimed
    build of each, so that a slow spell of a shared machine falls on all of them alike."""
    times: list[list[float]] = [[] for _ in sites]
    for round_ in range(repeats + 1):
        for index, (project, site_dir, strict) in enumerate(sites):
            seconds = timed_build(project, site_dir, 1, strict=strict)
            if round_:
                times[index] += seconds
    return times


def count_file_reads(project: Path, site_dir: Path) -> Counter[str]:
    """How often the site's own code reads each project file (data, pages, mkdocs.yml, the URL registry…) from
    disk during one strict build of the project, run in this process with its file snapshot spied on. MkDocs'
    own reading of the pages is not counted: it is the same for any MkDocs site."""
    from unittest import mock

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from peerkb.snapshot import ProjectFiles

    counts: Counter[str] = Counter()
    real = ProjectFiles.text

    def spy(self: ProjectFiles, path: Path | str) -> str:
        full = path if isinstance(path, Path) and path.is_absolute() else self.root / path
        if full not in self._text:
            counts[Path(full).resolve().relative_to(project.resolve()).as_posix()] += 1
        return real(self, path)

    for name, value in QUIET.items():
        os.environ.setdefault(name, value)
    with mock.patch.object(ProjectFiles, "text", spy), contextlib.chdir(project):
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        except Exception as error:  # mkdocs' Abort, a plugin's error: the warnings were logged above
            raise BenchError(f"the in-process build of {project} failed: {error}") from error
        finally:
            config.plugins.on_shutdown()
    return counts
