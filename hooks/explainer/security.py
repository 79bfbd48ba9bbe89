"""A Content-Security-Policy for each built page: scripts from the site itself only.

The theme puts a few small inline scripts in every page (its storage helpers, the palette
restore); their sha256 hashes are allowed by name, so nothing else inline can run. Inline
`<script type="application/json">` blocks are data, never executed, and need no hash. The
policy travels in a `<meta http-equiv>` tag because a static host sets no headers.

Instant navigation keeps the first page's policy: scripts that it re-runs on later pages
must have the same text on every page, as the theme's do.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Inline <script> elements; `attributes` tells data blocks and external files apart.
_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?(?P<type>[^"'\s>]+)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_EXECUTABLE_TYPES = {"", "module", "text/javascript", "application/javascript"}
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.I)

# Styles stay open to inline: the theme and plotly.js set style attributes and elements.
POLICY = (
    "default-src 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    "form-action 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    "worker-src 'self'",
)


def inline_script_hashes(html: str) -> list[str]:
    """`'sha256-…'` sources for every executable inline script, in page order, unique."""
    hashes: list[str] = []
    for match in _SCRIPT.finditer(html):
        attributes = match["attributes"]
        if _SRC.search(attributes):
            continue
        found = _TYPE.search(attributes)
        if (found["type"].lower() if found else "") not in _EXECUTABLE_TYPES:
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy_for(html: str) -> str:
    scripts = " ".join(["script-src 'self'", *inline_script_hashes(html)])
    return "; ".join([*POLICY, scripts])


def add_policy(html: str, content: str = "") -> str:
    """The page with its policy as the first thing after `<meta charset>` (or `<head>`).

    Only the theme's scripts are hashed: `content`, the HTML rendered from the page's
    Markdown, is left out, so a script that slipped into the prose or the data never runs.
    """
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        return html
    theme = html.replace(content, "") if content else html
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(theme)}">'
    return html[: anchor.end()] + tag + html[anchor.end() :]
