"""Checks on the words themselves: wording that stigmatises, placeholder text, plain language, images
without alt text, and sources that no page cites.

Each rule returns `Problem`s located at the file and line, like every other check. Prose is read
from the page source with macro calls, code, link targets and heading ids blanked out (same length,
same lines), so line numbers stay true.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .models import WordingRule
from .pages import Page, without_raw
from .problems import Problem
from .siteindex import SiteIndex
from .snapshot import ProjectFiles, files_of
from .validate import DATA_FILES, KnowledgeBase, entry_lines

# Flesch Reading Ease below which a public page fails. 60–70 is "plain English"; health information
# with unavoidable words such as "organisation" or "experience" scores lower, so the site's floor is
# 45 ("fairly difficult" for a general reader), and the report shows every page's score to aim higher.
READABILITY_FLOOR = 45.0
# Pages shorter than this are mostly lists and tables, where the score means little.
READABILITY_MIN_WORDS = 150

# The page templates in templates/pages/ mark what the writer must replace as [WRITE: …] (in capitals).
PLACEHOLDERS = re.compile(
    r"\b(TODO|TBD|FIXME|XXX|lorem ipsum|coming soon|to be written|placeholder text|insert (?:text|link|reference) here)\b"
    r"|(?-i:\[WRITE:[^\]\n]*\])",
    re.IGNORECASE,
)
_AVOID_CALL = re.compile(r"\{\{-?\s*avoid\((?P<args>[^)]*)\)\s*-?\}\}")
_BLANKED = [
    re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL),  # fenced code
    re.compile(r"`[^`\n]+`"),  # inline code
    re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}", re.DOTALL),  # macro calls, tags and comments
    re.compile(r"\{[#:.][^}\n]*\}"),  # heading ids and attribute lists
    re.compile(r"(?<=\])\([^)\n]*\)"),  # link targets
    re.compile(r"<[^>\n]+>"),  # autolinks
]


# A YAML comment line: the check leaves comments alone (they may explain what not to write).
_COMMENT_LINE = re.compile(r"^[ \t]*#.*$", re.MULTILINE)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


@lru_cache(maxsize=512)
def prose(body: str) -> str:
    """The page's words, with everything that is not prose blanked out in place (kept for the page's other rules)."""
    for pattern in _BLANKED:
        body = pattern.sub(_blank, body)
    return body


def _line(page: Page, text: str, offset: int) -> int:
    return page.body_line + text.count("\n", 0, offset)


@lru_cache(maxsize=256)
def _phrase_pattern(phrase: str, ignore_case: bool) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(word) for word in phrase.lower().split())
    return re.compile(rf"{words}(?![\w-])", re.IGNORECASE if ignore_case else 0)


_WORD_CHAR = re.compile(r"[\w-]")


def wording_hits(text: str, rules: Iterable[WordingRule]) -> list[tuple[int, str, WordingRule]]:
    """(offset, phrase as written, rule) for every phrase to avoid in `text`, the longest phrase at a spot.

    Phrases are searched for in the lower-cased text: a plain search starts at the phrase's first letters and is
    many times faster than a case-insensitive one. If lower-casing changes the text's length (a few letters,
    such as 'İ', become two), the search is case-insensitive instead, so offsets stay true."""
    folded = text.lower()
    ignore_case = len(folded) != len(text)
    haystack = text if ignore_case else folded
    hits: dict[int, tuple[int, str, WordingRule]] = {}
    for phrase, rule in sorted(((p, r) for r in rules for p in r.avoid), key=lambda pair: len(pair[0]), reverse=True):
        for match in _phrase_pattern(phrase, ignore_case).finditer(haystack):
            at = match.start()
            if at and _WORD_CHAR.match(text, at - 1):
                continue  # inside a longer word
            hits.setdefault(at, (at, text[at : match.end()], rule))
    return sorted(hits.values(), key=lambda hit: hit[0])


def _wording_problem(file: str, line: int, written: str, rule: WordingRule) -> Problem:
    written = " ".join(written.split())  # a phrase broken over lines, as avoid() takes it
    return Problem(
        file,
        line,
        f"'{written}' is wording to avoid: {rule.why}",
        hint=f"write '{rule.instead}' instead; to quote it on purpose, write {{{{ avoid(\"{written.lower()}\") }}}}",
    )


def rule_wording(page: Page, rules: Iterable[WordingRule]) -> list[Problem]:
    """No stigmatising or non-person-first phrase on a page, except quoted on purpose with avoid()."""
    text = prose(page.body)
    return [_wording_problem(page.path, _line(page, text, at), written, rule) for at, written, rule in wording_hits(text, rules)]


def rule_wording_in_data(root: Path, rules: Iterable[WordingRule], files: ProjectFiles | None = None) -> list[Problem]:
    """The same check over data files. Reference entries are skipped: titles are cited as published."""
    rules = list(rules)
    problems = []
    for spec in DATA_FILES:
        if spec.name in {"references", "wording"}:
            continue
        for path in spec.files(root):
            if not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            text = _COMMENT_LINE.sub(_blank, files_of(root, files).text(path))
            problems += [_wording_problem(rel, 1 + text.count("\n", 0, at), written, rule) for at, written, rule in wording_hits(text, rules)]
    return problems


def rule_no_placeholders(page: Page) -> list[Problem]:
    """No placeholder text such as TODO, TBD, lorem ipsum or a template's [WRITE: …], in the front matter
    or the body: a page is published only when it is real."""
    text = prose(page.body)
    found = [(number, m) for number, line in enumerate(page.front_matter.splitlines(), start=1) for m in PLACEHOLDERS.finditer(line)]
    found += [(_line(page, text, m.start()), m) for m in PLACEHOLDERS.finditer(text)]
    return [
        Problem(page.path, line, f"placeholder text '{m.group(0)}'", hint="write the real content, or keep the page out of the site until it is ready")
        for line, m in found
    ]


def rule_no_placeholders_in_data(root: Path, files: ProjectFiles | None = None) -> list[Problem]:
    """No placeholder text in any data file."""
    problems = []
    for spec in DATA_FILES:
        for path in spec.files(root):
            if not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            for number, line in enumerate(files_of(root, files).text(path).splitlines(), start=1):
                problems += [
                    Problem(rel, number, f"placeholder text '{m.group(0)}'", hint="write the real value, or leave the field out")
                    for m in PLACEHOLDERS.finditer(line)
                ]
    return problems


# --- images -----------------------------------------------------------------------------------------

# Code and macro calls are blanked first, so an image shown as an example in code is not checked.
_NOT_MARKUP = _BLANKED[:3]
_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]*)\](?:\((?P<target><[^>\n]*>|[^)\s]*)[^)\n]*\)|\[(?P<ref>[^\]\n]*)\])(?P<attrs>[ \t]*\{[^}\n]*\})?")
_IMG_TAG = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.IGNORECASE)
_DECORATIVE = re.compile(r"\brole\s*=\s*[\"']?presentation\b", re.IGNORECASE)
_ALT_HINT = (
    "describe what the image shows in the square brackets, for example ![Two peer workers talking at a table]({target}); "
    "if it is only decoration, add {{ role=presentation }} right after it"
)


def rule_images_have_alt(page: Page) -> list[Problem]:
    """Every image has alt text that describes it, or is marked as decoration with { role=presentation }:
    without it, people who use a screen reader do not know what the image shows."""
    text = page.body
    for pattern in _NOT_MARKUP:
        text = pattern.sub(_blank, text)
    problems = []
    for m in _IMAGE.finditer(text):
        if m.group("alt").strip() or _DECORATIVE.search(m.group("attrs") or ""):
            continue
        target = (m.group("target") or m.group("ref") or "").strip("<>")
        problems.append(Problem(page.path, _line(page, text, m.start()), f"image '{target}' has no alt text", hint=_ALT_HINT.format(target=target)))
    for m in _IMG_TAG.finditer(text):
        attrs = m.group("attrs")
        if re.search(r"\balt\s*=\s*(\"[^\"]*\S[^\"]*\"|'[^']*\S[^']*'|[^\s\"'>]+)", attrs) or _DECORATIVE.search(attrs):
            continue
        src = re.search(r"\bsrc\s*=\s*[\"']?([^\"'\s>]*)", attrs)
        target = src.group(1) if src else ""
        problems.append(
            Problem(
                page.path,
                _line(page, text, m.start()),
                f"image '{target}' has no alt text",
                hint=f'describe what the image shows in its alt attribute, for example <img src="{target}" alt="Two peer workers talking at a table">; '
                'if it is only decoration, add role="presentation"',
            )
        )
    return sorted(problems)


# --- plain language -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Readability:
    """Flesch Reading Ease of a page's prose, and what it was computed from."""

    path: str
    words: int
    sentences: int
    syllables: int

    @property
    def score(self) -> float:
        if not self.words or not self.sentences:
            return 100.0
        return 206.835 - 1.015 * (self.words / self.sentences) - 84.6 * (self.syllables / self.words)

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="en_GB")


