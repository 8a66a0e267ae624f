"""The schema of every data file and of page front matter: the single source of truth.

Each field carries a title, a description and an example. Validation messages, the contributor
documentation and editor JSON Schemas are all derived from these models.

Conventions:
- `PlainText` is shown exactly as written (escaped); it may not contain HTML.
- `MarkdownText` may use inline Markdown (emphasis, links); raw HTML is refused and never rendered.
- `RefTo("file")` marks a field whose values must be ids in another data file; the cross-reference
  check finds these markers, so adding a reference field needs no new checking code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator


class Rule(ValueError):
    """A broken rule, with a hint on how to fix it and, for entry-wide rules, the field to blame."""

    def __init__(self, message: str, hint: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.field = field


@dataclass(frozen=True)
class RefTo:
    """Marks a field whose value is the id of an entry in another data file."""

    target: str


@dataclass(frozen=True)
class MarkdownField:
    """Marks a field whose text is rendered as inline Markdown (raw HTML dropped)."""


_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|<!--")


def _no_html(value: str) -> str:
    match = _HTML.search(value)
    if match:
        raise Rule(
            f"contains HTML ({match.group(0)[:40]!r})",
            "data holds plain text; write it without tags (Markdown fields accept *emphasis* and [links](https://…))",
        )
    return value


def _not_blank(value: str) -> str:
    value = value.strip()
    if not value:
        raise Rule("is empty", "write the text, or remove the field if it is optional")
    return value


_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _id(value: str) -> str:
    if not _ID.match(value):
        raise Rule(f"'{value}' is not a valid id", "use lower-case letters, digits and single hyphens, e.g. mead-2001")
    return value


_COUNTRY = re.compile(r"^[a-z]{2}(?:-[a-z]{2,3})?$")


def _country_code(value: str) -> str:
    if not _COUNTRY.match(value):
        raise Rule(
            f"'{value}' is not a country code",
            "use the lower-case ISO 3166 code, e.g. lt, is, gb-sct",
        )
    return value


def _url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value):
        raise Rule(f"'{value}' is not a web address", "write the full address, starting with https://")
    return value


def _doi(value: str) -> str:
    if value.lower().startswith(("http", "doi:")):
        raise Rule(f"'{value}' should be the bare DOI", "drop the 'https://doi.org/' or 'doi:' prefix, e.g. 10.1037/h0095032")
    if not re.match(r"^10\.\d{4,9}/\S+$", value):
        raise Rule(f"'{value}' is not a DOI", "a DOI starts with '10.', e.g. 10.1037/h0095032")
    return value


def _phone(value: str) -> str:
    if not re.match(r"^\+?[0-9](?:[0-9 ]*[0-9])?$", value):
        raise Rule(
            f"'{value}' is not a phone number",
            "use digits and single spaces only, with an optional leading +, e.g. 116 123 or 0 800 28888",
        )
    return value


def _one_sentence(value: str, limit: int = 160) -> str:
    if len(value) > limit:
        raise Rule(f"is {len(value)} characters long", f"keep it to one sentence of at most {limit} characters")
    if not value.endswith((".", "?", "!")):
        raise Rule("should be one full sentence ending with a full stop", "end it with '.'")
    if re.search(r"[.!?]\s+[A-Z]", value):
        raise Rule("has more than one sentence", "keep one sentence; move the rest into the page")
    return value


Text = Annotated[str, AfterValidator(_not_blank)]
PlainText = Annotated[str, AfterValidator(_not_blank), AfterValidator(_no_html)]
MarkdownText = Annotated[str, AfterValidator(_not_blank), AfterValidator(_no_html), MarkdownField()]
Id = Annotated[str, AfterValidator(_id)]
CountryCode = Annotated[str, AfterValidator(_country_code)]
Url = Annotated[str, AfterValidator(_url)]
# A page of this site, as a path under docs/ with an optional anchor; checked to exist.
PagePath = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9/_-]*\.md(#[a-z0-9][a-z0-9_-]*)?$"), RefTo("pages")]
ReferenceKey = Annotated[str, AfterValidator(_id), RefTo("references")]
CountryRef = Annotated[str, AfterValidator(_country_code), RefTo("countries")]
OrganisationRef = Annotated[str, AfterValidator(_id), RefTo("organisations")]
TermRef = Annotated[str, AfterValidator(_id), RefTo("glossary")]
EventRef = Annotated[str, AfterValidator(_id), RefTo("events")]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]


class Entry(BaseModel):
    """Common settings: unknown fields are mistakes, and text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Reference(Entry):
    """A published source: article, book, report, guideline or web page (data/references.yml)."""

    id: Id = Field(title="Citation key", description="Short unique key used in `cite(...)`: first author, year, and a letter if needed.", examples=["mead-2001"])
    type: Literal["article", "book", "chapter", "report", "guideline", "webpage"] = Field(title="Kind of source", examples=["article"])
    authors: list[PlainText] = Field(min_length=1, title="Authors", description="Each as 'Family, Initials' (e.g. 'Mead, S.'), or an organisation's full name.", examples=[["Mead, S.", "Hilton, D.", "Curtis, L."]])
    short_author: PlainText | None = Field(None, title="Short author for in-text citations", description="A short form of an organisation's name, used in citations instead of the full name.", examples=["WHO"])
    title: PlainText = Field(title="Title", description="Title of the work, in sentence case as published.", examples=["Peer support: a theoretical perspective"])
    container: PlainText | None = Field(None, title="Published in", description="Journal, book or website that contains the work.", examples=["Psychiatric Rehabilitation Journal"])
    publisher: PlainText | None = Field(None, title="Publisher", examples=["World Health Organization"])
    year: int | None = Field(None, ge=1700, le=2100, title="Year of publication", examples=[2001])
    volume: str | None = Field(None, title="Volume", examples=["25"])
    issue: str | None = Field(None, title="Issue", examples=["2"])
    pages: str | None = Field(None, title="Pages or article number", examples=["134–141"])
    doi: Annotated[str, AfterValidator(_doi)] | None = Field(None, title="DOI", description="The bare DOI, without https://doi.org/.", examples=["10.1037/h0095032"])
    url: Url | None = Field(None, title="Web address", examples=["https://www.samaritans.org/"])
    isbn: str | None = Field(None, title="ISBN", examples=["978-92-4-002578-3"])
    accessed: date | None = Field(None, title="Date accessed", description="For web pages: the day the page was read (YYYY-MM-DD).", examples=["2026-11-01"])
    note: PlainText | None = Field(None, title="Note", description="Anything a reader needs to find or judge the source.", examples=["Technical package of the 2021 guidance."])

    @model_validator(mode="after")
    def _findable(self) -> "Reference":
        if self.type == "webpage":
            if not self.url:
                raise Rule("a web page needs its address", "add url: https://…", field="url")
            if not self.accessed:
                raise Rule("a web page needs the date it was read", "add accessed: YYYY-MM-DD", field="accessed")
        elif self.year is None:
            raise Rule("a published work needs its year", "add year: YYYY", field="year")
        if not (self.doi or self.url or self.isbn):
            raise Rule("gives readers no way to find the source", "add a doi, url or isbn")
        return self


