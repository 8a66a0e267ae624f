"""The project's task CLI: `kb COMMAND`. Each command's docstring is its help text.

Newcomers do not call this directly: `python3 scripts/run.py preview` and `python3 scripts/run.py test`
set up the environment first and then call these commands.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from . import i18n
from .check import check_project
from .content import (
    LIX_CEILING,
    LIX_LONG_WORD,
    READABILITY_FLOOR,
    READABILITY_MIN_WORDS,
    SENTENCE_CEILING,
    is_public,
    language_of,
    lix,
    lix_fails,
    readability,
)
from .mkdocsrun import run_mkdocs
from .pages import Page
from .models import SITE_LANGUAGES
from .problems import format_problems
from .scaffold import PAGE_TYPES
from .validate import DATA_FILES

ROOT = Path(__file__).resolve().parents[2]


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every data file and every page's front matter; print all problems at once."""
    root = Path(args.root).resolve()
    result = check_project(root)
    if result.problems:
        print(format_problems(result.problems, then="fix them and run the check again"))
        return 1
    for page in result.overdue:
        if page.meta:
            print(f"note: {page.path} was due for review on {page.meta.review_due.isoformat()}")
    counts = ", ".join(f"{len(getattr(result.kb, spec.name))} {spec.name}" for spec in DATA_FILES)
    print(f"All data and {len(result.pages)} pages are valid ({counts}).")
    # A translation that lags behind the English is shown in English, and never fails the check.
    for language in SITE_LANGUAGES:
        if language != "en":
            print(i18n.summary(result.kb, language))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Plain-language report: reading ease, words and sentence length of every English page, hardest first; and LIX,
    words, sentence length and long words of every Lithuanian page (docs/lt/), hardest first."""
    result = check_project(Path(args.root).resolve())
    pages = [p for p in result.pages if p.meta]
    english = [p for p in pages if language_of(p.path) == "en"]
    lithuanian = [p for p in pages if language_of(p.path) == "lt"]
    rows = sorted(((readability(p), is_public(p)) for p in english), key=lambda row: row[0].score)
    print(f"{'ease':>5}  {'words':>5}  {'w/sent':>6}  public  page")
    for r, public in rows:
        flag = "  below floor" if public and r.words >= READABILITY_MIN_WORDS and r.score < READABILITY_FLOOR else ""
        print(f"{r.score:5.0f}  {r.words:5d}  {r.words_per_sentence:6.1f}  {'yes' if public else 'no ':>6}  {r.path}{flag}")
    words = sorted(r.words for r, _ in rows)
    if words:
        print(
            f"\n{len(rows)} pages; median {words[len(words) // 2]} words. Public pages of {READABILITY_MIN_WORDS}+ words need a "
            f"Flesch Reading Ease of at least {READABILITY_FLOOR:.0f} (higher is easier; 60+ is plain English)."
        )
    if lithuanian:
        print_lix_report(lithuanian)
    return 0


def print_lix_report(pages: list[Page]) -> None:
    """The Lithuanian pages' LIX, hardest first, with what fails the check."""
    rows = sorted(((lix(p), is_public(p)) for p in pages), key=lambda row: -row[0].score)
    print(f"\nLithuanian pages (docs/lt/), hardest first\n{'LIX':>5}  {'words':>5}  {'w/sent':>6}  {'long':>4}  public  page")
    for r, public in rows:
        flag = "  over ceiling" if public and lix_fails(r) else ""
        print(f"{r.score:5.0f}  {r.words:5d}  {r.words_per_sentence:6.1f}  {r.long_share:3.0f}%  {'yes' if public else 'no ':>6}  {r.path}{flag}")
    print(
        f"\n{len(rows)} Lithuanian pages. Public pages of {READABILITY_MIN_WORDS}+ words need a LIX of at most {LIX_CEILING:.0f} and at most "
        f"{SENTENCE_CEILING:.0f} words a sentence on average (lower is easier; long: words of more than {LIX_LONG_WORD} letters)."
    )


