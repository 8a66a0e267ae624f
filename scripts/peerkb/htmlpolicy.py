"""The HTML policy: what a page of this site may contain, checked in the source before a build and in
every built page after it, and the Content-Security-Policy every page carries.

Pages, front matter and data come from pull requests by people the maintainers do not know, and the
site's readers include people in distress. Escaping stops most tricks where text enters a page; this
policy is the net behind it. On every built page:

- no script but the theme's and the site's own files (and the theme's inline scripts, outside the
  content, which the page's Content-Security-Policy lists by hash);
- no event-handler attributes (`on…=`), no `javascript:`, `data:` or `vbscript:` addresses;
- no `<iframe>`, `<object>`, `<embed>`, `<base>` or `<meta http-equiv>`, and no `<form>`, `<style>`,
  `<link>` or `<meta>` in the content;
- nothing loaded from another host: `src`, `srcset`, `poster`, `<link href>` and CSS `url()` stay on the site;
- links are `https:`, site-relative, `mailto:`, or `tel:` for a validated helpline number; no address
  with a user name or password in it, and no host written in non-ASCII letters (look-alike hosts).

In the Markdown source, raw HTML is limited to a few tags and attributes (`PAGE_TAGS`, `PAGE_ATTRIBUTES`),
links to `https:`, `mailto:` and the site's own pages, images to the site's own files, and `tel:` links
come only from the helplines macro.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from .problems import Problem
from .snapshot import ProjectFiles, files_of

# Raw HTML a page may use in its Markdown: layout (grids of cards, a line break) and inline semantics.
PAGE_TAGS = frozenset({"div", "span", "br", "abbr", "kbd", "sub", "sup", "img"})
PAGE_ATTRIBUTES = frozenset({"class", "lang", "dir", "title", "id", "markdown", "role", "alt", "src", "width", "height"})
# Attribute lists ({ … } after an element) may set these; `src` and `markdown` only belong in tags.
ATTR_LIST_ATTRIBUTES = PAGE_ATTRIBUTES - {"markdown", "src", "alt"}

NEVER = frozenset({"iframe", "object", "embed", "base", "frame", "frameset", "applet", "portal"})
NOT_IN_CONTENT = frozenset({"script", "style", "form", "link", "meta", "input", "button", "textarea", "select", "svg", "math"}) | NEVER
LOADS = {"src", "srcset", "poster", "data", "action", "formaction", "background", "xlink:href", "ping"}
LINK_SCHEMES = {"https", "mailto", "tel"}
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import", re.IGNORECASE)

# 'wasm-unsafe-eval' lets the search (Pagefind) compile its WebAssembly, from this site only; it allows no eval().
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'"
)


@dataclass
class _Tag:
    name: str
    attrs: list[tuple[str, str | None]]
    line: int
    col: int


@dataclass
class _Collector(HTMLParser):
    tags: list[_Tag] = field(default_factory=list)
    scripts: list[tuple[_Tag, str]] = field(default_factory=list)  # inline scripts and their text
    styles: list[tuple[_Tag, str]] = field(default_factory=list)
    _open: _Tag | None = None
    _text: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self.getpos()
        found = _Tag(tag, attrs, line, col)
        self.tags.append(found)
        if tag in ("script", "style"):
            self._open, self._text = found, []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == self._open.name:
            (self.scripts if tag == "script" else self.styles).append((self._open, "".join(self._text)))
            self._open = None


def _collect(html: str) -> _Collector:
    parser = _Collector()
    parser.feed(html)
    parser.close()
    return parser


def url_problem(url: str, *, loads: bool, tel_numbers: frozenset[str] = frozenset(), site_url: str = "") -> str | None:
    """What is wrong with an address in an attribute, or None. `loads` is true for addresses the browser
    fetches by itself (src, srcset, …): those must stay on this site."""
    value = url.strip()
    if not value or value.startswith("#"):
        return None
    if site_url and value.startswith(site_url):
        return None
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme in ("javascript", "data", "vbscript"):
        return f"'{scheme}:' addresses are not allowed"
    if loads:
        if scheme or value.startswith("//"):
            return f"'{value[:80]}' would load from another host"
        return None
    if not scheme and not value.startswith("//"):
        return None  # a page or file of this site
    if scheme not in LINK_SCHEMES:
        return f"'{value[:80]}' is not an https: address (links go only to https:, mailto: and the site's own pages)"
    if scheme == "tel":
        number = parts.path.replace(" ", "")
        return None if number in tel_numbers else f"'tel:{number}' is not the number of a helpline in data/helplines.yml"
    if scheme == "https":
        if "@" in parts.netloc:
            return f"'{value[:80]}' has a user name or password in its address (it may lead somewhere else than it shows)"
        host = parts.hostname or ""
        if not host.isascii():
            return f"'{value[:80]}' has a host with non-ASCII letters (it may imitate another site's name)"
        if not host:
            return f"'{value[:80]}' has no host"
    return None


def _css_problem(css: str) -> str | None:
    if _CSS_IMPORT.search(css):
        return "CSS @import is not allowed"
    for match in _CSS_URL.finditer(css):
        problem = url_problem(match.group(2), loads=True)
        if problem:
            return f"CSS url(): {problem}"
    return None


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


def check_built(html: str, where: str, content: str | None = None, tel_numbers: Iterable[str] = (), site_url: str = "") -> tuple[list[Problem], list[str]]:
    """Every breach of the policy in one built page, and the text of its inline scripts (for the CSP).

    `where` names the page in messages ('docs/get-help-now.md (get-help-now/index.html)'); `content` is the
    page's content HTML as placed in it, where stricter rules apply."""
    tel = frozenset(tel_numbers)
    parsed = _collect(html)
    start = end = (0, 0)
    if content:
        offset = html.find(content)
        if offset >= 0:
            before = html[:offset]
            start = (before.count("\n") + 1, offset - (before.rfind("\n") + 1))
            inside = html[: offset + len(content)]
            end = (inside.count("\n") + 1, offset + len(content) - (inside.rfind("\n") + 1))
    problems: list[Problem] = []

    def report(tag: _Tag, message: str, hint: str) -> None:
        problems.append(Problem(where, tag.line, message, hint=hint))

    for tag in parsed.tags:
        in_content = start <= (tag.line, tag.col) < end
        if tag.name in NEVER or (in_content and tag.name in NOT_IN_CONTENT):
            report(tag, f"<{tag.name}> is not allowed{' in page content' if in_content else ''}", "pages show text, links and images of this site; remove it")
            continue
        if tag.name == "meta" and any(k == "http-equiv" for k, _ in tag.attrs):
            report(tag, "<meta http-equiv> is not allowed", "remove it; the site sets its own security policy")
        for name, value in tag.attrs:
            value = value or ""
            if name.startswith("on"):
                report(tag, f"<{tag.name} {name}=…>: event-handler attributes are not allowed", "remove the attribute; pages run no script of their own")
                continue
            if name == "style":
                problem = _css_problem(value)
                if problem:
                    report(tag, f"<{tag.name} style=…>: {problem}", "remove the style; the site's stylesheet sets the look")
                continue
            if name == "srcset":
                urls = _srcset_urls(value)
            elif name in LOADS or (name == "href" and tag.name in ("link", "use", "image")) or name in ("href", "cite", "formaction"):
                urls = [value]
            else:
                continue
            loads = (name != "href" and name != "cite") or tag.name in ("link", "use", "image")
            for url in urls:
                problem = url_problem(url, loads=loads, tel_numbers=tel, site_url=site_url if tag.name == "link" else "")
                if problem:
                    report(
                        tag,
                        f"<{tag.name} {name}=…>: {problem}",
                        "link to https: pages, the site's own pages or files, or mailto:; numbers to call come from the helplines macro",
                    )
    inline = []
    for tag, text in parsed.scripts:
        attrs = dict(tag.attrs)
        if attrs.get("src") is not None:
            continue  # checked above as an address this site serves
        if (attrs.get("type") or "").lower() in ("application/json", "application/ld+json"):
            continue  # data, never run
        inline.append(text)
    for tag, text in parsed.styles:
        problem = _css_problem(text)
        if problem:
            report(tag, f"<style>: {problem}", "remove it; the site's stylesheet sets the look")
    return problems, inline


