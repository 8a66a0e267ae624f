"""URLs that never break: a committed registry of every published address, checked on every run.

`published-urls.txt` lists each page URL (and each permanent anchor, such as a recommendation's id)
that has ever been published. Entries are only ever added. Every check then asks of each one: is
there still a page at this address, with this anchor, or a redirect from it (mkdocs.yml →
redirects → redirect_maps) to a page that exists? A page moved without a redirect fails the check,
naming the line of the registry and the fix.
"""

from __future__ import annotations

from pathlib import Path

from .problems import Problem
from .siteconfig import page_of as page_for_url
from .siteindex import page_url
from .snapshot import ProjectFiles, files_of

REGISTRY = "published-urls.txt"
HEADER = """\
# Every URL this site has published, one per line (path from the site root; '#' adds an anchor).
# Entries are only ever added: people cite these addresses. `python3 scripts/run.py urls` adds new
# pages and anchors. To move a page, keep its old address working with a redirect: see the README,
# "Moving a page". Lines starting with '#' followed by a space are comments.
"""


def docs_pages(root: Path) -> list[str]:
    """Paths of every page under docs/, relative to docs/."""
    docs = root / "docs"
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))


def read_registry(root: Path, files: ProjectFiles | None = None) -> list[tuple[int, str]]:
    """(line number, URL) for every entry of the registry; an absent registry has none."""
    return [(number, url) for number, url, _ in read_registry_dated(root, files)]


def read_registry_dated(root: Path, files: ProjectFiles | None = None) -> list[tuple[int, str, str | None]]:
    """(line number, URL, date first published or None) for every entry. Recommendation anchors carry
    the date the recommendation was added, which is how a reused id is caught."""
    path = root / REGISTRY
    if not path.is_file():
        return []
    entries = []
    for number, line in enumerate(files_of(root, files).text(path).splitlines(), start=1):
        text = line.strip()
        if text and not text.startswith("# ") and text != "#":
            url, _, when = text.partition(" ")
            entries.append((number, url, when.strip() or None))
    return entries


def anchors_on(root: Path, page: str, files: ProjectFiles | None = None) -> set[str]:
    """Explicit heading ids ({#id}) written on a page, the anchors this site promises to keep."""
    import re

    text = files_of(root, files).text(root / "docs" / page)
    return set(re.findall(r"\{#([A-Za-z0-9_-]+)\}", text))


def rule_registered_urls_resolve(
    root: Path, extra_anchors: dict[str, set[str]] | None = None, redirects: dict[str, str] | None = None, files: ProjectFiles | None = None
) -> list[Problem]:
    """Every registered URL still leads somewhere: to its page and anchor, or through a redirect.

    `extra_anchors` are anchors that macros add to pages (for example recommendation ids), by page;
    `redirects` are mkdocs.yml's redirect_maps (old page → new page), as siteconfig read them."""
    pages = set(docs_pages(root))
    redirects = redirects or {}
    extra_anchors = extra_anchors or {}
    problems = []
    for line, url in read_registry(root, files):
        path, _, anchor = url.partition("#")
        page = page_for_url(path, pages)
        if page is None:
            old = page_for_url(path, set(redirects))
            if old and redirects[old] in pages:
                continue  # the old address redirects to a page that exists
            problems.append(
                Problem(
                    REGISTRY,
                    line,
                    f"'{url}' no longer resolves: no page is published there and no redirect leads on from it",
                    hint="if the page moved, add it to mkdocs.yml under redirects → redirect_maps, "
                    f"e.g. '{(path.strip('/') or 'index') + '.md'}': 'new/place.md'",
                )
            )
        elif anchor and anchor not in anchors_on(root, page, files) | extra_anchors.get(page, set()):
            problems.append(
                Problem(
                    REGISTRY,
                    line,
                    f"'{url}' no longer resolves: docs/{page} has no heading with the id '{anchor}'",
                    hint="keep the heading id when you rename a heading: ## New words {#" + anchor + "}",
                )
            )
    return problems


def published_url(page: str) -> str:
    """A page's address as the registry writes it: from the site root, with a leading slash."""
    return "/" + page_url(page)


def rule_pages_registered(root: Path, files: ProjectFiles | None = None) -> list[Problem]:
    """Every published page is in the registry, so its address is protected from then on."""
    registered = {url for _, url in read_registry(root, files)}
    return [
        Problem(f"docs/{page}", 1, f"the page's address '{published_url(page)}' is not registered in {REGISTRY}", hint="run: python3 scripts/run.py urls")
        for page in docs_pages(root)
        if published_url(page) not in registered
    ]


def check_urls(
    root: Path, extra_anchors: dict[str, set[str]] | None = None, redirects: dict[str, str] | None = None, files: ProjectFiles | None = None
) -> list[Problem]:
    """Both URL rules, for a project that keeps a registry (a project without one has opted out)."""
    if not (root / REGISTRY).is_file():
        return []
    files = files_of(root, files)
    return rule_registered_urls_resolve(root, extra_anchors, redirects, files) + rule_pages_registered(root, files)


def rule_registry_only_grows(root: Path, base: Path) -> list[Problem]:
    """Every address in an earlier copy of the registry (the base branch's, on a pull request) is still in it.
    Removing a page together with its line would otherwise pass every other rule. Lines are those of `base`."""
    now = {url for _, url in read_registry(root)}
    problems = []
    for number, line in enumerate(base.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith("# ") or text == "#":
            continue
        url = text.partition(" ")[0]
        if url not in now:
            problems.append(
                Problem(
                    REGISTRY,
                    number,
                    f"'{url}' was removed; published addresses are never removed",
                    hint='put the line back; if the page moved, add a redirect from its old path (README, "Moving a page")',
                )
            )
    return problems


def rule_recommendations_kept(root: Path, recommendations: dict, page: str | None, where: str, files: ProjectFiles | None = None) -> list[Problem]:
    """A published recommendation is never deleted, and its id never reused for another one."""
    if page is None:
        return []
    from .validate import entry_lines

    lines = entry_lines(root, "recommendations", files)
    prefix = published_url(page) + "#"
    problems = []
    for number, url, when in read_registry_dated(root, files):
        if not url.startswith(prefix):
            continue
        rec_id = url[len(prefix) :]
        rec = recommendations.get(rec_id)
        file, line = lines.get(rec_id, (where, 1))
        if rec_id not in lines:
            problems.append(
                Problem(
                    file,
                    line,
                    f"recommendation {rec_id} was published ({REGISTRY}:{number}) but is no longer in the data",
                    hint="never delete a recommendation: keep it with status: retired and a status_note saying why",
                )
            )
        elif rec is not None and when and rec.added.isoformat() != when:
            problems.append(
                Problem(
                    file,
                    line,
                    f"id {rec_id} was first published on {when}, but this entry was added on {rec.added.isoformat()}",
                    entry=rec_id,
                    field="id",
                    hint=f"ids are never reused: give the new recommendation the next free id and keep {rec_id} as it was (retired if it no longer stands)",
                )
            )
    return problems


def register(root: Path, anchors: list[str] | None = None) -> list[str]:
    """Add every page URL (and the given anchors, 'URL' or 'URL DATE') not registered yet; return what was added."""
    path = root / REGISTRY
    known = [url for _, url in read_registry(root)]
    new = [u for u in [published_url(p) for p in docs_pages(root)] + (anchors or []) if u.partition(" ")[0] not in known]
    if new:
        text = path.read_text(encoding="utf-8") if path.is_file() else HEADER
        if not text.endswith("\n"):
            text += "\n"
        path.write_text(text + "".join(f"{u}\n" for u in new), encoding="utf-8")
    return new
