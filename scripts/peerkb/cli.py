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

from .check import check_project
from .problems import format_problems

ROOT = Path(__file__).resolve().parents[2]


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every data file and every page's front matter; print all problems at once."""
    root = Path(args.root).resolve()
    result = check_project(root)
    if result.problems:
        print(format_problems(result.problems).replace("nothing was built", "fix them and run the check again"))
        return 1
    for page in result.overdue:
        print(f"note: {page.path} was due for review on {page.meta.review_due.isoformat()}")
    counts = ", ".join(f"{len(getattr(result.kb, name))} {name}" for name in vars(result.kb))
    print(f"All data and {len(result.pages)} pages are valid ({counts}).")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Build the site strictly into site/ (any warning fails the build)."""
    return subprocess.call([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", args.site_dir], cwd=ROOT)


def cmd_preview(args: argparse.Namespace) -> int:
    """Check the data, then serve the site at http://127.0.0.1:8000/ and reload it on every change."""
    if cmd_check(argparse.Namespace(root=ROOT)) != 0:
        return 1
    print("\nPreview at http://127.0.0.1:8000/ (press Ctrl+C to stop).", flush=True)
    return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", args.addr], cwd=ROOT)


def cmd_test(args: argparse.Namespace) -> int:
    """Run every check: data and pages, unit tests, fixture and real-site builds, browser tests. Extra arguments go to pytest."""
    if cmd_check(argparse.Namespace(root=ROOT)) != 0:
        return 1
    return subprocess.call([sys.executable, "-m", "pytest", *args.pytest_args], cwd=ROOT)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kb", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    commands = {
        "check": cmd_check,
        "build": cmd_build,
        "preview": cmd_preview,
        "test": cmd_test,
    }
    parsers = {}
    for name, func in commands.items():
        doc = (func.__doc__ or "").strip()
        parsers[name] = sub.add_parser(name, help=doc, description=doc)
        parsers[name].set_defaults(func=func)
    parsers["check"].add_argument("--root", default=str(ROOT), help="project folder (default: this project)")
    parsers["build"].add_argument("--site-dir", default="site", help="where to write the site (default: site)")
    parsers["preview"].add_argument("--addr", default=os.environ.get("KB_ADDR", "127.0.0.1:8000"), help="address to serve on")
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
