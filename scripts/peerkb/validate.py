"""Load every data file once, validate it against its model, and check references between files.

`check_data(root)` returns the knowledge base and every problem found; `load_knowledge_base(root)`
raises `ValidationFailed` with all of them. Each rule is a small function with its rule in the docstring.
"""

from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import models
from .problems import Problem, ValidationFailed
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


DATA_FILES: tuple[DataFile, ...] = (
    DataFile("references", models.Reference, "reference"),
    DataFile("countries", models.Country, "country"),
    DataFile("organisations", models.Organisation, "organisation"),
    DataFile("helplines", models.Helpline, "helpline"),
    DataFile("glossary", models.GlossaryTerm, "glossary term"),
    DataFile("definitions", models.Definition, "definition"),
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


def describe_error(error: dict[str, Any], model: type[BaseModel]) -> tuple[str, str | None, str | None]:
    """Explain one pydantic error as (message, hint, field to blame instead of its location)."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    loc = error["loc"]
    name = str(loc[0]) if loc else None
    if kind == "missing":
        return "is required but missing", f"add '{name}:' to this entry", None
    if kind == "extra_forbidden":
        known = list(model.model_fields)
        close = difflib.get_close_matches(str(name), known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"known fields are: {', '.join(known)}"
        return "is not a known field", hint, None
    if kind == "string_type":
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
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)", None, None
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
        message, hint, blame = describe_error(item, model)
        loc = (blame,) if blame else tuple(item["loc"])
        field_name = ".".join(str(part) for part in loc if not isinstance(part, int)) or None
        problems.append(Problem(file, located.line((*prefix, *loc)), message, entry=entry, field=field_name, hint=hint))
    return problems


def _entry_name(raw: Any, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), (str, int)) and str(raw.get("id")).strip():
        return str(raw["id"])
    return f"#{index + 1}"


# --- rules ----------------------------------------------------------------------------------------


def rule_file_is_list(spec: DataFile, located: Located) -> list[Problem]:
    """A data file is a list of entries, each starting with '- id: …'."""
    if isinstance(located.data, list):
        return []
    return [Problem(spec.path, located.line(()), "should be a list of entries", hint="start each entry with '- id: …'")]


def rule_entries_valid(spec: DataFile, located: Located) -> tuple[dict[str, models.Entry], list[Problem]]:
    """Every entry follows its model: required fields present, types right, no unknown fields."""
    entries: dict[str, models.Entry] = {}
    problems: list[Problem] = []
    for index, raw in enumerate(located.data):
        name = _entry_name(raw, index)
        if not isinstance(raw, dict):
            problems.append(Problem(spec.path, located.line((index,)), f"entry {name} should be a block of 'field: value' lines", hint="start it with '- id: …'"))
            continue
        try:
            entry = spec.model.model_validate(raw)
        except ValidationError as error:
            problems += problems_from(error, spec.model, spec.path, located, prefix=(index,), entry=name)
            continue
        entries.setdefault(entry.id, entry)
    return entries, problems


def rule_unique_ids(spec: DataFile, located: Located) -> list[Problem]:
    """Ids are unique within a file: links and citations must point at exactly one entry."""
    first: dict[str, int] = {}
    problems: list[Problem] = []
    for index, raw in enumerate(located.data):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            continue
        line = located.line((index, "id"))
        if raw["id"] in first:
            problems.append(
                Problem(spec.path, line, f"duplicate id (already used on line {first[raw['id']]})", entry=raw["id"], field="id", hint="give each entry its own id")
            )
        else:
            first[raw["id"]] = line
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


def reference_fields(model: type[BaseModel]) -> dict[str, str]:
    """Fields of `model` that hold ids of another data file, mapped to that file's name."""
    found = {}
    for name, info in model.model_fields.items():
        target = _ref_target(info.annotation) or next(
            (meta.target for meta in info.metadata if isinstance(meta, models.RefTo)), None
        )
        if target:
            found[name] = target
    return found


def rule_references_resolve(kb: KnowledgeBase, located: dict[str, Located]) -> list[Problem]:
    """Every id that points into another file (citation keys, countries, organisations, terms) exists there.

    Ids are looked up among all entries written in the target file, valid or not, and files that
    could not be read at all are skipped: their own error is the one to fix first.
    """
    problems: list[Problem] = []
    nouns = {spec.name: spec for spec in DATA_FILES}
    written = {
        name: {raw.get("id") for raw in loc.data if isinstance(raw, dict)} for name, loc in located.items()
    }
    for spec in DATA_FILES:
        loc = located.get(spec.name)
        if loc is None:
            continue
        index_of = {raw.get("id"): i for i, raw in reversed(list(enumerate(loc.data))) if isinstance(raw, dict)}
        for entry in getattr(kb, spec.name).values():
            index = index_of.get(entry.id, 0)
            for field_name, target in reference_fields(spec.model).items():
                value = getattr(entry, field_name)
                values = value if isinstance(value, list) else [value]
                if target not in written:
                    continue
                known = written[target]
                for position, item in enumerate(values):
                    if item is None or item in known:
                        continue
                    path = (index, field_name, position) if isinstance(value, list) else (index, field_name)
                    close = difflib.get_close_matches(item, sorted(k for k in known if isinstance(k, str)), n=1)
                    hint = f"did you mean '{close[0]}'? " if close else ""
                    hint += f"the known ids are listed in {nouns[target].path}"
                    problems.append(
                        Problem(spec.path, loc.line(path), f"unknown {nouns[target].noun} '{item}'", entry=entry.id, field=field_name, hint=hint)
                    )
    return problems


# --- the whole check ---------------------------------------------------------------------------------


def check_data(root: Path) -> tuple[KnowledgeBase, list[Problem]]:
    """Validate every data file under `root/data`; return what is valid and every problem found."""
    kb = KnowledgeBase()
    problems: list[Problem] = []
    located: dict[str, Located] = {}
    for spec in DATA_FILES:
        path = root / spec.path
        if not path.is_file():
            problems.append(Problem(spec.path, 1, "the file is missing", hint=f"create it; each entry follows the {spec.model.__name__} schema"))
            continue
        loc, syntax = load_yaml(path.read_text(encoding="utf-8"), spec.path)
        problems += syntax
        if loc is None:
            continue
        if loc.data is None:
            loc.data = []
        shape = rule_file_is_list(spec, loc)
        problems += shape
        if shape:
            continue
        located[spec.name] = loc
        entries, entry_problems = rule_entries_valid(spec, loc)
        problems += entry_problems + rule_unique_ids(spec, loc)
        setattr(kb, spec.name, entries)
    problems += rule_references_resolve(kb, located)
    return kb, problems


def load_knowledge_base(root: Path) -> KnowledgeBase:
    """The validated knowledge base, or `ValidationFailed` listing every problem."""
    kb, problems = check_data(root)
    if problems:
        raise ValidationFailed(problems)
    return kb
