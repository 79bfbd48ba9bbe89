"""MkDocs adapter: the only file that knows MkDocs. The engine is `hooks/explainer/`."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from explainer import security, site
from explainer.errors import DataError

log = get_plugin_logger("explainer")
_serving = False
_build: site.Build | None = None


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    root = Path(config.config_file_path).resolve().parent
    _build = site.prepare(
        root / "data",
        root,
        config.extra.get("explainer", {}),
        site_name=config.site_name,
        site_url=config.site_url or "",
        directory_urls=config.use_directory_urls,
    )
    if _build.error is not None:
        _report(_build.error)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    assert _build is not None  # on_config always runs first
    generated = _build.files()
    unlisted = _build.unlisted_pages()
    for path, content in generated.items():
        inclusion = InclusionLevel.NOT_IN_NAV if path in unlisted else InclusionLevel.UNDEFINED
        files.append(File.generated(config, path, content=content, inclusion=inclusion))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _build is not None
    display = Path(config.docs_dir, page.file.src_uri)
    try:
        return _build.expand(markdown, page.file.src_uri, _relative(display, config))
    except DataError as error:
        _report(error)
        return _build.error_notice(error) + markdown


def on_page_context(
    context: dict[str, object], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, object]:
    assert _build is not None
    edit_url = _build.edit_url(page.file.src_uri)
    if edit_url is not None:
        page.edit_url = edit_url
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    assert _build is not None
    return _secure(_build.add_head_links(output), page.content or "")


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return _secure(output_content) if template_name.endswith(".html") else output_content


def _secure(html: str, content: str = "") -> str:
    """The page's Content-Security-Policy; not under `mkdocs serve`, whose live reload is inline."""
    return html if _serving else security.add_policy(html, content)


def _relative(path: Path, config: MkDocsConfig) -> str:
    root = Path(config.config_file_path).resolve().parent
    return path.relative_to(root).as_posix()


def _report(error: DataError) -> None:
    """Log every data error; stop a build, keep `mkdocs serve` running with a notice."""
    for issue in error.issues:
        log.error(str(issue))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print("\n".join(issue.github_annotation() for issue in error.issues))
    if not _serving:
        raise PluginError(error.report())
