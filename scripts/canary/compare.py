#!/usr/bin/env python3
"""Compare the site as MkDocs builds it with the site as Zensical builds it, and report the differences.

    python3 scripts/canary/compare.py MKDOCS_SITE ZENSICAL_SITE [--out report.md] [--fail-on-diff] [--title TEXT]
        [--zensical-version 0.0.73] [--zensical-status 1] [--zensical-log build.log]

Zensical, the successor of Material for MkDocs, reads mkdocs.yml but runs neither MkDocs `hooks:` nor every
step of the macros plugin, so parts of this site could vanish from its output without an error. This script
looks for exactly that, in the two built folders:

- the pages: every index.html, named by its address ("/", "peer-support/");
- on each page both engines built, its key parts: the entries of its list of sources (`ol.kb-sources`, or
  the list that follows the element with id="sources"), its review dates (the `<time datetime>` values of
  `aside.kb-review`), its urgent-help cards (`section.kb-helpline` ids and their tel: numbers) and whether it
  has its Content-Security-Policy (`<meta http-equiv="Content-Security-Policy">`).

It writes a Markdown report (to stdout, or to --out) and exits 0, since it is a report; with --fail-on-diff
it exits 1 when anything differs. A folder that does not exist counts as a site with no pages, so a build
that failed early is still compared. Only the standard library is used: CI runs it with any Python 3.11+.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

LEFT, RIGHT = "MkDocs", "Zensical"
# How many ids a report line names before it says "and N more".
SHOWN = 10
# How many lines of a failed build's log the report quotes.
LOG_LINES = 30
TITLE = "Successor-engine canary"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


# --- Extraction ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageParts:
    """The key parts of one built page, as plain values that compare with ==."""

    sources: tuple[str, ...] = ()  # the sources list's entries, in order: each <li>'s id, or its text without one
    review_dates: tuple[str, ...] = ()  # datetime values of the <time> elements in aside.kb-review
    helplines: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (section id, its tel: numbers), in page order
    csp: bool = False  # has <meta http-equiv="Content-Security-Policy">


def _classes(attrs: dict[str, str | None]) -> set[str]:
    return set((attrs.get("class") or "").split())


class _PartsParser(HTMLParser):
    """Collects the key parts while reading a page once. The site's HTML is well formed, so nesting is tracked
    by counting the start and end tags of the element that opened each part."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []
        self.review_dates: list[str] = []
        self.helplines: list[tuple[str, list[str]]] = []
        self.csp = False
        self._after_sources_id = False  # an element with id="sources" was seen: the next <ol> is the list
        self._sources_depth = 0  # <ol> nesting inside the sources list
        self._entry: list[str] | None = None  # text of a sources entry without an id, while it is read
        self._entry_depth = 0  # <li> nesting inside that entry
        self._review_depth = 0  # <aside> nesting inside aside.kb-review
        self._helpline_depth = 0  # <section> nesting inside section.kb-helpline

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attr_list)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = True
        # The sources list.
        if tag == "ol":
            if self._sources_depth:
                self._sources_depth += 1
            elif "kb-sources" in _classes(attrs) or self._after_sources_id:
                self._sources_depth = 1
                self._after_sources_id = False
        elif tag == "li" and self._sources_depth == 1 and self._entry is None:
            if attrs.get("id"):
                self.sources.append(attrs["id"] or "")
            else:
                self._entry, self._entry_depth = [], 1
        elif tag == "li" and self._entry is not None:
            self._entry_depth += 1
        if attrs.get("id") == "sources":
            self._after_sources_id = True
        # The review dates.
        if tag == "aside":
            if self._review_depth:
                self._review_depth += 1
            elif "kb-review" in _classes(attrs):
                self._review_depth = 1
        elif tag == "time" and self._review_depth and attrs.get("datetime") is not None:
            self.review_dates.append(attrs["datetime"] or "")
        # The urgent-help cards.
        if tag == "section":
            if self._helpline_depth:
                self._helpline_depth += 1
            elif "kb-helpline" in _classes(attrs):
                self._helpline_depth = 1
                self.helplines.append((attrs.get("id") or "", []))
        elif tag == "a" and self._helpline_depth and (attrs.get("href") or "").startswith("tel:"):
            self.helplines[-1][1].append((attrs["href"] or "")[len("tel:") :])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "ol" and self._sources_depth:
            self._sources_depth -= 1
        elif tag == "li" and self._entry is not None:
            self._entry_depth -= 1
            if not self._entry_depth:
                self.sources.append(" ".join("".join(self._entry).split())[:60])
                self._entry = None
        elif tag == "aside" and self._review_depth:
            self._review_depth -= 1
        elif tag == "section" and self._helpline_depth:
            self._helpline_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._entry is not None:
            self._entry.append(data)


