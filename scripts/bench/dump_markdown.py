"""A MkDocs hook the bench adds to a temporary copy of the project for one build, never to the project's own
mkdocs.yml: it writes each page's Markdown as the macros left it (data rendered, sources and abbreviations
appended), with its title and description as front matter, under the folder named by KB_BENCH_DUMP.

Hooks run after the plugins, so it sees what Python-Markdown is about to convert. The pages it writes are the
plain Material site with the same published words (see plainsite.make_published_plain_site).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    meta = {key: str(page.meta[key]) for key in ("title", "description") if page.meta.get(key) is not None}
    target = Path(os.environ["KB_BENCH_DUMP"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    front = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) + "---\n" if meta else ""
    target.write_text(front + markdown, encoding="utf-8")
    return markdown
