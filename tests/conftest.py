"""Shared fixtures: paths, and a strict build of a real MkDocs site into a temporary folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TINY_SITE = FIXTURES / "tiny_site"
BAD_DATA = FIXTURES / "bad_data"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(config_file: Path, site_dir: Path, *, strict: bool = True) -> Path:
    """Build a site strictly, as CI does. Replicate: mkdocs build --strict -f <config_file>."""
    config = load_config(str(config_file), strict=strict, site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


def copy_site(source: Path, destination: Path) -> Path:
    """A writable copy of a site whose hook path still points at this repo's hooks/."""
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns("site"))
    config = destination / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("../../../hooks/main.py", str(ROOT / "hooks" / "main.py"))
    text = text.replace("  - hooks/main.py", f"  - {ROOT / 'hooks' / 'main.py'}")
    config.write_text(text, encoding="utf-8")
    return destination


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The made-up treaty's site, built once per test session."""
    return build_site(TINY_SITE / "mkdocs.yml", tmp_path_factory.mktemp("tiny") / "site")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session."""
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("real") / "site")
