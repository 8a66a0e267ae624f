"""The site's own words (data/interface.yml): the check's exact messages, and templates rendered in Lithuanian."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from helpers import ROOT
from peerkb import citefiles, feedback, render
from peerkb.interface import INTERFACE_FILE, check_interface, project_strings, strings_for
from peerkb.models import Reference

REAL = (ROOT / INTERFACE_FILE).read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A project with the real interface strings and no theme templates of its own."""
    (tmp_path / "data").mkdir()
    (tmp_path / INTERFACE_FILE).write_text(REAL, encoding="utf-8")
    return tmp_path


def problems(root: Path) -> list[str]:
    return [str(p) for p in check_interface(root)[1]]


def edit(root: Path, old: str, new: str) -> None:
    path = root / INTERFACE_FILE
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(text: str) -> int:
    return REAL.split(text, 1)[0].count("\n") + 1


def test_the_real_file_passes_and_the_test_project_has_the_same_words(site):
    assert problems(ROOT) == []
    assert (ROOT / "tests/fixtures/minimal" / INTERFACE_FILE).read_text(encoding="utf-8") == REAL


def test_a_missing_language_is_reported(site):
    edit(site, "sources_heading: {en: Sources, lt: Šaltiniai}", "sources_heading: {en: Sources}")
    line = line_of("sources_heading:")
    assert problems(site) == [f"data/interface.yml:{line}: entry 'sources_heading' → lt: has no Lithuanian text (add lt: with the text in Lithuanian)"]


def test_an_unknown_language_is_reported(site):
    edit(site, "sources_heading: {en: Sources, lt: Šaltiniai}", "sources_heading: {en: Sources, lt: Šaltiniai, fr: Sources}")
    line = line_of("sources_heading:")
    assert problems(site) == [f"data/interface.yml:{line}: entry 'sources_heading' → fr: 'fr' is not a language of the site (the site's languages are en, lt)"]


def test_different_placeholders_are_reported(site):
    edit(site, 'lt: "Visa rekomendacija {id}"', 'lt: "Visa rekomendacija {n}"')
    line = line_of("rec_full:")
    assert problems(site) == [
        f"data/interface.yml:{line}: entry 'rec_full' → lt: has the placeholders {{n}}, but the English has {{id}} "
        "(write the same {placeholders} in every language: the template fills in exactly those)"
    ]


def test_a_stray_brace_is_reported(site):
    edit(site, 'cited_on: {en: "Cited on:"', 'cited_on: {en: "Cited on: {"')
    line = line_of("cited_on:")
    assert problems(site) == [
        f"data/interface.yml:{line}: entry 'cited_on' → en: has a brace that is not a {{placeholder}} "
        "(write {name} for a value the template fills in, and no other braces)"
    ]


def test_html_is_refused(site):
    edit(site, "sources_heading: {en: Sources,", "sources_heading: {en: '<script>alert(1)</script>Sources',")
    line = line_of("sources_heading:")
    assert problems(site) == [
        f"data/interface.yml:{line}: entry 'sources_heading' → en: contains HTML ('<script>') "
        "(interface strings are plain text, shown escaped; the templates add any markup around them)"
    ]


def test_empty_text_is_refused(site):
    edit(site, "lt: Šaltiniai}", "lt: ' '}")
    line = line_of("sources_heading:")
    assert problems(site) == [f"data/interface.yml:{line}: entry 'sources_heading' → lt: is empty (write the Lithuanian text)"]


def test_an_id_a_theme_template_uses_must_be_in_the_file(site):
    (site / "overrides" / "partials").mkdir(parents=True)
    (site / "overrides" / "partials" / "extra.html").write_text("<p>\n  {{ config.extra.ui.sources_heading | e }} {{ config.extra.ui.sorces | e }}\n</p>\n")
    assert problems(site) == [
        "overrides/partials/extra.html:2: uses the interface string 'sorces', which data/interface.yml does not have "
        "(add sorces: {en: …, lt: …} to data/interface.yml, or fix the id)"
    ]


def test_an_id_the_macros_use_must_be_in_the_file(site):
    edit(site, "sources_heading: {en: Sources, lt: Šaltiniai}\n", "")
    found = problems(site)
    assert found[0].endswith(
        ": uses the interface string 'sources_heading', which data/interface.yml does not have (add sources_heading: {en: …, lt: …} to data/interface.yml, or fix the id)"
    )


def test_every_label_of_a_fixed_value_is_required(site):
    edit(site, "event_type_webinar: {en: Webinar, lt: Internetinis seminaras}\n", "")
    assert problems(site) == [
        "data/interface.yml:1: has no label for the event type 'webinar' (add event_type_webinar: {en: …, lt: …}: pages show that value by its label)"
    ]


def test_an_id_jinja_would_read_as_a_method_is_refused(site):
    edit(site, "or: {en: or, lt: arba}", "or: {en: or, lt: arba}\nitems: {en: Items, lt: Elementai}")
    line = line_of("\nor:") + 2
    assert problems(site) == [f"data/interface.yml:{line}: 'items' cannot be an id (templates would read it as something else; choose another name)"]


def test_english_strings_are_the_english_of_the_file():
    ui = project_strings("en")
    assert ui.language == "en"
    assert ui["sources_heading"] == "Sources"
    assert project_strings("lt")["sources_heading"] == "Šaltiniai"
    assert strings_for({}, "xx").language == "en"


# --- rendering in Lithuanian, without a build ---------------------------------------------------------------


LT = project_strings("lt")


