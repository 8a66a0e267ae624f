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

from .editions import TRANSLATED, of_path
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


# The site's languages besides English: each has its pages under docs/<code>/ and its data translations under
# data/translations/<code>/. Wording rules and the plain-language measure go by the language of the file.
OTHER_LANGUAGES = tuple(edition.code for edition in TRANSLATED)  # the translated editions (editions.py)


def language_of(path: str) -> str:
    """The language of a page or data file, by its path: 'docs/lt/…' and 'data/translations/lt/…' are Lithuanian,
    everything else English."""
    parts = path.split("/")
    if parts[0] == "docs":
        return of_path(path.removeprefix("docs/")).code  # the page's edition (editions.py)
    if parts[:2] == ["data", "translations"] and len(parts) > 3 and parts[2] in OTHER_LANGUAGES:
        return parts[2]
    return "en"


def rules_for(path: str, rules: Iterable[WordingRule]) -> list[WordingRule]:
    """The wording rules of a file's language."""
    language = language_of(path)
    return [rule for rule in rules if rule.language == language]


def _word_pattern(word: str) -> str:
    """A word of a phrase to avoid as a regular expression: its letters as written, its endings in brackets as a choice."""
    parts = re.split(r"\(([^()]*)\)", word)
    return "".join(re.escape(part) if i % 2 == 0 else "(?:" + "|".join(re.escape(e) for e in part.split("|")) + ")" for i, part in enumerate(parts))


@lru_cache(maxsize=256)
def _phrase_pattern(phrase: str, ignore_case: bool) -> re.Pattern[str]:
    words = r"\s+".join(_word_pattern(word) for word in phrase.lower().split())
    return re.compile(rf"{words}(?![\w-])", re.IGNORECASE if ignore_case else 0)


_WORD_CHAR = re.compile(r"[\w-]")


def _allowed_spans(haystack: str, rules: Iterable[WordingRule], ignore_case: bool) -> list[tuple[int, int]]:
    """Where the official names that rules leave alone (`allow`) stand in the text."""
    names = {name for rule in rules for name in rule.allow}
    return [(m.start(), m.end()) for name in names for m in _phrase_pattern(name, ignore_case).finditer(haystack)]


def wording_hits(text: str, rules: Iterable[WordingRule]) -> list[tuple[int, str, WordingRule]]:
    """(offset, phrase as written, rule) for every phrase to avoid in `text`: the longest phrase at a spot, once
    (a phrase that starts inside another one found is the same use), and not inside a name a rule allows.

    Phrases are searched for in the lower-cased text: a plain search starts at the phrase's first letters and is
    many times faster than a case-insensitive one. If lower-casing changes the text's length (a few letters,
    such as 'İ', become two), the search is case-insensitive instead, so offsets stay true."""
    rules = list(rules)
    folded = text.lower()
    ignore_case = len(folded) != len(text)
    haystack = text if ignore_case else folded
    allowed = _allowed_spans(haystack, rules, ignore_case)
    longest: dict[int, tuple[int, WordingRule]] = {}  # start → (end, rule)
    for phrase, rule in sorted(((p, r) for r in rules for p in r.avoid), key=lambda pair: len(pair[0]), reverse=True):
        for match in _phrase_pattern(phrase, ignore_case).finditer(haystack):
            at, end = match.span()
            if at and _WORD_CHAR.match(text, at - 1):
                continue  # inside a longer word
            if any(start <= at and end <= stop for start, stop in allowed):
                continue  # part of an official name
            if at not in longest or end > longest[at][0]:
                longest[at] = (end, rule)
    hits: list[tuple[int, str, WordingRule]] = []
    reached = 0
    for at, (end, rule) in sorted(longest.items()):
        if at >= reached:
            hits.append((at, text[at:end], rule))
            reached = end
    return hits


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
    return [_wording_problem(page.path, _line(page, text, at), written, rule) for at, written, rule in wording_hits(text, rules_for(page.path, rules))]


def rule_wording_in_data(root: Path, rules: Iterable[WordingRule], files: ProjectFiles | None = None) -> list[Problem]:
    """The same check over data files, each with the rules of its language: English data with the English rules,
    the files under data/translations/lt/ with the Lithuanian ones. Reference entries are skipped: titles are cited
    as published."""
    rules = list(rules)
    paths = [path for spec in DATA_FILES if spec.name not in {"references", "wording"} for path in spec.files(root)]
    paths += sorted((root / "data" / "translations").glob("*/*.yml"))
    problems = []
    for path in dict.fromkeys(paths):
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        text = _COMMENT_LINE.sub(_blank, files_of(root, files).text(path))
        hits = wording_hits(text, rules_for(rel, rules))
        problems += [_wording_problem(rel, 1 + text.count("\n", 0, at), written, rule) for at, written, rule in hits]
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
    """Public pages are plain enough to read: English pages have a Flesch Reading Ease of at least READABILITY_FLOOR;
    Lithuanian pages (docs/lt/) a LIX of at most LIX_CEILING and sentences of at most SENTENCE_CEILING words on average."""
    if language_of(page.path) == "lt":
        return rule_readable_lithuanian(page)
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


# --- plain language in Lithuanian: LIX ------------------------------------------------------------------------

