"""The /data/ page (downloads, codebook, version, citing, licences) and page dates from git.

Replicate by hand: build the tiny site and open /tmp/tiny/data/index.html.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
from pathlib import Path

from explainer.revisions import Change, DataVersion, Revisions, read_revisions
from explainer.tables import TABLES
from explainer.text import plain
from tests.conftest import ROOT, TINY_SITE


def page(site: Path) -> str:
    return (site / "data" / "index.html").read_text(encoding="utf-8")


def test_every_download_on_the_page_exists(tiny_site: Path) -> None:
    hrefs = re.findall(r'<td><a href="([^"]+)">', page(tiny_site))
    assert len(hrefs) >= len(TABLES) + 3
    for href in hrefs:
        assert (tiny_site / "data" / href).resolve().is_file(), href


def test_the_codebook_lists_every_column_with_its_meaning(tiny_site: Path) -> None:
    text = page(tiny_site)
    for table in TABLES:
        assert f'id="codebook-{table.name}"' in text
        for column in table.columns:
            assert f"<code>{plain(column.name)}</code>" in text, column.name
            assert str(plain(column.description)) in text, column.description


def test_version_citation_and_licences_are_stated(tiny_site: Path) -> None:
    text = html.unescape(page(tiny_site))
    assert "Data version:" in text
    assert "Creative Commons Attribution 4.0" in text
    assert "MIT License" in text
    assert "@misc{" in text
    assert "Contributors to The Tidewater Compact" in text


def test_the_page_is_in_the_nav(tiny_site: Path) -> None:
    assert 'href="data/"' in (tiny_site / "index.html").read_text(encoding="utf-8")


def test_every_generated_page_says_when_its_data_changed(tiny_site: Path) -> None:
    pages = ["states/index.html", "states/norway/index.html", "timeline/index.html"]
    for name in [*pages, "sources/index.html", "data/index.html"]:
        text = (tiny_site / name).read_text(encoding="utf-8")
        assert '<p class="explainer-asof">Status as of' in text, name
        changed = re.search(r'<p class="explainer-changed">(.*?)</p>', text)
        assert changed, name
        assert "Data last changed on" in changed[1] or "no git history" in changed[1]


def test_the_version_comes_from_git_here() -> None:
    revisions = read_revisions(TINY_SITE, TINY_SITE / "data")
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert revisions.version.commit == head
    assert "data/states/norway.yml" in revisions.changes


def test_without_git_the_build_date_is_labelled(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    env = {"SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01
    revisions = read_revisions(tmp_path, tmp_path / "data", env)
    assert revisions.version.commit is None
    assert revisions.version.describe() == "not from a git commit; built on 1 Jan 2026"
    sentence = revisions.describe_change(("data/states/x.yml",))
    assert "no git history" in sentence and 'datetime="2026-01-01"' in sentence


def test_source_commit_overrides_git(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    revisions = read_revisions(tmp_path, tmp_path / "data", {"SOURCE_COMMIT": "abc123"})
    assert revisions.version.commit == "abc123"


def test_a_page_dates_from_its_newest_file_unless_one_is_uncommitted() -> None:
    old, new = dt.date(2025, 1, 1), dt.date(2025, 6, 1)
    revisions = Revisions(
        DataVersion("x", new),
        {"a.yml": Change(old, True), "b.yml": Change(new, True)},
        built_on=dt.date(2026, 1, 1),
    )
    assert revisions.last_change(["a.yml", "b.yml"]) == Change(new, True)
    assert revisions.last_change(["a.yml", "new.yml"]) == Change(dt.date(2026, 1, 1), False)
