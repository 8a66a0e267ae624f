"""Pure functions that turn validated data into HTML for pages.

Markup comes from small Jinja templates in `templates/`, with autoescaping on: text from data
is always shown as text. Fields that allow Markdown go through `inline_markdown`, which uses
markdown-it with raw HTML and images switched off and links only to https:, mailto: and the site's
own pages.

What a macro returns is placed into a Markdown page, and Python-Markdown reads the text between
inline tags again: `Mead [et al.](javascript:…)` in an author would become a link there, `{ onclick=… }`
an attribute, `![](https://…)` an image. So every macro's HTML leaves here with the characters Markdown
acts on written as character references in its text (`markdown_safe`): readers see the same text, and
Markdown sees nothing to act on.
"""

from __future__ import annotations

import inspect
import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from babel import Locale
from babel.dates import format_date
from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from .i18n import English, mark_english
from .interface import UiText, label_id, project_strings

if TYPE_CHECKING:
    from .translations import TranslationState

from .jinjacache import bytecode_cache
from .models import (
    data_link_allowed,
    THEMES,
    Country,
    Definition,
    Event,
    GlossaryTerm,
    Helpline,
    Organisation,
    Recommendation,
    Reference,
    WordingRule,
)

# Turns a page path under docs/ ('international/norway.md#training') into a link from the current page.
Href = Callable[[str], str]


def language_name(code: str, language: str = "en") -> str:
    """The name of a language in the site's language, from Babel's data (the Unicode CLDR): 'nb' → 'Norwegian Bokmål'.
    Pages show it in brackets, so a name that has brackets of its own ('Hindi (Latin)') is written with a comma ('Hindi, Latin')."""
    name = str(Locale(language).languages.get(code, code))
    return re.sub(r"\s*\(([^()]*)\)", r", \1", name)


_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable("image")
_MD.validateLink = data_link_allowed  # type: ignore[method-assign]

# Characters Python-Markdown acts on in running text: links and images ([ ] !), attribute lists ({ }),
# emphasis (* _), code (`) and escapes (\\). '<' and '&' are escaped already.
_MARKDOWN_ACTIVE = re.compile(r"[\\`*_{}\[\]!]")
# A tag, or a character reference, which stay as they are; text is everything between.
_KEEP = re.compile(r"(<[^>]*>|&#?[0-9A-Za-z]+;)")


def markdown_safe(html: str) -> str:
    """`html` with every Markdown-active character in its text written as a character reference, so that
    Markdown reading the page again changes nothing. Tags, their attributes and references are left as they are."""
    parts = _KEEP.split(html)
    for index in range(0, len(parts), 2):  # split() puts the kept pieces at the odd indexes
        parts[index] = _MARKDOWN_ACTIVE.sub(lambda c: f"&#{ord(c.group(0))};", parts[index])
    return "".join(parts)


def inline_markdown(text: str) -> Markup:
    """Render a Markdown field inline; raw HTML is escaped, never passed through. English text on a page in another
    language (i18n.English) is marked as English."""
    html = _MD.renderInline(text).strip()
    return mark_english(html) if isinstance(text, English) else Markup(html)


def long_date(value: date, language: str = "en") -> str:
    """22 November 2026: unambiguous for every reader. In another language, its long form from Babel's data (the
    Unicode CLDR): '2026 m. lapkričio 22 d.' in Lithuanian."""
    if language == "en":
        return f"{value.day} {value:%B %Y}"
    return format_date(value, format="long", locale=language)


def _ui(context: Context) -> UiText:
    ui = context.get("ui")
    return ui if isinstance(ui, UiText) else project_strings()


@pass_context
def _long_date(context: Context, value: date) -> str:
    """The filter `long_date`: the date in the language of the interface strings the template was given."""
    return long_date(value, _ui(context).language)


