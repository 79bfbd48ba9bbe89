"""One timed build in this process, with the time split by stage; prints one JSON line.

Stages are exclusive (a stage called inside another is counted once, in the inner one):
loading (YAML reading), validation (models and cross-record checks), pages (generated
Markdown and marker expansion), figures (chart building), and the rest, MkDocs + Material
(Markdown to HTML, theme templates, search index, writing files).
Usage: python -m tests.bench_build MKDOCS_YML SITE_DIR [--stages] [--lax] [--dump MARKDOWN_DIR]
"""

from __future__ import annotations

import functools
import json
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

STAGES = {
    "loading": [("explainer.loading", "read_yaml")],
    "validation": [("explainer.loading", "load_dataset")],
    "pages": [("explainer.site", "render_all"), ("explainer.site.Build", "expand")],
    "figures": [("explainer.figures", "build_charts")],
}
spent: dict[str, float] = defaultdict(float)
_stack: list[float] = []  # time spent in nested stages, per open stage


def _timed(stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        _stack.append(0.0)
        try:
            return function(*args, **kwargs)
        finally:
            total = time.perf_counter() - started
            nested = _stack.pop()
            spent[stage] += total - nested
            if _stack:
                _stack[-1] += total

    return wrapper


def instrument() -> None:
    """Wrap each stage's functions, wherever a module imported them by name."""
    import importlib

    for stage, targets in STAGES.items():
        for module_name, attribute in targets:
            owner: Any
            if module_name.endswith(".Build"):
                owner = importlib.import_module(module_name.rsplit(".", 1)[0]).Build
            else:
                owner = importlib.import_module(module_name)
            original = getattr(owner, attribute, None)
            if original is None:
                continue
            for module in [m for n, m in sys.modules.items() if n.startswith("explainer")]:
                if getattr(module, attribute, None) is original:
                    setattr(module, attribute, _timed(stage, original))
            setattr(owner, attribute, _timed(stage, original))


def dump_markdown(folder: Path) -> None:
    """Write each page's final Markdown (markers expanded) under `folder`, by source path."""
    from explainer.site import Build

    expand = Build.expand

    def expand_and_dump(self: Build, markdown: str, page: str, display_path: str) -> str:
        expanded = expand(self, markdown, page, display_path)
        (folder / page).parent.mkdir(parents=True, exist_ok=True)
        (folder / page).write_text(expanded, encoding="utf-8")
        return expanded

    Build.expand = expand_and_dump  # type: ignore[method-assign]


def main(
    config_file: Path, site_dir: Path, stages: bool, dump: Path | None = None, strict: bool = True
) -> dict[str, Any]:
    started = time.perf_counter()
    from tests.conftest import build_site

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
    if stages:
        instrument()
    if dump is not None:
        dump_markdown(dump)
    build_site(config_file, site_dir, strict=strict)
    total = time.perf_counter() - started
    result: dict[str, Any] = {
        "seconds": total,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "pages": sum(1 for _ in site_dir.rglob("*.html")),
    }
    if stages:
        result["stages"] = dict(spent)
        result["stages"]["mkdocs+material"] = total - sum(spent.values())
    return result


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    dump = Path(arguments[2]) if "--dump" in sys.argv else None
    strict = "--lax" not in sys.argv  # the bare baseline links to files it does not have
    outcome = main(Path(arguments[0]), Path(arguments[1]), "--stages" in sys.argv, dump, strict)
    print(json.dumps(outcome))
