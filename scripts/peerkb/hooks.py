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
- The site has an edition per language (peerkb/editions.py): this build, of the English edition, builds the
  others into its site folder when it is done, before search indexes them all; each page gets the links to its
  translations (the header's language switch, <link rel="alternate" hreflang>), a translated page says whether it
  was reviewed and whether the English has changed since, and one sitemap lists every page with its translations.
- Every page that can be cited gets its citation files beside it, BibTeX and RIS (peerkb/citefiles.py), and the
  pages readers print (print_button: true) get a PDF, printed by headless Chromium after the build
  (peerkb/pdf.py): on every build, not in the preview. The theme links to both through `kb_files`.
"""

from __future__ import annotations

import logging
import os
import posixpath
import subprocess
from pathlib import Path
from typing import Any

import mkdocs
from jinja2 import Environment
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from peerkb import citefiles, editions, feedback, htmlpolicy, pdf, search, siteconfig, sitemap
from peerkb.interface import UiText, project_strings
from peerkb.siteindex import page_url
from peerkb.jinjacache import bytecode_cache
from peerkb.problems import Problem, format_problems

log = logging.getLogger("mkdocs.hooks.peerkb")
_breaches: list[Problem] = []
_vocabulary: set[str] = set()
_command = "build"  # MkDocs' command: 'build', 'gh-deploy' or 'serve' (the preview)
_pdf_mode = "make"  # whether this build makes the PDFs of the pages readers print: 'make' or 'skip' (pdf.mode)
_print_jobs: list[pdf.PrintJob] = []
_told_preview = False  # the preview says once, not on every reload, that it makes no PDFs


def on_env(env: Environment, config: Any, files: Any) -> Environment:
    """Load the theme's compiled templates from the cache instead of compiling them on every build."""
    env.bytecode_cache = bytecode_cache(env, f"mkdocs {mkdocs.__version__}")
    return env


def ui_strings(config: Any) -> UiText:
    """The site's own words in its language, as the macros' check read them (macros.define_env)."""
    ui = (config.extra or {}).get("ui")
    return ui if isinstance(ui, UiText) else project_strings(str(config.theme["language"] or "en"))


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def _commit(config: Any) -> str | None:
    """The short id of the commit the site is built from, when the project is a git checkout (printed on paper)."""
    folder = os.path.dirname(config.config_file_path or "") or "."
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=folder, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and commit.isalnum() else None


def _edition(config: Any) -> editions.Edition:
    return editions.of_language(config.theme["language"])


def _project(config: Any) -> Path:
    return Path(config.config_file_path or "mkdocs.yml").resolve().parent


def _site_root(config: Any) -> Path:
    """The folder of the whole built site: this build's own, or for another edition the one it is built into."""
    folder = Path(config.site_dir)
    for _ in range(_edition(config).prefix.count("/")):
        folder = folder.parent
    return folder


def on_config(config: Any) -> Any:
    """Whether this build makes PDFs, and the version printed at the top of the pages readers print: their review
    date and, when known, the commit. For another edition: the site's root address, and no redirects of its own
    (they are the English edition's)."""
    global _pdf_mode
    edition = _edition(config)
    site_url = str(config.site_url or "")
    config.extra["kb_root_url"] = site_url[: -len(edition.prefix)] if edition.prefix and site_url.endswith(edition.prefix) else site_url
    config.extra["kb_root_up"] = "../" * edition.prefix.count("/")
    if edition.code != editions.ROOT:
        # The server answers a missing address anywhere with the site's one 404 page.
        config.theme.static_templates.discard("404.html")
        # "Edit this page" opens the page's own file, in the edition's folder (edit/main/docs/ → edit/main/docs/lt/).
        if config.edit_uri:
            config.edit_uri = config.edit_uri.rstrip("/") + "/" + edition.prefix
        if "redirects" in config.plugins:
            config.plugins["redirects"].config["redirect_maps"] = {}
    try:
        _pdf_mode = pdf.mode(_command, os.environ.get(pdf.ENV))
    except pdf.PdfFailed as failed:
        raise PluginError(str(failed)) from None
    config.extra["build_commit"] = _commit(config)
    check_report_email(config)
    return config


def check_report_email(config: Any) -> None:
    """The address for reports, as MkDocs read it (from the environment, with !ENV), is one plain email address;
    `kb check` checks a value written in mkdocs.yml itself (siteconfig.rule_report_settings)."""
    email = (config.extra or {}).get("report_email")
    problem = feedback.email_problem(email) if email not in (None, "") else None
    if problem:
        raise PluginError(f"mkdocs.yml: {problem} ({feedback.EMAIL_HINT})")


def on_files(files: Any, config: Any) -> Any:
    """Another edition publishes the site's own scripts and stylesheets (docs/assets/) in its folder too."""
    edition = _edition(config)
    if edition.code == editions.ROOT:
        return files
    from mkdocs.structure.files import File

    docs = _project(config) / "docs"
    for asset in sorted((docs / "assets").rglob("*")):
        if asset.is_file():
            files.append(File(asset.relative_to(docs).as_posix(), str(docs), config.site_dir, config.use_directory_urls))
    return files


def on_pre_build(config: Any) -> None:
    _breaches.clear()
    _vocabulary.clear()
    _print_jobs.clear()


def _tel_numbers(config: Any) -> set[str]:
    """Numbers a tel: link may dial: the validated helplines, as the helplines macro writes them."""
    kb = config.plugins["macros"].variables.get("kb")
    return {line.number.replace(" ", "") for line in kb.helplines.values()} if kb else set()


def _enforce(output: str, where: str, content: str | None, config: Any) -> str:
    breaches, inline_scripts = htmlpolicy.check_built(
        output, where, content, _tel_numbers(config), str(config.extra.get("kb_root_url") or config.site_url or "")
    )
    _breaches.extend(breaches)
    return htmlpolicy.with_csp(output, inline_scripts)


def _headings(items: Any) -> list[str]:
    return [text for item in items for text in [item.title, *_headings(item.children)]]


def _citable(page: Any) -> bool:
    return bool(page.meta.get("title") and page.meta.get("last_reviewed"))


def _beside(page: Any, name: str) -> str:
    """The path in the built site of a file in the page's folder."""
    return posixpath.join(posixpath.dirname(page.file.dest_uri), name)


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    """The theme's links to the page's citation files and, for a page readers print, to its PDF (when this build
    makes it: a link that leads nowhere is left out); and its links for reporting a problem or suggesting a change
    (partials/page-feedback.html), with the data files it shows."""
    index = config.plugins["macros"].variables.get("kb_index")
    data_files = index.data.get(_site_path(page, config), []) if index is not None else []
    context["kb_languages"], context["kb_translation"] = _languages(page, config)
    context["kb_switch_note"] = _edition(config).switch_note
    context["kb_feedback"] = feedback.for_page(page, config, data_files, ui_strings(config))
    if _citable(page):
        files = {"bib": citefiles.BIBTEX_FILE, "ris": citefiles.RIS_FILE}
        if page.meta.get("print_button") and _pdf_mode == "make":
            files["pdf"] = pdf.pdf_name(page.url)
        context["kb_files"] = {kind: get_relative_url(_beside(page, name), page.url) for kind, name in files.items()}
        context["kb_files"]["stem"] = citefiles.page_stem(page.url)
    return context


def _site_path(page: Any, config: Any) -> str:
    """The page's path under docs/, with its edition's folder: 'lt/peer-support/forms.md'."""
    return _edition(config).prefix + page.file.src_uri


def _languages(page: Any, config: Any) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """The page in every edition, for the language switch and the hreflang links: each with its code and name, a
    link from this page (to the page, or to that edition's home with its note when there is none), its published
    address and whether it exists. And, for a translated page, its state: reviewed or not, and whether the English
    page has changed since it was translated."""
    docs = _project(config) / "docs"
    here = _site_path(page, config)
    current_url = _edition(config).prefix + page.url
    root_url = str(config.extra.get("kb_root_url") or "")
    languages = []
    for edition in editions.EDITIONS.values():
        target = editions.in_edition(here, edition)
        exists = (docs / target).is_file()
        url = page_url(target) if exists else f"{edition.prefix}#{edition.switch_note}"
        languages.append(
            {
                "code": edition.code,
                "name": edition.name,
                "current": edition.code == _edition(config).code,
                "exists": exists,
                "href": get_relative_url(url.partition("#")[0] or ".", current_url) + (f"#{url.partition('#')[2]}" if "#" in url else ""),
                "url": root_url + page_url(target) if exists else None,
            }
        )
    translation = page.meta.get("translation")
    if not translation:
        return languages, None
    source = str(translation.get("source") or "")
    english = editions.EDITIONS[editions.ROOT]
    state = {
        "reviewed": translation.get("reviewed") or None,
        "stale": editions.page_checksum(docs, source) != translation.get("source_sha256"),
        "source_href": get_relative_url(page_url(english.prefix + source), current_url),
    }
    return languages, state


def _write_citation_files(page: Any, config: Any) -> None:
    meta = page.meta
    citation = citefiles.PageCitation(
        path=page.url,
        author=config.site_name,
        title=meta["title"],
        reviewed=meta["last_reviewed"],
        url=page.canonical_url or page.abs_url or page.url,
        language=config.theme["language"] or "en",
        licence=((config.extra.get("licence") or {}).get("name")) or None,
        ui=ui_strings(config),
    )
    for name, text in ((citefiles.BIBTEX_FILE, citefiles.bibtex(citation)), (citefiles.RIS_FILE, citefiles.ris(citation))):
        target = Path(config.site_dir) / _beside(page, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Check a built page against the policy and give it its Content-Security-Policy; keep the words of its
    title, headings and keywords for search's spelling suggestions; write its citation files, and note it for
    printing if readers print it."""
    if not (page.meta.get("search") or {}).get("exclude"):
        for text in [page.title or "", *_headings(page.toc), *(page.meta.get("keywords") or [])]:
            _vocabulary.update(search.words_of(text))
    if _citable(page):
        _write_citation_files(page, config)
        if page.meta.get("print_button"):
            url = page.canonical_url or page.abs_url or page.url
            _print_jobs.append(pdf.PrintJob(f"docs/{_site_path(page, config)}", page.url, url, _beside(page, pdf.pdf_name(page.url))))
    return _enforce(output, f"docs/{_site_path(page, config)} (built as {_edition(config).prefix}{page.file.dest_uri})", page.content, config)


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
    edition = _edition(config)
    terms = [text for term in kb.glossary.values() for text in (term.term, term.abbr or "")]
    help_url = edition.prefix + str(config.extra.get("help_page") or "")
    data = search.search_data(kb, edition.code, help_url, _vocabulary | {w for t in terms for w in search.words_of(t)})
    search.write_search_data(_site_root(config), edition.code, data)
    _make_pdfs(config)
    if edition.code != editions.ROOT:
        return
    # The English edition is built: now the others, into its folder; then search indexes every page of every edition.
    for other in editions.TRANSLATED:
        _build_edition(other, config)
    sitemap.write_sitemaps(Path(config.site_dir), _project(config) / "docs", str(config.extra.get("kb_root_url") or ""))
    try:
        search.index_site(Path(config.site_dir))
    except search.IndexFailed as failed:
        raise PluginError(str(failed)) from None


def _build_edition(edition: editions.Edition, config: Any) -> None:
    """Build another edition into this build's site folder, from its configuration (checked first with the safe
    loader: MkDocs' own loader would run a tag in it as code)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = _project(config)
    if not (project / edition.config).is_file():
        return
    problems = siteconfig.read_edition_config(project, edition)[1]
    if problems:
        raise PluginError("The configuration of an edition has problems:\n" + format_problems(problems))
    site_url = str(config.site_url or "")
    sub = load_config(
        config_file=str(project / edition.config),
        site_dir=str(Path(config.site_dir) / edition.prefix),
        site_url=(site_url if site_url.endswith("/") else site_url + "/") + edition.prefix if site_url else None,
    )
    sub.plugins.on_startup(command=_command, dirty=False)  # type: ignore[arg-type]
    try:
        build(sub)
    finally:
        sub.plugins.on_shutdown()


def _make_pdfs(config: Any) -> None:
    """The PDFs of the pages readers print, unless this is the preview (or KB_PDF=skip)."""
    global _told_preview
    if not _print_jobs:
        return
    if _pdf_mode == "skip":
        if _command != "serve":
            log.info(pdf.SKIP_NOTE.format(count=len(_print_jobs)))
        elif not _told_preview:
            log.info(pdf.PREVIEW_NOTE)
            _told_preview = True
        return
    try:
        seconds = pdf.make_pdfs(Path(config.site_dir), list(_print_jobs))
    except pdf.PdfFailed as failed:
        raise PluginError(str(failed)) from None
    count = len(_print_jobs)
    log.info(f"Printed {count} page{'s' if count != 1 else ''} to PDF with Chromium in {seconds:.1f} s.")
