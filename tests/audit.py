"""`make audit`: build the real site, serve it with gzip, and run every quality gate on it.

Gates: internal links and anchors, HTML validation (vnu), axe-core on every page in both
palettes with the Content-Security-Policy watched, reading without JavaScript, Lighthouse
on four pages, zizmor on the workflows and hashed lock files. Prints one report; exits 1
if any gate fails. Usage: python -m tests.audit [--skip lighthouse,html] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.audit_tools import ROOT, require_tools

GATES = ("links", "html", "browser", "lighthouse", "supply")
# Failures known and owned elsewhere, matched narrowly: printed every run, not failing it.
# Remove an entry as soon as its fix lands; a stale entry matches nothing and says so.
KNOWN: dict[str, str] = {}  # pattern -> why and whose; empty: nothing is excused today


def run_gates(site: Path, base_url: str, skip: set[str], runs: int) -> dict[str, list[str]]:
    """Each gate's failures, by gate name; also prints each gate's progress and tables."""
    from tests import audit_browser, audit_html, audit_lighthouse, audit_links, audit_supply

    def browser() -> list[str]:
        pages = audit_browser.html_pages(site)
        with audit_browser.chromium() as chromium:
            failures = audit_browser.audit_with_javascript(chromium, base_url, pages)
            failures += audit_browser.audit_instant_navigation(chromium, base_url)
            failures += audit_browser.audit_without_javascript(chromium, base_url, pages)
        print(f"  {len(pages)} pages, light and dark palettes, then without JavaScript")
        return failures

    def lighthouse() -> list[str]:
        lines, failures = audit_lighthouse.audit_lighthouse(base_url, site, runs)
        print("\n".join("  " + line for line in lines))
        return failures

    gates: dict[str, Callable[[], list[str]]] = {
        "links": lambda: audit_links.check_links(site, base_url),
        "html": lambda: audit_html.validate_html(site),
        "browser": browser,
        "lighthouse": lighthouse,
        "supply": lambda: audit_supply.check_locks() + audit_supply.audit_workflows(),
    }
    results = {}
    for name, gate in gates.items():
        if name in skip:
            continue
        started = time.monotonic()
        print(f"== {name}", flush=True)
        results[name] = gate()
        took = time.monotonic() - started
        print(f"  {len(results[name])} failure(s) in {took:.0f} s", flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip", default="", help=f"comma-separated gates to skip: {GATES}")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    args = parser.parse_args(argv)
    skip = {name for name in args.skip.split(",") if name}
    if skip - set(GATES):
        parser.error(f"unknown gate(s) {sorted(skip - set(GATES))}; the gates are {GATES}")
    require_tools()

    from tests.audit_server import serve
    from tests.conftest import build_site

    with tempfile.TemporaryDirectory(prefix="audit-") as folder, serve(Path(folder)) as url:
        # The site is built for the address it is served from: sitemap and canonical URLs.
        os.environ["SITE_URL"] = url
        started = time.monotonic()
        site = build_site(ROOT / "mkdocs.yml", Path(folder))
        print(f"built {ROOT / 'mkdocs.yml'} in {time.monotonic() - started:.1f} s, served at {url}")
        results = run_gates(site, url, skip, args.runs)

    return report(results)


def report(results: dict[str, list[str]]) -> int:
    """Print the summary; known failures are listed apart. Returns the exit status."""
    print("\n== audit summary")
    seen: set[str] = set()
    failed = False
    for name, failures in results.items():
        new = [f for f in failures if not _known(f, seen)]
        known = len(failures) - len(new)
        failed = failed or bool(new)
        status = "ok" if not new else f"{len(new)} failure(s)"
        print(f"  {name:12} {status}" + (f" (+{known} known, below)" if known else ""))
        for failure in new:
            print(f"    {failure}")
    for pattern, why in KNOWN.items():
        print(f"  known: {why}" if pattern in seen else f"  stale KNOWN entry: {pattern}")
    return 1 if failed else 0


def _known(failure: str, seen: set[str]) -> bool:
    for pattern in KNOWN:
        if re.search(pattern, failure):
            seen.add(pattern)
            return True
    return False


if __name__ == "__main__":
    sys.exit(main())
