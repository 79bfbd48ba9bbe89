"""'Suggest a correction' links: one per record, each a pre-filled issue the form accepts.

Replicate by hand: build the tiny site, open /tmp/tiny/states/estonia/index.html and follow
a "Suggest a correction" link.
"""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from explainer.corrections import correction_expander, find_record
from explainer.loading import load_dataset
from explainer.markers import MarkerError
from tests.conftest import ROOT, TINY_SITE

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "correction.yml"
REPOSITORY = "https://github.com/example/tidewater"  # the tiny site's extra.explainer
DATASET = load_dataset(TINY_SITE / "data")
LINK = re.compile(r'<a class="explainer-correct" href="([^"]+)"')


def links_on(site: Path, page: str) -> list[dict[str, str]]:
    text = (site / page).read_text(encoding="utf-8")
    found = []
    for href in LINK.findall(text):
        url = urlsplit(html.unescape(href))
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPOSITORY}/issues/new"
        found.append({key: values[0] for key, values in parse_qs(url.query).items()})
    return found


def test_every_state_step_and_claim_has_a_link(tiny_site: Path) -> None:
    for state in DATASET.states:
        links = links_on(tiny_site, f"states/{state.slug}/index.html")
        assert len(links) == 1 + len(state.status) + len(state.claims), state.slug
        assert links[0]["record"] == f"state {state.slug}"
        for query in links:
            assert query["file"] == f"data/states/{state.slug}.yml"
        records = [query["record"] for query in links]
        for index, step in enumerate(state.status):
            assert f"status[{index}] of {state.slug} ({step.kind}, {step.date.iso()})" in records
        for index, claim in enumerate(state.claims):
            assert f"claims[{index}] of {state.slug} (id {claim.id})" in records


def test_every_event_has_a_link(tiny_site: Path) -> None:
    links = links_on(tiny_site, "timeline/index.html")
    assert len(links) == len(DATASET.events)
    for event, query in zip(DATASET.events_in_order(), links, strict=True):
        assert query["record"] == f"event {event.id} ({event.date.iso()})"
        assert query["file"] == "data/events/all.yml"
        assert query["title"] == f"Correction: {event.title}"


def test_links_name_files_that_exist(tiny_site: Path) -> None:
    for page in ["states/estonia/index.html", "timeline/index.html"]:
        for query in links_on(tiny_site, page):
            assert (TINY_SITE / query["file"]).is_file(), query["file"]


def test_the_issue_form_takes_what_the_links_fill_in(tiny_site: Path) -> None:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    for query in links_on(tiny_site, "states/norway/index.html"):
        assert query["template"] == FORM.name
        assert set(query) - {"template", "title"} <= set(fields)
    for required in ["record", "file", "wrong", "right", "source"]:
        assert fields[required]["validations"]["required"] is True, required


@pytest.mark.parametrize(
    "key", ["state:atlantis", "step:norway:0", "step:norway:9", "claim:x", "event:nope"]
)
def test_an_unknown_record_is_an_error(key: str) -> None:
    with pytest.raises(MarkerError, match="no record"):
        find_record(DATASET, key)


def test_a_malformed_record_says_which_forms_work() -> None:
    with pytest.raises(MarkerError, match=r"state:<slug>, step:<slug>:<n>"):
        find_record(DATASET, "norway")


def test_without_a_repository_there_is_no_link() -> None:
    assert correction_expander("")(DATASET, "state:norway", "states/norway.md") == ""


def test_record_text_is_escaped_in_the_link() -> None:
    event = DATASET.events[0].model_copy(update={"title": '"><script>alert(1)</script>'})
    dataset = dataclasses.replace(DATASET, events=(event, *DATASET.events[1:]))
    link = correction_expander(REPOSITORY)(dataset, f"event:{event.id}", "timeline.md")
    assert "<script>" not in link
    assert link.count('"') == 8  # class, href, rel, title: nothing broke out of an attribute