def text(value: str) -> Markup:
    """The filter `text`: an interface string as the content of an element, with & < > escaped and quotes left as
    typed (they need no escaping there, and the English pages keep their apostrophes). Never for an attribute."""
    return Markup(str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def fill(text: str, **values: object) -> Markup:
    """The filter `fill`: an interface string with its {placeholders} filled in, the string and the values escaped
    (values already marked safe, such as a link made by a template, are kept as they are)."""
    return Markup(escape(text)).format(**values)


@pass_context
def _label(context: Context, value: str, what: str) -> str:
    """The filter `label`: a fixed value by its label in the site's language ('study-visit' → 'Study visit')."""
    return _ui(context)[label_id(what, value)]


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
    env.filters["long_date"] = _long_date
    env.filters["label"] = _label
    env.filters["fill"] = fill
    env.filters["text"] = text
    env.filters["author_list"] = author_list
    env.filters["tel"] = lambda number: number.replace(" ", "")
    # Compiled templates are kept between builds (see jinjacache); this function's text is part of the key,
    # so a change of the settings above is never served code compiled under the old ones.
    env.bytecode_cache = bytecode_cache(env, inspect.getsource(_env))
    return env


def _render(template: str, ui: UiText | None = None, **context: object) -> str:
    """A template rendered with `context` and the interface strings `ui` (the project's English when not given)."""
    html = _env().get_template(template).render(ui=ui if ui is not None else project_strings(), **context)
    # A blank line would end a raw HTML block in Markdown; templates never need one.
    return markdown_safe("\n".join(line for line in html.splitlines() if line.strip()))


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


def cite_label(ref: Reference, ui: UiText | None = None) -> str:
    """Short in-text label: 'Mead 2001', 'Gillard & Holley 2014', 'Mead et al. 2001', 'WHO 2021'; 'et al.' and 'n.d.'
    in the language of `ui` (English when not given)."""
    ui = ui if ui is not None else project_strings()
    names = [family_name(a) for a in ref.authors]
    if ref.short_author:
        who = ref.short_author
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} & {names[1]}"
    else:
        who = f"{names[0]} {ui['et_al']}"
    return f"{who} {ref.year if ref.year else ui['no_date']}"


def citation_labels(refs: Iterable[Reference], ui: UiText | None = None) -> dict[str, str]:
    """In-text labels for every reference, made unique the author–date way: 'WHO 2021a', 'WHO 2021b'.

    Letters follow the order of the references file, so a label never changes when a page
    cites a different subset.
    """
    groups: dict[str, list[str]] = {}
    for ref in refs:
        groups.setdefault(cite_label(ref, ui), []).append(ref.id)
    labels = {}
    for label, ids in groups.items():
        for index, ref_id in enumerate(ids):
            suffix = "abcdefghijklmnopqrstuvwxyz"[index] if len(ids) > 1 else ""
            # APA writes undated works as 'n.d.-a', 'n.d.-b'.
            joiner = "-" if suffix and label.endswith((ui if ui is not None else project_strings())["no_date"]) else ""
            labels[ref_id] = f"{label}{joiner}{suffix}"
    return labels


def render_citation(refs: Iterable[Reference], labels: dict[str, str]) -> str:
    """An in-text citation linking each source to its entry in the page's source list: (Mead et al. 2001; Repper 2013).

    The site's most frequent macro (about a thousand calls a build), so it is formatted here, escaped as the
    templates escape, rather than by a template, which costs some twenty times more per call."""
    links = "; ".join(f'<a href="#ref-{escape(ref.id)}">{markdown_safe(str(escape(labels[ref.id])))}</a>' for ref in refs)
    return f'<span class="kb-cite">({links})</span>'


# A link to an entry of the page's list of sources, as every macro writes it: <a href="#ref-KEY"…
_SOURCE_LINK = re.compile(r'<a href="#ref-(?P<key>[^"]+)"(?=[\s>])')


def number_citations(html: str, counts: dict[str, int]) -> str:
    """`html` with an id on every link to the page's list of sources, `cite-KEY-N` for the Nth on the page, so that the
    list can link back to each place a source is cited. `counts` holds the citations of each key on the page so far,
    and is updated."""

    def with_id(match: re.Match[str]) -> str:
        key = match.group("key")
        counts[key] = counts.get(key, 0) + 1
        return f'{match.group(0)} id="cite-{key}-{counts[key]}"'

    return _SOURCE_LINK.sub(with_id, html)


def render_sources(refs: Iterable[Reference], citations: dict[str, int] | None = None, ui: UiText | None = None) -> str:
    """The numbered list of sources at the end of a page; each entry links back to every place the page cites it
    (`citations`: how many times each key is cited, as `number_citations` counted them)."""
    return _render("sources.html.j2", ui, refs=list(refs), citations=citations or {})


