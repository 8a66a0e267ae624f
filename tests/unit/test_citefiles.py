"""The citation files of every page: BibTeX and RIS exactly as written, and values that would break either format
(braces, LaTeX's special characters, line breaks, control characters) written so that each file stays one entry."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from helpers import bibtex_value, parse_bibtex, parse_ris
from peerkb import citefiles
from peerkb.citefiles import PageCitation


def citation(**fields) -> PageCitation:
    base = dict(
        path="recommendations/policy-brief/",
        author="Peer Support and Recovery",
        title="Policy brief: peer support in mental health",
        reviewed=date(2026, 11, 23),
        url="https://example.org/recommendations/policy-brief/",
        language="en",
        licence="CC BY 4.0",
    )
    return PageCitation(**{**base, **fields})


def test_bibtex_entry_of_a_page():
    assert citefiles.bibtex(citation()) == (
        "@misc{recommendations-policy-brief,\n"
        "  author = {{Peer Support and Recovery}},\n"
        "  title = {{Policy brief: peer support in mental health}},\n"
        "  year = {2026},\n"
        "  month = nov,\n"
        "  date = {2026-11-23},\n"
        "  url = {https://example.org/recommendations/policy-brief/},\n"
        "  language = {en},\n"
        "  note = {Last reviewed 23 November 2026. Licence: CC BY 4.0.},\n"
        "}\n"
    )


def test_ris_record_of_a_page():
    assert citefiles.ris(citation()) == (
        "TY  - ELEC\r\n"
        "AU  - Peer Support and Recovery\r\n"
        "TI  - Policy brief: peer support in mental health\r\n"
        "PY  - 2026\r\n"
        "DA  - 2026/11/23\r\n"
        "UR  - https://example.org/recommendations/policy-brief/\r\n"
        "LA  - en\r\n"
        "N1  - Last reviewed 23 November 2026. Licence: CC BY 4.0.\r\n"
        "ER  - \r\n"
    )


def test_names_of_the_files_and_the_key_come_from_the_address():
    assert (citefiles.page_stem("recommendations/policy-brief/"), citefiles.page_stem("")) == ("policy-brief", "home")
    assert (citefiles.citation_key("recommendations/policy-brief/"), citefiles.citation_key("")) == ("recommendations-policy-brief", "home")
    assert citefiles.citation_key("a_b/Ünï cödé/") == "a-b-n-c-d"
    assert (citefiles.BIBTEX_FILE, citefiles.RIS_FILE) == ("cite.bib", "cite.ris")


def test_latex_special_characters_are_escaped_and_braces_stay_balanced():
    assert citefiles.bibtex_text("50% of {A} & B_c #1 $2 ^ ~ \\") == (
        r"50\% of \textbraceleft{}A\textbraceright{} \& B\_c \#1 \$2 \textasciicircum{} \textasciitilde{} \textbackslash{}"
    )
    assert citefiles.bibtex_url("https://example.org/a b/{c}\\d%7E\n#x") == "https://example.org/a%20b/%7Bc%7D%5Cd%7E%0A#x"


# Values that would end a field, a line or the entry early, start a record of their own, or read differently.
HOSTILE = [
    "Evil} , note = {pwned",
    "100% {recovery}\n@misc{injected, title = {x}}",
    "Unclosed {brace",
    "Closing } brace first {",
    "Back\\slash \\end{document} & # $ _ ^ ~ %comment",
    "Line one\r\nER  - \r\nTY  - JOUR\r\nTI  - Injected",
    "Separators\u2028line\u2029paragraph\x0bvertical\x0cform\x85next",
    "A bell\x07, an escape\x1b[31m and a null\x00",
    "Right-to-left \u202eoverride\u202c and a zero-width space\u200b",
    "}\n}\n@misc{second,\n  title = {Second},\n}",
]


def shown(text: str) -> str:
    """What a title looks like on one line: white space runs as one space, invisible control and format characters gone."""
    return " ".join("".join(" " if c.isspace() else c for c in text if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf")).split())


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_title_and_site_name_stay_in_their_fields_of_one_bibtex_entry(hostile):
    kind, key, fields = parse_bibtex(citefiles.bibtex(citation(title=hostile, author=hostile, path="a/" + hostile + "/")))
    assert kind == "misc" and key.replace("-", "").isalnum()
    assert list(fields) == ["author", "title", "year", "month", "date", "url", "language", "note"]
    assert bibtex_value(fields["title"]) == bibtex_value(fields["author"]) == shown(hostile)
    assert (fields["year"], fields["month"], fields["date"]) == ("2026", "nov", "2026-11-23")


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_address_stays_in_the_bibtex_url_field(hostile):
    _, _, fields = parse_bibtex(citefiles.bibtex(citation(url="https://example.org/" + hostile)))
    assert fields["url"].startswith("https://example.org/")
    assert not set(fields["url"]) & set("{}\\ \n\r\t")
    assert fields["note"] == "Last reviewed 23 November 2026. Licence: CC BY 4.0."


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_title_site_name_or_address_stays_on_its_line_of_one_ris_record(hostile):
    record = parse_ris(citefiles.ris(citation(title=hostile, author=hostile, url=hostile, language=hostile)).encode("utf-8"))
    assert [tag for tag, _ in record] == ["TY", "AU", "TI", "PY", "DA", "UR", "LA", "N1", "ER"]
    values = dict(record)
    assert values["TI"] == values["AU"] == values["UR"] == values["LA"] == shown(hostile)
    assert (values["TY"], values["PY"], values["DA"], values["ER"]) == ("ELEC", "2026", "2026/11/23", "")


def test_a_page_without_a_licence_says_only_when_it_was_reviewed():
    assert citefiles.note(citation(licence=None)) == "Last reviewed 23 November 2026."
