"""CONTRIBUTING.md, the pre-commit hooks and the PR template stay true to the code."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from explainer.errors import DataError
from explainer.loading import load_dataset
from tests.conftest import ROOT, TINY_SITE

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_the_guide_names_the_commands_that_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in set(re.findall(r"`make (\w+)`", GUIDE)):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), f"no make target {target!r}"


def test_every_pre_commit_hook_uses_a_locked_tool_or_make() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    lock = (ROOT / "requirements-dev.lock").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for repo in config["repos"]:
        assert repo["repo"] == "local", "hooks run from .venv, never from a downloaded repo"
        for hook in repo["hooks"]:
            assert hook["language"] == "system"
            command = hook["entry"].split()
            if command[0] == "make":
                assert re.search(rf"^{command[1]}:", makefile, re.MULTILINE), hook["id"]
            else:
                tool = command[0].removeprefix(".venv/bin/")
                assert re.search(rf"^{tool}==", lock, re.MULTILINE), f"{tool} is not locked"


@pytest.mark.parametrize(
    ("date", "source"),
    [("2025-11-31", "tidewater-text"), ("2019-06-01", "tidewater-txt")],
)
def test_the_error_example_is_what_the_checker_says(tmp_path: Path, date: str, source: str) -> None:
    data = shutil.copytree(TINY_SITE / "data", tmp_path / "data")
    norway = data / "states" / "norway.yml"
    text = norway.read_text(encoding="utf-8")
    text = text.replace("{date: 2019-06-01, kind: signed", f"{{date: {date}, kind: signed")
    norway.write_text(text.replace("sources: [tidewater-text]}\n", f"sources: [{source}]}}\n", 1))
    with pytest.raises(DataError) as raised:
        load_dataset(data)
    messages = [issue.message for issue in raised.value.issues]
    if date == "2025-11-31":
        assert "'2025-11-31' is not a date (write YYYY-MM-DD with a real month and day)" in (
            messages
        )
        assert messages[0] in GUIDE
    else:
        unknown = "unknown source 'tidewater-txt' (add it to a file in data/sources/ or fix the id)"
        assert unknown in messages
        assert "(add it to a file in data/sources/ or fix the id)" in GUIDE


def test_the_pull_request_template_has_the_checklist() -> None:
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for item in ["sources", "`make check`", "`make schema`", "data/schema/"]:
        assert item in template
