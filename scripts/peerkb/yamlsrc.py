"""Read YAML and remember where each entry and field is, so problems can name the line.

PyYAML's safe loader is used in two steps: `compose` gives the node tree with positions,
then the same tree is turned into plain Python data. Duplicate keys inside one mapping,
which PyYAML would silently overwrite, are reported as problems.

Data and front matter are plain text, numbers, lists and fields, so two YAML features are refused
before anything is built from the tree: tags (`!!python/object/apply:…` asks a loader to run code;
the safe loader would only fail, with a message no contributor can act on) and aliases
(`*a`, repeating what an anchor `&a` marks), which let a few hundred bytes expand into gigabytes once the data is validated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem

KeyPath = tuple[Any, ...]  # where a value sits: its keys and list indexes from the top


@dataclass
class Located:
    """YAML data plus the 1-based line of every mapping key and sequence item in it."""

    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line(self, path: KeyPath) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class Refused(Exception):
    """YAML that is valid but uses a feature data files may not use (a tag, an anchor or an alias)."""

    def __init__(self, mark: Any, message: str, hint: str):  # a yaml.Mark, from PyYAML or from libyaml
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint


ALIAS_HINT = "write the value out in full: data files may not repeat parts of themselves with YAML aliases (*name)"


class _Loader(yaml.SafeLoader):
    """The safe loader without implicit dates: '2026-13-01' stays text, so the model can say it is not a
    valid date instead of the loader crashing. The models turn valid YYYY-MM-DD text into dates.
    Aliases are refused where they are written, before the composer follows them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise Refused(event.start_mark, f"the alias '*{event.anchor}' repeats another part of the file", ALIAS_HINT)
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class EnvValue:
    """`!ENV [NAME, default]` in mkdocs.yml: read from the environment at build time. The check needs only
    the default (or None); it never reads the environment."""

    names: tuple[str, ...]
    default: Any


def _construct_env(loader: yaml.SafeLoader, node: yaml.Node) -> EnvValue:
    if isinstance(node, yaml.ScalarNode):
        return EnvValue((loader.construct_scalar(node),), None)
    items = loader.construct_sequence(node, deep=True) if isinstance(node, yaml.SequenceNode) else []
    if len(items) > 1:
        return EnvValue(tuple(str(i) for i in items[:-1]), items[-1])
    return EnvValue(tuple(str(i) for i in items), None)


_Loader.add_constructor("!ENV", _construct_env)

# The same loader on libyaml, when PyYAML has it (its wheels do): about ten times faster. Valid YAML gives
# the same nodes and lines with either; text with an error is parsed again by `_Loader`, whose messages the
# contributor-facing wording below is written for.
if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(yaml.CSafeLoader):
        """`_Loader` on libyaml."""

    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    _FastLoader.add_constructor("!ENV", _construct_env)
else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = _Loader  # type: ignore[misc,assignment]


# The only tags a node may carry: the ones plain YAML gives text, numbers, yes/no, nothing, lists and fields.
PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map"))


def _tag_name(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _walk(
    node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], dupes: list[tuple[KeyPath, int]], seen: set[int] | None = None, tags: frozenset[str] = PLAIN_TAGS
) -> None:
    seen = set() if seen is None else seen
    if id(node) in seen:
        # The composer hands out the same node again only for an alias; the pure-Python parse names its line.
        raise Refused(node.start_mark, "an alias repeats another part of the file", ALIAS_HINT)
    seen.add(id(node))
    if node.tag not in tags:
        raise Refused(
            node.start_mark,
            f"the tag '{_tag_name(node.tag)}' is not allowed",
            "remove it: this file holds plain text, numbers, lists and fields"
            + "".join(f", and {t}" for t in sorted(tags - PLAIN_TAGS))
            + "; a tag can make a YAML loader run code",
        )
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen_keys: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            child = (*path, key)
            if key in seen_keys:
                dupes.append((child, key_node.start_mark.line + 1))
                continue
            seen_keys.add(key)
            lines[child] = key_node.start_mark.line + 1
            _walk(key_node, child, {}, dupes, seen, tags)
            _walk(value_node, child, lines, dupes, seen, tags)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, dupes, seen, tags)


# PyYAML's wording, turned into what a contributor can act on: (fragment of its message, our message, hint).
_SYNTAX = (
    ("'\\t' that cannot start any token", "a tab is used for indentation", "indent with spaces only"),
    ("quoted scalar", "a quotation mark is opened but never closed", "close the quote on the same line, or remove it"),
    ("mapping values are not allowed here", "a ':' appears where a new field cannot start", "put text that contains ': ' in quotes"),
    ("could not find expected ':'", "a line is not in the form 'field: value'", "add the missing ':' or join the line to the one above"),
    ("expected <block end>", "the indentation does not line up with the lines above", "indent fields of the same entry by the same number of spaces"),
)


