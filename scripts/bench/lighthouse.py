"""Lighthouse (mobile): build the site for a local address, serve it gzipped as a static host would, run the
version pinned in scripts/lighthouse/package-lock.json a few times on each page and keep each page's median run.
Performance must be at least 95; accessibility, best practices and SEO 100."""

from __future__ import annotations

import contextlib
import datetime
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from peerkb.localserve import serving

from .budgets import Budget
from .builds import timed_build
from .common import ROOT, BenchError, free_port, say
from .weight import GZIP_LEVEL, WEIGHED_PAGES, local_file

LIGHTHOUSE_DIR = ROOT / "scripts" / "lighthouse"
LIGHTHOUSE_TARGETS = {"performance": (">=", 95), "accessibility": ("==", 100), "best-practices": ("==", 100), "seo": ("==", 100)}
# The Lithuanian edition's home and urgent-help pages are measured too.
LIGHTHOUSE_PAGES = {**{k: v for k, v in WEIGHED_PAGES.items() if k != "glossary"}, "lt-home": "lt/", "lt-help": "lt/get-help-now/"}
COMPRESSED_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


# --- Reports -------------------------------------------------------------------------------------


def lighthouse_scores(report: dict[str, Any]) -> dict[str, int | None]:
    """Category scores (0–100) of a Lighthouse JSON report."""
    scores: dict[str, int | None] = {}
    for name, category in report.get("categories", {}).items():
        score = category.get("score")
        scores[name] = None if score is None else round(score * 100)
    return scores


def failing_audits(report: dict[str, Any], category: str) -> list[tuple[str, str]]:
    """(id, title) of every weighted audit of a category that did not fully pass."""
    audits = report.get("audits", {})
    failing = []
    for ref in report.get("categories", {}).get(category, {}).get("auditRefs", []):
        audit = audits.get(ref["id"], {})
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            failing.append((ref["id"], audit.get("title", ref["id"])))
    return failing


def lighthouse_budgets(scores: dict[str, dict[str, int | None]]) -> list[Budget]:
    """One budget per category, measured as the lowest score over the pages (named in the note)."""
    budgets = []
    for category, (op, limit) in LIGHTHOUSE_TARGETS.items():
        by_page = {page: s.get(category) for page, s in scores.items()}
        known = {p: v for p, v in by_page.items() if v is not None}
        lowest = min(known.values()) if known and len(known) == len(by_page) else None
        note = ", ".join(f"{p} {v if v is not None else '?'}" for p, v in by_page.items())
        budgets.append(Budget(f"Lighthouse {category} (lowest of {len(by_page)} pages)", lowest, limit, op, "", note, "lighthouse"))
    return budgets


def median_run(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The report with the median performance score (the lower middle one of an even number), as Lighthouse
    advises for noisy machines: scores of one page vary from run to run, the median much less."""
    ranked = sorted(reports, key=lambda r: lighthouse_scores(r).get("performance") or 0)
    return ranked[(len(ranked) - 1) // 2]


# --- Serving a built site, compressed like a static host ----------------------------------------


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped (level 6) when the client accepts it, as a static host serves them."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if not (path.is_file() and path.suffix in COMPRESSED_TYPES and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve_site(site_dir: Path, port: int) -> Iterator[str]:
    """Serve a built site on 127.0.0.1:port in a thread; yields its address."""
    with serving(functools.partial(_GzipHandler, directory=str(site_dir)), port) as address:
        yield address + "/"


# --- Running Lighthouse --------------------------------------------------------------------------


def lighthouse_binary() -> Path:
    return LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"


def ensure_lighthouse() -> Path:
    """The pinned Lighthouse from scripts/lighthouse/package-lock.json, installed with `npm ci` when missing."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise BenchError("Lighthouse needs Node.js 18.16+ and npm (Debian: sudo apt-get install nodejs npm)")
    binary = lighthouse_binary()
    if not binary.exists():
        say("Installing the pinned Lighthouse (npm ci in scripts/lighthouse/) …")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE_DIR, check=True)
    return binary


def chrome_path() -> str:
    path = os.environ.get("CHROME_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise BenchError("Lighthouse needs Chromium (Debian: sudo apt-get install chromium), or CHROME_PATH")
    return path


def lighthouse_version() -> str | None:
    lock = LIGHTHOUSE_DIR / "package-lock.json"
    if not lock.is_file():
        return None
    return json.loads(lock.read_text(encoding="utf-8")).get("packages", {}).get("node_modules/lighthouse", {}).get("version")


def run_lighthouse(root: Path, work: Path, runs: int = 3, pages: dict[str, str] | None = None) -> tuple[list[Budget], dict[str, Any]]:
    """Build the site for a local address, serve it gzipped and run Lighthouse (mobile) `runs` times on each
    page; each page's scores are those of its median run."""
    binary = ensure_lighthouse()
    pages = pages or LIGHTHOUSE_PAGES
    port = free_port()
    address = f"http://127.0.0.1:{port}/"
    site_dir = work / "lighthouse-site"
    say(f"Building the site for {address} …")
    timed_build(root, site_dir, 1, env={"SITE_URL": address})
    reports_dir = work / "lighthouse-reports"
    reports_dir.mkdir(parents=True, exist_ok=True)
    scores: dict[str, dict[str, int | None]] = {}
    failing: dict[str, dict[str, list[tuple[str, str]]]] = {}
    env = {**os.environ, "CHROME_PATH": chrome_path()}
    with serve_site(site_dir, port) as base:
        for name, url in pages.items():
            if not local_file(site_dir, "/", "/" + url):
                say(f"    {name}: /{url} is not in this build; skipped")
                continue
            say(f"Lighthouse: {name} ({base}{url}), {runs} run{'s' if runs != 1 else ''} …")
            reports = []
            for run in range(1, runs + 1):
                out = reports_dir / f"{name}-{run}.json"
                subprocess.run(
                    [
                        str(binary),
                        base + url,
                        "--output=json",
                        f"--output-path={out}",
                        "--quiet",
                        f"--only-categories={','.join(LIGHTHOUSE_TARGETS)}",
                        "--chrome-flags=--headless=new --no-sandbox",
                    ],
                    env=env,
                    check=True,
                )
                reports.append(json.loads(out.read_text(encoding="utf-8")))
            report = median_run(reports)
            scores[name] = lighthouse_scores(report)
            failing[name] = {c: failing_audits(report, c) for c in LIGHTHOUSE_TARGETS}
            performance = [lighthouse_scores(r).get("performance") for r in reports]
            say("    " + ", ".join(f"{c} {scores[name].get(c)}" for c in LIGHTHOUSE_TARGETS) + f" (performance of each run: {performance})")
    found = {
        "date": datetime.date.today().isoformat(),
        "scores": scores,
        "failing_audits": failing,
        "runs": runs,
        "version": lighthouse_version(),
        "form_factor": "mobile",
    }
    return lighthouse_budgets(scores), {"lighthouse": found}
