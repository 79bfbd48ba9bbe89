"""Dates that may be known only to the month or the year."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

Precision = Literal["day", "month", "year"]

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_JSON_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date written YYYY-MM-DD, YYYY-MM or YYYY; the form gives the precision."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def precision(self) -> Precision:
        if self.day:
            return "day"
        return "month" if self.month else "year"

    @property
    def start(self) -> dt.date:
        """The first day the date can mean; used for ordering and for 'as of' questions."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        """The last day the date can mean."""
        if self.day:
            return self.start
        if self.month:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def iso(self) -> str:
        """The form it was written in: what goes into <time datetime> and the CSV files."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def human(self) -> str:
        """'6 Nov 2025', 'Nov 2025' or '2025'."""
        if self.day:
            return f"{self.day} {_MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{_MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # a bare year such as 1999 arrives as a number
        text = value if isinstance(value, str) else None
        match = _PATTERN.match(text) if text is not None else None
        if match is None:
            raise PydanticCustomError(
                "partial_date",
                f"{value!r} is not a date (write YYYY-MM-DD, or YYYY-MM / YYYY when only "
                "the month or the year is known)",
            )
        year, month, day = (int(g) if g else 0 for g in match.groups())
        try:
            dt.date(year, month or 1, day or 1)
            if year < 1000:
                raise ValueError
        except ValueError:
            raise PydanticCustomError(
                "partial_date",
                f"{value!r} is not a date (write YYYY-MM-DD with a real month and day)",
            ) from None
        return cls(year, month, day)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda d: d.iso(), when_used="always"
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": _JSON_PATTERN,
            "description": "YYYY-MM-DD, or YYYY-MM / YYYY when only the month or year is known",
        }


@dataclass(frozen=True, order=True)
class Day(PartialDate):
    """A date that must be known to the day (for example when a source was accessed)."""

    @classmethod
    def parse(cls, value: object) -> Day:
        date = PartialDate.parse(value)
        if date.precision != "day":
            raise PydanticCustomError(
                "day_date", f"{value!r} must be a full date (write YYYY-MM-DD)"
            )
        return cls(date.year, date.month, date.day)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "YYYY-MM-DD"}
