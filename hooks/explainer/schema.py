"""JSON Schemas generated from the models, committed for editors (yaml-language-server)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from explainer.models import AccordFile, EventsFile, SeriesFile, SourcesFile, StateFile

SCHEMAS: dict[str, type[BaseModel]] = {
    "accord": AccordFile,
    "sources": SourcesFile,
    "state": StateFile,
    "events": EventsFile,
    "series": SeriesFile,
}


def render_schema(model: type[BaseModel]) -> str:
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = out / f"{name}.schema.json"
        path.write_text(render_schema(model), encoding="utf-8")
        written.append(path)
    return written
