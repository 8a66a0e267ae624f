"""The built site served on 127.0.0.1 and opened in the system's headless Chromium through Playwright,
and the test tools pinned in package.json / package-lock.json next to this file (axe-core, vnu-jar).

No browser is downloaded: Playwright drives Debian's `chromium` package through `executable_path`.
The npm tools are installed by `python3 scripts/run.py test` (`npm ci` in tests/browser/); the HTML check
runs vnu.jar with the system's Java. Without Chromium, npm's tools or Java these tests skip with
instructions, except in CI (CI=true), where they must run.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
from pathlib import Path

import pytest

from helpers import serving

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(__file__).resolve().parent / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
NPM_HINT = (
    "{} is not installed. Run 'python3 scripts/run.py test', which installs the versions pinned in "
    "tests/browser/package-lock.json (it needs Node.js 18+ and npm: 'sudo apt-get install nodejs npm'), "
    "or run 'npm ci --ignore-scripts' in tests/browser/."
)
JAVA_HINT = (
    "Java was not found, so the HTML check (the Nu HTML Checker, vnu.jar) cannot run. "
    "Install Debian's package with 'sudo apt-get install default-jre-headless' (Java 17 or newer), then run the tests again."
)
INSTALL_HINT = (
    "Chromium was not found, so the browser tests cannot run. "
    "Install Debian's package with 'sudo apt-get install chromium' (or set KB_CHROMIUM to a Chromium binary), "
    "then run the tests again."
)
# Flags for a closed network and a root user: no background calls home, no sandbox.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


def find_chromium() -> str | None:
    candidates = [os.environ.get("KB_CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium"]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def _unavailable(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: these tests must run in CI)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if not executable:
        _unavailable(INSTALL_HINT)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed; run 'python3 scripts/run.py test', which installs requirements-test.txt.")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The pinned axe-core (axe.min.js), to be evaluated in each page."""
    if not AXE.is_file():
        _unavailable(NPM_HINT.format(f"axe-core ({AXE.relative_to(ROOT)})"))
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    """The command that runs the pinned Nu HTML Checker."""
    java = shutil.which("java")
    if not java:
        _unavailable(JAVA_HINT)
    if not VNU.is_file():
        _unavailable(NPM_HINT.format(f"The Nu HTML Checker ({VNU.relative_to(ROOT)})"))
    return [java, "-jar", str(VNU)]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def server(site: Path):
    """The built site on a free port of 127.0.0.1, like a static host."""
    with serving(functools.partial(_QuietHandler, directory=str(site))) as address:
        yield address
