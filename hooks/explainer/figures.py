"""Charts built from the validated dataset: one build_<chart>() per chart, and the registry.

Chart ids are stable (they name CSV files and markers): `map`, `accession`, `members`,
`trade`, `events`, and per state `state-<slug>-status` and `state-<slug>-trade`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from explainer.chartdata import (
    COLOURS,
    DASHES,
    SYMBOLS,
    Chart,
    ChartOptions,
    Link,
    Table,
    base_layout,
    category_axis,
    date_axis,
    hover_text,
    human,
    iso,
    join_names,
    plural,
)
from explainer.dataset import Dataset
from explainer.maps import build_map
from explainer.models import Observation, SeriesFile, StateFile, StatusStep
from explainer.pages import state_page_path
from explainer.text import STEP_LABELS

# Steps the accession timeline marks; relations are drawn as bars between these.
ACCESSION_STEPS = (
    "relations-established", "announced", "intent-declared", "signed", "embassy-opened",
    "relations-severed",
)  # fmt: skip
JOINING_STEPS = ("announced", "intent-declared", "signed")
TIMELINE_PAGE = "timeline.md"


def build_charts(dataset: Dataset, options: ChartOptions | None = None) -> dict[str, Chart]:
    """Every chart of the site, by id, in a stable order."""
    options = options or ChartOptions()
    charts = [build_map(dataset, options), build_accession_chart(dataset),
              build_members_chart(dataset), build_events_chart(dataset)]  # fmt: skip
    series = trade_series(dataset, options)
    if series is not None:
        charts.append(build_trade_chart(dataset, series))
    for state in dataset.states:
        if state.status:
            charts.append(build_state_status_chart(dataset, state))
        if series is not None and any(o.state == state.slug for o in series.observations):
            charts.append(build_trade_chart(dataset, series, state))
    return {chart.id: chart for chart in charts}


def trade_series(dataset: Dataset, options: ChartOptions) -> SeriesFile | None:
    """The series the trade charts show: the configured one, else the first in the data."""
    if options.trade_series is None:
        return dataset.series[0] if dataset.series else None
    for series in dataset.series:
        if series.id == options.trade_series:
            return series
    known = ", ".join(s.id for s in dataset.series) or "none"
    raise ValueError(f"charts.trade_series {options.trade_series!r} is not a series ({known})")


def _customdata(key: str, *texts: str) -> list[str]:
    return [key, *texts]


# --- accession timeline -----------------------------------------------------------------


def accession_states(dataset: Dataset) -> list[StateFile]:
    """States a counting rule can count and that have a joining step, earliest joiner first."""
    roles = {role for rule in dataset.accord.counting_rules for role in rule.roles}
    found = [s for s in dataset.states if s.role in roles and _joined(s) is not None]
    return sorted(found, key=lambda s: (_joined_start(s), s.name))


def _joined(state: StateFile) -> StatusStep | None:
    return next((s for s in state.status if s.kind in JOINING_STEPS), None)


def _joined_start(state: StateFile) -> dt.date:
    step = _joined(state)
    return step.date.start if step else dt.date.max


def relations_before(state: StateFile) -> dt.date | None:
    """When relations were established before the state's first joining step, if they were."""
    joined = _joined(state)
    for step in state.status:
        if step.kind == "relations-established" and joined and step.date.start < joined.date.start:
            return step.date.start
    return None


