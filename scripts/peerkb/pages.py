"""Check every page in docs/: its front matter, and the keys its macro calls use.

The same checks run in the standalone `kb check` and, through `macros.define_env`, in every build.
"""

from __future__ import annotations

import ast
import difflib
import inspect
import re
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import jinja2
from jinja2 import meta
from pydantic import ValidationError

from .models import PageMeta, RecommendationAudience
from .problems import Problem
from .validate import KnowledgeBase, problems_from
from .yamlsrc import load_yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.DOTALL)
MACRO_CALL = re.compile(r"\{\{-?\s*(?P<name>[a-z_]+)\((?P<args>[^)]*)\)\s*-?\}\}")
# Text between {% raw %} and {% endraw %} is shown as written, not run: how a page shows macro syntax.
RAW_BLOCK = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.DOTALL)


def without_raw(body: str) -> str:
    """The body with every {% raw %} block blanked out in place (same length, same lines)."""
    return RAW_BLOCK.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)


# The signature of every macro the site registers, so calls can be checked before a build.
# A test keeps these in step with the real macros in macros.define_env.
def _cite(*keys: str) -> None: ...
def _helplines(country: str) -> None: ...
def _definitions_table() -> None: ...
def _term(key: str, text: str | None = None) -> None: ...
def _avoid(phrase: str) -> None: ...
def _wording_table() -> None: ...
def _country_table() -> None: ...
def _country_facts(country: str) -> None: ...
def _event(key: str) -> None: ...
def _events(project: str) -> None: ...
def _organisations_directory() -> None: ...
def _bibliography() -> None: ...
def _glossary() -> None: ...
def _recommendations() -> None: ...
def _recommendations_for(audience: str, level: Literal[2, 3] = 2) -> None: ...
def _recommendation_list(*ids: str) -> None: ...


MACRO_SIGNATURES = {
    f.__name__[1:]: inspect.signature(f)
    for f in (
        _cite, _helplines, _definitions_table, _term, _avoid, _wording_table, _country_table, _country_facts,
        _event, _events, _organisations_directory, _bibliography, _glossary, _recommendations,
        _recommendations_for, _recommendation_list,
    )
}
SITE_MACROS = frozenset(MACRO_SIGNATURES)
# Arguments typed with Literal take only the values listed, e.g. level=2 or 3.
MACRO_HINTS = {name: {k: v for k, v in typing.get_type_hints(globals()[f"_{name}"]).items() if typing.get_origin(v) is Literal} for name in MACRO_SIGNATURES}
# Which data file the string arguments of a macro must be ids in.
MACRO_KEYS = {
    "cite": "references", "helplines": "countries", "term": "glossary", "avoid": "wording",
    "country_facts": "countries", "event": "events", "events": "events",
    "recommendations_for": "audiences", "recommendation_list": "recommendations",
}


def known_keys(kb: KnowledgeBase, target: str) -> set[str]:
    """The keys a macro argument may take: ids, or for avoid() the phrases in data/wording.yml."""
    if target == "wording":
        return {phrase.lower() for rule in kb.wording.values() for phrase in rule.avoid}
    if target == "audiences":
        return set(typing.get_args(RecommendationAudience))
    return set(getattr(kb, target))


def key_problem(macro: str, key: object, kb: KnowledgeBase) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) when `key` cannot be used with `macro`, else None.
    Shared by the pre-build check and the macros themselves."""
    target = MACRO_KEYS[macro]
    noun = {"wording": "phrase", "audiences": "audience"}.get(target, "key")
    if not isinstance(key, str) or key not in known_keys(kb, target):
        known = sorted(known_keys(kb, target))
        where = ", ".join(known) if target == "audiences" else kb.where(target)
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.75) if isinstance(key, str) else []
        guess = f"did you mean {close[0]!r}? " if close else ""
        return f"{macro}(): unknown {noun} {key!r}", f"{guess}the known {noun}s are {'' if target == 'audiences' else 'listed in '}{where}"
    if macro == "country_facts" and kb.countries[key].profile is None:
        return f"country_facts(): country '{key}' has no profile", f"add a profile: block to it in {kb.where('countries')}"
    if macro == "events" and kb.events[key].type != "project":
        return f"events(): '{key}' is a {kb.events[key].type}, not a project", "give the id of a project"
    return None


# Names the macros plugin itself provides to every page.
PLUGIN_NAMES = frozenset({
    "config", "page", "environment", "plugin", "git", "extra", "macros", "filters", "filters_builtin",
    "navigation", "files", "context", "macros_info", "now", "fix_url", "pretty", "relative_url",
})
# Pages are Jinja templates with the comment markers set in mkdocs.yml ('{#' starts heading ids).
_JINJA = jinja2.Environment(comment_start_string="{##", comment_end_string="##}")


def parse_template(source: str) -> jinja2.nodes.Template:
    """A page's body as a Jinja template tree."""
    return _JINJA.parse(source)


Parse = typing.Callable[[str], jinja2.nodes.Template]


