"""Partial ISO dates: a source is often known to a year or a month, not to a day."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day. Orders by its earliest possible day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        if isinstance(value, str):
            return _parse_text(value)
        return cls._parse(value)

    @classmethod
    def _parse(cls, value: object) -> PartialDate:
        """Read what YAML gives for a date: an int (2022), a str ('2022-05') or a date.

        Raises ValueError with a message meant for the person who wrote the file.
        """
        if isinstance(value, bool):
            raise ValueError("a date must be written as YYYY, YYYY-MM or YYYY-MM-DD")
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        text = str(value).strip() if isinstance(value, int | str) else None
        match = _PARTIAL_DATE.match(text) if text is not None else None
        if match is None:
            raise ValueError(f"{value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(group) if group else None for group in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r} is not a date: month {month} does not exist")
        if day is not None:
            assert month is not None
            last_day = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last_day:
                raise ValueError(f"{text!r} is not a date: {year}-{month:02d} has {last_day} days")
        return cls(year, month, day)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def human(self) -> str:
        """'3 May 2022', 'May 2022' or '2022', for reports and the app."""
        if self.month is None:
            return str(self.year)
        month_name = calendar.month_name[self.month]
        if self.day is None:
            return f"{month_name} {self.year}"
        return f"{self.day} {month_name} {self.year}"


@functools.lru_cache(maxsize=4096)
def _parse_text(value: str) -> PartialDate:
    # A large corpus repeats the same few hundred dates thousands of times.
    return PartialDate._parse(value)
