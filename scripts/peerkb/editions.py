"""The site's editions: English at the site's root, each other language in a folder of its own.

An edition is one MkDocs build. English is built from mkdocs.yml out of docs/ (minus docs/lt/); Lithuanian from
mkdocs.lt.yml, which inherits everything from mkdocs.yml (`INHERIT`) and changes only its language, its navigation
and its names, out of docs/lt/ into the site's lt/ folder. The English build builds the other editions into its own
site folder when it is done (hooks.py), so every command that builds the site (the preview, the tests, `kb build`,
the deploy) builds both, and search indexes them together afterwards.

A Lithuanian page has the same file name as the English page it translates (docs/lt/peer-support/forms.md
translates docs/peer-support/forms.md), so pages pair by path, and a reader switching language keeps their place.

Paths here are "site paths": a page's path under docs/, with the edition's folder ('peer-support/forms.md',
'lt/peer-support/forms.md'). This module imports nothing from the rest of the package.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Edition:
    code: str  # the language code: <html lang>, theme.language, the hreflang of links to it
    name: str  # the language's own name, as the language switch shows it
    english_name: str  # its name in English, for contributors' messages
    config: str  # the MkDocs configuration it is built from
    prefix: str  # its folder under docs/ and in the built site ('' for the root edition, else 'lt/')
    switch_note: str  # the id of the note on its home page, shown when a page has no translation in it


ROOT = "en"
EDITIONS: dict[str, Edition] = {
    "en": Edition("en", "English", "English", "mkdocs.yml", "", "not-translated"),
    "lt": Edition("lt", "Lietuvių", "Lithuanian", "mkdocs.lt.yml", "lt/", "neisversta"),
}
TRANSLATED = [e for e in EDITIONS.values() if e.code != ROOT]


def of_language(language: str | None) -> Edition:
    """The edition of a build's theme.language; an unknown language is the root edition's."""
    return EDITIONS.get(language or ROOT, EDITIONS[ROOT])


def of_path(path: str) -> Edition:
    """The edition a site path belongs to: 'lt/x.md' → Lithuanian; 'x.md' → English."""
    for edition in TRANSLATED:
        if path.startswith(edition.prefix):
            return edition
    return EDITIONS[ROOT]


def source_path(path: str) -> str:
    """A site path without its edition's folder: the path of the English page it is (or translates)."""
    edition = of_path(path)
    return path[len(edition.prefix) :]


def in_edition(path: str, edition: Edition) -> str:
    """The site path in `edition` of the page at `path` (in any edition)."""
    return edition.prefix + source_path(path)


def text_checksum(text: str) -> str:
    """The checksum a translation records of the English page it translates: SHA-256 of its text, with line endings
    made '\\n' so that a checkout on another system gives the same value."""
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


def page_checksum(docs: Path, path: str) -> str | None:
    """The checksum of the page at site path `path` under `docs`, or None when there is no such page."""
    file = docs / path
    return text_checksum(file.read_text(encoding="utf-8")) if file.is_file() else None
