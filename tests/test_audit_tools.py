"""The audit's and the benchmark's own parts: link checker, gzip server, synthetic data.

The audit itself (`make audit`) needs Chromium, Java and the npm tools; these tests need
none of them. Replicate: pytest tests/test_audit_tools.py
"""

from __future__ import annotations

import gzip
import shutil
import urllib.request
from pathlib import Path

from explainer.loading import load_dataset
from tests.audit_links import check_links
from tests.audit_server import serve
from tests.bench_data import scale
from tests.conftest import TINY_SITE


def _page(site: Path, path: str, body: str) -> None:
    file = site / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")


def test_link_checker_finds_missing_pages_and_anchors(tmp_path: Path) -> None:
    _page(tmp_path, "index.html", '<h2 id="top">x</h2><a href="a/#here">a</a><a href="#top">t</a>')
    _page(
        tmp_path, "a/index.html", '<p id="here"></p><a href="../b/">b</a><a href="../#gone">g</a>'
    )
    _page(tmp_path, "c/index.html", '<a href="http://127.0.0.1:8000/a/#nowhere">abs</a>')
    failures = check_links(tmp_path, "http://127.0.0.1:8000/")
    assert failures == [
        "link a/index.html: ../b/: no such file",
        "link a/index.html: ../#gone: no id 'gone' in index.html",
        "link c/index.html: http://127.0.0.1:8000/a/#nowhere: no id 'nowhere' in index.html",
    ]


def test_server_gzips_text_and_serves_the_404_page(tmp_path: Path) -> None:
    _page(tmp_path, "index.html", "hello " * 200)
    _page(tmp_path, "404.html", "not here")
    with serve(tmp_path) as url:
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert b"hello hello" in gzip.decompress(response.read())
        try:
            urllib.request.urlopen(url + "missing/")
        except urllib.error.HTTPError as error:
            assert error.code == 404 and b"not here" in error.read()
        else:
            raise AssertionError("a missing page was served")


def test_synthetic_data_at_three_times_the_size_still_validates(tmp_path: Path) -> None:
    data = shutil.copytree(TINY_SITE / "data", tmp_path / "data")
    before = load_dataset(TINY_SITE / "data", display_root=TINY_SITE)
    counts = scale(data, 3)
    after = load_dataset(data, display_root=tmp_path)
    assert counts["states"] == len(after.states) == 3 * len(before.states)
    assert len(after.events) == 3 * len(before.events)
