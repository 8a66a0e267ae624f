"""Pure functions that turn validated data into HTML for pages.

Markup comes from small Jinja templates in `templates/`, with autoescaping on: text from data
is always shown as text. Fields that allow Markdown go through `inline_markdown`, which uses
markdown-it with raw HTML switched off and unsafe link schemes (javascript:, data:) refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from .models import Definition, GlossaryTerm, Helpline, Organisation, Reference

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def inline_markdown(text: str) -> Markup:
    """Render a Markdown field inline; raw HTML is escaped, never passed through."""
    return Markup(_MD.renderInline(text).strip())


def long_date(value: date) -> str:
    """22 November 2026: unambiguous for every reader."""
    return f"{value.day} {value:%B %Y}"


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("peerkb", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["md"] = inline_markdown
    env.filters["long_date"] = long_date
    env.filters["author_list"] = author_list
    env.filters["tel"] = lambda number: number.replace(" ", "")
    return env


def _render(template: str, **context: object) -> str:
    html = _env().get_template(template).render(**context)
    # A blank line would end a raw HTML block in Markdown; templates never need one.
    return "\n".join(line for line in html.splitlines() if line.strip())


def author_list(authors: list[str]) -> str:
    """'Mead, S., Hilton, D., & Curtis, L.' — the reference-list form of the authors."""
    if len(authors) == 1:
        return authors[0]
    if len(authors) == 2:
        return f"{authors[0]} & {authors[1]}"
    return ", ".join(authors[:-1]) + f", & {authors[-1]}"


def family_name(author: str) -> str:
    """'Mead, S.' → 'Mead'; an organisation's name stays whole."""
    return author.split(",", 1)[0].strip()


def cite_label(ref: Reference) -> str:
    """Short in-text label: 'Mead 2001', 'Gillard & Holley 2014', 'Mead et al. 2001', 'WHO 2021'."""
    names = [family_name(a) for a in ref.authors]
    if ref.short_author:
        who = ref.short_author
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} & {names[1]}"
    else:
        who = f"{names[0]} et al."
    return f"{who} {ref.year if ref.year else 'n.d.'}"


def citation_labels(refs: Iterable[Reference]) -> dict[str, str]:
    """In-text labels for every reference, made unique the author–date way: 'WHO 2021a', 'WHO 2021b'.

    Letters follow the order of the references file, so a label never changes when a page
    cites a different subset.
    """
    groups: dict[str, list[str]] = {}
    for ref in refs:
        groups.setdefault(cite_label(ref), []).append(ref.id)
    labels = {}
    for label, ids in groups.items():
        for index, ref_id in enumerate(ids):
            suffix = "abcdefghijklmnopqrstuvwxyz"[index] if len(ids) > 1 else ""
            # APA writes undated works as 'n.d.-a', 'n.d.-b'.
            joiner = "-" if suffix and label.endswith("n.d.") else ""
            labels[ref_id] = f"{label}{joiner}{suffix}"
    return labels


def render_citation(refs: Iterable[Reference], labels: dict[str, str]) -> str:
    """An in-text citation linking each source to its entry in the page's source list."""
    return _render("citation.html.j2", refs=list(refs), labels=labels)


def render_sources(refs: Iterable[Reference]) -> str:
    """The numbered list of sources at the end of a page."""
    return _render("sources.html.j2", refs=list(refs))


def render_helplines(helplines: Iterable[Helpline], organisations: dict[str, Organisation], labels: dict[str, str]) -> str:
    """Cards for urgent-help numbers: who, hours, cost, and where and when each was checked."""
    return _render("helplines.html.j2", helplines=list(helplines), organisations=organisations, labels=labels)


def render_definitions(definitions: Iterable[Definition], labels: dict[str, str]) -> str:
    """A side-by-side comparison table of published definitions."""
    return _render("definitions.html.j2", definitions=list(definitions), labels=labels)


def render_term(term: GlossaryTerm, href: str | None) -> str:
    """A term in running text, with its definition as a tooltip and a link to the glossary."""
    return _render("term.html.j2", term=term, href=href)


def abbreviation_lines(terms: Iterable[GlossaryTerm]) -> str:
    """Markdown abbreviation definitions (`*[PSW]: …`) so every use of an abbreviation gets a tooltip."""
    lines = []
    for term in terms:
        if term.abbr:
            # The abbr extension reads these as plain text and escapes them itself.
            lines.append(f"*[{term.abbr}]: {term.term}")
    return "\n".join(lines)
