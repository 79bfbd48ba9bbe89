"""Real builds: the tiny fixture and the real site build strictly; bad data stops the build."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_site

MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def html_of(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_tiny_site_has_every_generated_page(tiny_site: Path) -> None:
    for page in [
        "index.html",
        "states/index.html",
        "states/norway/index.html",
        "states/estonia/index.html",
        "states/iceland/index.html",
        "timeline/index.html",
        "sources/index.html",
    ]:
        assert (tiny_site / page).is_file(), page


def test_markers_are_filled_in_the_built_home_page(tiny_site: Path) -> None:
    html = html_of(tiny_site, "index.html")
    assert "explainer:" not in html
    assert re.search(r"<time datetime=\"2021\">2021</time>, 1 states", html)
    assert '<a href="states/norway/">Norway</a>' in html


def test_timeline_has_stable_anchors_and_time_elements(tiny_site: Path) -> None:
    html = html_of(tiny_site, "timeline/index.html")
    assert '<article class="explainer-event" id="compact-signed">' in html
    assert '<time datetime="2019-06-01">1 Jun 2019</time>' in html
    assert html.index('id="compact-signed"') < html.index('id="estonia-withdraws"')


def test_citations_link_to_the_bibliography(tiny_site: Path) -> None:
    state = html_of(tiny_site, "states/estonia/index.html")
    assert '<a href="../../sources/#source-coastal-gazette-2020"' in state
    bibliography = html_of(tiny_site, "sources/index.html")
    assert 'id="source-coastal-gazette-2020"' in bibliography
    assert '<a href="../states/estonia/">Estonia</a>' in bibliography


def test_edit_link_points_at_the_data_file(tiny_site: Path) -> None:
    html = html_of(tiny_site, "states/norway/index.html")
    assert 'href="https://github.com/example/tidewater/edit/main/data/states/norway.yml"' in html


def test_states_are_reached_from_their_index_not_the_nav(tiny_site: Path) -> None:
    """The nav, written into every page, must not grow with the number of states."""
    index = html_of(tiny_site, "states/index.html")
    home = html_of(tiny_site, "index.html")
    for name in ["Estonia", "Iceland", "Norway"]:
        assert f'href="{name.lower()}/">{name}</a>' in index
        assert f'href="states/{name.lower()}/"' not in home.split('<div class="md-content"')[0]


def test_no_request_to_another_origin_is_built_in(tiny_site: Path) -> None:
    for page in tiny_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "api.github.com" not in html, page
        loads = re.findall(r'<script[^>]+src="(https?://[^"]+)"', html) + [
            href
            for tag in re.findall(r"<link[^>]+>", html)
            if not re.search(r'rel="(canonical|alternate)"', tag)
            for href in re.findall(r'href="(https?://[^"]+)"', tag)
        ]
        assert loads == [], f"{page} loads from another origin"


@pytest.mark.slow
def test_the_real_site_builds_strictly(real_site: Path) -> None:
    for page in [
        "states/index.html",
        "states/israel/index.html",
        "states/united-states/index.html",
        "states/united-arab-emirates/index.html",
        "states/bahrain/index.html",
        "states/morocco/index.html",
        "states/sudan/index.html",
        "states/kazakhstan/index.html",
        "timeline/index.html",
        "sources/index.html",
    ]:
        assert (real_site / page).is_file(), page
    kazakhstan = html_of(real_site, "states/kazakhstan/index.html")
    assert '<time datetime="1992-04-10">10 Apr 1992</time>' in kazakhstan
    assert '<time datetime="2025-11-06">6 Nov 2025</time>' in kazakhstan


def _broken_copy(tmp_path: Path) -> Path:
    site = copy_site(ROOT / "tests" / "fixtures" / "tiny_site", tmp_path / "site")
    norway = site / "data" / "states" / "norway.yml"
    norway.write_text(norway.read_text().replace("date: 2019-05,", "date: 2025-13-06,"))
    return site


def test_bad_data_stops_a_strict_build_without_a_traceback(tmp_path: Path) -> None:
    site = _broken_copy(tmp_path)
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(site / "mkdocs.yml"), "-d", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        "data/states/norway.yml:10:12: status[0].date: '2025-13-06' is not a date "
        "(write YYYY-MM-DD with a real month and day)"
    ) in output
    assert "Traceback" not in output
    assert not (tmp_path / "out" / "index.html").exists(), "a half-built site was left behind"


def test_github_actions_get_annotations(tmp_path: Path) -> None:
    site = _broken_copy(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "explainer", "check", str(site / "data")],
        capture_output=True,
        text=True,
        cwd=site,
        env={**ENV, "GITHUB_ACTIONS": "true", "PYTHONPATH": str(ROOT / "hooks")},
        check=False,
    )
    assert result.returncode == 1
    assert (
        "::error file=data/states/norway.yml,line=10,col=12,title=Data error::status[0].date: "
        in result.stdout
    )
