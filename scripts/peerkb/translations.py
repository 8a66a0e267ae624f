"""Translated pages: what each one translates, how fresh and how checked it is, and how a translation starts.

A page under docs/lt/ translates the English page with the same path under docs/ and records it in its front matter
(`translation:` — models.PageTranslation): the English page's path, a checksum of the English text it was translated
from, and the day a native speaker reviewed it, if one has. From that:

- the check refuses a translated page that does not say what it translates, or names another page; English pages
  never fail because a translation lags (an edit to English only makes the translation "behind", which readers see);
- the build shows readers of a page not yet reviewed a notice saying so, and of a page whose English has changed
  since, a notice with a link to the English (hooks.py, overrides/partials/translation.html);
- the "Translation status" page lists every pair (the translation_status macro);
- `kb translate lt PATH` starts a translation from the English page with its provenance filled in, and
  `kb translate lt PATH --update` records that a translation has caught up with the English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .editions import EDITIONS, ROOT, TRANSLATED, Edition, of_path, page_checksum, source_path
from .pages import Page
from .problems import Problem

COMMAND = "python3 scripts/run.py translate"


@dataclass(frozen=True)
class TranslationState:
    """One translated page and its English page."""

    path: str  # the translated page's site path: 'lt/peer-support/forms.md'
    source: str  # the English page's site path: 'peer-support/forms.md'
    title: str
    source_title: str
    language: str
    current: bool  # the English page is as it was when translated
    reviewed: date | None


def translation_states(root: Path, pages: list[Page]) -> list[TranslationState]:
    """Every translated page with its state, in site order: the pages' front matter as the check read it."""
    docs = root / "docs"
    titles = {page.path.removeprefix("docs/"): page.meta.title for page in pages if page.meta}
    states = []
    for page in pages:
        site_path = page.path.removeprefix("docs/")
        meta = page.meta
        if meta is None or meta.translation is None or of_path(site_path).code == ROOT:
            continue
        source = meta.translation.source
        states.append(
            TranslationState(
                site_path,
                source,
                meta.title,
                titles.get(source, source),
                of_path(site_path).code,
                page_checksum(docs, source) == meta.translation.source_sha256,
                meta.translation.reviewed or None,
            )
        )
    return states


def rule_translations(pages: list[Page], root: Path, today: date | None = None) -> list[Problem]:
    """A translated page says which English page it translates (the one with the same path); an English page does
    not claim to be a translation; a review date is not in the future."""
    docs = root / "docs"
    problems = []
    for page in pages:
        if page.meta is None:
            continue
        site_path = page.path.removeprefix("docs/")
        edition = of_path(site_path)
        translation = page.meta.translation
        line = page.front_matter_line("translation")
        if edition.code == ROOT:
            if translation is not None:
                problems.append(
                    Problem(
                        page.path,
                        line,
                        "an English page is not a translation",
                        hint="remove translation: — it belongs on translated pages, under " + ", ".join(f"docs/{e.prefix}" for e in TRANSLATED),
                    )
                )
            continue
        expected = source_path(site_path)
        if translation is None:
            problems.append(
                Problem(
                    page.path,
                    1,
                    f"a {edition.english_name} page must say which English page it translates",
                    hint=f"start translations with: {COMMAND} {edition.code} {expected} (it adds translation: with the English page and its revision)",
                )
            )
            continue
        if translation.source != expected:
            problems.append(
                Problem(
                    page.path,
                    line,
                    f"translation: source is '{translation.source}', but this page translates '{expected}', the English page with the same path",
                    hint="a translation has the same path under docs/" + edition.prefix + " as its English page under docs/",
                )
            )
        elif not (docs / expected).is_file():
            problems.append(
                Problem(
                    page.path,
                    line,
                    f"translation: the English page 'docs/{expected}' does not exist",
                    hint="a translated page needs its English page; move or remove the translation with it",
                )
            )
        if today is not None and translation.reviewed and translation.reviewed > today:
            problems.append(
                Problem(page.path, line, f"translation: reviewed {translation.reviewed.isoformat()} is in the future", hint="give the day of the review")
            )
    return problems


class TranslateError(Exception):
    """`kb translate` could not do what was asked; the message says why and what to do."""


FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def _provenance(source: str, checksum: str) -> str:
    return f"translation:\n  source: {source}\n  source_sha256: {checksum}\n  reviewed: false\n"


def start_translation(root: Path, language: str, path: str, update: bool = False) -> str:
    """Start the translation of the English page `path` (under docs/) into `language`: copy it to docs/<lang>/PATH
    with its provenance filled in, for the translator to translate in place. With `update`, record instead that an
    existing translation now matches the English page as it is. Returns what was done, for the terminal."""
    edition: Edition | None = EDITIONS.get(language)
    if edition is None or edition.code == ROOT:
        raise TranslateError(f"'{language}' is not a language to translate into; the site's translations are: {', '.join(e.code for e in TRANSLATED)}")
    rel = path.removeprefix("docs/").removeprefix(edition.prefix)
    english = root / "docs" / rel
    if of_path(rel).code != ROOT or not rel.endswith(".md") or not english.is_file():
        raise TranslateError(f"docs/{rel} is not an English page: give the path of a page under docs/, e.g. peer-support/forms.md")
    checksum = page_checksum(root / "docs", rel)
    assert checksum is not None
    target = root / "docs" / edition.prefix / rel
    shown = f"docs/{edition.prefix}{rel}"
    if update:
        if not target.is_file():
            raise TranslateError(f"{shown} does not exist yet: start it with {COMMAND} {edition.code} {rel}")
        text = target.read_text(encoding="utf-8")
        updated, count = re.subn(r"(?m)^(  source_sha256: )[0-9a-f]*$", lambda m: m.group(1) + checksum, text, count=1)
        if count != 1:
            raise TranslateError(f"{shown} has no translation: source_sha256 line to update; add the block {COMMAND} writes")
        target.write_text(updated, encoding="utf-8")
        return f"Recorded in {shown} that it translates docs/{rel} as it is now. Set reviewed: to the day a native speaker reviews it."
    if target.exists():
        raise TranslateError(f"{shown} exists already: edit it, and when it matches the English again run {COMMAND} {edition.code} {rel} --update")
    text = english.read_text(encoding="utf-8").replace("\r\n", "\n")
    match = FRONT_MATTER.match(text)
    if match is None:
        raise TranslateError(f"docs/{rel} has no front matter to start from")
    front = match.group(1).rstrip("\n") + "\n" + _provenance(rel, checksum)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"---\n{front}---\n" + text[match.end() :], encoding="utf-8")
    config = edition.config
    return (
        f"Created {shown} from docs/{rel}, with its provenance (translation:).\n"
        "Next:\n"
        f"  1. Translate its title, description and text in place (docs/contribute/translating.md explains how).\n"
        f"  2. Add it to the nav: of {config}, with its title in the language.\n"
        "  3. Register its address: python3 scripts/run.py urls\n"
        "  4. Preview: python3 scripts/run.py preview"
    )
