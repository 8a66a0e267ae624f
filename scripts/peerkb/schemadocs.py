"""Contributor documentation and editor schemas, generated from the data models (`kb docs`).

From the pydantic models behind `DATA_FILES` this writes:

- `docs/contribute/data-reference.md`, the page describing every data file: where it lives, what
  an entry is, a table of its fields (and of every nested block), and an example entry built from
  the fields' `examples`;
- `schemas/NAME.schema.json`, a JSON Schema of each data file (a list of entries);
- the `yaml.schemas` setting of `.vscode/settings.json`, which points VS Code's YAML extension at them.

Output is deterministic, so `kb docs --check` and `kb check` can tell when a generated file no
longer matches the models. Text taken from the models goes through the macros plugin (Jinja) on
the page, so braces that Jinja would read are written as HTML entities.
"""

from __future__ import annotations

import json
import re
import types
import typing
from datetime import date
from pathlib import Path
from typing import Any, Literal, Union

import annotated_types
import yaml
from pydantic import AfterValidator, BaseModel, TypeAdapter
from pydantic.fields import FieldInfo

from . import models
from .problems import Problem
from .sitemacros import macro_table
from .snapshot import ProjectFiles, files_of
from .validate import DATA_FILES, TRANSLATION_FILES, DataFile, TranslationFile

SOURCE = "scripts/peerkb/models.py"
PAGE = "docs/contribute/data-reference.md"
SCHEMAS = "schemas"
VSCODE_SETTINGS = ".vscode/settings.json"
# The page's review dates: fixed, so that regenerating the page gives the same text. Move them on
# when someone has read the generated page through again.
LAST_REVIEWED = date(2026, 11, 23)
REVIEW_DUE = date(2027, 11, 23)
COMMAND = "python3 scripts/run.py docs"

# Words for values checked by a validator or pointing into another data file: (one, several).
_CHECKED: dict[Any, tuple[str, str]] = {
    models._id: ("id", "ids"),
    models._country_code: ("country code", "country codes"),
    models._url: ("web address", "web addresses"),
    models._doi: ("DOI", "DOIs"),
    models._phone: ("phone number", "phone numbers"),
}
_POINTS_TO: dict[str, tuple[str, str]] = {
    "references": ("reference key", "reference keys"),
    "countries": ("country code", "country codes"),
    "organisations": ("organisation id", "organisation ids"),
    "glossary": ("glossary term id", "glossary term ids"),
    "events": ("event id", "event ids"),
}

INTRO = """\
Facts live once, in the data files under `data/`; pages show them through macros.
Each data file is a list of entries, and each entry starts with `- id: …` (a country with `- id: lt`).
This page lists every field of every kind of entry, with an example you can copy.
`python3 scripts/run.py check` checks every entry against these rules and tells you the file, line and field of each mistake.

## How to read the tables {#reading}

- **Required** fields must be in every entry; **optional** ones can be left out (their default applies).
- **text** is shown exactly as written, and may not contain HTML. Put it in quotes when it looks like a number, a date or true/false, or contains `: ` (a colon and a space).
- **text with Markdown** may also use `*emphasis*` and `[links](https://…)`.
- **id**: lower-case letters, digits and single hyphens, such as `mead-2001`; unique within its kind of data, across all its files.
- **date**: written `YYYY-MM-DD`, such as `2026-11-22`.
- **country code**: the lower-case ISO 3166 code, such as `lt`, `is` or `gb-sct`. Write `"no"` for Norway in quotes, or YAML reads it as false.
- **web address**: the full address, starting with `https://`. A **DOI** is written bare, such as `10.1037/h0095032`.
- **reference key**, **organisation id** and the like: the id of an entry in the data file named; the check finds any that do not exist.
- **page under docs/**: a path such as `practice/supervision.md`, with `#anchor` added for a heading on it.
- **list**: either `[a, b]` on one line, or one `- item` per line under the field.

## Check data as you type in VS Code {#editor}

The folder `schemas/` holds a JSON Schema of each data file, generated from the same models as this page.
VS Code can use them to check a data file while you write it:

1. Install the extension **YAML** by Red Hat (`redhat.vscode-yaml`) from the Extensions view.
2. Open the project folder itself (the one with `mkdocs.yml`) in VS Code. The file `.vscode/settings.json` in the repository tells the extension which schema belongs to which data file, so there is nothing to set up.
3. Open a file in `data/`: mistakes are underlined as you type, hovering over a field shows what it means, and Ctrl+Space suggests field names and allowed values.

The editor checks each entry on its own.
Only `python3 scripts/run.py check` also checks ids across files, citation keys, wording and pages, so run it before you commit.
"""


