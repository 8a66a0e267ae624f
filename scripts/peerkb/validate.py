"""Load every data file once, validate it against its model, and check references between files.

`check_data(root)` returns the knowledge base and every problem found; `load_knowledge_base(root)`
raises `ValidationFailed` with all of them. Each rule is a small function with its rule in the docstring.
"""

from __future__ import annotations

import difflib
import functools
import re
import types
import typing
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast
from collections.abc import Collection
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from . import models
from .problems import Problem, ValidationFailed
from .snapshot import ProjectFiles, files_of
from .yamlsrc import Located, load_yaml


@dataclass(frozen=True)
class DataFile:
    """A data file and the model each of its entries follows."""

    name: str
    model: type[models.Entry]
    noun: str

    @property
    def path(self) -> str:
        return f"data/{self.name}.yml"

    def location(self, root: Path) -> str:
        """Where a contributor finds these entries: 'data/NAME.yml' or the folder 'data/NAME/'."""
        return self.path if len(self.files(root)) == 1 and self.files(root)[0].name == f"{self.name}.yml" else f"data/{self.name}/"

    def files(self, root: Path) -> list[Path]:
        """data/NAME.yml, or every .yml file in the folder data/NAME/ (for kinds that grow large)."""
        single = root / self.path
        folder = root / "data" / self.name
        if single.is_file() or not folder.is_dir():
            return [single]
        return sorted(folder.glob("*.yml"))


DATA_FILES: tuple[DataFile, ...] = (
    DataFile("references", models.Reference, "reference"),
    DataFile("countries", models.Country, "country"),
    DataFile("organisations", models.Organisation, "organisation"),
    DataFile("helplines", models.Helpline, "helpline"),
    DataFile("glossary", models.GlossaryTerm, "glossary term"),
    DataFile("definitions", models.Definition, "definition"),
    DataFile("events", models.Event, "event"),
    DataFile("wording", models.WordingRule, "wording rule"),
    DataFile("recommendations", models.Recommendation, "recommendation"),
    DataFile("search", models.SearchLanguage, "search language"),
)


@dataclass
class KnowledgeBase:
    """Every validated entry, by data file and id, in file order."""

    references: dict[str, models.Reference] = field(default_factory=dict)
    countries: dict[str, models.Country] = field(default_factory=dict)
    organisations: dict[str, models.Organisation] = field(default_factory=dict)
    helplines: dict[str, models.Helpline] = field(default_factory=dict)
    glossary: dict[str, models.GlossaryTerm] = field(default_factory=dict)
    definitions: dict[str, models.Definition] = field(default_factory=dict)
    events: dict[str, models.Event] = field(default_factory=dict)
    wording: dict[str, models.WordingRule] = field(default_factory=dict)
    recommendations: dict[str, models.Recommendation] = field(default_factory=dict)
    search: dict[str, models.SearchLanguage] = field(default_factory=dict)
    # The translated words of entries (data/translations/LANGUAGE/KIND.yml), language → kind → id → field → text.
    # A field inside a list or block is named by its path: 'actions.0', 'channels.1.hours', 'profile.status'. Only
    # fields the English entry has are here, and a list only while it has as many items as the English one.
    translations: dict[str, dict[str, dict[str, dict[str, str]]]] = field(default_factory=dict)
    # Where each kind of data lives, for messages: 'data/references.yml' or 'data/references/'.
    locations: dict[str, str] = field(default_factory=dict)
    # The file each entry is written in, by kind and id ('glossary' → 'rct' → 'data/glossary/evidence.yml'):
    # where a reader who wants to correct a fact shown on a page goes to edit it.
    files: dict[str, dict[str, str]] = field(default_factory=dict)
    # Data files that could not be read at all (YAML errors, refused YAML, not a list), and their kinds.
    # Their own problem is the one to fix first; rules that look across files skip these kinds, so the
    # report does not fill with knock-on 'unknown key' or 'not cited' lines.
    unloaded: dict[str, str] = field(default_factory=dict)

    def where(self, name: str) -> str:
        return self.locations.get(name, f"data/{name}.yml")

    @property
    def unloaded_kinds(self) -> set[str]:
        return set(self.unloaded.values())


# --- turning pydantic's errors into the contributor's words -------------------------------------


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of fields"
    return f"'{value}'"