def _years_between(start: dt.date, end: dt.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def _relation_spans(state: StateFile, until: dt.date) -> list[tuple[dt.date, dt.date]]:
    spans, opened = [], None
    for step in state.status:
        if step.kind == "relations-established" and opened is None:
            opened = step.date.start
        elif step.kind == "relations-severed" and opened is not None:
            spans.append((opened, step.date.start))
            opened = None
    return [*spans, (opened, until)] if opened is not None else spans


def build_accession_chart(dataset: Dataset) -> Chart:
    """One row per joining state: relations as a bar, joining steps and embassies as markers."""
    states = accession_states(dataset)
    rows = [s.name for s in states]
    bar_x: list[str | None] = []
    bar_y: list[str | None] = []
    for state in states:
        for start, end in _relation_spans(state, dataset.as_of):
            bar_x += [iso(start), iso(end), None]
            bar_y += [state.name, state.name, None]
    data: list[dict[str, Any]] = [{
        "type": "scatter", "mode": "lines", "name": "Diplomatic relations", "x": bar_x, "y": bar_y,
        "line": {"width": 14, "color": "rgba(86,180,233,0.55)"}, "hoverinfo": "skip",
    }]  # fmt: skip
    table_rows = []
    for index, kind in enumerate(ACCESSION_STEPS):
        points = [(s, step) for s in states for step in s.status if step.kind == kind]
        if not points:
            continue
        data.append({
            "type": "scatter", "mode": "markers", "name": STEP_LABELS[kind],
            "x": [iso(step.date.start) for _, step in points], "y": [s.name for s, _ in points],
            "marker": {"symbol": SYMBOLS[index], "size": 12, "color": COLOURS[index],
                       "line": {"width": 1, "color": "#333333"}},
            "customdata": [_customdata(s.slug, f"{hover_text(s.name)}", step.date.human(),
                                       hover_text(step.note)) for s, step in points],
            "hovertemplate": f"<b>%{{customdata[1]}}</b><br>{STEP_LABELS[kind]}, "
                             "%{customdata[2]}<br>%{customdata[3]}<extra></extra>",
        })  # fmt: skip
        table_rows += [(Link(s.name, state_page_path(s.slug), s.slug), step.date.iso(),
                        STEP_LABELS[kind]) for s, step in points]  # fmt: skip
    data.append(_no_relations_labels(states))
    table_rows.sort(key=lambda r: (rows.index(str(r[0])), str(r[1])))
    layout = base_layout(
        140 + 48 * len(rows),
        xaxis=date_axis(range=[_year_before(states), iso(dataset.as_of + dt.timedelta(days=200))]),
        yaxis=category_axis(list(reversed(rows))),
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    return Chart("accession", "Relations before joining, and the steps of joining",
                 _accession_summary(dataset, states), {"data": data, "layout": layout},
                 Table(("State", "Date", "Step"), tuple(table_rows)))  # fmt: skip


def _year_before(states: list[StateFile]) -> str:
    starts = [s.date.start for st in states for s in st.status if s.kind in ACCESSION_STEPS]
    first = min(starts, default=dt.date.today())
    return f"{first.year - 1}-07-01"


def _no_relations_labels(states: list[StateFile]) -> dict[str, Any]:
    without = [s for s in states if relations_before(s) is None]
    return {
        "type": "scatter", "mode": "text", "name": "No formal relations before joining",
        "x": [iso(_joined_start(s)) for s in without], "y": [s.name for s in without],
        "text": ["no formal relations before  " for _ in without],
        "textposition": "middle left", "textfont": {"size": 11}, "hoverinfo": "skip",
        "showlegend": False,
    }  # fmt: skip


def _accession_summary(dataset: Dataset, states: list[StateFile]) -> str:
    before, without = [], []
    for state in states:
        since = relations_before(state)
        if since is None:
            without.append(state.name)
        else:
            years = _years_between(since, _joined_start(state))
            before.append(f"{state.name} had {plural(years, 'year')} of diplomatic relations")
    parts = []
    if before:
        parts.append(f"{join_names(before)} before announcing it would join")
    if without:
        verb = "has" if len(without) == 1 else "had"
        parts.append(f"{join_names(without)} {verb} no formal relations before joining")
    if not parts:
        return "No state in the data has a joining step yet."
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."


# --- members over time ------------------------------------------------------------------


def build_members_chart(dataset: Dataset) -> Chart:
    """One step line per counting rule: how many states count on each change date."""
    days = sorted({*dataset.change_dates(), dataset.as_of})
    rules = dataset.accord.counting_rules
    counts = {r.id: [len(dataset.members(r, on=day)) for day in days] for r in rules}
    data = []
    for index, rule in enumerate(rules):
        names = [
            hover_text(join_names([s.name for s in dataset.members(rule, on=day)]) or "none")
            for day in days
        ]
        data.append({
            "type": "scatter", "mode": "lines+markers", "name": rule.label,
            "x": [iso(d) for d in days], "y": counts[rule.id],
            "line": {"shape": "hv", "dash": DASHES[index % len(DASHES)], "width": 2.5,
                     "color": COLOURS[index % len(COLOURS)]},
            "marker": {"symbol": SYMBOLS[index % len(SYMBOLS)], "size": 8},
            "customdata": [[human(d), n] for d, n in zip(days, names, strict=True)],
            "hovertemplate": f"<b>{hover_text(rule.label)}</b>, %{{customdata[0]}}: "
                             "%{y}<br>%{customdata[1]}<extra></extra>",
        })  # fmt: skip
    layout = base_layout(
        380,
        xaxis=date_axis(),
        yaxis={"title": {"text": "States counted"}, "rangemode": "tozero", "dtick": 1,
               "automargin": True, "fixedrange": True},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
    )  # fmt: skip
    latest = join_names([f"{counts[r.id][-1]} under “{r.label}”" for r in rules])
    summary = (
        f"As of {dataset.newest_evidence.human()}, the count of members depends on the rule: "
        f"{latest}; "
        f"each line steps on the {plural(len(days), 'date')} on which a status changed."
    )
    table = Table(
        ("Date", *(r.label for r in rules)),
        tuple((iso(d), *(counts[r.id][i] for r in rules)) for i, d in enumerate(days)),
    )
    return Chart("members", "Members over time, by counting rule", summary,
                 {"data": data, "layout": layout}, table)  # fmt: skip


# --- events -----------------------------------------------------------------------------


def build_events_chart(dataset: Dataset) -> Chart:
    """Every event by date and category; a click opens the event on the timeline page."""
    events = dataset.events_in_order()
    order = list(dict.fromkeys(sorted(e.category for e in events)))
    data = []
    for index, category in enumerate(order):
        chosen = [e for e in events if e.category == category]
        data.append({
            "type": "scatter", "mode": "markers", "name": category,
            "x": [iso(e.date.start) for e in chosen], "y": [category] * len(chosen),
            "marker": {"symbol": SYMBOLS[index % len(SYMBOLS)], "size": 11,
                       "color": COLOURS[index % len(COLOURS)], "opacity": 0.85,
                       "line": {"width": 1, "color": "#333333"}},
            "customdata": [_customdata(e.id, e.date.human(), hover_text(e.title)) for e in chosen],
            "hovertemplate": "<b>%{customdata[2]}</b><br>%{customdata[1]} · "
                             f"{category}<extra></extra>",
            "showlegend": False,
        })  # fmt: skip
    layout = base_layout(140 + 36 * len(order), xaxis=date_axis(),
                         yaxis=category_axis(list(reversed(order))))  # fmt: skip
    common = Counter(e.category for e in events).most_common(1)
    summary = "There are no events in the data yet."
    if events:
        summary = (
            f"{plural(len(events), 'event')} from {events[0].date.human()} to "
            f"{events[-1].date.human()}; the most frequent category is {common[0][0]} "
            f"({common[0][1]})."
        )
    rows = tuple(
        (e.date.iso(), e.category, Link(e.title, TIMELINE_PAGE, e.id, anchor=e.id)) for e in events
    )
    return Chart("events", "Events by date and category", summary,
                 {"data": data, "layout": layout},
                 Table(("Date", "Category", "Event"), rows))  # fmt: skip


# --- trade (or any series) --------------------------------------------------------------


def build_trade_chart(
    dataset: Dataset, series: SeriesFile, state: StateFile | None = None
) -> Chart:
    """Each source's figure for each year as its own point: never averaged."""
    observations = [o for o in series.observations if state is None or o.state == state.slug]
    observations.sort(key=lambda o: (dataset.state(o.state).name, o.year, o.months))
    groups: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    for obs in observations:
        groups[(obs.state, _publisher(dataset, obs))].append(obs)
    state_order = list(dict.fromkeys(o.state for o in observations))
    data = [_series_trace(dataset, series, key, rows, state_order, state is None)
            for key, rows in groups.items()]  # fmt: skip
    layout = base_layout(
        420,
        xaxis={"title": {"text": "Year"}, "dtick": 1, "automargin": True, "fixedrange": True},
        yaxis={"title": {"text": hover_text(series.unit)}, "rangemode": "tozero",
               "automargin": True, "fixedrange": True},
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
    )  # fmt: skip
    chart_id = "trade" if state is None else f"state-{state.slug}-trade"
    title = series.title if state is None else f"{series.title}: {state.name}"
    table = Table(
        ("State", "Year", "Months", f"Value ({series.unit})", "Source", "Note"),
        tuple((Link(dataset.state(o.state).name, state_page_path(o.state), o.state), o.year,
               o.months, o.value, _publisher(dataset, o), o.note or "") for o in observations),
    )  # fmt: skip
    return Chart(chart_id, title, _series_summary(dataset, series, observations, state),
                 {"data": data, "layout": layout}, table, series=series.id)  # fmt: skip


def _publisher(dataset: Dataset, obs: Observation) -> str:
    return "; ".join(dict.fromkeys(dataset.source(s).publisher for s in obs.sources))


def _series_trace(
    dataset: Dataset,
    series: SeriesFile,
    key: tuple[str, str],
    rows: list[Observation],
    state_order: list[str],
    by_state: bool,
) -> dict[str, Any]:
    slug, publisher = key
    name = dataset.state(slug).name
    index = state_order.index(slug) if by_state else len(state_order)
    mine = {(o.state, _publisher(dataset, o)) for o in series.observations if o.state == slug}
    sources = sorted(mine)
    symbol = SYMBOLS[sources.index(key) % len(SYMBOLS)]
    colour = COLOURS[(index if by_state else sources.index(key)) % len(COLOURS)]
    years = [o.year for o in rows]
    return {
        "type": "scatter",
        "mode": "lines+markers" if len(set(years)) == len(years) > 1 else "markers",
        "name": f"{name} · {hover_text(publisher)}" if by_state else hover_text(publisher),
        "x": years, "y": [o.value for o in rows],
        "line": {"color": colour, "width": 1.5, "dash": "dot"},
        "marker": {"color": colour, "size": 10, "line": {"width": 1, "color": colour},
                   "symbol": [symbol if o.months == 12 else f"{symbol}-open" for o in rows]},
        "customdata": [_customdata(o.state if by_state else "", hover_text(name),
                                   _period(o), hover_text(_sources_line(dataset, o)),
                                   hover_text(o.note or series.definition)) for o in rows],
        "hovertemplate": "<b>%{customdata[1]}</b>, %{customdata[2]}: %{y:,.1f} "
                         f"{hover_text(series.unit)}<br>%{{customdata[3]}}<br>"
                         "%{customdata[4]}<extra></extra>",
    }  # fmt: skip


def _period(obs: Observation) -> str:
    return str(obs.year) if obs.months == 12 else f"{obs.year}, first {obs.months} months only"


def _sources_line(dataset: Dataset, obs: Observation) -> str:
    titles = [f"{dataset.source(s).publisher}: {dataset.source(s).title}" for s in obs.sources]
    return "Source: " + "; ".join(titles)


def _series_summary(
    dataset: Dataset, series: SeriesFile, rows: list[Observation], state: StateFile | None
) -> str:
    if not rows:
        return "No figures in the data."
    years = sorted({o.year for o in rows})
    per_year = Counter((o.state, o.year) for o in rows)
    disputed = sum(1 for n in per_year.values() if n > 1)
    publishers = {_publisher(dataset, o) for o in rows}
    who = state.name if state else plural(len({o.state for o in rows}), "state")
    text = (
        f"{plural(len(rows), 'figure')} for {who}, {years[0]}–{years[-1]}, from "
        f"{plural(len(publishers), 'publisher')}"
    )
    if disputed:
        text += f"; {plural(disputed, 'state-year')} {'has' if disputed == 1 else 'have'} "
        text += "figures from more than one source, each shown separately and never averaged"
    return text + "."


# --- one state's status history ---------------------------------------------------------


def build_state_status_chart(dataset: Dataset, state: StateFile) -> Chart:
    """A small timeline of one state's status steps, one row per kind of step."""
    kinds = list(dict.fromkeys(step.kind for step in state.status))
    data = []
    for kind in kinds:
        index = list(STEP_LABELS).index(kind)
        steps = [s for s in state.status if s.kind == kind]
        data.append({
            "type": "scatter", "mode": "markers", "name": STEP_LABELS[kind],
            "x": [iso(s.date.start) for s in steps], "y": [STEP_LABELS[kind]] * len(steps),
            "marker": {"symbol": SYMBOLS[index % len(SYMBOLS)], "size": 12,
                       "color": COLOURS[index % len(COLOURS)],
                       "line": {"width": 1, "color": "#333333"}},
            "customdata": [_customdata("", s.date.human(), hover_text(s.note)) for s in steps],
            "hovertemplate": f"<b>{STEP_LABELS[kind]}</b>, %{{customdata[1]}}<br>"
                             "%{customdata[2]}<extra></extra>",
            "showlegend": False,
        })  # fmt: skip
    order = [STEP_LABELS[k] for k in reversed(kinds)]
    layout = base_layout(90 + 34 * len(kinds), xaxis=date_axis(), yaxis=category_axis(order))
    first, last = state.status[0], state.status[-1]
    summary = (
        f"{state.name}: {plural(len(state.status), 'status step')} from {first.date.human()} "
        f"to {last.date.human()}; the latest is “{STEP_LABELS[last.kind]}” ({last.date.human()})."
    )
    rows = tuple(
        (s.date.iso(), STEP_LABELS[s.kind], " ".join(s.note.split())) for s in state.status
    )
    return Chart(f"state-{state.slug}-status", f"Status history: {state.name}", summary,
                 {"data": data, "layout": layout},
                 Table(("Date", "Step", "Note"), rows))  # fmt: skip
