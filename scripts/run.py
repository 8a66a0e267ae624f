#!/usr/bin/env python3
"""Set everything up, then run a task. Needs only Python 3.11+.

    python3 scripts/run.py preview   # set up, then serve the site at http://127.0.0.1:8000/
    python3 scripts/run.py test      # set up, then run every check

It creates .venv/ in the project folder, installs the pinned requirements there (again only when a
requirements file changes), and hands over to the project's task CLI (`kb`, in scripts/peerkb/cli.py).
Any other `kb` command works too: `python3 scripts/run.py check`, `python3 scripts/run.py build`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
# Tasks that need the test tools as well as the site's own requirements.
NEEDS_TEST_TOOLS = {"test"}


def ensure_environment(requirements: Path) -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    if not (BIN / "python").exists():
        print(f"Creating a virtual environment in {VENV.relative_to(ROOT)}/ …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    sources = [requirements, ROOT / "requirements.txt", ROOT / "pyproject.toml"]
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()
    stamp = VENV / f".installed-{requirements.stem}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"Installing {requirements.name} …", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "install", "--quiet", "-r", str(requirements)], cwd=ROOT, check=True)
    stamp.write_text(digest)


def main() -> int:
    args = sys.argv[1:] or ["--help"]
    needs_tests = args[0] in NEEDS_TEST_TOOLS
    ensure_environment(ROOT / ("requirements-test.txt" if needs_tests else "requirements.txt"))
    return subprocess.call([str(BIN / "kb"), *args], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
