"""Performance budgets, measured in one run: `kb bench` (and `kb lighthouse`).

Every measurement works on a copy of the project in a temporary folder, so nothing here touches the
project itself. The pure functions at the top (word counts, Jinja stripping, page weight, budget
evaluation) are unit-tested; the functions below them run MkDocs and time it.

Budgets (see README, "Performance"):

- build time per 1,000 published words is at most 1.3 times that of a plain Material site with the same
  words: every page as this site's macros render it, written out as Markdown and built without macros or
  data (a plain site built from the source Markdown with the macro calls removed is timed too, for
  reference: it lacks the tables, source lists and glossary entries the data adds, about 60% of the words);
- the cost per page at the largest synthetic scale (50 copies of every page) is at most 1.2 times the
  cost per page at the next scale (10 copies): building stays linear;
- data is loaded and validated once per build, not once per page;
- a page's first load (the page and every same-origin file it loads, gzipped) weighs at most 100 KiB for
  the median page type and 200 KiB for the heaviest; the search index (which Material fetches in the background
  after the page has loaded, then from the browser's cache) is reported apart;
- the preview shows a data edit within 2 seconds (plain Material's reload after a page edit is timed
  too, for reference);
- Lighthouse (mobile): performance at least 95, accessibility, best practices and SEO 100.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gzip
import http.server
import io
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import yaml

from .content import _WORD, prose
from .pages import FRONT_MATTER

# Jinja as pages write it: expressions, statements and comments ('{##' in this site; '{#' starts heading ids).
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}", re.DOTALL)
# Front matter a plain Material site understands without this project's plugins.
PLAIN_FRONT_MATTER = ("title", "description")
GZIP_LEVEL = 6  # what static hosts commonly serve with
KIB = 1024


# --- Markdown ------------------------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter without its '---' lines, body) of a Markdown page; no front matter gives ('', text)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return "", text
    return match.group(1) or "", text[match.end():]


def count_words(markdown: str) -> int:
    """Words of prose on a page, as the plain-language report counts them: front matter, code, macro calls,
    heading ids and link targets do not count."""
    return len(_WORD.findall(prose(split_front_matter(markdown)[1])))


def strip_jinja(text: str, stand_in: str = "") -> str:
    """The text with every Jinja expression, statement and comment replaced by `stand_in`."""
    return JINJA.sub(stand_in, text)


def plain_page(markdown: str) -> str:
    """The page for a plain Material site: front matter cut down to title and description, Jinja removed."""
    front, body = split_front_matter(markdown)
    try:
        meta = yaml.safe_load(strip_jinja(front)) or {}
    except yaml.YAMLError:
        meta = {}
    kept = {key: str(meta[key]) for key in PLAIN_FRONT_MATTER if isinstance(meta, dict) and meta.get(key) is not None}
    header = "---\n" + yaml.safe_dump(kept, allow_unicode=True, sort_keys=False, width=10_000) + "---\n" if kept else ""
    return header + strip_jinja(body)


def plain_config(site_name: str, markdown_extensions: list[Any] | None = None) -> str:
    """mkdocs.yml of the plain comparison site: Material, the search plugin only, no nav (every page is included)."""
    config = {
        "site_name": site_name,
        "theme": {"name": "material"},
        "plugins": ["search"],
        "markdown_extensions": markdown_extensions or [],
    }
    return yaml.safe_dump(config, sort_keys=False)


# --- Page weight ---------------------------------------------------------------------------------

# url(...) and @import "..." in CSS.
CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]+?)\1\s*\)|@import\s+(['"])(?P<import>[^'"]+)\3""")
# <link rel=...> values a browser fetches on first load.
LOADED_LINKS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest"}


