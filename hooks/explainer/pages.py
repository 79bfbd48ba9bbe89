"""Dataset -> generated Markdown pages. Python decides what is shown; templates lay it out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from explainer.citations import Citations, source_anchor
from explainer.dataset import Dataset
from explainer.dates import PartialDate
from explainer.models import StateFile
from explainer.text import ROLE_LABELS, STEP_LABELS, link_between, plain

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class GeneratedPage:
    """A page to add to the site: where it goes, its Markdown, and the data file behind it."""

    path: str
    markdown: str
    data_file: str | None = None
    inputs: tuple[str, ...] = ()  # every data file the page shows; dates its "last changed"
    in_nav: bool = True


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=plain,  # every {{ value }} is escaped unless it is already Markup
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["time"] = time_element
    env.globals.update(STEP_LABELS=STEP_LABELS, ROLE_LABELS=ROLE_LABELS, link=_link)
    return env


def _link(from_page: str, to_page: str, anchor: str = "") -> Markup:
    """Link targets are built from slugs and ids only, so they are safe as they are."""
    return Markup(link_between(from_page, to_page, anchor))


def render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(**context)


def time_element(date: PartialDate) -> Markup:
    """<time datetime="YYYY-MM-DD">6 Nov 2025</time>, with the precision the data has."""
    return Markup(f'<time datetime="{date.iso()}">{date.human()}</time>')


def state_page_path(slug: str) -> str:
    return f"states/{slug}.md"


def files_of(dataset: Dataset, prefix: str) -> tuple[str, ...]:
    """The data files holding records whose key starts with `prefix`, e.g. 'event:'."""
    return tuple(sorted({f for key, f in dataset.files.items() if key.startswith(prefix)}))


def render_all(
    dataset: Dataset, charts: Mapping[str, str | None] | None = None
) -> list[GeneratedPage]:
    """Every generated page; `charts` maps the chart ids that exist to their series id."""
    charts = charts or {}
    pages = [
        render_states_index(dataset, charts),
        render_timeline(dataset, charts),
        render_sources(dataset),
    ]
    pages += [render_state_page(dataset, state, charts) for state in dataset.states]
    return pages


def rule_rows(dataset: Dataset, page: str) -> list[dict[str, Any]]:
    """One row per counting rule: its definition, how many count, and who."""
    rows = []
    for rule in dataset.accord.counting_rules:
        members = dataset.members(rule)
        rows.append(
            {
                "rule": rule,
                "count": len(members),
                "members": [(s, _link(page, state_page_path(s.slug))) for s in members],
            }
        )
    return rows


def render_states_index(
    dataset: Dataset, charts: Mapping[str, str | None] | None = None
) -> GeneratedPage:
    path = "states/index.md"
    cites = Citations(dataset, path)
    groups: dict[str, list[StateFile]] = defaultdict(list)
    for state in dataset.states:
        groups[state.role].append(state)
    ordered = [(role, groups[role]) for role in ROLE_LABELS if groups[role]]
    markdown = render(
        "states_index.md.j2",
        dataset=dataset,
        page=path,
        cites=cites,
        rules=rule_rows(dataset, path),
        groups=ordered,
        key_dates=_key_dates,
        charts=[chart for chart in ("map", "members") if chart in (charts or {})],
    )
    inputs = (dataset.file_of("accord"), *files_of(dataset, "state:"))
    return GeneratedPage(path, markdown, dataset.file_of("accord"), inputs)


def _key_dates(state: StateFile) -> list[tuple[str, PartialDate]]:
    """The first step of each kind, for the overview table."""
    seen: dict[str, PartialDate] = {}
    for step in state.status:
        seen.setdefault(step.kind, step.date)
    return [(STEP_LABELS[kind], date) for kind, date in seen.items()]


def render_state_page(
    dataset: Dataset, state: StateFile, charts: Mapping[str, str | None] | None = None
) -> GeneratedPage:
    path = state_page_path(state.slug)
    cites = Citations(dataset, path)
    membership = [
        (rule, dataset.member_since(rule, state))
        for rule in dataset.accord.counting_rules
        if state.role in rule.roles
    ]
    markdown = render(
        "state.md.j2",
        dataset=dataset,
        state=state,
        page=path,
        cites=cites,
        membership=membership,
        events=dataset.events_of(state.slug),
        current=dataset.current_step(state),
        series=_series_for(dataset, state),
        status_chart=_chart_id(charts, f"state-{state.slug}-status"),
        series_charts=_series_charts(charts, f"state-{state.slug}-trade"),
    )
    data_file = dataset.file_of(f"state:{state.slug}")
    return GeneratedPage(path, markdown, data_file, (data_file,), in_nav=False)


def _chart_id(charts: Mapping[str, str | None] | None, chart_id: str) -> str | None:
    return chart_id if chart_id in (charts or {}) else None


def _series_charts(charts: Mapping[str, str | None] | None, chart_id: str) -> dict[str, str]:
    """Series id -> the chart of it to show under that series' heading."""
    series = (charts or {}).get(chart_id)
    return {series: chart_id} if series else {}


