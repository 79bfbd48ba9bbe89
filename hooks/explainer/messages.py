"""Pydantic's error details rewritten as messages that tell an author what to do."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


def describe(detail: Any, model: type[BaseModel]) -> str:
    """One sentence for one validation error, ending with the fix where there is one."""
    kind = detail["type"]
    value = detail.get("input")
    loc = detail["loc"]
    if kind == "extra_forbidden":
        allowed = ", ".join(_fields_at(model, loc[:-1]))
        return f"unknown field {loc[-1]!r} (remove it or fix the spelling; allowed: {allowed})"
    if kind == "missing":
        return f"required field {loc[-1]!r} is missing (add it)"
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        return f"{value!r} is not allowed here (use one of: {expected})"
    if kind == "string_pattern_mismatch":
        return f"{value!r} {_pattern_hint(loc)}"
    if kind == "string_type":
        return f"{value!r} is not text (put it in quotes)"
    if kind in {"tuple_type", "list_type"}:
        return f"{_short(value)} must be a list (write [a, b] or one '- item' per line)"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"{_short(value)} must be a mapping of fields (key: value)"
    if kind in {"too_short", "too_long"}:
        return _length_message(detail)
    if kind in {"partial_date", "day_date"}:
        return str(detail["msg"])
    if kind in {"greater_than_equal", "less_than_equal"}:
        ctx = detail.get("ctx", {})
        bound = ctx.get("ge", ctx.get("le"))
        word = "at least" if kind == "greater_than_equal" else "at most"
        return f"{_short(value)} is out of range (it must be {word} {bound})"
    if kind == "value_error":
        return str(detail.get("ctx", {}).get("error", detail["msg"])).removeprefix("Value error, ")
    return f"{detail['msg']} (got {_short(value)})"


def _pattern_hint(loc: tuple[Any, ...]) -> str:
    field = next((part for part in reversed(loc) if isinstance(part, str)), "")
    hints = {
        "url": "is not an https:// address (write the full https:// link)",
        "archive_url": "is not an https:// address (write the full https:// link)",
        "iso2": "is not a two-letter ISO 3166-1 code in capitals (e.g. AE)",
        "iso3": "is not a three-letter ISO 3166-1 code in capitals (e.g. ARE)",
        "language": "is not a language code (e.g. en, ar, he, ru)",
    }
    if field in hints:
        return hints[field]
    if field in {"title", "name", "publisher", "label", "holder"}:
        return "must be one line without <, > or &...; references (reword it)"
    if isinstance(loc[-1], int) or field in {"id", "slug", "sources", "states", "parties"}:
        return "is not a valid id (lowercase words joined by hyphens, e.g. united-arab-emirates)"
    return "is empty or not in the expected form (write some text)"


def _length_message(detail: Any) -> str:
    ctx = detail.get("ctx", {})
    if detail["type"] == "too_short":
        need = ctx.get("min_length", 1)
        return f"needs at least {need} item{'s' if need != 1 else ''} (add them)"
    return f"has too many items (at most {ctx.get('max_length')})"


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at a location, found by walking the model's annotations."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
