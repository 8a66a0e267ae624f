"""`kb bench`: the pure parts. Word counts, Jinja stripping, page weight of a tiny site, budget evaluation,
the table and the JSON; the hook that dumps the published Markdown; and that the bench never imports the CLI.
Nothing here times anything, builds a site or starts a process."""

from __future__ import annotations

import ast
import gzip
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

import bench
from bench import budgets, copies, dump_markdown, lighthouse, plainsite, reload, suite, weight
from bench.budgets import Budget
from peerkb import cli
from peerkb.cli import build_parser
from peerkb.mkdocsrun import mkdocs_command, run_mkdocs

BENCH = Path(bench.__file__).parent

PAGE = """---
title: A page
description: What it is about.
audience: [public]
last_reviewed: 2026-11-01
review_due: 2027-11-01
---
# Peer support works {#works}

People who share an experience help each other {{ cite("mead-2001") }}.

```yaml
code: does not count
```

{% if true %}Shown{% endif %} {## a comment ##} see [the glossary](../glossary.md).
"""


def test_count_words_skips_front_matter_code_macros_ids_and_link_targets():
    # Peer support works (3) + People who share an experience help each other (8) + Shown see the glossary (4)
    assert plainsite.count_words(PAGE) == 15
    assert plainsite.count_words("No front matter here.") == 4


def test_strip_jinja_removes_expressions_statements_and_comments_but_keeps_heading_ids():
    text = 'A {{ cite("x") }} b {% if x %}c{% endif %} d {## note ##} ## Title {#anchor}'
    assert plainsite.strip_jinja(text) == "A  b c d  ## Title {#anchor}"
    assert plainsite.strip_jinja("{{ term('a') }}", "[term]") == "[term]"
    assert plainsite.strip_jinja("{{ multi(\n'line') }} end") == " end"


def test_plain_page_keeps_title_and_description_only_and_no_jinja():
    out = plainsite.plain_page(PAGE)
    front, body = plainsite.split_front_matter(out)
    assert yaml.safe_load(front) == {"title": "A page", "description": "What it is about."}
    assert "{{" not in body and "{%" not in body and "{##" not in body
    assert "{#works}" in body
    assert plainsite.plain_page("Just text {{ x }}.") == "Just text ."


def test_plain_config_is_material_with_search_only():
    config = yaml.safe_load(plainsite.plain_config("Site", ["abbr", {"toc": {"permalink": True}}]))
    assert config["theme"] == {"name": "material"}
    assert config["plugins"] == ["search"]
    assert config["markdown_extensions"] == ["abbr", {"toc": {"permalink": True}}]
    assert "nav" not in config


@pytest.fixture
def tiny_site(tmp_path):
    """A page that loads a stylesheet (which loads a font and imports another sheet), a script, an image,
    a data: URI and a file on another host; a second page sharing the stylesheet."""
    (tmp_path / "assets" / "fonts").mkdir(parents=True)
    (tmp_path / "topic").mkdir()
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><link rel="stylesheet" href="assets/site.css">'
        '<link rel="icon" href="assets/icon.png"><link rel="canonical" href="https://example.org/">'
        '<link rel="stylesheet" href="https://cdn.example.org/x.css"></head>'
        '<body><img src="assets/icon.png" alt=""><img src="data:image/png;base64,AAAA" alt="">'
        '<a href="topic/">not loaded</a><script src="assets/app.js"></script></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "topic" / "index.html").write_text(
        '<html><head><link rel="stylesheet" href="../assets/site.css"><style>b{background:url("../assets/icon.png")}</style></head></html>',
        encoding="utf-8",
    )
    (tmp_path / "assets" / "site.css").write_text(
        '@import "more.css"; @font-face{src:url(fonts/face.woff2) format("woff2")} a{background:url(\'missing.png\')}',
        encoding="utf-8",
    )
    (tmp_path / "assets" / "more.css").write_text("p{color:red}" * 50, encoding="utf-8")
    (tmp_path / "assets" / "fonts" / "face.woff2").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "assets" / "icon.png").write_bytes(b"\x89PNG" + b"\x00" * 100)
    (tmp_path / "assets" / "app.js").write_text("console.log(1);" * 20, encoding="utf-8")
    return tmp_path