def cmd_urls(args: argparse.Namespace) -> int:
    """Register the address of every new page in published-urls.txt, so it can never break unnoticed;
    with --compare-with FILE (an earlier copy of it, e.g. the base branch's), list every address removed since."""
    from .urls import REGISTRY, published_url, register, rule_registry_only_grows

    root = Path(args.root).resolve()
    if args.compare_with:
        removed = rule_registry_only_grows(root, Path(args.compare_with))
        for problem in removed:
            print(problem)
        print(
            f"{len(removed)} published address{'es were' if len(removed) != 1 else ' was'} removed."
            if removed
            else f"Every address in {args.compare_with} is still in {REGISTRY}."
        )
        return 1 if removed else 0
    result = check_project(root)
    page = result.index.page_for("recommendations")
    anchors = [f"{published_url(page)}#{r.id} {r.added.isoformat()}" for r in result.kb.recommendations.values()] if page else []
    added = register(root, anchors)
    for url in added:
        print(f"registered {url}")
    print(f"{len(added)} new address{'es' if len(added) != 1 else ''} added to {REGISTRY}." if added else f"Every page is already in {REGISTRY}.")
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    """Generate the data reference page, the JSON Schemas and the editor settings from the models; --check only lists stale files."""
    from . import schemadocs

    root = Path(args.root).resolve()
    if args.check:
        problems = schemadocs.stale(root)
        for problem in problems:
            print(problem)
        if not problems:
            print(f"Every generated file is up to date with {schemadocs.SOURCE}.")
        return 1 if problems else 0
    changed = schemadocs.write(root)
    for rel in changed:
        print(f"wrote {rel}")
    print(f"{len(changed)} generated file{'s' if len(changed) != 1 else ''} updated." if changed else "Every generated file is already up to date.")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Start a page from a template: kb new topic|country|event PATH "Title" (PATH under docs/, e.g. practice/peer-leadership.md)."""
    from .scaffold import ScaffoldError, new_page, next_steps

    root = Path(args.root).resolve()
    try:
        created = new_page(root, args.type, args.path, args.title)
    except ScaffoldError as error:
        print(f"kb new: {error}", file=sys.stderr)
        return 1
    print("\n".join(next_steps(root, created, args.title)))
    return 0


def cmd_translate(args: argparse.Namespace) -> int:
    """Start a translation of an English page, with its provenance filled in: kb translate lt PATH (PATH under docs/).
    With --update, record that an existing translation now matches the English page as it is."""
    from .translations import TranslateError, start_translation

    try:
        print(start_translation(Path(args.root).resolve(), args.language, args.path, update=args.update))
    except TranslateError as error:
        print(f"kb translate: {error}", file=sys.stderr)
        return 1
    return 0


def config_safe(root: Path = ROOT) -> bool:
    """mkdocs.yml, read safely, holds nothing that would make MkDocs run code; MkDocs' own loader would run it."""
    from .siteconfig import config_problems

    problems = config_problems(root)
    if problems:
        print(format_problems(problems, then="MkDocs was not started"), file=sys.stderr)
    return not problems


def cmd_build(args: argparse.Namespace) -> int:
    """Build the site strictly into site/ (any warning fails the build)."""
    if not config_safe():
        return 1
    return run_mkdocs("build", "--strict", "--site-dir", args.site_dir, cwd=ROOT).returncode


