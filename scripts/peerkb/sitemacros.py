"""The site's macros: each one a plain, typed function, declared once in `REGISTRY` with what it takes.

A macro is written once here, with `@macro(...)`: its parameters (after the render context) are what a page
passes; `keys` names the kind of data its key argument must be an id of; `shows` lists the references it shows
on a page (for the page's list of sources and the site index); `data` lists the data entries it shows as the
page's own content (for the links that lead readers to the data file to correct); `example` is the call shown
in the README.
Everything else comes from this one declaration:

- the MkDocs glue (`macros.define_env`) loops over the registry and binds each macro to the page being built;
- the check (`pages.rule_macro_calls_valid`) takes each macro's signature and key kind from here;
- the site index (`siteindex.build_index`) counts what each call shows;
- the README's table of macros is generated from here, and the check fails while it is out of date.

Adding a macro is one function here (and, usually, its template in `templates/`).
"""

from __future__ import annotations

import difflib
import inspect
import posixpath
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from markupsafe import escape as _escape

from . import editions, i18n, render
from .interface import UiText, project_strings
from .models import Recommendation, RecommendationAudience, WordingRule
from .validate import KnowledgeBase

if typing.TYPE_CHECKING:
    from .siteindex import SiteIndex
    from .translations import TranslationState


class MacroError(Exception):
    """A macro was called wrongly on a page; the message names the page and the key."""


@dataclass
class RenderContext:
    """What a macro needs to know besides its own arguments: the data, the site index, and the page being built."""

    kb: KnowledgeBase
    index: SiteIndex
    labels: dict[str, str]  # in-text citation labels, by reference key
    page: str = ""  # the page being built, as a path under docs/ ('peer-support/benefits.md')
    href: render.Href = field(default=lambda target: target)  # links from this page to a page under docs/
    site_url: str = "/"
    help_page: str | None = None  # the urgent-help page, as a path under docs/ ('get-help-now.md')
    citations: dict[str, int] = field(default_factory=dict)  # links to each source on the page so far (render.number_citations)
    edition: editions.Edition = field(default_factory=lambda: editions.EDITIONS[editions.ROOT])  # the edition being built
    pages: frozenset[str] = frozenset()  # every page of every edition, by path under docs/ ('lt/recovery/index.md')
    translations: list[TranslationState] = field(default_factory=list)  # every translated page and its state

    def localize(self, page: str) -> str:
        """The page in this edition when it has been translated into it, else the page itself (its English)."""
        translated = self.edition.prefix + page
        if self.edition.code != editions.ROOT and editions.of_path(page).code == editions.ROOT and translated in self.pages:
            return translated
        return page

    @property
    def titles(self) -> dict[str, str]:
        """Each page's title by its English path, in this edition's language where the page is translated."""
        return {page: self.index.titles.get(self.localize(page), title) for page, title in self.index.titles.items()}

    language: str = "en"  # the site's language (mkdocs.yml theme.language)
    ui: UiText = field(default_factory=project_strings)  # the site's own words in that language (data/interface.yml)

    @property
    def path(self) -> str:
        """The page as the check names it: 'docs/peer-support/benefits.md'."""
        return f"docs/{self.page}"

    def address(self, page: str) -> str:
        """The full published address of a page, for links readers copy into documents."""
        from .siteindex import page_url

        return self.site_url.rstrip("/") + "/" + page_url(page)

    def local(self, kind: str, entry: typing.Any) -> typing.Any:
        """An entry of `kind` with its reader-visible words in the page's language (i18n.localize)."""
        return i18n.localize(self.kb, self.language, kind, entry)

    def all_local(self, kind: str) -> dict[str, typing.Any]:
        """Every entry of `kind`, by id, in the page's language."""
        return i18n.localize_all(self.kb, self.language, kind, getattr(self.kb, kind))

    def link_to(self, macro_name: str) -> str | None:
        """A link from this page to the page that shows a site-wide list (the glossary, the directory…), if any."""
        page = self.index.page_for(macro_name)
        return self.href(page) if page else None


