"""Rendering functions: exact output for normal data, and escaping of anything that looks like markup."""

from __future__ import annotations

import re
from datetime import date

from markupsafe import escape

from peerkb import render
from peerkb.models import Definition, GlossaryTerm, Helpline, Organisation, Reference


def ref(**fields) -> Reference:
    base = dict(id="doe-2020", type="article", authors=["Doe, J."], title="A study", container="A journal", year=2020, doi="10.1000/xyz")
    return Reference.model_validate({**base, **fields})


def test_cite_label_by_number_of_authors():
    assert render.cite_label(ref()) == "Doe 2020"
    assert render.cite_label(ref(authors=["Doe, J.", "Roe, R."])) == "Doe & Roe 2020"
    assert render.cite_label(ref(authors=["Doe, J.", "Roe, R.", "Poe, P."])) == "Doe et al. 2020"
    assert render.cite_label(ref(authors=["World Health Organization"], short_author="WHO")) == "WHO 2020"


def test_labels_are_disambiguated_in_file_order():
    refs = [ref(id="a", authors=["WHO"]), ref(id="b", authors=["WHO"]), ref(id="c", authors=["Doe, J."])]
    assert render.citation_labels(refs) == {"a": "WHO 2020a", "b": "WHO 2020b", "c": "Doe 2020"}


def test_undated_labels_are_disambiguated_the_apa_way():
    page = dict(type="webpage", container=None, year=None, doi=None, url="https://example.org/", accessed="2026-01-01")
    refs = [ref(id="a", **page), ref(id="b", **page)]
    assert render.citation_labels(refs) == {"a": "Doe n.d.-a", "b": "Doe n.d.-b"}


def test_citation_links_each_source_to_the_page_list():
    refs = [ref(id="a"), ref(id="b", authors=["Roe, R."])]
    html = render.render_citation(refs, {"a": "Doe 2020", "b": "Roe 2020"})
    assert html == '<span class="kb-cite">(<a href="#ref-a">Doe 2020</a>; <a href="#ref-b">Roe 2020</a>)</span>'


def test_citation_escapes_its_label():
    html = render.render_citation([ref(id="a")], {"a": "<script>alert(1)</script> & 'co' 2020"})
    assert html == '<span class="kb-cite">(<a href="#ref-a">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;co&#39; 2020</a>)</span>'


def test_reference_list_entry_for_an_article():
    html = render.render_sources([ref(volume="3", issue="2", pages="1–9")])
    assert '<li id="ref-doe-2020">' in html
    text = " ".join(html.split())
    assert "Doe, J. (2020). A study. <cite>A journal</cite>, 3(2), 1–9." in text
    assert '<a href="https://doi.org/10.1000/xyz">https://doi.org/10.1000/xyz</a>' in text


def test_reference_list_entry_for_a_web_page_shows_access_date():
    html = render.render_sources([ref(type="webpage", container="example.org", year=None, doi=None, url="https://example.org/a", accessed="2026-11-22")])
    text = " ".join(html.split())
    assert "(n.d.)." in text and "(accessed 22 November 2026)" in text
    assert '<a href="https://example.org/a">' in text


def _helpline(**fields) -> Helpline:
    base = dict(
        id="x-line",
        country="xx",
        name="Line",
        number="0 800 28888",
        for_whom="Anyone",
        hours="Always",
        cost="Free",
        source="doe-2020",
        last_verified=date(2026, 11, 22),
    )
    return Helpline.model_construct(**{**base, **fields})


def test_helpline_card_has_tappable_number_and_check_date():
    html = render.render_helplines([_helpline()], {}, {"doe-2020": "Doe 2020"})
    assert '<a href="tel:080028888">0 800 28888</a>' in html
    assert '<time datetime="2026-11-22">22 November 2026</time>; source: <a href="#ref-doe-2020">Doe 2020</a>' in html
    assert "\n\n" not in html  # a blank line would end the raw HTML block in Markdown


def test_text_from_data_is_escaped_never_executed():
    # model_construct skips validation, as if a bad value slipped past it: rendering must still be safe.
    line = _helpline(name="<script>alert('x')</script>", for_whom='"><img src=x onerror=alert(1)>')
    html = render.render_helplines([line], {}, {"doe-2020": "Doe 2020"})
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html


def test_markdown_fields_render_emphasis_and_links():
    assert render.inline_markdown("Call **option 2**, see [NHS](https://www.nhs.uk/).") == (
        'Call <strong>option 2</strong>, see <a href="https://www.nhs.uk/">NHS</a>.'
    )


def test_markdown_fields_drop_raw_html_and_unsafe_links():
    html = render.inline_markdown('Hi <script>alert(1)</script> [x](javascript:alert(1)) <b onclick="y">b</b>')
    assert "<script>" not in html and "<b " not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html


