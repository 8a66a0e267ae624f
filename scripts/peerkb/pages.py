"""Check every page in docs/: its front matter, and the keys its macro calls use.

The same checks run in the standalone `kb check` and, through `macros.define_env`, in every build.
"""

from __future__ import annotations

import difflib
import re
import typing
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import ValidationError

from .models import PageMeta
from .problems import Problem
from .sitemacros import REGISTRY, SITE_MACROS, key_problem
from .snapshot import ProjectFiles, files_of
from .validate import KnowledgeBase, problems_from
from .yamlsrc import load_yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.DOTALL)
# Text between {% raw %} and {% endraw %} is shown as written, not run: how a page shows macro syntax.
RAW_BLOCK = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.DOTALL)


def without_raw(body: str) -> str:
    """The body with every {% raw %} block blanked out in place (same length, same lines)."""
    return RAW_BLOCK.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)


@dataclass(frozen=True)
class Page:
    """A Markdown page: its path from the project root, front matter and body."""

    path: str
    meta: PageMeta | None
    body: str
    body_line: int
    # The front matter as written, '---' lines included (line 1 of the file is its first line).
    front_matter: str = ""

    def front_matter_line(self, key: str) -> int:
        """The line of the file where a top-level front-matter key starts (1 when it is not there)."""
        for number, line in enumerate(self.front_matter.split("\n"), start=1):
            if line.startswith(f"{key}:"):
                return number
        return 1


def markdown_files(docs: Path) -> list[Path]:
    """Every page under docs/, in a stable order."""
    return sorted(p for p in docs.rglob("*.md") if p.is_file())


def read_page(path: Path, root: Path, files: ProjectFiles | None = None) -> tuple[Page, list[Problem]]:
    """Parse one page's front matter and validate it against `PageMeta`."""
    rel = path.relative_to(root).as_posix()
    text = files_of(root, files).text(path)
    match = FRONT_MATTER.match(text)
    if not match:
        return Page(rel, None, text, 1), [
            Problem(
                rel,
                1,
                "the page has no front matter",
                hint="start the page with a '---' block giving title, description, audience, last_reviewed and review_due",
            )
        ]
    # The body as MkDocs hands it to the macros plugin: blank lines after the front matter dropped.
    body = text[match.end() :].lstrip("\n")
    body_line = text[: len(text) - len(body)].count("\n") + 1
    front = text[: match.end()]
    located, problems = load_yaml(match.group(1) or "", rel, first_line=2)
    if located is None:
        return Page(rel, None, body, body_line, front), problems
    if not isinstance(located.data, dict):
        return Page(rel, None, body, body_line, front), [*problems, Problem(rel, 2, "front matter should be 'field: value' lines")]
    try:
        meta = PageMeta.model_validate(located.data)
    except ValidationError as error:
        meta = None
        problems += problems_from(error, PageMeta, rel, located)
    return Page(rel, meta, body, body_line, front), problems


@dataclass(frozen=True)
class MacroCall:
    """A call of a site macro on a page, as written: its plain argument values and its line."""

    name: str
    args: tuple[typing.Any, ...]
    kwargs: dict[str, typing.Any]
    line: int


def macro_calls(page: Page) -> list[MacroCall]:
    """Every call of a site macro on a page, in order, with plain (constant) arguments only: what the check and
    the site index read. Calls inside {% raw %} … {% endraw %} are text, not calls; a page that does not parse
    has none (its syntax error is reported)."""
    try:
        tree = parse_template(page.body)
    except jinja2.TemplateSyntaxError:
        return []
    calls = []
    for node in tree.find_all(jinja2.nodes.Call):
        if _is_macro_call(node):
            assert isinstance(node.node, jinja2.nodes.Name)
            args = tuple(a.value for a in node.args if isinstance(a, jinja2.nodes.Const))
            kwargs = {k.key: k.value.value for k in node.kwargs if isinstance(k.value, jinja2.nodes.Const)}
            calls.append(MacroCall(node.node.name, args, kwargs, page.body_line + node.lineno - 1))
    return calls


def rule_macro_calls_valid(page: Page, kb: KnowledgeBase, skip_kinds: set[str] = frozenset()) -> list[Problem]:  # type: ignore[assignment]
    """Macros are called with the arguments they take, and every key passed exists in its data file; keys into
    the kinds of data in `skip_kinds` (whose files have problems of their own) are not checked."""
    problems = []
    for call in macro_calls(page):
        macro = REGISTRY[call.name]
        try:
            bound = macro.signature.bind(*call.args, **call.kwargs).arguments
        except TypeError as error:
            params = ", ".join(("*" if p.kind is p.VAR_POSITIONAL else "") + p.name for p in macro.signature.parameters.values()) or "no arguments"
            problems.append(Problem(page.path, call.line, f"{call.name}(): {error}", hint=f"it takes: {params}"))
            continue
        for param, allowed in macro.choices.items():
            if param in bound and bound[param] not in allowed:
                choices = " or ".join(repr(a) for a in allowed)
                default = macro.signature.parameters[param].default
                problems.append(
                    Problem(
                        page.path,
                        call.line,
                        f"{call.name}(): {param} must be {choices}, not {bound[param]!r}",
                        hint=f"write {param}={allowed[-1]!r}, or leave it out for {default!r}",
                    )
                )
        if macro.keys is None or macro.keys in kb.unloaded_kinds | set(skip_kinds):
            continue  # keys into data that could not be read are checked once it reads
        for key in macro.key_arguments(call.args, call.kwargs):
            problem = key_problem(call.name, key, kb)
            if problem:
                problems.append(Problem(page.path, call.line, problem[0], hint=problem[1]))
    return problems