def describe_error(error: dict[str, Any], model: type[BaseModel]) -> tuple[str, str | None, str | tuple[str | int, ...] | None]:
    """Explain one pydantic error as (message, hint, field to blame: a field, or a path to one, of the model that
    raised it, which is at the error's location)."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    loc = error["loc"]
    name = str(loc[0]) if loc else None
    if kind == "missing":
        last = next((str(part) for part in reversed(loc) if not isinstance(part, int)), name)
        return "is required but missing", f"add '{last}:' to this entry", None
    if kind == "extra_forbidden":
        known = list(model.model_fields)
        close = difflib.get_close_matches(str(name), known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"known fields are: {', '.join(known)}"
        return "is not a known field", hint, None
    if kind == "string_type":
        if isinstance(value, bool):
            return f"should be text, not {_kind(value)}", 'YAML reads a bare yes, no, on or off as true/false: put the value in quotes, e.g. "no"', None
        return f"should be text, not {_kind(value)}", "put the value in quotes if it looks like a number or a date", None
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"should be a whole number, not {_kind(value)}", None, None
    if kind in {"bool_type", "bool_parsing"}:
        return f"should be true or false, not {_kind(value)}", None, None
    if kind.startswith("date"):
        return f"{_kind(value)} is not a valid date", "write it as YYYY-MM-DD, for example 2026-11-22", None
    if kind == "literal_error":
        return f"{_kind(value)} is not an allowed value", f"use one of: {ctx.get('expected', '')}", None
    if kind == "list_type":
        return f"should be a list, not {_kind(value)}", "write one '- item' per line under the field", None
    if kind in {"dict_type", "model_type"}:
        return f"should be a block of 'field: value' lines, not {_kind(value)}", None, None
    if kind == "too_short" and isinstance(value, str):
        return f"'{value}' is too short", f"write at least {ctx.get('min_length')} characters", None
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)", None, None
    if kind == "too_long":
        return f"has more than {ctx.get('max_length')} items", f"list at most {ctx.get('max_length')}", None
    if kind in {"greater_than_equal", "less_than_equal"}:
        return f"{_kind(value)} is out of range", f"expected {error['msg'].lower().replace('input should be ', '')}", None
    if kind == "string_pattern_mismatch":
        return f"{_kind(value)} is not in the expected form", f"it should match {ctx.get('pattern')}", None
    if kind == "value_error" and isinstance(ctx.get("error"), models.Rule):
        rule: models.Rule = ctx["error"]
        return rule.message, rule.hint, rule.field
    return error["msg"], None, None


def problems_from(error: ValidationError, model: type[BaseModel], file: str, located: Located, prefix: tuple = (), entry: str | None = None) -> list[Problem]:
    """One located Problem per pydantic error; `prefix` is the entry's path inside the YAML document."""
    problems = []
    for item in error.errors():
        message, hint, blame = describe_error(dict(item), model)
        loc = (*item["loc"], *((blame,) if isinstance(blame, str) else blame)) if blame else tuple(item["loc"])
        field_name = ".".join(str(part) for part in loc if not isinstance(part, int)) or None
        problems.append(Problem(file, located.line((*prefix, *loc)), message, entry=entry, field=field_name, hint=hint))
    return problems


def _entry_name(raw: Any, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), (str, int)) and str(raw.get("id")).strip():
        return str(raw["id"])
    return f"#{index + 1}"


# --- rules ----------------------------------------------------------------------------------------


def rule_file_is_list(path: str, located: Located) -> list[Problem]:
    """A data file is a list of entries, each starting with '- id: …'."""
    if isinstance(located.data, list):
        return []
    return [Problem(path, located.line(()), "should be a list of entries", hint="start each entry with '- id: …'")]


def rule_entries_valid(spec: DataFile, path: str, located: Located) -> tuple[dict[str, models.Entry], list[Problem]]:
    """Every entry follows its model: required fields present, types right, no unknown fields."""
    entries: dict[str, models.Entry] = {}
    problems: list[Problem] = []
    for index, raw in enumerate(located.data):
        name = _entry_name(raw, index)
        if not isinstance(raw, dict):
            problems.append(Problem(path, located.line((index,)), f"entry {name} should be a block of 'field: value' lines", hint="start it with '- id: …'"))
            continue
        try:
            entry = spec.model.model_validate(raw)
        except ValidationError as error:
            problems += problems_from(error, spec.model, path, located, prefix=(index,), entry=name)
            continue
        entries.setdefault(cast(Any, entry).id, entry)  # every kind of data entry has an id
    return entries, problems


@dataclass
class LoadedFile:
    """One data file as read: its kind, its path from the project root, and its located YAML."""

    spec: DataFile
    path: str
    located: Located

    def entries(self) -> list[tuple[int, dict[str, Any]]]:
        return [(i, raw) for i, raw in enumerate(self.located.data) if isinstance(raw, dict)]


