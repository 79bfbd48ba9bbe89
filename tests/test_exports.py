"""The downloads under /data/: read back with libraries no one here wrote (csv, frictionless).

Replicate by hand: mkdocs build -f tests/fixtures/tiny_site/mkdocs.yml -d /tmp/tiny, then
`frictionless validate /tmp/tiny/data/datapackage.json`.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import frictionless
import pytest
from pydantic import BaseModel

from explainer.dataset import Dataset
from explainer.dates import PartialDate
from explainer.exports import Publication, export_files
from explainer.loading import load_dataset
from explainer.revisions import DataVersion
from explainer.tables import FORMULA_STARTS, LIST_SEPARATOR, TABLES, neutralise, to_cell
from tests.conftest import ROOT, TINY_SITE

PUBLICATION = Publication(
    "A site", "https://example.org/", DataVersion("0" * 40, dt.date(2026, 1, 2)), "https://x.y/z"
)
DATASETS = {
    "tiny": lambda: load_dataset(TINY_SITE / "data"),
    "real": lambda: load_dataset(ROOT / "data"),
}


@pytest.fixture(scope="module", params=sorted(DATASETS))
def dataset(request: pytest.FixtureRequest) -> Dataset:
    return DATASETS[request.param]()


def write_exports(dataset: Dataset, folder: Path) -> Path:
    for path, content in export_files(dataset, PUBLICATION).items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8", newline="")
    return folder / "data"


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# --- the built site ---------------------------------------------------------------------


def test_the_built_site_has_every_download(tiny_site: Path) -> None:
    for name in [
        "states.csv",
        "status.csv",
        "events.csv",
        "series.csv",
        "sources.csv",
        "dataset.json",
        "datapackage.json",
        "schema/state.schema.json",
        "schema/events.schema.json",
    ]:
        assert (tiny_site / "data" / name).is_file(), name


def test_the_built_datapackage_validates_with_frictionless(tiny_site: Path) -> None:
    report = frictionless.validate(tiny_site / "data" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_built_schemas_are_the_committed_ones(tiny_site: Path) -> None:
    for committed in (ROOT / "data" / "schema").glob("*.schema.json"):
        built = tiny_site / "data" / "schema" / committed.name
        assert built.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")


# --- every dataset: frictionless and the csv module ---------------------------------------


def test_datapackage_validates_with_frictionless(dataset: Dataset, tmp_path: Path) -> None:
    folder = write_exports(dataset, tmp_path)
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_datapackage_fields_come_from_the_models(dataset: Dataset) -> None:
    package = json.loads(export_files(dataset, PUBLICATION)["data/datapackage.json"])
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert sorted(resources) == sorted(table.name for table in TABLES)
    status = {f["name"]: f for f in resources["status"]["schema"]["fields"]}
    assert status["kind"]["description"] == "what changed, from a closed list of step kinds"
    assert "signed" in status["kind"]["constraints"]["enum"]
    sources = {f["name"]: f for f in resources["sources"]["schema"]["fields"]}
    assert sources["accessed"]["type"] == "date"
    assert sources["archive_url"]["constraints"]["required"] is False
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            assert field["description"], f"{resource['name']}.{field['name']} has no description"


def test_csv_round_trip_gives_back_every_record(dataset: Dataset) -> None:
    files = export_files(dataset, PUBLICATION)
    rows = {table.name: read_csv(files[f"data/{table.path}"]) for table in TABLES}

    assert len(rows["states"]) == len(dataset.states)
    for row in rows["states"]:
        assert_same(row, dataset.state(row["slug"]))

    assert len(rows["status"]) == sum(len(state.status) for state in dataset.states)
    for row in rows["status"]:
        step = dataset.state(row["state"]).status[int(row["step"]) - 1]
        assert_same(row, step, skip={"state", "step"})

    events = {event.id: event for event in dataset.events}
    assert len(rows["events"]) == len(events) == len(dataset.events)
    for row in rows["events"]:
        assert_same(row, events[row["id"]])

    series = {s.id: s for s in dataset.series}
    assert len(rows["series"]) == sum(len(s.observations) for s in dataset.series)
    seen: Counter[str] = Counter()
    for row in rows["series"]:
        observation = series[row["series"]].observations[seen[row["series"]]]
        seen[row["series"]] += 1
        assert row["unit"] == series[row["series"]].unit
        assert_same(row, observation, skip={"series", "unit"})

    sources = {source.id: source for source in dataset.sources}
    assert len(rows["sources"]) == len(sources) == len(dataset.sources)
    for row in rows["sources"]:
        assert_same(row, sources[row["id"]])


def test_dataset_json_holds_everything(dataset: Dataset) -> None:
    everything = json.loads(export_files(dataset, PUBLICATION)["data/dataset.json"])
    assert everything["version"]["commit"] == "0" * 40
    assert everything["accord"]["name"] == dataset.accord.name
    assert [s["slug"] for s in everything["states"]] == [s.slug for s in dataset.states]
    assert len(everything["events"]) == len(dataset.events)
    assert sum(len(s["observations"]) for s in everything["series"]) == sum(
        len(s.observations) for s in dataset.series
    )
    assert {s["id"] for s in everything["sources"]} == {s.id for s in dataset.sources}


def assert_same(
    row: dict[str, str], record: BaseModel, skip: frozenset[str] | set[str] = frozenset()
) -> None:
    """Each CSV cell, read back, equals the model's value."""
    for column, cell in row.items():
        if column in skip:
            continue
        expected = getattr(record, column)
        assert read_back(cell, expected) == normalise(expected), (column, cell, expected)


def read_back(cell: str, like: Any) -> Any:
    if cell == "":
        return None
    if isinstance(like, bool):
        return {"true": True, "false": False}[cell]
    if isinstance(like, float):
        return float(cell)
    if isinstance(like, int):
        return int(cell)
    text = cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell
    return tuple(text.split(LIST_SEPARATOR)) if isinstance(like, tuple) else text


def normalise(value: Any) -> Any:
    if value is None or value == ():
        return None
    if isinstance(value, PartialDate):
        return value.iso()
    return value


# --- spreadsheet formula injection --------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert to_cell(text) == "'" + text
    assert to_cell((text, "b")) == "'" + text + LIST_SEPARATOR + "b"


@pytest.mark.parametrize("text", ["plain", "1+1", "a=b", " =x", "'quoted'", ""])
def test_other_text_is_left_alone(text: str) -> None:
    assert neutralise(text) == text


def test_formulas_in_the_data_are_neutralised_in_every_csv() -> None:
    dataset = load_dataset(TINY_SITE / "data")
    evil = '=HYPERLINK("https://evil.example","click")'
    events = (dataset.events[0].model_copy(update={"summary": evil, "title": "@cmd"}),)
    state = dataset.states[0]
    step = state.status[0].model_copy(update={"note": "-2+3"})
    states = (state.model_copy(update={"summary": "+cmd", "status": (step,)}), *dataset.states[1:])
    source = dataset.sources[0].model_copy(update={"title": "\t=1"})
    poisoned = dataclasses.replace(
        dataset, events=events + dataset.events[1:], states=states,
        sources=(source, *dataset.sources[1:]),
    )  # fmt: skip
    files = export_files(poisoned, PUBLICATION)
    cells = [
        cell
        for table in TABLES
        for row in csv.reader(io.StringIO(files[f"data/{table.path}"], newline=""))
        for cell in row
    ]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    for text in [evil, "@cmd", "-2+3", "+cmd", "\t=1"]:
        assert "'" + text in cells
