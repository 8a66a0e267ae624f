"""Documents of events and recommendations: who published them, where they are linked from, and how the facts
boxes show them. A document that a source says is published is never shown as not published."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from pydantic import ValidationError

from helpers import ROOT
from peerkb import render
from peerkb.models import Country, Event, EventDocument, Organisation, Recommendation, Reference
from peerkb.validate import check_data

ARTICLE_URL = "https://perspektyvos.org/en/how-would-mental-health-services-change-if-they-were-staffed-by-peer-supporters/"
PUBLISHED_LINE = (
    "<li>Study visit report (report): published by Mental Health Perspectives, linked from "
    f'<a href="{ARTICLE_URL}">How would mental health services change if they were staffed by peer supporters?</a>; '
    "not held or checked on this site</li>"
)

ORGANISATIONS = {
    "mental-health-perspectives": Organisation(
        id="mental-health-perspectives", name="Mental Health Perspectives", local_name="Psichikos sveikatos perspektyvos", country="lt", type="ngo"
    ),
}
COUNTRIES = {"lt": Country(id="lt", name="Lithuania", language="lt")}
REFERENCES = {
    "psp-peer-supporters": Reference(
        id="psp-peer-supporters",
        type="webpage",
        authors=["Mental Health Perspectives"],
        title="How would mental health services change if they were staffed by peer supporters?",
        container="perspektyvos.org",
        url=ARTICLE_URL,
        accessed="2026-11-22",
    ),
}
LABELS = {"psp-peer-supporters": "Mental Health Perspectives n.d."}


def _document(**fields) -> EventDocument:
    return EventDocument(**{"title": "Study visit report", "kind": "report", **fields})


def _published(**fields) -> EventDocument:
    return _document(published_by="mental-health-perspectives", linked_from="psp-peer-supporters", **fields)


def _event(*documents: EventDocument) -> Event:
    return Event(
        id="visit",
        title="A visit",
        type="study-visit",
        when="November 2024",
        organisations=["mental-health-perspectives"],
        summary="A visit.",
        documents=list(documents),
        sources=["psp-peer-supporters"],
    )


def _event_box(*documents: EventDocument) -> str:
    """The facts box, with character references read back as text: what a reader sees, tags and all."""
    return unescape(_raw_event_box(*documents))


def _raw_event_box(*documents: EventDocument) -> str:
    return render.render_event(_event(*documents), {}, ORGANISATIONS, COUNTRIES, LABELS, lambda path: path, None, REFERENCES)


def _recommendation_text(*documents: EventDocument) -> str:
    rec = Recommendation(
        id="R99",
        title="A recommendation",
        statement="Services should do one thing.",
        rationale="Because.",
        actions=["Do it."],
        audiences=["mental-health-services"],
        theme="evaluation",
        evidence=["psp-peer-supporters"],
        added="2026-11-23",
        last_reviewed="2026-11-23",
        documents=list(documents),
    )
    return unescape(render.render_recommendations([rec], LABELS, lambda path: path, {}, {}, "https://example.org/recommendations/", ORGANISATIONS, REFERENCES))


# --- How a document is shown -----------------------------------------------------------------------


def test_facts_box_names_the_publisher_links_the_article_and_says_the_text_is_not_held_here():
    html = _event_box(_published())
    assert f'<dt>Documents</dt><dd><ul class="kb-documents">{PUBLISHED_LINE}</ul></dd>' in html
    assert "not published" not in html


def test_recommendation_shows_a_published_document_the_same_way():
    html = _recommendation_text(_published())
    assert f'<ul class="kb-documents">{PUBLISHED_LINE}</ul>' in html
    assert "not published" not in html


def test_a_document_with_its_own_address_and_a_publisher_is_linked_and_named():
    html = _event_box(_published(url="https://example.org/report.pdf"))
    assert (
        '<li><a href="https://example.org/report.pdf">Study visit report</a> (report): published by Mental Health Perspectives, '
        f'linked from <a href="{ARTICLE_URL}">How would mental health services change if they were staffed by peer supporters?</a>; '
        "not held or checked on this site</li>"
    ) in html


def test_a_document_with_only_its_own_address_is_a_plain_link():
    html = _event_box(_document(url="https://example.org/report.pdf"))
    assert '<li><a href="https://example.org/report.pdf">Study visit report</a> (report)</li>' in html
    assert "not published" not in html


def test_only_a_document_with_no_publisher_and_no_address_is_shown_as_not_published():
    html = _event_box(_document())
    assert '<li>Study visit report (report): <span class="kb-unknown">not published yet</span></li>' in html


def test_the_document_line_escapes_text_from_data():
    # model_construct skips validation, as if a bad value slipped past it: rendering must still be safe.
    doc = EventDocument.model_construct(
        title="Report <b>1</b> & notes", kind="report", url=None, published_by="mental-health-perspectives", linked_from="psp-peer-supporters"
    )
    html = _raw_event_box(doc)
    assert "<b>" not in html
    assert "&lt;b&gt;1&lt;/b&gt; &amp; notes" in html
    assert "<li>Report <b>1</b> & notes (report): published by Mental Health Perspectives" in unescape(html)


# --- The rules on documents ------------------------------------------------------------------------


def _rule_message(**fields) -> str:
    with pytest.raises(ValidationError) as raised:
        _document(**fields)
    return raised.value.errors()[0]["ctx"]["error"].message


def test_a_document_linked_from_a_source_must_say_who_published_it():
    assert _rule_message(linked_from="psp-peer-supporters") == ("is given as published (linked from 'psp-peer-supporters') but does not say who published it")


def test_a_document_with_a_publisher_must_say_where_to_find_it():
    assert _rule_message(published_by="mental-health-perspectives") == "says who published it but not where readers can find it"


def test_the_source_a_document_is_linked_from_is_among_the_event_sources():
    with pytest.raises(ValidationError) as raised:
        Event(
            id="visit",
            title="A visit",
            type="study-visit",
            when="November 2024",
            summary="A visit.",
            documents=[_published()],
            sources=["doe-2020"],
        )
    assert raised.value.errors()[0]["ctx"]["error"].message == (
        "document 'Study visit report' is linked from 'psp-peer-supporters', which is not among the event's sources"
    )


def test_the_check_reports_a_document_linked_from_a_source_without_a_publisher(project):
    project.replace("data/events.yml", "      kind: report\n", "      kind: report\n      linked_from: doe-2020\n")
    assert (
        "data/events.yml:19: entry 'test-event' → documents: is given as published (linked from 'doe-2020') "
        "but does not say who published it (add published_by: the id of the organisation that published it)"
    ) in project.problems()


# --- The real data ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kb():
    """The real data that is valid; problems elsewhere in the data are the other tests' business."""
    return check_data(ROOT)[0]


