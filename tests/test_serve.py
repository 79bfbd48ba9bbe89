"""`mkdocs serve` shows data errors and keeps serving, then recovers when the file is fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import TINY_SITE, copy_site


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, needle: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} never appeared at {url}; last page:\n{last[:2000]}")


def test_serve_reports_errors_and_recovers(tmp_path: Path) -> None:
    site = copy_site(TINY_SITE, tmp_path / "site")
    norway = site / "data" / "states" / "norway.yml"
    good = norway.read_text()
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--livereload",
            "-f",
            str(site / "mkdocs.yml"),
            "-a",
            f"127.0.0.1:{port}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        page = f"http://127.0.0.1:{port}/states/norway/"
        _wait_for(page, "A founding signatory.")
        norway.write_text(good.replace("date: 2019-05,", "date: 2025-13-06,"))
        broken = _wait_for(f"http://127.0.0.1:{port}/", "The data has errors")
        assert "data/states/norway.yml:10:12: status&#91;0&#93;.date" in broken
        assert server.poll() is None, "the server stopped"
        norway.write_text(good.replace("A founding signatory.", "A founding signatory, fixed."))
        _wait_for(page, "A founding signatory, fixed.")
        assert "The data has errors" not in _wait_for(f"http://127.0.0.1:{port}/", "Tidewater")
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert "Traceback" not in output
    assert "data/states/norway.yml:10:12: status[0].date" in output
