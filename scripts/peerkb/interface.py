"""The words the site itself puts on pages, in every language of the site (data/interface.yml).

Each entry is an id with its text in each language of the site: `sources_heading: {en: Sources, lt: Šaltiniai}`.
They reach readers three ways, always in the language of the build (mkdocs.yml `theme.language`):

- the theme's templates (overrides/) read `config.extra.ui.ID`, set by `macros.define_env`;
- the macros' templates (scripts/peerkb/templates/) read `ui.ID`, passed by render.py from the render context;
- the code reads `ui["ID"]` (feedback.py, citefiles.py, sitemacros.py, render.py).

Text is plain, never HTML: the templates add the markup and escape the text. `{name}` stands for a value the
template fills in (`{n} results`), and every language must have the same ones. The check scans the templates and
the code for the ids they use, so a template cannot show an id the file lacks (which the theme would show as
nothing), and the labels of fixed values (models.LABELLED) are required by their ids.
"""

from __future__ import annotations

import re
import string
import typing
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from .models import LABELLED, Rule
from .problems import Problem
from .snapshot import ProjectFiles, files_of
from .yamlsrc import load_yaml

INTERFACE_FILE = "data/interface.yml"
# Every language the site is published in; each interface string has a text in each.
SITE_LANGUAGES = ("en", "lt")
LANGUAGE_NAMES = {"en": "English", "lt": "Lithuanian"}

PACKAGE = Path(__file__).parent
THEME_DIR = "overrides"
TEMPLATES = PACKAGE / "templates"

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|<!--|&#?[0-9A-Za-z]+;")
# Where templates and code use an id: `ui.ID` (config.extra.ui.ID in the theme) and `ui["ID"]` in Python.
_USE_IN_TEMPLATE = re.compile(r"\bui\.([A-Za-z_][A-Za-z0-9_]*)")
_USE_IN_CODE = re.compile(r"""\bui\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\]""")
# Jinja reads `ui.items` as the dictionary's method, not the entry: such ids would show the wrong thing.
RESERVED = frozenset(name for name in dir(dict) if not name.startswith("_")) | {"language"}


class UiText(dict[str, str]):
    """The interface strings of one language, by id, and that language ('en', 'lt')."""

    language: str = "en"

    def __init__(self, strings: dict[str, str], language: str) -> None:
        super().__init__(strings)
        self.language = language


def placeholders(text: str) -> set[str]:
    """The names of the `{name}` placeholders in `text`; ValueError when its braces are not placeholders."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _text(language: str, value: str) -> str:
    if not value.strip():
        raise Rule("is empty", f"write the {LANGUAGE_NAMES[language]} text")
    match = _HTML.search(value)
    if match:
        raise Rule(
            f"contains HTML ({match.group(0)[:40]!r})",
            "interface strings are plain text, shown escaped; the templates add any markup around them",
        )
    try:
        names = placeholders(value)
    except ValueError:
        raise Rule("has a brace that is not a {placeholder}", "write {name} for a value the template fills in, and no other braces") from None
    bad = sorted(n for n in names if not re.fullmatch(r"[a-z_]+", n))
    if bad:
        raise Rule(f"has the placeholder {{{bad[0]}}}", "a placeholder is a plain lower-case name, e.g. {n} or {date}")
    return value


class InterfaceString(BaseModel):
    """One interface string (data/interface.yml): its text in every language of the site."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: str
    lt: str

    @field_validator("en", "lt")
    @classmethod
    def _plain(cls, value: str, info: typing.Any) -> str:
        return _text(info.field_name, value)

    @model_validator(mode="after")
    def _same_placeholders(self) -> InterfaceString:
        english = placeholders(self.en)
        for language in SITE_LANGUAGES[1:]:
            other = placeholders(getattr(self, language))
            if other != english:
                said = ", ".join(f"{{{n}}}" for n in sorted(english)) or "none"
                has = ", ".join(f"{{{n}}}" for n in sorted(other)) or "none"
                raise Rule(
                    f"has the placeholders {has}, but the English has {said}",
                    "write the same {placeholders} in every language: the template fills in exactly those",
                    field=language,
                )
        return self


def label_id(what: str, value: str) -> str:
    """The id of the label of a fixed value: ('event type', 'study-visit') → 'event_type_study_visit'."""
    prefix = {"recommendation audience": "audience", "recommendation theme": "theme", "helpline channel kind": "channel"}.get(what, what.replace(" ", "_"))
    return f"{prefix}_{value.replace('-', '_')}"


def label_ids() -> dict[str, str]:
    """The id of every label of a fixed value that readers see (models.LABELLED), with what it labels."""
    return {label_id(what, value): f"the {what} '{value}'" for what, choices, _ in LABELLED for value in typing.get_args(choices)}


@dataclass(frozen=True)
class Use:
    """Where a template or the code uses an id."""

    file: str
    line: int


