"""`kb bench`: the pure parts. Word counts, Jinja stripping, page weight of a tiny site, budget evaluation,
the table and the JSON. Nothing here times anything."""

from __future__ import annotations

import gzip
import json

import pytest
import yaml

from peerkb import bench
from peerkb.bench import Budget
from peerkb.cli import build_parser

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
    assert bench.count_words(PAGE) == 15
    assert bench.count_words("No front matter here.") == 4


def test_strip_jinja_removes_expressions_statements_and_comments_but_keeps_heading_ids():
    text = 'A {{ cite("x") }} b {% if x %}c{% endif %} d {## note ##} ## Title {#anchor}'
    assert bench.strip_jinja(text) == "A  b c d  ## Title {#anchor}"
    assert bench.strip_jinja("{{ term('a') }}", "[term]") == "[term]"
    assert bench.strip_jinja("{{ multi(\n'line') }} end") == " end"


def test_plain_page_keeps_title_and_description_only_and_no_jinja():
    out = bench.plain_page(PAGE)
    front, body = bench.split_front_matter(out)
    assert yaml.safe_load(front) == {"title": "A page", "description": "What it is about."}
    assert "{{" not in body and "{%" not in body and "{##" not in body
    assert "{#works}" in body
    assert bench.plain_page("Just text {{ x }}.") == "Just text ."


def test_plain_config_is_material_with_search_only():
    config = yaml.safe_load(bench.plain_config("Site", ["abbr", {"toc": {"permalink": True}}]))
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
    weight = bench.page_weight(tiny_site, "")
    urls = [url for url, _, _ in weight.files]
    assert urls == ["/", "/assets/site.css", "/assets/icon.png", "/assets/app.js", "/assets/more.css", "/assets/fonts/face.woff2"]
    files = ["index.html", "assets/site.css", "assets/icon.png", "assets/app.js", "assets/more.css", "assets/fonts/face.woff2"]
    assert weight.raw == sum((tiny_site / f).stat().st_size for f in files)
    assert weight.gzip == sum(len(gzip.compress((tiny_site / f).read_bytes(), compresslevel=6, mtime=0)) for f in files)
    assert weight.as_dict()["gzip_bytes"] == weight.gzip


def test_page_weight_follows_inline_css_and_relative_urls(tiny_site):
    weight = bench.page_weight(tiny_site, "topic/")
    assert [url for url, _, _ in weight.files] == [
        "/topic/", "/assets/site.css", "/assets/icon.png", "/assets/more.css", "/assets/fonts/face.woff2",
    ]


def test_page_weight_of_a_missing_page_is_an_error(tiny_site):
    with pytest.raises(FileNotFoundError):
        bench.page_weight(tiny_site, "nowhere/")


def test_css_refs_and_local_file():
    assert bench.css_refs("@import 'a.css'; x{src:url( \"f.woff2\" )} y{background:url(i.svg)}") == ["a.css", "f.woff2", "i.svg"]
    assert bench.local_file(bench.Path("/nonexistent"), "/", "https://other.example/a.css") is None
    assert bench.local_file(bench.Path("/nonexistent"), "/", "#top") is None


def test_budgets_pass_or_fail_by_their_comparison():
    assert Budget("b", 1.3, 1.3).passed
    assert not Budget("b", 1.31, 1.3).passed
    assert Budget("perf", 95, 95, ">=").passed and not Budget("perf", 94, 95, ">=").passed
    assert Budget("seo", 100, 100, "==").passed and not Budget("seo", 99, 100, "==").passed
    assert not Budget("unmeasured", None, 1).passed


def test_table_and_json_shape():
    budgets = [Budget("data loads per build", 1, 1, note="once"), Budget("page weight", 120.5, 100, unit="KiB")]
    table = bench.format_table(budgets).splitlines()
    assert table[0].split() == ["budget", "measured", "limit", "result"]
    assert table[2].split()[-1] == "pass" and table[3].split()[-1] == "FAIL"
    assert "120.50 KiB" in table[3] and "<= 100 KiB" in table[3]
    assert "  data loads per build: once" in table
    data = bench.results(budgets, {"pages": 3}, "2026-11-23")
    assert json.loads(json.dumps(data)) == data
    assert data["date"] == "2026-11-23" and data["passed"] is False and data["measurements"] == {"pages": 3}
    assert data["budgets"][0] == {
        "name": "data loads per build", "measured": 1, "limit": 1, "op": "<=", "unit": "", "note": "once", "group": "bench", "passed": True,
    }


def test_merge_results_replaces_one_group_only():
    old = bench.results([Budget("a", 1, 1), Budget("lh", 90, 95, ">=", group="lighthouse")], {"x": 1}, "2026-11-22")
    new = bench.results([Budget("lh", 97, 95, ">=", group="lighthouse")], {"lighthouse": {}}, "2026-11-23")
    merged = bench.merge_results(old, new, "lighthouse")
    assert [(b["name"], b["measured"]) for b in merged["budgets"]] == [("a", 1), ("lh", 97)]
    assert merged["passed"] is True and merged["measurements"] == {"x": 1, "lighthouse": {}}
    assert bench.merge_results(None, new, "lighthouse") == new


def test_scaling_and_per_thousand_words():
    assert bench.per_thousand_words(2.0, 4000) == 0.5
    assert bench.scaling_ratio({1: 0.07, 10: 0.05, 50: 0.055}) == (50, 10, pytest.approx(1.1))
    assert bench.scaling_ratio({1: 0.07}) is None
    assert bench.parse_scales("50, 1,10") == [1, 10, 50]
    for bad in ("", "0,10", "x"):
        with pytest.raises(ValueError):
            bench.parse_scales(bad)


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
    assert bench.lighthouse_scores(report) == {"performance": 93, "accessibility": 100, "best-practices": 100, "seo": 92}
    assert bench.failing_audits(report, "seo") == [("canonical", "Document has a valid rel=canonical")]
    assert bench.failing_audits(report, "performance") == [("lcp", "Largest Contentful Paint")]
    budgets = bench.lighthouse_budgets({"home": bench.lighthouse_scores(_report(0.99)), "help": bench.lighthouse_scores(report)})
    by_name = {b.name.split(" (")[0]: b for b in budgets}
    assert by_name["Lighthouse performance"].measured == 93 and not by_name["Lighthouse performance"].passed
    assert by_name["Lighthouse accessibility"].passed
    assert by_name["Lighthouse seo"].note == "home 100, help 92"
    assert all(b.group == "lighthouse" for b in budgets)


def test_median_run_is_the_middle_performance_score():
    reports = [_report(0.99), _report(0.90), _report(0.95)]
    assert bench.lighthouse_scores(bench.median_run(reports))["performance"] == 95
    assert bench.lighthouse_scores(bench.median_run(reports[:2]))["performance"] == 90


def test_cli_has_bench_and_lighthouse_commands():
    args = build_parser().parse_args(["bench", "--scales", "1,10", "--no-fail", "--out", "x.json"])
    assert (args.scales, args.no_fail, args.out, args.repeats) == ("1,10", True, "x.json", 5)
    assert build_parser().parse_args(["lighthouse"]).runs == 3


def test_copies_leave_out_the_lists_of_pages():
    text = "# Bibliography\n\nEvery source.\n\n{{ bibliography() }}\n\n{{ glossary() }}\n"
    assert bench.copy_text(text) == "# Bibliography\n\nEvery source.\n\n\n\n{{ glossary() }}\n"
