"""Where the audit's external tools live: the npm packages pinned in tools/audit, Chromium, Java."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools" / "audit"
AXE = TOOLS / "node_modules" / "axe-core" / "axe.min.js"
VNU = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROME_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


class MissingTool(RuntimeError):
    """A tool the audit needs is not installed; the message says how to install it."""


def chromium_path() -> str:
    found = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    found = found or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not found:
        raise MissingTool("no Chromium found: apt-get install chromium, or set CHROMIUM_PATH")
    return found


def require_tools() -> None:
    """Fail early, naming the command that installs what is missing."""
    if not AXE.is_file() or not VNU.is_file():
        raise MissingTool(f"npm tools missing: run `npm ci --prefix {TOOLS.relative_to(ROOT)}`")
    if shutil.which("java") is None:
        raise MissingTool("java missing (for vnu.jar): apt-get install default-jre-headless")
    if shutil.which("node") is None:
        raise MissingTool("node missing (for Lighthouse): install Node.js 20")
    chromium_path()
