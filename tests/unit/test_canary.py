"""The successor-engine canary's comparison (scripts/canary/compare.py): what it reads from a built page, how it
compares two sites, and its report, on small pages written here. Nothing is built and nothing is run."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "canary" / "compare.py"


def _load():
    spec = importlib.util.spec_from_file_location("canary_compare", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


compare = _load()
PageParts = compare.PageParts

CSP = """<meta http-equiv="Content-Security-Policy" content="default-src 'self'">"""
SOURCES = """<h2 id="sources">Sources</h2>
<ol class="kb-sources">
<li id="ref-mead-2001">Mead, S. (2001). <cite>Peer support</cite>.</li>
<li id="ref-repper-2013">Repper, J. (2013). Peer support workers.</li>
</ol>"""
REVIEW = """<aside class="kb-review" aria-label="Review dates">
<p>Page last reviewed: <time datetime="2026-11-22">22 November 2026</time><br>
Next review due: <time datetime="2027-11-22">22 November 2027</time></p>
</aside>"""
HELPLINES = """<div class="kb-helplines">
<section class="kb-helpline kb-helpline--emergency" id="eu-112" aria-labelledby="eu-112-name">
<h3 id="eu-112-name">European emergency number</h3>
<p class="kb-helpline__number"><a href="tel:112">112</a></p>
<p>Checked on <time datetime="2026-11-22">22 November 2026</time>; source: <a href="#ref-ec-112">News.lt 2009</a></p>
</section>
<section class="kb-helpline" id="lt-vilties-linija" aria-labelledby="lt-vilties-linija-name">
<h3 id="lt-vilties-linija-name">Vilties linija</h3>
<p class="kb-helpline__number"><a href="tel:116123">116 123</a></p>
</section>
</div>"""


def page(body: str = "", head: str = CSP) -> str:
    return f"<!doctype html><html><head>{head}</head><body><article>{body}</article></body></html>"


def write_site(folder: Path, pages: dict[str, str]) -> Path:
    for name, html in pages.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return folder


# --- Extraction ---------------------------------------------------------------------------------------------


def test_extract_reads_every_key_part_of_a_page():
    parts = compare.extract(page(SOURCES + HELPLINES + REVIEW))
    assert parts == PageParts(
        sources=("ref-mead-2001", "ref-repper-2013"),
        review_dates=("2026-11-22", "2027-11-22"),
        helplines=(("eu-112", ("112",)), ("lt-vilties-linija", ("116123",))),
        csp=True,
    )


def test_extract_of_a_page_without_any_key_part_is_empty():
    assert compare.extract(page("<p>Nothing here. <time datetime='2026-01-01'>1 January</time></p>", head="")) == PageParts()


def test_the_list_after_the_sources_heading_counts_when_it_has_no_class():
    body = """<h2 id="sources">Sources</h2><ol><li id="ref-a">A</li><li>An entry <em>without</em>   an id</li></ol>
    <ol><li id="ref-not-a-source">Another list</li></ol>"""
    assert compare.extract(page(body)).sources == ("ref-a", "An entry without an id")


def test_lists_nested_in_a_sources_entry_are_part_of_that_entry():
    body = """<ol class="kb-sources"><li id="ref-a">A<ol><li id="inner">note</li></ol></li><li id="ref-b">B</li></ol>"""
    assert compare.extract(page(body)).sources == ("ref-a", "ref-b")


def test_page_address_names_a_page_by_its_folder():
    assert compare.page_address("index.html") == "/"
    assert compare.page_address("peer-support/what-is-peer-support/index.html") == "peer-support/what-is-peer-support/"


def test_read_site_finds_every_index_page_and_a_missing_folder_has_none(tmp_path):
    site = write_site(
        tmp_path / "site",
        {
            "index.html": page(SOURCES),
            "get-help-now/index.html": page(HELPLINES, head=""),
            "404.html": page(),
            "assets/kb.css": "body {}",
        },
    )
    assert compare.read_site(site) == {
        "/": PageParts(sources=("ref-mead-2001", "ref-repper-2013"), csp=True),
        "get-help-now/": PageParts(helplines=(("eu-112", ("112",)), ("lt-vilties-linija", ("116123",)))),
    }
    assert compare.read_site(tmp_path / "not-built") == {}


# --- Comparison ---------------------------------------------------------------------------------------------


def test_identical_sites_have_an_empty_diff(tmp_path):
    pages = {"index.html": page(SOURCES + REVIEW), "get-help-now/index.html": page(HELPLINES)}
    left = compare.read_site(write_site(tmp_path / "mkdocs", pages))
    right = compare.read_site(write_site(tmp_path / "zensical", pages))
    diff = compare.compare_sites(left, right)
    assert diff == compare.SiteDiff(left_pages=2, right_pages=2)
    assert diff.empty


def test_a_page_missing_on_either_side_is_listed():
    parts = PageParts(csp=True)
    diff = compare.compare_sites({"/": parts, "about/": parts}, {"/": parts, "new/": parts})
    assert diff == compare.SiteDiff(left_pages=2, right_pages=2, only_left=["about/"], only_right=["new/"])
    assert not diff.empty


def test_a_differing_sources_list_names_the_entries_on_one_side_only():
    left = PageParts(sources=("ref-a", "ref-b", "ref-c"))
    assert compare.compare_pages(left, PageParts(sources=("ref-a", "ref-d"))) == {
        "sources": ["sources: MkDocs lists 3, Zensical lists 2; only in MkDocs: `ref-b`, `ref-c`; only in Zensical: `ref-d`"],
    }
    assert compare.compare_pages(left, PageParts(sources=("ref-c", "ref-b", "ref-a"))) == {
        "sources": ["sources: MkDocs lists 3, Zensical lists 3; the same entries in another order"],
    }


def test_a_long_list_of_entries_is_cut_after_ten():
    left = PageParts(sources=tuple(f"ref-{n}" for n in range(13)))
    line = compare.compare_pages(left, PageParts())["sources"][0]
    assert line.endswith("`ref-8`, `ref-9` and 3 more")


def test_a_missing_csp_review_dates_and_helplines_are_each_reported():
    left = compare.extract(page(HELPLINES + REVIEW))
    right = compare.extract(page(HELPLINES.replace("tel:116123", "tel:116111"), head=""))
    assert compare.compare_pages(left, right) == {
        "review dates": ["review dates: MkDocs `2026-11-22`, `2027-11-22`, Zensical none"],
        "helplines": ["helplines: `lt-vilties-linija` dials `116123` in MkDocs, `116111` in Zensical"],
        "Content-Security-Policy": ["Content-Security-Policy: only in MkDocs"],
    }


def test_helpline_cards_missing_on_one_side_are_named():
    left = PageParts(helplines=(("eu-112", ("112",)), ("is-1717", ("1717",))))
    right = PageParts(helplines=(("eu-112", ("112",)),))
    assert compare.compare_pages(left, right) == {
        "helplines": ["helplines: MkDocs shows 2 cards, Zensical shows 1; only in MkDocs: `is-1717`"],
    }


def test_compare_sites_counts_the_pages_where_each_part_differs():
    left = {"/": PageParts(sources=("ref-a",), csp=True), "help/": PageParts(csp=True), "same/": PageParts()}
    right = {"/": PageParts(), "help/": PageParts(), "same/": PageParts()}
    diff = compare.compare_sites(left, right)
    assert diff.pages == {
        "/": ["sources: MkDocs lists 1, Zensical lists 0; only in MkDocs: `ref-a`", "Content-Security-Policy: only in MkDocs"],
        "help/": ["Content-Security-Policy: only in MkDocs"],
    }
    assert diff.parts == {"sources": 1, "Content-Security-Policy": 2}


# --- Report -------------------------------------------------------------------------------------------------


def test_report_of_one_case_exactly():
    left = {"/": PageParts(sources=("ref-a", "ref-b"), review_dates=("2026-11-22", "2027-11-22"), csp=True), "about/": PageParts(csp=True)}
    right = {"/": PageParts(review_dates=("2026-11-22", "2027-11-22"))}
    text = compare.report(compare.compare_sites(left, right), compare.BuildInfo(version="0.0.73", status=0))
    assert (
        text
        == """# Successor-engine canary