Shows = Callable[[KnowledgeBase, list[typing.Any]], list[str]]
# (kind of data, id) of every entry a call shows as the page's content: its data file is where to correct it.
DataShown = Callable[[KnowledgeBase, list[typing.Any]], list[tuple[str, str]]]


@dataclass(frozen=True)
class Macro:
    """One macro: the function, the kind of data its key is an id of, the references it shows, and an example."""

    name: str
    function: Callable[..., str]
    keys: str | None
    shows: Shows
    example: str
    summary: str
    data: DataShown

    @property
    def signature(self) -> inspect.Signature:
        """What a page passes: the function's parameters after the render context."""
        parameters = list(inspect.signature(self.function).parameters.values())[1:]
        return inspect.Signature(parameters)

    @property
    def choices(self) -> dict[str, tuple[object, ...]]:
        """Parameters that take only listed values (typed with Literal), with those values."""
        hints = typing.get_type_hints(self.function)
        return {name: typing.get_args(hint) for name, hint in hints.items() if typing.get_origin(hint) is Literal}

    def key_arguments(self, args: typing.Sequence[typing.Any], kwargs: typing.Mapping[str, typing.Any]) -> list[typing.Any]:
        """The arguments of a call that are keys into data: all of them for cite("a", "b"), else the first only."""
        first = next(iter(self.signature.parameters.values()), None)
        if not self.keys or first is None:
            return []
        if first.kind is first.VAR_POSITIONAL:
            return list(args)
        return list(args[:1]) if args else ([kwargs[first.name]] if first.name in kwargs else [])

    def __call__(self, ctx: RenderContext, *args: typing.Any, **kwargs: typing.Any) -> str:
        """The macro on the page of `ctx`, its keys checked again (a call the check could not see fails here)."""
        for key in self.key_arguments(args, kwargs):
            problem = key_problem(self.name, key, ctx.kb)
            if problem:
                raise MacroError(f"{ctx.path}: {problem[0]} ({problem[1]})")
        # Every link to the page's list of sources gets an id, so that the list can link back to it.
        return render.number_citations(self.function(ctx, *args, **kwargs), ctx.citations)


REGISTRY: dict[str, Macro] = {}


def _none(kb: KnowledgeBase, args: list[typing.Any]) -> list[str]:
    return []


def _no_data(kb: KnowledgeBase, args: list[typing.Any]) -> list[tuple[str, str]]:
    """Inline macros (a citation, a term, a quoted phrase) show no data as the page's content."""
    return []


def _every(kind: str) -> DataShown:
    """Every entry of a kind of data: for the site-wide lists (the glossary, the bibliography…)."""
    return lambda kb, args: [(kind, key) for key in getattr(kb, kind)]


def macro(example: str, keys: str | None = None, shows: Shows = _none, data: DataShown = _no_data) -> Callable[[Callable[..., str]], Callable[..., str]]:
    """Register a macro under its function's name."""

    def register(function: Callable[..., str]) -> Callable[..., str]:
        summary = inspect.cleandoc(function.__doc__ or "").split("\n\n")[0].replace("\n", " ")
        REGISTRY[function.__name__] = Macro(function.__name__, function, keys, shows, example, summary, data)
        return function

    return register


# --- what a page's key arguments may be -------------------------------------------------------------------


def avoid_phrases(rules: Iterable[WordingRule]) -> dict[str, WordingRule]:
    """Every phrase to avoid, in lower case and in every form its brackets list (ligon(is|io) → ligonis, ligonio), with
    its rule: what avoid() may quote, in any of the site's languages."""
    return {form: rule for rule in rules for form in rule.forms}


def known_keys(kb: KnowledgeBase, target: str) -> set[str]:
    """The keys a macro argument may take: ids, or for avoid() the phrases in data/wording.yml."""
    if target == "wording":
        return set(avoid_phrases(kb.wording.values()))
    if target == "audiences":
        return set(typing.get_args(RecommendationAudience))
    return set(getattr(kb, target))


