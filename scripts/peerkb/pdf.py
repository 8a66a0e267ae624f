"""PDFs of the pages readers print (front matter `print_button: true`), made after the build by headless Chromium.

Each such page gets a PDF beside it, named after the page (`recommendations/policy-brief/policy-brief.pdf`), which
its "Download PDF" link points to. Chromium prints the built page as a reader's browser would, with the print
stylesheet, from a server on 127.0.0.1 that this module runs for as long as it prints. Two things differ from a
reader's print, both so that the PDF holds nothing of the machine it was made on: every link in the page leads to its
published address (under `site_url`), not to the local server; and the date a reader accessed the page, which the
site's script adds to "Cite this page" in a reader's browser, is left out (the PDF says when the page was last
reviewed instead).

When the PDFs are made (`KB_PDF`, see `mode`): on every build (`python3 scripts/run.py build`, the deploy, the tests),
and not in the preview, where printing would add seconds to every reload (the preview leaves the "Download PDF" links
out). Without Chromium a build that must make them stops and says how to install it.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import urljoin, urlsplit

from .citefiles import page_stem
from .localserve import serving

ENV = "KB_PDF"
MODES = ("make", "skip")
# Seconds one page may take to print before the build gives up on it.
TIMEOUT = 120
# Chromium on a machine without a display, a user session or a network to call home to, as the build runs it.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-pdf-header-footer",  # no date, title, local address or page numbers in the margins
    "--print-to-pdf-no-header",  # the same, in Chromium before version 110
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-quic",
]
INSTALL_HINT = (
    "install Debian's package with 'sudo apt-get install chromium' (or set KB_CHROMIUM to a Chromium binary), "
    'or set KB_PDF=skip to build the site without them and without their "Download PDF" links'
)
PREVIEW_NOTE = (
    "The preview does not make the PDFs of the pages readers print, to keep reloads fast, and leaves out their "
    '"Download PDF" links. `python3 scripts/run.py build` makes them (or start the preview with KB_PDF=make).'
)
SKIP_NOTE = 'KB_PDF=skip: the pages readers print ({count}) were not printed to PDF, and their "Download PDF" links are left out.'


class PdfFailed(Exception):
    """The PDFs could not be made; the message says why and what to do."""


@dataclass(frozen=True)
class PrintJob:
    """One page to print: where it is built and published, and where its PDF goes."""

    source: str  # the page as the check names it: 'docs/recommendations/policy-brief.md'
    path: str  # its address from the site root: 'recommendations/policy-brief/'
    url: str  # its published address, under site_url
    pdf: str  # the PDF's path in the built site: 'recommendations/policy-brief/policy-brief.pdf'


def pdf_name(path: str) -> str:
    """The PDF's file name, after the page: 'recommendations/policy-brief/' → 'policy-brief.pdf'."""
    return f"{page_stem(path)}.pdf"


def mode(command: str, value: str | None) -> str:
    """'make' or 'skip': KB_PDF when set, else make on a build and skip in the preview (`command` is MkDocs' own:
    'build', 'gh-deploy' or 'serve')."""
    if value:
        if value not in MODES:
            raise PdfFailed(f"KB_PDF is '{value}' (set it to make or skip, or leave it unset: builds make the PDFs, the preview does not)")
        return value
    return "skip" if command == "serve" else "make"


def find_chromium() -> str | None:
    """The Chromium to print with: KB_CHROMIUM when set (even if it is not there, so the build says so), else
    Debian's `chromium` or another Chromium on PATH."""
    chosen = os.environ.get("KB_CHROMIUM")
    if chosen:
        return chosen
    candidates = [shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium"]
    return next((c for c in candidates if c and Path(c).is_file()), None)


_LINK = re.compile(r"""(<a\b[^>]*?\shref=")([^"]*)(")""")


def absolute_links(html: str, page_url: str) -> str:
    """`html` with every link that leads elsewhere (not to a spot on the page itself) written as a full address from
    `page_url`, the page's published address, so that a PDF made from a local copy links to the published site."""

    def full(match: re.Match[str]) -> str:
        href = match.group(2)
        if not href or href.startswith("#") or urlsplit(href).scheme:
            return match.group(0)
        return match.group(1) + urljoin(page_url, href) + match.group(3)

    return _LINK.sub(full, html)


def for_print(html: str, page_url: str) -> str:
    """The built page as Chromium prints it: links to published addresses, and no slot for the date a reader
    accessed it (the site's script fills that slot in a reader's browser; in a PDF it would be the build's date)."""
    return absolute_links(html, page_url).replace(" data-kb-cite-accessed", "")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site; the pages to print (by address, with their published address) as `for_print` makes them."""

    pages: ClassVar[dict[str, str]] = {}  # set on a subclass per run: address from the site root → published address

    def do_GET(self) -> None:
        path = urlsplit(self.path).path.lstrip("/")
        if path in self.pages:
            body = for_print((Path(self.directory) / path / "index.html").read_text(encoding="utf-8"), self.pages[path]).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def _serving(site_dir: Path, jobs: list[PrintJob]) -> Iterator[str]:
    handler = type("Handler", (_Handler,), {"pages": {job.path: job.url for job in jobs}})
    with serving(functools.partial(handler, directory=str(site_dir))) as address:
        yield address + "/"


def _print(chromium: str, address: str, job: PrintJob, site_dir: Path) -> str | None:
    """Print one page; what went wrong, or None."""
    out = site_dir / job.pdf
    out.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="kb-pdf-") as profile:
        command = [chromium, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={out}", address + job.path]
        try:
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        except OSError as error:
            return f"Chromium ({chromium}) could not be started: {error}"
        try:
            output, _ = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # Chromium and the helpers it started, in their own session
            process.communicate()
            return f"Chromium did not finish printing {job.source} within {TIMEOUT} s"
    if process.returncode != 0 or not out.is_file() or not out.read_bytes().startswith(b"%PDF-"):
        tail = "\n".join(output.decode(errors="replace").splitlines()[-5:])
        return f"Chromium could not print {job.source} to {job.pdf} (exit {process.returncode}):\n{tail}"
    return None


def make_pdfs(site_dir: Path, jobs: list[PrintJob], chromium: str | None = None) -> float:
    """Print every page of `jobs` to its PDF in the built site at `site_dir`, a few at a time; the seconds it took."""
    if not jobs:
        return 0.0
    chromium = chromium or find_chromium()
    named = ", ".join(job.pdf for job in jobs[:2]) + (f" and {len(jobs) - 2} more" if len(jobs) > 2 else "")
    if not chromium:
        raise PdfFailed(f"Chromium was not found, so the PDFs of the pages readers print ({named}) cannot be made: {INSTALL_HINT}")
    if not (Path(chromium).is_file() and os.access(chromium, os.X_OK)):
        raise PdfFailed(f"KB_CHROMIUM is '{chromium}', which is not a program, so the PDFs ({named}) cannot be made: {INSTALL_HINT}")
    start = time.perf_counter()
    with _serving(site_dir, jobs) as address, ThreadPoolExecutor(max_workers=min(len(jobs), max(2, os.cpu_count() or 2))) as pool:
        failures = [f for f in pool.map(lambda job: _print(chromium, address, job, site_dir), jobs) if f]
    if failures:
        raise PdfFailed("\n".join(failures))
    return time.perf_counter() - start