def rule_unique_ids(sources: list[LoadedFile]) -> list[Problem]:
    """Ids are unique within a kind of data, across all its files: links and citations must point at one entry."""
    first: dict[str, tuple[str, int]] = {}
    problems: list[Problem] = []
    for source in sources:
        for index, raw in source.entries():
            if not isinstance(raw.get("id"), str):
                continue
            line = source.located.line((index, "id"))
            if raw["id"] not in first:
                first[raw["id"]] = (source.path, line)
                continue
            earlier_path, earlier_line = first[raw["id"]]
            where = f"line {earlier_line}" if earlier_path == source.path else f"{earlier_path}:{earlier_line}"
            problems.append(
                Problem(source.path, line, f"duplicate id (already used on {where})", entry=raw["id"], field="id", hint="give each entry its own id")
            )
    return problems


def rule_one_entry_per_source(sources: list[LoadedFile]) -> list[Problem]:
    """A published work is listed once: no two references share a DOI or a web address."""
    first: dict[tuple[str, str], tuple[str, int, str]] = {}
    problems: list[Problem] = []
    for source in sources:
        if source.spec.name != "references":
            continue
        for index, raw in source.entries():
            for name in ("doi", "url"):
                value = raw.get(name)
                if not isinstance(value, str) or not isinstance(raw.get("id"), str):
                    continue
                key = (name, value.strip().lower().rstrip("/"))
                line = source.located.line((index, name))
                if key not in first:
                    first[key] = (source.path, line, raw["id"])
                    continue
                path, earlier_line, earlier_id = first[key]
                where = f"line {earlier_line}" if path == source.path else f"{path}:{earlier_line}"
                problems.append(
                    Problem(
                        source.path,
                        line,
                        f"the same {'DOI' if name == 'doi' else 'web address'} as '{earlier_id}' ({where})",
                        entry=raw["id"],
                        field=name,
                        hint=f"cite '{earlier_id}' instead and remove this entry",
                    )
                )
    return problems


def _ref_target(annotation: Any) -> str | None:
    """The data file a field points into, found from its `RefTo` marker (also inside lists and optionals)."""
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, models.RefTo):
            return meta.target
    for arg in typing.get_args(annotation):
        target = _ref_target(arg)
        if target:
            return target
    return None


@functools.cache
def reference_fields(model: type[BaseModel]) -> dict[str, str]:
    """Fields of `model` that hold ids of another data file, mapped to that file's name (worked out once per model)."""
    found = {}
    for name, info in model.model_fields.items():
        target = _ref_target(info.annotation) or next((meta.target for meta in info.metadata if isinstance(meta, models.RefTo)), None)
        if target:
            found[name] = target
    return found


def references_in(obj: BaseModel, path: tuple = ()) -> list[tuple[tuple, str, str]]:
    """(path, target file, id) for every id that `obj` and the models nested in it point at."""
    found = []
    targets = reference_fields(type(obj))
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for position, item in items:
            here = path + ((name,) if position is None else (name, position))
            if name in targets and isinstance(item, str):
                found.append((here, targets[name], item))
            elif isinstance(item, BaseModel):
                found += references_in(item, here)
    return found


def page_problem(root: Path, target: str, files: ProjectFiles | None = None) -> tuple[str, str] | None:
    """What is wrong with a link from data to a page ('international/norway.md#training'), if anything:
    the page must exist under docs/, and an anchor must be an explicit heading id ({#training}) on it."""
    path, _, anchor = target.partition("#")
    page = root / "docs" / path
    if not page.is_file():
        return f"page '{path}' does not exist", "give a path under docs/, e.g. international/norway.md"
    if anchor and "{#" + anchor + "}" not in files_of(root, files).text(page):
        return f"page '{path}' has no heading with the id '{anchor}'", "add {#" + anchor + "} to a heading there, or fix the anchor"
    return None


