#!/usr/bin/env python3
"""Set everything up, then run a task. Needs only Python 3.11+.

    python3 scripts/run.py preview   # set up, then serve the site at http://127.0.0.1:8000/
    python3 scripts/run.py test      # set up, then run every check

It creates .venv/ in the project folder, installs the pinned requirements there (again only when a
requirements file changes), and hands over to the project's task CLI (`kb`, in scripts/peerkb/cli.py).
For `test` it also installs the test tools pinned in tests/browser/package-lock.json (axe-core and the
Nu HTML Checker) with `npm ci`, again only when that lock file changes.
Any other `kb` command works too: `python3 scripts/run.py check`, `python3 scripts/run.py build`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
# Tasks that need the test tools as well as the site's own requirements (screenshots: Playwright).
NEEDS_TEST_TOOLS = {"test", "lint", "screenshots"}
# Tasks that need the npm test tools besides (axe-core and the Nu HTML Checker, for the browser tests).
NEEDS_NODE_TOOLS = {"test", "lint"}
# The test tools from npm (axe-core for the browser tests, vnu-jar for the HTML check), pinned by package-lock.json.
NODE_TOOLS = ROOT / "tests" / "browser"


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


def ensure_node_tools(folder: Path) -> None:
    """`npm ci` in `folder` when its node_modules/ is missing or was installed from another package.json or
    package-lock.json.
    Without npm, say so and go on: the tests that need these tools then skip with instructions (fail in CI)."""
    lock = folder / "package-lock.json"
    stamp = folder / "node_modules" / ".installed-lock"
    digest = hashlib.sha256(lock.read_bytes() + (folder / "package.json").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    npm = shutil.which("npm")
    if npm is None:
        print(
            "npm was not found, so the pinned test tools in tests/browser/ (axe-core, vnu-jar) cannot be installed; "
            "install Node.js 18+ and npm (Debian: sudo apt-get install nodejs npm).",
            file=sys.stderr,
            flush=True,
        )
        return
    print(f"Installing {lock.relative_to(ROOT)} (npm ci) …", flush=True)
    # --ignore-scripts: vnu-jar's install script would download a Java runtime; the checks use the system's Java.
    subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], cwd=folder, check=True)
    stamp.write_text(digest)


def main() -> int:
    args = sys.argv[1:] or ["--help"]
    needs_tests = args[0] in NEEDS_TEST_TOOLS
    ensure_environment(ROOT / ("requirements-test.txt" if needs_tests else "requirements.txt"))
    if args[0] in NEEDS_NODE_TOOLS:
        ensure_node_tools(NODE_TOOLS)
    return subprocess.call([str(BIN / "kb"), *args], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
