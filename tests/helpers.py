"""Helpers shared by the tests: the project root, a breakable copy of the fixture project, and site builds."""

from __future__ import annotations

import contextlib
import re
import http.server
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from textwrap import dedent
from urllib.parse import unquote, urlsplit

from peerkb import localserve
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
        """Write a file, in a new folder if need be (docs/lt/ for a Lithuanian page)."""
        (self.root / rel).parent.mkdir(parents=True, exist_ok=True)
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
    """Build the real site strictly into `dest`, as the README's commands do. Where Chromium is missing (outside CI,
    which must have it), the PDFs of the pages readers print are left out, and the tests that read them skip."""
    from peerkb.pdf import find_chromium

    if "KB_PDF" not in env and not find_chromium() and os.environ.get("CI") != "true":
        env["KB_PDF"] = "skip"
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
    with localserve.serving(handler) as address:
        yield address


# --- citation files (BibTeX and RIS), read strictly ----------------------------------------------------------------

_BIBTEX_UNESCAPE = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciicircum{}": "^",
    r"\textasciitilde{}": "~",
    r"\%": "%",
    r"\&": "&",
    r"\#": "#",
    r"\$": "$",
    r"\_": "_",
}


def parse_bibtex(text: str) -> tuple[str, str, dict[str, str]]:
    """A file of one BibTeX entry, read as BibTeX reads it: (entry type, key, {field: value as written}). Fails on what
    BibTeX would not read as that one entry: anything outside it, braces that do not balance in a value (BibTeX counts
    every brace, escaped or not), a value over more than one line, a field that is neither name = {value} nor a month."""
    head = re.match(r"@(\w+)\{([A-Za-z0-9-]+),\n", text)
    assert head, f"no entry head in {text[:80]!r}"
    fields: dict[str, str] = {}
    pos = head.end()
    while True:
        end = re.match(r"\}\n\Z", text[pos:])
        if end:
            return head.group(1), head.group(2), fields
        field = re.match(r"  ([a-z]+) = ", text[pos:])
        assert field, f"not a field at {text[pos : pos + 60]!r}"
        name = field.group(1)
        assert name not in fields, f"field {name} twice"
        pos += field.end()
        if text[pos] == "{":
            depth, start = 0, pos
            while True:
                char = text[pos]
                assert char != "\n", f"field {name}: a line break inside the value"
                depth += {"{": 1, "}": -1}.get(char, 0)
                pos += 1
                if depth == 0:
                    break
            fields[name] = text[start + 1 : pos - 1]
        else:
            word = re.match(r"[a-z]{3}", text[pos:])
            assert word and name == "month", f"field {name}: a value that is neither in braces nor a month"
            fields[name] = word.group(0)
            pos += 3
        assert text[pos : pos + 2] == ",\n", f"field {name} does not end with a comma and a line break"
        pos += 2


def bibtex_value(written: str) -> str:
    """A BibTeX value as LaTeX shows it: one outer group ({{Title}}) taken off, and LaTeX's escapes undone. Fails if a
    character that LaTeX acts on (a brace, %, &, #, $, _, ^, ~ or a backslash) is left unescaped: LaTeX would not show it."""
    if written.startswith("{") and written.endswith("}"):
        written = written[1:-1]
    escapes = re.compile("|".join(re.escape(e) for e in _BIBTEX_UNESCAPE))
    bare = set(escapes.sub("", written)) & set("{}%&#$_^~\\")
    assert not bare, f"unescaped {sorted(bare)} in {written!r}"
    return escapes.sub(lambda m: _BIBTEX_UNESCAPE[m.group(0)], written)


def parse_ris(data: bytes) -> list[tuple[str, str]]:
    """A file of one RIS record: its (tag, value) lines, in order. Every line is 'XX  - value' ending in CR LF, the first
    is TY and the last ER, and no tag but the first is TY and no tag but the last is ER (one record, whatever its values)."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n"), "the last line does not end in CR LF"
    lines = text[:-2].split("\r\n")
    found = []
    for line in lines:
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert match and "\r" not in line and "\n" not in line, f"not an RIS line: {line!r}"
        found.append((match.group(1), match.group(2)))
    tags = [tag for tag, _ in found]
    assert tags[0] == "TY" and tags[-1] == "ER" and tags.count("TY") == 1 and tags.count("ER") == 1, tags
    return found