def test_helpline_notes_use_the_markdown_path():
    html = render.render_helplines([_helpline(notes="Choose **option 2** <script>x</script>")], {}, {"doe-2020": "Doe 2020"})
    assert "<strong>option 2</strong>" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_definitions_table_quotes_and_summaries():
    d = Definition.model_construct(id="d", source="doe-2020", context="Tests", quote="Exact <words>", summary="In *our* words", stresses=["a", "b"])
    html = render.render_definitions([d], {"doe-2020": "Doe 2020"})
    assert '<th scope="row"><a href="#ref-doe-2020">Doe 2020</a>' in html
    assert "<q>Exact &lt;words&gt;</q>" in html
    assert "In <em>our</em> words" in html
    assert '<td><span class="kb-stack__label" aria-hidden="true">What it stresses</span>a, b</td>' in html


def test_term_links_to_the_glossary_when_it_exists():
    term = GlossaryTerm(id="savitarpio-pagalba", term="savitarpio pagalba", language="lt", definition="Mutual help.")
    assert render.render_term(term, "../glossary/") == (
        '<a class="kb-term" href="../glossary/#savitarpio-pagalba" title="Mutual help." lang="lt">savitarpio pagalba</a>'
    )
    assert render.render_term(term, None) == '<dfn class="kb-term" title="Mutual help." lang="lt">savitarpio pagalba</dfn>'


def test_abbreviations_become_markdown_abbr_definitions():
    terms = [
        GlossaryTerm(id="psw", term="Peer support worker", abbr="PSW", definition="x"),
        GlossaryTerm(id="no-abbr", term="Recovery", definition="y"),
    ]
    assert render.abbreviation_lines(terms) == "*[PSW]: Peer support worker"


def test_author_list_in_reference_style():
    assert render.author_list(["Doe, J."]) == "Doe, J."
    assert render.author_list(["Doe, J.", "Roe, R."]) == "Doe, J. & Roe, R."
    assert render.author_list(["Mead, S.", "Hilton, D.", "Curtis, L."]) == "Mead, S., Hilton, D., & Curtis, L."


def test_long_date_is_unambiguous():
    assert render.long_date(date(2027, 2, 3)) == "3 February 2027"


def test_organisation_name_is_shown_for_the_operator():
    org = Organisation(id="org", name="Samaritans & Co", country="gb", type="helpline")
    html = render.render_helplines([_helpline(operator="org")], {"org": org}, {"doe-2020": "Doe 2020"})
    assert "<dt>Run by</dt><dd>Samaritans &amp; Co</dd>" in html


def test_reference_title_ending_in_a_question_mark_gets_no_extra_full_stop():
    html = render.render_sources([ref(title="So why aren't we seeing more?")])
    assert "So why aren&#39;t we seeing more? <cite>A journal</cite>." in html


def test_term_can_show_other_words_in_a_sentence():
    term = GlossaryTerm.model_validate(dict(id="rct", term="Randomised controlled trial", definition="A fair test."))
    html = render.render_term(term, "../glossary/", "randomised controlled trials")
    assert html == '<a class="kb-term" href="../glossary/#rct" title="A fair test.">randomised controlled trials</a>'


def test_markdown_escape_leaves_no_markup():
    assert render.markdown_escape("R *1* [x](y) <b> #2 `c`") == r"R \*1\* \[x\](y) \<b\> \#2 \`c\`"


def test_events_are_listed_oldest_first_and_undated_last():
    from peerkb.models import Event

    base = dict(type="meeting", summary="S.", sources=["doe-2020"])
    events = [
        Event.model_validate({**base, "id": "c", "title": "Undated", "when": "Some day"}),
        Event.model_validate({**base, "id": "b", "title": "Later", "start": "2025-01-01"}),
        Event.model_validate({**base, "id": "a", "title": "Earlier", "start": "2024-01-01", "end": "2024-01-02"}),
    ]
    html = render.render_events(events, lambda path: path)
    assert [line.split(":")[0] for line in html.splitlines()[1:-1]] == ["<li>Earlier", "<li>Later", "<li>Undated"]
    assert '<time datetime="2024-01-01">1 January 2024</time> to <time datetime="2024-01-02">2 January 2024</time>' in html


def test_glossary_marks_the_language_of_local_terms():
    terms = [GlossaryTerm.model_validate(dict(id="ek", term="erfaringskonsulent", language="nb", definition="Experience consultant."))]
    html = render.render_glossary(terms, {})
    assert '<dt id="ek"><dfn lang="nb">erfaringskonsulent</dfn> <span class="kb-glossary__lang">(Norwegian Bokmål)</span></dt>' in html


