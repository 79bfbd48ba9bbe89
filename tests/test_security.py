"""Hostile text in the data comes out escaped; the policy lets only the theme's scripts run.

Every string of a copy of the tiny site's data gets script and event-handler payloads
appended; fields that then fail validation (ids, dates, URLs) are put back and the rest
stay hostile. The built pages must show the payloads as text and contain no markup that
could run them. Replicate: pytest tests/test_security.py -k payloads
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from explainer.errors import DataError
from explainer.loading import load_dataset
from explainer.security import add_policy, inline_script_hashes
from explainer.yamlfiles import format_loc, read_yaml
from tests.audit_supply import check_locks, unhashed_requirements
from tests.conftest import ROOT, TINY_SITE, build_site, copy_site

PAYLOAD = (
    ' <script>alert(1)</script> "><img src=x onerror=alert(1)> [x](javascript:alert(1))'
    " {{7*7}} {% raw %} </script><script>alert(2)</script> <b onmouseover=alert(3)>b</b>"
    " &lt;script&gt;alert(9)&lt;/script&gt;"
)
# For names, which may hold neither <, > nor &...;: attribute break-outs, templates, links.
MILD_PAYLOAD = " \" onmouseover=alert(4) x=\" ' onfocus=alert(5) ' {{7*7}} [y](javascript:alert(7))"
PAYLOADS = (PAYLOAD, MILD_PAYLOAD, "")
SHOWN = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{7*7}}", "&lt;script&gt;")


def _leaves(value: Any, loc: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, (*loc, key))]
    if isinstance(value, list | tuple):
        return [leaf for i, item in enumerate(value) for leaf in _leaves(item, (*loc, i))]
    return [loc] if isinstance(value, str) else []


def _set(value: Any, loc: tuple[str | int, ...], new: str) -> None:
    for part in loc[:-1]:
        value = value[part]
    value[loc[-1]] = new


def poison(data: Path) -> int:
    """Append PAYLOAD to every string that still validates; returns how many kept it."""
    documents = {}
    for file in sorted(data.rglob("*.yml")):
        document, issues = read_yaml(file, file.relative_to(data.parent).as_posix())
        assert document is not None, issues
        value = json.loads(json.dumps(document.value))  # tuples -> lists, to edit in place
        documents[file.relative_to(data.parent).as_posix()] = (file, value)
    originals = {
        (name, loc): _get(value, loc) for name, (_, value) in documents.items()
        for loc in _leaves(value)
    }  # fmt: skip
    level = dict.fromkeys(originals, 0)  # index into PAYLOADS, raised when a field rejects one
    for _attempt in range(30):
        for key, text in originals.items():
            _set(documents[key[0]][1], key[1], text + PAYLOADS[level[key]])
        for file, value in documents.values():
            file.write_text(json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8")
        try:
            load_dataset(data, display_root=data.parent)
            return sum(1 for n in level.values() if PAYLOADS[n])
        except DataError as error:
            rejected = _rejected(level, error)
            if not rejected:
                raise
            for key in rejected:
                level[key] += 1
    raise AssertionError("the poisoned data never validated")


def _rejected(level: dict[Any, int], error: DataError) -> set[Any]:
    """The hostile fields an error names; a field's own error first, else its container's
    ("needs at least 1 item" follows from a bad item and names no field to put back)."""
    hostile = {key: format_loc(key[1]) for key, n in level.items() if PAYLOADS[n]}
    named = {(issue.path, issue.field) for issue in error.issues}
    exact = {key for key, field in hostile.items() if (key[0], field) in named}
    return exact or {
        key for key, field in hostile.items() for path, prefix in named
        if key[0] == path and field.startswith(prefix)
    }  # fmt: skip


def _get(value: Any, loc: tuple[str | int, ...]) -> Any:
    for part in loc:
        value = value[part]
    return value


class _Markup(HTMLParser):
    """What a browser would run: scripts, event handlers, javascript: URLs; and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith(
                ("javascript:", "data:text/html")
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.problems.append("<img src=x> from the data")
        if tag == "script":
            self._script = dict(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is None:
            self.text.append(data)
            return
        if self._script.get("type") == "application/json":
            json.loads(data)  # a data block the payload broke out of would not parse
        elif "alert(" in data:
            self.problems.append(f"script from the data: {data[:80]!r}")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    site = copy_site(TINY_SITE, tmp_path_factory.mktemp("hostile") / "src")
    kept = poison(site / "data")
    return build_site(site / "mkdocs.yml", site / "site"), kept


def test_payloads_in_every_text_field_come_out_escaped(hostile_site: tuple[Path, int]) -> None:
    site, kept = hostile_site
    assert kept >= 20, f"only {kept} strings accepted the payload; the test lost its reach"
    shown = ""
    for page in sorted(site.rglob("*.html")):
        markup = _Markup()
        markup.feed(page.read_text(encoding="utf-8"))
        assert not markup.problems, f"{page.relative_to(site)}: {markup.problems[:5]}"
        shown += "".join(markup.text)
    for payload in SHOWN:
        assert payload in shown, f"{payload!r} is never shown as text: dropped, not escaped?"


def test_policy_allows_the_theme_scripts_only() -> None:
    theme = "<script>var palette = 1</script>"
    content = "<p>prose</p><script>alert(1)</script>"
    page = f'<html><head><meta charset="utf-8"></head><body>{theme}{content}</body></html>'
    secured = add_policy(page, content)
    assert secured.index('http-equiv="Content-Security-Policy"') < secured.index("<script")
    (allowed,) = inline_script_hashes(theme)
    assert allowed in secured
    assert inline_script_hashes("<script>alert(1)</script>")[0] not in secured
    assert "'unsafe-inline'" not in secured.split("script-src")[1]


def test_data_blocks_and_external_scripts_need_no_hash() -> None:
    page = (
        '<script type="application/json">{"a": 1}</script><script src="x.js"></script>'
        '<script type="module">go()</script>'
    )
    assert len(inline_script_hashes(page)) == 1


def test_every_built_page_carries_the_policy(tiny_site: Path) -> None:
    for page in sorted(tiny_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in html, page
        for source in inline_script_hashes(html):
            assert source in html.split("Content-Security-Policy", 1)[1].split(">", 1)[0]


def test_lock_files_are_pinned_and_hashed(tmp_path: Path) -> None:
    assert check_locks(ROOT) == []
    bad = tmp_path / "requirements.lock"
    bad.write_text("pyyaml==6.0.2 \\\n    --hash=sha256:00\nrequests>=2\nclick==8.1.7\n")
    assert unhashed_requirements(bad) == [
        "requirements.lock: not pinned with ==: requests>=2",
        "requirements.lock: no hash: click==8.1.7",
    ]


def test_names_cannot_carry_character_references() -> None:
    """The theme's `striptags` decodes them in <title>: `&lt;/title&gt;` would end it."""
    from pydantic import TypeAdapter, ValidationError

    from explainer.models import Name

    names = TypeAdapter(Name)
    assert names.validate_python("Trade & tourism, AT&T") == "Trade & tourism, AT&T"
    for hostile in ("&lt;/title&gt;&lt;script&gt;", "A &#60; B", "A &#x3c; B"):
        with pytest.raises(ValidationError):
            names.validate_python(hostile)
