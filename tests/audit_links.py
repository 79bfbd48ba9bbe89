"""Every internal link and anchor of the built site resolves to a file and an id in it.

External links (http, https, mailto) are left to the weekly links workflow: checking them
on every pull request fails on other sites' outages and rate limits.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

BASE = "http://site.invalid/"


class _Collector(HTMLParser):
    """The ids and the link targets (href, src) of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(str(values[name]))
        for name in ("href", "src"):
            target = values.get(name)
            if target is not None and not (tag == "link" and values.get("rel") == "canonical"):
                self.links.append(target)


def _parse(page: Path) -> _Collector:
    collector = _Collector()
    collector.feed(page.read_text(encoding="utf-8"))
    return collector


def _target_file(site: Path, path: str) -> Path | None:
    """The file a URL path names, as a static host resolves it (folder -> index.html)."""
    candidate = site / unquote(path).lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_links(site: Path, site_url: str = "") -> list[str]:
    """'page: broken link' for each internal link or anchor that does not resolve.

    Absolute links that start with `site_url` (feeds, canonical URLs) are internal too.
    """
    pages = {page: _parse(page) for page in sorted(site.rglob("*.html"))}
    failures = []
    for page, parsed in pages.items():
        url = urljoin(BASE, page.relative_to(site).as_posix())
        for found in parsed.links:
            absolute = site_url and found.startswith(site_url)
            link = BASE + found.removeprefix(site_url) if absolute else found
            target = urlsplit(urljoin(url, link))
            if target.scheme in {"http", "https"} and not urljoin(url, link).startswith(BASE):
                continue
            if target.scheme not in {"http", "https"}:
                continue  # mailto:, data:, javascript: (the security test rules that out)
            file = _target_file(site, target.path)
            where = f"{page.relative_to(site)}: {found}"
            if file is None:
                failures.append(f"link {where}: no such file")
            elif target.fragment and file.suffix == ".html":
                ids = pages[file].ids if file in pages else _parse(file).ids
                if unquote(target.fragment) not in ids:
                    failures.append(f"link {where}: no id {target.fragment!r} in {file.name}")
    return failures