def test_page_weight_counts_the_page_and_every_same_origin_file_once(tiny_site):
    found = weight.page_weight(tiny_site, "")
    urls = [url for url, _, _ in found.files]
    assert urls == ["/", "/assets/site.css", "/assets/icon.png", "/assets/app.js", "/assets/more.css", "/assets/fonts/face.woff2"]
    files = ["index.html", "assets/site.css", "assets/icon.png", "assets/app.js", "assets/more.css", "assets/fonts/face.woff2"]
    assert found.raw == sum((tiny_site / f).stat().st_size for f in files)
    assert found.gzip == sum(len(gzip.compress((tiny_site / f).read_bytes(), compresslevel=6, mtime=0)) for f in files)
    assert found.as_dict()["gzip_bytes"] == found.gzip


def test_page_weight_follows_inline_css_and_relative_urls(tiny_site):
    found = weight.page_weight(tiny_site, "topic/")
    assert [url for url, _, _ in found.files] == [
        "/topic/",
        "/assets/site.css",
        "/assets/icon.png",
        "/assets/more.css",
        "/assets/fonts/face.woff2",
    ]


def test_page_weight_of_a_missing_page_is_an_error(tiny_site):
    with pytest.raises(FileNotFoundError):
        weight.page_weight(tiny_site, "nowhere/")


def test_css_refs_and_local_file():
    assert weight.css_refs("@import 'a.css'; x{src:url( \"f.woff2\" )} y{background:url(i.svg)}") == ["a.css", "f.woff2", "i.svg"]
    assert weight.local_file(Path("/nonexistent"), "/", "https://other.example/a.css") is None
    assert weight.local_file(Path("/nonexistent"), "/", "#top") is None


def test_budgets_pass_or_fail_by_their_comparison():
    assert Budget("b", 1.3, 1.3).passed
    assert not Budget("b", 1.31, 1.3).passed
    assert Budget("perf", 95, 95, ">=").passed and not Budget("perf", 94, 95, ">=").passed
    assert Budget("seo", 100, 100, "==").passed and not Budget("seo", 99, 100, "==").passed
    assert not Budget("unmeasured", None, 1).passed


def test_table_and_json_shape():
    measured = [Budget("data loads per build", 1, 1, note="once"), Budget("page weight", 120.5, 100, unit="KiB")]
    table = budgets.format_table(measured).splitlines()
    assert table[0].split() == ["budget", "measured", "limit", "result"]
    assert table[2].split()[-1] == "pass" and table[3].split()[-1] == "FAIL"
    assert "120.50 KiB" in table[3] and "<= 100 KiB" in table[3]
    assert "  data loads per build: once" in table
    data = budgets.results(measured, {"pages": 3}, "2026-11-23")
    assert json.loads(json.dumps(data)) == data
    assert data["date"] == "2026-11-23" and data["passed"] is False and data["measurements"] == {"pages": 3}
    assert data["budgets"][0] == {
        "name": "data loads per build",
        "measured": 1,
        "limit": 1,
        "op": "<=",
        "unit": "",
        "note": "once",
        "group": "bench",
        "passed": True,
    }


def test_merge_results_replaces_one_group_only():
    old = budgets.results([Budget("a", 1, 1), Budget("lh", 90, 95, ">=", group="lighthouse")], {"x": 1}, "2026-11-22")
    new = budgets.results([Budget("lh", 97, 95, ">=", group="lighthouse")], {"lighthouse": {}}, "2026-11-23")
    merged = budgets.merge_results(old, new, "lighthouse")
    assert [(b["name"], b["measured"]) for b in merged["budgets"]] == [("a", 1), ("lh", 97)]
    assert merged["passed"] is True and merged["measurements"] == {"x": 1, "lighthouse": {}}
    assert budgets.merge_results(None, new, "lighthouse") == new