class Country(Entry):
    """A country, nation or region the site talks about (data/countries.yml)."""

    id: CountryCode = Field(title="Code", description="Lower-case ISO 3166 code; nations of the UK use ISO 3166-2 (gb-eng, gb-sct); the EU uses eu.", examples=["lt"])
    name: PlainText = Field(title="Name in English", examples=["Lithuania"])
    local_name: PlainText | None = Field(None, title="Name in the local language", examples=["Lietuva"])
    language: str | None = Field(None, pattern=r"^[a-z]{2,3}$", title="Main language code", description="BCP 47 language code used to mark local terms for screen readers.", examples=["lt"])
    kind: Literal["country", "nation", "region"] = Field("country", title="Kind", examples=["country"])
    part_of: CountryRef | None = Field(None, title="Part of", description="For a nation, the country it belongs to.", examples=["gb"])
    page: PagePath | None = Field(None, title="Profile page", description="The page (under docs/) that describes peer support in this country, with an anchor for a nation on a shared page.", examples=["international/norway.md"])
    profile: "CountryProfile | None" = Field(None, title="Peer support profile", description="Facts for the international comparison and the country's page; leave out what no source tells.")


class RoleTerm(Entry):
    """A local name for peer support or the peer role."""

    term: PlainText = Field(title="Term as written locally", examples=["erfaringskonsulent"])
    language: LanguageCode = Field(title="Language code", examples=["nb"])
    meaning: PlainText = Field(title="Meaning in English", examples=["experience consultant"])


