"""One build of the site: the dataset (or its errors) and everything generated from it.

The MkDocs adapter asks this object for files, marker expansions, nav entries and edit
links; nothing here knows MkDocs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explainer.assets import site_files as asset_files
from explainer.chartdata import Chart, ChartOptions
from explainer.corrections import correction_expander
from explainer.datapage import render_data_page
from explainer.dataset import Dataset
from explainer.embeds import chart_csv, csv_path, render_chart
from explainer.errors import DataError, DataIssue
from explainer.exports import DATA_PAGE, Publication, export_files
from explainer.feeds import FEED_PATH, add_head_link, render_feed
from explainer.figures import build_charts
from explainer.loading import load_dataset
from explainer.markers import Expander, MarkerError, expand_markers
from explainer.pages import GeneratedPage, render_all
from explainer.revisions import DataVersion, Revisions, changed_expander, read_revisions
from explainer.text import plain

# Generated pages that hand-written nav entries may point at; shown with the error notice
# while the data is broken, so `mkdocs serve` keeps serving.
PLACEHOLDER_PAGES = ("states/index.md", "timeline.md", "sources.md", DATA_PAGE)


_NO_VERSION = DataVersion(None, dt.date.min)


@dataclass
class Build:
    """The result of reading the data folder once, for one build."""

    dataset: Dataset | None
    error: DataError | None
    settings: Mapping[str, Any] = field(default_factory=dict)
    publication: Publication = field(default_factory=lambda: Publication("", "", _NO_VERSION))
    revisions: Revisions = field(default_factory=lambda: Revisions(_NO_VERSION))
    _charts: dict[str, Chart] | None = field(default=None, init=False, repr=False)

    def pages(self) -> list[GeneratedPage]:
        if self.dataset is None:
            return []
        return render_all(self.dataset, {c.id: c.series for c in self.charts().values()})

    def charts(self) -> dict[str, Chart]:
        """Every chart of the site by id, built once per build (see figures.py)."""
        if self.dataset is None:
            return {}
        if self._charts is None:
            try:
                options = ChartOptions.from_settings(self.settings)
                self._charts = build_charts(self.dataset, options)
            except ValueError as error:
                issue = DataIssue("mkdocs.yml", 1, 1, "extra.explainer.charts", str(error))
                raise DataError([issue]) from error
        return self._charts

    def _chart_files(self) -> dict[str, str | bytes]:
        """Each chart's CSV under charts/, and the vendored plotly.js bundle and topojson."""
        charts = self.charts()
        files: dict[str, str | bytes] = {csv_path(i): chart_csv(c) for i, c in charts.items()}
        files.update(asset_files())
        return files

    def _expand_chart(self, dataset: Dataset, arg: str, page: str) -> str:
        chart = self.charts().get(arg)
        if chart is None:
            shown = ", ".join(list(self.charts())[:8])
            raise MarkerError(f"unknown chart id {arg!r} (use one of: {shown}, ...)")
        return render_chart(chart, page)

    def files(self) -> dict[str, str | bytes]:
        """Every generated file, by its path in the site's sources."""
        if self.dataset is None:
            notice = self.error_notice(self.error) if self.error else ""
            return {path: f"# Data errors\n\n{notice}" for path in PLACEHOLDER_PAGES}
        generated: dict[str, str | bytes] = {}
        self._generated_pages = {page.path: page for page in self.pages()}
        for path, page in self._generated_pages.items():
            generated[path] = page.markdown
        generated.update(self._open_data(self.dataset))
        generated.update(self._chart_files())
        return generated

    def unlisted_pages(self) -> set[str]:
        """Pages reached from an index page, not the navigation: Material writes the whole
        navigation into every page, so it must not grow with the data."""
        pages = getattr(self, "_generated_pages", {})
        return {path for path, page in pages.items() if not page.in_nav}

    def _open_data(self, dataset: Dataset) -> dict[str, str]:
        """The data page, the downloads under data/ and the Atom feed."""
        page = render_data_page(dataset, self.publication)
        self._generated_pages[page.path] = page
        feed = render_feed(dataset, self.publication)
        exports = export_files(dataset, self.publication)
        return {page.path: page.markdown, **exports, FEED_PATH: feed}

    def expand(self, markdown: str, page: str, display_path: str) -> str:
        if self.dataset is None:
            return self.error_notice(self.error) + markdown
        return expand_markers(markdown, self.dataset, page, display_path, self._expanders())

    def _expanders(self) -> dict[str, Expander]:
        """Markers that need more than the dataset: page dates and correction links."""
        return {
            "changed": changed_expander(self.revisions, self._inputs_of),
            "correction": correction_expander(self.settings.get("repository", "")),
            "chart": self._expand_chart,
        }

    def _inputs_of(self, page: str) -> tuple[str, ...]:
        generated = getattr(self, "_generated_pages", {}).get(page)
        if generated is not None and generated.inputs:
            return tuple(generated.inputs)
        return tuple(sorted(set(self.dataset.files.values()))) if self.dataset else ()

    def add_head_links(self, html: str) -> str:
        """Every page's <head> names the Atom feed, so feed readers find it."""
        return add_head_link(html, self.publication) if self.dataset is not None else html

    def edit_url(self, page: str) -> str | None:
        """For a generated page, the edit link of the data file behind it."""
        generated = getattr(self, "_generated_pages", {})
        repository = self.settings.get("repository")
        if page not in generated or not repository or generated[page].data_file is None:
            return None
        branch = self.settings.get("branch", "main")
        return f"{repository.rstrip('/')}/edit/{branch}/{generated[page].data_file}"

    @staticmethod
    def error_notice(error: DataError | None) -> str:
        if error is None:
            return ""
        lines = "\n".join(f"    - {plain(str(issue))}" for issue in error.issues)
        return (
            '!!! failure "The data has errors; this page may be out of date"\n\n'
            f"{lines}\n\n    Fix the files named above; the site rebuilds when you save.\n\n"
        )


def prepare(
    data_dir: Path,
    root: Path,
    settings: Mapping[str, Any] | None = None,
    *,
    site_name: str = "",
    site_url: str = "",
    directory_urls: bool = True,
) -> Build:
    settings = settings or {}
    revisions = read_revisions(root, data_dir)
    publication = Publication(
        site_name,
        site_url,
        revisions.version,
        repository=settings.get("repository", ""),
        directory_urls=directory_urls,
    )
    try:
        dataset = load_dataset(data_dir, display_root=root)
    except DataError as error:
        return Build(None, error, settings, publication, revisions)
    return Build(dataset, None, settings, publication, revisions)
