"""Helpers shared by the tests: the project root, a breakable copy of the fixture project, and site builds."""

from __future__ import annotations

import contextlib
import http.server
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from textwrap import dedent
from urllib.parse import unquote, urlsplit

from peerkb.check import check_project
from peerkb.mkdocsrun import run_mkdocs

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
FIXTURE_TODAY = date(2026, 11, 30)
# The fixture's addresses and recommendation anchors, as `kb urls` registers them (see the `registered` fixture).
REGISTERED = ["/", "/lists/", "/recs/", "/world/", "/recs/#R01 2026-01-01", "/recs/#R02 2026-01-01"]
# The redirect that moving the fixture's lists.md to places.md needs, under redirects → redirect_maps in mkdocs.yml.
REDIRECT = "redirect_maps:\n        lists.md: places.md"


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

    def move_lists_page(self) -> None:
        """Move the fixture's lists.md to places.md (mkdocs.yml and the registry left as they were)."""
        (self.root / "docs" / "lists.md").rename(self.root / "docs" / "places.md")

    def problems(self) -> list[str]:
        """Every problem the check reports, on the day the fixture's dates were last set (so that the rule
        'a helpline not checked for 12 months fails' tests the fixture, not the calendar)."""
        return [str(p) for p in check_project(self.root, today=FIXTURE_TODAY).problems]

    def build(self, **env: str) -> subprocess.CompletedProcess[str]:
        """Run a strict MkDocs build of this project, as a contributor would. The unchanged fixture is built once per
        session (the `fixture_site` fixture), for every test to read, so an unchanged copy is refused."""
        assert env or not self.unchanged(), "this copy is the unchanged fixture: read the pages of the fixture_site fixture instead"
        return run_mkdocs("build", "--strict", "--site-dir", "site", cwd=self.root, env=env, capture=True, timeout=300)

    def unchanged(self) -> bool:
        """Whether every file of this copy (its built site aside) is as in tests/fixtures/minimal."""
        return _files(self.root) == _files(FIXTURE)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != "site"}


def build_fixture(dest: Path) -> Path:
    """Copy tests/fixtures/minimal to `dest` and build it strictly, unchanged; the built site's folder."""
    shutil.copytree(FIXTURE, dest)
    result = run_mkdocs("build", "--strict", "--site-dir", "site", cwd=dest, capture=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest / "site"


def built_pages(site: Path) -> dict[str, str]:
    """Every HTML page of a built site, by its path in the site ('world/index.html')."""
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in html_pages(site)}


def build_site(dest: Path, **env: str) -> Path:
    """Build the real site strictly into `dest`, as the README's commands do."""
    result = run_mkdocs("build", "--strict", "--site-dir", str(dest), cwd=ROOT, env=env, capture=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site."""
    return sorted(site.rglob("*.html"))


class _Links(HTMLParser):
    """Collects the ids and the link targets of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"])
        if tag in {"a", "link"} and values.get("href") is not None:
            self.links.append(values["href"])


def parse_links(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def broken_links(site_dir: Path) -> list[str]:
    """Every internal link in a built site whose page or anchor does not exist, as 'page -> href'."""
    site_dir = site_dir.resolve()
    pages = {p: parse_links(p.read_text(encoding="utf-8")) for p in site_dir.rglob("*.html")}
    broken = []
    for page, found in sorted(pages.items()):
        for href in found.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("//"):
                continue
            if not parts.path:
                target = page
            elif parts.path.startswith("/"):
                target = (site_dir / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if (target not in pages and not target.is_file()) or (parts.fragment and target in pages and unquote(parts.fragment) not in pages[target].ids):
                broken.append(f"{page.relative_to(site_dir)} -> {href}")
    return broken


def duplicate_ids(html: str) -> list[str]:
    ids = parse_links(html).ids
    return sorted({i for i in ids if ids.count(i) > 1})


@contextlib.contextmanager
def serving(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """A local HTTP server on a free port of 127.0.0.1 with `handler`, for as long as the block runs; yields its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