class CountryProfile(Entry):
    """How peer support is organised in one country. Every field but sources and last_reviewed is optional:
    a missing field is shown as 'not documented in the sources we hold', never guessed."""

    role_terms: list[RoleTerm] = Field(default_factory=list, title="Terms used for the role")
    status: MarkdownText | None = Field(None, title="Status of the role", description="Recognition in law, policy, job grades or registers.", examples=["A recognised job grade in the public health service since 2017."])
    training: MarkdownText | None = Field(None, title="Training and certification", examples=["Vocational and university programmes; a national register."])
    settings: MarkdownText | None = Field(None, title="Settings", description="Where peer workers work.", examples=["Community mental health teams."])
    funding: MarkdownText | None = Field(None, title="Funding", examples=["Public funding through the health service."])
    organisations: list[OrganisationRef] = Field(default_factory=list, title="Key organisations", examples=[["erfaringssentrum"]])
    sources: list[ReferenceKey] = Field(min_length=1, title="Sources", description="References the profile's facts come from.", examples=[["akerblom-report"]])
    last_reviewed: date = Field(title="Last reviewed", description="Day the profile was last checked against its sources (YYYY-MM-DD).", examples=["2026-11-22"])


class Organisation(Entry):
    """An organisation named on the site (data/organisations.yml)."""

    id: Id = Field(title="Id", examples=["mental-health-perspectives"])
    name: PlainText = Field(title="Name in English", examples=["Mental Health Perspectives"])
    local_name: PlainText | None = Field(None, title="Name in the local language", examples=["Psichikos sveikatos perspektyvos"])
    country: CountryRef = Field(title="Country", examples=["lt"])
    type: Literal["ngo", "public-body", "health-service", "funder", "network", "helpline", "university", "international"] = Field(title="Kind of organisation", examples=["ngo"])
    url: Url | None = Field(None, title="Website", examples=["https://perspektyvos.org/"])
    description: MarkdownText | None = Field(None, title="Description", description="One or two sentences, in your own words.", examples=["A Vilnius NGO working on human rights in mental health."])


class Helpline(Entry):
    """A number to call for urgent help (data/helplines.yml). Safety-critical: copy numbers exactly from the source."""

    id: Id = Field(title="Id", examples=["lt-vilties-linija"])
    country: CountryRef = Field(title="Country or region", examples=["lt"])
    name: PlainText = Field(title="Name in English", examples=["Line of Hope"])
    local_name: PlainText | None = Field(None, title="Name in the local language", examples=["Vilties linija"])
    number: Annotated[str, AfterValidator(_phone)] = Field(title="Number", description="Exactly as dialled inside the country, digits and single spaces.", examples=["116 123"])
    for_whom: PlainText = Field(title="Who it is for", examples=["Adults who need emotional support"])
    hours: PlainText = Field(title="Opening hours", examples=["24 hours a day, every day"])
    cost: PlainText = Field(title="Cost", examples=["Free"])
    emergency: bool = Field(False, title="Emergency number", description="true for police, ambulance and fire numbers such as 112.", examples=[False])
    operator: OrganisationRef | None = Field(None, title="Run by", examples=["samaritans"])
    web: Url | None = Field(None, title="Website or chat", examples=["https://www.samaritans.org/"])
    notes: MarkdownText | None = Field(None, title="Notes", examples=["Calls do not show on phone bills."])
    source: ReferenceKey = Field(title="Source", description="Reference key of the page the number was checked against.", examples=["samaritans-contact"])
    last_verified: date = Field(title="Last verified", description="Day the number was last checked against the source (YYYY-MM-DD).", examples=["2026-11-01"])


class GlossaryTerm(Entry):
    """A term explained on the glossary page and as a tooltip wherever its abbreviation appears (data/glossary.yml)."""

    id: Id = Field(title="Id", examples=["peer-support-worker"])
    term: PlainText = Field(title="Term", examples=["Peer support worker"])
    abbr: PlainText | None = Field(None, title="Abbreviation", description="If set, every use of it on the site shows the term as a tooltip.", examples=["PSW"])
    language: str | None = Field(None, pattern=r"^[a-z]{2,3}$", title="Language of the term", description="BCP 47 code when the term is not English, so screen readers pronounce it right.", examples=["lt"])
    definition: MarkdownText = Field(title="Definition", description="One to three sentences in your own words.", examples=["Someone employed to support others using their own experience of mental health difficulties."])
    sources: list[ReferenceKey] = Field(default_factory=list, title="Sources", examples=[["repper-2013"]])
    related: list[TermRef] = Field(default_factory=list, title="Related terms", examples=[["lived-experience"]])


