"""The Atom feed at /feed.xml, read by feedparser, and the <link> to it in every page's head.

Replicate by hand: mkdocs build -f tests/fixtures/tiny_site/mkdocs.yml -d /tmp/tiny, then
`python -c "import feedparser; print(feedparser.parse('/tmp/tiny/feed.xml'))"`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import feedparser  # type: ignore[import-untyped]

from explainer.exports import Publication
from explainer.feeds import add_head_link, render_feed
from explainer.loading import load_dataset
from explainer.revisions import DataVersion
from tests.conftest import TINY_SITE

SITE_URL = "http://127.0.0.1:8000/"  # the tiny site's site_url
DATASET = load_dataset(TINY_SITE / "data")


def test_the_feed_parses_as_atom_with_every_event(tiny_site: Path) -> None:
    feed = feedparser.parse((tiny_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "The Tidewater Compact: timeline"
    assert len(feed.entries) == len(DATASET.events)
    assert {entry.title for entry in feed.entries} == {event.title for event in DATASET.events}


def test_entries_are_newest_first(tiny_site: Path) -> None:
    feed = feedparser.parse((tiny_site / "feed.xml").read_bytes())
    published = [entry.published_parsed for entry in feed.entries]
    assert published == sorted(published, reverse=True)
    assert feed.entries[0].title == DATASET.events_in_order()[-1].title


def test_entries_link_to_their_anchor_on_the_timeline(tiny_site: Path) -> None:
    feed = feedparser.parse((tiny_site / "feed.xml").read_bytes())
    timeline = (tiny_site / "timeline" / "index.html").read_text(encoding="utf-8")
    for entry in feed.entries:
        assert entry.link.startswith(f"{SITE_URL}timeline/#"), entry.link
        anchor = entry.link.split("#", 1)[1]
        assert f'id="{anchor}"' in timeline, f"no anchor #{anchor} on the timeline"
        assert entry.id == entry.link


def test_every_page_links_the_feed_in_its_head(tiny_site: Path) -> None:
    pages = sorted(tiny_site.rglob("index.html"))
    assert len(pages) >= 8
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        links = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', head)
        assert len(links) == 1, f"{page.relative_to(tiny_site)} has {len(links)} feed links"
        assert f'href="{SITE_URL}feed.xml"' in links[0]


def test_feed_text_is_escaped() -> None:
    event = DATASET.events[0].model_copy(
        update={"title": "<script>alert(1)</script> & more", "summary": "a ]]> b < c"}
    )
    dataset = dataclasses.replace(DATASET, events=(event, *DATASET.events[1:]))
    publication = Publication("Site & co", SITE_URL, DataVersion(None, dt.date(2026, 1, 1)))
    xml = render_feed(dataset, publication)
    assert "<script>" not in xml
    feed = feedparser.parse(xml.encode())
    assert not feed.bozo
    titles = [entry.title for entry in feed.entries]
    assert "<script>alert(1)</script> & more" in titles


def test_the_head_link_is_added_once() -> None:
    publication = Publication('A "site"', SITE_URL, DataVersion(None, dt.date(2026, 1, 1)))
    html = add_head_link("<html><head><title>x</title></head><body></body></html>", publication)
    assert add_head_link(html, publication) == html
    assert 'title="A &quot;site&quot;: timeline"' in html
