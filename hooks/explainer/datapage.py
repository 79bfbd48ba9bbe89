"""The /data/ page: the downloads, a codebook from the models, the version, citing, licences."""

from __future__ import annotations

from dataclasses import dataclass

from explainer.dataset import Dataset
from explainer.exports import DATA_PAGE, LICENSES, Publication, package_name
from explainer.feeds import FEED_PATH
from explainer.pages import GeneratedPage, render
from explainer.revisions import human
from explainer.schema import SCHEMAS
from explainer.tables import LIST_SEPARATOR, TABLES, Table


@dataclass(frozen=True)
class Download:
    """One file on the data page: its link from the page, and what it holds."""

    href: str
    label: str
    holds: str


def downloads(dataset: Dataset) -> list[Download]:
    """Every file under /data/ and the feed, with a line on what each holds."""
    files = [
        Download(t.path, t.path, f"{t.description} {_count(len(list(t.rows(dataset))))}")
        for t in TABLES
    ]
    files.append(
        Download(
            "dataset.json",
            "dataset.json",
            "Everything above and the accord itself "
            "(documents, counting rules), nested as in the data files, with the version.",
        )
    )
    files.append(
        Download(
            "datapackage.json",
            "datapackage.json",
            "A Frictionless Data Package "
            "describing the CSV files: column types, meanings, keys and the licence.",
        )
    )
    files += [
        Download(
            f"schema/{name}.schema.json",
            f"schema/{name}.schema.json",
            f"JSON Schema for the {name} data files, generated from the models.",
        )
        for name in SCHEMAS
    ]
    files.append(Download(f"../{FEED_PATH}", FEED_PATH, "An Atom feed of the timeline."))
    return files


def _count(rows: int) -> str:
    return f"{rows} row{'s' if rows != 1 else ''}."


def codebook(table: Table) -> list[tuple[str, str, str, str]]:
    """(column, type, meaning, allowed values) for each column of a table."""
    rows = []
    for column in table.columns:
        kind = column.type + ("" if column.required else ", optional")
        allowed = dict(column.constraints).get("enum", [])
        rows.append((column.name, kind, column.description, ", ".join(allowed)))
    return rows


def citations(dataset: Dataset, publication: Publication) -> dict[str, list[str]]:
    """How to cite the data: a short line, a full reference, and BibTeX lines."""
    version, url = publication.version, publication.url(DATA_PAGE)
    title = f"{dataset.accord.name}: open data"
    authors = f"Contributors to {publication.site_name}"
    short = f"{publication.site_name} ({version.date.year}), data version {version.short}, {url}"
    full = (
        f"{authors} ({version.date.year}). {title}. Version {version.short} of "
        f"{human(version.date)}; status as of {human(dataset.as_of)}. "
        f"{url}. Licence: {publication.data_license}."
    )
    key = f"{package_name(dataset.accord.short_name)}-{version.date.year}"
    bibtex = [
        f"@misc{{{key},",
        f"  author = {{{{{authors}}}}},",
        f"  title = {{{title}}},",
        f"  year = {{{version.date.year}}},",
        f"  version = {{{version.short}}},",
        f"  note = {{Status as of {dataset.as_of.isoformat()}; {publication.data_license}}},",
        f"  url = {{{url}}}",
        "}",
    ]
    return {"short": [short], "full": [full], "bibtex": bibtex}


def _commit_url(publication: Publication) -> str:
    commit, repository = publication.version.commit, publication.repository.rstrip("/")
    return f"{repository}/commit/{commit}" if commit and repository else ""


def render_data_page(dataset: Dataset, publication: Publication) -> GeneratedPage:
    """The generated data/index.md; its data is every file under data/."""
    data_license = LICENSES.get(publication.data_license, (publication.data_license, ""))
    code_license = LICENSES.get(publication.code_license, (publication.code_license, ""))
    markdown = render(
        "data.md.j2",
        dataset=dataset,
        publication=publication,
        downloads=downloads(dataset),
        tables=[(table, codebook(table)) for table in TABLES],
        separator=LIST_SEPARATOR,
        cite=citations(dataset, publication),
        data_license=data_license,
        code_license=code_license,
        repository=publication.repository.rstrip("/"),
        commit_url=_commit_url(publication),
    )
    inputs = tuple(sorted(set(dataset.files.values())))
    return GeneratedPage(DATA_PAGE, markdown, None, inputs)
