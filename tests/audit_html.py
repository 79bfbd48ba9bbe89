"""HTML validation of every built page with the Nu Html Checker (vnu.jar, Java)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from tests.audit_tools import VNU

# Errors in Material's own templates, accepted on purpose: (message, markup, why). Each is
# matched on the message and on the markup it points at, so a new error of the same kind in
# our own markup still fails.
ACCEPTED: tuple[tuple[str, str, str], ...] = (
    (
        r"^Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"',
        "Material stops Firefox restoring its drawer/search toggles on reload; browsers "
        "ignore the attribute otherwise",
    ),
    (
        r"^Bad value “” for attribute “tabindex” on element “label”",
        r'<label class="md-nav__link[^"]*" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label"',
        "Material's section labels (nav-item.html) render an empty tabindex, which browsers "
        "treat as absent: the section stays out of the tab order, as intended",
    ),
    (
        r"^The value of the “for” attribute of the “label” element must be the ID of a non-hid",
        r'<label class="md-nav__title" for="__toc">',
        "on section index pages (navigation.indexes) Material renders the table of "
        "contents' title label without the toggle it names; the label is only a heading",
    ),
)


def validate_html(site: Path) -> list[str]:
    """vnu errors as 'file:line: message'. Replicate: java -jar <vnu.jar> --errors-only <site>."""
    command = ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json",
               str(site)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    report = json.loads(done.stderr or done.stdout or '{"messages": []}')
    failures = []
    for message in report["messages"]:
        text = message.get("message", "")
        extract = message.get("extract", "")
        if any(re.search(m, text) and re.search(x, extract) for m, x, _why in ACCEPTED):
            continue
        where = Path(message.get("url", "").removeprefix("file:")).relative_to(site.resolve())
        failures.append(f"vnu {where}:{message.get('lastLine', '?')}: {text}")
    return failures
