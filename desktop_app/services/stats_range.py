"""Months and the Dashboard's date range (3, 6, 12 months or all) for services/stats.py.

A range of N months is today's month and the N - 1 months before it, from the first day of the first
one: 3 months on 2026-03-16 start on 2026-01-01. Months are "YYYY-MM" strings, which sort as dates do.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def range_start(today: dt.date, months: int | None) -> dt.date | None:
    """The first day of the month `months - 1` months before today's; None (all time) for None."""
    if months is None:
        return None
    if months < 1:
        raise ValueError(f"a range covers 1 month or more, not {months}")
    index = today.year * 12 + today.month - 1 - (months - 1)
    return dt.date(index // 12, index % 12 + 1, 1)


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def next_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year + 1:04d}-01" if mon == 12 else f"{year:04d}-{mon + 1:02d}"


def previous_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year - 1:04d}-12" if mon == 1 else f"{year:04d}-{mon - 1:02d}"


def month_series(counts: dict[str, int], today: dt.date, key: str,
                 since: dt.date | None = None) -> list[dict[str, Any]]:
    """One entry per month, zeros included, up to today's month (or the last counted, if later).

    The series starts at since's month when there is a range (even with nothing counted), else at the
    first counted month (with nothing counted it is empty).
    """
    if since is not None:
        month = month_of(since)
    elif counts:
        month = min(counts)
    else:
        return []
    last = max(max(counts, default=month), month_of(today))
    series = []
    while month <= last:
        series.append({"month": month, key: counts.get(month, 0)})
        month = next_month(month)
    return series


__all__ = ["month_of", "month_series", "next_month", "previous_month", "range_start"]
