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


_made: list[Any] = []  # weak references to every window tracked below, as it was built


def track(*classes: type) -> None:
    """Remember every instance of `classes` as it is built, so tests can find the app's windows without
    scanning QApplication.topLevelWidgets() (which wraps every Qt-internal top-level widget too, and once
    crashed the suite half-way through a run_gui test)."""
    import weakref

    for cls in classes:
        if getattr(cls, "_tracked_by_tests", False):
            continue
        original = cls.__init__

        def init(self: Any, *args: Any, _original: Any = original, **kwargs: Any) -> None:
            _original(self, *args, **kwargs)
            _made.append(weakref.ref(self))

        cls.__init__ = init
        cls._tracked_by_tests = True


def visible(kind: type | tuple[type, ...], *, hidden_too: bool = False) -> list[Any]:
    """The tracked windows of `kind` that are alive and shown (or alive at all), oldest first."""
    import shiboken6

    found = []
    for ref in list(_made):
        widget = ref()
        if widget is not None and isinstance(widget, kind) and shiboken6.isValid(widget) and (
                hidden_too or widget.isVisible()):
            found.append(widget)
    return found