def _field_indent(line: str) -> int:
    """Where a line's field starts: its spaces, plus the '- ' that starts a list entry."""
    stripped = line.lstrip(" ")
    indent = len(line) - len(stripped)
    while stripped.startswith("- "):
        rest = stripped[2:]
        stripped = rest.lstrip(" ")
        indent += 2 + len(rest) - len(stripped)
    return indent


def _indented_too_far(mark: yaml.Mark | None) -> bool:
    """True when the line at `mark` starts further right than the field above it, which does not open a block:
    PyYAML then reports a stray ':', but the mistake is the indentation."""
    buffer = getattr(mark, "buffer", None)
    if mark is None or not isinstance(buffer, str):
        return False
    lines = buffer.rstrip("\0").splitlines()
    if mark.line >= len(lines):
        return False
    above = next((line for line in reversed(lines[: mark.line]) if line.strip() and not line.lstrip().startswith("#")), None)
    if above is None or above.rstrip().endswith((":", "|", ">", "|-", ">-")):
        return False
    return _field_indent(lines[mark.line]) > _field_indent(above)


def explain_syntax_error(error: yaml.MarkedYAMLError) -> tuple[str, str, yaml.Mark | None]:
    """Plain-words message, hint and position for a PyYAML syntax error."""
    raw = f"{error.context or ''} {error.problem or ''}"
    if "mapping values are not allowed here" in raw and _indented_too_far(error.problem_mark):
        return _SYNTAX[-1][1], _SYNTAX[-1][2], error.problem_mark
    for fragment, message, hint in _SYNTAX:
        if fragment in raw:
            # An unclosed quote or a missing ':' is noticed lines later; point at where it began.
            starts_earlier = fragment in ("quoted scalar", "could not find expected ':'")
            mark = error.context_mark if starts_earlier and error.context_mark else error.problem_mark
            return message, hint, mark
    return (error.problem or "not valid YAML"), "check the indentation and the quotes on this line and the one before", error.problem_mark


def _load(loader_class: type, text: str, filename: str, first_line: int, tags: frozenset[str]) -> tuple[Located | None, list[Problem]]:
    """Valid YAML with `loader_class`; errors are raised, not reported."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(None, {(): first_line}), []
        lines: dict[KeyPath, int] = {}
        dupes: list[tuple[KeyPath, int]] = []
        _walk(node, (), lines, dupes, tags=tags)
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    return _located(data, lines, dupes, filename, first_line - 1)


def _located(data: Any, lines: dict[KeyPath, int], dupes: list[tuple[KeyPath, int]], filename: str, offset: int) -> tuple[Located, list[Problem]]:
    located = Located(data, {path: line + offset for path, line in lines.items()})
    problems = [
        Problem(
            filename,
            line + offset,
            f"the key '{path[-1]}' appears twice in the same block",
            hint="keep one of them; YAML would silently drop the first",
        )
        for path, line in dupes
    ]
    return located, problems


def load_yaml(text: str, filename: str, first_line: int = 1, extra_tags: frozenset[str] = frozenset()) -> tuple[Located | None, list[Problem]]:
    """Parse `text`; return the located data and any problems (syntax errors, duplicate keys, refused tags
    and aliases).

    `first_line` shifts the reported lines, for YAML that starts part-way into a file
    (a page's front matter starts on line 2). `extra_tags` are tags allowed besides plain YAML's, each read
    by a constructor of the loaders below (mkdocs.yml's `!ENV`).
    """
    tags = PLAIN_TAGS | extra_tags
    try:
        return _load(_FastLoader, text, filename, first_line, tags)
    except (yaml.YAMLError, Refused):
        pass  # reported from the pure-Python parse below, with its wording and positions
    try:
        return _load(_Loader, text, filename, first_line, tags)
    except Refused as refused:
        line = (refused.mark.line + 1 if refused.mark else 1) + first_line - 1
        return None, [Problem(filename, line, refused.message, hint=refused.hint)]
    except yaml.MarkedYAMLError as error:
        message, hint, mark = explain_syntax_error(error)
        line = (mark.line + 1 if mark else 1) + first_line - 1
        return None, [Problem(filename, line, f"YAML syntax error: {message}", hint=hint)]
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + first_line
        char = chr(error.character) if isinstance(error.character, int) else str(error.character)
        return None, [
            Problem(
                filename,
                line,
                f"YAML syntax error: the text holds a control character (U+{ord(char[:1] or ' '):04X})",
                hint="delete it; it is invisible in most editors, so retype the line",
            )
        ]
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML raises marked errors for text input
        return None, [Problem(filename, first_line, f"YAML syntax error: {error}")]
