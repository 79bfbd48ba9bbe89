"""An Atom feed of the timeline, newest event first, each entry linking to its anchor."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

from explainer.dataset import Dataset
from explainer.exports import Publication
from explainer.models import Event
from explainer.text import attribute

FEED_PATH = "feed.xml"
TIMELINE_PAGE = "timeline.md"
ATOM = "http://www.w3.org/2005/Atom"


def feed_events(dataset: Dataset) -> list[Event]:
    """Newest first; events on the same day keep the timeline's order, reversed."""
    return list(reversed(dataset.events_in_order()))


def render_feed(dataset: Dataset, publication: Publication) -> str:
    """The Atom 1.0 document for /feed.xml. ElementTree escapes every text."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    events = feed_events(dataset)
    self_url = publication.site_url.rstrip("/") + "/" + FEED_PATH
    _text(feed, "id", self_url)
    _text(feed, "title", f"{publication.site_name}: timeline")
    _text(feed, "subtitle", f"New events on the timeline of the {dataset.accord.short_name}.")
    newest = max((_timestamp(e.date.start) for e in events), default=_timestamp(dataset.as_of))
    _text(feed, "updated", newest)
    _link(feed, self_url, "self", "application/atom+xml")
    _link(feed, publication.url(TIMELINE_PAGE), "alternate", "text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", publication.site_name)
    if publication.repository:
        _text(author, "uri", publication.repository)
    for event in events:
        feed.append(_entry(event, publication))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"


def _entry(event: Event, publication: Publication) -> ET.Element:
    entry = ET.Element(f"{{{ATOM}}}entry")
    url = publication.url(TIMELINE_PAGE, event.id)
    _text(entry, "id", url)
    _text(entry, "title", event.title)
    _text(entry, "updated", _timestamp(event.date.start))
    _text(entry, "published", _timestamp(event.date.start))
    _link(entry, url, "alternate", "text/html")
    summary = f"{event.date.human()}: {event.summary.strip()}"
    ET.SubElement(entry, f"{{{ATOM}}}summary", type="text").text = summary
    ET.SubElement(entry, f"{{{ATOM}}}category", term=event.category)
    return entry


def head_link(publication: Publication) -> str:
    """The <link> every page's <head> carries so readers find the feed."""
    href = attribute(publication.site_url.rstrip("/") + "/" + FEED_PATH)
    title = attribute(f"{publication.site_name}: timeline")
    return f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}">'


def add_head_link(html: str, publication: Publication) -> str:
    """Insert the feed link before </head>, once."""
    link = head_link(publication)
    if link in html or "</head>" not in html:
        return html
    return html.replace("</head>", f"  {link}\n  </head>", 1)


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _link(parent: ET.Element, href: str, rel: str, media_type: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", href=href, rel=rel, type=media_type)


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
