"""`make bench`: how long the site takes to build, against a bare Material site, and as it grows.

1. The real site and a bare mkdocs-material site with the same pages (the Markdown the
   engine generates, built without hooks), alternately in fresh processes; medians, ratio.
2. The real data at 1x, 10x and 100x (tests/bench_data.py): build time, peak memory and
   where the time goes.
3. `mkdocs serve`: the time from saving a YAML file to the rebuilt page being served.
Prints one table. Figures are measured here and never asserted.
Usage: python -m tests.bench [--runs 5] [--scales 1,10,100] [--skip-serve]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SITE_PARTS = ("mkdocs.yml", "docs", "overrides", "data")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": f"{ROOT / 'hooks'}:{ROOT}"}


def copy_real_site(destination: Path) -> Path:
    """The site's sources in a folder of their own, hooks still taken from this repo.

    The copy has no git history, so page dates fall back to the build date."""
    destination.mkdir(parents=True)
    for part in SITE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        elif source.is_file():
            shutil.copy2(source, destination / part)
    config = destination / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  - hooks/main.py", f"  - {ROOT / 'hooks' / 'main.py'}")
    text = text.replace("\n  - hooks\n", f"\n  - {ROOT / 'hooks'}\n")
    config.write_text(text, encoding="utf-8")
    return destination


def make_bare_site(destination: Path, markdown: Path) -> Path:
    """mkdocs-material, no hooks, the real site's features, and the real pages' final Markdown.

    `markdown` holds every page as the engine hands it to MkDocs (markers expanded), so the
    bare site has the same pages with the same content: the difference is the engine.
    """
    shutil.copytree(markdown, destination / "docs")
    features = "[navigation.instant, navigation.sections, navigation.indexes, navigation.top]"
    (destination / "mkdocs.yml").write_text(
        "site_name: Bare baseline\nsite_url: http://127.0.0.1:8000/\n"
        f"theme:\n  name: material\n  font: false\n  features: {features}\n"
        "markdown_extensions: [attr_list, md_in_html, tables, admonition, "
        "{toc: {permalink: true}}]\n",
        encoding="utf-8",
    )
    return destination


def timed_build(config: Path, site: Path, *options: str) -> dict[str, Any]:
    """One build in a fresh Python process (imports included, as `mkdocs build` pays them)."""
    command = [sys.executable, "-m", "tests.bench_build", str(config), str(site), *options]
    done = subprocess.run(
        command,
        env=ENV, cwd=ROOT, capture_output=True, text=True, timeout=3600,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"build of {config} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def compare_with_bare(work: Path, runs: int) -> list[str]:
    real = ROOT  # the repository itself, git history included, as `make build` runs
    dump = work / "markdown"
    pages = timed_build(real / "mkdocs.yml", work / "real-site", str(dump), "--dump")["pages"]
    bare = make_bare_site(work / "bare", dump)
    timed_build(bare / "mkdocs.yml", work / "bare-site", "--lax")  # warm the file cache
    times: dict[str, list[float]] = {"real": [], "bare": []}
    for _run in range(runs):
        for name, folder in (("real", real), ("bare", bare)):
            options = ("--lax",) if name == "bare" else ()
            build = timed_build(folder / "mkdocs.yml", work / f"{name}-site", *options)
            times[name].append(build["seconds"])
    real_s, bare_s = statistics.median(times["real"]), statistics.median(times["bare"])
    return [
        f"real site build ({pages} pages), median of {runs}   {real_s:8.2f} s",
        f"bare mkdocs-material, same Markdown, median of {runs} {bare_s:8.2f} s",
        f"ratio real / bare (target <= 1.3)            {real_s / bare_s:8.2f}",
    ]


def scaling(work: Path, scales: list[int]) -> list[str]:
    from tests.bench_data import scale

    header = f"{'scale':>6} {'states':>7} {'events':>7} {'pages':>6} {'build s':>8} {'peak MiB':>9}"
    stages = ("loading", "validation", "pages", "figures", "mkdocs+material")
    lines = [header + "".join(f" {s:>15}" for s in stages)]
    for k in scales:
        site = copy_real_site(work / f"x{k}")
        counts = scale(site / "data", k)
        result = timed_build(site / "mkdocs.yml", work / f"x{k}-site", "--stages")
        split = "".join(f" {result['stages'].get(s, 0.0):15.2f}" for s in stages)
        lines.append(
            f"{k:>5}x {counts['states']:>7} {counts['events']:>7} {result['pages']:>6} "
            f"{result['seconds']:8.1f} {result['peak_mib']:9.0f}{split}"
        )
        shutil.rmtree(site)
        shutil.rmtree(work / f"x{k}-site", ignore_errors=True)
    return lines


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def serve_latency(work: Path, edits: int = 3) -> list[str]:
    """Save a state's YAML file, then poll its page until the new text is served."""
    site = copy_real_site(work / "serve")
    port = _free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-f",
               str(site / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]  # fmt: skip
    quiet = subprocess.DEVNULL
    server = subprocess.Popen(command, env=ENV, stdout=quiet, stderr=quiet)
    page = f"http://127.0.0.1:{port}/states/kazakhstan/"
    state = site / "data" / "states" / "kazakhstan.yml"
    original = state.read_text(encoding="utf-8")
    delays = []
    try:
        deadline = time.monotonic() + 120
        while "Kazakhstan" not in _fetch(page) and time.monotonic() < deadline:
            time.sleep(0.2)
        for edit in range(edits):
            marker = f"Benchmark edit {edit}."
            text = original.replace("summary: >-\n", f"summary: >-\n  {marker}\n", 1)
            started = time.monotonic()
            state.write_text(text, encoding="utf-8")
            while marker not in _fetch(page):
                if time.monotonic() - started > 120:
                    raise RuntimeError(f"{marker!r} never appeared at {page}")
                time.sleep(0.05)
            delays.append(time.monotonic() - started)
            time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    median = statistics.median(delays)
    return [f"mkdocs serve: YAML saved -> page rebuilt, median of {edits}  {median:6.2f} s"]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} CPUs, {memory:.0f} GiB RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--skip-serve", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        work = Path(folder)
        lines = compare_with_bare(work, args.runs)
        print("\n".join(lines), flush=True)
        table = scaling(work, [int(k) for k in args.scales.split(",")])
        print("\n".join(table), flush=True)
        serve = [] if args.skip_serve else serve_latency(work)
    print("\n== benchmark")
    print(f"machine: {machine()}")
    print("\n".join([*lines, "", *table, "", *serve]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