def test_wording_table_lists_each_rule_and_escapes_its_text():
    from peerkb.models import WordingRule

    rules = [
        WordingRule.model_validate({"id": "sufferer", "avoid": ["sufferer", "sufferers"], "instead": "a person living with", "why": "It reduces a person."}),
        # Validation rejects HTML in data; the template escapes anyway, as a second line of defence.
        WordingRule.model_construct(id="x", avoid=["<b>bold</b>"], instead="a & b", why="<script>alert(1)</script>"),
    ]
    html = render.render_wording_table(rules)
    assert '<tr id="wording-sufferer">' in html
    assert "<td><q>sufferer</q>, <q>sufferers</q></td>" in html
    assert "<td>a person living with</td>" in html
    assert "<q>&lt;b&gt;bold&lt;/b&gt;</q>" in html and "a &amp; b" in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<th scope="col">Instead of</th>' in html


# --- tables that become cards on phones -----------------------------------------------------------------


def _headers_and_rows(html: str) -> tuple[list[str], list[list[tuple[str, str]]]]:
    """The column names of a table, and for each row its cells as (label shown on phones, content)."""
    import re

    headers = re.findall(r'<th scope="col">(.*?)</th>', html)
    rows = []
    for row in re.findall(r"<tr id=.*?</tr>", html, re.DOTALL):
        cells = re.findall(r'<td><span class="kb-stack__label" aria-hidden="true">(.*?)</span>(.*?)</td>', row, re.DOTALL)
        rows.append(cells)
    return headers, rows


def test_each_cell_of_the_comparison_is_labelled_with_its_column_and_shows_the_profile():
    from helpers import ROOT
    from peerkb.validate import check_data

    kb, _ = check_data(ROOT)
    labels = render.citation_labels(kb.references.values())
    html = render.render_country_table(kb.countries.values(), kb.organisations, labels, lambda target: target, None)
    headers, rows = _headers_and_rows(html)
    profiled = [c for c in kb.countries.values() if c.profile]
    assert headers[0] == "Country" and len(headers) == 9
    assert len(rows) == len(profiled) >= 10
    for country, cells in zip(profiled, rows, strict=True):
        assert [label for label, _ in cells] == headers[1:], country.id
        profile = country.profile
        assert profile is not None
        for (_, shown), value in zip(cells[1:5], [profile.status, profile.training, profile.settings, profile.funding], strict=True):
            assert shown == (render.markdown_safe(str(render.inline_markdown(value))) if value else '<span class="kb-unknown">Not documented</span>')
        assert cells[6][1] == "; ".join(f'<a href="#ref-{key}">{render.markdown_safe(str(escape(labels[key])))}</a>' for key in profile.sources)
    # A scroll area of its own, named by the caption and reachable by keyboard; the table has a class, so the theme
    # does not wrap it in another scroll area that takes no focus.
    assert html.startswith(
        '<div class="kb-scroll" role="region" tabindex="0" aria-labelledby="kb-countries-caption">\n<table class="kb-table kb-stack kb-countries">'
    )


def test_each_cell_of_the_definitions_is_labelled_with_its_column():
    d = Definition.model_construct(id="d", source="doe-2020", context="Tests", quote=None, summary="In our words", stresses=["a"])
    headers, rows = _headers_and_rows(render.render_definitions([d, d], {"doe-2020": "Doe 2020"}))
    assert headers == ["Source", "What it says", "What it stresses"]
    assert rows == [[("What it says", "In our words"), ("What it stresses", "a")]] * 2


# --- the glossary ------------------------------------------------------------------------------------------


def _term(id_: str, term: str, **fields) -> GlossaryTerm:
    return GlossaryTerm.model_validate({"id": id_, "term": term, "definition": "A term.", **fields})


def test_glossary_starts_with_links_to_the_letters_that_have_terms():
    terms = [_term("b", "beta"), _term("a2", "Alpha two"), _term("a1", "alpha one"), _term("z", "Žvelk"), _term("n", "112 line")]
    html = render.render_glossary(terms, {})
    nav, *sections = html.split("\n\n")
    assert nav == (
        '<nav class="kb-az" aria-label="Glossary from A to Z">\n<ul class="kb-az__letters">\n'
        '<li><a href="#letter-a">A</a></li>\n<li><a href="#letter-b">B</a></li>\n<li><a href="#letter-z">Z</a></li>\n'
        '<li><a href="#letter-other">Other</a></li>\n</ul>\n</nav>'
    )
    headings = sections[0::2]
    assert headings == [
        "### A {#letter-a .kb-glossary__letter}",
        "### B {#letter-b .kb-glossary__letter}",
        "### Z {#letter-z .kb-glossary__letter}",
        "### Other {#letter-other .kb-glossary__letter}",
    ]
    entries = [re.findall(r'<dt id="([^"]+)">', block) for block in sections[1::2]]
    assert entries == [["a1", "a2"], ["b"], ["z"], ["n"]]