def render_helplines(
    helplines: Iterable[Helpline],
    organisations: dict[str, Organisation],
    labels: dict[str, str],
    references: dict[str, Reference] | None = None,
    ui: UiText | None = None,
) -> str:
    """Cards for urgent-help numbers: who, hours, cost, and where and when each was checked. With `references`, a card
    whose source was published in an earlier year than the check says the details are as published then, and sends
    readers to the line's own site; a source that is not the line's own or an official body's is named as such."""
    return _render(
        "helplines.html.j2",
        ui,
        helplines=list(helplines),
        organisations=organisations,
        labels=labels,
        references=references or {},
    )


def render_definitions(definitions: Iterable[Definition], labels: dict[str, str], ui: UiText | None = None) -> str:
    """A side-by-side comparison table of published definitions."""
    return _render("definitions.html.j2", ui, definitions=list(definitions), labels=labels)


def render_term(term: GlossaryTerm, href: str | None, text: str | None = None, abbreviations: Iterable[str] = ()) -> str:
    """A term in running text (its own words, or `text`), with its definition as a tooltip and a link to the glossary.

    The term already has its tooltip, so an abbreviation in its words ('CHIME') is kept from getting a second one
    inside it: the abbr extension marks every whole-word match in the text of a page, and the letters of each match
    are written as character references, which readers see as the same letters and the extension does not read."""
    shown = text or term.term
    words = without_abbreviations(shown, abbreviations)
    if isinstance(shown, English):
        words = mark_english(words)
    if isinstance(term.definition, English):
        # A tooltip is an attribute, which can hold no mark of its language: it shows the English as it is.
        term = term.model_copy(update={"definition": str(term.definition)})
    return _render("term.html.j2", term=term, href=href, text=words)


def without_abbreviations(text: str, abbreviations: Iterable[str]) -> Markup:
    """`text` escaped for HTML, with the letters of every whole-word match of an abbreviation written as character
    references, so that Python-Markdown's abbr extension (which matches as this does) leaves them alone."""
    keys = sorted({a for a in abbreviations if a}, key=len, reverse=True)
    if not keys:
        return escape(text)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(key) for key in keys) + r")\b")
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(str(escape(text[last : match.start()])))
        parts.append("".join(f"&#{ord(c)};" for c in match.group(0)))
        last = match.end()
    parts.append(str(escape(text[last:])))
    return Markup("".join(parts))


def abbreviation_lines(terms: Iterable[GlossaryTerm]) -> str:
    """Markdown abbreviation definitions (`*[PSW]: …`) so every use of an abbreviation gets a tooltip."""
    lines = []
    for term in terms:
        if term.abbr:
            # The abbr extension reads these as plain text and escapes them itself.
            lines.append(f"*[{term.abbr}]: {term.term}")
    return "\n".join(lines)


def render_avoid(phrase: str, rule: WordingRule, ui: UiText | None = None) -> str:
    """A phrase to avoid, quoted on purpose, with the wording to use instead."""
    return _render("avoid.html.j2", ui, phrase=phrase, rule=rule)


# The wording tables of the style guide, one per language of the rules, in this order, with their captions.
WORDING_TABLES = {
    "en": "Wording to avoid, and what to write instead",
    "lt": "Lithuanian wording to avoid (pages under docs/lt/ and data/translations/lt/), and what to write instead",
}


def render_wording_table(rules: Iterable[WordingRule], ui: UiText | None = None) -> str:
    """The style guide's tables of wording to avoid, with the alternatives, from data/wording.yml: one table per
    language, English first."""
    rules = list(rules)
    tables = [(language, caption, [rule for rule in rules if rule.language == language]) for language, caption in WORDING_TABLES.items()]
    return _render("wording-table.html.j2", ui, tables=[table for table in tables if table[2]])


def render_country_table(
    countries: Iterable[Country],
    organisations: dict[str, Organisation],
    labels: dict[str, str],
    href: Href,
    directory: str | None,
    ui: UiText | None = None,
) -> str:
    """The international comparison table: every country or nation that has a profile."""
    rows = [c for c in countries if c.profile]
    return _render("country_table.html.j2", ui, countries=rows, organisations=organisations, labels=labels, href=href, directory=directory)


