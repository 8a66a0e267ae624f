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

import functools
import re
import typing
import unicodedata
from urllib.parse import urlsplit
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from babel import Locale
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator


class Rule(ValueError):
    """A broken rule, with a hint on how to fix it and, for entry-wide rules, the field to blame."""

    def __init__(self, message: str, hint: str | None = None, field: str | tuple[str | int, ...] | None = None):
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
    if value.startswith("http://"):
        raise Rule(f"'{value}' is not a secure (https:) address", "the site links only to https: addresses; write https:// and check that the page opens")
    if not re.match(r"^https://[^\s/$.?#][^\s]*$", value):
        raise Rule(f"'{value}' is not a web address", "write the full address, starting with https://")
    parts = urlsplit(value)
    if "@" in parts.netloc:
        raise Rule(
            f"'{value}' has a user name or password before its host",
            "an address like https://site.org@other.example/ leads to other.example; write the real address",
        )
    if not (parts.hostname or "").isascii():
        raise Rule(
            f"'{value}' has non-ASCII letters in its host",
            "a host written with look-alike letters can imitate another site; type the address in plain ASCII letters",
        )
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
    if len(re.sub(r"\D", "", value)) < 3:
        raise Rule(f"'{value}' is too short to be a phone number", "even short numbers have at least 3 digits, e.g. 112 or 116 123")
    return value


@dataclass(frozen=True)
class NumberPlan:
    """How the phone numbers of one country are written, for the helpline number rules. Patterns match the
    digits of a number as dialled inside the country, without spaces."""

    adjective: str  # with its article: 'a Lithuanian', as in "not a Lithuanian number"
    short: str  # short numbers, dialled as they are: 112, 116 123, …
    national: str | None = None  # national numbers, with their national (trunk) prefix if the country has one
    calling_code: str | None = None  # written +CODE before the national number without its trunk prefix
    trunk: str = ""  # the national prefix dropped after +CODE ('0'); empty where there is none
    premium: str | None = None  # national numbers that cost callers extra (premium rate)
    premium_words: str = ""  # the same, in words for the message
    forms: str = ""  # every accepted form, in words for the hint


# Sources: Lithuania's national prefix changed from 8 to 0 (RRT decision TN-29 of 15 February 2023; the 8 prefix
# stopped working on 1 March 2025). The premium-rate ranges are those the national numbering plans reserve for
# premium-rate services. A country not listed here accepts only the numbers shared across Europe (112, and 116 with 3 digits)
# until its rules are added.
NUMBER_PLANS: dict[str, NumberPlan] = {
    "eu": NumberPlan(
        "an EU-wide",
        short=r"112|116\d{3}",
        forms="entries for the whole EU hold only the numbers shared across it, 112 and the 116 numbers (116 and 3 digits); "
        "put national numbers under their country",
    ),
    "lt": NumberPlan(
        "a Lithuanian",
        short=r"112|116\d{3}|1\d{2,3}",
        national=r"0\d{8}",
        calling_code="370",
        trunk="0",
        premium=r"090",
        premium_words="Lithuanian numbers starting 0 90",
        forms="Lithuanian numbers are 0 and 8 digits (0 800 28888, or +370 800 28888); "
        "short numbers are 112, 116 and 3 digits, or 3 to 4 digits starting with 1",
    ),
    "is": NumberPlan(
        "an Icelandic",
        short=r"112|116\d{3}|1\d{2,3}",
        national=r"[2-9]\d{6}",
        calling_code="354",
        premium=r"90",
        premium_words="Icelandic numbers starting 90",
        forms="Icelandic numbers are 7 digits (570 2112, or +354 570 2112); short numbers are 112, 116 and 3 digits, or 3 to 4 digits starting with 1",
    ),
    "gb": NumberPlan(
        "a UK",
        short=r"999|1\d\d|116\d{3}",
        national=r"0\d{9,10}",
        calling_code="44",
        trunk="0",
        premium=r"09",
        premium_words="UK numbers starting 09",
        forms="UK numbers are 0 and 9 or 10 digits (or +44 and the number without its 0); short numbers are 999, 3 digits starting with 1, or 116 and 3 digits",
    ),
    "ie": NumberPlan(
        "an Irish",
        short=r"112|999|116\d{3}|1800\d{6}",
        national=r"0\d{7,9}",
        calling_code="353",
        trunk="0",
        premium=r"15\d\d",
        premium_words="Irish numbers starting 15",
        forms="Irish numbers are 0 and 7 to 9 digits (or +353 and the number without its 0), or freephone 1800 and 6 digits; "
        "short numbers are 112, 999, or 116 and 3 digits",
    ),
    "au": NumberPlan(
        "an Australian",
        short=r"000|112|106",
        national=r"0[23478]\d{8}|13\d{4}|1[38]00\d{6}",
        calling_code="61",
        trunk="0",
        premium=r"0?190",
        premium_words="Australian numbers starting 190",
        forms="Australian numbers are 0 and 9 digits (0477 13 11 14, or +61 477 13 11 14), 13 and 4 digits (13 11 14), "
        "or 1300 or 1800 and 6 digits (1800 55 1800); short numbers are 000, 112 and 106",
    ),
    "us": NumberPlan(
        "a US",
        short=r"[2-9]11|988",
        national=r"1?[2-9]\d\d[2-9]\d{6}",
        calling_code="1",
        trunk="1",
        premium=r"1?900",
        premium_words="US numbers with the area code 900 (1-900)",
        forms="US numbers are 10 digits, with or without a leading 1 (1 800 273 8255, or +1 800 273 8255); "
        "short numbers are 911, 988, and the other 3-digit numbers ending 11",
    ),
    "no": NumberPlan(
        "a Norwegian",
        short=r"11[023]|116\d{3}",
        national=r"[2-9]\d{7}",
        calling_code="47",
        premium=r"82[09]",
        premium_words="Norwegian numbers starting 820 or 829",
        forms="Norwegian numbers are 8 digits (22 40 00 40, or +47 22 40 00 40); short numbers are 110, 112, 113, or 116 and 3 digits",
    ),
    "dk": NumberPlan(
        "a Danish",
        short=r"11[24]|116\d{3}",
        national=r"[2-9]\d{7}",
        calling_code="45",
        premium=r"90",
        premium_words="Danish numbers starting 90",
        forms="Danish numbers are 8 digits (70 201 201, or +45 70 201 201); short numbers are 112, 114, or 116 and 3 digits",
    ),
    "fi": NumberPlan(
        "a Finnish",
        short=r"112|116\d{3}",
        national=r"0[1-9]\d{4,10}",
        calling_code="358",
        trunk="0",
        premium=r"0[67]00",
        premium_words="Finnish numbers starting 0600 or 0700",
        forms="Finnish numbers are 0 and 5 to 11 digits (09 2525 0111, or +358 9 2525 0111); short numbers are 112, or 116 and 3 digits",
    ),
    "nl": NumberPlan(
        "a Dutch",
        short=r"11[23]|116\d{3}",
        national=r"0[1-7]\d{8}|0800\d{4,7}|08[4-8]\d{7}",
        calling_code="31",
        trunk="0",
        premium=r"090[069]",
        premium_words="Dutch numbers starting 0900, 0906 or 0909",
        forms="Dutch numbers are 0 and 9 digits (088 0767 000, or +31 88 0767 000), or freephone 0800 and 4 to 7 digits (0800 0113); "
        "short numbers are 112, 113, or 116 and 3 digits",
    ),
}
# The prefix Lithuanian numbers started with until 1 March 2025.
_LT_OLD_PREFIX = "8"


