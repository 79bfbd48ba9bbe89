"""Data errors that speak to the author: file, line, column, field, and what to do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataIssue:
    """One problem in one place of one data file."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        if self.field:
            return f"{where}: {self.field}: {self.message}"
        return f"{where}: {self.message}"

    def github_annotation(self) -> str:
        """The workflow command that puts the error on the line of a pull request."""
        text = f"{self.field}: {self.message}" if self.field else self.message
        return (
            f"::error file={_escape_property(self.path)},line={self.line},col={self.column},"
            f"title=Data error::{_escape_data(text)}"
        )


class DataError(Exception):
    """Raised with every issue found in one run, never only the first."""

    def __init__(self, issues: Iterable[DataIssue]) -> None:
        self.issues = tuple(sorted(set(issues)))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.issues)
        noun = "error" if count == 1 else "errors"
        lines = [f"{count} data {noun}:"] + [f"  {issue}" for issue in self.issues]
        return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
