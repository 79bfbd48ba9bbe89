"""What every chart is made of: a plotly figure, a title, a summary and its data table.

Also the chart options read from the site settings, and the small layout helpers every
figure builder shares. Figures use no plotly template: the browser applies the theme.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from explainer.dates import PartialDate

# Okabe-Ito colours: distinguishable with colour-blindness, readable on light and dark.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
SYMBOLS = (
    "circle", "square", "diamond", "triangle-up", "x", "star", "triangle-down", "pentagon",
    "hexagon", "cross", "star-diamond", "hourglass",
)  # fmt: skip
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")


@dataclass(frozen=True)
class Link:
    """A table cell that links to a page; plotted points carry `key` to follow the same link."""

    text: str
    page: str
    key: str
    anchor: str = ""

    def __str__(self) -> str:
        return self.text


Cell = str | int | float | Link


@dataclass(frozen=True)
class Table:
    """The chart's data: shown under the chart and written as its CSV file."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Chart:
    """One registered chart. `figure` is plotly's JSON shape (data, layout, frames)."""

    id: str
    title: str
    summary: str
    figure: dict[str, Any]
    table: Table
    note: str = ""
    series: str | None = None


@dataclass(frozen=True)
class Territory:
    """An area the map shows on its own, never as part of a state (see the map policy)."""

    iso3: str
    name: str
    note: str


@dataclass(frozen=True)
class ChartOptions:
    """Site settings for charts: `extra.explainer.charts` in the site config."""

    map_rule: str | None = None
    trade_series: str | None = None
    disputed: tuple[Territory, ...] = field(default=())

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ChartOptions:
        charts = settings.get("charts") or {}
        unknown = set(charts) - {"map_rule", "trade_series", "disputed"}
        if unknown:
            raise ValueError(f"unknown chart settings: {', '.join(sorted(unknown))}")
        disputed = tuple(
            Territory(str(t["iso3"]), str(t["name"]), str(t.get("note", "")))
            for t in charts.get("disputed") or ()
        )
        return cls(charts.get("map_rule"), charts.get("trade_series"), disputed)


# --- shared helpers ---------------------------------------------------------------------


def hover_text(text: object, width: int = 70) -> str:
    """Data text for a plotly hover label: escaped (plotly reads tags), wrapped with <br>."""
    lines = textwrap.wrap(" ".join(str(text).split()), width) or [""]
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def iso(day: dt.date) -> str:
    return day.isoformat()


def human(day: dt.date) -> str:
    return PartialDate(day.year, day.month, day.day).human()


def join_names(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural_noun or noun + 's'}"


def base_layout(height: int, **extra: Any) -> dict[str, Any]:
    """A template-free layout; colours come from the page's theme in the browser."""
    layout: dict[str, Any] = {
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13},
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        "dragmode": False,
    }
    layout.update(extra)
    return layout


def date_axis(**extra: Any) -> dict[str, Any]:
    return {"type": "date", "automargin": True, "showgrid": True, "zeroline": False, **extra}


def category_axis(order: Sequence[str], **extra: Any) -> dict[str, Any]:
    return {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": list(order),
        "automargin": True,
        "showgrid": True,
        "zeroline": False,
        "fixedrange": True,
        **extra,
    }
