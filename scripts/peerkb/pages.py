"""Check every page in docs/: its front matter, and the keys its macro calls use.

The same checks run in the standalone `kb check` and, through `macros.define_env`, in every build.
"""

from __future__ import annotations

import ast
import difflib
import inspect
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import meta
from pydantic import ValidationError

from .models import PageMeta
from .problems import Problem
from .validate import KnowledgeBase, problems_from
from .yamlsrc import load_yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.DOTALL)
MACRO_CALL = re.compile(r"\{\{-?\s*(?P<name>[a-z_]+)\((?P<args>[^)]*)\)\s*-?\}\}")



# The signature of every macro the site registers, so calls can be checked before a build.
# A test keeps these in step with the real macros in macros.define_env.
def _cite(*keys: str) -> None: ...
def _helplines(country: str) -> None: ...
def _definitions_table() -> None: ...
def _term(key: str) -> None: ...


MACRO_SIGNATURES = {f.__name__[1:]: inspect.signature(f) for f in (_cite, _helplines, _definitions_table, _term)}
SITE_MACROS = frozenset(MACRO_SIGNATURES)
# Which data file the string arguments of a macro must be ids in.
MACRO_KEYS = {"cite": "references", "helplines": "countries", "term": "glossary"}
# Names the macros plugin itself provides to every page.
PLUGIN_NAMES = frozenset({
    "config", "page", "environment", "plugin", "git", "extra", "macros", "filters", "filters_builtin",
    "navigation", "files", "context", "macros_info", "now", "fix_url", "pretty", "relative_url",
})
# Pages are Jinja templates with the comment markers set in mkdocs.yml ('{#' starts heading ids).
_JINJA = jinja2.Environment(comment_start_string="{##", comment_end_string="##}")


@dataclass(frozen=True)
class Page:
    """A Markdown page: its path from the project root, front matter and body."""

    path: str
    meta: PageMeta | None
    body: str
    body_line: int


def markdown_files(docs: Path) -> list[Path]:
    """Every page under docs/, in a stable order."""
    return sorted(p for p in docs.rglob("*.md") if p.is_file())


def read_page(path: Path, root: Path) -> tuple[Page, list[Problem]]:
    """Parse one page's front matter and validate it against `PageMeta`."""
    rel = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if not match:
        return Page(rel, None, text, 1), [
            Problem(rel, 1, "the page has no front matter", hint="start the page with a '---' block giving title, description, audience, last_reviewed and review_due")
        ]
    body_line = text[: match.end()].count("\n") + 1
    located, problems = load_yaml(match.group(1) or "", rel, first_line=2)
    if located is None:
        return Page(rel, None, text[match.end():], body_line), problems
    if not isinstance(located.data, dict):
        return Page(rel, None, text[match.end():], body_line), problems + [
            Problem(rel, 2, "front matter should be 'field: value' lines")
        ]
    try:
        meta = PageMeta.model_validate(located.data)
    except ValidationError as error:
        meta = None
        problems += problems_from(error, PageMeta, rel, located)
    return Page(rel, meta, text[match.end():], body_line), problems


def macro_calls(page: Page) -> list[tuple[str, list[ast.expr], list[ast.keyword], int]]:
    """(macro, positional args, keyword args, line) for every simple `{{ macro(...) }}` call of a site macro."""
    found = []
    for match in MACRO_CALL.finditer(page.body):
        name = match.group("name")
        if name not in SITE_MACROS:
            continue
        line = page.body_line + page.body[: match.start()].count("\n")
        try:
            call = ast.parse(f"f({match.group('args')})", mode="eval").body
        except SyntaxError:
            continue  # the template syntax check reports it
        assert isinstance(call, ast.Call)
        found.append((name, call.args, call.keywords, line))
    return found


def rule_macro_calls_valid(page: Page, kb: KnowledgeBase) -> list[Problem]:
    """Macros are called with the arguments they take, and every key passed exists in its data file."""
    problems = []
    for name, args, keywords, line in macro_calls(page):
        signature = MACRO_SIGNATURES[name]
        try:
            signature.bind(*args, **{k.arg: k.value for k in keywords if k.arg})
        except TypeError as error:
            params = ", ".join(("*" if p.kind is p.VAR_POSITIONAL else "") + p.name for p in signature.parameters.values()) or "no arguments"
            problems.append(Problem(page.path, line, f"{name}(): {error}", hint=f"it takes: {params}"))
            continue
        target = MACRO_KEYS.get(name)
        values = args + [k.value for k in keywords]
        for arg in values if target else []:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value not in getattr(kb, target):
                problems.append(
                    Problem(page.path, line, f"{name}(): unknown key '{arg.value}'", hint=f"the known keys are listed in data/{target}.yml")
                )
    return problems


def _first_line_using(page: Page, name: str) -> int:
    match = re.search(r"\{[{%][^}]*?\b" + re.escape(name) + r"\b", page.body)
    return page.body_line + (page.body[: match.start()].count("\n") if match else 0)


def rule_names_are_known(page: Page, known: frozenset[str]) -> list[Problem]:
    """Every variable or macro a page uses exists, and its template syntax is valid."""
    try:
        tree = _JINJA.parse(page.body)
    except jinja2.TemplateSyntaxError as error:
        return [Problem(page.path, page.body_line + (error.lineno or 1) - 1, f"template syntax error: {error.message}", hint="check the {{ … }} and {% … %} on this line")]
    meta_keys = set(page.meta.model_dump(exclude_none=True)) if page.meta else set()
    problems = []
    for name in sorted(meta.find_undeclared_variables(tree) - known - meta_keys):
        close = difflib.get_close_matches(name, sorted(SITE_MACROS), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        hint += f"the site's macros are {', '.join(sorted(SITE_MACROS))}"
        problems.append(Problem(page.path, _first_line_using(page, name), f"'{name}' is not a known variable or macro", hint=hint))
    return problems


def check_pages(root: Path, kb: KnowledgeBase, known_names: frozenset[str], docs_dir: str = "docs") -> tuple[list[Page], list[Problem]]:
    """Front matter, names and macro keys of every page under `root/docs_dir`."""
    pages: list[Page] = []
    problems: list[Problem] = []
    for path in markdown_files(root / docs_dir):
        page, page_problems = read_page(path, root)
        pages.append(page)
        problems += page_problems + rule_names_are_known(page, known_names) + rule_macro_calls_valid(page, kb)
    return pages, problems
