"""What the build gives each page for the language switch, the hreflang links and the translation notices
(hooks._languages), worked out from a project folder: no build."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from peerkb import hooks
from peerkb.editions import text_checksum

ENGLISH = "---\ntitle: Forms\n---\n\n# Forms\n\nText.\n"


def project(tmp_path: Path, reviewed: object = False, checksum: str | None = None) -> Path:
    (tmp_path / "docs" / "lt" / "peer-support").mkdir(parents=True)
    (tmp_path / "docs" / "peer-support").mkdir(parents=True)
    (tmp_path / "docs" / "peer-support" / "forms.md").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "docs" / "evidence.md").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "docs" / "lt" / "peer-support" / "forms.md").write_text("---\ntitle: Formos\n---\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return tmp_path


def config(root: Path, language: str) -> SimpleNamespace:
    root_url = "https://example.org/"
    return SimpleNamespace(
        config_file_path=str(root / ("mkdocs.yml" if language == "en" else "mkdocs.lt.yml")),
        theme={"language": language},
        extra={"kb_root_url": root_url},
    )


def page(src: str, url: str, meta: dict | None = None) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src), url=url, meta=meta or {})


def translation(checksum: str, reviewed: object = False) -> dict:
    return {"translation": {"source": "peer-support/forms.md", "source_sha256": checksum, "reviewed": reviewed}}


def test_an_english_page_with_a_translation_links_to_it_and_names_both_addresses(tmp_path):
    root = project(tmp_path)
    languages, state = hooks._languages(page("peer-support/forms.md", "peer-support/forms/"), config(root, "en"))
    assert languages == [
        {"code": "en", "name": "English", "current": True, "exists": True, "href": "./", "url": "https://example.org/peer-support/forms/"},
        {
            "code": "lt",
            "name": "Lietuvių",
            "current": False,
            "exists": True,
            "href": "../../lt/peer-support/forms/",
            "url": "https://example.org/lt/peer-support/forms/",
        },
    ]
    assert state is None


def test_a_page_with_no_translation_leads_to_the_other_home_page_and_its_note(tmp_path):
    root = project(tmp_path)
    languages, _ = hooks._languages(page("evidence.md", "evidence/"), config(root, "en"))
    assert languages[1] == {"code": "lt", "name": "Lietuvių", "current": False, "exists": False, "href": "../lt/#neisversta", "url": None}


def test_a_translation_links_back_and_is_current_until_the_english_changes(tmp_path):
    root = project(tmp_path)
    lithuanian = page("peer-support/forms.md", "peer-support/forms/", translation(text_checksum(ENGLISH)))
    languages, state = hooks._languages(lithuanian, config(root, "lt"))
    assert languages[0]["href"] == "../../../peer-support/forms/"
    assert languages[1]["current"] and languages[1]["href"] == "./"
    assert state == {"reviewed": None, "stale": False, "source_href": "../../../peer-support/forms/"}
    (root / "docs" / "peer-support" / "forms.md").write_text(ENGLISH + "\nA new paragraph.\n", encoding="utf-8")
    _, state = hooks._languages(lithuanian, config(root, "lt"))
    assert state is not None and state["stale"] is True


def test_a_reviewed_translation_says_when(tmp_path):
    root = project(tmp_path)
    _, state = hooks._languages(page("peer-support/forms.md", "peer-support/forms/", translation(text_checksum(ENGLISH), "2026-12-14")), config(root, "lt"))
    assert state is not None and state["reviewed"] == "2026-12-14" and state["stale"] is False


def render_notice(state: dict | None, homepage: bool = False, switch_note: str = "neisversta") -> str:
    import jinja2
    from helpers import ROOT

    from peerkb.interface import project_strings

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")), autoescape=True)
    env.filters["url"] = lambda value: "../../" + value  # MkDocs' filter: the address from the page (here two folders deep)
    config = {"extra": {"ui": project_strings("lt"), "report_page": "about/report-an-error/"}}
    return env.get_template("partials/translation.html").render(kb_translation=state, kb_switch_note=switch_note, page={"is_homepage": homepage}, config=config)


def test_the_notices_say_in_lithuanian_what_a_reader_needs_to_know(tmp_path):
    unreviewed = " ".join(render_notice({"reviewed": None, "stale": False, "source_href": "../../../x/"}).split())
    assert "Tai vertimas iš anglų kalbos. Gimtakalbis jo dar nepatikrino." in unreviewed
    assert "translation-stale" not in unreviewed
    stale = " ".join(render_notice({"reviewed": "2026-12-14", "stale": True, "source_href": "../../../x/"}).split())
    assert "Gimtakalbis" not in stale
    assert 'Angliškas šio puslapio tekstas pasikeitė po to, kai jis buvo išverstas. <a href="../../../x/">Skaityti angliškai</a>.' in stale
    assert render_notice({"reviewed": "2026-12-14", "stale": False, "source_href": "x"}).strip() == ""
    home = render_notice(None, homepage=True)
    assert 'id="neisversta"' in home and "Puslapio, kurį skaitėte, lietuviškai dar nėra." in home
