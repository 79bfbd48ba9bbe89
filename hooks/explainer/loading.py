"""data/ -> Dataset: strict reading, validation into models, checks across files.

Every problem is collected and reported at once as `file:line:col: field: message`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from explainer.checks import Loaded, Scope, check_all
from explainer.dataset import Dataset
from explainer.errors import DataError, DataIssue
from explainer.messages import describe
from explainer.models import (
    AccordFile,
    EventsFile,
    SeriesFile,
    SourcesFile,
    StateFile,
)
from explainer.yamlfiles import Loc, YamlDocument, format_loc, read_yaml

M = TypeVar("M", bound=BaseModel)

# Where each kind of file lives under data/, and the model that validates it.
LAYOUT: dict[str, type[BaseModel]] = {
    "accord.yml": AccordFile,
    "sources/*.yml": SourcesFile,
    "states/*.yml": StateFile,
    "events/*.yml": EventsFile,
    "series/*.yml": SeriesFile,
}
IGNORED = ("schema/*.schema.json", "README.md")


class _Collector:
    def __init__(self) -> None:
        self.issues: list[DataIssue] = []

    def at(self, doc: YamlDocument, loc: Loc, message: str, *, key: bool = False) -> None:
        line, column = doc.position(loc, key=key)
        self.issues.append(DataIssue(doc.path, line, column, format_loc(loc), message))


def load_dataset(data_dir: Path, *, display_root: Path | None = None) -> Dataset:
    """Read and check every file under `data_dir`; raise DataError listing every problem."""
    root = display_root or data_dir.parent
    out = _Collector()
    loaded: dict[str, list[Loaded]] = {pattern: [] for pattern in LAYOUT}
    failed: dict[str, list[Path]] = {pattern: [] for pattern in LAYOUT}
    if not data_dir.is_dir():
        raise DataError([DataIssue(_show(data_dir, root), 1, 1, "", "no data folder here")])
    for file, pattern in _discover(data_dir, root, out):
        item = _load_file(file, _show(file, root), LAYOUT[pattern], out)
        if item is not None:
            loaded[pattern].append(item)
        else:
            failed[pattern].append(file)
    if not loaded["accord.yml"]:
        if not failed["accord.yml"]:
            out.issues.append(
                DataIssue(_show(data_dir / "accord.yml", root), 1, 1, "", "accord.yml is missing")
            )
        raise DataError(out.issues)
    dataset = _assemble(loaded)
    # Cross-file checks run even when some files failed, so one run reports everything;
    # they only skip what a failed file could have satisfied.
    check_all(
        dataset,
        [item for items in loaded.values() for item in items],
        out.at,
        scope=Scope(
            extra_states=frozenset(file.stem for file in failed["states/*.yml"]),
            sources_complete=not failed["sources/*.yml"],
            citations_complete=not any(failed.values()),
        ),
    )
    if out.issues:
        raise DataError(out.issues)
    return dataset


def _show(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _discover(data_dir: Path, root: Path, out: _Collector) -> Iterator[tuple[Path, str]]:
    """Yield each data file with its layout pattern; a stray file is an error, not ignored."""
    for file in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        relative = file.relative_to(data_dir)
        pattern = next((p for p in LAYOUT if relative.match(p) and _depth_ok(relative, p)), None)
        if pattern is not None:
            yield file, pattern
        elif not any(relative.match(p) for p in IGNORED) and not relative.name.startswith("."):
            out.issues.append(
                DataIssue(
                    _show(file, root),
                    1,
                    1,
                    "",
                    "this file is not read by the site (data files are accord.yml, "
                    "sources/*.yml, states/*.yml, events/*.yml, series/*.yml; "
                    "rename it with .yml or move it)",
                )
            )


def _depth_ok(relative: Path, pattern: str) -> bool:
    return len(relative.parts) == len(Path(pattern).parts)


def _load_file(file: Path, display: str, model: type[M], out: _Collector) -> Loaded | None:
    document, issues = read_yaml(file, display)
    out.issues.extend(issues)
    if document is None:
        return None
    try:
        instance = model.model_validate(document.value)
    except ValidationError as error:
        for detail in error.errors():
            loc = tuple(part for part in detail["loc"] if isinstance(part, (str, int)))
            on_key = detail["type"] == "extra_forbidden"
            out.at(document, loc, describe(detail, model), key=on_key)
        return None
    if hasattr(instance, "slug") or isinstance(instance, SeriesFile):
        name = instance.slug if isinstance(instance, StateFile) else getattr(instance, "id", "")
        if file.stem != name:
            field = "slug" if isinstance(instance, StateFile) else "id"
            out.at(
                document,
                (field,),
                f"{name!r} must match the file name {file.stem!r} (rename one of them)",
            )
            return None
    return Loaded(instance, document)


def _assemble(loaded: dict[str, list[Loaded]]) -> Dataset:
    accord = loaded["accord.yml"][0]
    files = {"accord": accord.document.path}
    for item in loaded["states/*.yml"]:
        files[f"state:{item.model.slug}"] = item.document.path
    for item in loaded["series/*.yml"]:
        files[f"series:{item.model.id}"] = item.document.path
    for item in loaded["events/*.yml"]:
        for event in item.model.events:
            files.setdefault(f"event:{event.id}", item.document.path)
    for item in loaded["sources/*.yml"]:
        for source in item.model.sources:
            files.setdefault(f"source:{source.id}", item.document.path)
    return Dataset(
        accord=accord.model,
        sources=tuple(s for i in loaded["sources/*.yml"] for s in i.model.sources),
        states=tuple(sorted((i.model for i in loaded["states/*.yml"]), key=lambda s: s.name)),
        events=tuple(e for i in loaded["events/*.yml"] for e in i.model.events),
        series=tuple(sorted((i.model for i in loaded["series/*.yml"]), key=lambda s: s.id)),
        denied_domains=tuple(d for i in loaded["sources/*.yml"] for d in i.model.denied_domains),
        files=files,
    )
