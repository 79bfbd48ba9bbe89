"""Downloads under /data/, written from the one validated Dataset.

CSV tables (see `tables.py`), `dataset.json` with everything, the JSON Schemas, and a
Frictionless `datapackage.json` describing the CSVs, plus the page that explains them.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from explainer.dataset import Dataset
from explainer.revisions import DataVersion
from explainer.schema import SCHEMAS, render_schema
from explainer.tables import LIST_SEPARATOR, TABLES, Table

DATA_DIR = "data"
DATA_PAGE = f"{DATA_DIR}/index.md"
LICENSES = {
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "MIT": ("MIT License", "https://opensource.org/license/mit"),
}


@dataclass(frozen=True)
class Publication:
    """Facts about the site the downloads belong to (from its config, not from data/)."""

    site_name: str
    site_url: str
    version: DataVersion
    repository: str = ""
    data_license: str = "CC-BY-4.0"
    code_license: str = "MIT"
    directory_urls: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    def url(self, page: str, anchor: str = "") -> str:
        """The absolute address of a source page such as 'timeline.md'."""
        path = page.removesuffix(".md")
        if path == "index" or path.endswith("/index"):
            path = path.removesuffix("index")
        elif self.directory_urls:
            path += "/"
        else:
            path += ".html"
        base = self.site_url.rstrip("/") + "/"
        return base + path + (f"#{anchor}" if anchor else "")


def export_files(dataset: Dataset, publication: Publication) -> dict[str, str]:
    """Every download, by its path in the site."""
    files = {f"{DATA_DIR}/{table.path}": write_csv(table, dataset) for table in TABLES}
    files[f"{DATA_DIR}/dataset.json"] = _json(dataset_json(dataset, publication))
    for name, model in SCHEMAS.items():
        files[f"{DATA_DIR}/schema/{name}.schema.json"] = render_schema(model)
    files[f"{DATA_DIR}/datapackage.json"] = _json(datapackage(dataset, publication))
    return files


def write_csv(table: Table, dataset: Dataset) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(column.name for column in table.columns)
    writer.writerows(table.cells(dataset))
    return out.getvalue()


def dataset_json(dataset: Dataset, publication: Publication) -> dict[str, Any]:
    """Everything in data/, as the models hold it, with the version it was built from."""

    def dump(records: Any) -> list[Any]:
        return [record.model_dump(mode="json", exclude_none=True) for record in records]

    return {
        "version": _version(publication.version),
        "as_of": dataset.as_of.isoformat(),
        "sources_checked_on": dataset.checked_on.isoformat(),
        "license": publication.data_license,
        "accord": dataset.accord.model_dump(mode="json", exclude_none=True),
        "states": dump(dataset.states),
        "events": dump(dataset.events_in_order()),
        "series": dump(dataset.series),
        "sources": dump(sorted(dataset.sources, key=lambda s: s.id)),
        "denied_domains": list(dataset.denied_domains),
    }


def datapackage(dataset: Dataset, publication: Publication) -> dict[str, Any]:
    """A Frictionless Data Package descriptor for the CSV files."""
    title, path = LICENSES.get(publication.data_license, (publication.data_license, ""))
    package: dict[str, Any] = {
        "name": package_name(dataset.accord.name),
        "title": f"{dataset.accord.name}: open data",
        "description": (
            f"{dataset.accord.summary.strip()} Status as of {dataset.as_of.isoformat()}. "
            f"List cells hold several values separated by '{LIST_SEPARATOR}'; text cells that "
            "would start a spreadsheet formula start with an apostrophe."
        ),
        "homepage": publication.url(DATA_PAGE),
        "version": publication.version.short,
        "created": f"{publication.version.date.isoformat()}T00:00:00Z",
        "licenses": [{"name": publication.data_license, "title": title, "path": path}],
        "resources": [_resource(table) for table in TABLES],
    }
    if publication.repository:
        package["sources"] = [{"title": "Source repository", "path": publication.repository}]
    return package


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [column.frictionless() for column in table.columns]}
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": [mine], "reference": {"resource": other, "fields": [theirs]}}
            for mine, other, theirs in table.foreign_keys
        ]
    return {
        "name": table.name,
        "title": table.title,
        "description": table.description,
        "path": table.path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def package_name(text: str) -> str:
    """A Data Package name: lowercase letters, digits, '-', '.', '_'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "dataset"


def _version(version: DataVersion) -> dict[str, Any]:
    return {"commit": version.commit, "date": version.date.isoformat(), "dirty": version.dirty}


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
