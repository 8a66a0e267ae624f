"""Running MkDocs as a separate process, the one way the CLI, the bench and the tests do it.

MkDocs runs from this environment's Python (`python -m mkdocs`), in a given folder, with the environment
the caller asks for plus NO_MKDOCS_2_WARNING=1, which silences the theme's end-of-life banner: it is about
the theme's future, not this build, and would bury the build's own warnings. Its output goes to the
terminal, is captured as text, or is written to a log file.

This module imports nothing from the rest of the package, so anything may import it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import IO

# What every MkDocs process gets in its environment.
QUIET = {"NO_MKDOCS_2_WARNING": "1"}


def mkdocs_command(*args: str, env: dict[str, str] | None = None) -> tuple[list[str], dict[str, str]]:
    """The command line and the full environment (this process's, QUIET, then `env`) that run MkDocs with `args`."""
    return [sys.executable, "-m", "mkdocs", *args], {**os.environ, **QUIET, **(env or {})}


def _output(capture: bool, log: IO[bytes] | None) -> dict[str, object]:
    if capture and log is not None:
        raise ValueError("capture the output or log it, not both")
    if capture:
        return {"capture_output": True, "text": True}
    if log is not None:
        return {"stdout": log, "stderr": subprocess.STDOUT}
    return {}


def run_mkdocs(
    *args: str, cwd: Path, env: dict[str, str] | None = None, capture: bool = False, log: IO[bytes] | None = None, timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    """Run MkDocs with `args` in `cwd` and wait for it. Its output goes to the terminal; with `capture`, into the
    result's stdout and stderr (as text); with `log`, an open binary file, into that file (stderr with stdout)."""
    command, full_env = mkdocs_command(*args, env=env)
    return subprocess.run(command, cwd=cwd, env=full_env, timeout=timeout, check=False, **_output(capture, log))  # type: ignore[call-overload]


def start_mkdocs(*args: str, cwd: Path, env: dict[str, str] | None = None, log: IO[bytes] | None = None) -> subprocess.Popen[bytes]:
    """Start MkDocs with `args` in `cwd` (e.g. `serve`) without waiting for it; `log` as for run_mkdocs."""
    command, full_env = mkdocs_command(*args, env=env)
    return subprocess.Popen(command, cwd=cwd, env=full_env, **_output(False, log))  # type: ignore[call-overload]
