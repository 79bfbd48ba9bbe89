"""The dataset as flat tables: columns typed and described from the models, rows as cells.

One `Table` per CSV download. A column takes its type and meaning from a model field, so
the CSV header, the codebook on the data page and `datapackage.json` cannot disagree
with the models.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from explainer.dataset import Dataset
from explainer.dates import _JSON_PATTERN, Day, PartialDate
from explainer.models import Event, Observation, SeriesFile, Source, StateFile, StatusStep

LIST_SEPARATOR = ";"
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    """One CSV column: its name, Frictionless type, meaning, and whether it is required."""

    name: str
    type: str
    description: str
    required: bool = True
    constraints: tuple[tuple[str, Any], ...] = ()

    def frictionless(self) -> dict[str, Any]:
        """The Table Schema field descriptor."""
        constraints = {"required": self.required, **dict(self.constraints)}
        field = {"name": self.name, "type": self.type, "description": self.description}
        return {**field, "constraints": constraints}


@dataclass(frozen=True)
class Table:
    """One CSV download: where it goes, what it holds, its columns and how to get its rows."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[Dataset], Iterator[Row]]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, table, column there)

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def cells(self, dataset: Dataset) -> Iterator[list[str]]:
        for row in self.rows(dataset):
            yield [to_cell(row[column.name]) for column in self.columns]


def neutralise(text: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would run as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_cell(value: Any) -> str:
    """A value as CSV text: dates as written, lists joined, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, float):
        return repr(value).removesuffix(".0")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, tuple):
        return neutralise(LIST_SEPARATOR.join(str(item) for item in value))
    return neutralise(str(value))


# --- columns from model fields --------------------------------------------------------


def column(
    model: type[BaseModel], field: str, name: str | None = None, description: str | None = None
) -> Column:
    """A column typed and described by `model.field`; required when every row has a value."""
    info = model.model_fields[field]
    annotation, optional = _unwrap_optional(info.annotation)
    kind, constraints = _frictionless_type(annotation)
    description = description or info.description or ""
    if kind == "list":
        kind = "string"
        description += f" (several are separated by '{LIST_SEPARATOR}')"
    required = not optional and info.default not in (None, ())
    return Column(name or field, kind, description, required, constraints)


def columns(model: type[BaseModel], *fields: str) -> tuple[Column, ...]:
    return tuple(column(model, field) for field in fields)


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [arg for arg in get_args(annotation) if arg is not type(None)]
        return args[0], len(args) < len(get_args(annotation))
    return annotation, False


def _frictionless_type(annotation: Any) -> tuple[str, tuple[tuple[str, Any], ...]]:
    if get_origin(annotation) is Annotated:
        return _frictionless_type(get_args(annotation)[0])
    if get_origin(annotation) is Literal:
        return "string", (("enum", list(get_args(annotation))),)
    if get_origin(annotation) is tuple:
        return "list", ()
    if annotation is Day:
        return "date", ()
    if annotation is PartialDate:
        return "string", (("pattern", _JSON_PATTERN.strip("^$")),)
    simple = {bool: "boolean", int: "integer", float: "number", str: "string"}
    if annotation in simple:
        return simple[annotation], ()
    raise TypeError(f"no CSV type for {annotation!r}; add one to tables._frictionless_type")


# --- the tables ------------------------------------------------------------------------


def _state_rows(dataset: Dataset) -> Iterator[Row]:
    for state in dataset.states:
        yield {name: getattr(state, name) for name in STATE_FIELDS}


def _status_rows(dataset: Dataset) -> Iterator[Row]:
    for state in dataset.states:
        for number, step in enumerate(state.status, start=1):
            yield {"state": state.slug, "step": number, **dict(step)}


def _event_rows(dataset: Dataset) -> Iterator[Row]:
    for event in dataset.events_in_order():
        yield dict(event)


def _series_rows(dataset: Dataset) -> Iterator[Row]:
    for series in dataset.series:
        for obs in series.observations:
            yield {"series": series.id, "unit": series.unit, **dict(obs)}


def _source_rows(dataset: Dataset) -> Iterator[Row]:
    for source in sorted(dataset.sources, key=lambda s: s.id):
        yield dict(source)


STATE_FIELDS = ("slug", "name", "iso2", "iso3", "un_member", "role", "summary", "sources")
STEP_FIELDS = ("date", "kind", "note", "document", "sources")
EVENT_FIELDS = ("id", "date", "title", "summary", "states", "category", "sources")
OBSERVATION_FIELDS = ("state", "year", "months", "value", "note", "sources")
SOURCE_FIELDS = tuple(Source.model_fields)

TABLES: tuple[Table, ...] = (
    Table(
        "states",
        "States",
        "One row per state: who it is and its part in the accord.",
        columns(StateFile, *STATE_FIELDS),
        _state_rows,
        primary_key=("slug",),
    ),
    Table(
        "status",
        "Status history",
        "One row per status step: every dated change in a state's relationship to the "
        "accord, in the order of each state's history.",
        (
            column(StateFile, "slug", "state", "slug of the state whose history this is"),
            Column("step", "integer", "the step's place in the state's history, from 1"),
            *columns(StatusStep, *STEP_FIELDS),
        ),
        _status_rows,
        primary_key=("state", "step"),
        foreign_keys=(("state", "states", "slug"),),
    ),
    Table(
        "events",
        "Timeline events",
        "One row per event on the timeline, oldest first.",
        columns(Event, *EVENT_FIELDS),
        _event_rows,
        primary_key=("id",),
    ),
    Table(
        "series",
        "Series values",
        "One row per value of a numeric series; several sources may give the same year.",
        (
            column(SeriesFile, "id", "series"),
            column(SeriesFile, "unit"),
            *columns(Observation, *OBSERVATION_FIELDS),
        ),
        _series_rows,
        foreign_keys=(("state", "states", "slug"),),
    ),
    Table(
        "sources",
        "Sources",
        "The bibliography: one row per source that some claim cites.",
        columns(Source, *SOURCE_FIELDS),
        _source_rows,
        primary_key=("id",),
    ),
)
