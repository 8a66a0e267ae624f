"""Preview reload: seconds from saving a file to the preview (`mkdocs serve`, as `kb preview` runs it) serving
the change, for this site after a data edit and for plain Material with the same words after a page edit.

MkDocs 1.6 rebuilds the whole site on every change and notices changes by polling every half second, so no
fixed number of seconds says whether this project makes the preview slow; the budget is the ratio to plain
Material's own reload. Both previews run side by side and take turns, so a slow spell of a shared machine falls
on both alike, and the fastest reload of each counts.
"""

from __future__ import annotations

import contextlib
import re
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from peerkb.mkdocsrun import start_mkdocs

from .budgets import Budget
from .builds import build_env
from .common import BenchError, fetch, free_port, wait_for

RELOAD_PAGE = "glossary/"
# This site's reload may take at most this many times plain Material's.
RELOAD_LIMIT = 1.2
# Reloads timed of each preview, at most (fewer with fewer --repeats).
RELOAD_ROUNDS = 3
# Seconds to let the preview's file watcher settle after a build, before the next edit.
SETTLE = 1.0

Edit = Callable[[Path, str], tuple[Path, str]]


def edit_glossary_definition(project: Path, token: str) -> tuple[Path, str]:
    """Put `token` at the start of the first plain glossary definition; return (file, its old text)."""
    data = project / "data"
    files = [data / "glossary.yml"] if (data / "glossary.yml").is_file() else sorted((data / "glossary").glob("*.yml"))
    for path in files:
        old = path.read_text(encoding="utf-8")
        new, replaced = re.subn(r"^(\s*definition:[ \t]+)(?=[A-Za-z])", rf"\g<1>{token} ", old, count=1, flags=re.MULTILINE)
        if replaced:
            path.write_text(new, encoding="utf-8")
            return path, old
    raise BenchError("no glossary definition to edit")


def edit_glossary_page(project: Path, token: str) -> tuple[Path, str]:
    """Add `token` to the glossary page's Markdown (of the plain site, which has no data); return (file, its old text)."""
    path = project / "docs" / "glossary.md"
    old = path.read_text(encoding="utf-8")
    path.write_text(old.rstrip("\n") + f"\n\n{token}\n", encoding="utf-8")
    return path, old


@dataclass
class Preview:
    """A site whose reload is timed: its folder, the edit that is timed, and whether it is served strictly."""

    project: Path
    edit: Edit
    strict: bool = True


@contextlib.contextmanager
def preview_server(preview: Preview, timeout: float = 120) -> Iterator[str]:
    """`mkdocs serve` of the site on a free port, as `kb preview` runs it; yields the address of RELOAD_PAGE once
    it is served. A BenchError raised meanwhile gets the end of the server's output added."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/{RELOAD_PAGE}"
    with tempfile.TemporaryFile() as log:
        server = start_mkdocs(
            "serve", *(["--strict"] if preview.strict else []), "--dev-addr", f"127.0.0.1:{port}", cwd=preview.project, env=build_env(), log=log
        )

        def output() -> str:
            log.seek(0)
            lines = [line for line in log.read().decode(errors="replace").splitlines() if not line.startswith("INFO    -  [macros]")]
            return f"\nmkdocs serve in {preview.project} said:\n" + "\n".join(lines[-30:])

        try:
            if not wait_for(lambda: fetch(url) is not None, timeout, 0.2):
                raise BenchError(f"mkdocs serve did not serve {url}")
            yield url
        except BenchError as error:
            raise BenchError(f"{error}{output()}") from None
        finally:
            server.send_signal(signal.SIGINT)  # as Ctrl+C: MkDocs then removes its temporary site folder
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def time_edit(preview: Preview, url: str, timeout: float = 120) -> float:
    """Seconds from an edit to the edited text being served at `url`. The edit is then undone, and the rebuild
    that starts is waited for, so that it is not charged to the next edit."""
    token = f"Benchmark{time.time_ns()}"
    path, old = preview.edit(preview.project, token)
    start = time.perf_counter()
    try:
        if not wait_for(lambda: token in (fetch(url) or ""), timeout):
            raise BenchError(f"the edit of {path.name} did not show on {url} within {timeout:.0f} s")
        seconds = time.perf_counter() - start
    finally:
        path.write_text(old, encoding="utf-8")
    if not wait_for(lambda: token not in (fetch(url) or token), timeout):
        raise BenchError(f"undoing the edit of {path.name} did not show on {url} within {timeout:.0f} s")
    time.sleep(SETTLE)
    return seconds


def alternate_reloads(previews: list[Preview], rounds: int, timeout: float = 120) -> list[list[float]]:
    """Seconds of `rounds` reloads of each preview: all of them served at once, edited in turn."""
    times: list[list[float]] = [[] for _ in previews]
    with contextlib.ExitStack() as stack:
        urls = [stack.enter_context(preview_server(preview, timeout)) for preview in previews]
        time.sleep(SETTLE)
        for _ in range(rounds):
            for index, preview in enumerate(previews):
                times[index].append(time_edit(preview, urls[index], timeout))
    return times


def reload_budget(site_seconds: float | None, plain_seconds: float | None, rounds: int = 1) -> Budget:
    """This site's reload after a data edit ÷ plain Material's after a page edit, to two decimals, at most
    RELOAD_LIMIT; not measured when either is missing."""
    measured = round(site_seconds / plain_seconds, 2) if site_seconds and plain_seconds else None
    seconds = (
        f"{site_seconds:.2f} s vs {plain_seconds:.2f} s (fastest of {rounds} each, the two previews taking turns); " if site_seconds and plain_seconds else ""
    )
    return Budget(
        "preview reload, this site ÷ plain Material",
        measured,
        RELOAD_LIMIT,
        note=f"{seconds}mkdocs serve --strict as `kb preview` runs it, after a data edit; plain Material with the "
        f"same words after a page edit; MkDocs rebuilds the whole site either way",
    )