# Names a page might reach for that hold the build's settings and internals; none is given to pages.
BUILD_NAMES = frozenset(
    {
        "config",
        "page",
        "environment",
        "plugin",
        "git",
        "extra",
        "macros",
        "filters",
        "filters_builtin",
        "navigation",
        "files",
        "context",
        "macros_info",
        "now",
        "fix_url",
        "pretty",
        "relative_url",
        "kb",
        "self",
        "cycler",
        "joiner",
        "namespace",
        "lipsum",
        "range",
        "dict",
    }
)
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


_STATEMENTS: dict[type[jinja2.nodes.Node], str] = {
    jinja2.nodes.For: "for",
    jinja2.nodes.If: "if",
    jinja2.nodes.Assign: "set",
    jinja2.nodes.AssignBlock: "set",
    jinja2.nodes.Macro: "macro",
    jinja2.nodes.CallBlock: "call",
    jinja2.nodes.FilterBlock: "filter",
    jinja2.nodes.With: "with",
    jinja2.nodes.Block: "block",
    jinja2.nodes.Extends: "extends",
    jinja2.nodes.Include: "include",
    jinja2.nodes.Import: "import",
    jinja2.nodes.FromImport: "from … import",
    jinja2.nodes.ScopedEvalContextModifier: "autoescape",
    jinja2.nodes.EvalContextModifier: "autoescape",
}
_MACROS_NAMED = "the site's macros are " + ", ".join(sorted(SITE_MACROS))
_RAW_HINT = "a page shows text and calls the site's macros; to show template code as an example, put it in a raw block, as the page Edit a page shows"


def _is_macro_call(node: jinja2.nodes.Node) -> bool:
    """{{ cite("a", "b") }} or {{ term("id", text="words") }}: a site macro called with plain values only."""
    return (
        isinstance(node, jinja2.nodes.Call)
        and isinstance(node.node, jinja2.nodes.Name)
        and node.node.name in SITE_MACROS
        and node.dyn_args is None
        and node.dyn_kwargs is None
        and all(isinstance(a, jinja2.nodes.Const) for a in node.args)
        and all(isinstance(k.value, jinja2.nodes.Const) for k in node.kwargs)
    )


def _template_problem(node: jinja2.nodes.Node) -> tuple[int, str, str] | None:
    """(line in the body, what is wrong, how to fix it) for one top-level part of a page, or None if it is
    text or a plain call of a site macro. The most telling problem is named first."""
    for sub in node.find_all((jinja2.nodes.Getattr, jinja2.nodes.Getitem)):
        name = sub.attr if isinstance(sub, jinja2.nodes.Getattr) else getattr(getattr(sub, "arg", None), "value", None)
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
                return child.lineno, f"{child.node.name}(): arguments must be plain values", 'write text in quotes or a number, e.g. cite("mead-2001")'
            return child.lineno, "only calls of the site's macros are allowed inside {{ … }}", _MACROS_NAMED
        return None
    return node.lineno, "this template code is not allowed on pages", _RAW_HINT


def rule_template_allowed(page: Page) -> list[Problem]:
    """A page's template code is valid and does nothing but call the site's macros with plain values."""
    try:
        tree = parse_template(page.body)
    except jinja2.TemplateSyntaxError as error:
        return [
            Problem(
                page.path,
                page.body_line + (error.lineno or 1) - 1,
                f"template syntax error: {error.message}",
                hint="check the {{ … }} and {% … %} on this line",
            )
        ]
    problems = []
    for node in tree.body:
        found = _template_problem(node)
        if found:
            line, message, hint = found
            problems.append(Problem(page.path, page.body_line + line - 1, message, hint=hint))
    return problems


def check_pages(
    root: Path,
    kb: KnowledgeBase,
    docs_dir: str = "docs",
    skip_kinds: set[str] = frozenset(),  # type: ignore[assignment]
    files: ProjectFiles | None = None,
) -> tuple[list[Page], list[Problem]]:
    """Front matter, template code and macro keys of every page under `root/docs_dir`; keys into the kinds of
    data in `skip_kinds` (whose files have problems of their own) are not checked."""
    pages: list[Page] = []
    problems: list[Problem] = []
    for path in markdown_files(root / docs_dir):
        page, page_problems = read_page(path, root, files)
        pages.append(page)
        problems += page_problems + rule_template_allowed(page) + rule_macro_calls_valid(page, kb, skip_kinds)
    return pages, problems
