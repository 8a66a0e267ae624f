"""The bench's workspace: a temporary folder, the copy of the project it measures (so nothing here touches the
project itself), and the synthetic copies of every page that the scaling budget builds."""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .common import BenchError, say

# Left out of the temporary copy of the project.
NOT_COPIED = (".git", ".venv", "site", "node_modules", ".bench", "__pycache__", ".pytest_cache", "*.egg-info", "build")
# Macro calls whose output lists pages, left out of the synthetic copies (see copy_text).
PER_PAGE_LISTS = re.compile(r"\{\{-?\s*bibliography\(\s*\)\s*-?\}\}")
# Synthetic copies sort after every real page, so the pages showing site-wide lists stay the real ones.
COPY_DIR = "zz-copy-{:02d}"


@contextlib.contextmanager
def workspace(keep: bool) -> Iterator[Path]:
    """A temporary folder for the copies and builds; removed afterwards unless `keep`."""
    path = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    try:
        yield path
    finally:
        if keep:
            say(f"Kept the temporary builds in {path}")
        else:
            shutil.rmtree(path, ignore_errors=True)


def copy_project(root: Path, dest: Path) -> Path:
    """A copy of the project at dest, without the environment, builds or version control."""
    shutil.copytree(root, dest, ignore=shutil.ignore_patterns(*NOT_COPIED), symlinks=True)
    return dest


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
        text = text[: match.end()] + f"  {pattern}\n" + text[match.end() :]
    elif re.search(r"^not_in_nav:", text, re.MULTILINE):
        raise BenchError("mkdocs.yml sets not_in_nav in a form the benchmark cannot extend; write it as a block: not_in_nav: |")
    else:
        text = text.rstrip("\n") + f"\n\n# Added by kb bench in its temporary copy.\nnot_in_nav: |\n  {pattern}\n"
    config.write_text(text, encoding="utf-8")


def register_copies(project: Path) -> None:
    """Register the copies' addresses in the temporary copy's published-urls.txt, as `kb urls` would."""
    from peerkb.urls import REGISTRY, register

    if (project / REGISTRY).is_file():
        register(project)
