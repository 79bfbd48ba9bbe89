"""Loading: every bad-data case fails with the file, line, column, field and a fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explainer.errors import DataError
from explainer.loading import load_dataset
from explainer.yamlfiles import MAX_BYTES, read_yaml
from tests.conftest import BAD_DATA, TINY_SITE

CASES = sorted(p.name for p in BAD_DATA.iterdir() if p.is_dir())


def make_case(name: str, tmp_path: Path) -> Path:
    """The tiny site's data with one case's files laid over it (and its removals applied)."""
    data = tmp_path / "data"
    shutil.copytree(TINY_SITE / "data", data)
    if (BAD_DATA / name / "data").is_dir():  # git keeps no empty folder (removal-only cases)
        shutil.copytree(BAD_DATA / name / "data", data, dirs_exist_ok=True)
    removals = BAD_DATA / name / "remove.txt"
    if removals.exists():
        for relative in removals.read_text().split():
            (data / relative).unlink()
    return data


def test_there_are_at_least_25_cases() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES)
def test_bad_data_is_reported_with_file_line_and_message(case: str, tmp_path: Path) -> None:
    data = make_case(case, tmp_path)
    expected = (BAD_DATA / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    with pytest.raises(DataError) as raised:
        load_dataset(data, display_root=tmp_path)
    reported = [str(issue) for issue in raised.value.issues]
    assert reported == expected, f"replicate: python -m explainer check {data}"
    for line in reported:
        path, line_no, column, _ = line.split(":", 3)
        assert path.startswith("data/") and int(line_no) >= 1 and int(column) >= 1


def test_the_tiny_data_loads(tmp_path: Path) -> None:
    dataset = load_dataset(TINY_SITE / "data")
    assert [s.slug for s in dataset.states] == ["estonia", "iceland", "norway"]
    assert dataset.file_of("state:norway") == "data/states/norway.yml"
    assert len(dataset.events) == 2 and len(dataset.sources) == 2


def test_all_errors_are_reported_in_one_run(tmp_path: Path) -> None:
    data = make_case("unknown-state-in-event", tmp_path)
    broken = (data / "states" / "norway.yml").read_text().replace("role: member", "role: lead")
    (data / "states" / "norway.yml").write_text(broken)
    (data / "states" / "iceland.yml").write_text("slug: iceland\n")
    with pytest.raises(DataError) as raised:
        load_dataset(data, display_root=tmp_path)
    reported = {(issue.path, issue.field) for issue in raised.value.issues}
    assert reported == {
        ("data/states/norway.yml", "role"),
        ("data/states/iceland.yml", "name"),
        ("data/states/iceland.yml", "role"),
        ("data/states/iceland.yml", "summary"),
        ("data/states/iceland.yml", "sources"),
        ("data/events/all.yml", "events[0].states[1]"),
    }


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yml"
    big.write_text("summary: " + "x" * MAX_BYTES + "\n")
    document, issues = read_yaml(big, "data/big.yml")
    assert document is None
    assert "limit is 1,000,000" in issues[0].message


def test_byte_order_mark_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "bom.yml"
    file.write_bytes("\ufeffslug: x\n".encode())
    _, issues = read_yaml(file, "data/bom.yml")
    assert "byte-order mark" in issues[0].message


def test_values_resolve_like_yaml_1_2_core(tmp_path: Path) -> None:
    file = tmp_path / "ok.yml"
    file.write_text('a: 1\nb: 2.5\nc: true\nd: null\ne: 2020-01-02\nf: "no"\ng: [x, 3]\n')
    document, issues = read_yaml(file, "data/ok.yml")
    assert issues == []
    assert document is not None
    assert document.value == {
        "a": 1,
        "b": 2.5,
        "c": True,
        "d": None,
        "e": "2020-01-02",
        "f": "no",
        "g": ("x", 3),
    }
    assert document.position(("g", 1)) == (7, 8)


def test_github_annotation_escapes_and_points_at_the_line() -> None:
    error = DataError([])
    assert error.report() == "0 data errors:"
    from explainer.errors import DataIssue

    issue = DataIssue("data/states/a,b.yml", 3, 5, "name", "bad: 100%\nvalue")
    assert issue.github_annotation() == (
        "::error file=data/states/a%2Cb.yml,line=3,col=5,title=Data error::"
        "name: bad: 100%25%0Avalue"
    )
