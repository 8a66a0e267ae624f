"""Screenshots for reviewers: `kb screenshots` (python3 scripts/run.py screenshots).

Full-page screenshots of the pages reviewers look at first (the home page, Get help now, the country comparison,
the recommendations and the glossary) on a phone (390 px wide) and a desktop screen (1280 px), taken in
Chromium from a built site served on 127.0.0.1, into .screenshots/ (not committed). The preview workflow
uploads them beside the built site, so a reviewer sees a change without building anything.

The browser is the system's Chromium (as in the browser tests: Debian's `chromium`, or KB_CHROMIUM), driven by
Playwright from requirements-test.txt. Every request to another host is refused, so a screenshot shows only what
the site itself serves.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import localserve
from .pdf import find_chromium

# name → the page's address in the site
PAGES = {
    "home": "",
    "get-help-now": "get-help-now/",
    "international": "international/",
    "recommendations": "recommendations/",
    "glossary": "glossary/",
}
# width → the browser's screen: a common phone and a desktop, as in the browser tests, one device pixel per CSS pixel.
SCREENS: dict[int, dict[str, Any]] = {
    390: {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 1},
    1280: {"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1},
}
SCHEMES = ("light", "dark")
# Flags for a closed network and a root user, as in the browser tests: no background calls home, no sandbox.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CHROMIUM_HINT = "Chromium was not found; install Debian's package with 'sudo apt-get install chromium', or set KB_CHROMIUM to a Chromium binary"


class ScreenshotError(Exception):
    """Screenshots cannot be taken; the message says why and what to do."""


def file_name(name: str, width: int, scheme: str) -> str:
    """'home-390.png', or 'home-390-dark.png' in the dark colours."""
    return f"{name}-{width}{'-dark' if scheme == 'dark' else ''}.png"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serving(site_dir: Path) -> Iterator[str]:
    """The built site on a free port of 127.0.0.1, like a static host, for as long as the block runs; its address."""
    with localserve.serving(functools.partial(_QuietHandler, directory=str(site_dir))) as address:
        yield address + "/"


def take(site_dir: Path, out_dir: Path, schemes: tuple[str, ...] = ("light",)) -> list[Path]:
    """Take every screenshot of the built site in `site_dir` into `out_dir`; the files written, in order."""
    missing = [path or "/" for path in PAGES.values() if not (site_dir / path / "index.html").is_file()]
    if missing:
        raise ScreenshotError(f"{site_dir} has no page at {', '.join(missing)} (build the site first: python3 scripts/run.py build)")
    executable = find_chromium()
    if executable is None:
        raise ScreenshotError(CHROMIUM_HINT)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as missing_playwright:
        raise ScreenshotError(
            "Playwright is not installed; run 'python3 scripts/run.py screenshots', which installs requirements-test.txt"
        ) from missing_playwright
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in (out_dir / file_name(n, w, s) for n in PAGES for w in SCREENS for s in SCHEMES):
        stale.unlink(missing_ok=True)
    written = []
    with serving(site_dir) as base, sync_playwright() as playwright:
        host = urlsplit(base).netloc
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            for scheme in schemes:
                for name, path in PAGES.items():
                    for width, screen in SCREENS.items():
                        context = browser.new_context(color_scheme=scheme, **screen)  # type: ignore[arg-type]
                        context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc == host else route.abort())
                        page = context.new_page()
                        page.goto(base + path, wait_until="networkidle")
                        target = out_dir / file_name(name, width, scheme)
                        page.screenshot(path=str(target), full_page=True, animations="disabled")
                        context.close()
                        written.append(target)
        finally:
            browser.close()
    return written
