"""How a value of a list column or a form field is shown as text (one place for the whole UI)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

RIGHT_ALIGNED = frozenset({"int", "money"})
CENTERED = frozenset({"bool", "rating", "time"})


def choice_text(value: str | None) -> str:
    """'recruiter screen' -> 'Recruiter screen'."""
    return "" if not value else value[:1].upper() + value[1:]


def rating_text(value: int | None) -> str:
    if value is None:
        return ""
    value = max(0, min(5, int(value)))
    return "★" * value + "☆" * (5 - value)


def money_text(value: int | None) -> str:
    return "" if value is None else f"{int(value):,}"


def date_text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10]


def display(value: Any, column_type: str) -> str:
    """Text for a list cell of this Column.type."""
    if value is None:
        return ""
    if column_type == "date":
        return date_text(value)
    if column_type == "rating":
        return rating_text(value)
    if column_type == "bool":
        return "✓" if value else ""
    if column_type == "choice":
        return choice_text(str(value))
    if column_type == "money":
        return money_text(value)
    if column_type == "int":
        return f"{int(value):,}"
    return " ".join(str(value).split())  # one line in a table cell


def alignment(column_type: str) -> Qt.AlignmentFlag:
    if column_type in RIGHT_ALIGNED:
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    if column_type in CENTERED:
        return Qt.AlignmentFlag.AlignCenter
    return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def count_text(count: int, singular: str, plural: str, total: int | None = None) -> str:
    """'1,234 interviews', '1 interview', '12 of 1,234 interviews'."""
    noun = singular if (total if total is not None else count) == 1 else plural
    if total is not None and total != count:
        return f"{count:,} of {total:,} {plural if total != 1 else singular}"
    return f"{count:,} {noun}"


def join_counts(counts: dict[str, int]) -> str:
    """{'interviews': 3, 'questions': 12} -> '3 interviews and 12 questions'."""
    parts = [f"{n:,} {label.replace('_', ' ')}" for label, n in counts.items() if n]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
