"""mkdocs.yml, read without running anything, and the settings that keep contributed text from running code.

MkDocs reads mkdocs.yml with a YAML loader that can build any Python object a tag names
(`!!python/object/apply:os.system`), so the file is read here first, with the project's safe loader,
which knows only plain YAML and `!ENV`. `kb build`, `kb preview` and `kb check` (and so the test
command and the deploy) run this before MkDocs ever opens the file.

The rules below guard what the site's safety rests on:
- pages are rendered by this package in a sandbox (pages.PageSandbox), never by the macros plugin itself,
  so the plugin must not render pages by default, and must load only this package's macros;
- redirects stay inside the site: a redirect leads to a page of this site, never from one that exists;
- the urgent-help page (`extra.help_page`) exists and is never redirected away;
- the ways readers report a problem lead somewhere: the page on reporting errors (`extra.report_page`) exists,
  and the address for reports (`extra.report_email`) is one plain email address and nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .editions import TRANSLATED, Edition, source_path
from .feedback import EMAIL_HINT, email_problem
from .problems import Problem
from .snapshot import ProjectFiles, files_of
from .yamlsrc import EnvValue, Located, load_yaml

CONFIG = "mkdocs.yml"
# The only hook file and the only macros module a build may load: code, reviewed by maintainers.
HOOKS = ["scripts/peerkb/hooks.py"]
MACRO_MODULES = ["peerkb.macros"]


@dataclass
class SiteConfig:
    """What the rest of the check needs from mkdocs.yml: redirects and the urgent-help page."""

    redirects: dict[str, str] = field(default_factory=dict)
    help_page: str | None = None  # its path under docs/, e.g. 'get-help-now.md'
    site_url: str = "/"
    nav_pages: frozenset[str] = frozenset()  # every page the navigation lists, by path under docs/
    language: str = "en"  # theme.language: the language of the pages, of the interface and of search


def _plugin(data: dict[str, Any], name: str) -> tuple[int | None, dict[str, Any] | None]:
    """(index in plugins, its settings) of a plugin listed in mkdocs.yml, or (None, None)."""
    for index, item in enumerate(data.get("plugins") or []):
        if item == name:
            return index, {}
        if isinstance(item, dict) and name in item:
            return index, item[name] or {}
    return None, None


def page_of(url: str, pages: set[str]) -> str | None:
    """The page under docs/ published at a site-relative `url` ('a/b/' → 'a/b.md' or 'a/b/index.md')."""
    path = url.partition("#")[0].strip("/")
    candidates = ["index.md"] if not path else [f"{path}.md", f"{path}/index.md"]
    return next((c for c in candidates if c in pages), None)


def rule_macros_plugin(data: dict[str, Any], located: Located) -> list[Problem]:
    """The macros plugin loads only this package's macros and never renders a page itself."""
    index, settings = _plugin(data, "macros")
    if index is None or settings is None:
        return [
            Problem(CONFIG, located.line(("plugins",)), "the macros plugin is not configured", hint="list it under plugins: as in the project's own mkdocs.yml")
        ]
    line = located.line(("plugins", index, "macros"))
    problems = []
    if settings.get("render_by_default") is not False:
        problems.append(
            Problem(
                CONFIG,
                line,
                "macros: render_by_default must be false",
                hint="pages are rendered by the site's package in a sandbox; the plugin's own rendering would give pages the build's internals",
            )
        )
    if settings.get("modules") != MACRO_MODULES:
        problems.append(
            Problem(
                CONFIG,
                line,
                f"macros: modules must be {MACRO_MODULES}",
                hint="the site's macros live in scripts/peerkb/macros.py; a build loads no other module",
            )
        )
    for key in ("include_dir", "include_yaml", "force_render_paths"):
        if settings.get(key):
            problems.append(
                Problem(
                    CONFIG, line, f"macros: {key} is not allowed", hint="pages cannot include files or force the plugin's own rendering; remove the setting"
                )
            )
    return problems


def rule_report_settings(extra: dict[str, Any], pages: set[str], located: Located) -> list[Problem]:
    """Every page's "Report a problem" links lead somewhere: `report_page` is the address of a page of this site, and
    `report_email` one plain email address (a value such as 'a@b.org?bcc=c@d.example' would copy every reader's
    message to someone else). A value from the environment (!ENV) is checked at build time (hooks.py)."""
    problems = []
    page = extra.get("report_page")
    if "report_page" in extra and not (isinstance(page, str) and page_of(page, pages)):
        problems.append(
            Problem(
                CONFIG,
                located.line(("extra", "report_page")),
                f"extra: report_page '{page}' is not the address of a page",
                hint="give the address of the page on reporting errors, e.g. about/report-an-error/",
            )
        )
    email = extra.get("report_email")
    email = email.default if isinstance(email, EnvValue) else email  # from the environment: its default, if any
    if "report_email" in extra and email not in (None, ""):
        problem = email_problem(email)
        if problem:
            problems.append(Problem(CONFIG, located.line(("extra", "report_email")), problem, hint=EMAIL_HINT))
    return problems


