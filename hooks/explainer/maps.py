"""The "as of" map: every state coloured (and marked) by its status under one counting rule,
with a frame for each date on which a status changed and a slider to move between them.

Countries are filled from the vendored 110m world map; every state also gets a marker at its
centroid, so small states without a 110m shape still show, and the marker's symbol carries
the status as well as its colour. Disputed territories from the settings are drawn on their
own and never as part of any state.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from explainer.assets import centroids, drawn_countries
from explainer.chartdata import (
    Chart,
    ChartOptions,
    Link,
    Table,
    base_layout,
    hover_text,
    human,
    iso,
    join_names,
    plural,
)
from explainer.dataset import Dataset
from explainer.models import CountingRule, StateFile
from explainer.pages import state_page_path
from explainer.text import ROLE_LABELS, STEP_LABELS


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    colour: str
    symbol: str


CATEGORIES = (
    Category("counts", "Counts as a member", "#0072B2", "circle"),
    Category("left", "No longer counts", "#D55E00", "x"),
    Category("not-counting", "Does not count", "#999999", "triangle-up"),
    Category("candidate", ROLE_LABELS["candidate"], "#E69F00", "diamond"),
    Category("party", ROLE_LABELS["party"], "#009E73", "star"),
    Category("broker", ROLE_LABELS["broker"], "#CC79A7", "square"),
    Category("disputed", "Disputed territory, shown separately", "#F0E442", "hexagon-open"),
)
_BY_KEY = {c.key: c for c in CATEGORIES}
HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>"
# What differs between frames; the rest of each trace stays as first drawn.
_FRAME_KEYS = ("locations", "z", "lon", "lat", "customdata")


def status_on(dataset: Dataset, rule: CountingRule, state: StateFile, day: dt.date) -> str:
    """The map category of a state on a day."""
    if state.role in ("party", "broker"):
        return state.role
    if dataset.counts_under(rule, state, day):
        return "counts"
    if any(
        dataset.counts_under(rule, state, s.date.start) for s in state.status if s.date.start <= day
    ):
        return "left"
    return "candidate" if state.role == "candidate" else "not-counting"


def _latest_step(state: StateFile, day: dt.date) -> str:
    steps = [s for s in state.status if s.date.start <= day]
    if not steps:
        return "No status steps yet"
    return f"{STEP_LABELS[steps[-1].kind]}, {steps[-1].date.human()}"


def build_map(dataset: Dataset, options: ChartOptions) -> Chart:
    """The map of statuses, as of each status change date."""
    rule = dataset.rule(options.map_rule or dataset.accord.default_rule)
    dates = sorted({*dataset.change_dates(), dataset.as_of})
    shapes, points = drawn_countries(), centroids()
    mapped = [s for s in dataset.states if s.iso3 and (s.iso3 in shapes or s.iso3 in points)]
    frames = [_frame(dataset, rule, mapped, options, day, shapes, points) for day in dates]
    used = [c for c in CATEGORIES if any(frame["used"][c.key] for frame in frames)]
    data = [_traces(frame, used) for frame in frames]
    names = [iso(day) for day in dates]
    figure = {
        "data": data[-1],
        "layout": _layout(rule, dataset, dates, names),
        "frames": [{"name": n, "data": _changing(d)} for n, d in zip(names, data, strict=True)],
    }
    members = [s.name for s in dataset.members(rule)]
    summary = (
        f"As of {dataset.newest_evidence.human()}, {plural(len(members), 'state')} "
        f"{'counts' if len(members) == 1 else 'count'} as members under “{rule.label}”"
        f"{': ' + join_names(members) if members else ''}; the slider shows the map on each of "
        f"the {plural(len(dates), 'date')} on which a status changed."
    )
    missing = [s.name for s in dataset.states if s not in mapped]
    note = f"Not on the map (no shape in the map data): {join_names(missing)}." if missing else ""
    if options.disputed:
        disputed = join_names([t.name for t in options.disputed])
        note = f"{note} {disputed}: disputed, shown on its own (see the map policy).".strip()
    return Chart("map", "Status map, as of any date", summary, figure,
                 _table(dataset, rule, dates, options), note)  # fmt: skip


def _frame(
    dataset: Dataset,
    rule: CountingRule,
    states: list[StateFile],
    options: ChartOptions,
    day: dt.date,
    shapes: frozenset[str],
    points: dict[str, tuple[float, float]],
) -> dict[str, Any]:
    used: dict[str, list[tuple[str, str, list[str]]]] = {c.key: [] for c in CATEGORIES}
    for state in states:
        key = status_on(dataset, rule, state, day)
        hover = [hover_text(state.name), _BY_KEY[key].label, hover_text(_latest_step(state, day))]
        used[key].append((str(state.iso3), state.slug, hover))
    for territory in options.disputed:
        hover = [hover_text(territory.name), _BY_KEY["disputed"].label, hover_text(territory.note)]
        used["disputed"].append((territory.iso3, "", hover))
    return {"used": used, "shapes": shapes, "points": points}


def _traces(frame: dict[str, Any], used: list[Category]) -> list[dict[str, Any]]:
    """Per category, a filled-country trace and a marker trace (same order in every frame)."""
    traces: list[dict[str, Any]] = []
    shapes, points = frame["shapes"], frame["points"]
    for category in used:
        rows = frame["used"][category.key]
        filled = [r for r in rows if r[0] in shapes]
        marked = [r for r in rows if r[0] in points]
        traces.append({
            "type": "choropleth", "locationmode": "ISO-3", "name": category.label,
            "locations": [r[0] for r in filled], "z": [1] * len(filled),
            "customdata": [[r[1], *r[2]] for r in filled],
            "colorscale": [[0, category.colour], [1, category.colour]], "showscale": False,
            "zmin": 0, "zmax": 1, "marker": {"line": {"width": 0.6, "color": "#ffffff"}},
            "hovertemplate": HOVER,
            "legendgroup": category.key, "showlegend": False,
        })  # fmt: skip
        traces.append({
            "type": "scattergeo", "mode": "markers", "name": category.label,
            "lon": [points[r[0]][0] for r in marked], "lat": [points[r[0]][1] for r in marked],
            "customdata": [[r[1], *r[2]] for r in marked],
            "marker": {"symbol": category.symbol, "size": 9, "color": category.colour,
                       "line": {"width": 1, "color": "#333333"}},
            "hovertemplate": HOVER,
            "legendgroup": category.key, "showlegend": True,
        })  # fmt: skip
    return traces


def _day_label(dataset: Dataset, day: dt.date) -> str:
    """A change date as precisely as the data gives it: '6 Nov 2025', 'Nov 2025' or '2025'."""
    dates = [s.date for st in dataset.states for s in st.status if s.date.start == day]
    if dataset.newest_evidence.start == day:
        dates.append(dataset.newest_evidence)
    order = {"day": 0, "month": 1, "year": 2}
    return min(dates, key=lambda d: order[d.precision]).human() if dates else human(day)


def _changing(traces: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in trace.items() if k in _FRAME_KEYS} for trace in traces]


def _layout(
    rule: CountingRule, dataset: Dataset, dates: list[dt.date], names: list[str]
) -> dict[str, Any]:
    steps = [
        {
            "label": _day_label(dataset, day),
            "method": "animate",
            "args": [[name], {"mode": "immediate", "frame": {"duration": 0, "redraw": True},
                              "transition": {"duration": 0}}],
        }
        for day, name in zip(dates, names, strict=True)
    ]  # fmt: skip
    slider = {
        "active": len(steps) - 1,
        "steps": steps,
        "x": 0.02, "len": 0.96, "y": 0, "yanchor": "top", "pad": {"t": 10, "b": 10},
        "currentvalue": {"prefix": "As of ", "visible": True, "xanchor": "left",
                         "font": {"size": 14}},
        "font": {"color": "rgba(0,0,0,0)", "size": 8},  # one label per step would overlap
        "ticklen": 4, "minorticklen": 0,
    }  # fmt: skip
    return base_layout(
        520,
        geo={
            "projection": {"type": "natural earth"},
            "showframe": False, "showcountries": True, "showland": True, "showlakes": False,
            "showcoastlines": False, "fitbounds": False, "resolution": 110, "scope": "world",
            "lataxis": {"range": [-40, 75]},
        },
        sliders=[slider],
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0,
                "title": {"text": f"Under “{hover_text(rule.label)}”:"}},
        margin={"l": 0, "r": 0, "t": 40, "b": 70},
    )  # fmt: skip


def _table(
    dataset: Dataset, rule: CountingRule, dates: list[dt.date], options: ChartOptions
) -> Table:
    """One row per state and date on which its map category changed, then the territories."""
    rows: list[tuple[Link | str, str, str]] = []
    for state in dataset.states:
        previous = None
        for day in dates:
            key = status_on(dataset, rule, state, day)
            if key != previous:
                link = Link(state.name, state_page_path(state.slug), state.slug)
                rows.append((link, iso(day), _BY_KEY[key].label))
                previous = key
    rows.sort(key=lambda row: (str(row[1]), str(row[0])))
    rows += [(t.name, iso(dates[0]), _BY_KEY["disputed"].label) for t in options.disputed]
    return Table(("State", "From", "Status on the map"), tuple(rows))
