"""Supply chain: the workflows audited with zizmor, every lock file pinned and hashed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from tests.audit_tools import ROOT

_REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?)==\S+")


def unhashed_requirements(lock: Path) -> list[str]:
    """Requirements in a pip lock file that are not pinned with == or carry no --hash."""
    problems = []
    text = lock.read_text(encoding="utf-8").replace("\\\n", " ")
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        if not _REQUIREMENT.match(line):
            problems.append(f"{lock.name}: not pinned with ==: {line[:80]}")
        elif "--hash=sha256:" not in line:
            problems.append(f"{lock.name}: no hash: {line.split()[0]}")
    return problems


def unhashed_npm_packages(lock: Path) -> list[str]:
    """Packages in an npm lock file without an integrity hash."""
    packages = json.loads(lock.read_text(encoding="utf-8")).get("packages", {})
    return [
        f"{lock.relative_to(ROOT)}: no integrity for {name}"
        for name, entry in packages.items()
        if name and not entry.get("link") and "integrity" not in entry
    ]


def check_locks(root: Path = ROOT) -> list[str]:
    problems = []
    for lock in sorted(root.glob("requirements*.lock")):
        problems += unhashed_requirements(lock)
    for lock in sorted(root.glob("tools/*/package-lock.json")):
        problems += unhashed_npm_packages(lock)
    return problems


def audit_workflows(root: Path = ROOT) -> list[str]:
    """zizmor's findings on .github/workflows, offline (no GitHub API calls)."""
    zizmor = Path(sys.executable).parent / "zizmor"
    command = [str(zizmor), "--offline", "--no-progress", "--format", "plain",
               str(root / ".github" / "workflows")]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if done.returncode == 0:
        return []
    return [f"zizmor: {line}" for line in done.stdout.splitlines() if line.strip()][:60] or [
        f"zizmor exited {done.returncode}: {done.stderr[-2000:]}"
    ]