def rule_hooks(root: Path, data: dict[str, Any], located: Located) -> list[Problem]:
    """MkDocs runs every file listed under hooks: as Python: only the site's own hooks file may be listed, and
    where the project has it, it must be (it checks every built page against the HTML policy)."""
    hooks = data.get("hooks") or []
    required = [h for h in HOOKS if (root / h).is_file()]
    if any(h not in HOOKS for h in hooks) or any(h not in hooks for h in required):
        return [
            Problem(
                CONFIG,
                located.line(("hooks",)),
                f"hooks must be {required or HOOKS}, not {hooks}",
                hint="MkDocs runs every hooks file as code, and the site's own one checks every built page; change scripts/peerkb/hooks.py instead",
            )
        ]
    return []


def rule_redirects(redirects: dict[Any, Any], pages: set[str], help_page: str | None, located: Located, path: tuple) -> list[Problem]:
    """Every redirect leads from an address that no page uses to a page of this site."""
    problems = []
    for source, target in redirects.items():
        line = located.line((*path, source))
        where = f"redirect '{source}'"
        if not isinstance(source, str) or not isinstance(target, str):
            problems.append(Problem(CONFIG, line, f"{where}: old and new addresses must both be page paths", hint="write 'old/page.md': 'new/page.md'"))
            continue
        if "://" in target or target.startswith(("//", "/")) or ":" in target.partition("#")[0]:
            problems.append(
                Problem(
                    CONFIG,
                    line,
                    f"{where} leads off the site, to '{target}'",
                    hint="a redirect may only lead to a page of this site, given as its path under docs/, e.g. 'peer-support/forms.md'",
                )
            )
        elif target.partition("#")[0] not in pages:
            problems.append(
                Problem(CONFIG, line, f"{where} leads to '{target}', which is not a page of this site", hint="give the new page's path under docs/")
            )
        if source == help_page:
            problems.append(
                Problem(
                    CONFIG,
                    line,
                    f"{where}: the urgent-help page may never be redirected",
                    hint="readers in crisis and other sites link to it; edit the page instead",
                )
            )
        elif source in pages:
            problems.append(
                Problem(
                    CONFIG,
                    line,
                    f"{where}: docs/{source} exists, so a redirect would hide it",
                    hint="a redirect keeps the address of a page that has moved; remove it, or move the page first",
                )
            )
    return problems


def read_config(root: Path, pages: set[str] | None = None, files: ProjectFiles | None = None) -> tuple[SiteConfig, list[Problem]]:
    """mkdocs.yml read safely, with every problem in the settings above. A project without one has nothing to check."""
    path = root / CONFIG
    if not path.is_file():
        return SiteConfig(), []
    located, problems = load_yaml(files_of(root, files).text(path), CONFIG, extra_tags=frozenset({"!ENV"}))
    if located is None:
        return SiteConfig(), problems
    data = located.data if isinstance(located.data, dict) else {}
    if pages is None:
        docs = root / "docs"
        pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} if docs.is_dir() else set()
    extra: dict[str, Any] = data["extra"] if isinstance(data.get("extra"), dict) else {}
    help_url = extra.get("help_page")
    help_page = page_of(help_url, pages) if isinstance(help_url, str) else None
    if isinstance(help_url, str) and help_page is None:
        problems.append(
            Problem(
                CONFIG,
                located.line(("extra", "help_page")),
                f"extra: help_page '{help_url}' is not the address of a page",
                hint="the urgent-help page must exist; give its address, e.g. get-help-now/",
            )
        )
    index, settings = _plugin(data, "redirects")
    redirects = dict((settings or {}).get("redirect_maps") or {})
    if index is not None:
        problems += rule_redirects(redirects, pages, help_page, located, ("plugins", index, "redirects", "redirect_maps"))
    problems += rule_macros_plugin(data, located) + rule_hooks(root, data, located) + rule_report_settings(extra, pages, located)
    site_url = data.get("site_url")
    site_url = site_url.default if isinstance(site_url, EnvValue) else site_url
    redirect_map = {str(k): str(v) for k, v in redirects.items()}
    theme = data["theme"] if isinstance(data.get("theme"), dict) else {}
    language = str(theme.get("language") or "en")
    return SiteConfig(redirect_map, help_page, str(site_url or "/"), frozenset(nav_pages(data.get("nav"))), language), problems


