"""One build of the site: the dataset (or its errors) and everything generated from it.

The MkDocs adapter asks this object for files, marker expansions, nav entries and edit
links; nothing here knows MkDocs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explainer.dataset import Dataset
from explainer.errors import DataError
from explainer.loading import load_dataset
from explainer.markers import expand_markers
from explainer.pages import GeneratedPage, render_all, state_page_path
from explainer.text import plain

# Generated pages that hand-written nav entries may point at; shown with the error notice
# while the data is broken, so `mkdocs serve` keeps serving.
PLACEHOLDER_PAGES = ("states/index.md", "timeline.md", "sources.md")


@dataclass
class Build:
    """The result of reading the data folder once, for one build."""

    dataset: Dataset | None
    error: DataError | None
    settings: Mapping[str, Any] = field(default_factory=dict)

    def pages(self) -> list[GeneratedPage]:
        if self.dataset is None:
            return []
        return render_all(self.dataset)

    def files(self) -> dict[str, str | bytes]:
        """Every generated file, by its path in the site's sources."""
        if self.dataset is None:
            notice = self.error_notice(self.error) if self.error else ""
            return {path: f"# Data errors\n\n{notice}" for path in PLACEHOLDER_PAGES}
        generated: dict[str, str | bytes] = {}
        self._generated_pages = {page.path: page for page in self.pages()}
        for path, page in self._generated_pages.items():
            generated[path] = page.markdown
        return generated

    def expand(self, markdown: str, page: str, display_path: str) -> str:
        if self.dataset is None:
            return self.error_notice(self.error) + markdown
        return expand_markers(markdown, self.dataset, page, display_path)

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


def prepare(data_dir: Path, root: Path, settings: Mapping[str, Any] | None = None) -> Build:
    try:
        return Build(load_dataset(data_dir, display_root=root), None, settings or {})
    except DataError as error:
        return Build(None, error, settings or {})


def extend_nav(nav: list[Any] | None, build: Build) -> list[Any] | None:
    """Replace a `states/index.md` nav entry with a section listing every state page."""
    if nav is None or build.dataset is None:
        return nav
    states = [{s.name: state_page_path(s.slug)} for s in build.dataset.states]
    return [_expand_entry(entry, states) for entry in nav]


def _expand_entry(entry: Any, states: list[dict[str, str]]) -> Any:
    if isinstance(entry, dict) and len(entry) == 1:
        (title, value), = entry.items()
        if value == "states/index.md":
            return {title: ["states/index.md", *states]}
        if isinstance(value, list):
            return {title: [_expand_entry(item, states) for item in value]}
    return entry