def rule_references_resolve(kb: KnowledgeBase, sources: list[LoadedFile], root: Path, files: ProjectFiles | None = None) -> list[Problem]:
    """Every id that points into another kind of data (citation keys, countries, organisations, terms,
    events) exists there, in any of its files; every page named in data exists, with its anchor.

    Ids are looked up among all entries written, valid or not, and kinds whose files could not be read
    are skipped: their own error is the one to fix first.
    """
    problems: list[Problem] = []
    nouns = {spec.name: spec for spec in DATA_FILES}
    written: dict[str, set[Any]] = {}
    for source in sources:
        written.setdefault(source.spec.name, set()).update(raw.get("id") for _, raw in source.entries())
    checked: set[tuple[str, Any]] = set()
    for source in sources:
        valid = getattr(kb, source.spec.name)
        for index, raw in source.entries():
            key = (source.spec.name, raw.get("id"))
            entry = valid.get(raw.get("id")) if isinstance(raw.get("id"), str) else None
            if entry is None or key in checked:
                continue  # invalid entries report their own problems; duplicates are checked once
            checked.add(key)
            for path, target, item in references_in(entry):
                if target == "pages":
                    problem = page_problem(root, item, files)
                    if problem:
                        field_name = ".".join(str(p) for p in path if not isinstance(p, int))
                        problems.append(
                            Problem(source.path, source.located.line((index, *path)), problem[0], entry=entry.id, field=field_name, hint=problem[1])
                        )
                    continue
                if target not in written or item in written[target] or target in kb.unloaded_kinds:
                    continue
                known = sorted(k for k in written[target] if isinstance(k, str))
                close = difflib.get_close_matches(item, known, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                hint += f"the known ids are listed in {kb.where(target)}"
                field_name = ".".join(str(p) for p in path if not isinstance(p, int))
                problems.append(
                    Problem(
                        source.path, source.located.line((index, *path)), f"unknown {nouns[target].noun} '{item}'", entry=entry.id, field=field_name, hint=hint
                    )
                )
    return problems


def entry_lines(root: Path, name: str, files: ProjectFiles | None = None) -> dict[str, tuple[str, int]]:
    """Where each entry of a kind of data starts: id → (file, line), read from the files' text."""
    import re

    spec = next(s for s in DATA_FILES if s.name == name)
    found: dict[str, tuple[str, int]] = {}
    for path in spec.files(root):
        if path.is_file():
            rel = path.relative_to(root).as_posix()
            for number, line in enumerate(files_of(root, files).text(path).splitlines(), start=1):
                match = re.match(r"^-\s+id:\s*['\"]?([^'\"\s#]+)", line)
                if match:
                    found.setdefault(match.group(1), (rel, number))
    return found


# --- urgent-help numbers and glossary abbreviations ---------------------------------------------------


def _first_entries(sources: list[LoadedFile], name: str) -> dict[str, tuple[LoadedFile, int]]:
    """Where each entry of a kind of data is written: id → (file as read, index), first occurrence."""
    found: dict[str, tuple[LoadedFile, int]] = {}
    for source in sources:
        if source.spec.name == name:
            for index, raw in source.entries():
                if isinstance(raw.get("id"), str):
                    found.setdefault(raw["id"], (source, index))
    return found


def _host(url: str) -> str:
    """The host of an address, without a leading 'www.'."""
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def on_site(url: str, site_url: str) -> bool:
    """Whether `url` is on the site at `site_url`: the same host or one under it ('www.' aside)."""
    host, site = _host(url), _host(site_url)
    return bool(host and site) and (host == site or host.endswith("." + site))


_SOURCE_HINT = (
    "cite a page of the operator (the url of the organisation in operator:) or of an official body (an organisation of type "
    "public-body in data/organisations/); until one has been checked, set unofficial_source: true, and the card says so"
)


def rule_helpline_sources(kb: KnowledgeBase, sources: list[LoadedFile]) -> list[Problem]:
    """A helpline's source is the page its facts were checked against: a web page (the reference rules keep its address
    https, without a user name or password, on a plain ASCII host) on the operator's own site or an official body's (an
    organisation of type public-body), unless unofficial_source says that no such page has been checked yet, in which
    case the card tells readers. The source records the day it was read, and last_verified is not after that day: a
    number is verified only by reading its source.

    Helplines whose reference or operator is unknown or invalid are skipped: that problem is reported on its own."""
    if {"helplines", "references", "organisations"} & kb.unloaded_kinds:
        return []
    where = _first_entries(sources, "helplines")
    official = [org.url for org in kb.organisations.values() if org.type == "public-body" and org.url]
    problems: list[Problem] = []
    for line in kb.helplines.values():
        ref = kb.references.get(line.source)
        operator = kb.organisations.get(line.operator) if line.operator else None
        if ref is None or (line.operator and operator is None) or line.id not in where:
            continue
        source, index = where[line.id]

        def problem(field_name: str, message: str, hint: str, source: LoadedFile = source, index: int = index, entry: str = line.id) -> None:
            problems.append(Problem(source.path, source.located.line((index, field_name)), message, entry=entry, field=field_name, hint=hint))

        if not ref.url:
            problem("source", f"source '{ref.id}' has no web address", "cite the page the number was checked against, at its https:// address; " + _SOURCE_HINT)
            continue
        host = urlsplit(ref.url).hostname or ""
        own = bool(operator and operator.url and on_site(ref.url, operator.url))
        if own or any(on_site(ref.url, site) for site in official):
            if line.unofficial_source:
                whose = "the operator's own site" if own else "an official body's site"
                problem(
                    "unofficial_source",
                    f"says the source is not the operator's or an official body's, but '{ref.id}' is on {host}, {whose}",
                    "remove unofficial_source: the card should not warn readers about a source that is the line's own",
                )
        elif not line.unofficial_source:
            if operator and operator.url:
                message = f"source '{ref.id}' is on {host}, which is neither the operator's site ({urlsplit(operator.url).hostname}) nor an official body's"
            elif operator:
                message = (
                    f"source '{ref.id}' is on {host}, which is not an official body's site, and the operator '{operator.id}' has no url to compare it with"
                )
            else:
                message = f"source '{ref.id}' is on {host}, which is not an official body's site (the line names no operator)"
            problem("source", message, _SOURCE_HINT)
        if not ref.accessed:
            problem(
                "source",
                f"source '{ref.id}' does not say when it was read",
                f"add accessed: YYYY-MM-DD to '{ref.id}' in {kb.where('references')}: the day the facts were checked against it",
            )
        elif line.last_verified > ref.accessed:
            problem(
                "last_verified",
                f"{line.last_verified.isoformat()} is after the day its source '{ref.id}' was read ({ref.accessed.isoformat()})",
                "last_verified is the day the facts were checked against the source: check them there, "
                "then set the reference's accessed: and last_verified: to that day",
            )
    return problems


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the last day of the month where that day does not exist)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


