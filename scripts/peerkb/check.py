"""The whole-project check: every data file and every page, all problems at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import content, schemadocs
from .pages import MACRO_KEYS, PLUGIN_NAMES, SITE_MACROS, Page, Parse, check_pages, parse_template
from .problems import Problem
from .siteindex import SiteIndex, build_index
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


def extra_names(root: Path) -> frozenset[str]:
    """Variables a site defines under `extra:` in mkdocs.yml; pages may use them."""
    from mkdocs.utils.yaml import yaml_load

    path = root / "mkdocs.yml"
    if not path.is_file():
        return frozenset()
    with path.open(encoding="utf-8") as handle:
        config = yaml_load(handle) or {}
    return frozenset((config.get("extra") or {}).keys())


def check_project(root: Path, today: date | None = None, known_names: frozenset[str] | None = None, *, building: bool = False,
                  parse: Parse = parse_template) -> ProjectCheck:
    """Validate data and pages together. Macro keys are only checked against data files that loaded
    cleanly, so one broken file does not bury its own error under a flood of 'unknown key' lines.

    `known_names` are the variables and macros pages may use; by default the site's macros, the
    macros plugin's own names and mkdocs.yml's `extra:` keys.

    `building` is set by the MkDocs build and preview. They skip two rules that change nothing in what is
    built and cost the most time: the plain-language score, which reads every word with a hyphenation
    dictionary, and whether the generated data docs and schemas are current, which generates them again.
    `kb check` (part of the test command, on every pull request and before every deploy) runs every rule.
    The build also passes `parse`, which reads each page as the macros plugin will, so that the plugin can
    compile the check's parse instead of reading the page again."""
    kb, problems = check_data(root)
    broken = {p.file for p in problems}
    if known_names is None:
        known_names = SITE_MACROS | PLUGIN_NAMES | extra_names(root)
    pages, page_problems = check_pages(root, kb, known_names, parse=parse)
    page_problems = [
        p for p in page_problems
        if not any(p.message.startswith(f"{name}():") and any(f.startswith(f"data/{MACRO_KEYS[name]}") for f in broken) for name in MACRO_KEYS)
    ]
    problems += content_problems(root, kb, pages, broken, readability=not building)
    index = build_index(pages, kb)
    rec_page = index.page_for("recommendations")
    if not any(f.startswith("data/recommendations") for f in broken):
        anchors = {rec_page: set(kb.recommendations)} if rec_page else {}
        problems += check_urls(root, anchors)
        if (root / REGISTRY).is_file():
            problems += rule_recommendations_kept(root, kb.recommendations, rec_page, kb.where("recommendations"))
    if not any(f.startswith("data/references") for f in broken) and not page_problems:
        problems += content.rule_references_cited(root, kb, index)
    problems += [] if building else schemadocs.rule_generated_files_current(root)
    today = today or date.today()
    overdue = [p for p in pages if p.meta and p.meta.review_due < today]
    return ProjectCheck(kb, pages, sorted(problems + page_problems), overdue, index)


def content_problems(root: Path, kb: KnowledgeBase, pages: list[Page], broken: set[str], readability: bool = True) -> list[Problem]:
    """Wording, placeholders, plain language (unless `readability` is false) and image alt text, on every page and data file."""
    problems: list[Problem] = content.rule_no_placeholders_in_data(root)
    rules = [] if any(f.startswith("data/wording") for f in broken) else list(kb.wording.values())
    problems += content.rule_wording_in_data(root, rules)
    for page in pages:
        problems += content.rule_wording(page, rules) + content.rule_no_placeholders(page) + content.rule_images_have_alt(page)
        problems += content.rule_readable(page) if readability else []
    return problems