def render_country_facts(
    country: Country,
    organisations: dict[str, Organisation],
    labels: dict[str, str],
    href: Href,
    directory: str | None,
    comparison: str | None,
    ui: UiText | None = None,
) -> str:
    """The facts box of one country profile; unknown facts are said to be unknown."""
    return _render(
        "country_facts.html.j2",
        ui,
        c=country,
        organisations=organisations,
        labels=labels,
        href=href,
        directory=directory,
        comparison=comparison,
    )


def render_event(
    event: Event,
    events: dict[str, Event],
    organisations: dict[str, Organisation],
    countries: dict[str, Country],
    labels: dict[str, str],
    href: Href,
    directory: str | None,
    references: dict[str, Reference],
    ui: UiText | None = None,
) -> str:
    """The facts box of one event; `references` gives the source each document is linked from."""
    project = events.get(event.part_of) if event.part_of else None
    return _render(
        "event.html.j2",
        ui,
        e=event,
        project=project,
        organisations=organisations,
        countries=countries,
        labels=labels,
        href=href,
        directory=directory,
        references=references,
    )


def event_sort_key(event: Event) -> tuple[date, str]:
    return (event.start or date.max, event.title)


def render_events(events: Iterable[Event], href: Href, ui: UiText | None = None) -> str:
    """The events of a project, oldest first; undated ones last."""
    return _render("events.html.j2", ui, events=sorted(events, key=event_sort_key), href=href)


def render_organisations(
    organisations: Iterable[Organisation], countries: dict[str, Country], events: Iterable[Event], href: Href, ui: UiText | None = None
) -> str:
    """The organisation directory: by country (in data order), each with its events and country profiles."""
    orgs = list(organisations)
    events = sorted(events, key=event_sort_key)
    groups = [(c, [o for o in orgs if o.country == c.id]) for c in countries.values()]
    took_part = {o.id: [e for e in events if o.id in e.organisations or o.id in e.funders] for o in orgs}
    profiles = {o.id: [c for c in countries.values() if c.profile and c.page and o.id in c.profile.organisations] for o in orgs}
    return _render(
        "organisations.html.j2",
        ui,
        groups=[(c, os) for c, os in groups if os],
        took_part=took_part,
        profiles=profiles,
        href=href,
    )


def render_bibliography(refs: Iterable[Reference], citing: dict[str, list[tuple[str, str]]], href: Href, ui: UiText | None = None) -> str:
    """Every reference, sorted by author and year, with links back to the pages citing it."""
    ordered = sorted(refs, key=lambda r: (author_list(r.authors).casefold(), r.year or 0, r.title.casefold()))
    return _render("bibliography.html.j2", ui, refs=ordered, citing=citing, href=href)


def initial(text: str) -> str:
    """The letter a glossary term is listed under: its first letter without accents, in capitals ('Žvelk' → 'Z');
    'Other' for a term that starts with anything but a letter from A to Z."""
    first = unicodedata.normalize("NFKD", text.strip()[:1])[:1].upper()
    return first if "A" <= first <= "Z" else "Other"


def letter_anchor(letter: str) -> str:
    """The id of a letter's section of the glossary: 'letter-a', 'letter-other'."""
    return f"letter-{letter.lower()}"


def render_glossary(terms: Iterable[GlossaryTerm], labels: dict[str, str], ui: UiText | None = None) -> str:
    """Every glossary term in alphabetical order, with sources and related terms, under a heading for each letter
    (`### C {#letter-c .kb-glossary__letter}`), after a list of links to those letters: only letters that have terms are listed."""
    ordered = sorted(terms, key=lambda t: (initial(t.term), t.term.casefold()))
    by_id = {t.id: t for t in ordered}
    groups: dict[str, list[GlossaryTerm]] = {}
    for t in ordered:
        groups.setdefault(initial(t.term), []).append(t)
    letters = sorted(groups, key=lambda letter: (letter == "Other", letter))
    ui = ui if ui is not None else project_strings()
    shown = {letter: ui["glossary_other"] if letter == "Other" else letter for letter in letters}  # the anchor stays letter-other
    parts = [_render("glossary_letters.html.j2", ui, letters=[(shown[letter], letter_anchor(letter)) for letter in letters])]
    for letter in letters:
        parts.append(f"### {markdown_escape(shown[letter])} {{#{letter_anchor(letter)} .kb-glossary__letter}}")
        parts.append(
            _render("glossary.html.j2", ui, terms=groups[letter], by_id=by_id, labels=labels, language_name=lambda code: language_name(code, ui.language))
        )
    return "\n\n".join(parts)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|])")