def test_scaling_and_per_thousand_words():
    assert budgets.per_thousand_words(2.0, 4000) == 0.5
    assert budgets.scaling_ratio({1: 0.07, 10: 0.05, 50: 0.055}) == (50, 10, pytest.approx(1.1))
    assert budgets.scaling_ratio({1: 0.07}) is None
    assert suite.parse_scales("50, 1,10") == [1, 10, 50]
    for bad in ("", "0,10", "x"):
        with pytest.raises(ValueError):
            suite.parse_scales(bad)


def _report(perf: float, seo: float = 1.0) -> dict:
    return {
        "categories": {
            "performance": {"score": perf, "auditRefs": [{"id": "lcp", "weight": 25}]},
            "accessibility": {"score": 1.0, "auditRefs": []},
            "best-practices": {"score": 1.0, "auditRefs": []},
            "seo": {"score": seo, "auditRefs": [{"id": "canonical", "weight": 1}, {"id": "manual", "weight": 0}]},
        },
        "audits": {
            "lcp": {"title": "Largest Contentful Paint", "score": 0.8},
            "canonical": {"title": "Document has a valid rel=canonical", "score": 0 if seo < 1 else 1},
            "manual": {"title": "Manual check", "score": 0},
        },
    }


def test_lighthouse_scores_failing_audits_and_budgets():
    report = _report(0.93, 0.92)
    assert lighthouse.lighthouse_scores(report) == {"performance": 93, "accessibility": 100, "best-practices": 100, "seo": 92}
    assert lighthouse.failing_audits(report, "seo") == [("canonical", "Document has a valid rel=canonical")]
    assert lighthouse.failing_audits(report, "performance") == [("lcp", "Largest Contentful Paint")]
    budgets = lighthouse.lighthouse_budgets({"home": lighthouse.lighthouse_scores(_report(0.99)), "help": lighthouse.lighthouse_scores(report)})
    by_name = {b.name.split(" (")[0]: b for b in budgets}
    assert by_name["Lighthouse performance"].measured == 93 and not by_name["Lighthouse performance"].passed
    assert by_name["Lighthouse accessibility"].passed
    assert by_name["Lighthouse seo"].note == "home 100, help 92"
    assert all(b.group == "lighthouse" for b in budgets)


def test_median_run_is_the_middle_performance_score():
    reports = [_report(0.99), _report(0.90), _report(0.95)]
    assert lighthouse.lighthouse_scores(lighthouse.median_run(reports))["performance"] == 95
    assert lighthouse.lighthouse_scores(lighthouse.median_run(reports[:2]))["performance"] == 90


def test_cli_has_bench_and_lighthouse_commands():
    args = build_parser().parse_args(["bench", "--scales", "1,10", "--no-fail", "--out", "x.json"])
    assert (args.scales, args.no_fail, args.out, args.repeats) == ("1,10", True, "x.json", 5)
    assert build_parser().parse_args(["lighthouse"]).runs == 3


def test_copies_leave_out_the_lists_of_pages():
    text = "# Bibliography\n\nEvery source.\n\n{{ bibliography() }}\n\n{{ glossary() }}\n"
    assert copies.copy_text(text) == "# Bibliography\n\nEvery source.\n\n\n\n{{ glossary() }}\n"


# --- Preview reload budget -----------------------------------------------------------------------


def test_reload_budget_is_at_most_1_2_times_plain_materials_reload():
    at_limit = reload.reload_budget(3.0, 2.5)
    assert (at_limit.measured, at_limit.limit, at_limit.op) == (1.2, 1.2, "<=") and at_limit.passed
    assert reload.reload_budget(3.6, 3.0).passed  # 1.2000000000000002 in floating point: still 1.2
    assert not reload.reload_budget(3.03, 2.5).passed  # 1.21
    assert reload.reload_budget(5.9, 5.0).passed  # slow in seconds, but no slower than plain Material allows
    assert reload.reload_budget(1.0, 2.0).passed
    assert reload.reload_budget(None, 2.5).measured is None and not reload.reload_budget(None, 2.5).passed
    assert reload.reload_budget(2.7, None).measured is None
    assert "2.70 s vs 2.50 s (fastest of 3 each" in reload.reload_budget(2.7, 2.5, 3).note


# --- The hook that writes the published Markdown -------------------------------------------------