Compared the site as MkDocs builds it with the site as Zensical 0.0.73 builds it (the build succeeded).

| | MkDocs | Zensical |
|---|---:|---:|
| Pages | 2 | 1 |
| Pages only in this build | 1 | 0 |

Pages built by both that differ: 1.

| Part | Pages where it differs |
|---|---:|
| Content-Security-Policy | 1 |
| sources | 1 |

## Pages missing in Zensical (1)

- `about/`

## Differences on pages built by both (1)

### `/`

- sources: MkDocs lists 2, Zensical lists 0; only in MkDocs: `ref-a`, `ref-b`
- Content-Security-Policy: only in MkDocs
"""
    )


def test_report_lists_the_pages_only_one_build_has():
    parts = PageParts()
    text = compare.report(compare.compare_sites({"/": parts, "about/": parts}, {"/": parts, "new/": parts, "news/": parts}))
    assert text.endswith("""## Pages missing in Zensical (1)

- `about/`

## Pages only in Zensical (2)

- `new/`
- `news/`
""")


def test_report_without_differences_says_so():
    parts = {"/": PageParts(csp=True)}
    assert (
        compare.report(compare.compare_sites(parts, parts), title="Canary")
        == """# Canary

Compared the site as MkDocs builds it with the site as Zensical builds it.