class _AssetRefs(HTMLParser):
    """References to files an HTML page loads: stylesheets, scripts, images, icons, and url() in inline CSS."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and LOADED_LINKS & set(a.get("rel", "").lower().split()) and a.get("href"):
            self.refs.append(a["href"])
        elif tag in {"script", "img", "iframe", "embed", "audio", "video", "source", "track", "input"} and a.get("src"):
            self.refs.append(a["src"])
        if tag in {"img", "source"} and a.get("srcset"):
            self.refs += [part.strip().split()[0] for part in a["srcset"].split(",") if part.strip()]
        if tag == "video" and a.get("poster"):
            self.refs.append(a["poster"])
        if a.get("style"):
            self.refs += css_refs(a["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.refs += css_refs(data)


def html_refs(html: str) -> list[str]:
    """What an HTML page loads, as written in it, in document order."""
    parser = _AssetRefs()
    parser.feed(html)
    return parser.refs


def css_refs(css: str) -> list[str]:
    """What a stylesheet loads: url(...) (fonts, images) and @import."""
    return [m.group("url") or m.group("import") for m in CSS_URL.finditer(css)]


def local_file(site_dir: Path, from_url: str, ref: str) -> tuple[str, Path] | None:
    """The (URL path, file under site_dir) that `ref`, written in the file at URL path `from_url`, loads;
    None for other hosts, data: URIs, fragments and files that do not exist."""
    ref = ref.strip()
    if not ref or ref.startswith(("#", "data:", "mailto:", "tel:", "javascript:", "about:", "blob:")):
        return None
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        return None
    url = urljoin(from_url, parts.path)
    target = site_dir / unquote(url).lstrip("/")
    if url.endswith("/") or target.is_dir():
        target = target / "index.html"
    return (url, target) if target.is_file() else None


def gzip_size(data: bytes) -> int:
    """Bytes after gzip at the level a static host serves with."""
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


@dataclass
class PageWeight:
    """What a page costs on first load: the page and every same-origin file it loads, raw and gzipped."""

    page: str
    files: list[tuple[str, int, int]] = field(default_factory=list)  # (URL path, raw bytes, gzip bytes)

    @property
    def raw(self) -> int:
        return sum(f[1] for f in self.files)

    @property
    def gzip(self) -> int:
        return sum(f[2] for f in self.files)

    def as_dict(self) -> dict[str, Any]:
        return {"page": self.page, "raw_bytes": self.raw, "gzip_bytes": self.gzip,
                "files": [{"url": u, "raw_bytes": r, "gzip_bytes": g} for u, r, g in self.files]}


def page_weight(site_dir: Path, page: str) -> PageWeight:
    """The first-load weight of the page at URL path `page` ('' or 'a/b/') of the built site in site_dir:
    the HTML, then what it loads, then what those stylesheets load, each file counted once."""
    site_dir = Path(site_dir)
    start = "/" + page.lstrip("/")
    found = local_file(site_dir, "/", start)
    if found is None:
        raise FileNotFoundError(f"no page at {start} in {site_dir}")
    weight = PageWeight(page or "/")
    queue, seen = [found], {found[1]}
    while queue:
        url, path = queue.pop(0)
        data = path.read_bytes()
        weight.files.append((url, len(data), gzip_size(data)))
        text = data.decode("utf-8", errors="replace")
        if path.suffix == ".html":
            refs = html_refs(text)
        elif path.suffix == ".css":
            refs = css_refs(text)
        else:
            refs = []
        for ref in refs:
            nxt = local_file(site_dir, url, ref)
            if nxt and nxt[1] not in seen:
                seen.add(nxt[1])
                queue.append(nxt)
    return weight


# --- Budgets -------------------------------------------------------------------------------------

_COMPARE = {"<=": lambda m, lim: m <= lim, ">=": lambda m, lim: m >= lim, "==": lambda m, lim: m == lim}


@dataclass
class Budget:
    """One budget: what was measured against its limit. `measured` is None when it could not be measured."""

    name: str
    measured: float | None
    limit: float
    op: str = "<="
    unit: str = ""
    note: str = ""
    group: str = "bench"

    @property
    def passed(self) -> bool:
        return self.measured is not None and _COMPARE[self.op](self.measured, self.limit)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "passed": self.passed}


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "not measured"
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"
    return f"{text} {unit}".strip()


def format_table(budgets: list[Budget]) -> str:
    """The budgets as a plain-text table: budget, measured, limit, pass/fail."""
    rows = [("budget", "measured", "limit", "result")]
    rows += [(b.name, _number(b.measured, b.unit), f"{b.op} {_number(b.limit, b.unit)}", "pass" if b.passed else "FAIL") for b in budgets]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"  {b.name}: {b.note}" for b in budgets if b.note]
    return "\n".join(lines + (["", "Notes:", *notes] if notes else []))


def results(budgets: list[Budget], measurements: dict[str, Any], when: str) -> dict[str, Any]:
    """The JSON written to .bench/results.json."""
    return {
        "date": when,
        "passed": all(b.passed for b in budgets),
        "budgets": [b.as_dict() for b in budgets],
        "measurements": measurements,
    }


def merge_results(old: dict[str, Any] | None, new: dict[str, Any], group: str) -> dict[str, Any]:
    """`new` results of one group of budgets (e.g. 'lighthouse') merged into earlier results of the others."""
    if not old:
        return new
    budgets = [b for b in old.get("budgets", []) if b.get("group") != group] + [b for b in new["budgets"] if b.get("group") == group]
    measurements = {**old.get("measurements", {}), **new["measurements"]}
    return {"date": new["date"], "passed": all(b["passed"] for b in budgets), "budgets": budgets, "measurements": measurements}


def median(values: list[float]) -> float:
    return statistics.median(values)


def per_thousand_words(seconds: float, words: int) -> float:
    """Seconds of build time per 1,000 words."""
    return seconds / words * 1000 if words else float("inf")


def scaling_ratio(per_page: dict[int, float]) -> tuple[int, int, float] | None:
    """(largest scale, next scale, ratio of their per-page costs), or None with fewer than two scales."""
    scales = sorted(per_page)
    if len(scales) < 2:
        return None
    big, small = scales[-1], scales[-2]
    return big, small, per_page[big] / per_page[small]


# --- Lighthouse reports --------------------------------------------------------------------------

LIGHTHOUSE_TARGETS = {"performance": (">=", 95), "accessibility": ("==", 100), "best-practices": ("==", 100), "seo": ("==", 100)}


def lighthouse_scores(report: dict[str, Any]) -> dict[str, int | None]:
    """Category scores (0–100) of a Lighthouse JSON report."""
    scores: dict[str, int | None] = {}
    for name, category in report.get("categories", {}).items():
        score = category.get("score")
        scores[name] = None if score is None else round(score * 100)
    return scores


def failing_audits(report: dict[str, Any], category: str) -> list[tuple[str, str]]:
    """(id, title) of every weighted audit of a category that did not fully pass."""
    audits = report.get("audits", {})
    failing = []
    for ref in report.get("categories", {}).get(category, {}).get("auditRefs", []):
        audit = audits.get(ref["id"], {})
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            failing.append((ref["id"], audit.get("title", ref["id"])))
    return failing


def lighthouse_budgets(scores: dict[str, dict[str, int | None]]) -> list[Budget]:
    """One budget per category, measured as the lowest score over the pages (named in the note)."""
    budgets = []
    for category, (op, limit) in LIGHTHOUSE_TARGETS.items():
        by_page = {page: s.get(category) for page, s in scores.items()}
        known = {p: v for p, v in by_page.items() if v is not None}
        lowest = min(known.values()) if known and len(known) == len(by_page) else None
        note = ", ".join(f"{p} {v if v is not None else '?'}" for p, v in by_page.items())
        budgets.append(Budget(f"Lighthouse {category} (lowest of {len(by_page)} pages)", lowest, limit, op, "", note, "lighthouse"))
    return budgets


# --- Running MkDocs (not unit-tested: these time real builds) ------------------------------------


# Page types weighed on first load (URL paths; pages missing from the build are skipped and listed).
WEIGHED_PAGES = {
    "home": "",
    "topic": "peer-support/what-is-peer-support/",
    "country": "international/norway/",
    "recommendations": "recommendations/",
    "help": "get-help-now/",
    "glossary": "glossary/",
}
LIGHTHOUSE_PAGES = {k: v for k, v in WEIGHED_PAGES.items() if k != "glossary"}
SEARCH_INDEX = "search/search_index.json"
# Macro calls whose output lists pages, left out of the synthetic copies (see copy_text).
PER_PAGE_LISTS = re.compile(r"\{\{-?\s*bibliography\(\s*\)\s*-?\}\}")
# Synthetic copies sort after every real page, so the pages showing site-wide lists stay the real ones.
COPY_DIR = "zz-copy-{:02d}"
# Left out of the temporary copy of the project.
NOT_COPIED = (".git", ".venv", "site", "node_modules", ".bench", "__pycache__", ".pytest_cache", "*.egg-info", "build")
RELOAD_PAGE = "glossary/"

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE_DIR = ROOT / "scripts" / "lighthouse"


class BenchError(Exception):
    """A step of the benchmark could not run (a build failed, a server did not start)."""


def say(message: str) -> None:
    print(message, flush=True)


def copy_project(root: Path, dest: Path) -> Path:
    """A copy of the project at dest, without the environment, builds or version control."""
    shutil.copytree(root, dest, ignore=shutil.ignore_patterns(*NOT_COPIED), symlinks=True)
    return dest


def docs_words(docs: Path) -> tuple[int, int]:
    """(pages, words) of every Markdown page under docs."""
    pages = sorted(docs.rglob("*.md"))
    return len(pages), sum(count_words(p.read_text(encoding="utf-8")) for p in pages)


def build_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """What a timed build adds to the environment: `env`, and Python allowed to cache compiled modules, as on a
    contributor's machine. Some machines set PYTHONDONTWRITEBYTECODE, which would charge this project's modules a
    compile on every build while the installed packages, compiled at install time, pay nothing; Python reads an
    empty value as unset."""
    return {"PYTHONDONTWRITEBYTECODE": "", **(env or {})}


def timed_build(project: Path, site_dir: Path, repeats: int, strict: bool = True, env: dict[str, str] | None = None,
                warm_up: bool = False, config_file: Path | None = None) -> list[float]:
    """Wall-clock seconds of `repeats` MkDocs builds of the project, each a fresh subprocess; with `warm_up`, after
    one untimed build (which compiles the modules and fills the operating system's file cache)."""
    from .cli import mkdocs

    # Not --quiet: MkDocs 1.6 then drops warnings before its strict mode counts them, and a broken build passes.
    args = ["build", "--site-dir", str(site_dir), *(["--strict"] if strict else []), *(["--config-file", str(config_file)] if config_file else [])]
    env = build_env(env)
    times = []
    for _ in range(repeats + (1 if warm_up else 0)):
        with tempfile.TemporaryFile() as log:
            start = time.perf_counter()
            code = mkdocs(*args, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
            times.append(time.perf_counter() - start)
            if code != 0:
                log.seek(0)
                lines = [line for line in log.read().decode(errors="replace").splitlines() if not line.startswith("INFO")]
                raise BenchError(f"the build of {project} failed (exit {code}):\n" + "\n".join(lines[-30:]))
    return times[1:] if warm_up else times


def write_plain_config(project: Path, dest: Path) -> Path:
    """mkdocs.yml of a plain comparison site in dest, with the project's site name and Markdown extensions."""
    from mkdocs.utils.yaml import yaml_load

    with (project / "mkdocs.yml").open(encoding="utf-8") as handle:
        config = yaml_load(handle) or {}
    (dest / "mkdocs.yml").write_text(plain_config(str(config.get("site_name", "Plain")), config.get("markdown_extensions")), encoding="utf-8")
    return dest


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


def make_plain_site(project: Path, dest: Path) -> Path:
    """A plain Material site from the project's Markdown: macro calls removed, same Markdown extensions."""
    docs = project / "docs"
    for page in docs.rglob("*.md"):
        target = dest / "docs" / page.relative_to(docs)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain_page(page.read_text(encoding="utf-8")), encoding="utf-8")
    return write_plain_config(project, dest)


# A MkDocs hook, added to a copy of the project for one build: it writes each page's Markdown as the macros
# left it (data rendered, sources and abbreviations appended) with its title and description, to KB_BENCH_DUMP.
# Hooks run after the plugins, so it sees what Python-Markdown is about to convert.
DUMP_HOOK = """
import os
from pathlib import Path

import yaml


def on_page_markdown(markdown, page, config, files):
    meta = {key: str(page.meta[key]) for key in ("title", "description") if page.meta.get(key) is not None}
    target = Path(os.environ["KB_BENCH_DUMP"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    front = "---\\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) + "---\\n" if meta else ""
    target.write_text(front + markdown, encoding="utf-8")
    return markdown
"""
DUMP_CONFIG = "mkdocs-bench-dump.yml"


def make_published_plain_site(project: Path, dest: Path, work: Path) -> Path:
    """A plain Material site with the same published words as this site: every page as this site's macros
    render it (tables, sources, glossary entries, recommendation texts written out), built without macros or
    data, with the same Markdown extensions."""
    hook = work / "dump_markdown.py"
    hook.write_text(DUMP_HOOK.lstrip(), encoding="utf-8")
    config = project / DUMP_CONFIG
    config.write_text(f"INHERIT: mkdocs.yml\nhooks:\n  - {json.dumps(str(hook))}\n", encoding="utf-8")
    try:
        timed_build(project, work / "site-dump", 1, env={"KB_BENCH_DUMP": str(dest / "docs")}, config_file=config)
    finally:
        config.unlink()
    return write_plain_config(project, dest)


def copy_text(markdown: str) -> str:
    """A page as a synthetic copy shows it: without the lists that grow with the number of pages.

    The bibliography links every source to every page citing it. A site that grows has one bibliography
    whose links grow with it; 50 copies of it, each listing all 50 copies' pages, would grow with the
    square of the site and measure the copying, not the site."""
    return PER_PAGE_LISTS.sub("", markdown)


def add_copies(project: Path, first: int, last: int) -> None:
    """Copy every real page into docs/zz-copy-NN/ for NN = first … last (the real pages are those outside them)."""
    docs = project / "docs"
    real = [p for p in docs.rglob("*.md") if not p.relative_to(docs).parts[0].startswith("zz-copy-")]
    texts = {page: copy_text(page.read_text(encoding="utf-8")) for page in real}
    for number in range(first, last + 1):
        folder = docs / COPY_DIR.format(number)
        for page, text in texts.items():
            target = folder / page.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def keep_copies_out_of_nav(project: Path) -> None:
    """The copies are built (strictly) but left out of the navigation: mkdocs.yml gets `not_in_nav`.

    Without it every copy would be a nav entry, and Material renders the whole navigation into every
    page, so the cost per page would grow with the site because of the theme, not this project."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    pattern = "/zz-copy-*/"
    match = re.search(r"^not_in_nav:\s*\|\s*\n", text, re.MULTILINE)
    if match:
        text = text[: match.end()] + f"  {pattern}\n" + text[match.end():]
    elif re.search(r"^not_in_nav:", text, re.MULTILINE):
        raise BenchError("mkdocs.yml sets not_in_nav in a form the benchmark cannot extend; write it as a block: not_in_nav: |")
    else:
        text = text.rstrip("\n") + f"\n\n# Added by kb bench in its temporary copy.\nnot_in_nav: |\n  {pattern}\n"
    config.write_text(text, encoding="utf-8")


def register_copies(project: Path) -> None:
    """Register the copies' addresses in the temporary copy's published-urls.txt, as `kb urls` would."""
    from .urls import REGISTRY, register

    if (project / REGISTRY).is_file():
        register(project)


def count_data_loads(project: Path, site_dir: Path) -> Counter[str]:
    """How often each data file is read during one strict build of the project, run in this process with
    the YAML loader of the data files spied on."""
    from unittest import mock

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from . import validate

    counts: Counter[str] = Counter()
    real = validate.load_yaml

    def spy(text: str, filename: str, *args: Any, **kwargs: Any) -> Any:
        counts[filename] += 1
        return real(text, filename, *args, **kwargs)

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with mock.patch.object(validate, "load_yaml", spy), contextlib.chdir(project):
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        except Exception as error:  # mkdocs' Abort, a plugin's error: the warnings were logged above
            raise BenchError(f"the in-process build of {project} failed: {error}") from error
        finally:
            config.plugins.on_shutdown()
    return counts


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(condition: Callable[[], bool], timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def edit_glossary_definition(project: Path, token: str) -> tuple[Path, str]:
    """Put `token` at the start of the first plain glossary definition; return (file, its old text)."""
    data = project / "data"
    files = [data / "glossary.yml"] if (data / "glossary.yml").is_file() else sorted((data / "glossary").glob("*.yml"))
    for path in files:
        old = path.read_text(encoding="utf-8")
        new, replaced = re.subn(r"^(\s*definition:[ \t]+)(?=[A-Za-z])", rf"\g<1>{token} ", old, count=1, flags=re.MULTILINE)
        if replaced:
            path.write_text(new, encoding="utf-8")
            return path, old
    raise BenchError("no glossary definition to edit")


def edit_glossary_page(project: Path, token: str) -> tuple[Path, str]:
    """Add `token` to the glossary page's Markdown (of the plain site, which has no data); return (file, its old text)."""
    path = project / "docs" / "glossary.md"
    old = path.read_text(encoding="utf-8")
    path.write_text(old.rstrip("\n") + f"\n\n{token}\n", encoding="utf-8")
    return path, old


def measure_reload(project: Path, timeout: float = 120, edit: Callable[[Path, str], tuple[Path, str]] = edit_glossary_definition,
                   strict: bool = True) -> float:
    """Seconds from an edit (by default of a data file) to the edited text being served by `mkdocs serve` (as
    `kb preview` runs it)."""
    from .cli import mkdocs_command

    port = free_port()
    command, env = mkdocs_command("serve", *(["--strict"] if strict else []), "--dev-addr", f"127.0.0.1:{port}", env=build_env())
    url = f"http://127.0.0.1:{port}/{RELOAD_PAGE}"
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        if not wait_for(lambda: fetch(url) is not None, timeout, 0.2):
            log.seek(0)
            raise BenchError(f"mkdocs serve did not serve {url}:\n{log.read().decode(errors='replace')[-2000:]}")
        time.sleep(1.0)  # let the watcher settle after the first build
        token = f"Benchmark{int(time.time())}"
        path, old = edit(project, token)
        start = time.perf_counter()
        try:
            if not wait_for(lambda: token in (fetch(url) or ""), timeout):
                raise BenchError(f"the edit of {path.name} did not show on {url} within {timeout:.0f} s")
            return time.perf_counter() - start
        finally:
            path.write_text(old, encoding="utf-8")
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


# --- Serving a built site, compressed like a static host ----------------------------------------

COMPRESSED_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped (level 6) when the client accepts it, as a static host serves them."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if not (path.is_file() and path.suffix in COMPRESSED_TYPES and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve_site(site_dir: Path, port: int) -> Iterator[str]:
    """Serve a built site on 127.0.0.1:port in a thread; yields its address."""
    handler = functools.partial(_GzipHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


# --- The two commands ----------------------------------------------------------------------------


def weigh_pages(site_dir: Path) -> tuple[list[Budget], dict[str, Any]]:
    """Page weight budgets and measurements of a built site."""
    weights = {name: page_weight(site_dir, url) for name, url in WEIGHED_PAGES.items() if local_file(site_dir, "/", "/" + url)}
    missing = [name for name in WEIGHED_PAGES if name not in weights]
    kib = {name: w.gzip / KIB for name, w in weights.items()}
    index = site_dir / SEARCH_INDEX
    search = {"raw_bytes": index.stat().st_size, "gzip_bytes": gzip_size(index.read_bytes())} if index.is_file() else None
    heaviest = max(kib, key=kib.__getitem__) if kib else None
    budgets = [
        Budget("page weight, median page type (gzip)", round(median(list(kib.values())), 1) if kib else None, 100, unit="KiB",
               note="first load: the HTML and every same-origin file it loads; the search index is reported apart"),
        Budget("page weight, heaviest page type (gzip)", round(kib[heaviest], 1) if heaviest else None, 200, unit="KiB",
               note=f"heaviest: {heaviest}" + (f"; not in this build: {', '.join(missing)}" if missing else "")),
    ]
    measurements = {
        "page_weight": {name: w.as_dict() for name, w in weights.items()},
        "page_weight_missing": missing,
        "search_index": search,
    }
    return budgets, measurements


def run_bench(root: Path, scales: list[int], repeats: int, scale_repeats: int, work: Path) -> tuple[list[Budget], dict[str, Any]]:
    """Every measurement of `kb bench` except Lighthouse, on copies of the project under `work`."""
    budgets: list[Budget] = []
    m: dict[str, Any] = {"repeats": repeats, "scale_repeats": scale_repeats}
    project = copy_project(root, work / "project")
    pages, words = docs_words(project / "docs")
    m["pages"], m["words"] = pages, words

    say(f"1/6 Building this site (strict) and a plain Material site with the same published words, in turn, best of {repeats} "
        f"after a warm-up … ({pages} pages, {words} words of Markdown)")
    site_dir = work / "site"
    published = make_published_plain_site(project, work / "plain", work)
    published_words = docs_words(published / "docs")[1]
    site_times, published_times = alternate_builds([(project, site_dir, True), (published, work / "plain-site", False)], repeats)
    say(f"    this site: {min(site_times):.2f} s; plain Material with the same {published_words} published words: {min(published_times):.2f} s")

    say("2/6 Weighing pages on first load …")
    weight_budgets, weight_m = weigh_pages(site_dir)
    m.update(weight_m)

    say("3/6 Counting data loads in one build …")
    loads = count_data_loads(project, work / "site-loads")
    data_loads = {name: n for name, n in loads.items() if name.startswith("data/")}
    m["data_loads"] = data_loads
    most = max(data_loads.values()) if data_loads else None
    budgets.append(Budget("data loads per build", most, 1, note=f"{len(data_loads)} data files, each read {most} time(s) per build"))

    say(f"4/6 Building a plain Material site from the source Markdown with macro calls removed, for reference, best of {repeats} …")
    stripped = make_plain_site(project, work / "plain-source")
    stripped_words = docs_words(stripped / "docs")[1]
    stripped_times = timed_build(stripped, work / "plain-source-site", repeats, strict=False, warm_up=True)
    say(f"    {stripped_words} words: {min(stripped_times):.2f} s (it lacks everything the data adds to the pages)")
    site_k, plain_k = per_thousand_words(min(site_times), published_words), per_thousand_words(min(published_times), published_words)
    m["build"] = {
        "site_seconds": site_times, "published_words": published_words,
        "plain_seconds": published_times, "site_seconds_per_1000_words": site_k, "plain_seconds_per_1000_words": plain_k,
        "source_plain": {"words": stripped_words, "seconds": stripped_times,
                         "seconds_per_1000_words": per_thousand_words(min(stripped_times), stripped_words),
                         "ratio": round(per_thousand_words(min(site_times), words) / per_thousand_words(min(stripped_times), stripped_words), 2)},
    }
    budgets.insert(0, Budget("build time per 1,000 published words, this site ÷ plain Material", round(site_k / plain_k, 2), 1.3,
                             note=f"{site_k:.3f} s vs {plain_k:.3f} s per 1,000 words (best of {repeats}); the plain site has the same "
                                  f"{published_words} published words, written out, without macros or data"))

    say("5/6 Timing the preview's reload after a data edit, and plain Material's after a page edit …")
    reload_seconds = measure_reload(project)
    plain_reload = measure_reload(published, edit=edit_glossary_page, strict=False)
    m["reload_seconds"], m["plain_reload_seconds"] = reload_seconds, plain_reload
    budgets.append(Budget("preview reload after a data edit", round(reload_seconds, 2), 2, unit="s",
                          note=f"mkdocs serve --strict as `kb preview` runs it; the whole site is rebuilt. Plain Material with "
                               f"the same words, after a page edit: {plain_reload:.2f} s"))

    say(f"6/6 Building at {', '.join(f'{s}×' for s in scales)} the content …")
    keep_copies_out_of_nav(project)
    per_page: dict[int, float] = {}
    scale_m: dict[str, Any] = {}
    have = 1
    for scale in sorted(scales):
        if scale > have:
            add_copies(project, have, scale - 1)
            have = scale
        register_copies(project)
        count = docs_words(project / "docs")[0]
        times = site_times if scale == 1 else timed_build(project, work / f"site-{scale}", scale_repeats)
        best = min(times)
        per_page[scale] = best / count
        scale_m[str(scale)] = {"pages": count, "seconds": times, "seconds_per_page": per_page[scale]}
        say(f"    {scale}×: {count} pages in {best:.1f} s, {per_page[scale] * 1000:.1f} ms per page")
    m["scales"] = scale_m
    ratio = scaling_ratio(per_page)
    if ratio:
        big, small, value = ratio
        budgets.append(Budget(f"cost per page at {big}× ÷ at {small}×", round(value, 2), 1.2,
                              note=f"{per_page[big] * 1000:.1f} vs {per_page[small] * 1000:.1f} ms per page; copies built strictly, out of the nav, without the bibliography list"))
    budgets[1:1] = weight_budgets
    return budgets, m


def lighthouse_binary() -> Path:
    return LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"


def ensure_lighthouse() -> Path:
    """The pinned Lighthouse from scripts/lighthouse/package-lock.json, installed with `npm ci` when missing."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise BenchError("Lighthouse needs Node.js 18.16+ and npm (Debian: sudo apt-get install nodejs npm)")
    binary = lighthouse_binary()
    if not binary.exists():
        say("Installing the pinned Lighthouse (npm ci in scripts/lighthouse/) …")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE_DIR, check=True)
    return binary


def chrome_path() -> str:
    path = os.environ.get("CHROME_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise BenchError("Lighthouse needs Chromium (Debian: sudo apt-get install chromium), or CHROME_PATH")
    return path


def median_run(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The report with the median performance score (the lower middle one of an even number), as Lighthouse
    advises for noisy machines: scores of one page vary from run to run, the median much less."""
    ranked = sorted(reports, key=lambda r: lighthouse_scores(r).get("performance") or 0)
    return ranked[(len(ranked) - 1) // 2]


def run_lighthouse(root: Path, work: Path, runs: int = 3, pages: dict[str, str] | None = None) -> tuple[list[Budget], dict[str, Any]]:
    """Build the site for a local address, serve it gzipped and run Lighthouse (mobile) `runs` times on each
    page; each page's scores are those of its median run."""
    binary = ensure_lighthouse()
    pages = pages or LIGHTHOUSE_PAGES
    port = free_port()
    address = f"http://127.0.0.1:{port}/"
    site_dir = work / "lighthouse-site"
    say(f"Building the site for {address} …")
    timed_build(root, site_dir, 1, env={"SITE_URL": address})
    reports_dir = work / "lighthouse-reports"
    reports_dir.mkdir(parents=True, exist_ok=True)
    scores: dict[str, dict[str, int | None]] = {}
    failing: dict[str, dict[str, list[tuple[str, str]]]] = {}
    env = {**os.environ, "CHROME_PATH": chrome_path()}
    with serve_site(site_dir, port) as base:
        for name, url in pages.items():
            if not local_file(site_dir, "/", "/" + url):
                say(f"    {name}: /{url} is not in this build; skipped")
                continue
            say(f"Lighthouse: {name} ({base}{url}), {runs} run{'s' if runs != 1 else ''} …")
            reports = []
            for run in range(1, runs + 1):
                out = reports_dir / f"{name}-{run}.json"
                subprocess.run(
                    [str(binary), base + url, "--output=json", f"--output-path={out}", "--quiet",
                     f"--only-categories={','.join(LIGHTHOUSE_TARGETS)}", "--chrome-flags=--headless=new --no-sandbox"],
                    env=env, check=True,
                )
                reports.append(json.loads(out.read_text(encoding="utf-8")))
            report = median_run(reports)
            scores[name] = lighthouse_scores(report)
            failing[name] = {c: failing_audits(report, c) for c in LIGHTHOUSE_TARGETS}
            performance = [lighthouse_scores(r).get("performance") for r in reports]
            say("    " + ", ".join(f"{c} {scores[name].get(c)}" for c in LIGHTHOUSE_TARGETS) + f" (performance of each run: {performance})")
    found = {"date": datetime.date.today().isoformat(), "scores": scores, "failing_audits": failing, "runs": runs, "version": lighthouse_version(), "form_factor": "mobile"}
    return lighthouse_budgets(scores), {"lighthouse": found}


def lighthouse_version() -> str | None:
    lock = LIGHTHOUSE_DIR / "package-lock.json"
    if not lock.is_file():
        return None
    return json.loads(lock.read_text(encoding="utf-8")).get("packages", {}).get("node_modules/lighthouse", {}).get("version")


def report(budgets: list[Budget], measurements: dict[str, Any], out: Path, group: str | None = None) -> bool:
    """Print the table, write (or, for one group, merge into) the JSON results; True when every budget passed."""
    when = datetime.date.today().isoformat()
    new = results(budgets, measurements, when)
    out.parent.mkdir(parents=True, exist_ok=True)
    if group and out.is_file():
        new = merge_results(json.loads(out.read_text(encoding="utf-8")), new, group)
    out.write_text(json.dumps(new, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    say("\n" + format_table(budgets))
    lighthouse = measurements.get("lighthouse", {})
    for page, categories in lighthouse.get("failing_audits", {}).items():
        for category, audits in categories.items():
            score = lighthouse["scores"].get(page, {}).get(category)
            op, limit = LIGHTHOUSE_TARGETS[category]
            if score is not None and _COMPARE[op](score, limit):
                continue  # only the audits of a score below its target
            for audit_id, title in audits:
                say(f"  Lighthouse {page} / {category}: {audit_id} — {title}")
    if "search_index" in measurements and measurements["search_index"]:
        s = measurements["search_index"]
        say(f"\nSearch index ({SEARCH_INDEX}; Material fetches it in the background after each first load; not in page weight): "
            f"{s['raw_bytes'] / KIB:.1f} KiB raw, {s['gzip_bytes'] / KIB:.1f} KiB gzip")
    say(f"Results written to {out}")
    return all(b.passed for b in budgets)


def parse_scales(text: str) -> list[int]:
    """'1,10,50' → [1, 10, 50]; every scale a whole number of at least 1."""
    try:
        scales = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise ValueError(f"scales are whole numbers separated by commas, e.g. 1,10,50; not {text!r}") from None
    if not scales or scales[0] < 1:
        raise ValueError(f"scales are whole numbers of at least 1, e.g. 1,10,50; not {text!r}")
    return scales


@contextlib.contextmanager
def workspace(keep: bool) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    try:
        yield path
    finally:
        if keep:
            say(f"Kept the temporary builds in {path}")
        else:
            shutil.rmtree(path, ignore_errors=True)
