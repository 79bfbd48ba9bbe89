"""The validated dataset as one immutable object, and the questions pages ask of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from explainer.dates import PartialDate
from explainer.models import (
    AccordFile,
    CountingRule,
    Event,
    SeriesFile,
    Source,
    StateFile,
    StatusStep,
    StepMatch,
)


@dataclass(frozen=True)
class Dataset:
    """Everything under data/, checked across files. `files` maps record keys to data files."""

    accord: AccordFile
    sources: tuple[Source, ...]
    states: tuple[StateFile, ...]
    events: tuple[Event, ...]
    series: tuple[SeriesFile, ...]
    denied_domains: tuple[str, ...] = ()
    files: dict[str, str] = field(default_factory=dict, compare=False)

    # --- lookups ------------------------------------------------------------------------

    @cached_property
    def _sources_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}

    @cached_property
    def _states_by_slug(self) -> dict[str, StateFile]:
        return {state.slug: state for state in self.states}

    def source(self, source_id: str) -> Source:
        return self._sources_by_id[source_id]

    def state(self, slug: str) -> StateFile:
        return self._states_by_slug[slug]

    def rule(self, rule_id: str) -> CountingRule:
        return next(rule for rule in self.accord.counting_rules if rule.id == rule_id)

    def file_of(self, key: str) -> str:
        """The data file a record lives in: 'state:bahrain' -> 'data/states/bahrain.yml'."""
        return self.files[key]

    def events_in_order(self) -> tuple[Event, ...]:
        return self._events_in_order

    @cached_property
    def _events_in_order(self) -> tuple[Event, ...]:
        """Sorted once: every state page asks for its events."""
        return tuple(sorted(self.events, key=lambda e: (e.date.start, e.date.precision, e.id)))

    def events_of(self, slug: str) -> tuple[Event, ...]:
        return tuple(e for e in self.events_in_order() if slug in e.states)

    # --- dates ----------------------------------------------------------------------------

    def dated_evidence(self) -> Iterator[PartialDate]:
        """Every date the data asserts something happened on."""
        for state in self.states:
            yield from (step.date for step in state.status)
            yield from (item.date for item in state.evidence)
            for claim in state.claims:
                yield from (p.date for p in claim.positions if p.date is not None)
        yield from (event.date for event in self.events)

    @cached_property
    def newest_evidence(self) -> PartialDate:
        """The newest dated evidence, with the precision its source gives."""
        return max(self.dated_evidence(), key=lambda date: (date.start, date.precision == "day"))

    @cached_property
    def as_of(self) -> dt.date:
        """The day the site's statuses describe: the first day of the newest evidence."""
        return self.newest_evidence.start

    @cached_property
    def checked_on(self) -> dt.date:
        """The newest day a source was accessed."""
        return max((source.accessed.start for source in self.sources), default=dt.date.min)

    # --- counting rules -------------------------------------------------------------------

    def counts_under(self, rule: CountingRule, state: StateFile, on: dt.date) -> bool:
        """Whether `state` is a member under `rule` on the day `on`."""
        if state.role not in rule.roles:
            return False
        counting = False
        for step in state.status:
            if step.date.start > on:
                break
            if any(_matches(m, step) for m in rule.ends):
                counting = False
            elif any(_matches(m, step) for m in rule.starts):
                counting = True
        return counting

    def members(self, rule: CountingRule, on: dt.date | None = None) -> tuple[StateFile, ...]:
        day = on or self.as_of
        key = (rule.id, day)
        if key not in self._members:  # every page asks; the answer is the same for all
            self._members[key] = tuple(s for s in self.states if self.counts_under(rule, s, day))
        return self._members[key]

    @cached_property
    def _members(self) -> dict[tuple[str, dt.date], tuple[StateFile, ...]]:
        return {}

    def member_since(self, rule: CountingRule, state: StateFile) -> PartialDate | None:
        """The date of the step that made the state count under the rule (and still does)."""
        since: PartialDate | None = None
        for step in state.status:
            if any(_matches(m, step) for m in rule.ends):
                since = None
            elif since is None and any(_matches(m, step) for m in rule.starts):
                since = step.date
        return since if since is not None and self.counts_under(rule, state, self.as_of) else None

    def change_dates(self) -> tuple[dt.date, ...]:
        """Every day on which some state's status changed, in order."""
        return tuple(sorted({step.date.start for s in self.states for step in s.status}))

    def current_step(self, state: StateFile) -> StatusStep | None:
        return state.status[-1] if state.status else None


def _matches(match: StepMatch, step: StatusStep) -> bool:
    if step.kind != match.kind:
        return False
    if match.document is not None and step.document != match.document:
        return False
    return not (match.any_document and step.document is None)