def syllables(word: str) -> int:
    """Syllables in a word, counted by hyphenation points (the approach readability tools use)."""
    return max(1, len(_hyphenator().positions(word.lower())) + 1)


_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]*")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n\s*\n|^\s*(?:[-*+]|\d+\.)\s", re.MULTILINE)


def readability(page: Page) -> Readability:
    """Reading ease of the page's own prose: headings, list items and table cells count as sentences."""
    text = prose(page.body)
    text = re.sub(r"^\s*(#+|!!!|\?\?\?)[^\n]*", lambda m: m.group(0) + ".", text, flags=re.MULTILINE)
    text = re.sub(r"\|", ".", text)
    words = _WORD.findall(text)
    sentences = max(1, len([s for s in re.split(_SENTENCE_END, text) if _WORD.search(s)]))
    return Readability(page.path, len(words), sentences, sum(syllables(w) for w in words))


def is_public(page: Page) -> bool:
    return bool(page.meta and "public" in page.meta.audience)


def rule_readable(page: Page) -> list[Problem]:
    """Public pages are plain enough to read: Flesch Reading Ease at least READABILITY_FLOOR."""
    if not is_public(page):
        return []
    result = readability(page)
    if result.words < READABILITY_MIN_WORDS or result.score >= READABILITY_FLOOR:
        return []
    return [
        Problem(
            page.path,
            page.body_line,
            f"reading ease {result.score:.0f} is below {READABILITY_FLOOR:.0f} for a public page ({result.words_per_sentence:.0f} words a sentence)",
            hint="use shorter sentences and everyday words; `kb report` shows every page's score",
        )
    ]