def rule_helplines_current(kb: KnowledgeBase, sources: list[LoadedFile], today: date) -> list[Problem]:
    """A helpline's last_verified is not in the future, and not more than HELPLINE_MAX_AGE_MONTHS months before `today`:
    numbers and hours change, and a number nobody has checked for a year may no longer work."""
    where = _first_entries(sources, "helplines")
    oldest = months_before(today, models.HELPLINE_MAX_AGE_MONTHS)
    problems: list[Problem] = []
    for line in kb.helplines.values():
        if line.id not in where:
            continue
        source, index = where[line.id]
        day = line.last_verified.isoformat()
        if line.last_verified > today:
            message, hint = f"{day} is in the future (today is {today.isoformat()})", "write the day the facts were actually checked against the source"
        elif line.last_verified < oldest:
            message = f"{day} is more than {models.HELPLINE_MAX_AGE_MONTHS} months ago (today is {today.isoformat()}): the number must be checked again"
            hint = (
                "check the number, hours and cost against the source (the operator's own page if there is one), "
                "then update the reference's accessed: and last_verified:"
            )
        else:
            continue
        problems.append(Problem(source.path, source.located.line((index, "last_verified")), message, entry=line.id, field="last_verified", hint=hint))
    return problems


COMMON_WORDS = "data/common-words.yml"


def load_common_words(root: Path, files: ProjectFiles | None = None) -> tuple[frozenset[str], list[Problem]]:
    """The common English words that glossary abbreviations may not be: data/common-words.yml, a list of lower-case words."""
    path = root / COMMON_WORDS
    if not path.is_file():
        return frozenset(), [
            Problem(
                COMMON_WORDS,
                1,
                "the file is missing",
                hint="create it: a list of common English words, one '- word' a line, that glossary abbreviations may not be",
            )
        ]
    located, problems = load_yaml(files_of(root, files).text(path), COMMON_WORDS)
    if located is None:
        return frozenset(), problems
    if not isinstance(located.data, list):
        return frozenset(), [*problems, Problem(COMMON_WORDS, located.line(()), "should be a list of words", hint="write one '- word' a line")]
    words: set[str] = set()
    for index, item in enumerate(located.data):
        if isinstance(item, str) and re.fullmatch(r"[a-z]+(?:'[a-z]+)?", item.strip()):
            words.add(item.strip())
            continue
        hint = (
            'YAML reads a bare yes, no, on or off as true/false: put the word in quotes, e.g. "no"'
            if isinstance(item, bool)
            else "write one common English word a line, in lower-case letters, e.g. '- help'"
        )
        problems.append(Problem(COMMON_WORDS, located.line((index,)), f"{_kind(item)} is not a word in lower-case letters", hint=hint))
    return frozenset(words), problems


def _as_running_text(abbr: str) -> bool:
    """Whether an abbreviation is written as a word is in running text: in lower case, or with a capital first letter.
    The abbr extension matches case for case, so an abbreviation in capitals (WHO) marks only text in capitals."""
    return abbr == abbr.lower() or abbr == abbr.capitalize()


