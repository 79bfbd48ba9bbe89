"""Markers in hand-written prose: filled from the data; unknown ones stop the build."""

from __future__ import annotations

import pytest

from explainer.errors import DataError
from explainer.loading import load_dataset
from explainer.markers import EXPANDERS, expand_markers
from tests.conftest import TINY_SITE


@pytest.fixture(scope="module")
def dataset():  # type: ignore[no-untyped-def]
    return load_dataset(TINY_SITE / "data")


def test_count_members_and_as_of(dataset) -> None:  # type: ignore[no-untyped-def]
    text = "<!-- explainer:count signed-compact --> / <!-- explainer:members signed-compact -->"
    assert expand_markers(text, dataset, "index.md", "docs/index.md") == (
        "1 / [Norway](states/norway.md)"
    )
    nested = expand_markers("<!-- explainer:as-of -->", dataset, "a/b.md", "docs/a/b.md")
    assert nested == '<time datetime="2021">2021</time>'


def test_links_are_relative_to_the_page(dataset) -> None:  # type: ignore[no-untyped-def]
    text = expand_markers("<!-- explainer:latest-events 1 -->", dataset, "a/b.md", "x")
    assert text == (
        '- <time datetime="2020-03">Mar 2020</time> · '
        "[Estonia withdraws](../timeline.md#estonia-withdraws)"
    )


def test_unknown_markers_fail_with_page_line_and_column(dataset) -> None:  # type: ignore[no-untyped-def]
    text = (
        "# Title\n\nSome text <!-- explainer:cuont signed-compact -->\n<!-- explainer:count x -->"
    )
    kinds = ", ".join(sorted([*EXPANDERS, "cite", "sources", "claim", "candidates-table"]))
    with pytest.raises(DataError) as raised:
        expand_markers(text, dataset, "index.md", "docs/index.md")
    assert [str(i) for i in raised.value.issues] == [
        "docs/index.md:3:11: <!-- explainer:cuont signed-compact -->: unknown marker kind "
        f"'cuont' (use one of: {kinds})",
        "docs/index.md:4:1: <!-- explainer:count x -->: unknown counting rule 'x' "
        "(use one of: signed-compact, announced)",
    ]


def test_ordinary_comments_are_left_alone(dataset) -> None:  # type: ignore[no-untyped-def]
    text = "<!-- a note --> <!-- explainer-ish -->"
    assert expand_markers(text, dataset, "index.md", "docs/index.md") == text


def test_prose_cites_sources_like_generated_pages(dataset) -> None:  # type: ignore[no-untyped-def]
    text = "A <!-- explainer:cite coastal-gazette-2020 --> B\n\n<!-- explainer:sources -->"
    out = expand_markers(text, dataset, "about.md", "docs/about.md")
    assert '[\\[1\\]](sources.md#source-coastal-gazette-2020 "Coastal Gazette:' in out
    assert '1. <a href="https://gazette.example.com/2020/estonia-withdraws"' in out
    with pytest.raises(DataError, match="unknown source id"):
        expand_markers("<!-- explainer:cite nope -->", dataset, "about.md", "docs/about.md")