def _series_for(dataset: Dataset, state: StateFile) -> list[tuple[Any, list[Any]]]:
    found = []
    for series in dataset.series:
        rows = sorted(
            (o for o in series.observations if o.state == state.slug),
            key=lambda o: (o.year, o.months),
        )
        if rows:
            found.append((series, rows))
    return found


def render_timeline(
    dataset: Dataset, charts: Mapping[str, str | None] | None = None
) -> GeneratedPage:
    path = "timeline.md"
    cites = Citations(dataset, path)
    years: dict[int, list[Any]] = defaultdict(list)
    for event in dataset.events_in_order():
        years[event.date.year].append(event)
    names = {state.slug: state.name for state in dataset.states}
    markdown = render(
        "timeline.md.j2",
        dataset=dataset,
        page=path,
        cites=cites,
        years=sorted(years.items()),
        names=names,
        state_link=lambda slug: _link(path, state_page_path(slug)),
        events_chart=_chart_id(charts, "events"),
    )
    return GeneratedPage(path, markdown, None, files_of(dataset, "event:"))


def citing_places(dataset: Dataset, page: str) -> dict[str, list[tuple[str, str]]]:
    """For each source id: (label, link) of every page and record that cites it."""
    places: dict[str, list[tuple[str, str]]] = defaultdict(list)

    def add(ids: tuple[str, ...], label: str, target: str, anchor: str = "") -> None:
        for source_id in ids:
            entry = (label, _link(page, target, anchor))
            if entry not in places[source_id]:
                places[source_id].append(entry)

    accord = dataset.accord
    for ids in [accord.sources, *(d.sources for d in accord.documents)]:
        add(ids, "The accord", "states/index.md")
    for rule in accord.counting_rules:
        add(rule.sources, f"Counting rule: {rule.label}", "states/index.md")
    for state in dataset.states:
        for ids in _state_source_lists(state):
            add(ids, state.name, state_page_path(state.slug))
    for event in dataset.events:
        add(event.sources, f"Timeline: {event.title}", "timeline.md", event.id)
    for series in dataset.series:
        for obs in series.observations:
            add(
                obs.sources,
                f"{series.title}: {dataset.state(obs.state).name}",
                state_page_path(obs.state),
            )
    return places


def _state_source_lists(state: StateFile) -> list[tuple[str, ...]]:
    lists = [state.sources]
    lists += [step.sources for step in state.status]
    lists += [term.sources for term in state.terms]
    lists += [p.sources for claim in state.claims for p in claim.positions]
    lists += [item.sources for item in state.evidence]
    return lists


def render_sources(dataset: Dataset) -> GeneratedPage:
    path = "sources.md"
    ordered = sorted(dataset.sources, key=lambda s: (s.publisher.lower(), s.published, s.id))
    markdown = render(
        "sources.md.j2",
        dataset=dataset,
        sources=ordered,
        places=citing_places(dataset, path),
        anchor=source_anchor,
    )
    return GeneratedPage(path, markdown, None, files_of(dataset, "source:"))
