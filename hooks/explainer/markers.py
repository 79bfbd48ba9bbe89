"""`<!-- explainer:<kind> <argument> -->` markers in hand-written prose, filled from the data.

An unknown kind or an unknown argument is an error that names the page, line and marker.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from explainer.dataset import Dataset
from explainer.errors import DataError, DataIssue
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


def expand_latest_events(dataset: Dataset, arg: str, page: str) -> str:
    if not arg.isdigit() or not 1 <= int(arg) <= 50:
        raise MarkerError("latest-events takes a number from 1 to 50, e.g. latest-events 5")
    events = list(reversed(dataset.events_in_order()))[: int(arg)]
    lines = [
        f"- {time_element(e.date)} · [{plain(e.title)}]({link_between(page, 'timeline.md', e.id)})"
        for e in events
    ]
    return "\n".join(lines)


EXPANDERS: dict[str, Expander] = {
    "count": expand_count,
    "members": expand_members,
    "as-of": expand_as_of,
    "rules-table": expand_rules_table,
    "latest-events": expand_latest_events,
}


def expand_markers(
    markdown: str,
    dataset: Dataset,
    page: str,
    display_path: str,
    extra: dict[str, Expander] | None = None,
) -> str:
    """Replace every marker; raise DataError naming each bad one (all of them, at once)."""
    expanders = {**EXPANDERS, **(extra or {})}
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
