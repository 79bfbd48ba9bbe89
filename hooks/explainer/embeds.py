"""A chart as it goes into a page: figure, caption, summary, placeholder, JSON, table, CSV.

The block is Markdown with HTML (md_in_html), so MkDocs checks and rewrites its links. The
figure JSON sits in the placeholder's `data-figure` attribute, which search does not index:
not in a `<script type="application/json">`, because Material's instant navigation re-creates
every script in the content as a JavaScript one and runs it. `docs/javascripts/charts.js`
draws it. The table and the CSV carry exactly the chart's data.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import plotly.io as pio

from explainer.assets import PLOTLY_BUNDLE, TOPOJSON_FOLDER
from explainer.chartdata import Cell, Chart, Link, Table
from explainer.tables import neutralise
from explainer.text import attribute, link_between, plain

CSV_FOLDER = "charts"


def csv_path(chart_id: str) -> str:
    return f"{CSV_FOLDER}/{chart_id}.csv"


def figure_json(chart: Chart) -> str:
    """The figure as JSON with `<`, `>` and `/` escaped, so no data text can form markup."""
    text: str = pio.json.to_json_plotly(chart.figure)
    return text.replace("<", "\\u003c").replace(">", "\\u003e")


def render_chart(chart: Chart, page: str) -> str:
    """The Markdown (with HTML) that shows one chart on `page` (a path like 'states/x.md')."""
    label = f"{chart.title}. {chart.summary}"
    height = int(chart.figure["layout"].get("height", 400))
    note = f'<p class="explainer-chart__note">{plain(chart.note)}</p>\n' if chart.note else ""
    return (
        f'\n<figure class="explainer-chart" id="chart-{chart.id}" markdown>\n'
        f'<figcaption class="explainer-chart__title">{plain(chart.title)}</figcaption>\n'
        f'<p class="explainer-chart__summary">{plain(chart.summary)}</p>\n'
        f'<div class="explainer-chart__plot" role="img" aria-label="{attribute(label)}" '
        f'data-chart="{chart.id}" data-bundle="{PLOTLY_BUNDLE.site_path}" '
        f'data-topojson="{TOPOJSON_FOLDER}" style="height: {height}px" '
        f'data-figure="{attribute(figure_json(chart))}"></div>\n'
        f"{note}\n"
        '<details class="explainer-chart__data" markdown>\n'
        f"<summary>Data table: {plain(chart.title)}</summary>\n\n"
        f"{markdown_table(chart.table, page)}\n"
        "</details>\n\n"
        f"[Download this chart's data (CSV)]({link_between(page, csv_path(chart.id))})"
        f'{{ .explainer-chart__csv download="{chart.id}.csv" }}\n\n'
        "</figure>\n"
    )


def markdown_table(table: Table, page: str) -> str:
    header = "| " + " | ".join(plain(c) for c in table.columns) + " |"
    rule = (
        "| "
        + " | ".join("---:" if _numeric(table, i) else "---" for i in range(len(table.columns)))
        + " |"
    )
    body = ["| " + " | ".join(_cell(value, page) for value in row) + " |" for row in table.rows]
    return "\n".join([header, rule, *body]) + "\n"


def _numeric(table: Table, index: int) -> bool:
    return bool(table.rows) and all(isinstance(r[index], int | float) for r in table.rows)


def _cell(value: Cell, page: str) -> str:
    if isinstance(value, Link):
        href = link_between(page, value.page, value.anchor)
        return f'[{plain(value.text)}]({href}){{ data-key="{attribute(value.key)}" }}'
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return str(value)
    return plain(value)


def chart_csv(chart: Chart) -> str:
    """The chart's table as CSV: the same rows, plain values, numbers unformatted."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(chart.table.columns)
    for row in chart.table.rows:
        writer.writerow([_csv_value(value) for value in row])
    return buffer.getvalue()


def _csv_value(value: Cell) -> Any:
    """Plain values; text that a spreadsheet would run as a formula is neutralised."""
    text = value.text if isinstance(value, Link) else value
    return neutralise(text) if isinstance(text, str) else text