class EventDocument(Entry):
    """A document or recording that came out of an event. Without a url it is listed as not yet published."""

    title: PlainText = Field(title="Title", examples=["Recommendations of the peer-mentoring session"])
    kind: Literal["recommendations", "report", "video", "recording", "slides", "article"] = Field(title="Kind", examples=["recommendations"])
    url: Url | None = Field(None, title="Web address", description="Add it when the document is published; leave it out until then.", examples=["https://perspektyvos.org/"])


class Event(Entry):
    """A project, visit, meeting or webinar (data/events.yml)."""

    id: Id = Field(title="Id", examples=["vilnius-study-visit-2024"])
    title: PlainText = Field(title="Title", examples=["Icelandic study visit to Vilnius"])
    type: Literal["project", "study-visit", "meeting", "mentoring-session", "webinar", "training", "conference"] = Field(title="Kind of event", examples=["study-visit"])
    part_of: EventRef | None = Field(None, title="Part of", description="The project this event belonged to.", examples=["lt-is-peer-support-2024"])
    start: date | None = Field(None, title="Start date", examples=["2024-09-01"])
    end: date | None = Field(None, title="End date", examples=["2025-01-31"])
    when: PlainText | None = Field(None, title="When, in words", description="Use when the exact dates are not known, e.g. 'November 2024'.", examples=["November 2024"])
    location: PlainText | None = Field(None, title="Where", examples=["Vilnius, Lithuania"])
    organisations: list[OrganisationRef] = Field(default_factory=list, title="Organisations taking part", examples=[["mental-health-perspectives", "traustur-kjarni"]])
    funders: list[OrganisationRef] = Field(default_factory=list, title="Funders", examples=[["nordic-council-lithuania"]])
    summary: MarkdownText = Field(title="Summary", description="What happened, in your own words, from the sources.", examples=["Meetings with the city and services."])
    topics: list[PlainText] = Field(default_factory=list, title="Topics", examples=[["peer support in prison"]])
    documents: list[EventDocument] = Field(default_factory=list, title="Documents and recordings")
    sources: list[ReferenceKey] = Field(min_length=1, title="Sources", examples=[["psp-peer-supporters"]])
    page: PagePath | None = Field(None, title="Page", description="The page (under docs/) that tells this event's story.", examples=["lithuania-iceland/study-visit-2024.md"])

    @model_validator(mode="after")
    def _dated(self) -> "Event":
        if not (self.start or self.when):
            raise Rule("says nothing about when it happened", "add start: YYYY-MM-DD, or when: 'Month YYYY'")
        if self.start and self.end and self.end < self.start:
            raise Rule(f"{self.end.isoformat()} is before the start ({self.start.isoformat()})", "check the dates", field="end")
        return self


class Definition(Entry):
    """A published definition of peer support, compared on the 'What is peer support' page (data/definitions.yml)."""

    id: Id = Field(title="Id", examples=["mead-2001"])
    source: ReferenceKey = Field(title="Source", examples=["mead-2001"])
    context: PlainText = Field(title="Context", description="Who defines it and from what setting, in a few words.", examples=["Peer-run services, USA"])
    quote: PlainText | None = Field(None, title="Exact words", description="Only when checked against the source or a reliable copy; otherwise leave it out and summarise.", examples=["Peer support is a system of giving and receiving help…"])
    summary: MarkdownText = Field(title="In our words", description="What the definition says, in plain English.", examples=["Help that flows both ways between equals."])
    stresses: list[PlainText] = Field(min_length=1, title="What it stresses", examples=[["mutuality", "respect"]])


Audience = Literal["public", "services", "policymakers", "researchers", "contributors"]


class PageMeta(Entry):
    """The front matter every page must start with."""

    title: PlainText = Field(title="Title", examples=["What is peer support?"])
    description: Annotated[str, AfterValidator(_not_blank), AfterValidator(_no_html), AfterValidator(_one_sentence)] = Field(
        title="Description",
        description="One sentence of at most 160 characters, used in search results and link previews.",
        examples=["How peer support is defined by researchers, services and international bodies, compared side by side."],
    )
    audience: list[Audience] = Field(min_length=1, title="Audience", examples=[["public", "services"]])
    last_reviewed: date = Field(title="Last reviewed", description="Day the page's facts were last checked (YYYY-MM-DD).", examples=["2026-11-22"])
    review_due: date = Field(title="Next review due", description="Day by which the page must be checked again; after last_reviewed.", examples=["2027-11-22"])
    # Keys that Material for MkDocs and the macros plugin understand.
    hide: list[Literal["navigation", "toc", "footer", "path", "tags", "feedback"]] | None = Field(None, title="Hide parts of the layout")
    search: dict[str, float | bool] | None = Field(None, title="Search settings (boost, exclude)")
    render_macros: bool | None = Field(None, title="Render macros on this page")
    print_button: bool = Field(False, title="Show a print button", description="For guidance that readers print or save as PDF.", examples=[True])

    @model_validator(mode="after")
    def _review_after(self) -> "PageMeta":
        if self.review_due <= self.last_reviewed:
            raise Rule(
                f"{self.review_due.isoformat()} is not after last_reviewed ({self.last_reviewed.isoformat()})",
                "set the next review after the last one, usually a year later",
                field="review_due",
            )
        return self