def key_problem(name: str, key: object, kb: KnowledgeBase) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) when `key` cannot be used with the macro `name`, else None.
    Shared by the pre-build check and the macros themselves."""
    target = REGISTRY[name].keys
    assert target is not None
    noun = {"wording": "phrase", "audiences": "audience"}.get(target, "key")
    if not isinstance(key, str) or key not in known_keys(kb, target):
        known = sorted(known_keys(kb, target))
        where = ", ".join(known) if target == "audiences" else kb.where(target)
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.75) if isinstance(key, str) else []
        guess = f"did you mean {close[0]!r}? " if close else ""
        return f"{name}(): unknown {noun} {key!r}", f"{guess}the known {noun}s are {'' if target == 'audiences' else 'listed in '}{where}"
    if name == "country_facts" and kb.countries[key].profile is None:
        return f"country_facts(): country '{key}' has no profile", f"add a profile: block to it in {kb.where('countries')}"
    if name == "events" and kb.events[key].type != "project":
        return f"events(): '{key}' is a {kb.events[key].type}, not a project", "give the id of a project"
    return None


def _first(args: list[typing.Any]) -> typing.Any:
    return args[0] if args else None


def recommendations_for_audience(kb: KnowledgeBase, audience: object) -> list[Recommendation]:
    """Current recommendations for one audience, in id order."""
    return sorted((r for r in kb.recommendations.values() if r.status == "current" and audience in r.audiences), key=lambda r: r.id)


# --- the macros ------------------------------------------------------------------------------------------


@macro('cite("key", …)', keys="references", shows=lambda kb, args: [a for a in args if isinstance(a, str)])
def cite(ctx: RenderContext, *keys: str) -> str:
    """An in-text citation; the source is listed at the end of the page.

    {{ cite("mead-2001", "repper-2013") }}"""
    if not keys:
        raise MacroError(f"{ctx.path}: cite(): give at least one reference key")
    return render.render_citation([ctx.kb.references[k] for k in keys], ctx.labels)


@macro('term("id")', keys="glossary")
def term(ctx: RenderContext, key: str, text: str | None = None) -> str:
    """A glossary term, linked to the glossary, with its definition as a tooltip.

    With other words shown, e.g. in the middle of a sentence: {{ term("rct", "randomised controlled trials") }}."""
    abbreviations = [abbr for abbr, _ in abbreviations_shown(ctx)]
    entry = ctx.local("glossary", ctx.kb.glossary[key])
    if text is not None and ctx.edition.code != editions.ROOT and shows_english(ctx.kb.glossary[key], text):
        entry = entry.model_copy(update={"language": "en"})  # English words on a translated page say so (lang="en")
    return render.render_term(entry, ctx.link_to("glossary"), text, abbreviations)


def shows_english(entry: typing.Any, text: str) -> bool:
    """Whether the words a page shows for a term are the English term itself (in any number: 'workers' for 'worker')
    or its English abbreviation, as a translated page writes them in "(angl. …)"."""
    if entry.language:
        return False
    shown, english = text.casefold(), entry.term.casefold()
    return shown.startswith(english[:-1] if len(english) > 3 else english) or shown == (entry.abbr or "").casefold()


@macro(
    'helplines("lt")',
    keys="countries",
    shows=lambda kb, args: [h.source for h in kb.helplines.values() if h.country == _first(args)],
    data=lambda kb, args: [("helplines", h.id) for h in kb.helplines.values() if h.country == _first(args)],
)
def helplines(ctx: RenderContext, country: str) -> str:
    """The urgent-help numbers of a country."""
    lines = [ctx.local("helplines", h) for h in ctx.kb.helplines.values() if h.country == country]
    return render.render_helplines(lines, ctx.all_local("organisations"), ctx.labels, ctx.kb.references, ui=ctx.ui)


@macro("definitions_table()", shows=lambda kb, args: [d.source for d in kb.definitions.values()], data=_every("definitions"))
def definitions_table(ctx: RenderContext) -> str:
    """Published definitions of peer support, side by side."""
    return render.render_definitions(ctx.all_local("definitions").values(), ctx.labels, ui=ctx.ui)


@macro(
    "country_table()",
    shows=lambda kb, args: [k for c in kb.countries.values() if c.profile for k in c.profile.sources],
    data=lambda kb, args: [("countries", c.id) for c in kb.countries.values() if c.profile],
)
def country_table(ctx: RenderContext) -> str:
    """The international comparison, from every country's `profile`."""
    return render.render_country_table(
        ctx.all_local("countries").values(), ctx.all_local("organisations"), ctx.labels, ctx.href, ctx.index.page_for("organisations_directory"), ui=ctx.ui
    )


