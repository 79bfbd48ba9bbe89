"""The real dataset keeps the project's promises: sourced, complete, current, honest."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from explainer.checks import walk
from explainer.dataset import Dataset
from explainer.loading import load_dataset
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(ROOT / "data")


MEMBERS = ["united-arab-emirates", "bahrain", "morocco", "sudan", "kazakhstan"]
CONTEXT = ["egypt", "jordan", "kosovo", "mauritania"]
CANDIDATES = [
    "saudi-arabia",
    "azerbaijan",
    "uzbekistan",
    "indonesia",
    "mauritania",
    "oman",
    "syria",
    "lebanon",
    "armenia",
    "somaliland",
]


def test_every_claim_cites_a_source(dataset: Dataset) -> None:
    records = [dataset.accord, *dataset.states, *dataset.events, *dataset.series]
    checked = 0
    for record in records:
        for loc, name, value in walk(record):
            if name == "sources":
                assert len(value) >= 1, f"{loc} cites nothing"
                checked += 1
    # Every state, step, term, claim position, evidence item, event and value was checked.
    expected = (
        1
        + len(dataset.accord.documents)
        + len(dataset.accord.counting_rules)
        + sum(
            1
            + len(s.status)
            + len(s.terms)
            + len(s.evidence)
            + sum(len(c.positions) for c in s.claims)
            for s in dataset.states
        )
        + len(dataset.events)
        + sum(len(s.observations) for s in dataset.series)
    )
    assert checked == expected


def test_every_source_is_cited_has_an_accessed_date_and_no_denied_domain(
    dataset: Dataset,
) -> None:
    cited = {
        source_id
        for record in [dataset.accord, *dataset.states, *dataset.events, *dataset.series]
        for _, name, value in walk(record)
        if name == "sources"
        for source_id in value
    }
    assert cited == {s.id for s in dataset.sources}
    assert all(s.accessed.precision == "day" for s in dataset.sources)
    assert {"wikipedia.org", "washexam.com", "efinder.lk", "hanna-ai.com"} <= set(
        dataset.denied_domains
    )
    for source in dataset.sources:
        for domain in dataset.denied_domains:
            assert domain not in source.url, (source.id, domain)


def test_the_states_the_site_promises_are_there(dataset: Dataset) -> None:
    roles = {s.slug: s.role for s in dataset.states}
    assert roles["israel"] == "party" and roles["united-states"] == "broker"
    for slug in MEMBERS:
        assert roles[slug] == "member", slug
    for slug in CONTEXT + CANDIDATES:
        assert slug in roles, slug
    assert dataset.state("somaliland").un_member is False
    assert "not a UN member" in dataset.state("somaliland").summary


def test_kazakhstan_dates(dataset: Dataset) -> None:
    steps = {(s.kind, s.date.iso()) for s in dataset.state("kazakhstan").status}
    assert ("recognized", "1991-12") in steps
    assert ("relations-established", "1992-04-10") in steps
    assert ("announced", "2025-11-06") in steps
    assert not any(kind == "signed" for kind, _ in steps), "the signing is still pending"


def test_sudan_signed_only_the_declaration(dataset: Dataset) -> None:
    steps = dataset.state("sudan").status
    assert any(
        s.kind == "signed"
        and s.document == "abraham-accords-declaration"
        and s.date.iso() == "2021-01-06"
        for s in steps
    )
    assert not any(s.kind == "relations-established" for s in steps)


def test_at_least_three_counting_rules_with_different_counts(dataset: Dataset) -> None:
    counts = {r.id: len(dataset.members(r)) for r in dataset.accord.counting_rules}
    assert len(counts) >= 3
    assert len(set(counts.values())) >= 2, counts
    assert {s.slug for s in dataset.members(dataset.rule("announced-accession"))} == set(MEMBERS)


def test_sixty_events_from_1979_each_with_a_precision(dataset: Dataset) -> None:
    events = dataset.events_in_order()
    assert len(events) >= 60
    assert events[0].date.year == 1979
    assert {e.date.precision for e in events} <= {"day", "month", "year"}
    assert events[-1].date.year == 2026


@pytest.mark.parametrize(
    "claim_id",
    [
        "bahrain-november-2023",
        "sudan-status",
        "kazakhstan-joined",
        "kazakhstan-relations-since",
        "kazakhstan-iran-oil-swaps",
        "uae-trade-2021",
        "morocco-trade-2022",
    ],
)
def test_required_contested_claims(dataset: Dataset, claim_id: str) -> None:
    claims = {c.id: c for s in dataset.states for c in s.claims}
    assert len(claims[claim_id].positions) >= 2


def test_trade_series_keep_conflicting_figures_apart(dataset: Dataset) -> None:
    trade = next(s for s in dataset.series if s.id == "trade-with-israel")
    states = {o.state for o in trade.observations}
    assert {"united-arab-emirates", "bahrain", "morocco", "kazakhstan"} <= states
    same_year = Counter((o.state, o.year, o.months) for o in trade.observations)
    conflicts = {k for k, n in same_year.items() if n > 1}
    assert ("united-arab-emirates", 2021, 12) in conflicts
    assert ("morocco", 2022, 12) in conflicts


def test_hand_written_pages_exist() -> None:
    for page in ["index.md", "why-kazakhstan.md", "who-next.md", "methodology.md", "about.md"]:
        assert (ROOT / "docs" / page).is_file(), page


@pytest.mark.slow
def test_as_of_is_shown_site_wide(real_site: Path) -> None:
    for page in [
        "index.html",
        "states/index.html",
        "states/bahrain/index.html",
        "timeline/index.html",
        "methodology/index.html",
    ]:
        html = (real_site / page).read_text(encoding="utf-8")
        assert "as of" in html.lower() and "<time datetime=" in html, page