# --- sources ----------------------------------------------------------------------------------------


# --- citations a reader can live with ---------------------------------------------------------------

# {{ cite("a", "b") }} as a page writes it; its arguments are read as Python literals.
_CITE_CALL = re.compile(r"\{\{-?\s*cite\((?P<args>[^(){}]*)\)\s*-?\}\}")
# Any other macro call or template tag: not prose, but not a citation either.
_OTHER_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}", re.DOTALL)
# Lines that start a block of their own: a heading, a list item, a table row, an admonition or a details
# block, a definition, a quotation, an attribute list or raw HTML. A paragraph ends at them and at blank lines.
_BLOCK_START = re.compile(r"^\s*(?:#|[-*+]\s|\d+[.)]\s|\||!!!|\?\?\?|:\s|>|\{:|</?[a-zA-Z])")
# A line that is only a macro call (a facts box, a table, a list of recommendations) is a block of its own too.
_MACRO_LINE = re.compile(r"^\s*\{\{.*\}\}\s*$")
# The end of a sentence: . ! or ? (after any closing quotes, brackets or emphasis), then space, then what starts a
# sentence (a capital or a digit, perhaps after opening quotes, brackets or emphasis). 'e.g. the' does not end one.
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)\]*_]*\s+(?=[\"'“‘(\[*_]*[A-Z0-9])")


def _cite_keys(args: str) -> tuple[str, ...] | None:
    """The keys of a cite() call's arguments, or None when they are not plain strings (other rules report those)."""
    try:
        value = ast.literal_eval(f"({args},)") if args.strip() else ()
    except (ValueError, SyntaxError):
        return None
    return tuple(value) if value and all(isinstance(v, str) for v in value) else None


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of every paragraph: lines between blank lines and the lines that start blocks of their own."""
    paragraphs: list[tuple[int, str]] = []
    lines: list[str] = []
    start = offset = 0
    for line in text.split("\n"):
        if not line.strip() or _MACRO_LINE.match(line) or _BLOCK_START.match(line):
            if lines:
                paragraphs.append((start, "\n".join(lines)))
            lines = []
            if line.strip() and not _MACRO_LINE.match(line):
                start, lines = offset, [line]  # a list item or a heading opens a block that may go on
        else:
            if not lines:
                start = offset
            lines.append(line)
        offset += len(line) + 1
    if lines:
        paragraphs.append((start, "\n".join(lines)))
    return paragraphs


def rule_citations_not_repeated(page: Page) -> list[Problem]:
    """A citation is not repeated in the next sentence of the same paragraph: readers see a source once for a run
    of sentences that come from it, and the citation of the first sentence covers the others. Reported when a
    sentence's only citation names the same source (or sources) as the last citation of the sentence before it."""
    text = without_raw(page.body)
    for pattern in _BLANKED[:2]:  # fenced and inline code
        text = pattern.sub(_blank, text)
    problems = []
    for start, paragraph in _paragraphs(text):
        # Citations become a mark of the same length, so that sentences split where the text does and offsets stay true.
        calls: dict[int, tuple[str, tuple[str, ...] | None]] = {}
        for match in _CITE_CALL.finditer(paragraph):
            calls[match.start()] = (match.group(0), _cite_keys(match.group("args")))
        plain = _OTHER_TEMPLATE.sub(_blank, _CITE_CALL.sub(lambda m: "@" + " " * (len(m.group(0)) - 1), paragraph))
        previous: tuple[str, ...] | None = None
        begin = 0
        for end in [m.end() for m in _SENTENCE_BREAK.finditer(plain)] + [len(plain)]:
            here = [(at, call) for at, call in calls.items() if begin <= at < end]
            if not plain[begin:end].strip():
                continue
            if len(here) == 1 and previous is not None and here[0][1][1] is not None and set(here[0][1][1]) == set(previous):
                at, (written, keys) = here[0]
                assert keys is not None
                problems.append(
                    Problem(
                        page.path,
                        _line(page, text, start + at),
                        f"{written.strip('{}- ')} repeats the citation of the previous sentence",
                        hint="remove it: the citation of the previous sentence covers this one too (in a paragraph, a source is cited once "
                        "for a run of sentences that come from it)",
                    )
                )
            previous = here[-1][1][1] if here else None
            begin = end
    return problems


def rule_references_cited(root: Path, kb: KnowledgeBase, index: SiteIndex, files: ProjectFiles | None = None) -> list[Problem]:
    """Every reference is cited on at least one page; the bibliography alone does not count."""
    problems = []
    lines = entry_lines(root, "references", files)
    for key in index.uncited(kb.references):
        file, line = lines.get(key, (kb.where("references"), 1))
        problems.append(Problem(file, line, "is not cited on any page", entry=key, hint="cite it where it supports a statement, or remove it"))
    return problems
