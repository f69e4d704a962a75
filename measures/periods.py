"""Reporting periods: a type and a start date, with a key for links and a readable label.

| type      | key         | label          | runs                  |
|-----------|-------------|----------------|-----------------------|
| month     | 2025-07     | July 2025      | the month             |
| quarter   | 2025-Q3     | 2025 Q3        | Jul–Sep               |
| year      | 2025        | 2025           | Jan–Dec               |
| school    | SY2024-25   | SY 2024–25     | Jul 2024 – Jun 2025   |
| federal   | FFY2025     | FFY 2025       | Oct 2024 – Sep 2025   |
| program   | PY2024      | PY 2024        | Jul 2024 – Jun 2025   |
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _


class PeriodType(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Calendar year")
    SCHOOL_YEAR = "school", _("School year (Jul–Jun)")
    FEDERAL_FISCAL_YEAR = "federal", _("Federal fiscal year (Oct–Sep)")
    PROGRAM_YEAR = "program", _("Program year (Jul–Jun)")


_MONTHS = {
    PeriodType.MONTH: 1,
    PeriodType.QUARTER: 3,
    PeriodType.YEAR: 12,
    PeriodType.SCHOOL_YEAR: 12,
    PeriodType.FEDERAL_FISCAL_YEAR: 12,
    PeriodType.PROGRAM_YEAR: 12,
}
_FIRST_MONTH = {
    PeriodType.YEAR: 1,
    PeriodType.SCHOOL_YEAR: 7,
    PeriodType.FEDERAL_FISCAL_YEAR: 10,
    PeriodType.PROGRAM_YEAR: 7,
}


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, order=True)
class Period:
    type: str
    start: date

    def __post_init__(self):
        if self.start.day != 1:
            raise ValueError("A period starts on the first of a month.")
        if self.type == PeriodType.QUARTER and (self.start.month - 1) % 3:
            raise ValueError("A quarter starts in January, April, July or October.")
        if self.type in _FIRST_MONTH and self.start.month != _FIRST_MONTH[self.type]:
            raise ValueError("This kind of year starts in another month.")

    @property
    def end(self) -> date:
        """The last day of the period."""
        return _add_months(self.start, _MONTHS[self.type]) - timedelta(days=1)

    @property
    def key(self) -> str:
        year, month = self.start.year, self.start.month
        match self.type:
            case PeriodType.MONTH:
                return f"{year}-{month:02d}"
            case PeriodType.QUARTER:
                return f"{year}-Q{(month - 1) // 3 + 1}"
            case PeriodType.YEAR:
                return f"{year}"
            case PeriodType.SCHOOL_YEAR:
                return f"SY{year}-{(year + 1) % 100:02d}"
            case PeriodType.FEDERAL_FISCAL_YEAR:
                return f"FFY{year + 1}"
            case _:
                return f"PY{year}"

    @property
    def label(self) -> str:
        year = self.start.year
        match self.type:
            case PeriodType.MONTH:
                return formats.date_format(self.start, "F Y")
            case PeriodType.QUARTER:
                return f"{year} Q{(self.start.month - 1) // 3 + 1}"
            case PeriodType.SCHOOL_YEAR:
                return f"SY {year}–{(year + 1) % 100:02d}"
            case PeriodType.FEDERAL_FISCAL_YEAR:
                return f"FFY {year + 1}"
            case PeriodType.PROGRAM_YEAR:
                return f"PY {year}"
            case _:
                return str(year)

    def __str__(self):
        return self.label

    def next(self) -> "Period":
        return Period(self.type, _add_months(self.start, _MONTHS[self.type]))

    def previous(self) -> "Period":
        return Period(self.type, _add_months(self.start, -_MONTHS[self.type]))

    def year_earlier(self) -> "Period":
        """The same period a year before (the period before, for yearly periods)."""
        return Period(self.type, _add_months(self.start, -12))

    @classmethod
    def containing(cls, period_type: str, day: date) -> "Period":
        if period_type == PeriodType.MONTH:
            return cls(period_type, date(day.year, day.month, 1))
        if period_type == PeriodType.QUARTER:
            return cls(period_type, date(day.year, (day.month - 1) // 3 * 3 + 1, 1))
        first = _FIRST_MONTH[period_type]
        year = day.year if day.month >= first else day.year - 1
        return cls(period_type, date(year, first, 1))

    @classmethod
    def last_closed(cls, period_type: str, today: date) -> "Period":
        """The most recent period that has ended before ``today``."""
        return cls.containing(period_type, today).previous()


_PATTERNS = [
    (re.compile(r"^(\d{4})-(\d{2})$"), PeriodType.MONTH),
    (re.compile(r"^(\d{4})-Q([1-4])$"), PeriodType.QUARTER),
    (re.compile(r"^(\d{4})$"), PeriodType.YEAR),
    (re.compile(r"^SY(\d{4})-(\d{2})$"), PeriodType.SCHOOL_YEAR),
    (re.compile(r"^FFY(\d{4})$"), PeriodType.FEDERAL_FISCAL_YEAR),
    (re.compile(r"^PY(\d{4})$"), PeriodType.PROGRAM_YEAR),
]


def parse_period(key: str) -> Period:
    """Read a key such as 2025, 2025-Q3, 2025-07, SY2024-25, FFY2025 or PY2024."""
    text = key.strip().upper()
    for pattern, period_type in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        year = int(match.group(1))
        if not 1900 <= year <= 2200:
            break
        if period_type == PeriodType.MONTH:
            month = int(match.group(2))
            if not 1 <= month <= 12:
                break
            return Period(period_type, date(year, month, 1))
        if period_type == PeriodType.QUARTER:
            return Period(period_type, date(year, (int(match.group(2)) - 1) * 3 + 1, 1))
        if period_type == PeriodType.SCHOOL_YEAR:
            if int(match.group(2)) != (year + 1) % 100:
                break
            return Period(period_type, date(year, 7, 1))
        if period_type == PeriodType.FEDERAL_FISCAL_YEAR:
            return Period(period_type, date(year - 1, 10, 1))
        return Period(period_type, date(year, _FIRST_MONTH[period_type], 1))
    raise ValueError(
        f"{key!r} is not a period; use 2025, 2025-Q3, 2025-07, SY2024-25, FFY2025 or PY2024."
    )