def extract(html: str) -> PageParts:
    """The key parts of one page's HTML."""
    parser = _PartsParser()
    parser.feed(html)
    parser.close()
    return PageParts(
        sources=tuple(parser.sources),
        review_dates=tuple(parser.review_dates),
        helplines=tuple((ident, tuple(numbers)) for ident, numbers in parser.helplines),
        csp=parser.csp,
    )


def page_address(relative: str) -> str:
    """The address of a page from its index.html's path in the site: "index.html" → "/", "a/b/index.html" → "a/b/"."""
    folder = relative[: -len("index.html")]
    return folder or "/"


def read_site(folder: Path) -> dict[str, PageParts]:
    """Every page of a built site (each index.html) by its address; a folder that does not exist has none."""
    if not folder.is_dir():
        return {}
    return {
        page_address(path.relative_to(folder).as_posix()): extract(path.read_text(encoding="utf-8", errors="replace"))
        for path in sorted(folder.rglob("index.html"))
    }


# --- Comparison ---------------------------------------------------------------------------------------------


@dataclass
class SiteDiff:
    """What differs between the two sites. Empty lists and an empty dict: nothing differs."""

    left_pages: int = 0
    right_pages: int = 0
    only_left: list[str] = field(default_factory=list)  # pages MkDocs built and Zensical did not
    only_right: list[str] = field(default_factory=list)
    pages: dict[str, list[str]] = field(default_factory=dict)  # address → differences, one line each
    parts: dict[str, int] = field(default_factory=dict)  # part → pages where it differs

    @property
    def empty(self) -> bool:
        return not (self.only_left or self.only_right or self.pages)


def _names(items: list[str]) -> str:
    shown = ", ".join(f"`{item}`" for item in items[:SHOWN])
    return shown + (f" and {len(items) - SHOWN} more" if len(items) > SHOWN else "")


def _listing(values: tuple[str, ...]) -> str:
    return ", ".join(f"`{v}`" for v in values) if values else "none"


def _sources_diff(left: tuple[str, ...], right: tuple[str, ...]) -> list[str]:
    if left == right:
        return []
    line = f"sources: {LEFT} lists {len(left)}, {RIGHT} lists {len(right)}"
    missing = [s for s in left if s not in right]
    extra = [s for s in right if s not in left]
    if missing:
        line += f"; only in {LEFT}: {_names(missing)}"
    if extra:
        line += f"; only in {RIGHT}: {_names(extra)}"
    if not missing and not extra:
        line += "; the same entries in another order"
    return [line]


def _helplines_diff(left: tuple[tuple[str, tuple[str, ...]], ...], right: tuple[tuple[str, tuple[str, ...]], ...]) -> list[str]:
    if left == right:
        return []
    lines = []
    left_cards, right_cards = dict(left), dict(right)
    missing = [ident for ident, _ in left if ident not in right_cards]
    extra = [ident for ident, _ in right if ident not in left_cards]
    if missing or extra:
        line = f"helplines: {LEFT} shows {len(left)} cards, {RIGHT} shows {len(right)}"
        if missing:
            line += f"; only in {LEFT}: {_names(missing)}"
        if extra:
            line += f"; only in {RIGHT}: {_names(extra)}"
        lines.append(line)
    for ident, numbers in left:
        if ident in right_cards and right_cards[ident] != numbers:
            lines.append(f"helplines: `{ident}` dials {_listing(numbers)} in {LEFT}, {_listing(right_cards[ident])} in {RIGHT}")
    if not lines:
        lines.append("helplines: the same cards in another order")
    return lines


def compare_pages(left: PageParts, right: PageParts) -> dict[str, list[str]]:
    """The differences between one page's parts in the two builds, by part; an empty dict when they match."""
    found = {
        "sources": _sources_diff(left.sources, right.sources),
        "review dates": []
        if left.review_dates == right.review_dates
        else [f"review dates: {LEFT} {_listing(left.review_dates)}, {RIGHT} {_listing(right.review_dates)}"],
        "helplines": _helplines_diff(left.helplines, right.helplines),
        "Content-Security-Policy": [] if left.csp == right.csp else [f"Content-Security-Policy: only in {LEFT if left.csp else RIGHT}"],
    }
    return {part: lines for part, lines in found.items() if lines}


