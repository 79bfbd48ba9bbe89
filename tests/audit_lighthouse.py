"""Lighthouse 12 (mobile profile, system Chromium) on a few representative pages.

Each page is measured `runs` times and each category's median is kept: performance moves by
a few points between runs on a busy machine. Thresholds are the targets this site reaches;
`TARGETS` are the issue's, and the report names every target not reached yet.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.audit_tools import ROOT, TOOLS, chromium_path

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# What the audit fails below: the scores reached, less a margin for a busy machine (the
# simulated throttling multiplies the host's own CPU time). Performance is below target:
# Material's bundle alone costs ~1 s of main thread on the mobile profile, and on the
# timeline the page is long (2,400 elements) and Material's script works through all of it.
THRESHOLDS = {"accessibility": 100, "best-practices": 100, "seo": 100}
PERFORMANCE = {"": 80, "states/kazakhstan/": 75, "timeline/": 60, "data/": 75}
# The JSON reports of the last audit, for a closer look (open them in the Lighthouse viewer).
REPORTS = ROOT / ".audit" / "lighthouse"
PAGES = ("", "states/kazakhstan/", "timeline/", "data/")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run"
)


@dataclass(frozen=True)
class PageScores:
    path: str
    page: str
    scores: dict[str, int]
    failed_audits: tuple[str, ...]


def run_lighthouse(url: str, out: Path) -> dict[str, object]:
    """One Lighthouse run; its JSON report. Replicate: see the command in the error."""
    command = [
        "node",
        str(TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=" + ",".join(CATEGORIES),
    ]
    env = {**os.environ, "CHROME_PATH": chromium_path()}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse failed ({' '.join(command)}):\n{done.stderr[-3000:]}")
    report: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return report


def score_page(base_url: str, page: str, runs: int) -> PageScores:
    name = page.strip("/").replace("/", "-") or "home"
    REPORTS.mkdir(parents=True, exist_ok=True)
    reports = [run_lighthouse(base_url + page, REPORTS / f"{name}-{n}.json") for n in range(runs)]
    scores = {
        category: round(statistics.median(_score(r, category) for r in reports))
        for category in CATEGORIES
    }
    return PageScores(page, page or "(home)", scores, _failed_audits(reports[-1]))


def _score(report: dict[str, object], category: str) -> float:
    categories = report["categories"]
    assert isinstance(categories, dict)
    return float(categories[category]["score"] or 0) * 100


def _failed_audits(report: dict[str, object]) -> tuple[str, ...]:
    """Scored audits below 1 in categories other than performance, for the report."""
    audits = report["audits"]
    categories = report["categories"]
    assert isinstance(audits, dict) and isinstance(categories, dict)
    failed = []
    for category in CATEGORIES:
        for ref in categories[category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                failed.append(f"{category}: {ref['id']} ({audit['score']:.2f})")
    return tuple(failed)


def audit_lighthouse(base_url: str, site: Path, runs: int = 3) -> tuple[list[str], list[str]]:
    """Lines of the score table, and the failures (scores below THRESHOLDS)."""
    pages = [p for p in PAGES if (site / p / "index.html").is_file()]
    results = [score_page(base_url, page, runs) for page in pages]
    header = f"{'page':24} " + " ".join(f"{c:>14}" for c in CATEGORIES)
    lines = [header, "-" * len(header)]
    failures = []
    for result in results:
        lines.append(f"{result.page:24} " + " ".join(f"{result.scores[c]:>14}" for c in CATEGORIES))
        for category in CATEGORIES:
            threshold = THRESHOLDS.get(category, PERFORMANCE.get(result.path, 95))
            if result.scores[category] < threshold:
                failures.append(
                    f"lighthouse {result.page} {category} {result.scores[category]} "
                    f"< {threshold}; below 1: {', '.join(result.failed_audits)}"
                )
    missed = [
        f"{r.page} {c} {r.scores[c]} (target {TARGETS[c]})"
        for r in results
        for c in CATEGORIES
        if r.scores[c] < TARGETS[c]
    ]
    lines.append(f"median of {runs} runs per page, mobile profile")
    lines.append("targets not reached: " + ("; ".join(missed) if missed else "none"))
    return lines, failures
