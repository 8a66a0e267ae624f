"""The site's search: Pagefind's index of the built pages, and what the search script needs besides it.

Pagefind (pinned in requirements.txt, with its own binary) reads the built HTML after every build and writes a
static index to `pagefind/`, which the browser fetches in small pieces, and only once a reader opens search.
What it indexes is decided by the theme overrides, not by pages: the content of each page that is not left out
of search (`data-pagefind-body`), its section (`data-pagefind-meta`), its front-matter keywords (weighted like
a heading) and whether it is a page for contributors (`data-pagefind-filter`, shown apart, after every other
result). Pages cannot set `data-pagefind-*` attributes themselves: the HTML policy refuses `data-` attributes.

Beside the index, `search/<language>.json` holds, per language: the crisis words and phrases that show the
urgent-help card first (data/search.yml), the card's numbers (data/helplines.yml: the emergency numbers, and
116 123 where a line answers it), the search wording, and the site's own vocabulary for "Did you mean …?"
(titles, headings, glossary terms and keywords).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .models import Helpline, SearchLanguage, search_normal
from .validate import KnowledgeBase

INDEX_DIR = "pagefind"
DATA_DIR = "search"
# What Pagefind writes that the site does not use: its ready-made interfaces. The site's own search script
# (docs/assets/javascripts/search.js) uses pagefind.js, the worker, the WebAssembly and the index.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
SUPPORT_NUMBER = "116 123"
# Words of at least this many letters go into the vocabulary for spelling suggestions.
MIN_WORD = 4


class IndexFailed(RuntimeError):
    """Pagefind could not index the site; the message says why, in Pagefind's words."""


def pagefind_command(site_dir: Path) -> list[str]:
    import pagefind_bin

    # The headings' permalink signs (¶) are not words of the page.
    return [str(pagefind_bin.get_executable()), "--site", str(site_dir), "--output-subdir", INDEX_DIR, "--exclude-selectors", ".headerlink", "--silent"]


def index_site(site_dir: Path) -> None:
    """Index the built site with Pagefind. It runs in an empty folder with no PAGEFIND_ settings in its environment,
    so a pagefind.yml, .toml or .json added to the project (or set in the shell) cannot change what it indexes."""
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("PAGEFIND_")}
    with tempfile.TemporaryDirectory(prefix="pagefind-") as empty:
        result = subprocess.run(pagefind_command(site_dir), cwd=empty, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise IndexFailed(f"Pagefind could not index the site (exit {result.returncode}):\n{(result.stderr or result.stdout).strip()}")
    for name in UNUSED:
        (site_dir / INDEX_DIR / name).unlink(missing_ok=True)
    shutil.rmtree(site_dir / INDEX_DIR / "playground", ignore_errors=True)


def words_of(text: str) -> list[str]:
    """The words of a title, heading or term, as the vocabulary keeps them (normalised, at least MIN_WORD long)."""
    return [word for word in search_normal(html.unescape(re.sub(r"<[^>]+>", " ", text))).split() if len(word) >= MIN_WORD and not word.isdigit()]


def vocabulary(words: Iterable[str]) -> list[str]:
    return sorted(set(words))


def localized_text(kb: KnowledgeBase, language: str, kind: str, entry_id: str, field: str, english: str) -> str:
    """A data field's text in `language`, for the card (data/translations/), or the English where it has none."""
    from .i18n import localized

    return localized(kb, language, kind, entry_id, field, english)[0]


def country_name(kb: KnowledgeBase, language: str, code: str) -> str:
    """A country's name in `language`, as the card shows it (the code itself for a country not in the data)."""
    if code not in kb.countries:
        return code
    return localized_text(kb, language, "countries", code, "name", kb.countries[code].name)


def _numbers_by_country(lines: Iterable[Helpline], kb: KnowledgeBase, language: str = "en") -> list[dict[str, Any]]:
    """[{number, places: [country names]}] in first-seen order of the numbers, countries by name."""
    grouped: dict[str, list[str]] = {}
    for line in lines:
        name = country_name(kb, language, line.country)
        places = grouped.setdefault(line.number, [])
        if name not in places:
            places.append(name)
    return [{"number": number, "tel": number.replace(" ", ""), "places": sorted(places)} for number, places in grouped.items()]


def card(kb: KnowledgeBase, words: SearchLanguage, help_url: str) -> dict[str, Any]:
    """The urgent-help card, in the language of `words`: emergency numbers and the countries where 116 123 answers,
    from data/helplines.yml, with the countries' names in that language."""
    lines = list(kb.helplines.values())
    language = words.id
    support = sorted(
        {country_name(kb, language, line.country) for line in lines if line.number == SUPPORT_NUMBER and line.country in kb.countries and line.country != "eu"}
    )
    return {
        "heading": words.card_heading,
        "emergency_label": words.emergency_label,
        "emergency": _numbers_by_country([line for line in lines if line.emergency], kb, language),
        "support_label": words.support_label,
        "support_number": SUPPORT_NUMBER,
        "support": support,
        "help_link": words.help_link,
        "help_url": help_url,
    }


def search_data(kb: KnowledgeBase, language: str, help_url: str, vocab: Iterable[str]) -> dict[str, Any]:
    """Everything the search script fetches with the index, for one language."""
    words = kb.search[language]
    return {
        "crisis": {"phrases": sorted({search_normal(p) for p in words.crisis_phrases}), "stems": sorted({search_normal(s) for s in words.crisis_stems})},
        "stop_words": sorted({search_normal(w) for w in words.stop_words}),
        "card": card(kb, words, help_url),
        "text": {
            "no_results": words.no_results,
            "one_result": words.one_result,
            "many_results": words.many_results,
            "did_you_mean": words.did_you_mean,
            "for_contributors": words.for_contributors,
            "more_results": words.more_results,
        },
        "words": vocabulary(vocab),
    }


def is_crisis(query: str, crisis: dict[str, list[str]]) -> bool:
    """Whether a query shows the urgent-help card first: the same test as isCrisis() in search.js, on the "crisis" of
    the search data (a phrase as whole words, or a word that starts with a stem, compared as search_normal() writes them)."""
    words = search_normal(query).split()
    text = f" {' '.join(words)} "
    return any(f" {phrase} " in text for phrase in crisis["phrases"]) or any(word.startswith(stem) for stem in crisis["stems"] for word in words)


def write_search_data(site_dir: Path, language: str, data: dict[str, Any]) -> Path:
    path = site_dir / DATA_DIR / f"{language}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path
