"""Records for UI tests, written through the services (as the app would)."""

from __future__ import annotations

from typing import Any

from desktop_app.services import listing, records


def company(name: str, **values: Any) -> int:
    existing = [i for i, label in listing.ref_options("company", name) if label == name]
    if existing:
        return existing[0]
    return records.create("company", {"name": name, **values}).primary_id


def opportunity(company_name: str, title: str, **values: Any) -> int:
    return records.create("opportunity", {"company": company(company_name), "title": title, **values}).primary_id


def interview(opportunity_id: int, day: str, **values: Any) -> int:
    return records.create("interview", {"opportunity": opportunity_id, "scheduled_on": day, **values}).primary_id


def question(interview_id: int, text: str, **values: Any) -> int:
    return records.create("question", {"interview": interview_id, "text": text, **values}).primary_id


def shown_column(model: Any, column_key: str) -> list[str]:
    """The texts a list shows in one column, top to bottom."""
    col = [c.key for c in model.columns].index(column_key)
    return [model.index(row, col).data() for row in range(model.rowCount())]


def close_window(win: Any) -> None:
    """Close and really delete a window, so no widget outlives its test."""
    from PySide6.QtCore import QCoreApplication, QEvent

    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