def rule_abbreviations_catch_no_text(kb: KnowledgeBase, sources: list[LoadedFile], words: frozenset[str]) -> list[Problem]:
    """A glossary abbreviation gets a tooltip wherever it stands as a whole word, on every page. So it may not be a common
    English word as running text writes it (data/common-words.yml), and it may not be a whole word of any helpline's
    number or name, which the help page shows to readers who need them to be exactly right."""
    if "glossary" in kb.unloaded_kinds:
        return []
    where = _first_entries(sources, "glossary")
    lines = [] if "helplines" in kb.unloaded_kinds else list(kb.helplines.values())
    problems: list[Problem] = []
    for term in kb.glossary.values():
        if not term.abbr or term.id not in where:
            continue
        source, index = where[term.id]
        at = source.located.line((index, "abbr"))
        if term.abbr.lower() in words and _as_running_text(term.abbr):
            problems.append(
                Problem(
                    source.path,
                    at,
                    f"'{term.abbr}' is a common English word (listed in {COMMON_WORDS})",
                    entry=term.id,
                    field="abbr",
                    hint=f"as an abbreviation it would put a tooltip on every '{term.abbr}' on the site; leave abbr out",
                )
            )
        pattern = re.compile(rf"\b{re.escape(term.abbr)}\b")  # as the abbr extension matches
        for line in lines:
            for label, text in (("number", line.number), ("name", line.name), ("local name", line.local_name)):
                if text and pattern.search(text):
                    problems.append(
                        Problem(
                            source.path,
                            at,
                            f"'{term.abbr}' occurs in the {label} of helpline '{line.id}' ('{text}'), which the help page shows",
                            entry=term.id,
                            field="abbr",
                            hint="an abbreviation may not mark any part of a helpline's number or name; leave abbr out (the term stays in the glossary)",
                        )
                    )
    return problems


def _letters(text: str) -> str:
    """Letters and digits only, without accents, in lower case: how an abbreviation is compared with its term."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if c.isalnum() and not unicodedata.combining(c)).casefold()


def term_words(term: str) -> list[str]:
    """The words of a term, as an abbreviation is made of them: what stands between spaces, hyphens and other
    punctuation, without accents, in lower case ('Non-governmental organisation' → non, governmental, organisation)."""
    return [word for word in (_letters(part) for part in re.split(r"[\W_]+", term)) if word]


def stands_for(abbr: str, term: str) -> bool:
    """Whether `abbr` is made of the first letter, or first letters, of each word of `term` in order, small words
    (models.ABBREVIATION_SMALL_WORDS) optional: WHO for World Health Organization, CRPD for Convention on the Rights
    of Persons with Disabilities, ImROC for Implementing Recovery through Organisational Change."""
    letters, words = _letters(abbr), term_words(term)

    @functools.cache
    def rest_matches(at: int, word: int) -> bool:
        if word == len(words):
            return at == len(letters)
        current = words[word]
        if current in models.ABBREVIATION_SMALL_WORDS and rest_matches(at, word + 1):
            return True
        length = 1
        while length <= len(current) and letters[at : at + length] == current[:length]:
            if rest_matches(at + length, word + 1):
                return True
            length += 1
        return False

    return bool(letters) and rest_matches(0, 0)


_STANDS_FOR_HINT = (
    "an abbreviation takes the first letter, or first letters, of each word of its term, in order, as WHO does for World Health "
    "Organization and ImROC for Implementing Recovery through Organisational Change; small words such as 'and', 'of' and 'the' "
    "may be left out. Write in term: the full name the abbreviation stands for, or leave abbr out"
)


def rule_abbreviations_stand_for_terms(kb: KnowledgeBase, sources: list[LoadedFile], skip: Collection[str] = ()) -> list[Problem]:
    """A glossary abbreviation stands for its term, which is its tooltip wherever it appears: the term is not the
    abbreviation again ('CHIME (CHIME)', a tooltip that explains nothing), and the abbreviation is made of the first
    letters of the term's words, so that a tooltip never expands it into something else ('EEA' is the European Economic
    Area, not 'European Economic Area Grants').

    Terms in `skip` are left out: their abbreviation is refused already for the text it would catch, and the fix for
    that, leaving abbr out, settles this as well."""
    if "glossary" in kb.unloaded_kinds:
        return []
    where = _first_entries(sources, "glossary")
    problems: list[Problem] = []
    for term in kb.glossary.values():
        if not term.abbr or term.id not in where or term.id in skip:
            continue
        source, index = where[term.id]
        if _letters(term.abbr) == _letters(term.term):
            message = f"'{term.abbr}' is the same as the term"
            hint = "term: is what the abbreviation stands for, and its tooltip: write it in full, as World Health Organization for WHO, or leave abbr out"
        elif not stands_for(term.abbr, term.term):
            initials = [word[0].upper() for word in term_words(term.term) if word not in models.ABBREVIATION_SMALL_WORDS]
            listed = " and ".join([", ".join(initials[:-1]), initials[-1]] if len(initials) > 1 else initials)
            words = f"whose main words begin with {listed}" if initials else "which has only small words"
            message = f"'{term.abbr}' does not stand for the term '{term.term}', {words}"
            hint = _STANDS_FOR_HINT
        else:
            continue
        problems.append(Problem(source.path, source.located.line((index, "abbr")), message, entry=term.id, field="abbr", hint=hint))
    return problems


# --- translations --------------------------------------------------------------------------------------

TRANSLATIONS = "data/translations"


@dataclass(frozen=True)
class TranslationFile:
    """A kind of data whose reader-visible words are translated, and the model of one entry's translation."""

    kind: str  # the English data it translates, as in DATA_FILES: 'helplines'
    model: type[models.Translation]
    # Fields translated only where the language needs it (a descriptive name, an abbreviation of its own): never
    # reported as not yet translated.
    optional: frozenset[str] = frozenset()

    def path(self, language: str) -> str:
        return f"{TRANSLATIONS}/{language}/{self.kind}.yml"

    def optional_in(self, entry: Any) -> frozenset[str]:
        """The optional fields of one entry: a glossary term written in its own language (language:) keeps its words."""
        if self.kind == "glossary" and getattr(entry, "language", None):
            return self.optional | {"term"}
        return self.optional


