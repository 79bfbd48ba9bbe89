"""Safe text for Markdown pages: data is plain prose, never markup."""

from __future__ import annotations

import html
import posixpath
import re

from markupsafe import Markup

# Characters that Markdown (or its extensions) would read as syntax, written as entities.
_MARKDOWN_SPECIAL = {
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
    "~": "&#126;",
    "^": "&#94;",
}
_SPECIAL = re.compile("[" + re.escape("".join(_MARKDOWN_SPECIAL)) + "]")
_LINE_START = re.compile(r"^(\s?)([#>+:\-]|\d+[.)])")

STEP_LABELS = {
    "recognized": "Recognition",
    "relations-established": "Diplomatic relations established",
    "announced": "Normalization or accession announced",
    "intent-declared": "Intention to join declared",
    "signed": "Agreement signed",
    "ratified": "Ratified or in force",
    "liaison-office-opened": "Liaison office opened",
    "embassy-opened": "Embassy opened",
    "ambassador-appointed": "Ambassador appointed",
    "ambassador-recalled": "Ambassador recalled",
    "downgraded": "Relations downgraded",
    "suspended": "Relations suspended",
    "resumed": "Relations resumed",
    "withdrawn": "Withdrew from the accord",
    "relations-severed": "Relations severed",
}
ROLE_LABELS = {
    "party": "Party",
    "broker": "Broker and witness",
    "member": "Member",
    "candidate": "Candidate",
    "context": "Context",
}


def plain(text: object) -> Markup:
    """Escape text for Markdown and HTML; collapse whitespace so no line starts a block."""
    if isinstance(text, Markup):
        return text
    value = re.sub(r"\s+", " ", str(text))
    value = html.escape(value, quote=True)
    value = _SPECIAL.sub(lambda m: _MARKDOWN_SPECIAL[m.group(0)], value)
    value = _LINE_START.sub(
        lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), value
    )
    return Markup(value)


def link_between(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative Markdown link target from one source page to another (MkDocs checks it)."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    if target == posixpath.basename(from_page) and anchor and from_page == to_page:
        target = ""
    return f"{target}#{anchor}" if anchor else target


def attribute(text: str) -> str:
    """Escape a value for an HTML attribute."""
    return html.escape(text, quote=True)
