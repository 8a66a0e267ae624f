"""Page weight: what a page costs on first load, the HTML and every same-origin file it loads (stylesheets,
scripts, images, icons, fonts and what stylesheets import), each counted once, raw and gzipped as a static host
serves it. Nothing of search loads with a page; what the first search costs is measured in Chromium (searchcost.py)."""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from .budgets import Budget, median

GZIP_LEVEL = 6  # what static hosts commonly serve with
KIB = 1024
# Page types weighed on first load (URL paths; pages missing from the build are skipped and listed).
WEIGHED_PAGES = {
    "home": "",
    "topic": "peer-support/what-is-peer-support/",
    "country": "international/norway/",
    "recommendations": "recommendations/",
    "help": "get-help-now/",
    "glossary": "glossary/",
}
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
        return {
            "page": self.page,
            "raw_bytes": self.raw,
            "gzip_bytes": self.gzip,
            "files": [{"url": u, "raw_bytes": r, "gzip_bytes": g} for u, r, g in self.files],
        }


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


def weigh_pages(site_dir: Path) -> tuple[list[Budget], dict[str, Any]]:
    """Page weight budgets and measurements of a built site."""
    weights = {name: page_weight(site_dir, url) for name, url in WEIGHED_PAGES.items() if local_file(site_dir, "/", "/" + url)}
    missing = [name for name in WEIGHED_PAGES if name not in weights]
    kib = {name: w.gzip / KIB for name, w in weights.items()}
    heaviest = max(kib, key=kib.__getitem__) if kib else None
    budgets = [
        Budget(
            "page weight, median page type (gzip)",
            round(median(list(kib.values())), 1) if kib else None,
            100,
            unit="KiB",
            note="first load: the HTML and every same-origin file it loads",
        ),
        Budget(
            "page weight, heaviest page type (gzip)",
            round(kib[heaviest], 1) if heaviest else None,
            100,
            unit="KiB",
            note=f"heaviest: {heaviest}" + (f"; not in this build: {', '.join(missing)}" if missing else ""),
        ),
    ]
    measurements = {
        "page_weight": {name: w.as_dict() for name, w in weights.items()},
        "page_weight_missing": missing,
    }
    return budgets, measurements
