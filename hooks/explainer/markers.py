"""`<!-- explainer:<kind> <argument> -->` markers in hand-written prose, filled from the data.

An unknown kind or an unknown argument is an error that names the page, line and marker.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup

from explainer.chartdata import ChartOptions
from explainer.citations import Citations
from explainer.dataset import Dataset
from explainer.embeds import render_chart
from explainer.errors import DataError, DataIssue
from explainer.figures import build_charts
from explainer.models import CountingRule
from explainer.pages import render, rule_rows, state_page_path, time_element
from explainer.text import link_between, plain

MARKER = re.compile(r"<!--\s*explainer:(?P<kind>[a-z0-9-]*)(?:\s+(?P<arg>[^\s>]+))?\s*-->")

Expander = Callable[[Dataset, str, str], str]


class MarkerError(ValueError):
    """An argument a marker cannot use; the message says what would work."""


def _rule(dataset: Dataset, rule_id: str) -> CountingRule:
    rules = {rule.id: rule for rule in dataset.accord.counting_rules}
    if rule_id not in rules:
        raise MarkerError(f"unknown counting rule {rule_id!r} (use one of: {', '.join(rules)})")
    return rules[rule_id]


def expand_count(dataset: Dataset, arg: str, page: str) -> str:
    return str(len(dataset.members(_rule(dataset, arg))))


def expand_members(dataset: Dataset, arg: str, page: str) -> str:
    members = dataset.members(_rule(dataset, arg))
    links = [f"[{plain(s.name)}]({link_between(page, state_page_path(s.slug))})" for s in members]
    return ", ".join(links) if links else "none"


def expand_as_of(dataset: Dataset, arg: str, page: str) -> str:
    if arg:
        raise MarkerError("as-of takes no argument")
    return str(time_element(dataset.newest_evidence))


def expand_rules_table(dataset: Dataset, arg: str, page: str) -> str:
    if arg:
        raise MarkerError("rules-table takes no argument")
    return render("marker_rules_table.md.j2", rows=rule_rows(dataset, page))


def _candidates_table(cites: Citations, arg: str) -> str:
    """States with the candidate role and the newest dated evidence about each."""
    if arg:
        raise MarkerError("candidates-table takes no argument")
    rows = []
    for state in cites.dataset.states:
        if state.role == "candidate":
            newest = max(state.evidence, key=lambda e: e.date.start, default=None)
            rows.append((state, link_between(cites.page, state_page_path(state.slug)), newest))
    return render("marker_candidates.md.j2", rows=rows, cites=cites)


def expand_latest_events(dataset: Dataset, arg: str, page: str) -> str:
    if not arg.isdigit() or not 1 <= int(arg) <= 50:
        raise MarkerError("latest-events takes a number from 1 to 50, e.g. latest-events 5")
    events = list(reversed(dataset.events_in_order()))[: int(arg)]
    lines = [
        f"- {time_element(e.date)} · [{plain(e.title)}]({link_between(page, 'timeline.md', e.id)})"
        for e in events
    ]
    return "\n".join(lines)


def expand_chart(dataset: Dataset, arg: str, page: str, options: ChartOptions | None = None) -> str:
    """`chart <id>`: a chart from the registry (figures.py), with its table and CSV link."""
    charts = build_charts(dataset, options)
    if arg not in charts:
        shown = ", ".join(list(charts)[:8])
        raise MarkerError(f"unknown chart id {arg!r} (use one of: {shown}, ...)")
    return render_chart(charts[arg], page)


EXPANDERS: dict[str, Expander] = {
    "chart": expand_chart,
    "count": expand_count,
    "members": expand_members,
    "as-of": expand_as_of,
    "rules-table": expand_rules_table,
    "latest-events": expand_latest_events,
}


def _cite(cites: Citations, arg: str) -> str:
    """`cite a,b`: numbered citations in prose, the same as on generated pages."""
    ids = [part for part in arg.split(",") if part]
    unknown = [i for i in ids if i not in {s.id for s in cites.dataset.sources}]
    if not ids or unknown:
        raise MarkerError(f"unknown source id(s) {unknown or [arg]} (use ids from data/sources/)")
    return str(cites.cite(ids))


def _claim(cites: Citations, arg: str) -> str:
    """`claim <id>`: a contested claim's positions side by side, as on its state's page."""
    claims = {c.id: (s, c) for s in cites.dataset.states for c in s.claims}
    if arg not in claims:
        raise MarkerError(f"unknown claim {arg!r} (use one of: {', '.join(sorted(claims))})")
    state, claim = claims[arg]
    link = link_between(cites.page, state_page_path(state.slug), f"claim-{claim.id}")
    return render("marker_claim.md.j2", claim=claim, cites=cites, state=state, link=Markup(link))


def _source_list(cites: Citations, arg: str) -> str:
    """`sources`: the numbered list of what the page cited, placed where the marker is."""
    if arg:
        raise MarkerError("sources takes no argument")
    return render("marker_sources.md.j2", cites=cites)


def expand_markers(
    markdown: str,
    dataset: Dataset,
    page: str,
    display_path: str,
    extra: dict[str, Expander] | None = None,
) -> str:
    """Replace every marker; raise DataError naming each bad one (all of them, at once)."""
    cites = Citations(dataset, page)
    expanders: dict[str, Expander] = {
        **EXPANDERS,
        **(extra or {}),
        "cite": lambda d, arg, p: _cite(cites, arg),
        "sources": lambda d, arg, p: _source_list(cites, arg),
        "claim": lambda d, arg, p: _claim(cites, arg),
        "candidates-table": lambda d, arg, p: _candidates_table(cites, arg),
    }
    issues: list[DataIssue] = []

    def replace(match: re.Match[str]) -> str:
        kind, arg = match.group("kind"), match.group("arg") or ""
        expander = expanders.get(kind)
        try:
            if expander is None:
                raise MarkerError(
                    f"unknown marker kind {kind!r} (use one of: {', '.join(sorted(expanders))})"
                )
            return expander(dataset, arg, page)
        except MarkerError as error:
            line = markdown.count("\n", 0, match.start()) + 1
            column = match.start() - (markdown.rfind("\n", 0, match.start()) + 1) + 1
            issues.append(DataIssue(display_path, line, column, match.group(0), str(error)))
            return match.group(0)

    result = MARKER.sub(replace, markdown)
    if issues:
        raise DataError(issues)
    return result