class WordingRule(Entry):
    """Words to avoid on the site and what to write instead (data/wording.yml). The wording check flags
    every use on a page or in data; to quote a phrase on purpose, write {{ avoid("the phrase") }}."""

    id: Id = Field(title="Id", examples=["committed-suicide"])
    avoid: list[PlainText] = Field(min_length=1, title="Phrases to avoid", description="Every form to flag; matched as whole words, in any case.", examples=[["committed suicide", "commit suicide"]])
    instead: PlainText = Field(title="What to write instead", examples=["died by suicide"])
    why: PlainText = Field(title="Why", description="One sentence a contributor will accept.", examples=["'Committed' links suicide to crime."])


RecommendationAudience = Literal[
    "national-policymakers", "municipal-policymakers", "mental-health-services", "ngos-and-peer-organisations",
    "training-and-education", "prisons-and-probation", "youth-services",
]
RecommendationTheme = Literal[
    "role-and-status", "training-and-certification", "supervision-and-support", "boundaries-and-ethics",
    "team-integration", "employment", "lived-experience-leadership", "prison-and-release", "youth", "evaluation",
]


class Recommendation(Entry):
    """A recommendation of this knowledge base (data/recommendations.yml). Ids are permanent: never
    renumber or reuse one; a recommendation that no longer stands stays in the file with status retired."""

    id: Annotated[str, Field(pattern=r"^R\d{2,3}$")] = Field(title="Id", description="R and two or three digits; the next free number.", examples=["R01"])
    title: PlainText = Field(title="Title", examples=["Define the peer support worker role in writing"])
    statement: Annotated[str, AfterValidator(_not_blank), AfterValidator(_no_html), AfterValidator(lambda v: _one_sentence(v, 220))] = Field(
        title="Statement", description="The recommendation in one sentence of at most 220 characters.",
        examples=["Every service that employs peer support workers should publish a role description written with them."],
    )
    rationale: MarkdownText = Field(title="Rationale", description="Why, from the evidence; its sources go in evidence.", examples=["Unclear roles are the challenge most often reported."])
    actions: list[PlainText] = Field(min_length=1, title="Concrete actions", examples=[["Agree a role description with peer workers."]])
    audiences: list[RecommendationAudience] = Field(min_length=1, title="For whom", examples=[["mental-health-services"]])
    theme: RecommendationTheme = Field(title="Theme", examples=["role-and-status"])
    evidence: list[ReferenceKey] = Field(min_length=1, title="Evidence", description="References the recommendation rests on.", examples=[["gillard-2014"]])
    related_pages: list[PagePath] = Field(default_factory=list, title="Related pages", examples=[["practice/team-integration.md"]])
    status: Literal["current", "retired"] = Field("current", title="Status", examples=["current"])
    status_note: PlainText | None = Field(None, title="Why it was retired", description="Required when status is retired.", examples=["Replaced by R18."])
    added: date = Field(title="Date added", examples=["2026-11-23"])
    last_reviewed: date = Field(title="Last reviewed", examples=["2026-11-23"])
    source_event: EventRef | None = Field(None, title="Event it came from", description="For recommendations published by an event, e.g. a peer-mentoring session; leave out for the site's own synthesis.", examples=["peer-mentoring-session-2024"])
    documents: list[EventDocument] = Field(default_factory=list, title="Linked documents", description="Published texts the recommendation comes from or is discussed in.")

    @model_validator(mode="after")
    def _retired_has_reason(self) -> "Recommendation":
        if self.status == "retired" and not self.status_note:
            raise Rule("is retired without a reason", "add status_note: saying why, and what replaces it", field="status_note")
        if self.last_reviewed < self.added:
            raise Rule(f"{self.last_reviewed.isoformat()} is before the date added ({self.added.isoformat()})", "check the dates", field="last_reviewed")
        return self


Country.model_rebuild()
