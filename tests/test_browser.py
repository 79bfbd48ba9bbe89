"""Charts in a real browser: the system Chromium, driven by Playwright, against a built site.

Replicate by hand: make build && python -m http.server -d site 8000, then open a chart page.
These tests fail (never skip) when Chromium cannot start: CI installs Debian's `chromium`.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, TINY_SITE, build_site, copy_site

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]  # fmt: skip
DRAWN = """plot => plot.dataset.state === "drawn"
    && plot.querySelector("svg.main-svg") !== null
    && plot.querySelectorAll("svg.main-svg path, svg.main-svg text").length > 0"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Served:
    """A built site on 127.0.0.1 and the pages in it, split by whether they have charts."""

    root: Path
    url: str
    chart_pages: list[str] = field(default_factory=list)
    plain_pages: list[str] = field(default_factory=list)


def _serve(site: Path, build: Callable[[str], None]) -> Iterator[Served]:
    """Serve `site` on a free port, after building it with that address as its site_url
    (Material's instant navigation fetches sitemap.xml from the site_url's origin)."""
    site.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    served = Served(site, f"http://127.0.0.1:{server.server_address[1]}/")
    build(served.url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    for page in sorted(site.rglob("index.html")):
        path = page.parent.relative_to(site).as_posix()
        path = "" if path == "." else path + "/"
        has_chart = 'class="explainer-chart"' in page.read_text(encoding="utf-8")
        (served.chart_pages if has_chart else served.plain_pages).append(path)
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def tiny_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    work = tmp_path_factory.mktemp("tiny-served")

    def build(url: str) -> None:
        copy = copy_site(TINY_SITE, work / "src")
        config = copy / "mkdocs.yml"
        text = config.read_text(encoding="utf-8").replace("http://127.0.0.1:8000/", url)
        config.write_text(text, encoding="utf-8")
        build_site(config, work / "site")

    yield from _serve(work / "site", build)


@pytest.fixture(scope="session")
def real_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    work = tmp_path_factory.mktemp("real-served")

    def build(url: str) -> None:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SITE_URL", url)
            build_site(ROOT / "mkdocs.yml", work / "site")

    yield from _serve(work / "site", build)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The system Chromium; a failure to start it fails the test run."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Exception as error:  # any launch failure must fail, not skip
            pytest.fail(f"Chromium could not start from {executable}: {error}")
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """A browser page that records console errors and every request it makes."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser: Any) -> Iterator[Any]:
    contexts = []

    def open_page(scheme: str = "light") -> Visit:
        context = browser.new_context(viewport={"width": 1400, "height": 900},
                                      color_scheme=scheme)  # fmt: skip
        contexts.append(context)
        page = context.new_page()
        visit = Visit(page)
        page.on("console", lambda m: m.type == "error" and visit.errors.append(m.text))
        page.on("pageerror", lambda e: visit.errors.append(str(e)))
        page.on("request", lambda r: visit.requests.append(r.url))
        return visit

    yield open_page
    for context in contexts:
        context.close()


def _draw_all(page: Any) -> int:
    plots = page.locator("figure.explainer-chart .explainer-chart__plot")
    for index in range(plots.count()):
        plot = plots.nth(index)
        plot.scroll_into_view_if_needed()
        handle = plot.element_handle()
        try:
            page.wait_for_function(f"({DRAWN})", arg=handle, timeout=20_000)
        except Exception as error:
            state = plot.get_attribute("data-state")
            raise AssertionError(
                f"chart {index} on {page.url} not drawn (state {state})"
            ) from error
    return int(plots.count())


def _only_local(visit: Visit, served: Served) -> None:
    foreign = [url for url in visit.requests if not url.startswith(served.url)]
    assert not foreign, f"requests to other origins: {foreign}"


@pytest.mark.parametrize("site", ["tiny_served", "real_served"])
def test_every_chart_page_draws_every_chart(site: str, visit: Any, request: Any) -> None:
    served: Served = request.getfixturevalue(site)
    assert len(served.chart_pages) >= 3
    view = visit()
    for path in served.chart_pages:
        view.page.goto(served.url + path)
        assert _draw_all(view.page) > 0, path
        assert not view.errors, f"{path}: console errors {view.errors}"
    _only_local(view, served)
    assert any("plotly-geo-4.1.1.min.js" in url for url in view.requests)
    assert any("world_110m.json" in url for url in view.requests)


@pytest.mark.parametrize("site", ["tiny_served", "real_served"])
def test_pages_without_charts_load_no_plotly(site: str, visit: Any, request: Any) -> None:
    served: Served = request.getfixturevalue(site)
    assert served.plain_pages
    view = visit()
    for path in served.plain_pages:
        view.page.goto(served.url + path, wait_until="networkidle")
    assert not [url for url in view.requests if "plotly" in url]
    assert not view.errors
    _only_local(view, served)


def test_instant_navigation_draws_charts(tiny_served: Served, visit: Any) -> None:
    view = visit()
    view.page.goto(tiny_served.url + "sources/", wait_until="networkidle")
    view.page.evaluate("window.__sameDocument = true")
    view.page.locator(".md-nav a[href$='timeline/'] >> visible=true").first.click()
    view.page.wait_for_url("**/timeline/")
    assert _draw_all(view.page) == 1
    assert view.page.evaluate("window.__sameDocument === true"), "navigation was not instant"
    assert not view.errors


def _theme(page: Any) -> dict[str, str]:
    return dict(
        page.evaluate("""() => {
        const gd = document.querySelector(".explainer-chart__plot[data-state=drawn]");
        return {bg: gd._fullLayout.paper_bgcolor, font: gd._fullLayout.font.color,
                svg: getComputedStyle(gd.querySelector("svg.main-svg")).backgroundColor};
    }""")
    )


def test_palette_toggle_rethemes_charts(real_served: Served, visit: Any) -> None:
    view = visit()
    view.page.goto(real_served.url + "timeline/")
    _draw_all(view.page)
    before = _theme(view.page)
    view.page.locator("form[data-md-component=palette] label:visible").first.click()
    view.page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    view.page.wait_for_timeout(200)
    after = _theme(view.page)
    assert after["bg"] != before["bg"] and after["font"] != before["font"]
    assert after["svg"] != before["svg"]
    assert not view.errors


def test_moving_the_time_control_changes_the_map(tiny_served: Served, visit: Any) -> None:
    view = visit()
    view.page.goto(tiny_served.url + "states/")
    _draw_all(view.page)
    plot = view.page.locator("#chart-map .explainer-chart__plot")
    fills = (
        "p => [...p.querySelectorAll('path.choroplethlocation')]"
        ".map(e => getComputedStyle(e).fill).join()"
    )
    before = plot.evaluate(fills)
    plot.scroll_into_view_if_needed()
    box = plot.locator(".slider-rail-touch-rect").bounding_box()
    assert box is not None
    view.page.mouse.click(box["x"] + 5, box["y"] + box["height"] / 2)  # the first date
    view.page.wait_for_function(
        "() => document.querySelector('#chart-map .explainer-chart__plot')"
        ".layout.sliders[0].active === 0"
    )
    view.page.wait_for_timeout(300)
    assert plot.evaluate(fills) != before
    label = plot.locator("text.slider-label").first.text_content() or ""
    assert label == "As of May 2019"
    assert not view.errors


@pytest.mark.parametrize("chart", ["members", "events", "trade", "accession"])
def test_table_rows_match_plotted_points(chart: str, tiny_served: Served, visit: Any) -> None:
    page_of = {"members": "states/", "events": "timeline/", "trade": "", "accession": ""}
    view = visit()
    view.page.goto(tiny_served.url + page_of[chart])
    _draw_all(view.page)
    figure = view.page.locator(f"#chart-{chart}")
    rows = figure.locator("details table tbody tr")
    if chart == "members":
        xs = figure.locator(".explainer-chart__plot").evaluate("p => p.data[0].x.length")
        assert rows.count() == xs
        table = [int(t) for t in rows.locator("td:nth-child(2)").all_text_contents()]
        plotted = figure.locator(".explainer-chart__plot").evaluate("p => p.data[0].y")
        assert table == plotted
    else:
        points = figure.locator("g.scatterlayer g.points path.point").count()
        assert rows.count() == points
