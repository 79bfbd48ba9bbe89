"""Numbered citations, rendered the same way on every page and linked to the bibliography."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup

from explainer.dataset import Dataset
from explainer.models import Source
from explainer.text import attribute, link_between

BIBLIOGRAPHY = "sources.md"


def source_anchor(source_id: str) -> str:
    return f"source-{source_id}"


@dataclass
class Citations:
    """Collects the sources a page cites, numbering them in order of first use."""

    dataset: Dataset
    page: str
    order: list[str] = field(default_factory=list)

    def number(self, source_id: str) -> int:
        if source_id not in self.order:
            self.order.append(source_id)
        return self.order.index(source_id) + 1

    def cite(self, source_ids: Iterable[str]) -> Markup:
        """`<sup>` markers like [1][3], each a link to the bibliography entry."""
        parts = []
        for source_id in source_ids:
            source = self.dataset.source(source_id)
            href = link_between(self.page, BIBLIOGRAPHY, source_anchor(source_id))
            title = attribute(f"{source.publisher}: {source.title}")
            parts.append(f'[\\[{self.number(source_id)}\\]]({href} "{title}")')
        return Markup(f'<sup class="explainer-cite">{"".join(parts)}</sup>')

    def entries(self) -> list[tuple[int, Source, Markup]]:
        """(number, source, bibliography link) for the page's closing source list."""
        return [
            (
                number,
                self.dataset.source(source_id),
                Markup(link_between(self.page, BIBLIOGRAPHY, source_anchor(source_id))),
            )
            for number, source_id in enumerate(self.order, start=1)
        ]
