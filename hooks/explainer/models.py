"""Frozen models of a treaty dataset and their invariants. No I/O happens here.

One model per kind of data file (`AccordFile`, `SourcesFile`, `StateFile`, `EventsFile`,
`SeriesFile`) plus the records inside them. Unknown keys are rejected everywhere.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from explainer.dates import Day, PartialDate
from explainer.iso import is_valid_alpha2, is_valid_alpha3

_CHARACTER_REFERENCE = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _without_character_references(name: str) -> str:
    """Names reach the page's <title> through the theme's `striptags`, which would turn
    `&lt;` back into `<`; the character itself is always the better spelling anyway."""
    if _CHARACTER_REFERENCE.search(name):
        raise ValueError("write the character itself, not an &...; reference")
    return name


Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80),
    Field(description="lowercase words joined by hyphens, e.g. united-arab-emirates"),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000, pattern=r"\S")]
Name = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200, pattern=r"^[^<>\n]+$"),
    AfterValidator(_without_character_references),
]
ShortQuote = Annotated[str, StringConstraints(min_length=1, max_length=400)]
HttpsUrl = Annotated[
    str,
    StringConstraints(pattern=r"^https://[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$", max_length=2000),
    Field(description="an https:// address"),
]
Domain = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")]
SourceIds = Annotated[
    tuple[Slug, ...],
    Field(min_length=1, description="ids of records in sources.yml that support this claim"),
]

SourceKind = Literal[
    "government",
    "treaty-text",
    "international-organization",
    "news-agency",
    "newspaper",
    "broadcaster",
    "research",
    "advocacy",
    "opinion",
]
Role = Literal["party", "broker", "member", "candidate", "context"]
StepKind = Literal[
    "recognized",
    "relations-established",
    "announced",
    "intent-declared",
    "signed",
    "ratified",
    "liaison-office-opened",
    "embassy-opened",
    "ambassador-appointed",
    "ambassador-recalled",
    "downgraded",
    "suspended",
    "resumed",
    "withdrawn",
    "relations-severed",
]
EventCategory = Literal[
    "agreement",
    "announcement",
    "diplomacy",
    "embassy",
    "economy",
    "security",
    "conflict",
    "summit",
    "statement",
]
DocumentKind = Literal[
    "declaration", "treaty", "joint-declaration", "joint-statement", "communique", "memorandum"
]


class Record(BaseModel):
    """Base of every model: frozen, strict types, unknown keys rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# --- sources -----------------------------------------------------------------------------


class Source(Record):
    """One item of the bibliography; claims cite it by id."""

    id: Slug = Field(description="the source's stable id, which claims cite")
    url: HttpsUrl = Field(description="https:// address of the original publication")
    title: Name = Field(description="the title the publisher gave it")
    publisher: Name = Field(description="who published it: a ministry, an agency, a newspaper")
    published: PartialDate = Field(description="publication date (YYYY-MM-DD, YYYY-MM or YYYY)")
    accessed: Day = Field(description="the day someone last checked it says what is cited")
    kind: SourceKind = Field(description="the kind of publisher")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")] = Field(
        default="en", description="ISO 639 code of the language it is written in"
    )
    archive_url: HttpsUrl | None = Field(default=None, description="a copy in a web archive")
    quote: ShortQuote | None = Field(
        default=None, description="a short quote (at most 400 characters) that supports a claim"
    )
    note: Text | None = Field(default=None, description="what a reader should know about it")


class SourcesFile(Record):
    """data/sources/<part>.yml: bibliography records and domains that may never be cited."""

    denied_domains: tuple[Domain, ...] = ()
    sources: tuple[Source, ...] = ()


# --- the accord ---------------------------------------------------------------------------


class Document(Record):
    """A text of the accord (a declaration, a treaty, a joint statement)."""

    id: Slug
    title: Name
    kind: DocumentKind
    date: PartialDate
    parties: tuple[Slug, ...] = Field(min_length=1)
    summary: Text
    sources: SourceIds


class StepMatch(Record):
    """Which status steps a counting rule looks for."""

    kind: StepKind
    document: Slug | None = None
    any_document: bool = False


class CountingRule(Record):
    """One definition of 'member', evaluated against every state's status history.

    A state counts from the first step matching `starts` until a later step matching `ends`.
    """

    id: Slug
    label: Name
    definition: Text
    roles: tuple[Role, ...] = Field(min_length=1)
    starts: tuple[StepMatch, ...] = Field(min_length=1)
    ends: tuple[StepMatch, ...] = ()
    sources: SourceIds


