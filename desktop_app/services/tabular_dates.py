"""Dates and times as people write them in spreadsheets, turned into what the importer reads.

A date is read in the order the user chose (ISO, day first, month first); an ISO date is read
whatever the order, and a date that could be read two ways names both readings. Two-digit years
follow Python's %y: 69-99 are 1969-1999, 00-68 are 2000-2068.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable


DATE_ORDERS = {"iso": "ISO  (2026-03-14)", "day-first": "Day first  (14/03/2026, 14.03.2026)",
               "month-first": "Month first  (03/14/2026)"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})\.?")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*([AaPp][Mm])?")
_DATE_TIME = re.compile(rf"(?P<date>[^\sT]+)(?:(?:\s+|T)(?P<time>{_TIME.pattern}))?")


def guess_date_order(cells: Iterable[str]) -> str | None:
    """The order the dates among `cells` are written in; None when they could be either."""
    day_first = month_first = other = False
    for cell in cells:
        match = _DMY.fullmatch(cell.strip().split(" ")[0]) if cell else None
        if match is None:
            continue
        first, second = int(match.group(1)), int(match.group(3))
        day_first |= first > 12 >= second
        month_first |= second > 12 >= first
        other = True
    if day_first != month_first:
        return "day-first" if day_first else "month-first"
    return None if other else "iso"


# --- dates and times ----------------------------------------------------------------------------


def _year(text: str) -> int:
    return int(text) if len(text) == 4 else dt.datetime.strptime(text, "%y").year


def _order_hint(order: str) -> str:
    return {"iso": "YYYY-MM-DD", "day-first": "DD/MM/YYYY", "month-first": "MM/DD/YYYY"}[order]


def convert_date(text: str, order: str) -> str:
    """An ISO date (YYYY-MM-DD) for a date written in `order`; a date-and-time keeps its time as
    ' HH:MM'. ISO dates are read whatever the order. Raises ValueError(reason)."""
    cell = text.strip()
    match = _DATE_TIME.fullmatch(cell)
    time = ""
    if match and match.group("time"):
        time = " " + convert_time(match.group("time"))
    part = match.group("date") if match else cell
    iso = _ISO.fullmatch(part)
    dmy = _DMY.fullmatch(part)
    try:
        if iso:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))).isoformat() + time
    except ValueError:
        raise ValueError(f"'{cell}' is not a date that exists") from None
    if dmy is None:
        raise ValueError(f"'{cell}' is not a date; write it as {_order_hint(order)}")
    first, second, year = int(dmy.group(1)), int(dmy.group(3)), _year(dmy.group(4))
    if order == "iso":
        if first <= 12 and second <= 12 and first != second:
            raise ValueError(f"'{cell}' could be {first} {MONTHS[second - 1]} or {second} {MONTHS[first - 1]}; "
                             "choose the date order (day first or month first)")
        seen = "day first" if first > 12 else "month first" if second > 12 else ""
        hint = f"it looks {seen}: choose that date order" if seen else "choose the date order the file uses"
        raise ValueError(f"'{cell}' is not an ISO date (YYYY-MM-DD); {hint}")
    day, month = (first, second) if order == "day-first" else (second, first)
    if month > 12:
        other = "month first" if order == "day-first" else "day first"
        raise ValueError(f"'{cell}' has no month {month} when read {order.replace('-', ' ')} "
                         f"({_order_hint(order)}); is the file {other}?")
    try:
        return dt.date(year, month, day).isoformat() + time
    except ValueError:
        raise ValueError(f"'{cell}' is not a date that exists ({MONTHS[month - 1]} has no day {day})") from None


def convert_time(text: str) -> str:
    """HH:MM for '15:30', '15:30:00', '3:30 PM' (a date in front is dropped); other text unchanged."""
    cell = text.strip()
    match = _DATE_TIME.fullmatch(cell)
    if match and match.group("time"):
        cell = match.group("time")
    parsed = _TIME.fullmatch(cell)
    if parsed is None:
        return text
    hour, minute, half = int(parsed.group(1)), parsed.group(2), (parsed.group(3) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return text
        hour = hour % 12 + (12 if half == "pm" else 0)
    return f"{hour:02d}:{minute}"


def describe_date(iso: str) -> str:
    """'14 March 2026' for '2026-03-14' (English month names whatever the locale)."""
    day = dt.date.fromisoformat(iso[:10])
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
