"""What the site's search is built from: the words it compares, the crisis words and the card, keywords, and
the vocabulary for spelling suggestions. (The browser tests run the search itself: tests/browser/test_search.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import ROOT
from peerkb import search
from peerkb.check import check_project
from peerkb.models import search_normal


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Self-harm", "self harm"),
        ("Savižudybė", "savizudybe"),
        ("don't  want to LIVE", "don t want to live"),
        ("Ísland, Þingvellir", "island þingvellir"),
        ("  112!  ", "112"),
    ],
)
def test_search_compares_text_without_case_accents_or_punctuation(text, normal):
    assert search_normal(text) == normal


def test_the_card_takes_every_number_from_the_helplines(project):
    project.append(
        "data/helplines.yml",
        """
        - id: xx-112
          country: xx
          name: Emergency number
          number: "112"
          for_whom: Anyone in danger
          hours: Always
          cost: Free
          emergency: true
          operator: test-org
          source: test-line-page
          last_verified: 2026-11-01
        """,
    )
    kb = check_project(project.root).kb
    card = search.card(kb, kb.search["en"], "world/")
    assert card == {
        "heading": "Need help now?",
        "emergency_label": "In an emergency, call",
        "emergency": [{"number": "112", "tel": "112", "places": ["Testland"]}],
        "support_label": "To talk to someone, call",
        "support_number": "116 123",
        "support": ["Testland"],
        "help_link": "Get help now — numbers for every country we cover",
        "help_url": "world/",
    }


def test_the_card_changes_when_a_helpline_changes(project):
    project.replace("data/helplines.yml", 'number: "116 123"', 'number: "116 111"')
    kb = check_project(project.root).kb
    assert search.card(kb, kb.search["en"], "world/")["support"] == []


def test_the_search_data_holds_normalised_crisis_words_the_wording_and_the_vocabulary(project):
    kb = check_project(project.root).kb
    data = search.search_data(kb, "en", "world/", ["zeta", "alpha", "alpha"])
    assert "self harm" in data["crisis"]["phrases"] and "self-harm" not in data["crisis"]["phrases"]
    assert "don t want to live" in data["crisis"]["phrases"]
    assert data["crisis"]["stems"] == ["selfharm", "suicid"]
    assert {"a", "the", "of"} <= set(data["stop_words"]) and "not" not in data["stop_words"]
    assert data["text"] == {
        "no_results": "No pages found.",
        "one_result": "1 page found.",
        "many_results": "{n} pages found.",
        "did_you_mean": "Did you mean",
        "for_contributors": "For contributors",
        "more_results": "Show more results",
    }
    assert data["words"] == ["alpha", "zeta"]


def test_the_vocabulary_keeps_words_of_four_letters_or_more_without_markup():
    assert search.words_of("CHIME: <em>five</em> processes &amp; the 2011 map of recovery") == ["chime", "five", "processes", "recovery"]


def test_the_real_crisis_words_include_what_people_in_distress_type():
    kb = check_project(ROOT).kb
    phrases = {search_normal(p) for p in kb.search["en"].crisis_phrases}
    expected = {"suicide", "suicidal", "kill myself", "end my life", "self harm", "overdose", "crisis", "emergency", "want to die", "hurt myself"}
    assert expected <= phrases


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    - suicidal\n",
            "    - suicidal\n    - Suicidal\n",
            "data/search.yml:7: entry 'en' → crisis_phrases: 'Suicidal' is the same search as 'suicidal' "
            "(search ignores case, accents, hyphens and apostrophes: list the words once)",
        ),
        (
            "    - suicid\n",
            "    - sui\n",
            "data/search.yml:43: entry 'en' → crisis_stems: 'sui' is too short (write at least 4 characters)",
        ),
        (
            "    - overdose\n",
            "    - over;dose\n",
            "data/search.yml:7: entry 'en' → crisis_phrases: 'over;dose' has characters search ignores (write letters, digits, spaces, hyphens and apostrophes only)",
        ),
        (
            'many_results: "{n} pages found."',
            "many_results: Some pages found.",
            "data/search.yml:52: entry 'en' → many_results: 'Some pages found.' is not in the expected form (it should match \\{n\\})",
        ),
    ],
)
def test_crisis_words_and_wording_are_validated(project, old, new, message):
    project.replace("data/search.yml", old, new)
    assert project.problems() == [message]


def test_a_keyword_may_not_repeat_the_title_or_another_keyword(project):
    project.replace("docs/lists.md", "audience: [researchers]", "audience: [researchers]\nkeywords: [Fixture Lists]")
    project.replace("docs/recs.md", "audience:", "keywords: [salary, Salary]\naudience:")
    assert project.problems() == [
        "docs/lists.md:5: keywords: 'Fixture Lists' is the page's title (the title is searched already, with the most weight; give words the page does not use)",
        "docs/recs.md:4: keywords: 'Salary' repeats 'salary' (list each keyword once)",
    ]


def test_the_urgent_help_page_may_list_crisis_words_as_keywords(project):
    project.replace("docs/world.md", "audience: [public, policymakers]", "audience: [public, policymakers]\nkeywords: [suicide, self-harm]")
    assert project.problems() == []


def test_pagefind_runs_with_no_configuration_but_the_sites(monkeypatch, tmp_path):
    calls = []

    def fake_run(command, **kwargs):
        calls.append((command, kwargs))
        (Path(command[2]) / search.INDEX_DIR).mkdir()
        (Path(command[2]) / search.INDEX_DIR / "pagefind-ui.js").write_text("ui")
        return type("Done", (), {"returncode": 0, "stdout": "", "stderr": ""})()

    monkeypatch.setenv("PAGEFIND_EXCLUDE_SELECTORS", "article")
    monkeypatch.setattr(search.subprocess, "run", fake_run)
    search.index_site(tmp_path)
    [(command, kwargs)] = calls
    assert command[1:] == ["--site", str(tmp_path), "--output-subdir", "pagefind", "--exclude-selectors", ".headerlink", "--silent"]
    assert Path(command[0]).name == "pagefind"
    assert kwargs["cwd"] != str(Path.cwd()) and not Path(kwargs["cwd"]).exists()  # an empty folder, removed after
    assert not [k for k in kwargs["env"] if k.startswith("PAGEFIND_")]
    assert not (tmp_path / "pagefind" / "pagefind-ui.js").exists()


def test_a_failed_index_stops_the_build_with_pagefinds_words(monkeypatch, tmp_path):
    monkeypatch.setattr(search.subprocess, "run", lambda command, **kw: type("Done", (), {"returncode": 1, "stdout": "", "stderr": "Error: no pages"})())
    with pytest.raises(search.IndexFailed, match=r"^Pagefind could not index the site \(exit 1\):\nError: no pages$"):
        search.index_site(tmp_path)
