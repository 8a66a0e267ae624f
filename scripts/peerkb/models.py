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


def _one_sentence(value: str) -> str:
    if len(value) > 160:
        raise Rule(f"is {len(value)} characters long", "keep it to one sentence of at most 160 characters")
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
ReferenceKey = Annotated[str, AfterValidator(_id), RefTo("references")]
CountryRef = Annotated[str, AfterValidator(_country_code), RefTo("countries")]
OrganisationRef = Annotated[str, AfterValidator(_id), RefTo("organisations")]
TermRef = Annotated[str, AfterValidator(_id), RefTo("glossary")]


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

    @model_validator(mode="after")
    def _review_after(self) -> "PageMeta":
        if self.review_due <= self.last_reviewed:
            raise Rule(
                f"{self.review_due.isoformat()} is not after last_reviewed ({self.last_reviewed.isoformat()})",
                "set the next review after the last one, usually a year later",
                field="review_due",
            )
        return self
