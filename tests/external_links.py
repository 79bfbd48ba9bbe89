"""Check the built site's links to other sites; run weekly by .github/workflows/links.yml.

Not a pull-request gate: other sites' outages and rate limits are not a contributor's fault.
Usage: python -m tests.external_links site   (after `make build`)
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.audit_links import _parse

AGENT = "Mozilla/5.0 (compatible; accords-explainer link check)"
# Answers that mean "the page is there, but robots are not welcome": reported, not failed.
UNWELCOME = {401, 403, 429, 999}


def external_links(site: Path) -> dict[str, list[str]]:
    """Each http(s) URL that leaves the site -> the pages that link to it."""
    found: dict[str, list[str]] = defaultdict(list)
    for page in sorted(site.rglob("*.html")):
        for link in _parse(page).links:
            if link.startswith(("http://", "https://")) and "127.0.0.1" not in link:
                found[link.split("#")[0]].append(page.relative_to(site).as_posix())
    return found


def status_of(url: str) -> int | str:
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": AGENT})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            if method == "GET" or error.code not in {403, 404, 405, 501}:
                return int(error.code)
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            if method == "GET":
                return str(error)
    return "unreachable"


def main(site: Path) -> int:
    links = external_links(site)
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = dict(zip(links, pool.map(status_of, links), strict=True))
    broken = {u: s for u, s in statuses.items() if not (isinstance(s, int) and s < 400)}
    for url, status in sorted(broken.items()):
        kind = "unwelcome" if status in UNWELCOME else "BROKEN"
        print(f"{kind} {status} {url} (on {', '.join(links[url][:3])})")
    failed = [u for u, s in broken.items() if s not in UNWELCOME]
    unwelcome = len(broken) - len(failed)
    print(f"{len(links)} external links, {len(failed)} broken, {unwelcome} unwelcome")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