def _country_sources(kb: KnowledgeBase, args: list[typing.Any]) -> list[str]:
    country = kb.countries.get(_first(args)) if isinstance(_first(args), str) else None
    return list(country.profile.sources) if country and country.profile else []


@macro('country_facts("no")', keys="countries", shows=_country_sources, data=lambda kb, args: [("countries", _first(args))])
def country_facts(ctx: RenderContext, country: str) -> str:
    """The facts box of one country profile; unknown facts are shown as not documented."""
    return render.render_country_facts(
        ctx.local("countries", ctx.kb.countries[country]),
        ctx.all_local("organisations"),
        ctx.labels,
        ctx.href,
        ctx.index.page_for("organisations_directory"),
        ctx.index.page_for("country_table"),
        ui=ctx.ui,
    )


def _event_sources(kb: KnowledgeBase, args: list[typing.Any]) -> list[str]:
    event_ = kb.events.get(_first(args)) if isinstance(_first(args), str) else None
    return list(event_.sources) if event_ else []


@macro('event("id")', keys="events", shows=_event_sources, data=lambda kb, args: [("events", _first(args))])
def event(ctx: RenderContext, key: str) -> str:
    """The facts of a project, visit or webinar."""
    events = ctx.all_local("events")
    return render.render_event(
        events[key],
        events,
        ctx.all_local("organisations"),
        ctx.all_local("countries"),
        ctx.labels,
        ctx.href,
        ctx.index.page_for("organisations_directory"),
        ctx.kb.references,
        ui=ctx.ui,
    )


@macro('events("project-id")', keys="events", data=lambda kb, args: [("events", e.id) for e in kb.events.values() if e.part_of == _first(args)])
def events(ctx: RenderContext, project: str) -> str:
    """The events of a project, linked to their pages."""
    return render.render_events([e for e in ctx.all_local("events").values() if e.part_of == project], ctx.href, ui=ctx.ui)


@macro("organisations_directory()", data=_every("organisations"))
def organisations_directory(ctx: RenderContext) -> str:
    """Every organisation, by country, with the events it took part in."""
    return render.render_organisations(
        ctx.all_local("organisations").values(), ctx.all_local("countries"), ctx.all_local("events").values(), ctx.href, ui=ctx.ui
    )


@macro("bibliography()", data=_every("references"))
def bibliography(ctx: RenderContext) -> str:
    """Every reference, with the pages citing it."""
    citing = {key: [(page, ctx.index.titles[page]) for page in ctx.index.citing(key)] for key in ctx.kb.references}
    return render.render_bibliography(ctx.kb.references.values(), citing, ctx.href, ui=ctx.ui)


@macro("glossary()", shows=lambda kb, args: [k for t in kb.glossary.values() for k in t.sources], data=_every("glossary"))
def glossary(ctx: RenderContext) -> str:
    """Every glossary term, with its sources and related terms, under its letter, after an A to Z of links to the letters."""
    return render.render_glossary(ctx.all_local("glossary").values(), ctx.labels, ui=ctx.ui)


