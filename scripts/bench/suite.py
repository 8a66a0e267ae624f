"""`kb bench`: every measurement except Lighthouse, in one run, on copies of the project in a workspace. Each
step is a module of its own; this one puts them in order and turns what they measure into budgets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .budgets import Budget, per_thousand_words, scaling_ratio
from .builds import alternate_builds, count_file_reads, timed_build
from .common import say
from .plainsite import docs_words, make_plain_site, make_published_plain_site
from .reload import RELOAD_ROUNDS, Preview, alternate_reloads, edit_glossary_definition, edit_glossary_page, reload_budget
from .searchcost import search_budgets
from .weight import weigh_pages
from .copies import add_copies, copy_project, keep_copies_out_of_nav, register_copies


def parse_scales(text: str) -> list[int]:
    """'1,10,50' → [1, 10, 50]; every scale a whole number of at least 1."""
    try:
        scales = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise ValueError(f"scales are whole numbers separated by commas, e.g. 1,10,50; not {text!r}") from None
    if not scales or scales[0] < 1:
        raise ValueError(f"scales are whole numbers of at least 1, e.g. 1,10,50; not {text!r}")
    return scales


def run_bench(root: Path, scales: list[int], repeats: int, scale_repeats: int, work: Path) -> tuple[list[Budget], dict[str, Any]]:
    """Every measurement of `kb bench` except Lighthouse, on copies of the project under `work`."""
    budgets: list[Budget] = []
    m: dict[str, Any] = {"repeats": repeats, "scale_repeats": scale_repeats}
    project = copy_project(root, work / "project")
    pages, words = docs_words(project / "docs")
    m["pages"], m["words"] = pages, words

    say(
        f"1/6 Building this site (strict) and a plain Material site with the same published words, in turn, best of {repeats} "
        f"after a warm-up … ({pages} pages, {words} words of Markdown)"
    )
    site_dir = work / "site"
    published = make_published_plain_site(project, work / "plain", work)
    published_words = docs_words(published / "docs")[1]
    site_times, published_times = alternate_builds([(project, site_dir, True), (published, work / "plain-site", False)], repeats)
    say(f"    this site: {min(site_times):.2f} s; plain Material with the same {published_words} published words: {min(published_times):.2f} s")

    say("2/6 Weighing pages on first load …")
    weight_budgets, weight_m = weigh_pages(site_dir)
    m.update(weight_m)
    transfer_budgets, transfer_m = search_budgets(site_dir)
    weight_budgets += transfer_budgets
    m.update(transfer_m)

    say("3/6 Counting file reads in one build …")
    reads = count_file_reads(project, work / "site-loads")
    m["file_reads"] = dict(reads)
    most = max(reads.values()) if reads else None
    budgets.append(Budget("file reads per build", most, 1, note=f"{len(reads)} files read by the site's code, each {most} time(s) per build"))

    say(f"4/6 Building a plain Material site from the source Markdown with macro calls removed, for reference, best of {repeats} …")
    stripped = make_plain_site(project, work / "plain-source")
    stripped_words = docs_words(stripped / "docs")[1]
    stripped_times = timed_build(stripped, work / "plain-source-site", repeats, strict=False, warm_up=True)
    say(f"    {stripped_words} words: {min(stripped_times):.2f} s (it lacks everything the data adds to the pages)")
    site_k, plain_k = per_thousand_words(min(site_times), published_words), per_thousand_words(min(published_times), published_words)
    m["build"] = {
        "site_seconds": site_times,
        "published_words": published_words,
        "plain_seconds": published_times,
        "site_seconds_per_1000_words": site_k,
        "plain_seconds_per_1000_words": plain_k,
        "source_plain": {
            "words": stripped_words,
            "seconds": stripped_times,
            "seconds_per_1000_words": per_thousand_words(min(stripped_times), stripped_words),
            "ratio": round(per_thousand_words(min(site_times), words) / per_thousand_words(min(stripped_times), stripped_words), 2),
        },
    }
    budgets.insert(
        0,
        Budget(
            "build time per 1,000 published words, this site ÷ plain Material",
            round(site_k / plain_k, 2),
            1.3,
            note=f"{site_k:.3f} s vs {plain_k:.3f} s per 1,000 words (best of {repeats}); the plain site has the same "
            f"{published_words} published words, written out, without macros or data",
        ),
    )

    rounds = max(1, min(repeats, RELOAD_ROUNDS))
    say(f"5/6 Timing the preview's reload after a data edit beside plain Material's after a page edit, in turn, best of {rounds} …")
    site_reloads, plain_reloads = alternate_reloads(
        [Preview(project, edit_glossary_definition, strict=True), Preview(published, edit_glossary_page, strict=False)], rounds
    )
    reload = reload_budget(min(site_reloads), min(plain_reloads), rounds)
    m["reload"] = {"site_seconds": site_reloads, "plain_seconds": plain_reloads, "ratio": reload.measured}
    say(f"    this site: {min(site_reloads):.2f} s; plain Material: {min(plain_reloads):.2f} s")
    budgets.append(reload)

    say(f"6/6 Building at {', '.join(f'{s}×' for s in scales)} the content …")
    keep_copies_out_of_nav(project)
    per_page: dict[int, float] = {}
    scale_m: dict[str, Any] = {}
    have = 1
    for scale in sorted(scales):
        if scale > have:
            add_copies(project, have, scale - 1)
            have = scale
        register_copies(project)
        count = docs_words(project / "docs")[0]
        times = site_times if scale == 1 else timed_build(project, work / f"site-{scale}", scale_repeats)
        best = min(times)
        per_page[scale] = best / count
        scale_m[str(scale)] = {"pages": count, "seconds": times, "seconds_per_page": per_page[scale]}
        say(f"    {scale}×: {count} pages in {best:.1f} s, {per_page[scale] * 1000:.1f} ms per page")
    m["scales"] = scale_m
    ratio = scaling_ratio(per_page)
    if ratio:
        big, small, value = ratio
        budgets.append(
            Budget(
                f"cost per page at {big}× ÷ at {small}×",
                round(value, 2),
                1.2,
                note=f"{per_page[big] * 1000:.1f} vs {per_page[small] * 1000:.1f} ms per page; "
                "copies built strictly, out of the nav, without the bibliography list",
            )
        )
    budgets[1:1] = weight_budgets
    return budgets, m
