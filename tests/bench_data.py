"""Synthetic data at k times today's size: every state, event, source and observation k times.

Copy number n of a record gets `-x{n}` on its id or slug and ` {n}` on its name; the
references inside a copy point at the copies of the same number, so the scaled data passes
every check the real data does. Copies have no ISO codes (those must be unique; so the copies count
as non-UN states) and are left off the maps. Files are written in block style, as people
write them.
Usage: python -m tests.bench_data SITE_COPY K   (rewrites SITE_COPY/data in place)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

from explainer.yamlfiles import read_yaml

# Keys whose values are ids of other records (or lists of them), renamed in copies.
REFERENCES = {"sources", "states", "state", "parties"}
IDS = {"id", "slug"}
NAMES = {"name", "title"}


def _read(file: Path) -> Any:
    document, issues = read_yaml(file, file.name)
    if document is None:
        raise ValueError(f"{file}: {issues}")
    return json.loads(json.dumps(document.value))


def _copy(value: Any, n: int, known: set[str], key: str = "") -> Any:
    """A copy of a record: ids suffixed, references to known ids suffixed, names numbered."""
    suffix = f"-x{n}"
    if isinstance(value, dict):
        copied = {k: _copy(v, n, known, k) for k, v in value.items() if k not in {"iso2", "iso3"}}
        if "slug" in copied:
            copied["un_member"] = False  # a state without ISO codes must say so
        if "url" in copied:
            copied["url"] = f"{copied['url'].split('#')[0]}#copy-{n}"
        return copied
    if isinstance(value, list):
        return [_copy(item, n, known, key) for item in value]
    if isinstance(value, str):
        if key in IDS or (key in REFERENCES and value in known):
            return value + suffix
        if key in NAMES:
            return f"{value} {n}"
    return value


def _cited(value: Any, key: str = "") -> list[str]:
    if isinstance(value, dict):
        return [i for k, v in value.items() for i in _cited(v, k)]
    if isinstance(value, list):
        return [i for item in value for i in _cited(item, key)]
    return [value] if key == "sources" and isinstance(value, str) else []


def _write(file: Path, value: Any) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=92)
    file.write_text(text, encoding="utf-8")


def scale(data: Path, k: int) -> dict[str, int]:
    """Multiply `data` by k in place; returns how many records of each kind there are now."""
    states = {f: _read(f) for f in sorted((data / "states").glob("*.yml"))}
    events = {f: _read(f) for f in sorted((data / "events").glob("*.yml"))}
    sources = {f: _read(f) for f in sorted((data / "sources").glob("*.yml"))}
    series = {f: _read(f) for f in sorted((data / "series").glob("*.yml"))}
    copied = [*states.values(), *events.values(), *series.values()]
    cited = set(_cited(copied))  # sources cited only by the accord itself are not copied
    known = {s["slug"] for s in states.values()} | cited
    for n in range(2, k + 1):
        for file, state in states.items():
            _write(file.with_name(f"{state['slug']}-x{n}.yml"), _copy(state, n, known))
        for file, doc in events.items():
            copies = {"events": _copy(doc["events"], n, known)}
            _write(file.with_name(f"{file.stem}-x{n}.yml"), copies)
        for file, doc in sources.items():
            records = [item for item in doc.get("sources", []) if item["id"] in cited]
            copies = {"sources": _copy(records, n, known)}
            _write(file.with_name(f"{file.stem}-x{n}.yml"), copies)
    for file, doc in series.items():
        extra = [_copy(doc["observations"], n, known) for n in range(2, k + 1)]
        doc["observations"] = doc["observations"] + [o for batch in extra for o in batch]
        _write(file, doc)
    return {
        "states": len(states) * k,
        "events": sum(len(d["events"]) for d in events.values()) * k,
        "sources": sum(len(d.get("sources", [])) for d in sources.values()) + len(cited) * (k - 1),
        "observations": sum(len(d["observations"]) for d in series.values()),
    }


if __name__ == "__main__":
    print(scale(Path(sys.argv[1]) / "data", int(sys.argv[2])))