def script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(inline_scripts: Iterable[str]) -> str:
    """The page's policy: everything from this site only; inline scripts only those named by hash."""
    hashes = " ".join(sorted({script_hash(t) for t in inline_scripts}))
    return CSP.format(hashes=hashes).replace(" ;", ";")


def with_csp(html: str, inline_scripts: Iterable[str]) -> str:
    """The page with its Content-Security-Policy `<meta>` first in the head, before any script can run."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(inline_scripts)}">'
    head = re.search(r"<head[^>]*>", html)
    if head is None:
        return meta + html
    return html[: head.end()] + "\n    " + meta + html[head.end() :]


# --- the Markdown source ---------------------------------------------------------------------------

_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_RAW_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?/?>|<!--")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*)>")
_LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_ATTR_LIST = re.compile(r"\{:?\s*([^{}]*?)\s*\}")
_ATTR = re.compile(r"([a-zA-Z_:][\w:.-]*)\s*=")
_SRC = re.compile(r"""\bsrc\s*=\s*(["']?)([^"'\s>]*)\1""", re.IGNORECASE)
_TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def _visible_lines(body: str) -> list[tuple[int, str]]:
    """(index, line) of every line outside fenced code, with inline code blanked out."""
    out, fenced = [], False
    for index, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            out.append((index, _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)))
    return out


def _source_link_problem(target: str, image: bool) -> tuple[str, str] | None:
    if target.lower().startswith("tel:"):
        return (
            f"'{target}': tel: links are made only by the helplines macro",
            'show a number with {{ helplines("lt") }}, so it is always one checked in data/helplines.yml',
        )
    problem = url_problem(target, loads=image)
    if problem:
        return (problem, "an image must be a file of this site" if image else "links go to https: pages, the site's own pages or mailto: addresses")
    return None


def rule_page_html(path: str, body: str, body_line: int) -> list[Problem]:
    """Raw HTML, links, images and attribute lists in a page's Markdown keep to the policy."""
    problems = []
    for index, line in _visible_lines(body):
        number = body_line + index
        for match in _AUTOLINK.finditer(line):
            found = _source_link_problem(match.group(1), image=False)
            if found:
                problems.append(Problem(path, number, found[0], hint=found[1]))
        text = _TEMPLATE_CODE.sub(" ", _AUTOLINK.sub(" ", line))
        for match in _RAW_TAG.finditer(text):
            if match.group(0) == "<!--" or match.group(1):
                continue  # comments, and closing tags (the opening tag is the one reported)
            name = match.group(2).lower()
            if name not in PAGE_TAGS:
                problems.append(
                    Problem(
                        path,
                        number,
                        f"raw HTML <{name}> is not allowed on pages",
                        hint=f"write Markdown; the HTML tags a page may use are {', '.join(sorted(PAGE_TAGS))}",
                    )
                )
                continue
            attributes = match.group(3) or ""
            for attr in _ATTR.findall(attributes):
                if attr.lower() not in PAGE_ATTRIBUTES:
                    problems.append(
                        Problem(
                            path,
                            number,
                            f"<{name} {attr}=…> is not allowed on pages",
                            hint=f"the attributes a page may use are {', '.join(sorted(PAGE_ATTRIBUTES))}",
                        )
                    )
            for src in _SRC.findall(attributes):
                found = _source_link_problem(src[1], image=True)
                if found:
                    problems.append(Problem(path, number, found[0], hint=found[1]))
        for match in _LINK.finditer(text):
            found = _source_link_problem(match.group(2), image=bool(match.group(1)))
            if found:
                problems.append(Problem(path, number, found[0], hint=found[1]))
        ref = _REF_DEF.match(text)
        if ref:
            found = _source_link_problem(ref.group(1), image=False)
            if found:
                problems.append(Problem(path, number, found[0], hint=found[1]))
        for match in _ATTR_LIST.finditer(text):
            for attr in _ATTR.findall(match.group(1)):
                if attr.lower() not in ATTR_LIST_ATTRIBUTES:
                    problems.append(
                        Problem(
                            path,
                            number,
                            f"the attribute '{attr}' is not allowed in {{ … }} on pages",
                            hint=f"attribute lists may set {', '.join(sorted(ATTR_LIST_ATTRIBUTES))}",
                        )
                    )
    return problems


# --- the site's own scripts and stylesheets ----------------------------------------------------------

_ANY_HOST = re.compile(r"""(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}""", re.IGNORECASE)


def rule_site_assets(root: Path, docs_dir: str = "docs", files: ProjectFiles | None = None) -> list[Problem]:
    """Scripts and stylesheets under docs/ name no other host: nothing the site publishes may load from, or
    send to, another site. (The Content-Security-Policy blocks it in the browser as well.)"""
    problems = []
    for path in sorted((root / docs_dir).rglob("*")):
        if path.suffix not in (".js", ".css", ".mjs") or not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        for number, line in enumerate(files_of(root, files).text(path).splitlines(), start=1):
            css = _css_problem(line) if path.suffix == ".css" else None
            host = _ANY_HOST.search(line)
            if css or host:
                what = css or f"names another host ('{host.group(0) if host else ''}')"
                problems.append(
                    Problem(rel, number, what, hint="the site's scripts and stylesheets load and send nothing to other sites; keep every address on this site")
                )
    return problems