def test_glossary_letter_links_lead_to_the_letter_headings_of_the_real_glossary():
    from helpers import ROOT
    from peerkb.validate import check_data

    kb, _ = check_data(ROOT)
    html = render.render_glossary(kb.glossary.values(), render.citation_labels(kb.references.values()))
    links = re.findall(r'<li><a href="#(letter-[a-z]+)">', html)
    anchors = re.findall(r"^### [A-Za-z]+ \{#(letter-[a-z]+) \.kb-glossary__letter\}$", html, re.MULTILINE)
    assert links == anchors and len(links) >= 15
    assert len(re.findall(r"<dt id=", html)) == len(kb.glossary)


def test_no_glossary_entry_of_the_real_glossary_has_brackets_inside_brackets():
    from helpers import ROOT
    from peerkb.validate import check_data

    kb, _ = check_data(ROOT)
    html = render.render_glossary(kb.glossary.values(), {key: "x" for key in kb.references})
    for entry in re.findall(r"<dt .*?</dt>", html):
        text = re.sub(r"<[^>]+>", "", entry)
        depth = 0
        for character in text:
            depth += {"(": 1, ")": -1}.get(character, 0)
            assert depth <= 1, text


def test_a_language_name_with_brackets_of_its_own_is_written_with_a_comma(monkeypatch):
    class English:
        def __init__(self, code: str) -> None:
            self.languages = {"nb": "Norwegian (Bokmål)", "hi": "Hindi (Latin)", "da": "Danish"}

    monkeypatch.setattr(render, "Locale", English)
    assert [render.language_name(code) for code in ("nb", "hi", "da")] == ["Norwegian, Bokmål", "Hindi, Latin", "Danish"]
    html = render.render_glossary([_term("ek", "erfaringskonsulent", language="nb")], {})
    assert '<dt id="ek"><dfn lang="nb">erfaringskonsulent</dfn> <span class="kb-glossary__lang">(Norwegian, Bokmål)</span></dt>' in html


def test_a_term_link_keeps_abbreviations_in_its_words_from_a_second_tooltip():
    import markdown

    term = _term("chime", "Connectedness, hope, identity, meaning and empowerment", abbr="CHIME")
    html = render.render_term(term, "../glossary/", "the CHIME framework", ["CHIME", "WHO"])
    assert html == '<a class="kb-term" href="../glossary/#chime" title="A term.">the &#67;&#72;&#73;&#77;&#69; framework</a>'
    # The abbr extension, which marks 'CHIME' in the sentence, leaves the link's words alone.
    page = markdown.markdown(f"Known as {html}, or CHIME.\n\n*[CHIME]: Connectedness", extensions=["abbr"])
    assert page == (
        '<p>Known as <a class="kb-term" href="../glossary/#chime" title="A term.">the &#67;&#72;&#73;&#77;&#69; framework</a>, '
        'or <abbr title="Connectedness">CHIME</abbr>.</p>'
    )
    assert render.without_abbreviations("<b> & WHOM, WHO", ["WHO"]) == "&lt;b&gt; &amp; WHOM, &#87;&#72;&#79;"


def test_each_link_to_a_source_gets_an_id_numbered_per_source_on_the_page():
    counts: dict[str, int] = {}
    first = render.number_citations(render.render_citation([ref(id="a"), ref(id="b")], {"a": "Doe 2020", "b": "Roe 2020"}), counts)
    second = render.number_citations('<td><a href="#ref-a">Doe 2020</a></td> <a href="#R01">R01</a>', counts)
    assert first == ('<span class="kb-cite">(<a href="#ref-a" id="cite-a-1">Doe 2020</a>; <a href="#ref-b" id="cite-b-1">Roe 2020</a>)</span>')
    assert second == '<td><a href="#ref-a" id="cite-a-2">Doe 2020</a></td> <a href="#R01">R01</a>'
    assert counts == {"a": 2, "b": 1}


def test_each_source_links_back_to_every_place_the_page_cites_it():
    html = render.render_sources([ref(id="a"), ref(id="b"), ref(id="c")], {"a": 2, "b": 1})
    items = re.findall(r'<li id="ref-(\w)">(.*?)</li>', html, re.DOTALL)
    assert [key for key, _ in items] == ["a", "b", "c"]
    backlinks = {key: re.findall(r'<a class="kb-backlink" href="#([^"]+)" aria-label="([^"]+)">(.*?)</a>', text) for key, text in items}
    assert backlinks == {
        "a": [
            ("cite-a-1", "Back to citation 1 in the text", "&#8617;&#65038;<sup>1</sup>"),
            ("cite-a-2", "Back to citation 2 in the text", "&#8617;&#65038;<sup>2</sup>"),
        ],
        "b": [("cite-b-1", "Back to citation 1 in the text", "&#8617;&#65038;")],
        "c": [],
    }