def _reference(**fields: object) -> Reference:
    base: dict[str, object] = {
        "id": "doe-2020",
        "type": "book",
        "authors": ["Doe, J.", "Roe, R.", "Poe, P."],
        "year": 2020,
        "title": "A title",
        "url": "https://example.org/a",
    }
    return Reference.model_validate({**base, **fields})


def test_dates_are_long_in_the_site_language_and_unchanged_in_english():
    assert render.long_date(date(2026, 11, 22)) == "22 November 2026"
    assert render.long_date(date(2026, 11, 22), "lt") == "2026 m. lapkričio 22 d."


def test_the_list_of_sources_renders_in_lithuanian():
    ref = _reference(accessed="2026-11-22")
    html = render.render_sources([ref], {"doe-2020": 1}, ui=LT)
    assert 'aria-label="Atgal į 1-ą citavimo vietą tekste"' in html
    assert "(žiūrėta 2026 m. lapkričio 22 d.)" in html
    english = render.render_sources([ref], {"doe-2020": 1})
    assert 'aria-label="Back to citation 1 in the text"' in english
    assert "(accessed 22 November 2026)" in english


def test_in_text_labels_use_the_site_language():
    refs = [_reference(), _reference(id="x-nd", type="webpage", authors=["X, A."], year=None, accessed="2026-01-02")]
    assert render.citation_labels(refs, LT) == {"doe-2020": "Doe ir kt. 2020", "x-nd": "X b. d."}
    assert render.citation_labels(refs) == {"doe-2020": "Doe et al. 2020", "x-nd": "X n.d."}


def test_a_template_escapes_markup_in_an_interface_string():
    hostile = strings_for({}, "lt")
    hostile.update(LT)
    hostile["back_to_citation"] = '<img src=x onerror="alert(1)"> {n}'
    html = render.render_sources([_reference()], {"doe-2020": 1}, ui=hostile)
    assert "<img" not in html
    assert 'aria-label="&lt;img src=x onerror=&#34;alert(1)&#34;&gt; 1"' in html


def test_the_wording_note_fills_in_its_placeholder_escaped():
    assert render.fill("(venkite; rašykite „{instead}“)", instead="<b>žmogus</b>") == "(venkite; rašykite „&lt;b&gt;žmogus&lt;/b&gt;“)"
    assert render.text("The line's own site & <more>") == "The line's own site &amp; &lt;more&gt;"


def test_the_report_and_the_email_are_written_in_the_site_language():
    url = feedback.report_url("https://github.com/o/r", "Pagalba", "https://example.org/lt/", LT)
    assert "title=Klaida%3A%20Pagalba" in url
    assert "body=Puslapis%3A%20Pagalba%0Ahttps%3A%2F%2Fexample.org%2Flt%2F%0A%0AKas%20negerai%3A%0A" in url
    mail = feedback.mail_url("a@example.org", "Pagalba", "https://example.org/lt/", LT)
    assert mail.startswith("mailto:a@example.org?subject=Klaida%20puslapyje%3A%20Pagalba&body=Puslapis%3A%20Pagalba%0D%0A")


def test_the_citation_files_note_is_in_the_site_language():
    c = citefiles.PageCitation("x/", "Site", "Title", date(2026, 11, 22), "https://example.org/x/", "lt", "CC BY 4.0", LT)
    assert citefiles.note(c) == "Paskutinė peržiūra 2026 m. lapkričio 22 d. Licencija: CC BY 4.0."
    english = citefiles.PageCitation("x/", "Site", "Title", date(2026, 11, 22), "https://example.org/x/", "en", "CC BY 4.0")
    assert citefiles.note(english) == "Last reviewed 22 November 2026. Licence: CC BY 4.0."


def test_a_theme_template_renders_with_lithuanian_strings(tmp_path):
    """The review dates partial, with what macros.define_env gives the theme in a Lithuanian build."""
    import jinja2

    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path / "overrides")))  # as MkDocs makes it
    page = {"meta": {"last_reviewed": date(2026, 11, 22), "review_due": date(2027, 5, 22)}}
    extra = {"ui": LT, "ui_date": lambda value: render.long_date(value, "lt")}
    html = env.get_template("partials/review-dates.html").render(page=page, config={"extra": extra})
    assert 'aria-label="Peržiūros datos"' in html
    assert 'Puslapis paskutinį kartą peržiūrėtas: <time datetime="2026-11-22">2026 m. lapkričio 22 d.</time>' in html
    assert 'Kita peržiūra numatyta: <time datetime="2027-05-22">2027 m. gegužės 22 d.</time>' in html


def test_the_citation_box_keeps_its_full_stop_in_english_and_none_after_a_lithuanian_date():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")))  # as MkDocs makes it
    page = {"meta": {"last_reviewed": date(2026, 11, 22), "title": "T"}, "canonical_url": "https://example.org/t/"}
    for language, ui, shown in (
        ("en", project_strings("en"), 'Last reviewed <time datetime="2026-11-22">22 November 2026</time>.<span'),
        ("lt", LT, 'Paskutinė peržiūra <time datetime="2026-11-22">2026 m. lapkričio 22 d.</time><span'),
    ):
        extra = {"ui": ui, "ui_date": lambda value, lang=language: render.long_date(value, lang)}
        html = env.get_template("partials/cite-this-page.html").render(
            page=page, config={"site_name": "S", "theme": {"language": language}, "extra": extra}, kb_files=None
        )
        assert shown in html
        assert f'data-kb-copied="{ui["cite_copied"]}"' in html