| | MkDocs | Zensical |
|---|---:|---:|
| Pages | 1 | 1 |
| Pages only in this build | 0 | 0 |

No differences: the same pages, with the same sources, review dates, urgent-help cards and Content-Security-Policy.
"""
    )


def test_report_of_a_failed_build_quotes_the_end_of_its_log_without_colours():
    log = "Build started\n\x1b[33mWarning:\x1b[0m anchor does not exist\nRuntimeError: uses ``` in a message\n"
    text = compare.report(compare.compare_sites({"/": PageParts()}, {}), compare.BuildInfo("0.1.3", 1, log))
    assert text.startswith("""# Successor-engine canary

Zensical 0.1.3 **failed to build the site** (exit status 1); the pages it wrote before it stopped are compared.

The last lines of its output:

````text
Build started
Warning: anchor does not exist
RuntimeError: uses ``` in a message
````
""")
    assert text.endswith("""| Pages | 1 | 0 |
| Pages only in this build | 1 | 0 |

## Pages missing in Zensical (1)

Zensical wrote no page, so every page is missing.
""")


# --- Command line (in-process) ------------------------------------------------------------------------------


def test_main_writes_the_report_and_exits_0_unless_asked_to_fail_on_a_difference(tmp_path, capsys):
    left = write_site(tmp_path / "mkdocs", {"index.html": page(SOURCES)})
    right = write_site(tmp_path / "zensical", {"index.html": page(SOURCES)})
    other = write_site(tmp_path / "other", {"index.html": page()})
    out = tmp_path / "report.md"
    assert compare.main([str(left), str(other), "--out", str(out)]) == 0
    assert "- sources: MkDocs lists 2, Zensical lists 0" in out.read_text(encoding="utf-8")
    assert compare.main([str(left), str(other), "--out", str(out), "--fail-on-diff"]) == 1
    assert compare.main([str(left), str(right), "--fail-on-diff"]) == 0
    assert "No differences" in capsys.readouterr().out


def test_main_reads_the_build_status_and_log(tmp_path):
    log = tmp_path / "zensical.log"
    log.write_text("RuntimeError: could not render include\n", encoding="utf-8")
    out = tmp_path / "report.md"
    left = write_site(tmp_path / "mkdocs", {"index.html": page()})
    args = [str(left), str(tmp_path / "missing"), "--out", str(out), "--zensical-version", "0.0.73", "--zensical-status", "1", "--zensical-log", str(log)]
    assert compare.main(args) == 0
    text = out.read_text(encoding="utf-8")
    assert "Zensical 0.0.73 **failed to build the site** (exit status 1)" in text
    assert "```text\nRuntimeError: could not render include\n```" in text
    assert "| Pages | 1 | 0 |" in text


def test_the_script_uses_only_the_standard_library():
    imports = {line.split()[1].split(".")[0] for line in SCRIPT.read_text(encoding="utf-8").splitlines() if line.startswith(("import ", "from "))}
    assert imports <= {"__future__", "argparse", "re", "sys", "dataclasses", "html", "pathlib"}
