"""MkDocs hooks of this site (mkdocs.yml → `hooks:`): build speed, and the HTML policy of every built page.

- MkDocs makes a new Jinja environment for the theme on every build, and every preview reload, so Jinja
  compiles Material's templates again each time: about sixty files, a noticeable share of a build. Jinja's
  bytecode cache keeps them compiled between builds; see peerkb/jinjacache.py for how it stays correct.
- Every page MkDocs writes is checked against the HTML policy (peerkb/htmlpolicy.py) and given its
  Content-Security-Policy. A breach anywhere fails the build, after every page is checked, so the preview,
  the deploy and the tests enforce the same policy and nothing that breaks it is published.
- Every page ends with links for readers who want to report a problem or suggest a change (peerkb/feedback.py):
  they are worked out here for each page, from the configuration and the site index, for the theme to show.
- After every build, Pagefind indexes the built pages for the site's search, and the words search needs
  besides (crisis words, the urgent-help card, the site's vocabulary) are written beside it: see
  peerkb/search.py. The preview, the tests and the deploy all search the same index.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import mkdocs
from jinja2 import Environment
from mkdocs.exceptions import PluginError

from peerkb import feedback, htmlpolicy, search
from peerkb.jinjacache import bytecode_cache
from peerkb.problems import Problem, format_problems

_breaches: list[Problem] = []
_vocabulary: set[str] = set()


def on_env(env: Environment, config: Any, files: Any) -> Environment:
    """Load the theme's compiled templates from the cache instead of compiling them on every build."""
    env.bytecode_cache = bytecode_cache(env, f"mkdocs {mkdocs.__version__}")
    return env


def on_config(config: Any) -> Any:
    """The address for reports, as MkDocs read it (from the environment, with !ENV), is one plain email address;
    `kb check` checks a value written in mkdocs.yml itself (siteconfig.rule_report_settings)."""
    email = (config.extra or {}).get("report_email")
    problem = feedback.email_problem(email) if email not in (None, "") else None
    if problem:
        raise PluginError(f"mkdocs.yml: {problem} ({feedback.EMAIL_HINT})")
    return config


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """The page's links for reporting a problem or suggesting a change, for the theme (partials/page-feedback.html)."""
    index = config.plugins["macros"].variables.get("kb_index")
    files = index.data.get(page.file.src_uri, []) if index is not None else []
    context["kb_feedback"] = feedback.for_page(page, config, files)
    return context


def on_pre_build(config: Any) -> None:
    _breaches.clear()
    _vocabulary.clear()


def _tel_numbers(config: Any) -> set[str]:
    """Numbers a tel: link may dial: the validated helplines, as the helplines macro writes them."""
    kb = config.plugins["macros"].variables.get("kb")
    return {line.number.replace(" ", "") for line in kb.helplines.values()} if kb else set()


def _enforce(output: str, where: str, content: str | None, config: Any) -> str:
    breaches, inline_scripts = htmlpolicy.check_built(output, where, content, _tel_numbers(config), str(config.site_url or ""))
    _breaches.extend(breaches)
    return htmlpolicy.with_csp(output, inline_scripts)


def _headings(items: Any) -> list[str]:
    return [text for item in items for text in [item.title, *_headings(item.children)]]


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Check a built page against the policy and give it its Content-Security-Policy; keep the words of its
    title, headings and keywords for search's spelling suggestions."""
    if not (page.meta.get("search") or {}).get("exclude"):
        for text in [page.title or "", *_headings(page.toc), *(page.meta.get("keywords") or [])]:
            _vocabulary.update(search.words_of(text))
    return _enforce(output, f"docs/{page.file.src_uri} (built as {page.file.dest_uri})", page.content, config)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The same for pages made from a template alone, such as 404.html."""
    if not template_name.endswith(".html"):
        return output_content
    return _enforce(output_content, template_name, None, config)


def on_post_build(config: Any) -> None:
    if _breaches:
        problems = sorted(set(_breaches))
        _breaches.clear()
        raise PluginError("Built pages break the site's HTML policy:\n" + format_problems(problems))
    kb = config.plugins["macros"].variables.get("kb")
    language = config.theme["language"] or "en"
    terms = [text for term in kb.glossary.values() for text in (term.term, term.abbr or "")]
    data = search.search_data(kb, language, str(config.extra.get("help_page") or ""), _vocabulary | {w for t in terms for w in search.words_of(t)})
    search.write_search_data(Path(config.site_dir), language, data)
    try:
        search.index_site(Path(config.site_dir))
    except search.IndexFailed as failed:
        raise PluginError(str(failed)) from None
