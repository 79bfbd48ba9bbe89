"""The committed JSON Schemas equal the generated ones, and every data file names its schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explainer.loading import LAYOUT
from explainer.schema import SCHEMAS, render_schema
from tests.conftest import ROOT

SCHEMA_DIR = ROOT / "data" / "schema"
# Which schema each kind of data file must name in its first line.
EXPECTED = {
    "accord.yml": "accord",
    "sources/*.yml": "sources",
    "states/*.yml": "state",
    "events/*.yml": "events",
    "series/*.yml": "series",
}


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_current(name: str) -> None:
    committed = SCHEMA_DIR / f"{name}.schema.json"
    assert committed.exists(), "run `make schema` and commit data/schema/"
    assert committed.read_text(encoding="utf-8") == render_schema(SCHEMAS[name]), (
        f"{committed.name} is stale: run `make schema` and commit the result"
    )
    assert json.loads(committed.read_text())["additionalProperties"] is False


def test_layout_and_schemas_cover_the_same_kinds() -> None:
    assert set(EXPECTED) == set(LAYOUT)


def _data_files() -> list[tuple[Path, str]]:
    data = ROOT / "data"
    return [
        (file, EXPECTED[pattern]) for pattern in EXPECTED for file in sorted(data.glob(pattern))
    ]


@pytest.mark.parametrize(("file", "schema"), _data_files(), ids=lambda v: str(v))
def test_every_data_file_starts_with_its_schema_line(file: Path, schema: str) -> None:
    first = file.read_text(encoding="utf-8").splitlines()[0]
    target = (file.parent / first.split("$schema=", 1)[-1]).resolve()
    assert first.startswith("# yaml-language-server: $schema="), file
    assert target == (SCHEMA_DIR / f"{schema}.schema.json").resolve(), file