# No readability formula has been made for Lithuanian, and Flesch's counts syllables with English weights. LIX
# (Björnsson's läsbarhetsindex) counts only sentence length and long words, so it can be used in any language:
#     LIX = words per sentence + 100 × words longer than 6 letters ÷ words.
# Lithuanian words run longer than English ones (an ending on every noun, adjective and verb; no articles; cases where
# English has short prepositions), so the ceiling is set from the site's own English pages, plus a margin for that:
# - The 45 public English pages (all of 150+ words) score LIX 29.8 to 47.5 (2026-11-30), median 40.8; 90% of them
#   (41 of 45, nearest rank) score 45.6 or less.
# - The same text in Lithuanian scores about 24 more: two pages translated for the tests (tests/fixtures/lithuanian/)
#   score 43.7 → 66.1 and 32.6 → 58.5 (+22.4 and +25.9). The sentences get shorter (fewer words), but about half
#   of the words are longer than 6 letters, against 21–29% in English.
# So a Lithuanian public page may score at most 45.6 + 24 ≈ 70: no harder than nine in ten of the English pages.
# README ("Content rules") and the style guide give the same numbers.
LIX_CEILING = 70.0
# The average sentence, in words: the VDU research on plain Lithuanian splits sentences longer than 12 words, and
# the style guide asks for at most about 15.
SENTENCE_CEILING = 15.0
LIX_LONG_WORD = 6  # letters; a word longer than this is long

# A word is a run of letters (any alphabet), with hyphens or apostrophes inside; digits are not words.
_LIX_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Abbreviations that end with a full stop inside a sentence, per language: their stop, followed by a space on the same
# line, ends no sentence ('2024 m. rugsėjo', 'pvz. grupės', 'e.g. a group'). A stop at the end of a line still does.
_ABBREVIATIONS = {
    "lt": re.compile(
        r"(?<![^\W\d_])(?:m|d|t\. ?y|pvz|kt|val|proc|mln|tūkst|nr|str|žr|vad|angl|lot|pan|plg|psl|sk|p|a|g|gen|min|sek|ir pan)\.(?=[ \t]+\S)",
        re.IGNORECASE,
    ),
    "en": re.compile(r"(?<![^\W\d_])(?:e\.g|i\.e|cf|vs|dr|mr|mrs|ms|st)\.(?=[ \t]+\S)", re.IGNORECASE),
}


@dataclass(frozen=True)
class Lix:
    """LIX of a page's prose, and what it was computed from."""

    path: str
    words: int
    sentences: int
    long_words: int

    @property
    def score(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        return self.words / self.sentences + 100 * self.long_words / self.words

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def long_share(self) -> float:
        """Words longer than LIX_LONG_WORD letters, in per cent of all words."""
        return 100 * self.long_words / self.words if self.words else 0.0


def lix(page: Page, language: str | None = None) -> Lix:
    """LIX of the page's own prose, counted as `readability` counts (headings, list items and table cells are
    sentences), with the abbreviations of the page's language kept inside their sentences."""
    text = prose(page.body)
    text = _ABBREVIATIONS[language or language_of(page.path)].sub(lambda m: m.group(0).replace(".", " "), text)
    text = re.sub(r"^\s*(#+|!!!|\?\?\?)[^\n]*", lambda m: m.group(0) + ".", text, flags=re.MULTILINE)
    text = re.sub(r"\|", ".", text)
    words = _LIX_WORD.findall(text)
    sentences = max(1, len([s for s in re.split(_SENTENCE_END, text) if _LIX_WORD.search(s)]))
    long_words = sum(1 for word in words if sum(c.isalpha() for c in word) > LIX_LONG_WORD)
    return Lix(page.path, len(words), sentences, long_words)


def lix_over(result: Lix) -> bool:
    """Whether the LIX, as shown (a whole number), is over the ceiling."""
    return round(result.score) > LIX_CEILING


def sentences_over(result: Lix) -> bool:
    """Whether the average sentence, as shown (to a tenth of a word), is over the ceiling."""
    return round(result.words_per_sentence, 1) > SENTENCE_CEILING


def lix_fails(result: Lix) -> bool:
    """Whether a public Lithuanian page with this LIX fails the plain-language check."""
    return result.words >= READABILITY_MIN_WORDS and (lix_over(result) or sentences_over(result))


def rule_readable_lithuanian(page: Page) -> list[Problem]:
    """Public Lithuanian pages of READABILITY_MIN_WORDS or more have a LIX of at most LIX_CEILING, and sentences of at
    most SENTENCE_CEILING words on average."""
    if not is_public(page):
        return []
    result = lix(page)
    if result.words < READABILITY_MIN_WORDS:
        return []
    numbers = f"{result.words_per_sentence:.1f} words a sentence, {result.long_share:.0f}% of words longer than {LIX_LONG_WORD} letters"
    hint = "split long sentences, use lists, and choose shorter, everyday words; `kb report` shows every Lithuanian page's LIX"
    problems = []
    if lix_over(result):
        problems.append(Problem(page.path, page.body_line, f"LIX {result.score:.0f} is above {LIX_CEILING:.0f} for a public page ({numbers})", hint=hint))
    if sentences_over(result):
        problems.append(
            Problem(
                page.path,
                page.body_line,
                f"sentences average {result.words_per_sentence:.1f} words, more than {SENTENCE_CEILING:.0f} for a public page (LIX {result.score:.0f})",
                hint=hint,
            )
        )
    return problems


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