def nav_pages(nav: Any) -> list[str]:
    """Every page path listed in mkdocs.yml's nav, at any depth ('Title: page.md', sections, bare paths)."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, list):
        return [page for item in nav for page in nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_pages(value)]
    return []


def config_problems(root: Path) -> list[Problem]:
    """Only the problems: what `kb build` and `kb preview` ask before MkDocs opens the files."""
    return read_config(root)[1] + edition_problems(root)


# What an edition's configuration (mkdocs.lt.yml) may set: it inherits everything else from mkdocs.yml, so that its
# plugins, hooks, Markdown extensions and scripts are the reviewed ones. MkDocs would read any tag in it as code.
EDITION_KEYS = {"INHERIT", "docs_dir", "site_name", "site_description", "theme", "extra", "nav"}
EDITION_THEME_KEYS = {"language"}
EDITION_EXTRA_KEYS = {"publisher"}


def read_edition_config(root: Path, edition: Edition, files: ProjectFiles | None = None) -> tuple[frozenset[str], list[Problem]]:
    """An edition's configuration, read with the safe loader: (the pages its navigation lists, as site paths
    'lt/…', and its problems). It may only inherit mkdocs.yml and change its language, names and navigation."""
    name = edition.config
    path = root / name
    if not path.is_file():
        return frozenset(), []
    located, problems = load_yaml(files_of(root, files).text(path), name)
    if located is None:
        return frozenset(), problems
    if not isinstance(located.data, dict):
        return frozenset(), [Problem(name, 1, "is not a mapping of settings", hint="start from the project's own file")]
    data: dict[str, Any] = located.data
    hint = f"{name} inherits everything else from {CONFIG}: change the setting there, for every language"
    for key in data:
        if key not in EDITION_KEYS:
            problems.append(Problem(name, located.line((key,)), f"'{key}' may not be set here", hint=hint))
    expected = {"INHERIT": CONFIG, "docs_dir": f"docs/{edition.prefix.rstrip('/')}"}
    for key, value in expected.items():
        if data.get(key) != value:
            problems.append(
                Problem(
                    name,
                    located.line((key,)) if key in data else 1,
                    f"{key} must be '{value}'",
                    hint=f"the {edition.english_name} edition is built from {value}",
                )
            )
    for key in ("site_name", "site_description"):
        text = data.get(key)
        if key in data and not (isinstance(text, str) and text.strip() and not set(text) & set('<>"')):
            problems.append(Problem(name, located.line((key,)), f"{key} must be plain text", hint='no <, > or "'))
    for section, allowed in (("theme", EDITION_THEME_KEYS), ("extra", EDITION_EXTRA_KEYS)):
        settings = data.get(section)
        if section in data and not isinstance(settings, dict):
            problems.append(Problem(name, located.line((section,)), f"{section} must be a mapping", hint=hint))
            continue
        for key, value in (settings or {}).items():
            if key not in allowed:
                problems.append(Problem(name, located.line((section, key)), f"'{section}: {key}' may not be set here", hint=hint))
            elif not isinstance(value, str) or set(value) & set('<>"'):
                problems.append(Problem(name, located.line((section, key)), f"'{section}: {key}' must be plain text", hint='no <, > or "'))
    theme = data.get("theme")
    if (theme.get("language") if isinstance(theme, dict) else None) != edition.code:
        problems.append(
            Problem(name, located.line(("theme",)) if "theme" in data else 1, f"theme: language must be '{edition.code}'", hint="the edition's language")
        )
    listed = [edition.prefix + page for page in nav_pages(data.get("nav"))]
    docs = root / "docs"
    for page in listed:
        if not (docs / page).is_file():
            problems.append(
                Problem(
                    name,
                    located.line(("nav",)),
                    f"nav lists '{source_path(page)}', which is not a page of docs/{edition.prefix}",
                    hint="list only pages that exist",
                )
            )
    return frozenset(listed), problems


def edition_problems(root: Path, files: ProjectFiles | None = None) -> list[Problem]:
    """The problems of every edition's configuration."""
    return [problem for edition in TRANSLATED for problem in read_edition_config(root, edition, files)[1]]
