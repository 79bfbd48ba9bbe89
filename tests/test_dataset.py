"""Counting rules evaluated from status histories, on any date."""

from __future__ import annotations

import datetime as dt

from explainer.loading import load_dataset
from tests.conftest import TINY_SITE


def test_rules_count_from_the_start_step_until_an_end_step() -> None:
    dataset = load_dataset(TINY_SITE / "data")
    signed = dataset.rule("signed-compact")
    names = lambda day: [s.slug for s in dataset.members(signed, on=day)]  # noqa: E731
    assert names(dt.date(2019, 5, 31)) == []
    assert names(dt.date(2019, 6, 1)) == ["estonia", "norway"]
    assert names(dt.date(2020, 3, 1)) == ["norway"]  # Estonia withdrew in March 2020
    assert dataset.member_since(signed, dataset.state("norway")).iso() == "2019-06-01"
    assert dataset.member_since(signed, dataset.state("estonia")) is None


def test_roles_outside_a_rule_never_count() -> None:
    dataset = load_dataset(TINY_SITE / "data")
    announced = dataset.rule("announced")
    assert [s.slug for s in dataset.members(announced)] == ["norway"]


def test_as_of_is_the_newest_dated_evidence() -> None:
    dataset = load_dataset(TINY_SITE / "data")
    assert dataset.as_of == dt.date(2021, 1, 1)  # Iceland's evidence is dated 2021 (year only)
    assert dataset.checked_on == dt.date(2026, 11, 28)
    assert dataset.change_dates()[0] == dt.date(2019, 5, 1)
