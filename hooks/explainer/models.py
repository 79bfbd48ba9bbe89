"""Frozen models of a treaty dataset and their invariants. No I/O happens here.

One model per kind of data file (`AccordFile`, `SourcesFile`, `StateFile`, `EventsFile`,
`SeriesFile`) plus the records inside them. Unknown keys are rejected everywhere.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from explainer.dates import Day, PartialDate
from explainer.iso import is_valid_alpha2, is_valid_alpha3

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80),
    Field(description="lowercase words joined by hyphens, e.g. united-arab-emirates"),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000, pattern=r"\S")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^<>\n]+$")]
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

    id: Slug
    url: HttpsUrl
    title: Name
    publisher: Name
    published: PartialDate
    accessed: Day
    kind: SourceKind
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")] = "en"
    archive_url: HttpsUrl | None = None
    quote: ShortQuote | None = None
    note: Text | None = None


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

    date: PartialDate
    kind: StepKind
    note: Text
    document: Slug | None = None
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

    slug: Slug
    name: Name
    iso2: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    iso3: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None
    un_member: bool = True
    role: Role
    summary: Text
    sources: SourceIds
    status: tuple[StatusStep, ...] = ()
    terms: tuple[Term, ...] = ()
    claims: tuple[Claim, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> StateFile:
        if self.iso2 is not None and not is_valid_alpha2(self.iso2):
            raise ValueError(f"iso2 {self.iso2!r} is not an ISO 3166-1 alpha-2 code")
        if self.iso3 is not None and not is_valid_alpha3(self.iso3):
            raise ValueError(f"iso3 {self.iso3!r} is not an ISO 3166-1 alpha-3 code")
        if self.un_member and (self.iso2 is None or self.iso3 is None):
            raise ValueError("a UN member needs iso2 and iso3 codes")
        return self


# --- events and series --------------------------------------------------------------------


class Event(Record):
    """One dated event on the timeline."""

    id: Slug
    date: PartialDate
    title: Name
    summary: Text
    states: tuple[Slug, ...] = ()
    category: EventCategory
    sources: SourceIds


class EventsFile(Record):
    """data/events/<part>.yml: part of the timeline."""

    events: tuple[Event, ...] = Field(min_length=1)


class Observation(Record):
    """One value of a series, with the source that published it."""

    state: Slug
    year: int = Field(ge=1900, le=2100)
    months: int = Field(default=12, ge=1, le=12, description="months covered, from January")
    value: float = Field(strict=False, ge=0)
    note: Text | None = None
    sources: SourceIds


class SeriesFile(Record):
    """data/series/<id>.yml: numbers for a chart; several sources may give the same year."""

    id: Slug
    title: Name
    unit: Name
    definition: Text
    observations: tuple[Observation, ...] = Field(min_length=1)