def number_plan(country: str) -> NumberPlan | None:
    """The number rules of a country, or of the country a nation belongs to (gb-eng → gb)."""
    return NUMBER_PLANS.get(country) or NUMBER_PLANS.get(country.split("-")[0])


def check_number(number: str, country: str) -> None:
    """Raise a Rule when `number` (already in the form digits and single spaces, with an optional +) cannot be
    a working, non-premium number of `country`."""
    plan = number_plan(country)
    digits = number.replace(" ", "").lstrip("+")
    if plan is None:
        if number.startswith("+") or not re.fullmatch(NUMBER_PLANS["eu"].short, digits):
            raise Rule(
                f"there are no number rules for '{country}' yet, so only 112 and the 116 numbers (116 and 3 digits) are accepted",
                "add the country's rules to NUMBER_PLANS in scripts/peerkb/models.py (calling code, national and short numbers, "
                "premium-rate ranges, from the national regulator's numbering plan)",
            )
        return
    if number.startswith("+"):
        if not plan.calling_code or not digits.startswith(plan.calling_code):
            expected = f"it should start with +{plan.calling_code}" if plan.calling_code else "write it as dialled inside the country"
            raise Rule(f"'{number}' is not {plan.adjective} number: {expected}", plan.forms)
        national = plan.trunk + digits[len(plan.calling_code) :]
    else:
        national = digits
    if plan is NUMBER_PLANS["lt"] and not number.startswith("+") and national.startswith(_LT_OLD_PREFIX):
        raise Rule(
            f"'{number}' starts with 8, Lithuania's old national prefix, which stopped working on 1 March 2025 when the prefix became 0",
            f"write it with 0 instead of 8, e.g. 0{number[1:]}",
        )
    if plan.premium and re.match(plan.premium, national):
        raise Rule(
            f"'{number}' is a premium-rate number ({plan.premium_words} cost callers extra)",
            "give the line's free or ordinary-rate number, exactly as its operator publishes it",
        )
    if not number.startswith("+") and re.fullmatch(plan.short, national):
        return
    if plan.national and re.fullmatch(plan.national, national):
        return
    raise Rule(f"'{number}' is not {plan.adjective} number", plan.forms)


def https_link_problem(href: str) -> tuple[str, str] | None:
    """Why a link in a Markdown field of a helpline may not be shown, if it may not: only https:// addresses
    that pass the web address rules, and no look-alike (punycode) host."""
    if href.lower().startswith("tel:"):
        return (
            f"links to '{href}', but notes may not hold tel: links",
            "the number to call goes in number:, where its link is made from the number itself; write other numbers as plain text",
        )
    if not href.startswith("https://"):
        return f"links to '{href}', but notes may link only to https:// addresses", "link to the https:// address of a page"
    try:
        _url(href)
    except Rule as rule:
        return f"has a link that is not allowed: {rule.message}", rule.hint or ""
    host = urlsplit(href).hostname or ""
    if any(label.startswith("xn--") for label in host.split(".")):
        return (
            f"links to '{href}', whose host is written in punycode (xn--…), which can disguise look-alike letters",
            "link to the site by its plain ASCII address",
        )
    return None


@functools.lru_cache(maxsize=1)
def _inline_parser():
    """Markdown as the site renders data fields (render.inline_markdown): CommonMark, raw HTML off, no linkify."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False})


def _links_are_https(value: str) -> str:
    for token in _inline_parser().parseInline(value):
        for child in token.children or []:
            if child.type == "link_open":
                problem = https_link_problem(str(child.attrs.get("href", "")))
                if problem:
                    raise Rule(*problem)
    return value


def _one_sentence(value: str, limit: int = 160) -> str:
    if len(value) > limit:
        raise Rule(f"is {len(value)} characters long", f"keep it to one sentence of at most {limit} characters")
    if not value.endswith((".", "?", "!")):
        raise Rule("should be one full sentence ending with a full stop", "end it with '.'")
    if re.search(r"[.!?]\s+[A-Z]", value):
        raise Rule("has more than one sentence", "keep one sentence; move the rest into the page")
    return value


def search_normal(text: str) -> str:
    """Text as search compares it: lower case, accents and other marks dropped (ė → e, ž → z), and anything
    but letters and digits turned into single spaces. The site's search script does the same in the browser."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.lower().split())


Text = Annotated[str, AfterValidator(_not_blank)]
PlainText = Annotated[str, AfterValidator(_not_blank), AfterValidator(_no_html)]
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(")
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")


def data_link_allowed(url: str) -> bool:
    """Links in data may go to https: pages, mailto: addresses and the site's own pages; nothing else. The check
    refuses other links with a message, and the data Markdown renderer (render.inline_markdown) never makes them."""
    value = url.strip().lower()
    if value.startswith(("https://", "mailto:", "#")):
        return True
    return not re.match(r"^[a-z][a-z0-9+.-]*:", value) and not value.startswith("//")


def _safe_markdown(value: str) -> str:
    """Markdown fields may hold emphasis and links to https:, mailto: or the site's own pages; no images."""
    if _MD_IMAGE.search(value):
        raise Rule("contains an image", "data text shows no images: an image from another host would track readers; remove it")
    for target in _MD_LINK.findall(value):
        if not data_link_allowed(target):
            raise Rule(f"links to '{target}'", "links in data go only to https: pages, mailto: addresses or the site's own pages")
        if "@" in urlsplit(target).netloc or not (urlsplit(target).hostname or "").isascii():
            raise Rule(f"links to '{target}', whose host is hidden or written in look-alike letters", "link to the real address, in plain ASCII letters")
    return value


MarkdownText = Annotated[str, AfterValidator(_not_blank), AfterValidator(_no_html), AfterValidator(_safe_markdown), MarkdownField()]
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


def _language(value: str) -> str:
    if value not in _LANGUAGES:
        raise Rule(f"'{value}' is not a language code", "use the ISO 639 code of the language, e.g. lt, is, nb or fi")
    return value


# Language codes and their English names from Babel's copy of the Unicode CLDR: one list for checking and showing.
_LANGUAGES = frozenset(Locale("en").languages)
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}$"), AfterValidator(_language)]