# --- the plain-words type of a field ---------------------------------------------------------------


def _unwrap(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """The bare type and every constraint on it, from `Annotated[...]` layers and nested `Field(...)`s."""
    metadata = list(metadata)
    while typing.get_origin(annotation) is typing.Annotated:
        annotation, *extra = typing.get_args(annotation)
        metadata += extra
    for item in list(metadata):
        if isinstance(item, FieldInfo):
            metadata += item.metadata
    return annotation, metadata


def _optional_inner(annotation: Any) -> Any:
    """`X` for `X | None`, else the annotation itself."""
    if typing.get_origin(annotation) in (Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return inner
    return annotation


def nested_model(annotation: Any) -> tuple[type[BaseModel], bool] | None:
    """(model, is a list) when a field holds a block of fields or a list of them."""
    annotation = _optional_inner(_unwrap(annotation, [])[0])
    many = typing.get_origin(annotation) is list
    if many:
        annotation = typing.get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, many
    return None


def _length(metadata: list[Any]) -> str:
    """How many items a list must have, if limited: ', at least one item'."""
    low = next((m.min_length for m in metadata if isinstance(m, annotated_types.MinLen)), None)
    high = next((m.max_length for m in metadata if isinstance(m, annotated_types.MaxLen)), None)
    count = {1: "one item"}
    parts = [f"at least {count.get(low, f'{low} items')}"] if low else []
    parts += [f"at most {count.get(high, f'{high} items')}"] if high is not None else []
    return f", {' and '.join(parts)}" if parts else ""


def type_words(annotation: Any, metadata: list[Any], where: dict[str, str], anchor: str = "", plural: bool = False) -> str:
    """A field's type in plain words: 'text', 'list of text', 'date (YYYY-MM-DD)', 'one of: `a`, `b`',
    'reference key from data/references/'… `where` gives each data file's location; `anchor` is the
    section describing a nested block."""
    annotation, metadata = _unwrap(annotation, metadata)
    annotation = _optional_inner(annotation)
    annotation, metadata = _unwrap(annotation, metadata)
    origin = typing.get_origin(annotation)
    if origin is list:
        item = typing.get_args(annotation)[0]
        return "list of " + type_words(item, [], where, anchor, plural=True) + _length(metadata)
    if origin is Literal:
        values = ", ".join(f"`{value}`" for value in typing.get_args(annotation))
        return ("values, each one of: " if plural else "one of: ") + values
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"{'blocks' if plural else 'block'} of fields, see [below](#{anchor})"
    if annotation is date:
        return f"{'dates' if plural else 'date'} (YYYY-MM-DD)"
    if annotation is bool:
        return "true or false"
    if annotation is int:
        low = next((m.ge for m in metadata if isinstance(m, annotated_types.Ge)), None)
        high = next((m.le for m in metadata if isinstance(m, annotated_types.Le)), None)
        return ("whole numbers" if plural else "whole number") + (f" from {low} to {high}" if low is not None and high is not None else "")
    target = next((m.target for m in metadata if isinstance(m, models.RefTo)), None)
    if target == "pages":
        return "pages under docs/" if plural else "page under docs/"
    if target:
        return f"{_POINTS_TO[target][plural]} from {where[target]}"
    checked = next((_CHECKED[m.func] for m in metadata if isinstance(m, AfterValidator) and m.func in _CHECKED), None)
    if checked:
        return checked[plural]
    if any(isinstance(m, models.MarkdownField) for m in metadata):
        return "text with Markdown"
    pattern = next((m.pattern for m in metadata if getattr(m, "pattern", None)), None)
    return "text" + (f" matching `{pattern}`" if pattern else "")


def _needed(info: FieldInfo) -> str:
    """'required', or 'optional' with its default when it is not simply absent."""
    if info.is_required():
        return "required"
    if info.default_factory is list:
        return "optional (default: empty list)"
    if info.default is None:
        return "optional"
    shown = str(info.default).lower() if isinstance(info.default, bool) else info.default
    return f"optional (default: `{shown}`)"


# --- the page ------------------------------------------------------------------------------------------


def _safe(text: str) -> str:
    """Text from the models made safe for a table cell on a page that Jinja renders first."""
    text = " ".join(text.split())
    for raw, entity in (("{", "&#123;"), ("}", "&#125;"), ("|", "\\|")):
        text = text.replace(raw, entity)
    return text


def _doc(model: type[BaseModel]) -> str:
    """What an entry is, from the model's docstring, on one line, without the file name it may name."""
    return " ".join(re.sub(r"\s*\(data/[^)]*\)", "", model.__doc__ or "").split())


class _Dumper(yaml.SafeDumper):
    """YAML in the data files' style: nested lists indented, lists of plain values on one line."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        """Double quotes where quotes are needed, as the data files write them."""
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    """Lists of plain values on one line (`[a, b]`), lists of blocks one item per line."""
    flow = all(not isinstance(item, (dict, list)) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(list, _list)


def example(model: type[BaseModel]) -> dict[str, Any]:
    """An entry with every field, each from the first of its `examples` (nested blocks built the same way)."""
    entry: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        nested = nested_model(info.annotation)
        if nested:
            entry[name] = [example(nested[0])] if nested[1] else example(nested[0])
        elif info.examples:
            entry[name] = info.examples[0]
        else:
            raise ValueError(f"{model.__name__}.{name} has no examples: add examples=[…] to the field in {SOURCE}")
    return entry


def example_yaml(model: type[BaseModel]) -> str:
    """The example entry as it would be written in a data file, validated against its model first."""
    entry = model.model_validate(example(model)).model_dump(mode="python")
    return yaml.dump([entry], Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)


def _field_table(model: type[BaseModel], path: str, where: dict[str, str]) -> tuple[list[str], list[tuple[str, type[BaseModel], str]]]:
    """The table of a model's fields, and the nested blocks to describe after it as (field path, model, anchor)."""
    lines = ["| Field | Type | Required | Description |", "|---|---|---|---|"]
    nested_blocks = []
    for name, info in model.model_fields.items():
        anchor = f"{path}-{name}".replace("_", "-")
        nested = nested_model(info.annotation)
        if nested:
            nested_blocks.append((name, nested[0], anchor))
        title = _safe(info.title or name)
        text = f"**{title}.** {_safe(info.description)}" if info.description else f"**{title}.**"
        words = type_words(info.annotation, info.metadata, where, anchor)
        lines.append(f"| `{name}` | {words} | {_needed(info)} | {text} |")
    return lines, nested_blocks


def _model_section(model: type[BaseModel], path: str, label: str, where: dict[str, str], level: int) -> list[str]:
    """The table of one model, then one sub-section per nested block, depth first."""
    lines, nested_blocks = _field_table(model, path, where)
    out = [*lines, ""]
    for name, nested, anchor in nested_blocks:
        field_path = f"{label}.{name}" if label else name
        out += [f"{'#' * (level + 1)} The `{field_path}` block {{#{anchor}}}", "", _safe(_doc(nested)), ""]
        out += _model_section(nested, anchor, field_path, where, level + 1)
    return out


def _where_words(location: str) -> str:
    """Where a contributor finds a kind of data, in words."""
    if location.endswith("/"):
        return f"every `.yml` file in the folder `{location}` (`{location}*.yml`); they are read together"
    return f"`{location}`"


def data_section(spec: DataFile, where: dict[str, str]) -> list[str]:
    """The section of one data file: where it lives, what an entry is, its fields, an example."""
    code = example_yaml(spec.model)
    if "{{" in code or "{%" in code or "{##" in code:
        raise ValueError(f"the example of {spec.model.__name__} contains Jinja markup; choose other examples")
    lines = [
        f"## {spec.name.capitalize()} {{#{spec.name}}}",
        "",
        f"**Where:** {_where_words(where[spec.name])}.",
        f"Each entry is one {spec.noun} (schema `{spec.model.__name__}`): {_safe(_doc(spec.model))}",
        "",
        *_model_section(spec.model, spec.name, "", where, level=2),
        f"An example {spec.noun}, with every field filled in; leave out the optional ones you do not need:",
        "",
        "```yaml",
        code.rstrip("\n"),
        "```",
        "",
    ]
    return lines


TRANSLATING = """\
## Translating data {#translations}

Pages in another language than English show the data in that language where it is translated, and in English,
marked as English for screen readers, where it is not yet.
The English data stays the one source of every fact: a translation holds only the words readers see, in
`data/translations/LANGUAGE/KIND.yml` (for example `data/translations/lt/helplines.yml`), one folder for each language
the site is built in other than English (now `lt`).

- A translation file is not a list: it is a block for each entry, under the entry's id exactly as in the English data, with the translated fields indented under it.
- Every field is optional. What is not translated yet is shown in English, and `python3 scripts/run.py check` does not fail for it: it ends with a line such as `Lithuanian data: 12 entries not yet translated (helplines: us-988 …)`.
- Translate what the English says, no more: never add a fact, a number or an hour, and keep the links of Markdown fields.
- Lists (the actions of a recommendation, the channels of a helpline) have as many items as the English, in the same order; while the numbers differ, the list is shown in English.
- Numbers, addresses, dates, ids, sources and exact quotations are not translated: they stay in the English data. Titles of references and documents stay as published.
- The check fails for a translation of an id that does not exist, an unknown field, an empty field, HTML, and a link that the English field would not accept.
"""


def translation_example(spec: TranslationFile) -> str:
    """An example translation file: one entry, under the first example id of its English entries."""
    english = next(d for d in DATA_FILES if d.name == spec.kind).model
    key = (english.model_fields["id"].examples or ["id"])[0]
    entry = spec.model.model_validate(example(spec.model)).model_dump(mode="python", exclude_none=True)
    return yaml.dump({key: entry}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)


def translation_sections(where: dict[str, str]) -> list[str]:
    """The sections on translations: how to translate, then the fields of each kind of translation, with an example."""
    lines = [TRANSLATING]
    for spec in TRANSLATION_FILES:
        code = translation_example(spec)
        anchor = f"translations-{spec.kind}"
        lines += [
            f"### Translations of {spec.kind} {{#{anchor}}}",
            "",
            f"**Where:** `data/translations/LANGUAGE/{spec.kind}.yml`, for the entries of {_where_words(where[spec.kind])}.",
            f"Schema `{spec.model.__name__}`: {_safe(_doc(spec.model))}",
            "",
            *_model_section(spec.model, anchor, "", where, level=3),
            "An example, with every field filled in:",
            "",
            "```yaml",
            code.rstrip("\n"),
            "```",
            "",
        ]
    return lines


def page_text(root: Path) -> str:
    """The whole data reference page for the project at `root`."""
    where = {spec.name: spec.location(root) for spec in DATA_FILES}
    head = [
        "---",
        "title: Data files reference",
        "description: Every field of every data file, with its type, whether it is required, and an example entry to copy.",
        "audience: [contributors]",
        f"last_reviewed: {LAST_REVIEWED.isoformat()}",
        f"review_due: {REVIEW_DUE.isoformat()}",
        "---",
        f"<!-- Generated by `kb docs` from {SOURCE}. Do not edit: edit the models and run {COMMAND}. -->",
        "",
        "# Data files reference",
        "",
        '!!! note "Generated page"',
        f"    This page is generated by `kb docs` from `{SOURCE}`; do not edit it by hand.",
        f"    To change it, edit the models and run `{COMMAND}`, then commit the result.",
        "",
    ]
    body = [line for spec in DATA_FILES for line in data_section(spec, where)] + translation_sections(where)
    return "\n".join(head) + "\n" + INTRO + "\n" + "\n".join(body).rstrip("\n") + "\n"


# --- JSON Schemas and the editor setting ------------------------------------------------------------


def schema_path(spec: DataFile) -> str:
    """Where the JSON Schema of a data file is written, from the project root."""
    return f"{SCHEMAS}/{spec.name}.schema.json"


def schema_text(spec: DataFile) -> str:
    """The JSON Schema of one data file: a list of entries of its model."""
    schema = TypeAdapter(list[spec.model]).json_schema()  # type: ignore[name-defined]
    head = {
        "$comment": f"Generated by kb docs from {SOURCE}. Do not edit.",
        "title": f"data/{spec.name}",
        "description": f"The entries of data/{spec.name}.yml or data/{spec.name}/*.yml: a list of {spec.noun} entries. {_doc(spec.model)}",
    }
    return json.dumps({**head, **schema}, indent=2, ensure_ascii=False) + "\n"


def translation_schema_path(spec: TranslationFile) -> str:
    """Where the JSON Schema of a kind of translation is written, from the project root."""
    return f"{SCHEMAS}/translations/{spec.kind}.schema.json"


def translation_schema_text(spec: TranslationFile) -> str:
    """The JSON Schema of one translation file: a block of translated fields under each id."""
    schema = TypeAdapter(dict[str, spec.model]).json_schema()  # type: ignore[name-defined]
    head = {
        "$comment": f"Generated by kb docs from {SOURCE}. Do not edit.",
        "title": f"data/translations/LANGUAGE/{spec.kind}",
        "description": f"Translations of the entries of data/{spec.kind}: under each id, the translated fields. {_doc(spec.model)}",
    }
    return json.dumps({**head, **schema}, indent=2, ensure_ascii=False) + "\n"


def editor_schemas() -> dict[str, list[str]]:
    """The `yaml.schemas` setting of VS Code's YAML extension: each schema and the files it applies to."""
    found = {f"./{schema_path(spec)}": [f"/data/{spec.name}.yml", f"/data/{spec.name}/*.yml"] for spec in DATA_FILES}
    found.update({f"./{translation_schema_path(spec)}": [f"/data/translations/*/{spec.kind}.yml"] for spec in TRANSLATION_FILES})
    return found


def settings_text(root: Path, files: ProjectFiles | None = None) -> str:
    """`.vscode/settings.json` with its `yaml.schemas` set; any other setting already there is kept
    (a file that is not plain JSON is replaced)."""
    path = root / VSCODE_SETTINGS
    try:
        settings = json.loads(files_of(root, files).text(path)) if path.is_file() else {}
    except json.JSONDecodeError:
        settings = {}
    if not isinstance(settings, dict):
        settings = {}
    return json.dumps({**settings, "yaml.schemas": editor_schemas()}, indent=2, ensure_ascii=False) + "\n"


README = "README.md"
MACROS_START = "<!-- macros:start: generated from scripts/peerkb/sitemacros.py by `python3 scripts/run.py docs`; do not edit -->\n"
MACROS_END = "\n<!-- macros:end -->"


def readme_text(root: Path, files: ProjectFiles | None = None) -> str | None:
    """The README with its table of macros as the registry gives it, or None where the README has no such table."""
    path = root / README
    text = files_of(root, files).text(path) if path.is_file() else ""
    if MACROS_START not in text or MACROS_END not in text:
        return None
    before, rest = text.split(MACROS_START, 1)
    after = rest.split(MACROS_END, 1)[1]
    return before + MACROS_START + macro_table() + MACROS_END + after


def generated_files(root: Path, read: ProjectFiles | None = None) -> dict[str, str]:
    """Every generated file, by path from the project root, with the text it should have."""
    read = files_of(root, read)
    files = {PAGE: page_text(root)}
    readme = readme_text(root, read)
    if readme is not None:
        files[README] = readme
    files.update({schema_path(spec): schema_text(spec) for spec in DATA_FILES})
    files.update({translation_schema_path(spec): translation_schema_text(spec) for spec in TRANSLATION_FILES})
    files[VSCODE_SETTINGS] = settings_text(root, read)
    return files


def _first_difference(current: str, expected: str) -> int:
    """The first line where a file differs from what it should be (1-based)."""
    for number, (have, want) in enumerate(zip(current.splitlines(), expected.splitlines(), strict=False), start=1):
        if have != want:
            return number
    return min(len(current.splitlines()), len(expected.splitlines())) + 1


def stale(root: Path, files: ProjectFiles | None = None) -> list[Problem]:
    """A problem for every generated file that is missing or differs from what the models give."""
    problems = []
    hint = f"run {COMMAND} and commit the result"
    files = files_of(root, files)
    for rel, expected in generated_files(root, files).items():
        path = root / rel
        source = "scripts/peerkb/sitemacros.py" if rel == README else SOURCE
        if not path.is_file():
            problems.append(Problem(rel, 1, f"is missing; it is generated from {source}", hint=hint))
            continue
        current = files.text(path)
        if current != expected:
            problems.append(Problem(rel, _first_difference(current, expected), f"is out of date with {source}", hint=hint))
    return problems


def write(root: Path) -> list[str]:
    """Write every generated file that is missing or out of date; return their paths."""
    changed = []
    for rel, expected in generated_files(root).items():
        path = root / rel
        if path.is_file() and path.read_text(encoding="utf-8") == expected:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(expected, encoding="utf-8")
        changed.append(rel)
    return changed


def rule_generated_files_current(root: Path, files: ProjectFiles | None = None, nav_pages: frozenset[str] = frozenset()) -> list[Problem]:
    """Generated files match the models they come from.

    Checked in a project whose navigation lists the data reference page (`nav_pages`, as siteconfig read
    them), and in any project that holds at least one of the generated files: then all of them must be
    there and current. A project with neither, such as the small fixture site in tests/fixtures/minimal,
    has not opted in, like a project without a URL registry."""
    listed = PAGE.removeprefix("docs/") in nav_pages
    if not listed and not any((root / rel).is_file() for rel in _generated_paths()):
        return []
    return stale(root, files)


def _generated_paths() -> list[str]:
    """Every generated file's path, without generating anything."""
    return [PAGE, VSCODE_SETTINGS, *(schema_path(spec) for spec in DATA_FILES), *(translation_schema_path(spec) for spec in TRANSLATION_FILES)]