def markdown_escape(text: str) -> str:
    """Plain text made safe to place in a Markdown heading: every character that Markdown reads is escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def markdown_title(title: str) -> str:
    """A title made safe for Markdown (markdown_escape); English on a page in another language is marked as English."""
    escaped = markdown_escape(title)
    return f'<span lang="en">{escaped}</span>' if isinstance(title, English) else escaped


def recommendation_heading(rec: Recommendation, level: int, ui: UiText | None = None, anchor: str | None = None) -> str:
    """'### R01: Title {#R01}': a Markdown heading, so it is in the page's contents and has a permanent anchor
    (`anchor`, else the id). A title not yet translated marks the heading as English ({#R01 lang=en})."""
    ui = ui if ui is not None else project_strings()
    retired = f" ({markdown_escape(ui['retired_mark'])})" if rec.status == "retired" else ""
    english = " lang=en" if isinstance(rec.title, English) else ""
    return f"{'#' * level} {rec.id}: {markdown_escape(rec.title)}{retired} {{#{anchor or rec.id}{english}}}"


def render_recommendations(
    recs: Iterable[Recommendation],
    labels: dict[str, str],
    href: Href,
    titles: dict[str, str],
    events: dict[str, Event],
    page_address: str,
    organisations: dict[str, Organisation],
    references: dict[str, Reference],
    ui: UiText | None = None,
) -> str:
    """Every recommendation, grouped by theme in the order of THEMES, current ones before retired ones."""
    recs = list(recs)
    parts = []
    ui = ui if ui is not None else project_strings()
    for theme in THEMES:
        name = markdown_escape(ui[label_id("recommendation theme", theme)])
        in_theme = sorted((r for r in recs if r.theme == theme), key=lambda r: (r.status != "current", r.id))
        if not in_theme:
            continue
        parts.append(f"## {name} {{#theme-{theme}}}")
        for rec in in_theme:
            parts.append(recommendation_heading(rec, 3, ui))
            parts.append(
                _render(
                    "recommendation.html.j2",
                    ui,
                    rec=rec,
                    labels=labels,
                    href=href,
                    titles=titles,
                    events=events,
                    permalink=f"#{rec.id}",
                    permalink_text=f"{page_address}#{rec.id}",
                    organisations=organisations,
                    references=references,
                )
            )
    return "\n\n".join(parts)


def render_recommendation_list(recs: Iterable[Recommendation], full_page: str | None, href: Href, ui: UiText | None = None) -> str:
    """Chosen recommendations in a brief: id, title and statement, each linking to the full text with its
    actions and evidence, so that a brief stays short enough to print on two pages."""
    return _render("recommendation_list.html.j2", ui, recs=list(recs), full=lambda rec: href(f"{full_page}#{rec.id}") if full_page else f"#{rec.id}")


def render_recommendation_summaries(
    recs: Iterable[Recommendation],
    labels: dict[str, str],
    full_page: str | None,
    href: Href,
    level: int = 2,
    ui: UiText | None = None,
) -> str:
    """Recommendations on an audience page or in the brief: heading, statement, actions, evidence, link to the full text."""
    parts = []
    for rec in recs:
        full = href(f"{full_page}#{rec.id}") if full_page else f"#{rec.id}"
        parts.append(recommendation_heading(rec, level, ui, anchor=f"for-{rec.id}"))
        parts.append(_render("recommendation_summary.html.j2", ui, rec=rec, labels=labels, full=full))
    return "\n\n".join(parts)


def render_translation_status(states: Iterable[TranslationState], href: Href, gaps: dict[str, list[tuple[str, str, list[str]]]]) -> str:
    """The table of every translated page: its English page, whether the English changed since, and the review; then,
    per language, the data entries whose words readers see are not all translated yet (`gaps`: i18n.untranslated)."""
    ordered = sorted(states, key=lambda s: (s.language, s.source))
    return _render("translation_status.html.j2", states=ordered, href=href, gaps=gaps)
