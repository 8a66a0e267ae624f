"""The data readers see, in the language of the page: the translations in data/translations/LANGUAGE/KIND.yml.

English is the language of the data itself. A page in another language shows each translated field in that
language and, where a field is not translated yet, the English text marked `lang="en"` (so that a screen reader
reads it as English), never a blank. An English page shows its data exactly as written.

- `localized(kb, language, kind, id, field, english)`: one field's text, and whether it fell back to English;
- `localize(kb, language, kind, entry)`: a copy of an entry whose translatable fields are in `language`, each
  fallback an `English` string, which templates and `render.inline_markdown` show inside `<span lang="en">`;
- `untranslated(kb, language)`: every entry not yet (fully) translated, with its missing fields, for the check's
  summary and a translation status page.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from babel import Locale
from markupsafe import Markup, escape
from pydantic import BaseModel

from .validate import TRANSLATION_FILES, KnowledgeBase, translation_fields

M = TypeVar("M", bound=BaseModel)


class English(str):
    """English text shown on a page in another language: wherever a template shows it, it is marked as English."""

    __slots__ = ()

    def __html__(self) -> str:
        return f'<span lang="en">{escape(str(self))}</span>'


def mark_english(html: str) -> Markup:
    """HTML made from an English field (its Markdown rendered), marked as English."""
    return Markup(f'<span lang="en">{html}</span>')


def localized(kb: KnowledgeBase, language: str, kind: str, entry_id: str, field: str, english: str) -> tuple[str, bool]:
    """The text of `field` (a path such as 'hours', 'actions.0' or 'profile.status') of the entry `entry_id` of `kind`
    in `language`, and whether it fell back to `english`: on English pages, and where there is no translation."""
    if language == "en":
        return english, False
    text = kb.translations.get(language, {}).get(kind, {}).get(entry_id, {}).get(field)
    return (english, True) if text is None else (text, False)


def _spec(kind: str) -> Any:
    return next(spec for spec in TRANSLATION_FILES if spec.kind == kind)


def _set(obj: Any, parts: list[str], text: str) -> Any:
    """`obj` (a model, a list or text) with the value at `parts` replaced by `text`, as a copy."""
    if not parts:
        return text
    head, rest = parts[0], parts[1:]
    if isinstance(obj, list):
        index = int(head)
        return [*obj[:index], _set(obj[index], rest, text), *obj[index + 1 :]]
    return obj.model_copy(update={head: _set(getattr(obj, head), rest, text)})


def localize(kb: KnowledgeBase, language: str, kind: str, entry: M) -> M:
    """`entry` with every translatable field in `language`; a field not translated yet is its English text as
    `English`. The entry itself on English pages, so that they stay exactly as they were."""
    if language == "en":
        return entry
    spec = _spec(kind)
    entry_id = cast(Any, entry).id
    # A proper name, an abbreviation or a term in its own language that is not translated is not English text.
    optional = spec.optional_in(entry)
    copy: Any = entry
    for path, english, _ in translation_fields(spec.model, entry):
        text, fell_back = localized(kb, language, kind, entry_id, path, english)
        if fell_back and path.split(".")[0] in optional:
            continue
        copy = _set(copy, path.split("."), English(english) if fell_back else text)
    if kind == "helplines" and copy.local_name and str(copy.name) == copy.local_name:
        copy = copy.model_copy(update={"local_name": None})  # 'Vilties linija (Vilties linija)' says it twice
    if kind == "organisations" and copy.local_name and str(copy.name) == copy.local_name:
        copy = copy.model_copy(update={"local_name": None})
    return copy


def localize_all(kb: KnowledgeBase, language: str, kind: str, entries: dict[str, M]) -> dict[str, M]:
    """Every entry of a kind, by id, in `language` (the same dictionary on English pages)."""
    if language == "en":
        return entries
    return {key: localize(kb, language, kind, entry) for key, entry in entries.items()}


def untranslated(kb: KnowledgeBase, language: str) -> list[tuple[str, str, list[str]]]:
    """(kind, id, fields not yet translated) for every entry whose reader-visible words are not all in `language`,
    in the order of TRANSLATION_FILES and of the data. Fields inside a list or block are named by the field that holds
    them ('actions', 'channels', 'profile.role_terms'); optional fields (a proper name) are never missing."""
    if language == "en":
        return []
    found = []
    for spec in TRANSLATION_FILES:
        done = kb.translations.get(language, {}).get(spec.kind, {})
        for entry_id, entry in getattr(kb, spec.kind).items():
            optional = spec.optional_in(entry)
            have = done.get(entry_id, {})
            missing: list[str] = []
            for path, _, _ in translation_fields(spec.model, entry):
                if path in have or path.split(".")[0] in optional:
                    continue
                name = _holder(path)
                if name not in missing:
                    missing.append(name)
            if missing:
                found.append((spec.kind, entry_id, missing))
    return found


def _holder(path: str) -> str:
    """The field a path belongs to, up to its first list index: 'channels.0.hours' → 'channels'."""
    parts = path.split(".")
    index = next((i for i, part in enumerate(parts) if part.isdigit()), len(parts))
    return ".".join(parts[:index])


def language_name(language: str) -> str:
    """The English name of a language of the site: 'Lithuanian'."""
    return str(Locale("en").languages.get(language, language))


def summary(kb: KnowledgeBase, language: str, shown: int = 3) -> str:
    """One line for `kb check`: how many entries are not yet translated into `language`, with the first few of each kind."""
    missing = untranslated(kb, language)
    name = language_name(language)
    if not missing:
        return f"{name} data: every entry translated."
    kinds: dict[str, list[str]] = {}
    for kind, entry_id, _ in missing:
        kinds.setdefault(kind, []).append(entry_id)
    parts = [f"{kind}: {', '.join(ids[:shown])}{' …' if len(ids) > shown else ''}" for kind, ids in kinds.items()]
    count = len(missing)
    return f"{name} data: {count} {'entry' if count == 1 else 'entries'} not yet translated ({'; '.join(parts)})"