def test_dump_hook_writes_each_page_as_rendered_with_title_and_description(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_BENCH_DUMP", str(tmp_path))
    page = SimpleNamespace(
        meta={"title": "Glossary", "description": "Terms.", "audience": ["public"]}, file=SimpleNamespace(src_uri="peer-support/glossary.md")
    )
    assert dump_markdown.on_page_markdown("# Terms\n\nRendered.\n", page, None, None) == "# Terms\n\nRendered.\n"
    written = (tmp_path / "peer-support" / "glossary.md").read_text(encoding="utf-8")
    assert plainsite.split_front_matter(written) == ("title: Glossary\ndescription: Terms.\n", "# Terms\n\nRendered.\n")


def test_dump_hook_is_a_file_of_the_bench_named_only_in_the_copys_config():
    config = plainsite.dump_config()
    assert config.startswith("INHERIT: mkdocs.yml\nhooks:\n")
    assert json.loads(config.split("  - ", 1)[1]) == str(BENCH / "dump_markdown.py")
    assert plainsite.DUMP_HOOK.is_file()
    assert "dump_markdown" not in (BENCH.parents[1] / "mkdocs.yml").read_text(encoding="utf-8")


# --- No import circle ----------------------------------------------------------------------------


def imported_modules(source: str, package: str) -> set[str]:
    """Every module a file imports, anywhere in it, with relative imports resolved against `package`."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names |= {f"{base}.{alias.name}" for alias in node.names}
    return names


def imports_cli(names: set[str]) -> bool:
    return any(name == "peerkb.cli" or name.startswith("peerkb.cli.") for name in names)


def test_the_bench_never_imports_the_cli():
    for sneaky in ("from peerkb import cli", "import peerkb.cli", "def f():\n    from peerkb.cli import main"):
        assert imports_cli(imported_modules(sneaky, "bench")), sneaky
    files = sorted(BENCH.glob("*.py"))
    assert len(files) > 5
    for path in files:
        assert not imports_cli(imported_modules(path.read_text(encoding="utf-8"), "bench")), path.name
    # That importing every module of the bench leaves the CLI unloaded is checked in a fresh interpreter, in
    # tests/integration/test_bench_imports.py.


def test_the_cli_imports_the_bench_only_when_a_bench_command_runs():
    tree = ast.parse(Path(cli.__file__).read_text(encoding="utf-8"))
    top_level = imported_modules_of([node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))])
    assert not {name for name in top_level if name == "bench" or name.startswith("bench.")}
    inside = {fn.name for fn in tree.body if isinstance(fn, ast.FunctionDef) and "bench" in imported_modules_of(fn.body)}
    assert inside == {"cmd_bench", "cmd_lighthouse"}
    used = {
        node.attr
        for fn in tree.body
        if isinstance(fn, ast.FunctionDef) and fn.name in inside
        for node in ast.walk(fn)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "bench"
    }
    assert used == {"BenchError", "parse_scales", "report", "run_bench", "run_lighthouse", "workspace"} == set(bench.__all__)


def imported_modules_of(body: list[ast.stmt]) -> set[str]:
    """The absolute modules imported by these statements and anything nested in them."""
    nodes = [sub for node in body for sub in ast.walk(node)]
    return {alias.name for sub in nodes if isinstance(sub, ast.Import) for alias in sub.names} | {
        sub.module or "" for sub in nodes if isinstance(sub, ast.ImportFrom) and not sub.level
    }


# --- The shared MkDocs runner --------------------------------------------------------------------


def test_mkdocs_runs_quietly_from_this_environment(tmp_path):
    command, env = mkdocs_command("build", env={"SITE_URL": "https://example.org/"})
    assert command == [sys.executable, "-m", "mkdocs", "build"]
    assert env["NO_MKDOCS_2_WARNING"] == "1" and env["SITE_URL"] == "https://example.org/"
    # Refused before anything is started. Running it, its output captured or logged: tests/integration/test_mkdocs_runner.py.
    with (tmp_path / "log").open("wb") as log, pytest.raises(ValueError) as refused:
        run_mkdocs("--version", cwd=tmp_path, capture=True, log=log)
    assert str(refused.value) == "capture the output or log it, not both"