class Entry(BaseModel):
    """Common settings: unknown fields are mistakes, and text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Reference(Entry):
    """A published source: article, book, report, guideline or web page (the files in data/references/)."""

    id: Id = Field(
        title="Citation key", description="Short unique key used in `cite(...)`: first author, year, and a letter if needed.", examples=["mead-2001"]
    )
    type: Literal["article", "book", "chapter", "report", "guideline", "webpage"] = Field(title="Kind of source", examples=["article"])
    authors: list[PlainText] = Field(
        min_length=1,
        title="Authors",
        description="Each as 'Family, Initials' (e.g. 'Mead, S.'), or an organisation's full name.",
        examples=[["Mead, S.", "Hilton, D.", "Curtis, L."]],
    )
    short_author: PlainText | None = Field(
        None,
        title="Short author for in-text citations",
        description="A short form of an organisation's name, used in citations instead of the full name.",
        examples=["WHO"],
    )
    title: PlainText = Field(
        title="Title", description="Title of the work, in sentence case as published.", examples=["Peer support: a theoretical perspective"]
    )
    container: PlainText | None = Field(
        None, title="Published in", description="Journal, book or website that contains the work.", examples=["Psychiatric Rehabilitation Journal"]
    )
    publisher: PlainText | None = Field(None, title="Publisher", examples=["World Health Organization"])
    year: int | None = Field(None, ge=1700, le=2100, title="Year of publication", examples=[2001])
    volume: str | None = Field(None, title="Volume", examples=["25"])
    issue: str | None = Field(None, title="Issue", examples=["2"])
    pages: str | None = Field(None, title="Pages or article number", examples=["134–141"])
    doi: Annotated[str, AfterValidator(_doi)] | None = Field(
        None, title="DOI", description="The bare DOI, without https://doi.org/.", examples=["10.1037/h0095032"]
    )
    url: Url | None = Field(None, title="Web address", examples=["https://www.samaritans.org/"])
    isbn: str | None = Field(None, title="ISBN", examples=["978-92-4-002578-3"])
    accessed: date | None = Field(None, title="Date accessed", description="For web pages: the day the page was read (YYYY-MM-DD).", examples=["2026-11-01"])
    note: PlainText | None = Field(
        None, title="Note", description="Anything a reader needs to find or judge the source.", examples=["Technical package of the 2021 guidance."]
    )

    @model_validator(mode="after")
    def _findable(self) -> Reference:
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
    """A country, nation or region the site talks about (the files in data/countries/)."""

    id: CountryCode = Field(
        title="Code", description="Lower-case ISO 3166 code; nations of the UK use ISO 3166-2 (gb-eng, gb-sct); the EU uses eu.", examples=["lt"]
    )
    name: PlainText = Field(title="Name in English", examples=["Lithuania"])
    local_name: PlainText | None = Field(None, title="Name in the local language", examples=["Lietuva"])
    language: str | None = Field(
        None,
        pattern=r"^[a-z]{2,3}$",
        title="Main language code",
        description="BCP 47 language code used to mark local terms for screen readers.",
        examples=["lt"],
    )
    kind: Literal["country", "nation", "region"] = Field("country", title="Kind", examples=["country"])
    part_of: CountryRef | None = Field(None, title="Part of", description="For a nation, the country it belongs to.", examples=["gb"])
    page: PagePath | None = Field(
        None,
        title="Profile page",
        description="The page (under docs/) that describes peer support in this country, with an anchor for a nation on a shared page.",
        examples=["international/norway.md"],
    )
    profile: CountryProfile | None = Field(
        None, title="Peer support profile", description="Facts for the international comparison and the country's page; leave out what no source tells."
    )


class RoleTerm(Entry):
    """A local name for peer support or the peer role."""

    term: PlainText = Field(title="Term as written locally", examples=["erfaringskonsulent"])
    language: LanguageCode = Field(title="Language code", examples=["nb"])
    meaning: PlainText = Field(title="Meaning in English", examples=["experience consultant"])


class CountryProfile(Entry):
    """How peer support is organised in one country. Every field but sources and last_reviewed is optional:
    a missing field is shown as 'not documented in the sources we hold', never guessed."""

    role_terms: list[RoleTerm] = Field(default_factory=list, title="Terms used for the role")
    status: MarkdownText | None = Field(
        None,
        title="Status of the role",
        description="Recognition in law, policy, job grades or registers.",
        examples=["A recognised job grade in the public health service since 2017."],
    )
    training: MarkdownText | None = Field(None, title="Training and certification", examples=["Vocational and university programmes; a national register."])
    settings: MarkdownText | None = Field(None, title="Settings", description="Where peer workers work.", examples=["Community mental health teams."])
    funding: MarkdownText | None = Field(None, title="Funding", examples=["Public funding through the health service."])
    organisations: list[OrganisationRef] = Field(default_factory=list, title="Key organisations", examples=[["erfaringssentrum"]])
    sources: list[ReferenceKey] = Field(min_length=1, title="Sources", description="References the profile's facts come from.", examples=[["akerblom-report"]])
    last_reviewed: date = Field(
        title="Last reviewed", description="Day the profile was last checked against its sources (YYYY-MM-DD).", examples=["2026-11-22"]
    )


OrganisationType = Literal["ngo", "public-body", "health-service", "funder", "network", "helpline", "university", "international"]
ORGANISATION_TYPES = {
    "ngo": "Non-governmental organisation",
    "public-body": "Public body",
    "health-service": "Health service",
    "funder": "Funder",
    "network": "Network",
    "helpline": "Helpline",
    "university": "University or college",
    "international": "International organisation",
}


class Organisation(Entry):
    """An organisation named on the site (the files in data/organisations/)."""

    id: Id = Field(title="Id", examples=["mental-health-perspectives"])
    name: PlainText = Field(title="Name in English", examples=["Mental Health Perspectives"])
    local_name: PlainText | None = Field(None, title="Name in the local language", examples=["Psichikos sveikatos perspektyvos"])
    country: CountryRef = Field(title="Country", examples=["lt"])
    type: OrganisationType = Field(title="Kind of organisation", examples=["ngo"])
    url: Url | None = Field(None, title="Website", examples=["https://perspektyvos.org/"])
    description: MarkdownText | None = Field(
        None, title="Description", description="One or two sentences, in your own words.", examples=["A Vilnius NGO working on human rights in mental health."]
    )


# How old a helpline's check may be: the check fails for a number not verified for more than this many months.
HELPLINE_MAX_AGE_MONTHS = 12


_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise Rule(f"'{value}' is not an email address", "write the address alone, e.g. jo@samaritans.org, without mailto: or a name")
    return value


ChannelKind = Literal["text", "chat", "email"]
# How a card names each way to reach a line.
CHANNEL_KINDS = {"text": "Text", "chat": "Chat", "email": "Email"}


# What the address of each kind of channel must be.
def _chat_page(value: str) -> str:
    _url(value)
    if any(label.startswith("xn--") for label in (urlsplit(value).hostname or "").split(".")):
        raise Rule(f"'{value}' has a host written in punycode (xn--…), which can disguise look-alike letters", "give the chat page by its plain ASCII address")
    return value


_CHANNEL_ADDRESS = {"text": _phone, "chat": _chat_page, "email": _email}


class HelplineChannel(Entry):
    """Another way to reach a line than calling its number: a number to text, a web page with a chat, or an email
    address, with only the hours its source states."""

    kind: ChannelKind = Field(title="Kind", description="text (a text message, SMS), chat (online chat) or email.", examples=["text"])
    address: PlainText = Field(
        title="Where",
        description="For text, the number to text, as the operator publishes it, digits and single spaces; it follows the number "
        "rules of the line's country, like the line's own number. For chat, the https:// page where the chat opens. For email, "
        "the email address alone, without mailto:.",
        examples=["0 800 28888"],
    )
    hours: PlainText = Field(
        title="Hours",
        description="Only hours the line's source states for this way of reaching it; if it states none, write 'Hours not "
        "confirmed: check the operator's site'.",
        examples=["24 hours a day, every day"],
    )
    notes: PlainText | None = Field(
        None, title="Notes", description="A short note, such as a word to send for another language.", examples=["Text AYUDA for Spanish"]
    )

    @model_validator(mode="after")
    def _address_fits_kind(self) -> HelplineChannel:
        try:
            _CHANNEL_ADDRESS[self.kind](self.address)
        except Rule as rule:
            raise Rule(rule.message, rule.hint, field="address") from None
        return self


# A helpline's notes: inline Markdown, with links only to https:// addresses and no tel: links.
HelplineNotes = Annotated[
    str, AfterValidator(_not_blank), AfterValidator(_no_html), AfterValidator(_links_are_https), AfterValidator(_safe_markdown), MarkdownField()
]


class Helpline(Entry):
    """A number to call for urgent help (data/helplines.yml). Safety-critical: copy numbers exactly from the source.

    The check refuses a number that cannot work in its country or costs callers extra, a source that is not the
    operator's own page or an official body's, and a check date in the future or more than 12 months old."""

    id: Id = Field(title="Id", examples=["lt-vilties-linija"])
    country: CountryRef = Field(title="Country or region", examples=["lt"])
    name: PlainText = Field(title="Name in English", examples=["Line of Hope"])
    local_name: PlainText | None = Field(None, title="Name in the local language", examples=["Vilties linija"])
    number: Annotated[str, AfterValidator(_phone)] = Field(
        title="Number",
        description="Exactly as dialled inside the country, digits and single spaces (or +, the calling code and the national number). "
        "It must follow the country's rules in NUMBER_PLANS (scripts/peerkb/models.py): at least 3 digits; no premium-rate number; "
        "Lithuanian national numbers start with 0, never with the old prefix 8, which stopped working on 1 March 2025. "
        "A country without rules there accepts only 112 and the 116 numbers (116 and 3 digits).",
        examples=["116 123"],
    )
    for_whom: PlainText = Field(title="Who it is for", examples=["Adults who need emotional support"])
    hours: PlainText = Field(
        title="Opening hours",
        description="Only hours the source states; if no recent source does, say so and send readers to the line's own site.",
        examples=["24 hours a day, every day"],
    )
    cost: PlainText = Field(title="Cost", examples=["Free"])
    languages: PlainText | None = Field(
        None,
        title="Languages",
        description="The languages the line answers in, as its source states; leave it out when the source does not say.",
        examples=["Lithuanian"],
    )
    emergency: bool = Field(False, title="Emergency number", description="true for police, ambulance and fire numbers such as 112.", examples=[False])
    operator: OrganisationRef | None = Field(None, title="Run by", examples=["samaritans"])
    web: Url | None = Field(
        None,
        title="Website or chat",
        description="The line's own site, linked from the card as the place to check for changes.",
        examples=["https://www.samaritans.org/"],
    )
    channels: list[HelplineChannel] = Field(
        default_factory=list,
        title="Text, chat and email",
        description="Other ways to reach the line, each with its hours, shown on its card. A number to text follows the "
        "country's number rules, like the line's own number.",
    )
    notes: HelplineNotes | None = Field(
        None,
        title="Notes",
        description="Inline Markdown, as in other Markdown fields, but stricter: links only to https:// addresses, "
        "and no tel: links (the number to call goes in number:, where its link is made from it).",
        examples=["Calls do not show on phone bills."],
    )
    source: ReferenceKey = Field(
        title="Source",
        description="Reference key of the page the number and the other facts were checked against. Its url must be on the "
        "operator's own site (the url of the organisation in operator:) or an official body's (an organisation of type "
        "public-body in data/organisations/), and it needs accessed: the day it was read. When the source was published "
        "in an earlier year than last_verified, the card says the details are as published then.",
        examples=["samaritans-contact"],
    )
    unofficial_source: bool = Field(
        False,
        title="Source is not the operator's or an official body's",
        description="true only while no page of the operator or of an official body has been checked: the check then accepts a "
        "source on another site, and the card tells readers so. Remove it once the source is the operator's own page.",
        examples=[False],
    )
    last_verified: date = Field(
        title="Last verified",
        description="Day the number and the other facts were checked against the source (YYYY-MM-DD): not in the future, not "
        "after the source's accessed date, and not more than 12 months ago, or the check fails.",
        examples=["2026-11-01"],
    )

    @model_validator(mode="after")
    def _number_works_in_country(self) -> Helpline:
        try:
            check_number(self.number, self.country)
        except Rule as rule:
            raise Rule(rule.message, rule.hint, field="number") from None
        for index, channel in enumerate(self.channels):
            if channel.kind != "text":
                continue
            try:
                check_number(channel.address, self.country)
            except Rule as rule:
                raise Rule(rule.message, rule.hint, field=("channels", index, "address")) from None
        return self


_ABBR = re.compile(r"[^\W_](?:[\w&./-]| (?! ))*")

# Small words an abbreviation may leave out of its term: 'CRPD' is the Convention on the Rights of Persons with
# Disabilities. Every other word of the term gives the abbreviation at least its first letter (see GlossaryTerm.abbr).
ABBREVIATION_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "through", "to", "with"})


def _abbreviation(value: str) -> str:
    """An abbreviation that marks only itself: the abbr extension puts a tooltip on every whole-word match, in any text."""
    if len(value) < 2:
        raise Rule(
            f"'{value}' is too short for an abbreviation", "an abbreviation has at least 2 characters; one letter would be marked wherever it stands alone"
        )
    if re.fullmatch(r"[\d ]+", value):
        raise Rule(f"'{value}' is a number, not an abbreviation", "digits as an abbreviation would be marked inside phone numbers and dates; leave abbr out")
    if not _ABBR.fullmatch(value) or not value[-1].isalnum():
        bad = next((c for c in value if not (c.isalnum() or c in "&./- ")), value[-1])
        raise Rule(f"'{value}' has a character an abbreviation cannot have ({bad!r})", "use letters and digits, with & . / - or single spaces between them")
    return value


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise Rule("is more than one line", "write it on one line")
    return value


TermText = Annotated[str, AfterValidator(_not_blank), AfterValidator(_no_html), AfterValidator(_one_line)]
Abbreviation = Annotated[str, AfterValidator(_not_blank), AfterValidator(_no_html), AfterValidator(_abbreviation)]


class GlossaryTerm(Entry):
    """A term explained on the glossary page and as a tooltip wherever its abbreviation appears (the files in data/glossary/)."""

    id: Id = Field(title="Id", examples=["peer-support-worker"])
    term: TermText = Field(
        title="Term",
        description="On one line: it is also the tooltip of the abbreviation, so a term with an abbreviation is what the "
        "abbreviation stands for, written in full (World Health Organization for WHO).",
        examples=["Peer support worker"],
    )
    abbr: Abbreviation | None = Field(
        None,
        title="Abbreviation",
        description="If set, every use of it on the site shows the term as a tooltip, so it may not catch other text: at least 2 "
        "characters, not only digits, letters and digits with & . / - or single spaces between them; not a common English word "
        "listed in data/common-words.yml written in lower case or with a capital (one in capitals, such as WHO, is fine); and "
        "not a whole word of any helpline's number or name. It must stand for the term: not the same as the term, and "
        "made of the first letter, or first letters, of each word of the term in order (WHO for World Health Organization, "
        "ImROC for Implementing Recovery through Organisational Change). The term's words are what stands between "
        "spaces, hyphens and other punctuation, and only these small words may be left out: " + ", ".join(sorted(ABBREVIATION_SMALL_WORDS)) + ".",
        examples=["PSW"],
    )
    language: str | None = Field(
        None,
        pattern=r"^[a-z]{2,3}$",
        title="Language of the term",
        description="BCP 47 code when the term is not English, so screen readers pronounce it right.",
        examples=["lt"],
    )
    definition: MarkdownText = Field(
        title="Definition",
        description="One to three sentences in your own words.",
        examples=["Someone employed to support others using their own experience of mental health difficulties."],
    )
    sources: list[ReferenceKey] = Field(default_factory=list, title="Sources", examples=[["repper-2013"]])
    related: list[TermRef] = Field(default_factory=list, title="Related terms", examples=[["lived-experience"]])


class EventDocument(Entry):
    """A document or recording that came out of an event. Where a source says it is published, record who published
    it (published_by) and the cited source that links to it (linked_from); it is then shown as published by them,
    with a link to that source, and as not held or checked on this site. A document with neither a publisher nor
    its own address is listed as not yet published."""

    title: PlainText = Field(title="Title", examples=["Recommendations of the peer-mentoring session"])
    kind: Literal["recommendations", "report", "video", "recording", "slides", "article"] = Field(title="Kind", examples=["recommendations"])
    url: Url | None = Field(
        None,
        title="Its own web address",
        description="Only when a source shows the document's own address; never guessed. "
        "When you know only the page that links to it, use linked_from instead.",
        examples=["https://perspektyvos.org/"],
    )
    published_by: OrganisationRef | None = Field(
        None,
        title="Published by",
        description="The organisation that published the document, as a source says.",
        examples=["mental-health-perspectives"],
    )
    linked_from: ReferenceKey | None = Field(
        None,
        title="Linked from",
        description="The reference key of a cited source that links to the document, such as the publisher's own article; needs published_by.",
        examples=["psp-peer-supporters"],
    )

    @model_validator(mode="after")
    def _publisher_known(self) -> EventDocument:
        if self.linked_from and not self.published_by:
            raise Rule(
                f"is given as published (linked from '{self.linked_from}') but does not say who published it",
                "add published_by: the id of the organisation that published it",
            )
        if self.published_by and not (self.linked_from or self.url):
            raise Rule(
                "says who published it but not where readers can find it",
                "add linked_from: the key of the cited source that links to it (or url: its own address, if a source shows it)",
            )
        return self


EventType = Literal["project", "study-visit", "meeting", "mentoring-session", "webinar", "training", "conference"]
EVENT_TYPES = {
    "project": "Project",
    "study-visit": "Study visit",
    "meeting": "Meeting",
    "mentoring-session": "Peer-mentoring session",
    "webinar": "Webinar",
    "training": "Training",
    "conference": "Conference",
}


class Event(Entry):
    """A project, visit, meeting or webinar (data/events.yml)."""

    id: Id = Field(title="Id", examples=["vilnius-study-visit-2024"])
    title: PlainText = Field(title="Title", examples=["Icelandic study visit to Vilnius"])
    type: EventType = Field(title="Kind of event", examples=["study-visit"])
    part_of: EventRef | None = Field(None, title="Part of", description="The project this event belonged to.", examples=["lt-is-peer-support-2024"])
    start: date | None = Field(None, title="Start date", examples=["2024-09-01"])
    end: date | None = Field(None, title="End date", examples=["2025-01-31"])
    when: PlainText | None = Field(
        None, title="When, in words", description="Use when the exact dates are not known, e.g. 'November 2024'.", examples=["November 2024"]
    )
    location: PlainText | None = Field(None, title="Where", examples=["Vilnius, Lithuania"])
    organisations: list[OrganisationRef] = Field(
        default_factory=list, title="Organisations taking part", examples=[["mental-health-perspectives", "traustur-kjarni"]]
    )
    funders: list[OrganisationRef] = Field(default_factory=list, title="Funders", examples=[["nordic-council-lithuania"]])
    summary: MarkdownText = Field(
        title="Summary", description="What happened, in your own words, from the sources.", examples=["Meetings with the city and services."]
    )
    topics: list[PlainText] = Field(default_factory=list, title="Topics", examples=[["peer support in prison"]])
    documents: list[EventDocument] = Field(default_factory=list, title="Documents and recordings")
    sources: list[ReferenceKey] = Field(min_length=1, title="Sources", examples=[["psp-peer-supporters"]])
    page: PagePath | None = Field(
        None, title="Page", description="The page (under docs/) that tells this event's story.", examples=["lithuania-iceland/study-visit-2024.md"]
    )

    @model_validator(mode="after")
    def _dated(self) -> Event:
        if not (self.start or self.when):
            raise Rule("says nothing about when it happened", "add start: YYYY-MM-DD, or when: 'Month YYYY'")
        if self.start and self.end and self.end < self.start:
            raise Rule(f"{self.end.isoformat()} is before the start ({self.start.isoformat()})", "check the dates", field="end")
        for doc in self.documents:
            if doc.linked_from and doc.linked_from not in self.sources:
                raise Rule(
                    f"document '{doc.title}' is linked from '{doc.linked_from}', which is not among the event's sources",
                    f"add {doc.linked_from} to sources, so the page lists the source that links to the document",
                    field="sources",
                )
        return self


class Definition(Entry):
    """A published definition of peer support, compared on the 'What is peer support' page (data/definitions.yml)."""

    id: Id = Field(title="Id", examples=["mead-2001"])
    source: ReferenceKey = Field(title="Source", examples=["mead-2001"])
    context: PlainText = Field(title="Context", description="Who defines it and from what setting, in a few words.", examples=["Peer-run services, USA"])
    quote: PlainText | None = Field(
        None,
        title="Exact words",
        description="Only when checked against the source or a reliable copy; otherwise leave it out and summarise.",
        examples=["Peer support is a system of giving and receiving help…"],
    )
    summary: MarkdownText = Field(
        title="In our words", description="What the definition says, in plain English.", examples=["Help that flows both ways between equals."]
    )
    stresses: list[PlainText] = Field(min_length=1, title="What it stresses", examples=[["mutuality", "respect"]])


Audience = Literal["public", "services", "policymakers", "researchers", "contributors"]


# Characters that have no place in a title or description: the theme writes these two into the page head,
# link previews and neighbouring pages' links, where '<', '>' or '"' would end an attribute or start a tag,
# and control or bidirectional-override characters would make the text read differently from how it shows.
_META_UNSAFE = re.compile(r'[<>"\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]')


def _safe_meta_text(value: str) -> str:
    match = _META_UNSAFE.search(value)
    if match:
        char = match.group(0)
        shown = repr(char) if char in '<>"' else f"U+{ord(char):04X}"
        raise Rule(f"contains {shown}, which is not allowed in a title or description", "write plain words; for a quotation use ‘single’ or “curly” quotes")
    return value


MetaText = Annotated[str, AfterValidator(_not_blank), AfterValidator(_no_html), AfterValidator(_safe_meta_text)]


class PageSearch(Entry):
    """How the site's search treats a page."""

    exclude: bool | None = Field(None, title="Leave the page out of search", examples=[True])


