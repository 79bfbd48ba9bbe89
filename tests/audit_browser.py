"""The built site in Chromium: axe-core on every page in both palettes, the policy, no JavaScript.

With JavaScript on, each page is scrolled to its end so that every chart is drawn before
axe-core runs: plotly's own markup is checked, not excluded. Any Content-Security-Policy
violation, page error or request to another origin is a failure too. With JavaScript off,
each page must still show its text, its tables and every chart's data table.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

from tests.audit_tools import AXE, CHROME_ARGS, chromium_path

# Collects policy violations from the first script on; init scripts are exempt from the CSP.
WATCH_POLICY = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile}:${e.lineNumber}`);
});
"""
# Scrolls in steps so lazy charts draw; setTimeout, not requestAnimationFrame, which a
# background page never fires (the audit would then wait forever).
SCROLL_TO_END = """async () => {
  for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y);
    await new Promise((done) => setTimeout(done, 40));
  }
  scrollTo(0, 0);
}"""
AXE_RUN = """async () => {
  const timeout = new Promise((_, fail) =>
    setTimeout(() => fail(new Error("axe timed out")), 60000));
  const result = await Promise.race([axe.run(document, {resultTypes: ["violations"]}), timeout]);
  return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + ": " + n.failureSummary)}));
}"""
NO_JS_CHECK = """() => {
  const main = document.querySelector("main article, main");
  const problems = [];
  if (!main || main.innerText.trim().length < 40) problems.push("main text missing");
  for (const figure of document.querySelectorAll("figure.explainer-chart")) {
    if (!figure.querySelector("table")) problems.push(`chart ${figure.id} has no data table`);
  }
  const hidden = [...document.querySelectorAll("main table")].filter(
    (t) => !t.closest("details") && t.getClientRects().length === 0);
  if (hidden.length) problems.push(`${hidden.length} table(s) not displayed`);
  return {problems, tables: document.querySelectorAll("main table").length};
}"""


def html_pages(site: Path) -> list[str]:
    """Every page of the site as a URL path, '' for the home page."""
    pages = []
    for index in sorted(site.rglob("*.html")):
        relative = index.relative_to(site).as_posix()
        pages.append(relative.removesuffix("index.html"))
    return pages


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROME_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def audit_with_javascript(browser: Browser, base_url: str, pages: list[str]) -> list[str]:
    """axe-core violations (light and dark), policy violations, errors, foreign requests."""
    failures: list[str] = []
    axe = AXE.read_text(encoding="utf-8")
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        context.add_init_script(WATCH_POLICY)
        page = context.new_page()
        problems = _watch(page, base_url)
        for path in pages:
            print(f"  {scheme}: {path or '(home)'}", flush=True)
            page.goto(base_url + path, wait_until="networkidle")
            page.evaluate(SCROLL_TO_END)
            page.wait_for_load_state("networkidle")
            page.evaluate(axe + "\n;0")
            for violation in page.evaluate(AXE_RUN):
                failures.append(_describe(path or "(home)", scheme, violation))
            failures += [f"{path or '(home)'}: {v}" for v in page.evaluate("__cspViolations")]
        failures += problems
        context.close()
    return failures


def _watch(page: Page, base_url: str) -> list[str]:
    """Page errors, console errors and requests leaving the site, as they happen."""
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"{page.url}: page error {error}"))
    page.on(
        "console",
        lambda m: (
            problems.append(f"{page.url}: console {m.type}: {m.text}")
            if m.type == "error"
            else None
        ),
    )
    page.on(
        "request",
        lambda r: (
            problems.append(f"{page.url}: request to another origin {r.url}")
            if r.url.startswith("http") and not r.url.startswith(base_url)
            else None
        ),
    )
    return problems


def _describe(page: str, scheme: str, violation: dict[str, Any]) -> str:
    nodes = "\n      ".join(violation["nodes"])
    rule = f"{violation['id']} [{violation['impact']}] {violation['help']}"
    return f"axe {page} ({scheme}): {rule}\n      {nodes}"


def audit_instant_navigation(browser: Browser, base_url: str) -> list[str]:
    """Follow nav links with instant navigation on: later pages run under the first policy."""
    context = browser.new_context()
    context.add_init_script(WATCH_POLICY)
    page = context.new_page()
    problems = _watch(page, base_url)
    page.goto(base_url, wait_until="networkidle")
    for label in ("States", "Timeline", "Data", "Kazakhstan"):
        link = page.locator(f"nav.md-nav a.md-nav__link:has-text('{label}')").first
        if link.count() == 0:
            continue
        link.click()
        page.wait_for_load_state("networkidle")
        page.evaluate(SCROLL_TO_END)
        page.wait_for_load_state("networkidle")
    violations = page.evaluate("__cspViolations")
    context.close()
    return problems + [f"after instant navigation: {v}" for v in violations]


def audit_without_javascript(browser: Browser, base_url: str, pages: list[str]) -> list[str]:
    failures = []
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in pages:
        page.goto(base_url + path)
        found = page.evaluate(NO_JS_CHECK)
        failures += [f"no-JS {path or '(home)'}: {problem}" for problem in found["problems"]]
    context.close()
    return failures
