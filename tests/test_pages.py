"""Golden files for the generated Markdown: the golden diff is the review of a wording change.

Update after an intended change with: UPDATE_GOLDENS=1 make test (then read the diff).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from explainer.loading import load_dataset
from explainer.pages import render_all
from explainer.text import plain
from tests.conftest import TINY_SITE

GOLDEN = Path(__file__).parent / "golden" / "tiny_site"
PAGES = {page.path: page for page in render_all(load_dataset(TINY_SITE / "data"))}


def test_the_expected_pages_are_generated() -> None:
    assert sorted(PAGES) == [
        "sources.md",
        "states/estonia.md",
        "states/iceland.md",
        "states/index.md",
        "states/norway.md",
        "timeline.md",
    ]
    assert PAGES["states/norway.md"].data_file == "data/states/norway.yml"


@pytest.mark.parametrize("path", sorted(PAGES))
def test_generated_page_matches_golden(path: str) -> None:
    golden = GOLDEN / path
    markdown = PAGES[path].markdown
    if os.environ.get("UPDATE_GOLDENS"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(markdown, encoding="utf-8")
    assert golden.exists(), f"no golden file; create it with UPDATE_GOLDENS=1 pytest {__file__}"
    assert markdown == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("[x](javascript:alert(1))", "&#91;x&#93;(javascript:alert(1))"),
        ("# heading", "&#35; heading"),
        ("1. item", "&#49;&#46; item"),
        ("a *b* _c_ `d` | e", "a &#42;b&#42; &#95;c&#95; &#96;d&#96; &#124; e"),
        ("two\n\nparagraphs", "two paragraphs"),
        ('say "hi" & go', "say &quot;hi&quot; &amp; go"),
    ],
)
def test_data_text_is_never_markup(text: str, escaped: str) -> None:
    assert plain(text) == escaped