class PageTranslation(Entry):
    """What a translated page (under docs/lt/) translates: the English page, at which revision, and whether a native
    speaker has reviewed the translation. `kb translate lt PATH` writes it; the build shows readers a notice until the
    page is reviewed, and another when the English page has changed since the recorded revision."""

    source: str = Field(
        title="English page",
        description="The path under docs/ of the English page this page translates: the same as this page's path under docs/lt/.",
        examples=["peer-support/forms.md"],
    )
    source_sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        title="Revision translated",
        description="The SHA-256 checksum of the English page's text when it was translated, written by `kb translate lt PATH` "
        "(and by `kb translate lt PATH --update` once the translation has caught up with the English).",
        examples=["9f2c…"],
    )
    reviewed: date | Literal[False] = Field(
        False,
        title="Reviewed by a native speaker",
        description="The day a native speaker of the language reviewed the translation, or false (the default) while no one has.",
        examples=["2026-12-14", False],
    )
    notes: Annotated[str, AfterValidator(_not_blank), AfterValidator(_no_html)] | None = Field(
        None,
        title="Notes for reviewers",
        description="Choices a reviewer should check, in English: terms with no established translation, wording decisions.",
        examples=["'savitarpio pagalbos teikėjas' for peer worker is marked [P] in lithuanian-terms.md."],
    )