class AccordFile(Record):
    """data/accord.yml: the accord, its documents and its counting rules."""

    name: Name
    short_name: Name
    summary: Text
    sources: SourceIds
    documents: tuple[Document, ...] = Field(min_length=1)
    counting_rules: tuple[CountingRule, ...] = Field(min_length=1)
    default_rule: Slug


# --- states -------------------------------------------------------------------------------


class StatusStep(Record):
    """One dated change in a state's relationship to the accord or to its counterpart."""

    date: PartialDate = Field(description="when it happened (YYYY-MM-DD, YYYY-MM or YYYY)")
    kind: StepKind = Field(description="what changed, from a closed list of step kinds")
    note: Text = Field(description="what happened, in a sentence or two")
    document: Slug | None = Field(
        default=None, description="id of the accord document the step was taken under"
    )
    sources: SourceIds


class Term(Record):
    """Something the state gave or got in its deal."""

    side: Literal["gave", "got"]
    text: Text
    sources: SourceIds


class Position(Record):
    """One side of a contested claim, as stated by someone, with its sources."""

    holder: Name
    statement: Text
    date: PartialDate | None = None
    sources: SourceIds


class Claim(Record):
    """A question the sources answer differently; every position is shown."""

    id: Slug
    question: Text
    positions: tuple[Position, ...] = Field(min_length=2)
    reading: Text | None = Field(
        default=None, description="what the site concludes, and why; optional"
    )


class Evidence(Record):
    """A dated sign for or against a candidate joining."""

    date: PartialDate
    stance: Literal["for", "against", "mixed"]
    summary: Text
    sources: SourceIds


class StateFile(Record):
    """data/states/<slug>.yml: one state."""

    slug: Slug = Field(description="the state's id: also its file name and its page address")
    name: Name = Field(description="the state's short English name")
    iso2: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(
        default=None, description="ISO 3166-1 alpha-2 code"
    )
    iso3: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = Field(
        default=None, description="ISO 3166-1 alpha-3 code"
    )
    un_member: bool = Field(default=True, description="whether it is a UN member state")
    role: Role = Field(description="its part in the accord, e.g. party, member or candidate")
    summary: Text = Field(description="a paragraph on the state and the accord")
    sources: SourceIds
    status: tuple[StatusStep, ...] = ()
    terms: tuple[Term, ...] = ()
    claims: tuple[Claim, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    @field_validator("iso2")
    @classmethod
    def _check_iso2(cls, code: str | None) -> str | None:
        if code is not None and not is_valid_alpha2(code):
            raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 code (e.g. AE, KZ)")
        return code

    @field_validator("iso3")
    @classmethod
    def _check_iso3(cls, code: str | None) -> str | None:
        if code is not None and not is_valid_alpha3(code):
            raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-3 code (e.g. ARE, KAZ)")
        return code

    @model_validator(mode="after")
    def _check(self) -> StateFile:
        if self.un_member and (self.iso2 is None or self.iso3 is None):
            raise ValueError("a UN member needs iso2 and iso3 codes")
        return self


# --- events and series --------------------------------------------------------------------


class Event(Record):
    """One dated event on the timeline."""

    id: Slug = Field(description="the event's stable id: its anchor on the timeline page")
    date: PartialDate = Field(description="when it happened (YYYY-MM-DD, YYYY-MM or YYYY)")
    title: Name = Field(description="a one-line headline")
    summary: Text = Field(description="what happened")
    states: tuple[Slug, ...] = Field(default=(), description="slugs of the states involved")
    category: EventCategory = Field(description="the kind of event")
    sources: SourceIds


class EventsFile(Record):
    """data/events/<part>.yml: part of the timeline."""

    events: tuple[Event, ...] = Field(min_length=1)


class Observation(Record):
    """One value of a series, with the source that published it."""

    state: Slug = Field(description="slug of the state the value is about")
    year: int = Field(ge=1900, le=2100, description="the calendar year the value covers")
    months: int = Field(default=12, ge=1, le=12, description="months covered, from January")
    value: float = Field(strict=False, ge=0, description="the number, in the series' unit")
    note: Text | None = Field(default=None, description="what a reader should know about it")
    sources: SourceIds


class SeriesFile(Record):
    """data/series/<id>.yml: numbers for a chart; several sources may give the same year."""

    id: Slug = Field(description="the series' id: also its file name")
    title: Name = Field(description="what the series counts, as a chart title")
    unit: Name = Field(description="the unit of every value, e.g. US dollars")
    definition: Text = Field(description="how the numbers are defined and collected")
    observations: tuple[Observation, ...] = Field(min_length=1)
