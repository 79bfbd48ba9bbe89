"""Models: invariants hold, unknown keys are refused, dates keep their precision."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from explainer.dates import Day, PartialDate
from explainer.models import Claim, Event, Source, StateFile

SOURCE = {
    "id": "s",
    "url": "https://example.com/a",
    "title": "T",
    "publisher": "P",
    "published": "2020-01-02",
    "accessed": "2026-11-28",
    "kind": "newspaper",
}


@pytest.mark.parametrize(
    ("text", "precision", "start", "end", "human"),
    [
        ("2025-11-06", "day", dt.date(2025, 11, 6), dt.date(2025, 11, 6), "6 Nov 2025"),
        ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "Feb 2024"),
        ("1999", "year", dt.date(1999, 1, 1), dt.date(1999, 12, 31), "1999"),
    ],
)
def test_partial_dates_keep_their_precision(
    text: str, precision: str, start: dt.date, end: dt.date, human: str
) -> None:
    date = PartialDate.parse(text)
    assert (date.precision, date.start, date.end, date.human(), date.iso()) == (
        precision,
        start,
        end,
        human,
        text,
    )


@pytest.mark.parametrize("text", ["2025-13-06", "2025-02-30", "25-1-1", "2025/01/01", "", "0999"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        PartialDate.parse(text)


def test_day_needs_a_day() -> None:
    assert Day.parse("2026-11-28").precision == "day"
    with pytest.raises(ValueError, match="must be a full date"):
        Day.parse("2026-11")


def test_unknown_keys_are_refused() -> None:
    with pytest.raises(ValidationError, match=r"extra_forbidden|Extra inputs"):
        Source.model_validate({**SOURCE, "author": "x"})


def test_models_are_frozen() -> None:
    source = Source.model_validate(SOURCE)
    with pytest.raises(ValidationError):
        source.title = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("url", ["http://example.com", "ftp://x.org/a", "https://", "example.com"])
def test_only_https_urls(url: str) -> None:
    with pytest.raises(ValidationError):
        Source.model_validate({**SOURCE, "url": url})


def test_every_claim_needs_two_sourced_positions() -> None:
    one = {"holder": "A", "statement": "yes", "sources": ("s",)}
    with pytest.raises(ValidationError, match="at least 2"):
        Claim.model_validate({"id": "c", "question": "q?", "positions": (one,)})
    with pytest.raises(ValidationError, match="at least 1"):
        Claim.model_validate(
            {"id": "c", "question": "q?", "positions": (one, {**one, "sources": ()})}
        )


def test_events_need_a_source() -> None:
    event = {"id": "e", "date": "2020", "title": "T", "summary": "S", "category": "summit"}
    with pytest.raises(ValidationError):
        Event.model_validate({**event, "sources": ()})
    assert Event.model_validate({**event, "sources": ("s",)}).date.precision == "year"


def test_iso_codes_are_checked_and_user_assigned_ones_allowed() -> None:
    state = {"slug": "k", "name": "K", "role": "context", "summary": "s", "sources": ("s",)}
    assert StateFile.model_validate({**state, "iso2": "XK", "iso3": "XKX"}).iso2 == "XK"
    with pytest.raises(ValidationError, match="alpha-2"):
        StateFile.model_validate({**state, "iso2": "AB", "iso3": "KAZ"})
    with pytest.raises(ValidationError, match="needs iso2 and iso3"):
        StateFile.model_validate(state)
    assert StateFile.model_validate({**state, "un_member": False}).iso2 is None
