"""Which version of the data a build comes from, and when each data file last changed.

Both come from git when it is there. Without git (a tarball, a file not yet committed, an
uncommitted edit) the answer says so and falls back to the build date, so a page never
claims a history it does not have.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from explainer.dataset import Dataset
from explainer.markers import Expander, MarkerError


@dataclass(frozen=True)
class DataVersion:
    """The commit the data was built from (if known), and the day of that commit or build."""

    commit: str | None
    date: dt.date
    dirty: bool = False

    @property
    def short(self) -> str:
        return self.commit[:12] if self.commit else "uncommitted"

    def describe(self) -> str:
        """'commit 0123456789ab of 5 Nov 2025', with a clear label when not from git."""
        if self.commit is None:
            return f"not from a git commit; built on {human(self.date)}"
        suffix = ", plus uncommitted changes" if self.dirty else ""
        return f"commit {self.short} of {human(self.date)}{suffix}"


@dataclass(frozen=True)
class Change:
    """When a data file last changed, and whether that date comes from git."""

    date: dt.date
    from_git: bool


@dataclass(frozen=True)
class Revisions:
    """The data version and the last change of each data file (paths as in `Dataset.files`)."""

    version: DataVersion
    changes: Mapping[str, Change] = field(default_factory=dict)
    built_on: dt.date = field(default_factory=lambda: build_date())

    def last_change(self, files: Iterable[str]) -> Change:
        """The newest change among `files`; the build date, flagged, if git lacks one."""
        found = [self.changes.get(f) for f in files]
        if not found or any(change is None for change in found):
            return Change(self.built_on, False)
        return max((c for c in found if c is not None), key=lambda change: change.date)

    def describe_change(self, files: tuple[str, ...]) -> str:
        """A sentence with a <time> element: when the data behind a page last changed."""
        change = self.last_change(files)
        when = f'<time datetime="{change.date.isoformat()}">{human(change.date)}</time>'
        if not change.from_git:
            return (
                "Its data has uncommitted changes or no git history yet; "
                f"this page was built on {when}."
            )
        where = files[0] if len(files) == 1 else f"its {len(files)} data files"
        return f"Data last changed on {when} (from the git history of {where})."


def changed_expander(revisions: Revisions, inputs_of: Callable[[str], tuple[str, ...]]) -> Expander:
    """The `changed` marker: when the data behind the page it is on last changed."""

    def expand(dataset: Dataset, arg: str, page: str) -> str:
        if arg:
            raise MarkerError("changed takes no argument")
        sentence = revisions.describe_change(inputs_of(page))
        return f'<p class="explainer-changed">{sentence}</p>'

    return expand


def build_date(environ: Mapping[str, str] | None = None) -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH when set (reproducible builds)."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def read_revisions(
    root: Path, data_dir: Path, environ: Mapping[str, str] | None = None
) -> Revisions:
    """Ask git for the version (or take SOURCE_COMMIT) and each data file's last commit."""
    env = os.environ if environ is None else environ
    head = _git(root, "log", "-1", "--format=%H %cI").split()
    commit = env.get("SOURCE_COMMIT", "").strip() or (head[0] if head else "")
    if not commit:
        return Revisions(DataVersion(None, build_date(env)), built_on=build_date(env))
    day = dt.date.fromisoformat(head[1][:10]) if len(head) == 2 else build_date(env)
    dirty = _dirty(root, data_dir)
    changes = {
        path: Change(when, True)
        for path, when in _file_dates(root, data_dir).items()
        if path not in dirty
    }
    return Revisions(DataVersion(commit, day, bool(dirty)), changes, build_date(env))


def _file_dates(root: Path, data_dir: Path) -> dict[str, dt.date]:
    """The newest commit date of each file under data_dir, paths relative to root."""
    log = _git(root, "log", "--format=%x00%cI", "--name-only", "--relative", "--", str(data_dir))
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            current = dt.date.fromisoformat(line[1:11])
        elif line.strip() and current is not None:
            dates.setdefault(line.strip(), current)
    return dates


def _dirty(root: Path, data_dir: Path) -> set[str]:
    """Files under data_dir that differ from the last commit (edited or untracked)."""
    prefix = _git(root, "rev-parse", "--show-prefix").strip()
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", str(data_dir))
    paths = (line[3:].split(" -> ")[-1].strip('"') for line in status.splitlines())
    return {path.removeprefix(prefix) for path in paths}


def _git(root: Path, *args: str) -> str:
    """git's output, or '' when git is missing or `root` is not in a repository."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout if result.returncode == 0 else ""


def human(day: dt.date) -> str:
    """'5 Nov 2025'."""
    return f"{day.day} {day.strftime('%b %Y')}"