def _documents(kb):
    for event in kb.events.values():
        for doc in event.documents:
            yield event.id, doc
    for rec in kb.recommendations.values():
        for doc in rec.documents:
            yield rec.id, doc


def test_no_published_document_of_the_real_data_is_shown_as_not_published(kb):
    labels = render.citation_labels(kb.references.values())
    for event in kb.events.values():
        html = unescape(render.render_event(event, kb.events, kb.organisations, kb.countries, labels, lambda path: path, None, kb.references))
        for doc, line in zip(
            event.documents, re.findall(r"<li>.*?</li>", html.split('class="kb-documents">', 1)[-1]), strict=False
        ):  # the documents are the list's first items
            if doc.published_by or doc.url:
                assert "not published" not in line, (event.id, doc.title)
            if doc.published_by:
                assert f"published by {kb.organisations[doc.published_by].name}" in line, (event.id, doc.title)
                assert line.endswith("; not held or checked on this site</li>"), (event.id, doc.title)


def test_the_exchange_documents_are_published_by_mental_health_perspectives_and_linked_from_its_article(kb):
    """The source article says the session's recommendations 'are available', the study-visit report can be read,
    and the webinar's recommendations 'can be found', each through a link in the article."""
    exchange = {
        "vilnius-study-visit-2024": {"Study visit report"},
        "peer-mentoring-session-2024": {"Recommendations for peer support and recovery from the peer-mentoring session"},
        "webinar-prison-and-youth": {"Recommendations from the webinar"},
    }
    for event_id, titles in exchange.items():
        docs = {d.title: d for d in kb.events[event_id].documents}
        for title in titles:
            assert docs[title].published_by == "mental-health-perspectives", (event_id, title)
            assert docs[title].linked_from == "psp-peer-supporters", (event_id, title)
    for owner, doc in _documents(kb):
        assert doc.url != ARTICLE_URL, f"{owner}: '{doc.title}' gives the article's address as its own; use linked_from"


@pytest.mark.parametrize(
    "page",
    [
        "docs/lithuania-iceland/index.md",
        "docs/lithuania-iceland/study-visit-2024.md",
        "docs/lithuania-iceland/peer-mentoring-session.md",
        "docs/lithuania-iceland/webinar-prison-and-youth.md",
        "docs/recommendations/index.md",
        "docs/international/lithuania.md",
        "docs/youth/in-practice.md",
    ],
)
def test_pages_about_the_exchange_do_not_call_its_documents_unpublished(page):
    text = (ROOT / page).read_text(encoding="utf-8").casefold()
    for phrase in ("not published", "not yet public", "not been published", "not yet been published"):
        assert phrase not in text, f"{page} says '{phrase}'"


def test_data_and_templates_no_longer_say_the_exchange_documents_are_unpublished():
    for path in [ROOT / "data/events.yml", ROOT / "data/recommendations.yml"]:
        text = path.read_text(encoding="utf-8").casefold()
        assert "not yet published" not in text and "are not published" not in text, path.name
    assert Path(ROOT / "scripts/peerkb/templates/document.html.j2").is_file()