@macro('avoid("phrase")', keys="wording")
def avoid(ctx: RenderContext, phrase: str) -> str:
    """A phrase from `data/wording.yml` quoted on purpose, with the alternative."""
    return render.render_avoid(phrase, avoid_phrases(ctx.kb.wording.values())[phrase.lower()], ui=ctx.ui)


@macro("wording_table()", data=_every("wording"))
def wording_table(ctx: RenderContext) -> str:
    """The whole list of wording to avoid, with what to write instead."""
    return render.render_wording_table(ctx.kb.wording.values(), ui=ctx.ui)


@macro("recommendations()", shows=lambda kb, args: [k for r in kb.recommendations.values() for k in r.evidence], data=_every("recommendations"))
def recommendations(ctx: RenderContext) -> str:
    """Every recommendation, grouped by theme, each under a heading whose anchor is its id (`#R06`)."""
    kb = ctx.kb
    return render.render_recommendations(
        ctx.all_local("recommendations").values(),
        ctx.labels,
        ctx.href,
        ctx.titles,
        ctx.all_local("events"),
        ctx.address(ctx.page),
        ctx.all_local("organisations"),
        kb.references,
        ui=ctx.ui,
    )


@macro(
    'recommendations_for("youth-services")',
    keys="audiences",
    shows=lambda kb, args: [k for r in recommendations_for_audience(kb, _first(args)) for k in r.evidence],
    data=lambda kb, args: [("recommendations", r.id) for r in recommendations_for_audience(kb, _first(args))],
)
def recommendations_for(ctx: RenderContext, audience: str, level: Literal[2, 3] = 2) -> str:
    """The current recommendations for one audience, with key evidence; `level=3` under a section of its own."""
    if level not in (2, 3):
        raise MacroError(f"{ctx.path}: recommendations_for(): level must be 2 or 3, not {level!r}")
    recs = [ctx.local("recommendations", r) for r in recommendations_for_audience(ctx.kb, audience)]
    return render.render_recommendation_summaries(recs, ctx.labels, ctx.index.page_for("recommendations"), ctx.href, level, ui=ctx.ui)


# The list shows no evidence: its links lead to the full text, which does.
@macro('recommendation_list("R02", "R06")', keys="recommendations", data=lambda kb, args: [("recommendations", a) for a in args if isinstance(a, str)])
def recommendation_list(ctx: RenderContext, *ids: str) -> str:
    """Chosen recommendations in short (id, title, statement), for a brief."""
    if not ids:
        raise MacroError(f"{ctx.path}: recommendation_list(): give at least one recommendation id")
    return render.render_recommendation_list(
        [ctx.local("recommendations", ctx.kb.recommendations[k]) for k in ids], ctx.index.page_for("recommendations"), ctx.href, ui=ctx.ui
    )


def sources_shown(name: str, args: list[typing.Any], kb: KnowledgeBase) -> list[str]:
    """Reference keys a call of the macro `name` shows on its page, in the order it shows them, once each."""
    return list(dict.fromkeys(REGISTRY[name].shows(kb, args)))


def data_files_shown(name: str, args: list[typing.Any], kb: KnowledgeBase) -> list[str]:
    """The data files holding what a call of the macro `name` shows as its page's content ('data/helplines.yml'),
    in the order it shows them, once each. Entries the check did not accept are left out."""
    files = [kb.files.get(kind, {}).get(key) for kind, key in REGISTRY[name].data(kb, args) if isinstance(key, str)]
    return list(dict.fromkeys(f for f in files if f))


# --- the end of every page -------------------------------------------------------------------------------


@macro('english("practice/employment.md", "link text")')
def english(ctx: RenderContext, page: str, text: str) -> str:
    """On a translated page, a link to an English page that has no translation yet, marked as English."""
    target = page.partition("#")[0]
    if editions.of_path(target).code != editions.ROOT or target not in ctx.pages:
        raise MacroError(f"{ctx.path}: english(): '{page}' is not an English page (give a path under docs/, e.g. practice/employment.md)")
    url = link_from_english(ctx, page)
    note = f' <span class="kb-in-english">({_escape(ctx.ui["in_english"])})</span>' if ctx.edition.code != editions.ROOT else ""
    return f'<a href="{_escape(url)}">{_escape(text)}{note}</a>'


