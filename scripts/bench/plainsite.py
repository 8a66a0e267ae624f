"""The words of a site, and the plain Material sites it is compared with.

- A plain site from the source Markdown: front matter cut down to title and description, Jinja removed,
  the same Markdown extensions, Material with the search plugin only.
- A plain site with the same published words: every page as this site's macros render it (tables, source
  lists, glossary entries, recommendation texts written out), dumped during one build by the hook in
  dump_markdown.py, then built like the other plain site, without macros or data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from peerkb.content import _WORD, prose
from peerkb.pages import FRONT_MATTER

from .builds import timed_build
from .common import BenchError

# Jinja as pages write it: expressions, statements and comments ('{##' in this site; '{#' starts heading ids).
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}", re.DOTALL)
# Front matter a plain Material site understands without this project's plugins.
PLAIN_FRONT_MATTER = ("title", "description")
# The hook that writes the published Markdown, and the configuration (in the copy of the project) that adds it.
DUMP_HOOK = Path(__file__).with_name("dump_markdown.py")
DUMP_CONFIG = "mkdocs-bench-dump.yml"


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter without its '---' lines, body) of a Markdown page; no front matter gives ('', text)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return "", text
    return match.group(1) or "", text[match.end() :]


def count_words(markdown: str) -> int:
    """Words of prose on a page, as the plain-language report counts them: front matter, code, macro calls,
    heading ids and link targets do not count."""
    return len(_WORD.findall(prose(split_front_matter(markdown)[1])))


def docs_words(docs: Path) -> tuple[int, int]:
    """(pages, words) of every Markdown page under docs."""
    pages = sorted(docs.rglob("*.md"))
    return len(pages), sum(count_words(p.read_text(encoding="utf-8")) for p in pages)


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


def write_plain_config(project: Path, dest: Path) -> Path:
    """mkdocs.yml of a plain comparison site in dest, with the project's site name and Markdown extensions."""
    from peerkb.yamlsrc import load_yaml

    located, problems = load_yaml((project / "mkdocs.yml").read_text(encoding="utf-8"), "mkdocs.yml", extra_tags=frozenset({"!ENV"}))
    if located is None:
        raise BenchError("mkdocs.yml cannot be read safely:\n" + "\n".join(str(p) for p in problems))
    config = located.data or {}
    (dest / "mkdocs.yml").write_text(plain_config(str(config.get("site_name", "Plain")), config.get("markdown_extensions")), encoding="utf-8")
    return dest


def make_plain_site(project: Path, dest: Path) -> Path:
    """A plain Material site from the project's Markdown: macro calls removed, same Markdown extensions."""
    docs = project / "docs"
    for page in docs.rglob("*.md"):
        target = dest / "docs" / page.relative_to(docs)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain_page(page.read_text(encoding="utf-8")), encoding="utf-8")
    return write_plain_config(project, dest)


def dump_config(hook: Path = DUMP_HOOK) -> str:
    """The configuration, next to the copy's mkdocs.yml, of the build that writes the published Markdown: the
    copy's own configuration with `hook` as its hooks (MkDocs' INHERIT replaces a list, so these are the only hooks)."""
    return f"INHERIT: mkdocs.yml\nhooks:\n  - {json.dumps(str(hook))}\n"


def make_published_plain_site(project: Path, dest: Path, work: Path) -> Path:
    """A plain Material site with the same published words as this site: every page as this site's macros
    render it (tables, sources, glossary entries, recommendation texts written out), built without macros or
    data, with the same Markdown extensions."""
    config = project / DUMP_CONFIG
    config.write_text(dump_config(), encoding="utf-8")
    try:
        timed_build(project, work / "site-dump", 1, env={"KB_BENCH_DUMP": str(dest / "docs")}, config_file=config)
    finally:
        config.unlink()
    return write_plain_config(project, dest)
