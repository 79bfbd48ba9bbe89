"""Charts built from the dataset: registry ids, trace types, values, tables, CSV and HTML."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from explainer.assets import SERVED, centroids, drawn_countries, read_asset
from explainer.chartdata import Chart, ChartOptions, Link, Territory
from explainer.dataset import Dataset
from explainer.embeds import chart_csv, render_chart
from explainer.errors import DataError
from explainer.figures import build_charts
from explainer.loading import load_dataset
from explainer.maps import status_on
from explainer.markers import EXPANDERS, expand_markers
from tests.conftest import ROOT, TINY_SITE

SAHARA = Territory("ESH", "Disputed land", "Shown on its own.")


@pytest.fixture(scope="module")
def tiny() -> Dataset:
    return load_dataset(TINY_SITE / "data", display_root=TINY_SITE)


@pytest.fixture(scope="module")
def charts(tiny: Dataset) -> dict[str, Chart]:
    return build_charts(tiny, ChartOptions(disputed=(SAHARA,)))


@pytest.fixture(scope="module")
def real() -> Dataset:
    """The real data; it must load for these tests (run `make check` to see its errors)."""
    return load_dataset(ROOT / "data", display_root=ROOT)


def _types(chart: Chart) -> set[str]:
    return {trace["type"] for trace in chart.figure["data"]}


def test_registry_has_stable_ids(charts: dict[str, Chart]) -> None:
    assert list(charts) == [
        "map", "accession", "members", "events", "trade",
        "state-estonia-status", "state-norway-status", "state-norway-trade",
    ]  # fmt: skip
    assert "state-iceland-status" not in charts  # Iceland has no status steps


def test_members_is_a_step_line_per_rule_with_the_dataset_counts(
    tiny: Dataset, charts: dict[str, Chart]
) -> None:
    chart = charts["members"]
    rules = tiny.accord.counting_rules
    assert [t["name"] for t in chart.figure["data"]] == [r.label for r in rules]
    for trace, rule in zip(chart.figure["data"], rules, strict=True):
        assert trace["type"] == "scatter" and trace["line"]["shape"] == "hv"
        days = [dt.date.fromisoformat(x) for x in trace["x"]]
        assert trace["y"] == [len(tiny.members(rule, on=day)) for day in days]
    assert len(chart.table.rows) == len(chart.figure["data"][0]["x"])
    assert chart.summary.startswith("As of 2021, the count of members depends on the rule")
    assert "0 under “Signed the compact”" not in chart.summary  # Norway still counts
    assert "1 under “Signed the compact”" in chart.summary


def test_map_has_a_frame_per_change_date_and_the_status_of_each_state(
    tiny: Dataset, charts: dict[str, Chart]
) -> None:
    chart = charts["map"]
    figure = chart.figure
    assert _types(chart) == {"choropleth", "scattergeo"}
    dates = sorted({*tiny.change_dates(), tiny.as_of})
    assert [f["name"] for f in figure["frames"]] == [d.isoformat() for d in dates]
    steps = figure["layout"]["sliders"][0]["steps"]
    assert [s["args"][0][0] for s in steps] == [f["name"] for f in figure["frames"]]
    assert figure["layout"]["sliders"][0]["active"] == len(steps) - 1
    labels = _map_locations(figure["data"])
    assert labels["Counts as a member"] == ["NOR"]
    assert labels["No longer counts"] == ["EST"]  # withdrew in March 2020
    assert labels["Disputed territory, shown separately"] == ["ESH"]
    first = _map_locations(_merge(figure["data"], figure["frames"][0]["data"]))
    assert first["Counts as a member"] == []  # May 2019: announced, not yet signed
    rule = tiny.rule(tiny.accord.default_rule)
    assert status_on(tiny, rule, tiny.state("estonia"), dt.date(2019, 7, 1)) == "counts"
    assert "Disputed land" in chart.note
    assert chart.summary.startswith("As of 2021, 1 state counts as members")


def _merge(base: list[dict[str, Any]], frame: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**b, **f} for b, f in zip(base, frame, strict=True)]


def _map_locations(traces: list[dict[str, Any]]) -> dict[str, list[str]]:
    return {t["name"]: t["locations"] for t in traces if t["type"] == "choropleth"}


def test_accession_marks_steps_and_says_who_had_relations(charts: dict[str, Chart]) -> None:
    chart = charts["accession"]
    markers = [t for t in chart.figure["data"] if t["mode"] == "markers"]
    assert sum(len(t["x"]) for t in markers) == len(chart.table.rows)
    assert chart.figure["layout"]["yaxis"]["categoryarray"] == ["Estonia", "Norway"]
    assert chart.summary == "Norway and Estonia had no formal relations before joining."


def test_trade_shows_every_source_figure_never_an_average(charts: dict[str, Chart]) -> None:
    chart = charts["trade"]
    points = [(x, y) for t in chart.figure["data"] for x, y in zip(t["x"], t["y"], strict=True)]
    assert sorted(points) == [(2019, 1200), (2020, 1250), (2020, 1300.5)]
    names = [t["name"] for t in chart.figure["data"]]
    assert len(names) == 2 and all(n.startswith("Norway · ") for n in names)
    hovers = [row for t in chart.figure["data"] for row in t["customdata"]]
    assert any("The gazette" in row[4] for row in hovers)
    assert all(row[3].startswith("Source: ") for row in hovers)
    assert len(chart.table.rows) == 3
    assert "1 state-year has figures from more than one source" in chart.summary
    assert charts["state-norway-trade"].series == "catch"


def test_events_link_to_the_timeline(charts: dict[str, Chart]) -> None:
    chart = charts["events"]
    ids = [row[0] for t in chart.figure["data"] for row in t["customdata"]]
    assert sorted(ids) == ["compact-signed", "estonia-withdraws"]
    links = [row[2] for row in chart.table.rows]
    assert all(isinstance(link, Link) and link.page == "timeline.md" for link in links)
    assert chart.summary == (
        "2 events from 1 Jun 2019 to Mar 2020; the most frequent category is agreement (1)."
    )


def test_state_status_chart(charts: dict[str, Chart]) -> None:
    chart = charts["state-estonia-status"]
    assert [t["y"][0] for t in chart.figure["data"]] == [
        "Agreement signed",
        "Withdrew from the accord",
    ]
    assert chart.summary.endswith("the latest is “Withdrew from the accord” (Mar 2020).")


def test_csv_has_exactly_the_table(charts: dict[str, Chart]) -> None:
    for chart in charts.values():
        rows = list(csv.reader(io.StringIO(chart_csv(chart))))
        assert tuple(rows[0]) == chart.table.columns
        assert len(rows) - 1 == len(chart.table.rows)


def test_rendered_block_is_accessible_and_safe(tiny: Dataset, charts: dict[str, Chart]) -> None:
    html = render_chart(charts["trade"], "states/norway.md")
    assert (
        '<figcaption class="explainer-chart__title">Catch in the shared zone</figcaption>' in html
    )
    assert 'role="img" aria-label="Catch in the shared zone. 3 figures' in html
    assert "<script" not in html  # instant navigation would run it as JavaScript
    spec = re.search(r'data-figure="([^"]*)"', html)
    assert spec is not None and json.loads(unescape(spec.group(1)))["data"]
    assert "[Download this chart's data (CSV)](../charts/trade.csv)" in html
    assert '[Norway](norway.md){ data-key="norway" }' in html


def _with_note(tiny: Dataset, note: str) -> Dataset:
    """The tiny dataset whose first series holds one observation with this note."""
    obs = tiny.series[0].observations[0].model_copy(update={"note": note})
    series = tiny.series[0].model_copy(update={"observations": (obs,)})
    return Dataset(tiny.accord, tiny.sources, tiny.states, tiny.events, (series,), files=tiny.files)


def test_data_text_is_escaped(tiny: Dataset) -> None:
    hostile = "<img src=x onerror=alert(1)> *bold* [link](x)"
    chart = build_charts(_with_note(tiny, hostile))["trade"]
    html = render_chart(chart, "index.md")
    outside = re.sub(r'data-figure="[^"]*"', "", html)
    assert "<img" not in html and "*bold*" not in outside
    assert "&lt;img src=x onerror=alert(1)&gt; &#42;bold&#42; &#91;link&#93;(x)" in outside
    assert "&lt;img" in chart.figure["data"][0]["customdata"][0][4]


def test_csv_cells_cannot_start_a_spreadsheet_formula(tiny: Dataset) -> None:
    formula = '=HYPERLINK("https://example.com","x")'
    table = chart_csv(build_charts(_with_note(tiny, formula))["trade"])
    cells = [cell for row in csv.reader(io.StringIO(table)) for cell in row]
    assert "'" + formula in cells
    assert formula not in cells


def test_chart_marker(tiny: Dataset) -> None:
    assert "chart" in EXPANDERS
    html = expand_markers("<!-- explainer:chart members -->", tiny, "index.md", "docs/index.md")
    assert 'id="chart-members"' in html
    with pytest.raises(DataError, match="unknown chart id 'nope'"):
        expand_markers("<!-- explainer:chart nope -->", tiny, "index.md", "docs/index.md")


def test_chart_settings_are_checked(tiny: Dataset) -> None:
    with pytest.raises(ValueError, match="unknown chart settings: colour"):
        ChartOptions.from_settings({"charts": {"colour": "red"}})
    with pytest.raises(ValueError, match="is not a series"):
        build_charts(tiny, ChartOptions(trade_series="nope"))


def test_vendored_assets_match_their_hashes() -> None:
    for asset in SERVED:
        assert read_asset(asset)
    assert "BHR" in centroids() and "BHR" not in drawn_countries()  # marker-only states
    assert "ESH" in drawn_countries()
    readme = (Path(__file__).parent.parent / "hooks/explainer/assets/VENDOR.md").read_text()
    assert all(asset.sha256 in readme for asset in SERVED)


# --- the real data ----------------------------------------------------------------------


def test_real_accession_shows_relations_before_joining(real: Dataset) -> None:
    chart = build_charts(real)["accession"]
    bars = chart.figure["data"][0]
    spans = {}
    for i in range(0, len(bars["x"]), 3):
        spans.setdefault(bars["y"][i], bars["x"][i])
    assert spans["Kazakhstan"] == "1992-04-10"
    for name in ("United Arab Emirates", "Bahrain", "Morocco"):
        assert spans.get(name, "9999") >= "2020-08-13"  # relations only with or after joining
    assert chart.summary.startswith("Kazakhstan had 33 years of diplomatic relations")
    assert re.search(
        r"United Arab Emirates, Bahrain, .*Morocco had no formal relations", chart.summary
    )


def test_real_charts_match_the_dataset(real: Dataset) -> None:
    options = ChartOptions(trade_series="trade-with-israel", disputed=(SAHARA,))
    charts = build_charts(real, options)
    assert {"map", "accession", "members", "events", "trade"} <= set(charts)
    for state in real.states:
        assert (f"state-{state.slug}-status" in charts) == bool(state.status)
    trade = charts["trade"]
    series = next(s for s in real.series if s.id == "trade-with-israel")
    plotted = sorted(y for t in trade.figure["data"] for y in t["y"])
    assert plotted == sorted(o.value for o in series.observations)
    events = charts["events"]
    assert sum(len(t["x"]) for t in events.figure["data"]) == len(real.events)
    members = charts["members"].figure["data"]
    for trace, rule in zip(members, real.accord.counting_rules, strict=True):
        assert trace["y"][-1] == len(real.members(rule))
    assert "ESH" in str(charts["map"].figure["data"])
