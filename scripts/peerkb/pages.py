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
from jinja2.sandbox import ImmutableSandboxedEnvironment
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


def rule_macro_calls_valid(page: Page, kb: KnowledgeBase, skip_kinds: set[str] = frozenset()) -> list[Problem]:  # type: ignore[assignment]
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
        if name not in MACRO_KEYS or MACRO_KEYS[name] in kb.unloaded_kinds | set(skip_kinds):
            continue  # keys into data that could not be read are checked once it reads
        for arg in key_arguments(signature, args, keywords):
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                problem = key_problem(name, arg.value, kb)
                if problem:
                    problems.append(Problem(page.path, line, problem[0], hint=problem[1]))
    return problems


# Names a page might reach for that hold the build's settings and internals; none is given to pages.
BUILD_NAMES = frozenset({
    "config", "page", "environment", "plugin", "git", "extra", "macros", "filters", "filters_builtin",
    "navigation", "files", "context", "macros_info", "now", "fix_url", "pretty", "relative_url", "kb",
    "self", "cycler", "joiner", "namespace", "lipsum", "range", "dict",
})
# Pages are Jinja templates with '{##' … '##}' as comments, since '{#' starts a Markdown heading id ({#sources}).
PAGE_SYNTAX = {"comment_start_string": "{##", "comment_end_string": "##}"}


class PageSandbox(ImmutableSandboxedEnvironment):
    """The Jinja environment pages are rendered in. Everything from a pull request is untrusted, so a page
    gets the site's macros and nothing else: no variables, no loader for includes or imports, no attribute
    or item whose name starts with '_' (the way from any Python object to the interpreter), and nothing
    that changes a list or dictionary. The check refuses all of this with the page and line first; the
    sandbox is what holds if a route is ever found that the check does not see."""

    def __init__(self, macros: dict[str, typing.Callable[..., str]] | None = None) -> None:
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=False, **PAGE_SYNTAX)
        self.globals.clear()
        self.globals.update(macros or {})
        self.filters.clear()
        self.tests.clear()

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        return not attr.startswith("_") and super().is_safe_attribute(obj, attr, value)

    def getitem(self, obj: typing.Any, argument: typing.Any) -> typing.Any:
        if isinstance(argument, str) and argument.startswith("_"):
            return self.unsafe_undefined(obj, argument)
        return super().getitem(obj, argument)


_PARSER = PageSandbox()


def parse_template(source: str) -> jinja2.nodes.Template:
    """A page's body as a Jinja template tree, parsed as the build will render it."""
    return _PARSER.parse(source)


_STATEMENTS = {
    jinja2.nodes.For: "for", jinja2.nodes.If: "if", jinja2.nodes.Assign: "set", jinja2.nodes.AssignBlock: "set",
    jinja2.nodes.Macro: "macro", jinja2.nodes.CallBlock: "call", jinja2.nodes.FilterBlock: "filter",
    jinja2.nodes.With: "with", jinja2.nodes.Block: "block", jinja2.nodes.Extends: "extends",
    jinja2.nodes.Include: "include", jinja2.nodes.Import: "import", jinja2.nodes.FromImport: "from … import",
    jinja2.nodes.ScopedEvalContextModifier: "autoescape", jinja2.nodes.EvalContextModifier: "autoescape",
}
_MACROS_NAMED = "the site's macros are " + ", ".join(sorted(SITE_MACROS))
_RAW_HINT = "a page shows text and calls the site's macros; to show template code as an example, put it in a raw block, as the page Edit a page shows"


def _is_macro_call(node: jinja2.nodes.Node) -> bool:
    """{{ cite("a", "b") }} or {{ term("id", text="words") }}: a site macro called with plain values only."""
    return (
        isinstance(node, jinja2.nodes.Call) and isinstance(node.node, jinja2.nodes.Name) and node.node.name in SITE_MACROS
        and node.dyn_args is None and node.dyn_kwargs is None
        and all(isinstance(a, jinja2.nodes.Const) for a in node.args)
        and all(isinstance(k.value, jinja2.nodes.Const) for k in node.kwargs)
    )


def _template_problem(node: jinja2.nodes.Node) -> tuple[int, str, str] | None:
    """(line in the body, what is wrong, how to fix it) for one top-level part of a page, or None if it is
    text or a plain call of a site macro. The most telling problem is named first."""
    for sub in node.find_all((jinja2.nodes.Getattr, jinja2.nodes.Getitem)):
        name = sub.attr if isinstance(sub, jinja2.nodes.Getattr) else getattr(sub.arg, "value", None)
        if isinstance(name, str) and name.startswith("_"):
            return sub.lineno, f"'{name}' starts with '_': such names reach Python's internals and are not allowed on pages", _RAW_HINT
    if type(node) in _STATEMENTS:
        return node.lineno, f"'{{% {_STATEMENTS[type(node)]} %}}' is not allowed on pages", _RAW_HINT
    names = [node] if isinstance(node, jinja2.nodes.Name) else []
    for sub in names + list(node.find_all(jinja2.nodes.Name)):
        if sub.name in SITE_MACROS:
            continue
        if sub.name in BUILD_NAMES:
            return sub.lineno, f"'{sub.name}' is not available on pages: they get the site's macros and nothing of the build", _MACROS_NAMED
        close = difflib.get_close_matches(sub.name, sorted(SITE_MACROS), n=1)
        return sub.lineno, f"'{sub.name}' is not a known variable or macro", (f"did you mean '{close[0]}'? " if close else "") + _MACROS_NAMED
    if isinstance(node, jinja2.nodes.Output):
        for child in node.nodes:
            if isinstance(child, jinja2.nodes.TemplateData) or _is_macro_call(child):
                continue
            if isinstance(child, jinja2.nodes.Call) and isinstance(child.node, jinja2.nodes.Name) and child.node.name in SITE_MACROS:
                return child.lineno, f"{child.node.name}(): arguments must be plain values", "write text in quotes or a number, e.g. cite(\"mead-2001\")"
            return child.lineno, "only calls of the site's macros are allowed inside {{ … }}", _MACROS_NAMED
        return None
    return node.lineno, "this template code is not allowed on pages", _RAW_HINT


def rule_template_allowed(page: Page) -> list[Problem]:
    """A page's template code is valid and does nothing but call the site's macros with plain values."""
    try:
        tree = parse_template(page.body)
    except jinja2.TemplateSyntaxError as error:
        return [Problem(page.path, page.body_line + (error.lineno or 1) - 1, f"template syntax error: {error.message}", hint="check the {{ … }} and {% … %} on this line")]
    problems = []
    for node in tree.body:
        found = _template_problem(node)
        if found:
            line, message, hint = found
            problems.append(Problem(page.path, page.body_line + line - 1, message, hint=hint))
    return problems


def check_pages(root: Path, kb: KnowledgeBase, docs_dir: str = "docs", skip_kinds: set[str] = frozenset()) -> tuple[list[Page], list[Problem]]:  # type: ignore[assignment]
    """Front matter, template code and macro keys of every page under `root/docs_dir`; keys into the kinds of
    data in `skip_kinds` (whose files have problems of their own) are not checked."""
    pages: list[Page] = []
    problems: list[Problem] = []
    for path in markdown_files(root / docs_dir):
        page, page_problems = read_page(path, root)
        pages.append(page)
        problems += page_problems + rule_template_allowed(page) + rule_macro_calls_valid(page, kb, skip_kinds)
    return pages, problems