def cmd_screenshots(args: argparse.Namespace) -> int:
    """Take full-page screenshots of the home, help, country comparison, recommendations and glossary pages at 390 and
    1280 px wide into .screenshots/, from the site built in site/ (built first when it has no pages, or with --build)."""
    from . import screenshots

    site = Path(args.site_dir) if Path(args.site_dir).is_absolute() else ROOT / args.site_dir
    if (args.build or not (site / "index.html").is_file()) and cmd_build(argparse.Namespace(site_dir=str(site))) != 0:
        return 1
    schemes = screenshots.SCHEMES if args.scheme == "both" else (args.scheme,)
    try:
        written = screenshots.take(site, Path(args.out), schemes)
    except screenshots.ScreenshotError as error:
        print(f"kb screenshots: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    print(f"{len(written)} screenshots in {args.out}.")
    return 0


def cmd_preview(args: argparse.Namespace) -> int:
    """Check the data, then serve the site at http://127.0.0.1:8000/ and reload it on every change."""
    if cmd_check(argparse.Namespace(root=ROOT)) != 0:
        return 1
    print(f"\nPreview at http://{args.addr}/ (press Ctrl+C to stop).", flush=True)
    return run_mkdocs("serve", "--strict", "--dev-addr", args.addr, cwd=ROOT).returncode


# The linters the test command runs before pytest, with their settings in pyproject.toml; each must find nothing.
LINTERS = (
    ("ruff check", ["-m", "ruff", "check", "scripts", "tests"]),
    ("ruff format --check", ["-m", "ruff", "format", "--check", "scripts", "tests"]),
    ("mypy", ["-m", "mypy"]),
)


def cmd_lint(args: argparse.Namespace) -> int:
    """Run ruff (lint and format) and mypy on the code, with the settings in pyproject.toml; each must find nothing."""
    failed = []
    for name, command in LINTERS:
        print(f"{name} …", flush=True)
        if subprocess.call([sys.executable, *command], cwd=ROOT) != 0:
            failed.append(name)
    if failed:
        print(f"{', '.join(failed)} found problems; `python3 scripts/run.py lint` shows them again, and `ruff format` fixes the formatting.")
    return 1 if failed else 0


def cmd_test(args: argparse.Namespace) -> int:
    """Run every check: data and pages, the linters, unit tests, fixture and real-site builds, browser tests. Extra arguments go to pytest."""
    if cmd_check(argparse.Namespace(root=ROOT)) != 0:
        return 1
    if cmd_lint(args) != 0:
        return 1
    return subprocess.call([sys.executable, "-m", "pytest", *args.pytest_args], cwd=ROOT)


def cmd_bench(args: argparse.Namespace) -> int:
    """Measure the performance budgets (build time, scaling, data loads, page weight, preview reload); see README, Performance."""
    import bench  # scripts/bench/, imported only here: it uses this package, never this module

    try:
        scales = bench.parse_scales(args.scales)
    except ValueError as error:
        print(f"kb bench: {error}", file=sys.stderr)
        return 2
    try:
        with bench.workspace(args.keep) as work:
            budgets, measurements = bench.run_bench(Path(args.root).resolve(), scales, args.repeats, args.scale_repeats, work)
            if args.lighthouse:
                more, found = bench.run_lighthouse(Path(args.root).resolve(), work, args.runs)
                budgets += more
                measurements.update(found)
    except bench.BenchError as error:
        print(f"kb bench: {error}", file=sys.stderr)
        return 1
    # Without --lighthouse, the last Lighthouse scores stay in the results file (with their own date).
    passed = bench.report(budgets, measurements, Path(args.out), group=None if args.lighthouse else "bench")
    return 0 if passed or args.no_fail else 1


def cmd_lighthouse(args: argparse.Namespace) -> int:
    """Run Lighthouse (mobile) on five pages of a local build; needs Node.js and Chromium. Scores go into the bench results."""
    import bench  # scripts/bench/, imported only here: it uses this package, never this module

    try:
        with bench.workspace(args.keep) as work:
            budgets, measurements = bench.run_lighthouse(Path(args.root).resolve(), work, args.runs)
    except (bench.BenchError, subprocess.CalledProcessError) as error:
        print(f"kb lighthouse: {error}", file=sys.stderr)
        return 1
    passed = bench.report(budgets, measurements, Path(args.out), group="lighthouse")
    return 0 if passed or args.no_fail else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kb", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    commands = {
        "check": cmd_check,
        "report": cmd_report,
        "urls": cmd_urls,
        "docs": cmd_docs,
        "new": cmd_new,
        "translate": cmd_translate,
        "build": cmd_build,
        "preview": cmd_preview,
        "screenshots": cmd_screenshots,
        "test": cmd_test,
        "lint": cmd_lint,
        "bench": cmd_bench,
        "lighthouse": cmd_lighthouse,
    }
    parsers = {}
    for name, func in commands.items():
        doc = (func.__doc__ or "").strip()
        parsers[name] = sub.add_parser(name, help=doc, description=doc)
        parsers[name].set_defaults(func=func)
    for name in ("check", "report", "urls", "docs", "new", "translate", "bench", "lighthouse"):
        parsers[name].add_argument("--root", default=str(ROOT), help="project folder (default: this project)")
    parsers["urls"].add_argument(
        "--compare-with", metavar="FILE", help="an earlier published-urls.txt: exit 1 listing every address it has that the current one lacks"
    )
    parsers["docs"].add_argument("--check", action="store_true", help="change nothing; list stale generated files and exit 1 if there are any")
    parsers["new"].add_argument("type", choices=PAGE_TYPES, help="kind of page")
    parsers["new"].add_argument("path", help="where the page goes under docs/, e.g. practice/peer-leadership.md")
    parsers["new"].add_argument("title", help="the page's title, in quotes")
    parsers["translate"].add_argument("language", help="the language to translate into, e.g. lt")
    parsers["translate"].add_argument("path", help="the English page, as its path under docs/, e.g. peer-support/forms.md")
    parsers["translate"].add_argument("--update", action="store_true", help="record that the translation matches the English page as it is now")
    parsers["build"].add_argument("--site-dir", default="site", help="where to write the site (default: site)")
    parsers["screenshots"].add_argument("--site-dir", default="site", help="the built site (default: site; built first when it has no pages)")
    parsers["screenshots"].add_argument("--out", default=str(ROOT / ".screenshots"), help="where to write the screenshots (default: .screenshots/)")
    parsers["screenshots"].add_argument("--build", action="store_true", help="build the site first even when it is already built")
    parsers["screenshots"].add_argument(
        "--scheme", choices=["light", "dark", "both"], default="light", help="the colours: light, dark, or both (default: light)"
    )
    parsers["preview"].add_argument("--addr", default=os.environ.get("KB_ADDR", "127.0.0.1:8000"), help="address to serve on")
    for name in ("bench", "lighthouse"):
        parsers[name].add_argument(
            "--out", default=str(ROOT / ".bench" / "results.json"), help="where to write the results as JSON (default: .bench/results.json)"
        )
        parsers[name].add_argument("--no-fail", action="store_true", help="exit 0 even when a budget fails")
        parsers[name].add_argument("--keep", action="store_true", help="keep the temporary copies and builds, and print where they are")
        parsers[name].add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median counts (default: 3)")
    parsers["bench"].add_argument("--scales", default="1,10,50", help="content scales to build, comma-separated (default: 1,10,50)")
    parsers["bench"].add_argument(
        "--repeats",
        type=int,
        default=5,
        help="builds of the site and the plain sites, and reloads of each preview (at most 3); the fastest counts (default: 5)",
    )
    parsers["bench"].add_argument("--scale-repeats", type=int, default=1, help="builds at each scale above 1× (default: 1)")
    parsers["bench"].add_argument("--lighthouse", action="store_true", help="run Lighthouse too (as `kb lighthouse`)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "test":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.pytest_args = extra  # `kb test -k name` passes its extra arguments to pytest
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
