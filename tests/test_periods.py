from datetime import date

import pytest

from measures.periods import Period, PeriodType, parse_period


@pytest.mark.parametrize(
    ("key", "type_", "start", "end", "label"),
    [
        ("2025", PeriodType.YEAR, date(2025, 1, 1), date(2025, 12, 31), "2025"),
        ("2025-Q3", PeriodType.QUARTER, date(2025, 7, 1), date(2025, 9, 30), "2025 Q3"),
        ("2025-02", PeriodType.MONTH, date(2025, 2, 1), date(2025, 2, 28), "February 2025"),
        ("SY2024-25", PeriodType.SCHOOL_YEAR, date(2024, 7, 1), date(2025, 6, 30), "SY 2024–25"),
        (
            "FFY2025",
            PeriodType.FEDERAL_FISCAL_YEAR,
            date(2024, 10, 1),
            date(2025, 9, 30),
            "FFY 2025",
        ),
        ("PY2024", PeriodType.PROGRAM_YEAR, date(2024, 7, 1), date(2025, 6, 30), "PY 2024"),
    ],
)
def test_keys_labels_and_ends(key, type_, start, end, label):
    period = parse_period(key)
    assert (period.type, period.start, period.end, period.label, period.key) == (
        type_,
        start,
        end,
        label,
        key,
    )


@pytest.mark.parametrize("bad", ["2025-13", "SY2024-26", "2025-Q5", "FY2025", "", "twenty"])
def test_bad_keys(bad):
    with pytest.raises(ValueError, match="is not a period"):
        parse_period(bad)


def test_last_closed_and_neighbours():
    today = date(2026, 11, 22)
    assert Period.last_closed(PeriodType.SCHOOL_YEAR, today).key == "SY2025-26"
    assert Period.last_closed(PeriodType.QUARTER, today).key == "2026-Q3"
    assert Period.last_closed(PeriodType.FEDERAL_FISCAL_YEAR, today).key == "FFY2026"
    assert Period.last_closed(PeriodType.MONTH, date(2026, 1, 5)).key == "2025-12"
    assert parse_period("2025-12").next().key == "2026-01"
    assert parse_period("SY2024-25").previous().key == "SY2023-24"
