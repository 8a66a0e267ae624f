"""The sitemaps of the whole site, with every page's translations.

MkDocs writes a sitemap per build, listing only that edition's pages. After every edition is built, these replace
them: the site's root sitemap lists every page of every edition, and each edition's folder has a sitemap of its own
pages (a sitemap may only list addresses under its own folder). Each entry names the page in every language it
exists in, itself included, and English as the default (`x-default`), as search engines read page pairs; the same
pairs are in each page's <link rel="alternate" hreflang> (overrides/main.html).
"""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .editions import EDITIONS, ROOT, in_edition, of_path
from .siteindex import page_url

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'


def site_pages(docs: Path) -> list[str]:
    """Every page of every edition, as site paths ('peer-support/forms.md', 'lt/peer-support/forms.md')."""
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if p.is_file())


def sitemap(pages: list[str], all_pages: set[str], root_url: str) -> str:
    """A sitemap of `pages`, each with the addresses of its translations among `all_pages`."""
    lines = [HEAD]
    for page in pages:
        lines.append(f"  <url>\n    <loc>{escape(root_url + page_url(page))}</loc>\n")
        pairs = [(edition.code, in_edition(page, edition)) for edition in EDITIONS.values() if in_edition(page, edition) in all_pages]
        if len(pairs) > 1:
            for code, pair in pairs:
                lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(code)} href={quoteattr(root_url + page_url(pair))}/>\n')
            default = in_edition(page, EDITIONS[ROOT])
            lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(root_url + page_url(default))}/>\n')
        lines.append("  </url>\n")
    lines.append("</urlset>\n")
    return "".join(lines)


def write_sitemaps(site_dir: Path, docs: Path, root_url: str) -> None:
    """Write sitemap.xml and sitemap.xml.gz at the site's root (every page) and in each other edition's folder."""
    pages = site_pages(docs)
    everything = set(pages)
    for edition in EDITIONS.values():
        folder = site_dir / edition.prefix
        if not folder.is_dir():
            continue
        listed = pages if edition.code == ROOT else [p for p in pages if of_path(p) is edition]
        text = sitemap(listed, everything, root_url).encode("utf-8")
        (folder / "sitemap.xml").write_bytes(text)
        with gzip.GzipFile(folder / "sitemap.xml.gz", "wb", mtime=0) as packed:
            packed.write(text)