def compare_sites(left: dict[str, PageParts], right: dict[str, PageParts]) -> SiteDiff:
    """Which pages only one site has, and how the pages both have differ."""
    diff = SiteDiff(left_pages=len(left), right_pages=len(right))
    diff.only_left = sorted(set(left) - set(right))
    diff.only_right = sorted(set(right) - set(left))
    for address in sorted(set(left) & set(right)):
        found = compare_pages(left[address], right[address])
        if found:
            diff.pages[address] = [line for lines in found.values() for line in lines]
            for part in found:
                diff.parts[part] = diff.parts.get(part, 0) + 1
    return diff


# --- Report -------------------------------------------------------------------------------------------------


@dataclass
class BuildInfo:
    """What is known of the Zensical build, for the report's head."""

    version: str | None = None
    status: int | None = None  # the build command's exit status
    log: str | None = None  # its output, of which a failed build's last lines are quoted


def _fence(text: str) -> str:
    """A code fence longer than any run of backticks in the text."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def report(diff: SiteDiff, build: BuildInfo | None = None, title: str = TITLE) -> str:
    """The Markdown report."""
    build = build or BuildInfo()
    out = [f"# {title}", ""]
    engine = f"Zensical {build.version}" if build.version else "Zensical"
    if build.status is None:
        out.append(f"Compared the site as MkDocs builds it with the site as {engine} builds it.")
    elif build.status == 0:
        out.append(f"Compared the site as MkDocs builds it with the site as {engine} builds it (the build succeeded).")
    else:
        out.append(f"{engine} **failed to build the site** (exit status {build.status}); the pages it wrote before it stopped are compared.")
    out.append("")
    if build.status and build.log:
        tail = "\n".join(_ANSI.sub("", build.log).rstrip().splitlines()[-LOG_LINES:])
        fence = _fence(tail)
        out += ["The last lines of its output:", "", fence + "text", tail, fence, ""]
    out += [
        f"| | {LEFT} | {RIGHT} |",
        "|---|---:|---:|",
        f"| Pages | {diff.left_pages} | {diff.right_pages} |",
        f"| Pages only in this build | {len(diff.only_left)} | {len(diff.only_right)} |",
        "",
    ]
    if diff.empty:
        out += ["No differences: the same pages, with the same sources, review dates, urgent-help cards and Content-Security-Policy.", ""]
        return "\n".join(out)
    if diff.pages:
        out += [f"Pages built by both that differ: {len(diff.pages)}.", "", "| Part | Pages where it differs |", "|---|---:|"]
        out += [f"| {part} | {count} |" for part, count in sorted(diff.parts.items())]
        out.append("")
    if diff.only_left:
        out += [f"## Pages missing in {RIGHT} ({len(diff.only_left)})", ""]
        if diff.right_pages:
            out += [f"- `{page}`" for page in diff.only_left] + [""]
        else:
            out += [f"{RIGHT} wrote no page, so every page is missing.", ""]
    if diff.only_right:
        out += [f"## Pages only in {RIGHT} ({len(diff.only_right)})", ""] + [f"- `{page}`" for page in diff.only_right] + [""]
    if diff.pages:
        out += [f"## Differences on pages built by both ({len(diff.pages)})", ""]
        for page, lines in diff.pages.items():
            out += [f"### `{page}`", ""] + [f"- {line}" for line in lines] + [""]
    return "\n".join(out)


# --- Command line -------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare the MkDocs build of the site with the Zensical build and report the differences in Markdown.")
    parser.add_argument("mkdocs_site", type=Path, help="the folder MkDocs built")
    parser.add_argument("zensical_site", type=Path, help="the folder Zensical built (may be missing when its build failed)")
    parser.add_argument("--out", type=Path, help="write the report to this file instead of stdout")
    parser.add_argument("--title", default=TITLE, help=f"the report's heading (default: {TITLE})")
    parser.add_argument("--fail-on-diff", action="store_true", help="exit 1 when anything differs")
    parser.add_argument("--zensical-version", help="the Zensical version, named in the report")
    parser.add_argument("--zensical-status", type=int, help="the exit status of the Zensical build")
    parser.add_argument("--zensical-log", type=Path, help="the output of the Zensical build; a failed build's last lines are quoted")
    args = parser.parse_args(argv)
    log = args.zensical_log.read_text(encoding="utf-8", errors="replace") if args.zensical_log and args.zensical_log.is_file() else None
    diff = compare_sites(read_site(args.mkdocs_site), read_site(args.zensical_site))
    text = report(diff, BuildInfo(args.zensical_version, args.zensical_status, log), args.title)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 1 if args.fail_on_diff and not diff.empty else 0


if __name__ == "__main__":
    sys.exit(main())
