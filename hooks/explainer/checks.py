"""Checks across records and files: references resolve, ids are unique, order holds."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel

from explainer.dataset import Dataset
from explainer.models import AccordFile, SourcesFile, StateFile
from explainer.yamlfiles import Loc, YamlDocument

Report = Callable[..., None]

# Fields that hold references, and what they refer to.
_STATE_REFS = {"states", "parties", "state"}


@dataclass(frozen=True)
class Loaded:
    """A validated file with its document, so checks can point at lines."""

    model: Any
    document: YamlDocument


@dataclass(frozen=True)
class Scope:
    """What the checks may assume when some files failed to validate."""

    extra_states: frozenset[str] = frozenset()
    sources_complete: bool = True
    citations_complete: bool = True


def check_all(dataset: Dataset, files: list[Loaded], report: Report, scope: Scope) -> None:
    _check_sources(dataset, files, report, scope)
    _check_references(dataset, files, report, scope)
    _check_unique_ids(files, report)
    _check_state_order(files, report)
    _check_accord(dataset, files, report)


def walk(model: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str, Any]]:
    """Yield (location, field name, value) for every field of a model tree."""
    if not isinstance(model, BaseModel):
        return
    for name in type(model).model_fields:
        value = getattr(model, name)
        yield (*loc, name), name, value
        if isinstance(value, BaseModel):
            yield from walk(value, (*loc, name))
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                yield from walk(item, (*loc, name, index))


def _check_sources(dataset: Dataset, files: list[Loaded], report: Report, scope: Scope) -> None:
    known = {source.id for source in dataset.sources}
    cited: set[str] = set()
    for item in files:
        if isinstance(item.model, SourcesFile):
            continue
        for loc, name, value in walk(item.model):
            if name != "sources":
                continue
            for index, source_id in enumerate(value):
                cited.add(source_id)
                if source_id not in known and scope.sources_complete:
                    report(
                        item.document,
                        (*loc, index),
                        f"unknown source {source_id!r} (add it to a file in data/sources/ "
                        "or fix the id)",
                    )
    denied = dataset.denied_domains
    first_with_url: dict[str, str] = {}
    for item in files:
        if not isinstance(item.model, SourcesFile):
            continue
        for index, source in enumerate(item.model.sources):
            if source.id not in cited and scope.citations_complete:
                report(
                    item.document,
                    ("sources", index, "id"),
                    f"source {source.id!r} is never cited (cite it from a claim or remove it)",
                )
            owner = first_with_url.setdefault(source.url, source.id)
            if owner != source.id:
                report(
                    item.document,
                    ("sources", index, "url"),
                    f"the same address as source {owner!r} "
                    "(cite that id instead and remove this one)",
                )
            for field in ("url", "archive_url"):
                url = getattr(source, field)
                host = (urlsplit(url).hostname or "") if url else ""
                bad = next((d for d in denied if host == d or host.endswith("." + d)), None)
                if bad:
                    report(
                        item.document,
                        ("sources", index, field),
                        f"{host} is on the denylist of mirrors and aggregators ({bad}); "
                        "cite the original publisher instead",
                    )


def _check_references(dataset: Dataset, files: list[Loaded], report: Report, scope: Scope) -> None:
    slugs = {state.slug for state in dataset.states} | scope.extra_states
    documents = {document.id for document in dataset.accord.documents}
    for item in files:
        for loc, name, value in walk(item.model):
            if name in _STATE_REFS and not isinstance(item.model, SourcesFile):
                values = value if isinstance(value, tuple) else (value,)
                for index, slug in enumerate(values):
                    where = (*loc, index) if isinstance(value, tuple) else loc
                    if slug not in slugs:
                        report(
                            item.document,
                            where,
                            f"unknown state {slug!r} (add data/states/{slug}.yml or fix the slug)",
                        )
            if name == "document" and value is not None and value not in documents:
                report(
                    item.document,
                    loc,
                    f"unknown document {value!r} (use one of: {', '.join(sorted(documents))})",
                )


def _check_unique_ids(files: list[Loaded], report: Report) -> None:
    """Source, event and claim ids, and ISO codes, must be unique across all files."""
    seen: dict[tuple[str, str], int] = Counter()
    for item in files:
        for loc, name, value in walk(item.model):
            key = _identity(item.model, loc, name, value)
            if key is None:
                continue
            seen[key] += 1
            if seen[key] > 1:
                report(item.document, loc, f"{key[0]} {value!r} is used twice (make it unique)")


def _identity(model: Any, loc: Loc, name: str, value: Any) -> tuple[str, str] | None:
    if name == "id" and len(loc) == 3 and loc[0] in {"sources", "events", "claims"}:
        return (loc[0][:-1], value)
    if name == "id" and len(loc) == 3 and loc[0] in {"documents", "counting_rules"}:
        return (loc[0][:-1].replace("_", " "), value)
    if isinstance(model, StateFile) and name in {"iso2", "iso3"} and value is not None:
        return (f"{name} code", value)
    return None


def _check_state_order(files: list[Loaded], report: Report) -> None:
    for item in files:
        if not isinstance(item.model, StateFile):
            continue
        steps = item.model.status
        for index in range(1, len(steps)):
            if steps[index].date.start < steps[index - 1].date.start:
                report(
                    item.document,
                    ("status", index, "date"),
                    f"{steps[index].date} comes before the previous step "
                    f"({steps[index - 1].date}); keep status steps in date order",
                )


def _check_accord(dataset: Dataset, files: list[Loaded], report: Report) -> None:
    accord = next(item for item in files if isinstance(item.model, AccordFile))
    rules = {rule.id for rule in dataset.accord.counting_rules}
    if dataset.accord.default_rule not in rules:
        report(
            accord.document,
            ("default_rule",),
            f"unknown counting rule {dataset.accord.default_rule!r} "
            f"(use one of: {', '.join(sorted(rules))})",
        )