def ids_used(root: Path, files: ProjectFiles | None = None) -> dict[str, Use]:
    """Every id the theme's templates (overrides/), the macros' templates and the package's code use, with where
    each is first used."""
    files = files_of(root, files)
    found: dict[str, Use] = {}
    sources: list[tuple[Path, re.Pattern[str]]] = []
    theme = root / THEME_DIR
    if theme.is_dir():
        sources += [(p, _USE_IN_TEMPLATE) for p in sorted(theme.rglob("*.html"))]
    sources += [(p, _USE_IN_TEMPLATE) for p in sorted(TEMPLATES.glob("*.j2"))]
    sources += [(p, _USE_IN_CODE) for p in sorted(PACKAGE.glob("*.py")) if p.name != "interface.py"]
    for path, pattern in sources:
        text = files.text(path)
        for match in pattern.finditer(text):
            name = _shown(path, root)
            found.setdefault(match.group(1), Use(name, text.count("\n", 0, match.start()) + 1))
    return found


def _shown(path: Path, root: Path) -> str:
    for base in (root, PACKAGE.parent.parent):
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def check_interface(root: Path, files: ProjectFiles | None = None) -> tuple[dict[str, InterfaceString], list[Problem]]:
    """Read data/interface.yml: every id valid, with a plain text in every language of the site and the same
    placeholders in each; and every id the templates and the code use, and every label of a fixed value, present."""
    files = files_of(root, files)
    path = root / INTERFACE_FILE
    if not path.is_file():
        return {}, [Problem(INTERFACE_FILE, 1, "the file is missing", hint="create it: the site's own words, each id with en: and lt: text")]
    located, problems = load_yaml(files.text(path), INTERFACE_FILE)
    if located is None:
        return {}, problems
    data = {} if located.data is None else located.data
    if not isinstance(data, dict):
        return {}, [
            *problems,
            Problem(
                INTERFACE_FILE, located.line(()), "should be a list of ids, each with its text", hint="write e.g. sources_heading: {en: Sources, lt: Šaltiniai}"
            ),
        ]
    strings: dict[str, InterfaceString] = {}
    for key, raw in data.items():
        line = located.line((key,))
        name = str(key)
        if not isinstance(key, str) or not _ID.match(key):
            problems.append(
                Problem(
                    INTERFACE_FILE,
                    line,
                    f"'{name}' is not a valid id",
                    hint="use lower-case letters, digits and underscores, starting with a letter, e.g. sources_heading",
                )
            )
            continue
        if key in RESERVED:
            problems.append(Problem(INTERFACE_FILE, line, f"'{name}' cannot be an id", hint="templates would read it as something else; choose another name"))
            continue
        if not isinstance(raw, dict):
            problems.append(
                Problem(INTERFACE_FILE, line, f"entry '{name}' should give its text in each language", hint="write e.g. {en: Sources, lt: Šaltiniai}")
            )
            continue
        try:
            strings[key] = InterfaceString.model_validate(raw)
        except ValidationError as error:
            problems += _problems(error, key, located)
    for key, use in sorted(ids_used(root, files).items(), key=lambda item: (item[1].file, item[1].line)):
        if key not in data:
            problems.append(
                Problem(
                    use.file,
                    use.line,
                    f"uses the interface string '{key}', which {INTERFACE_FILE} does not have",
                    hint=f"add {key}: {{en: …, lt: …}} to {INTERFACE_FILE}, or fix the id",
                )
            )
    for key, what in label_ids().items():
        if key not in data:
            problems.append(Problem(INTERFACE_FILE, 1, f"has no label for {what}", hint=f"add {key}: {{en: …, lt: …}}: pages show that value by its label"))
    return strings, problems


def _problems(error: ValidationError, key: str, located: typing.Any) -> list[Problem]:
    """The model's errors in the contributor's words, at the line of the language they are about."""
    problems = []
    for item in error.errors():
        loc = [str(part) for part in item["loc"]]
        rule = (item.get("ctx") or {}).get("error")
        hint: str | None
        if item["type"] == "missing":
            language = loc[-1]
            message, hint = (
                f"has no {LANGUAGE_NAMES.get(language, language)} text",
                f"add {language}: with the text in {LANGUAGE_NAMES.get(language, language)}",
            )
        elif item["type"] == "extra_forbidden":
            message, hint = f"'{loc[-1]}' is not a language of the site", f"the site's languages are {', '.join(SITE_LANGUAGES)}"
        elif item["type"] == "string_type":
            message, hint = "should be text", "put the text in quotes"
        elif isinstance(rule, Rule):
            message, hint = rule.message, rule.hint
            if isinstance(rule.field, str):
                loc = [rule.field]
        else:  # pragma: no cover - every error the model raises is named above
            message, hint = item["msg"], None
        field = loc[-1] if loc else None
        problems.append(Problem(INTERFACE_FILE, located.line((key, *loc)), message, entry=key, field=field, hint=hint))
    return problems


def strings_for(checked: dict[str, InterfaceString], language: str) -> UiText:
    """The interface strings of one language, by id: what templates read as `ui`."""
    lang = language if language in SITE_LANGUAGES else "en"
    return UiText({key: getattr(entry, lang) for key, entry in checked.items()}, lang)


@lru_cache(maxsize=4)
def project_strings(language: str = "en") -> UiText:
    """The project's own strings in `language`, read from its data/interface.yml: for code and tests that render
    without a build (the build passes what the check read)."""
    checked, _ = check_interface(PACKAGE.parent.parent)
    return strings_for(checked, language)