def link_from_english(ctx: RenderContext, page: str) -> str:
    """The link from the page being built to an English page itself, never to its translation."""
    from mkdocs.utils import get_relative_url

    from .siteindex import page_url

    path, _, anchor = page.partition("#")
    current = page_url(ctx.page)
    return get_relative_url(page_url(path), current) + (f"#{anchor}" if anchor else "")


@macro("translation_status()")
def translation_status(ctx: RenderContext) -> str:
    """Every translated page with its English page: whether the English has changed since, and whether a native
    speaker has reviewed the translation."""
    gaps = {edition.code: i18n.untranslated(ctx.kb, edition.code) for edition in editions.TRANSLATED}
    return render.render_translation_status(ctx.translations, ctx.href, gaps)


SITE_MACROS = frozenset(REGISTRY)


def page_end(ctx: RenderContext) -> str:
    """What the build adds after a page's own text, from the site index: 'Recommendations based on this page'
    (except on the urgent-help page, where a reader in crisis needs numbers and nothing else), the page's list of
    sources (unless it is the bibliography, which lists every source), each source linking back to where the page
    cites it, and the glossary's abbreviations, so that each use of one gets its expansion as a tooltip."""
    parts = []
    full = ctx.index.page_for("recommendations")
    full = ctx.localize(full) if full else None
    english = editions.source_path(ctx.page)
    based_on = [r for r in ctx.kb.recommendations.values() if r.status == "current" and any(p.partition("#")[0] == english for p in r.related_pages)]
    if based_on and full and full != ctx.page and english != ctx.help_page and editions.of_path(full) is editions.of_path(ctx.page):
        target = posixpath.relpath(full, posixpath.dirname(ctx.page) or ".")
        items = "\n".join(f"- [{r.id}: {render.markdown_title(ctx.local('recommendations', r).title)}]({target}#{r.id})" for r in based_on)
        parts.append(f"## {render.markdown_escape(ctx.ui['recommendations_based'])} {{#recommendations}}\n\n" + items)
    keys = ctx.index.cited.get(ctx.page, [])
    if keys and ctx.page not in ctx.index.shown_by.get("bibliography", []):
        sources = render.render_sources((ctx.kb.references[k] for k in keys), ctx.citations, ui=ctx.ui)
        parts.append(f"## {render.markdown_escape(ctx.ui['sources_heading'])} {{#sources}}\n\n" + sources)
    abbreviations = "\n".join(f"*[{abbr}]: {term}" for abbr, term in abbreviations_shown(ctx))
    if abbreviations:
        parts.append(abbreviations)
    return "\n\n".join(parts)


def abbreviations_shown(ctx: RenderContext) -> list[tuple[str, str]]:
    """(abbreviation, what it stands for) of every glossary term that has one, as the page's tooltips give them
    (render.abbreviation_lines): on a page in another language, the term in that language, under its own abbreviation
    where it has one (PSO) and under the English one too (WHO, as citations write it)."""
    if ctx.language == "en":
        return [(t.abbr, t.term) for t in ctx.kb.glossary.values() if t.abbr]
    shown: dict[str, str] = {}
    for english in ctx.kb.glossary.values():
        if english.abbr:
            term = ctx.local("glossary", english)
            for abbr in (str(term.abbr), english.abbr):
                shown.setdefault(abbr, str(term.term))
    return list(shown.items())


def macro_table() -> str:
    """The README's table of the macros a page can use, one row per registered macro."""
    rows = ["| Macro | Shows |", "|---|---|"]
    rows += [f"| `{m.example}` | {m.summary[0].lower() + m.summary[1:].rstrip('.')} |" for m in REGISTRY.values()]
    return "\n".join(rows)