@dataclass(frozen=True)
class Page:
    """A Markdown page: its path from the project root, front matter and body."""

    path: str
    meta: PageMeta | None
    body: str
    body_line: int
    # The front matter as written, '---' lines included (line 1 of the file is its first line).
    front_matter: str = ""


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
    # The body as MkDocs hands it to the macros plugin: blank lines after the front matter dropped.
    body = text[match.end():].lstrip("\n")
    body_line = text[: len(text) - len(body)].count("\n") + 1
    front = text[: match.end()]
    located, problems = load_yaml(match.group(1) or "", rel, first_line=2)
    if located is None:
        return Page(rel, None, body, body_line, front), problems
    if not isinstance(located.data, dict):
        return Page(rel, None, body, body_line, front), problems + [
            Problem(rel, 2, "front matter should be 'field: value' lines")
        ]
    try:
        meta = PageMeta.model_validate(located.data)
    except ValidationError as error:
        meta = None
        problems += problems_from(error, PageMeta, rel, located)
    return Page(rel, meta, body, body_line, front), problems


def macro_calls(page: Page) -> list[tuple[str, list[ast.expr], list[ast.keyword], int]]:
    """(macro, positional args, keyword args, line) for every simple `{{ macro(...) }}` call of a site macro,
    leaving out calls shown as written inside {% raw %} … {% endraw %}."""
    found = []
    for match in MACRO_CALL.finditer(without_raw(page.body)):
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


def key_arguments(signature: inspect.Signature, args: list[ast.expr], keywords: list[ast.keyword]) -> list[ast.expr]:
    """The arguments of a call that are keys: all of them for cite("a", "b"), else the first parameter only."""
    first = next(iter(signature.parameters.values()), None)
    if first is None:
        return []
    if first.kind is first.VAR_POSITIONAL:
        return list(args)
    return args[:1] + [k.value for k in keywords if k.arg == first.name]


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
        bound = signature.bind(*args, **{k.arg: k.value for k in keywords if k.arg}).arguments
        for param, value in bound.items():
            allowed = typing.get_args(MACRO_HINTS[name].get(param))
            if allowed and isinstance(value, ast.Constant) and value.value not in allowed:
                choices = " or ".join(repr(a) for a in allowed)
                problems.append(Problem(page.path, line, f"{name}(): {param} must be {choices}, not {value.value!r}", hint=f"write {param}={allowed[-1]!r}, or leave it out for {signature.parameters[param].default!r}"))
        for arg in key_arguments(signature, args, keywords) if name in MACRO_KEYS else []:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                problem = key_problem(name, arg.value, kb)
                if problem:
                    problems.append(Problem(page.path, line, problem[0], hint=problem[1]))
    return problems


def _first_line_using(page: Page, name: str) -> int:
    match = re.search(r"\{[{%][^}]*?\b" + re.escape(name) + r"\b", page.body)
    return page.body_line + (page.body[: match.start()].count("\n") if match else 0)


# Template statements that declare names of their own ({% set %}, {% for %}, {% macro %}, imports, …).
_DECLARING = (jinja2.nodes.Assign, jinja2.nodes.AssignBlock, jinja2.nodes.For, jinja2.nodes.Macro, jinja2.nodes.CallBlock,
              jinja2.nodes.Import, jinja2.nodes.FromImport, jinja2.nodes.With, jinja2.nodes.Block, jinja2.nodes.Extends,
              jinja2.nodes.Include, jinja2.nodes.Scope, jinja2.nodes.OverlayScope, jinja2.nodes.ScopedEvalContextModifier)


def undeclared_names(tree: jinja2.nodes.Template) -> set[str]:
    """Names a template takes from its context. Pages call macros and declare nothing; then every name in the
    tree is one, found in one walk. A template that declares names gets Jinja's full analysis, which is several
    times slower. A test checks both give the same names on every real page."""
    if next(tree.find_all(_DECLARING), None) is not None:
        return meta.find_undeclared_variables(tree)
    return {node.name for node in tree.find_all(jinja2.nodes.Name)}


def rule_names_are_known(page: Page, known: frozenset[str], parse: Parse = parse_template) -> list[Problem]:
    """Every variable or macro a page uses exists, and its template syntax is valid."""
    try:
        tree = parse(page.body)
    except jinja2.TemplateSyntaxError as error:
        return [Problem(page.path, page.body_line + (error.lineno or 1) - 1, f"template syntax error: {error.message}", hint="check the {{ … }} and {% … %} on this line")]
    meta_keys = set(page.meta.model_dump(exclude_none=True)) if page.meta else set()
    problems = []
    for name in sorted(undeclared_names(tree) - known - meta_keys):
        close = difflib.get_close_matches(name, sorted(SITE_MACROS), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        hint += f"the site's macros are {', '.join(sorted(SITE_MACROS))}"
        problems.append(Problem(page.path, _first_line_using(page, name), f"'{name}' is not a known variable or macro", hint=hint))
    return problems


def check_pages(root: Path, kb: KnowledgeBase, known_names: frozenset[str], docs_dir: str = "docs", parse: Parse = parse_template) -> tuple[list[Page], list[Problem]]:
    """Front matter, names and macro keys of every page under `root/docs_dir`; `parse` reads a page as a Jinja template."""
    pages: list[Page] = []
    problems: list[Problem] = []
    for path in markdown_files(root / docs_dir):
        page, page_problems = read_page(path, root)
        pages.append(page)
        problems += page_problems + rule_names_are_known(page, known_names, parse) + rule_macro_calls_valid(page, kb)
    return pages, problems
