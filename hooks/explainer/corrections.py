"""Links to "suggest a correction": a pre-filled GitHub issue naming the record and its file.

Templates place `<!-- explainer:correction <record> -->` next to each record; the record is
`state:<slug>`, `step:<slug>:<n>` (n from 1), `claim:<claim-id>` or `event:<id>`.
The issue form is `.github/ISSUE_TEMPLATE/correction.yml`; its field ids are the query
parameters used here.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from explainer.dataset import Dataset
from explainer.markers import Expander, MarkerError
from explainer.text import attribute

ISSUE_FORM = "correction.yml"
LINK_TEXT = "Suggest a correction"


@dataclass(frozen=True)
class Record:
    """What the issue names: a title, the record as found in its file, and the file."""

    title: str
    record: str
    file: str


def find_record(dataset: Dataset, key: str) -> Record:
    """The record a marker argument names; MarkerError says which forms exist."""
    kind, _, rest = key.partition(":")
    slug, _, item = rest.partition(":")
    try:
        if kind == "state" and not item:
            state = dataset.state(slug)
            return Record(f"Correction: {state.name}", f"state {slug}", _file(dataset, slug))
        if kind == "step" and item.isdigit():
            state, index = dataset.state(slug), int(item) - 1
            if index < 0:
                raise IndexError(index)
            step = state.status[index]
            what = f"({step.kind}, {step.date.iso()})"
            title = f"Correction: {state.name}, status step {index + 1} {what}"
            return Record(title, f"status[{index}] of {slug} {what}", _file(dataset, slug))
        if kind == "claim" and not item:
            state = next(s for s in dataset.states if any(c.id == slug for c in s.claims))
            index = [claim.id for claim in state.claims].index(slug)
            where = f"claims[{index}] of {state.slug} (id {slug})"
            title = f"Correction: {state.name}, claim {slug}"
            return Record(title, where, _file(dataset, state.slug))
        if kind == "event" and not item:
            event = next(e for e in dataset.events if e.id == slug)
            where = f"event {slug} ({event.date.iso()})"
            return Record(f"Correction: {event.title}", where, dataset.file_of(f"event:{slug}"))
    except (KeyError, IndexError, ValueError, StopIteration):
        raise MarkerError(f"no record {key!r} in the data") from None
    raise MarkerError(
        f"cannot read {key!r} (use state:<slug>, step:<slug>:<n>, claim:<id> or event:<id>)"
    )


def _file(dataset: Dataset, slug: str) -> str:
    return dataset.file_of(f"state:{slug}")


def correction_url(repository: str, record: Record) -> str:
    """The new-issue address with the form's fields filled in."""
    query = urlencode(
        {
            "template": ISSUE_FORM,
            "title": record.title,
            "record": record.record,
            "file": record.file,
        }
    )
    return f"{repository.rstrip('/')}/issues/new?{query}"


def correction_link(repository: str, record: Record) -> str:
    href = attribute(correction_url(repository, record))
    return (
        f'<a class="explainer-correct" href="{href}" rel="nofollow noopener" '
        f'title="Open an issue about {attribute(record.record)} in {attribute(record.file)}">'
        f"{LINK_TEXT}</a>"
    )


def correction_expander(repository: str) -> Expander:
    """The `correction` marker; with no repository set it checks the record, adds nothing."""

    def expand(dataset: Dataset, arg: str, page: str) -> str:
        record = find_record(dataset, arg)
        return correction_link(repository, record) if repository else ""

    return expand
