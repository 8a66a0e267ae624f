"""What readers download, measured in Chromium: a cold first visit of each page type, and the first search.

The built site is served gzipped, as a static host serves it (lighthouse.serve_site). Each page type opens in a
fresh browser context (an empty cache); every response's transferred size (headers and compressed body, as
Chromium reports it) is summed. Then search is opened with "/" and a query typed, and what that fetches (the
search script, Pagefind, the WebAssembly, the index pieces and the result excerpts) is summed apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .budgets import Budget
from .common import BenchError, free_port, say
from .lighthouse import chrome_path, serve_site
from .weight import KIB, WEIGHED_PAGES

FIRST_VISIT_BUDGET = 100  # KiB, gzip, any page type
FIRST_SEARCH_BUDGET = 200  # KiB, gzip, on top of the visit
QUERY = "peer support worker"


def _transferred(request: Any) -> int:
    sizes = request.sizes()
    return int(sizes.get("responseBodySize", 0)) + int(sizes.get("responseHeadersSize", 0))


def _recording(page: Any) -> list[Any]:
    """The requests of a page, as each finishes."""
    finished: list[Any] = []
    page.on("requestfinished", lambda request: finished.append(request))
    return finished


def measure(site_dir: Path, query: str = QUERY) -> dict[str, dict[str, Any]]:
    """{page type: {first_visit_bytes, first_visit_files, first_search_bytes, first_search_files}} in Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as missing:  # pragma: no cover - the test requirements install it
        raise BenchError("measuring in Chromium needs Playwright (pip install -r requirements-test.txt)") from missing
    results: dict[str, dict[str, Any]] = {}
    with serve_site(site_dir, free_port()) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chrome_path(), args=["--no-sandbox"])
        try:
            for name, path in WEIGHED_PAGES.items():
                if not (site_dir / path / "index.html").is_file():
                    continue
                context = browser.new_context()
                page = context.new_page()
                finished = _recording(page)
                page.goto(base + path, wait_until="networkidle")
                visit = list(finished)
                page.keyboard.press("/")
                page.locator("[data-kb-search-input]").fill(query)
                page.wait_for_function(
                    "q => document.querySelector('[data-kb-search-results]').getAttribute('data-kb-search-done') === q", arg=query, timeout=30000
                )
                page.wait_for_load_state("networkidle")
                searched = finished[len(visit) :]
                results[name] = {
                    "first_visit_bytes": sum(_transferred(r) for r in visit),
                    "first_visit_files": len(visit),
                    "first_search_bytes": sum(_transferred(r) for r in searched),
                    "first_search_files": len(searched),
                }
                context.close()
        finally:
            browser.close()
    return results


def search_budgets(site_dir: Path) -> tuple[list[Budget], dict[str, Any]]:
    say(f"    in Chromium: a cold first visit of each page type, then a first search for '{QUERY}' …")
    measured = measure(site_dir)
    if not measured:
        raise BenchError(f"no page of {', '.join(WEIGHED_PAGES)} is in the build")
    visit = {name: m["first_visit_bytes"] / KIB for name, m in measured.items()}
    first = {name: m["first_search_bytes"] / KIB for name, m in measured.items()}
    heaviest = max(visit, key=visit.__getitem__)
    costliest = max(first, key=first.__getitem__)
    budgets = [
        Budget(
            "cold first visit, heaviest page type (Chromium, gzip)",
            round(visit[heaviest], 1),
            FIRST_VISIT_BUDGET,
            unit="KiB",
            note=f"heaviest: {heaviest}; " + ", ".join(f"{n} {v:.1f}" for n, v in visit.items()) + "; nothing of search loads with a page",
        ),
        Budget(
            "first search, on top of the visit (Chromium, gzip)",
            round(first[costliest], 1),
            FIRST_SEARCH_BUDGET,
            unit="KiB",
            note=f"'{QUERY}' typed on each page type; most from {costliest}",
        ),
    ]
    return budgets, {"search_transfer": measured}
