"""The whole-project check: every data file and every page, all problems at once."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import content, schemadocs
from .editions import EDITIONS, of_path, source_path
from .interface import InterfaceString, check_interface
from .htmlpolicy import rule_page_html, rule_site_assets
from .models import label_problems, search_normal
from .pages import Page, check_pages, macro_calls, without_raw
from .problems import Problem
from .schemadocs import SOURCE
from .siteconfig import edition_problems, read_config
from .siteindex import SiteIndex, build_index
from .snapshot import ProjectFiles
from .translations import TranslationState, rule_translations, translation_states
from .urls import REGISTRY, check_urls, rule_recommendations_kept
from .validate import KnowledgeBase, check_data


@dataclass
class ProjectCheck:
    """What a check found: the valid data, the pages, the problems, and pages due for review."""

    kb: KnowledgeBase
    pages: list[Page]
    problems: list[Problem]
    overdue: list[Page] = field(default_factory=list)
    index: SiteIndex = field(default_factory=SiteIndex)
    files: ProjectFiles | None = None  # what the check read, with the count of reads per file
    help_page: str | None = None  # the urgent-help page (mkdocs.yml extra.help_page), as a path under docs/
    translations: list[TranslationState] = field(default_factory=list)  # every translated page and its state
    interface: dict[str, InterfaceString] = field(default_factory=dict)  # the site's own words (data/interface.yml), by id


def check_project(root: Path, today: date | None = None, *, building: bool = False) -> ProjectCheck:
    """Validate the configuration, data and pages together. Rules that look across files skip kinds of
    data whose files could not be read, so one broken file does not bury its own error under a flood
    of knock-on lines; the problems of such files are listed first.

    `building` is set by the MkDocs build and preview. They skip two rules that change nothing in what is
    built and cost the most time: the plain-language score, which reads every word with a hyphenation
    dictionary, and whether the generated data docs and schemas are current, which generates them again.
    `kb check` (part of the test command, on every pull request and before every deploy) runs every rule."""
    today = today or date.today()
    files = ProjectFiles(root)  # every file is read once, whichever rules look at it
    # The date rules (helplines verified in the future or over a year ago) are part of `kb check`, not of builds.
    kb, problems = check_data(root, today=None if building else today, files=files)
    site, config_problems = read_config(root, files=files)
    problems += config_problems + edition_problems(root, files)
    interface, interface_problems = check_interface(root, files)
    problems += interface_problems
    # Page keys into a kind of data with any problem are checked once that data is fixed: an entry that failed
    # validation is missing from it, and every page using it would be reported again.
    broken = {p.file.removeprefix("data/").split("/")[0].removesuffix(".yml") for p in problems if p.file.startswith("data/")}
    pages, page_problems = check_pages(root, kb, skip_kinds=broken, files=files)
    problems += content_problems(root, kb, pages, readability=not building, files=files)
    problems += rule_help_page(pages, site.help_page) + rule_ids_the_build_adds(pages, kb) + rule_labels_complete()
    problems += rule_translations(pages, root, None if building else today) + rule_english_links(pages)
    problems += [] if "search" in broken else rule_search(pages, kb, site.help_page, site.language)
    index = build_index(pages, kb)
    rec_page = index.page_for("recommendations")
    if "recommendations" not in kb.unloaded_kinds:
        anchors = {rec_page: set(kb.recommendations)} if rec_page else {}
        problems += check_urls(root, anchors, site.redirects, files)
        if (root / REGISTRY).is_file():
            problems += rule_recommendations_kept(root, kb.recommendations, rec_page, kb.where("recommendations"), files)
    if not broken and not page_problems:
        # A source cited only by an entry that failed validation would look uncited.
        problems += content.rule_references_cited(root, kb, index, files)
    problems += [] if building else schemadocs.rule_generated_files_current(root, files, site.nav_pages)
    overdue = [p for p in pages if p.meta and p.meta.review_due < today]
    # Files that could not be read come first: their problem is the cause of any that follow.
    ordered = sorted(problems + page_problems, key=lambda p: (p.file not in kb.unloaded, p))
    return ProjectCheck(kb, pages, ordered, overdue, index, files, site.help_page, translations=translation_states(root, pages), interface=interface)


def rule_ids_the_build_adds(pages: list[Page], kb: KnowledgeBase) -> list[Problem]:
    """The build ends pages with sections of its own: 'Sources' ({#sources}) on every page that cites, and
    'Recommendations based on this page' ({#recommendations}) on pages recommendations draw on. A page's own
    heading with either id would give the page two elements with one id, and break links to one of them."""
    based_on = {f"docs/{path.partition('#')[0]}" for rec in kb.recommendations.values() if rec.status == "current" for path in rec.related_pages}
    problems = []
    for page in pages:
        reserved = {"sources": "the list of sources the build adds to every page that cites"}
        if page.path in based_on:
            reserved["recommendations"] = "the list of recommendations based on this page, which the build adds"
        for index, line in enumerate(page.body.split("\n")):
            for anchor, use in reserved.items():
                if "{#" + anchor + "}" in line:
                    problems.append(
                        Problem(
                            page.path,
                            page.body_line + index,
                            f"the heading id '{anchor}' is kept for {use}",
                            hint=f"give the heading another id, e.g. {{#about-{anchor}}}",
                        )
                    )
    return problems


def rule_labels_complete() -> list[Problem]:
    """Every allowed value that readers see by a label has one (models.LABELLED): a theme added without a label
    would take its recommendations off the recommendations page without a word."""
    hint = "give every allowed value a label beside it in scripts/peerkb/models.py, and remove labels of values that went"
    return [Problem(SOURCE, 1, problem, hint=hint) for problem in label_problems()]


def rule_help_page(pages: list[Page], help_page: str | None) -> list[Problem]:
    """The urgent-help page is always found by public search: a reader in crisis types 'suicide', not a menu path.
    Search shows pages only for contributors apart, after every other result, so the help page is for the public."""
    help_pages = {f"docs/{edition.prefix}{help_page}" for edition in EDITIONS.values()} if help_page else set()
    problems = []
    for page in pages:
        if not (page.path in help_pages and page.meta):
            continue
        if page.meta.search and page.meta.search.exclude:
            problems.append(Problem(page.path, 1, "the urgent-help page may not be left out of search", hint="remove search: exclude from its front matter"))
        elif "public" not in page.meta.audience:
            problems.append(
                Problem(page.path, 1, "the urgent-help page must have the audience public", hint="add public to its audience: search lists it for everyone")
            )
    return problems


def rule_search(pages: list[Page], kb: KnowledgeBase, help_page: str | None, language: str) -> list[Problem]:
    """Search has its words in the site's language and in the language of every edition with pages (docs/lt/ needs
    an entry lt), and no page but an urgent-help page (the English one, or its translation under docs/<language>/)
    claims a crisis word of any language as a keyword (a page could otherwise put itself where a person in distress
    is looking)."""
    if "search" in kb.unloaded_kinds:
        return []
    where = kb.where("search")
    needed = [language, *sorted({content.language_of(page.path) for page in pages} - {language, "en"})]
    missing = [code for code in needed if code not in kb.search]
    if missing:
        return [
            Problem(
                where,
                1,
                f"has no entry for the site's language '{code}'"
                if code == language
                else f"has no entry for '{code}', the language of the pages under docs/{code}/",
                hint=f"add an entry with id: {code}, as for the other languages",
            )
            for code in missing
        ]
    phrases = {search_normal(p) for words in kb.search.values() for p in words.crisis_phrases}
    stems = sorted({search_normal(s) for words in kb.search.values() for s in words.crisis_stems})
    help_pages = {f"docs/{help_page}"} | {f"docs/{code}/{help_page}" for code in content.OTHER_LANGUAGES}
    problems = []
    for page in pages:
        if not page.meta or not page.meta.keywords or page.path in help_pages:
            continue
        for keyword in page.meta.keywords:
            key = search_normal(keyword)
            found = phrases & set(_phrases_in(key)) or {s for s in stems if any(w.startswith(s) for w in key.split())}
            if found:
                problems.append(
                    Problem(
                        page.path,
                        page.front_matter_line("keywords"),
                        f"the keyword '{keyword}' is a crisis word ('{sorted(found)[0]}')",
                        hint="a search for it shows the urgent-help card and page first; only the urgent-help page may list it",
                    )
                )
    return problems


def rule_english_links(pages: list[Page]) -> list[Problem]:
    """english("path.md", "text") links a translated page to an English page with no translation yet: the page must
    be an English page that exists, and the call belongs on translated pages only."""
    english = {page.path.removeprefix("docs/") for page in pages if of_path(page.path.removeprefix("docs/")).code == "en"}
    problems = []
    for page in pages:
        site_path = page.path.removeprefix("docs/")
        for call in macro_calls(page):
            if call.name != "english":
                continue
            target = call.args[0] if call.args else call.kwargs.get("page")
            line = call.line
            if of_path(site_path).code == "en":
                problems.append(Problem(page.path, line, "english() is for translated pages", hint="on an English page, link to the page with a Markdown link"))
            elif not isinstance(target, str) or target.partition("#")[0] not in english:
                problems.append(
                    Problem(
                        page.path,
                        line,
                        f"english(): '{target}' is not an English page",
                        hint="give the path under docs/ of an English page, e.g. practice/employment.md",
                    )
                )
            elif f"{of_path(site_path).prefix}{target.partition('#')[0]}" in {p.path.removeprefix("docs/") for p in pages}:
                translated = of_path(site_path).prefix + target.partition("#")[0]
                relative = posixpath.relpath(source_path(translated), posixpath.dirname(source_path(site_path)) or ".")
                anchor = target.partition("#")[2]  # the hint's link keeps the section the english() link leads to
                relative += f"#{anchor}" if anchor else ""
                problems.append(
                    Problem(
                        page.path,
                        line,
                        f"english(): '{target}' has a translation, docs/{translated}",
                        hint=f"link to the translation with a Markdown link: [text]({relative})",
                    )
                )
    return problems


def _phrases_in(text: str) -> list[str]:
    """Every run of whole words in a normalised text: the phrases it contains."""
    words = text.split()
    return [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)]


def content_problems(root: Path, kb: KnowledgeBase, pages: list[Page], readability: bool = True, files: ProjectFiles | None = None) -> list[Problem]:
    """Wording, placeholders, plain language (unless `readability` is false), image alt text, citations repeated
    in consecutive sentences and the HTML policy, on every page and data file."""
    problems: list[Problem] = content.rule_no_placeholders_in_data(root, files)
    rules = [] if "wording" in kb.unloaded_kinds else list(kb.wording.values())
    problems += content.rule_wording_in_data(root, rules, files) + rule_site_assets(root, files=files)
    for page in pages:
        problems += content.rule_wording(page, rules) + content.rule_no_placeholders(page) + content.rule_images_have_alt(page)
        problems += content.rule_citations_not_repeated(page)
        problems += rule_page_html(page.path, without_raw(page.body), page.body_line)
        problems += content.rule_readable(page) if readability else []
    return problems