TRANSLATION_FILES: tuple[TranslationFile, ...] = (
    TranslationFile("helplines", models.HelplineTranslation, frozenset({"name"})),
    TranslationFile("recommendations", models.RecommendationTranslation),
    TranslationFile("glossary", models.GlossaryTranslation, frozenset({"abbr"})),
    TranslationFile("definitions", models.DefinitionTranslation),
    TranslationFile("events", models.EventTranslation),
    TranslationFile("countries", models.CountryTranslation),
    TranslationFile("organisations", models.OrganisationTranslation, frozenset({"name"})),
)


def _block_model(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """(the model of a block of fields, or None for text; whether the field is a list of them or of text)."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return _block_model(args[0])
    if typing.get_origin(annotation) is list:
        inner, _ = _block_model(typing.get_args(annotation)[0])
        return inner, True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


def translation_fields(model: type[BaseModel], english: Any, translated: Any = None, prefix: str = "") -> list[tuple[str, str, str | None]]:
    """(path, English text, translated text or None) for every translatable field the English entry has, in order.
    A list translated with another number of items than the English one counts as not translated: its items
    could no longer be matched one to one."""
    found: list[tuple[str, str, str | None]] = []
    for name, info in model.model_fields.items():
        value = getattr(english, name, None)
        if value is None:
            continue
        mine = getattr(translated, name, None) if translated is not None else None
        block, many = _block_model(info.annotation)
        if many:
            items = list(value)
            mine = mine if mine is not None and len(mine) == len(items) else None
            for index, item in enumerate(items):
                theirs = mine[index] if mine is not None else None
                if block is None:
                    found.append((f"{prefix}{name}.{index}", str(item), theirs))
                else:
                    found += translation_fields(block, item, theirs, f"{prefix}{name}.{index}.")
        elif block is not None:
            found += translation_fields(block, value, mine, f"{prefix}{name}.")
        else:
            found.append((f"{prefix}{name}", str(value), mine))
    return found


def check_translations(root: Path, kb: KnowledgeBase, sources: list[LoadedFile], files: ProjectFiles | None = None) -> list[Problem]:
    """Translations (data/translations/LANGUAGE/KIND.yml) are kept apart from the English data, and an English edit
    never fails because a translation lags: a field not translated yet is shown in English (and listed by
    `i18n.untranslated`). What is written must be right, though: a folder per language of the site (not English, the
    data's own), a file per translated kind, each a block per id of an English entry, with only the fields
    its model lists, none empty, and the same rules as the English fields (no HTML; Markdown links to https:, mailto:
    or the site's own pages). Valid translations are kept in `kb.translations`."""
    folder = root / TRANSLATIONS
    if not folder.is_dir():
        return []
    files = files_of(root, files)
    problems: list[Problem] = []
    specs = {spec.kind: spec for spec in TRANSLATION_FILES}
    nouns = {spec.name: spec.noun for spec in DATA_FILES}
    languages = [lang for lang in models.SITE_LANGUAGES if lang != "en"]
    written: dict[str, set[Any]] = {}
    for source in sources:
        written.setdefault(source.spec.name, set()).update(raw.get("id") for _, raw in source.entries())
    for item in sorted(folder.iterdir()):
        rel = item.relative_to(root).as_posix()
        if not item.is_dir():
            if item.suffix == ".yml":
                problems.append(
                    Problem(rel, 1, "is not in a language's folder", hint=f"put it in the folder of its language, e.g. {TRANSLATIONS}/lt/{item.name}")
                )
            continue
        if item.name not in languages:
            what = "English, the language of the data itself" if item.name == "en" else "not a language of the site"
            problems.append(
                Problem(
                    rel + "/",
                    1,
                    f"'{item.name}' is {what}",
                    hint=f"translations go in a folder named after a language the site is built in: {', '.join(languages)} "
                    "(SITE_LANGUAGES in scripts/peerkb/models.py)",
                )
            )
            continue
        found = kb.translations.setdefault(item.name, {})
        for path in sorted(item.glob("*.yml")):
            rel = path.relative_to(root).as_posix()
            spec = specs.get(path.stem)
            if spec is None:
                close = difflib.get_close_matches(path.stem, list(specs), n=1)
                guess = f"did you mean {close[0]}.yml? " if close else ""
                problems.append(
                    Problem(
                        rel,
                        1,
                        f"'{path.stem}' is not a kind of data that is translated",
                        hint=f"{guess}the files are: {', '.join(f'{kind}.yml' for kind in specs)}",
                    )
                )
                continue
            located, syntax = load_yaml(files.text(path), rel)
            problems += syntax
            if located is None or located.data is None:
                continue
            if not isinstance(located.data, dict):
                problems.append(
                    Problem(
                        rel,
                        located.line(()),
                        "should be a block of ids, each with its translated fields",
                        hint="start each entry with 'id:' at the line's start",
                    )
                )
                continue
            english = getattr(kb, spec.kind)
            known = sorted(k for k in written.get(spec.kind, set()) if isinstance(k, str))
            entries = found.setdefault(spec.kind, {})
            for key, raw in located.data.items():
                at = located.line((key,))
                if not isinstance(key, str) or key not in known:
                    if spec.kind in kb.unloaded_kinds:
                        continue
                    close = difflib.get_close_matches(str(key), known, n=1)
                    hint = f"did you mean '{close[0]}'? " if close else ""
                    hint += f"a translation is kept under the id of its English entry, listed in {kb.where(spec.kind)}"
                    problems.append(Problem(rel, at, f"'{key}' is not {_a(nouns[spec.kind])} id", hint=hint))
                    continue
                if not isinstance(raw, dict):
                    problems.append(
                        Problem(
                            rel, at, f"'{key}' should be a block of 'field: value' lines", entry=key, hint="write each translated field under the id, indented"
                        )
                    )
                    continue
                try:
                    translation = spec.model.model_validate(raw)
                except ValidationError as error:
                    problems += problems_from(error, spec.model, rel, located, prefix=(key,), entry=key)
                    continue
                if key in english:
                    entries[key] = {path_: text for path_, _, text in translation_fields(spec.model, english[key], translation) if text is not None}
    return problems


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


# --- the whole check ---------------------------------------------------------------------------------


def check_data(root: Path, today: date | None = None, files: ProjectFiles | None = None) -> tuple[KnowledgeBase, list[Problem]]:
    """Validate every data file under `root/data`; return what is valid and every problem found.

    The rules that depend on the date (a helpline verified in the future, or more than 12 months before `today`)
    run only when `today` is given: `kb check` gives it; the build and the preview, which show the same pages
    either way, leave it out."""
    files = files_of(root, files)
    kb = KnowledgeBase()
    problems: list[Problem] = []
    sources: list[LoadedFile] = []
    for spec in DATA_FILES:
        entries: dict[str, models.Entry] = {}
        kb.locations[spec.name] = spec.location(root)
        written_in = kb.files.setdefault(spec.name, {})
        for path in spec.files(root):
            rel = path.relative_to(root).as_posix()
            if not path.is_file():
                problems.append(Problem(rel, 1, "the file is missing", hint=f"create it; each entry follows the {spec.model.__name__} schema"))
                continue
            loc, syntax = load_yaml(files.text(path), rel)
            problems += syntax
            if loc is None:
                kb.unloaded[rel] = spec.name
                continue
            if loc.data is None:
                loc.data = []
            shape = rule_file_is_list(rel, loc)
            problems += shape
            if shape:
                kb.unloaded[rel] = spec.name
                continue
            sources.append(LoadedFile(spec, rel, loc))
            valid, entry_problems = rule_entries_valid(spec, rel, loc)
            problems += entry_problems
            for key, entry in valid.items():
                entries.setdefault(key, entry)
                written_in.setdefault(key, rel)
        problems += rule_unique_ids([s for s in sources if s.spec is spec])
        problems += rule_one_entry_per_source([s for s in sources if s.spec is spec])
        setattr(kb, spec.name, entries)
    problems += rule_references_resolve(kb, sources, root, files)
    problems += rule_helpline_sources(kb, sources)
    if today is not None:
        problems += rule_helplines_current(kb, sources, today)
    words, word_problems = load_common_words(root, files)
    caught = rule_abbreviations_catch_no_text(kb, sources, words)
    problems += word_problems + caught + rule_abbreviations_stand_for_terms(kb, sources, skip={p.entry for p in caught if p.entry})
    problems += check_translations(root, kb, sources, files)
    return kb, problems


def load_knowledge_base(root: Path) -> KnowledgeBase:
    """The validated knowledge base, or `ValidationFailed` listing every problem."""
    kb, problems = check_data(root)
    if problems:
        raise ValidationFailed(problems)
    return kb