def _keywords(values: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        if len(value) > 40 or len(value.split()) > 4:
            raise Rule(f"'{value}' is too long for a keyword", "a keyword is a word or short phrase a reader types: at most 4 words and 40 characters")
        key = search_normal(value)
        if not key:
            raise Rule(f"'{value}' has no letters or digits", "write the word a reader would type")
        if key in seen:
            raise Rule(f"'{value}' repeats '{seen[key]}'", "list each keyword once")
        seen[key] = value
    return values


Keywords = Annotated[list[MetaText], Field(min_length=1, max_length=10), AfterValidator(_keywords)]


class PageMeta(Entry):
    """The front matter every page must start with."""

    title: MetaText = Field(title="Title", description='Plain words: no <, > or " and no control characters.', examples=["What is peer support?"])
    description: Annotated[MetaText, AfterValidator(_one_sentence)] = Field(
        title="Description",
        description="One sentence of at most 160 characters, used in search results and link previews.",
        examples=["How peer support is defined by researchers, services and international bodies, compared side by side."],
    )
    audience: list[Audience] = Field(min_length=1, title="Audience", examples=[["public", "services"]])
    last_reviewed: date = Field(title="Last reviewed", description="Day the page's facts were last checked (YYYY-MM-DD).", examples=["2026-11-22"])
    review_due: date = Field(title="Next review due", description="Day by which the page must be checked again; after last_reviewed.", examples=["2027-11-22"])
    # Keys that Material for MkDocs understands.
    hide: list[Literal["navigation", "toc", "footer", "path", "tags", "feedback"]] | None = Field(None, title="Hide parts of the layout")
    search: PageSearch | None = Field(None, title="Search settings (exclude)")
    keywords: Keywords | None = Field(
        None,
        title="Search keywords",
        description="Up to 10 words or short phrases readers type that the page itself does not use (e.g. salary for a page about pay); "
        "search weighs them like a heading. Not the title again, and no crisis words (they belong to the urgent-help page).",
        examples=[["salary", "wages"]],
    )
    print_button: bool = Field(False, title="Show a print button", description="For guidance that readers print or save as PDF.", examples=[True])
    translation: PageTranslation | None = Field(
        None, title="Translation", description="On a translated page only (docs/lt/): the English page it translates and the state of the translation."
    )

    @model_validator(mode="after")
    def _keywords_not_title(self) -> PageMeta:
        for keyword in self.keywords or []:
            if search_normal(keyword) == search_normal(self.title):
                raise Rule(
                    f"'{keyword}' is the page's title",
                    "the title is searched already, with the most weight; give words the page does not use",
                    field="keywords",
                )
        return self

    @model_validator(mode="after")
    def _review_after(self) -> PageMeta:
        if self.review_due <= self.last_reviewed:
            raise Rule(
                f"{self.review_due.isoformat()} is not after last_reviewed ({self.last_reviewed.isoformat()})",
                "set the next review after the last one, usually a year later",
                field="review_due",
            )
        return self


# A phrase to avoid: words of letters (and hyphens and apostrophes), where a word whose ending changes lists its
# forms in brackets, separated by |: ligon(is|io|iui) is ligonis, ligonio and ligoniui; (ne|)sėkmingas is both.
_AVOID_GROUP = re.compile(r"\(([^()]*)\)")
_AVOID_WORD = re.compile(r"^(?:[^\W\d_]|['’-]|\((?:[^\W\d_]*\|)+[^\W\d_]*\))+$")


def avoid_forms(phrase: str) -> list[str]:
    """Every form a phrase to avoid stands for, in lower case: 'ligon(is|io) gydytojas' → ['ligonis gydytojas',
    'ligonio gydytojas']. A phrase without brackets is its only form."""
    forms = [""]
    at = 0
    for group in _AVOID_GROUP.finditer(phrase.lower()):
        literal = phrase.lower()[at : group.start()]
        forms = [form + literal + ending for form in forms for ending in group.group(1).split("|")]
        at = group.end()
    return [" ".join((form + phrase.lower()[at:]).split()) for form in forms]


def _avoid_phrases(values: list[str]) -> list[str]:
    for value in values:
        for word in value.split():
            if not _AVOID_WORD.match(word):
                raise Rule(
                    f"'{value}' is not a phrase of words with their endings in brackets",
                    "write words of letters; for a word whose ending changes, list its endings in brackets, separated by |, "
                    "e.g. ligon(is|io|iui), without spaces or brackets inside brackets",
                )
    return values


class WordingRule(Entry):
    """Words to avoid on the site and what to write instead (data/wording.yml). The wording check flags
    every use on a page or in data in the rule's language; to quote a phrase on purpose, write {{ avoid("the phrase") }}."""

    id: Id = Field(title="Id", examples=["committed-suicide"])
    language: Literal["en", "lt"] = Field(
        "en",
        title="Language",
        description="The language of the phrases. English rules are checked on English pages and data; Lithuanian (lt) rules on the pages "
        "under docs/lt/ and the files under data/translations/lt/.",
        examples=["lt"],
    )
    avoid: Annotated[list[PlainText], AfterValidator(_avoid_phrases)] = Field(
        min_length=1,
        title="Phrases to avoid",
        description="Every form to flag; matched as whole words, in any case. For a word whose ending changes (as in Lithuanian), list the "
        "endings in brackets, separated by |: psichikos ligon(is|io|iui) flags psichikos ligonis, psichikos ligonio and psichikos ligoniui.",
        examples=[["committed suicide", "commit suicide"]],
    )
    instead: PlainText = Field(title="What to write instead", examples=["died by suicide"])
    why: PlainText = Field(title="Why", description="One sentence a contributor will accept.", examples=["'Committed' links suicide to crime."])
    allow: list[PlainText] = Field(
        default_factory=list,
        title="Names left as they are",
        description="Official names that contain a phrase to avoid, such as an institution's or a law's name: the check leaves the phrase alone inside them.",
        examples=[["Neįgaliųjų reikalų departamentas"]],
    )

    @property
    def forms(self) -> list[str]:
        """Every form of every phrase to avoid, in lower case: what avoid() may quote."""
        return [form for phrase in self.avoid for form in avoid_forms(phrase)]


def _crisis_words(values: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        key = search_normal(value)
        if re.search(r"[^\w\s'’-]|_", value):
            raise Rule(f"'{value}' has characters search ignores", "write letters, digits, spaces, hyphens and apostrophes only")
        if key in seen:
            raise Rule(f"'{value}' is the same search as '{seen[key]}'", "search ignores case, accents, hyphens and apostrophes: list the words once")
        seen[key] = value
    return values


class SearchLanguage(Entry):
    """The site's search in one language (data/search.yml): the words and phrases that put the urgent-help card
    before every result, and the wording of the card and of the results. The card's numbers come from
    data/helplines.yml; this file holds no number."""

    id: LanguageCode = Field(title="Language", description="The code of the language, as in theme.language (en, lt).", examples=["en"])
    crisis_phrases: Annotated[list[PlainText], Field(min_length=10), AfterValidator(_crisis_words)] = Field(
        title="Crisis words and phrases",
        description="Words a person in distress might type. A query containing one of them, as whole words, shows the urgent-help card "
        "first. Case, accents, hyphens and apostrophes are ignored (self-harm = self harm; savizudybe = savižudybė).",
        examples=[["suicide", "suicidal", "kill myself", "end my life", "want to die", "self-harm", "hurt myself", "overdose", "crisis", "emergency"]],
    )
    crisis_stems: Annotated[list[Annotated[PlainText, Field(min_length=4, pattern=r"^[^\s]+$")]], AfterValidator(_crisis_words)] = Field(
        default_factory=list,
        title="Crisis word beginnings",
        description="Beginnings of words (at least 4 letters, no spaces) that show the card whatever their ending: suicid matches suicide and "
        "suicidal; in Lithuanian, savizud matches every form of savižudybė.",
        examples=[["suicid"]],
    )
    stop_words: Annotated[list[Annotated[PlainText, Field(pattern=r"^[^\s]+$")]], AfterValidator(_crisis_words)] = Field(
        default_factory=list,
        title="Words search leaves out",
        description="Small words that carry no topic (a, the, of): a query drops them, unless it has nothing else, so it "
        "fetches less of the index and ranks pages by the words that matter. Never a word that changes the meaning, such as not.",
        examples=[["a", "the", "of"]],
    )
    card_heading: PlainText = Field(title="Card heading", examples=["Need help now?"])
    emergency_label: PlainText = Field(title="Before the emergency numbers", examples=["In an emergency, call"])
    support_label: PlainText = Field(
        title="Before 116 123", description="The card shows it, then 116 123 and the countries where a line answers it.", examples=["To talk to someone, call"]
    )
    help_link: PlainText = Field(title="Link to the urgent-help page", examples=["Numbers for every country we cover"])
    no_results: PlainText = Field(title="When nothing is found", examples=["No pages found."])
    one_result: PlainText = Field(title="One page found", examples=["1 page found."])
    many_results: Annotated[PlainText, Field(pattern=r"\{n\}")] = Field(
        title="Several pages found", description="{n} stands for the number.", examples=["{n} pages found."]
    )
    did_you_mean: PlainText = Field(title="Before a suggested spelling", examples=["Did you mean"])
    for_contributors: PlainText = Field(title="Heading of results from contributor pages", examples=["For contributors"])
    close: PlainText = Field(title="Name of the button that closes search", examples=["Close search"])
    more_results: PlainText = Field(title="Button that lists more results", examples=["Show more results"])


RecommendationAudience = Literal[
    "national-policymakers",
    "municipal-policymakers",
    "mental-health-services",
    "ngos-and-peer-organisations",
    "training-and-education",
    "prisons-and-probation",
    "youth-services",
]
AUDIENCES = {
    "national-policymakers": "National policymakers",
    "municipal-policymakers": "Municipal policymakers",
    "mental-health-services": "Mental health services",
    "ngos-and-peer-organisations": "NGOs and peer organisations",
    "training-and-education": "Training and education",
    "prisons-and-probation": "Prisons and probation",
    "youth-services": "Youth services",
}
RecommendationTheme = Literal[
    "role-and-status",
    "training-and-certification",
    "supervision-and-support",
    "boundaries-and-ethics",
    "team-integration",
    "employment",
    "lived-experience-leadership",
    "prison-and-release",
    "youth",
    "evaluation",
]
# In the order the recommendations page shows the themes.
THEMES = {
    "role-and-status": "Role and professional status",
    "training-and-certification": "Training and certification",
    "supervision-and-support": "Supervision and support",
    "boundaries-and-ethics": "Boundaries and conflicts of interest",
    "team-integration": "Integration into teams",
    "employment": "Pay and employment conditions",
    "lived-experience-leadership": "Lived-experience leadership",
    "prison-and-release": "Prison and release",
    "youth": "Youth services",
    "evaluation": "Evaluation",
}


RecommendationStatement = Annotated[str, AfterValidator(_not_blank), AfterValidator(_no_html), AfterValidator(lambda v: _one_sentence(v, 220))]


class Recommendation(Entry):
    """A recommendation of this knowledge base (data/recommendations.yml). Ids are permanent: never
    renumber or reuse one; a recommendation that no longer stands stays in the file with status retired."""

    id: Annotated[str, Field(pattern=r"^R\d{2,3}$")] = Field(title="Id", description="R and two or three digits; the next free number.", examples=["R01"])
    title: PlainText = Field(title="Title", examples=["Define the peer support worker role in writing"])
    statement: RecommendationStatement = Field(
        title="Statement",
        description="The recommendation in one sentence of at most 220 characters.",
        examples=["Every service that employs peer support workers should publish a role description written with them."],
    )
    rationale: MarkdownText = Field(
        title="Rationale", description="Why, from the evidence; its sources go in evidence.", examples=["Unclear roles are the challenge most often reported."]
    )
    actions: list[PlainText] = Field(min_length=1, title="Concrete actions", examples=[["Agree a role description with peer workers."]])
    audiences: list[RecommendationAudience] = Field(min_length=1, title="For whom", examples=[["mental-health-services"]])
    theme: RecommendationTheme = Field(title="Theme", examples=["role-and-status"])
    evidence: list[ReferenceKey] = Field(min_length=1, title="Evidence", description="References the recommendation rests on.", examples=[["gillard-2014"]])
    related_pages: list[PagePath] = Field(default_factory=list, title="Related pages", examples=[["practice/team-integration.md"]])
    status: Literal["current", "retired"] = Field("current", title="Status", examples=["current"])
    status_note: PlainText | None = Field(None, title="Why it was retired", description="Required when status is retired.", examples=["Replaced by R18."])
    added: date = Field(title="Date added", examples=["2026-11-23"])
    last_reviewed: date = Field(title="Last reviewed", examples=["2026-11-23"])
    source_event: EventRef | None = Field(
        None,
        title="Event it came from",
        description="For recommendations published by an event, e.g. a peer-mentoring session; leave out for the site's own synthesis.",
        examples=["peer-mentoring-session-2024"],
    )
    documents: list[EventDocument] = Field(
        default_factory=list, title="Linked documents", description="Published texts the recommendation comes from or is discussed in."
    )

    @model_validator(mode="after")
    def _retired_has_reason(self) -> Recommendation:
        if self.status == "retired" and not self.status_note:
            raise Rule("is retired without a reason", "add status_note: saying why, and what replaces it", field="status_note")
        if self.last_reviewed < self.added:
            raise Rule(f"{self.last_reviewed.isoformat()} is before the date added ({self.added.isoformat()})", "check the dates", field="last_reviewed")
        return self


Country.model_rebuild()


# Every set of allowed values that readers see by a label, with its labels. A value added to a Literal without
# a label would vanish from the pages that group or name by it, so the check refuses it (rule_labels_complete).
LABELLED: tuple[tuple[str, object, dict[str, str]], ...] = (
    ("recommendation audience", RecommendationAudience, AUDIENCES),
    ("recommendation theme", RecommendationTheme, THEMES),
    ("organisation type", OrganisationType, ORGANISATION_TYPES),
    ("event type", EventType, EVENT_TYPES),
    ("helpline channel kind", ChannelKind, CHANNEL_KINDS),
)


def label_problems() -> list[str]:
    """Every allowed value without a label, and every label of a value no longer allowed, in words."""
    problems = []
    for what, choices, labels in LABELLED:
        allowed = typing.get_args(choices)
        problems += [f"the {what} '{value}' has no label" for value in allowed if value not in labels]
        problems += [f"the {what} label for '{value}' names no allowed value" for value in labels if value not in allowed]
    return problems


# --- translations of the data readers see (data/translations/LANGUAGE/KIND.yml) ------------------------------

# The languages the site is built in (theme.language of mkdocs.yml and of each language's own configuration).
# English is the language of the data itself; data/translations/ has a folder for each of the others.
SITE_LANGUAGES = ("en", "lt")


class Translation(Entry):
    """A translation of one entry: only the fields readers see, each optional (what is not translated yet is shown
    in English), none written empty."""

    @model_validator(mode="before")
    @classmethod
    def _nothing_empty(cls, data: object) -> object:
        if isinstance(data, dict):
            for name, value in data.items():
                if name in cls.model_fields and (value is None or value == [] or value == {}):
                    raise Rule("is empty", "write the translation, or leave the field out until it is translated (readers then see the English)", field=name)
        return data


class HelplineChannelTranslation(Translation):
    """One of the line's other ways to reach it (its channels:, in the same order as in data/helplines.yml)."""

    hours: PlainText | None = Field(None, title="Hours", examples=["Visą parą, kasdien"])
    notes: PlainText | None = Field(None, title="Notes", examples=["Ten taip pat galite parašyti žinutę"])


class HelplineTranslation(Translation):
    """A helpline's words in another language (data/translations/LANGUAGE/helplines.yml). The number, the website and
    the facts stay in data/helplines.yml: only words are translated, and never with an hour or a fact the English
    does not state."""

    name: PlainText | None = Field(
        None,
        title="Name",
        description="Only a descriptive name (Emergency number); a proper name (Samaritans) stays as it is. A name the same as "
        "the line's local_name is shown once.",
        examples=["Vilties linija"],
    )
    for_whom: PlainText | None = Field(None, title="Who it is for", examples=["Suaugusiesiems, kuriems reikia emocinės paramos"])
    hours: PlainText | None = Field(None, title="Opening hours", description="The English hours, in words: no more, no less.", examples=["Visą parą, kasdien"])
    cost: PlainText | None = Field(None, title="Cost", examples=["Nemokamai"])
    languages: PlainText | None = Field(None, title="Languages", examples=["Lietuvių"])
    notes: HelplineNotes | None = Field(
        None,
        title="Notes",
        description="Inline Markdown, with the English notes' rules: links only to https:// addresses.",
        examples=["Skambučiai nerodomi sąskaitose."],
    )
    channels: list[HelplineChannelTranslation] | None = Field(
        None,
        title="Text, chat and email",
        description="One block for each of the line's channels, in the same order; while the number differs from the English, "
        "the channels are shown in English.",
    )


class RecommendationTranslation(Translation):
    """A recommendation in another language (data/translations/LANGUAGE/recommendations.yml)."""

    title: PlainText | None = Field(None, title="Title", examples=["Raštu apibrėžkite savitarpio pagalbos teikėjo vaidmenį"])
    statement: RecommendationStatement | None = Field(
        None,
        title="Statement",
        description="One sentence of at most 220 characters.",
        examples=["Kiekviena tarnyba, įdarbinanti savitarpio pagalbos teikėjus, turėtų paskelbti kartu su jais parašytą pareigybės aprašymą."],
    )
    rationale: MarkdownText | None = Field(None, title="Rationale", examples=["Neaiškus vaidmuo – dažniausiai minimas sunkumas."])
    actions: Annotated[list[PlainText], Field(min_length=1)] | None = Field(
        None,
        title="Concrete actions",
        description="As many as the English, in the same order; while the number differs, the actions are shown in English.",
        examples=[["Kartu su savitarpio pagalbos teikėjais susitarkite dėl pareigybės aprašymo."]],
    )
    status_note: PlainText | None = Field(None, title="Why it was retired", examples=["Pakeista rekomendacija R18."])


class GlossaryTranslation(Translation):
    """A glossary term in another language (data/translations/LANGUAGE/glossary.yml). Its anchor stays the English id."""

    term: TermText | None = Field(
        None,
        title="Term",
        description="On one line. A term written in its own language (with language: in the glossary) usually stays as it is.",
        examples=["Savitarpio pagalbos teikėjas"],
    )
    abbr: Abbreviation | None = Field(
        None,
        title="Abbreviation",
        description="Only if the language has an abbreviation of its own (PSO for WHO); it then gets the tooltip on pages in that language.",
        examples=["PSO"],
    )
    definition: MarkdownText | None = Field(
        None, title="Definition", examples=["Žmogus, įdarbintas padėti kitiems remdamasis savo psichikos sveikatos sunkumų patirtimi."]
    )


class DefinitionTranslation(Translation):
    """A definition's description in another language (data/translations/LANGUAGE/definitions.yml). The exact words
    (quote:) stay as published, in their own language."""

    context: PlainText | None = Field(None, title="Context", examples=["Bendraamžių vadovaujamos paslaugos, JAV"])
    summary: MarkdownText | None = Field(None, title="In our words", examples=["Abipusė pagalba tarp lygiaverčių žmonių."])
    stresses: Annotated[list[PlainText], Field(min_length=1)] | None = Field(
        None, title="What it stresses", description="As many as the English, in the same order.", examples=[["abipusiškumas", "pagarba"]]
    )


class EventTranslation(Translation):
    """An event in another language (data/translations/LANGUAGE/events.yml). Titles of documents stay as published."""

    title: PlainText | None = Field(None, title="Title", examples=["Islandijos partnerių vizitas Lietuvoje"])
    when: PlainText | None = Field(None, title="When, in words", examples=["2024 m. lapkritis"])
    location: PlainText | None = Field(None, title="Where", examples=["Vilnius, Lietuva"])
    summary: MarkdownText | None = Field(None, title="Summary", examples=["Susitikimai su savivaldybe ir paslaugų teikėjais."])
    topics: Annotated[list[PlainText], Field(min_length=1)] | None = Field(
        None, title="Topics", description="As many as the English, in the same order.", examples=[["savitarpio pagalba kalėjime"]]
    )


class RoleTermTranslation(Translation):
    """The meaning of one local term for the role (the term itself stays as written locally)."""

    meaning: PlainText | None = Field(None, title="Meaning", examples=["patirties konsultantas"])


class CountryProfileTranslation(Translation):
    """The facts of a country's profile in another language."""

    role_terms: list[RoleTermTranslation] | None = Field(
        None, title="Terms used for the role", description="One block for each of the profile's role_terms, in the same order."
    )
    status: MarkdownText | None = Field(None, title="Status of the role", examples=["Pripažinta pareigybė valstybinėje sveikatos sistemoje."])
    training: MarkdownText | None = Field(None, title="Training and certification", examples=["Profesinio mokymo ir universitetų programos."])
    settings: MarkdownText | None = Field(None, title="Settings", examples=["Bendruomeninės psichikos sveikatos komandos."])
    funding: MarkdownText | None = Field(None, title="Funding", examples=["Viešosios sveikatos priežiūros lėšos."])


class CountryTranslation(Translation):
    """A country's name and profile in another language (data/translations/LANGUAGE/countries.yml)."""

    name: PlainText | None = Field(None, title="Name", examples=["Lietuva"])
    profile: CountryProfileTranslation | None = Field(None, title="Peer support profile")


class OrganisationTranslation(Translation):
    """An organisation's description in another language (data/translations/LANGUAGE/organisations.yml)."""

    name: PlainText | None = Field(
        None,
        title="Name",
        description="Only a descriptive name; a proper name stays as it is, and a local_name is shown as written.",
        examples=["Sveikatos apsaugos ministerija"],
    )
    description: MarkdownText | None = Field(None, title="Description", examples=["Vilniaus NVO, dirbanti žmogaus teisių psichikos sveikatos srityje."])
