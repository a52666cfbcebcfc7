"""The screens ask SQL for a fixed, small number of queries whatever the number of rows: a list shown,
searched and scrolled reads its ids once and a page of rows at a time, never a row at a time; the
Dashboard's figures are a fixed set of aggregates. No timings here; `make bench` measures time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playhouse.test_utils import count_queries
from PySide6.QtCore import QCoreApplication, QEvent, QObject

from desktop_app.services.demo import generate
from desktop_app.ui.stats_loader import wait_idle
from desktop_app.ui.table_model import RAW_ROLE, RecordTableModel

TODAY = dt.date(2026, 3, 16)


def queries(action: Callable[[], Any]) -> int:
    with count_queries() as counted:
        action()
    return counted.count


def shown(model: RecordTableModel, rows: range) -> None:
    """What a view does to paint these rows: every cell's text."""
    for row in rows:
        for column in range(model.columnCount()):
            model.index(row, column).data()


def model_costs(kind: str, owner: QObject) -> dict[str, int]:
    model = RecordTableModel(kind, owner)
    costs = {"open and show": queries(lambda: (model.refresh(), shown(model, range(30))))}
    costs["scroll a page"] = queries(lambda: shown(model, range(100, 130)))
    costs["scroll back"] = queries(lambda: shown(model, range(0, 30)))
    costs["search"] = queries(lambda: (model.set_query("eng"), shown(model, range(min(30, model.rowCount())))))
    costs["sort"] = queries(lambda: (model.sort(1), shown(model, range(30))))
    return costs


@pytest.fixture
def owner() -> Iterator[QObject]:
    """The parent of a test's models, deleted with them when the test ends."""
    parent = QObject()
    yield parent
    parent.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_list_model_reads_a_page_at_a_time_at_any_size(qtbot: Any, database: Any, owner: QObject) -> None:
    # a search reads the matches' ids, the count of all records (once per refresh) and the page; a sort
    # after it only the ids and the page
    expected = {"open and show": 2, "scroll a page": 1, "scroll back": 0, "search": 3, "sort": 2}
    for size in (450, 900):
        generate(size, seed=2, today=TODAY, replace=True)
        for kind in ("interview", "question", "opportunity"):
            assert model_costs(kind, owner) == expected, (size, kind)


def visit_every_screen(qtbot: Any, window: Any) -> tuple[list[int], int]:
    """The queries of showing each screen as if for the first time, then of the Dashboard computing
    every figure."""
    from desktop_app.ui.record_screen import RecordScreen

    window.switch_to(0)
    for screen in window.screens:
        for shown_screen in [screen, *screen.findChildren(RecordScreen)]:
            shown_screen._stale = True  # as in a new window: each screen reads what it shows when shown
    counts = []
    for index, screen in enumerate(window.screens):
        counts.append(queries(lambda i=index: (window.switch_to(i), window.repaint())))
        if screen.key == "dashboard":
            qtbot.waitUntil(lambda s=screen: s.idle, timeout=20_000)
    dashboard = window.screen("dashboard")
    compute = queries(lambda: (dashboard.refresh(None), qtbot.waitUntil(lambda: dashboard.idle, timeout=20_000)))
    wait_idle()
    return counts, compute


def test_screens_and_the_dashboard_read_a_few_queries_at_any_size(qtbot: Any, window: Any) -> None:
    generate(40, seed=2, today=TODAY)
    small = visit_every_screen(qtbot, window)
    generate(400, seed=2, today=TODAY, replace=True)
    large = visit_every_screen(qtbot, window)
    # ten times the rows, and each screen still reads what it shows in a few queries (a query per row would
    # be hundreds), and so does the Dashboard's computing every figure
    assert max(small[0]) <= 20 and max(large[0]) <= 20, (small, large)
    assert small[1] <= 20 and large[1] <= 20, (small, large)


def test_an_edit_the_order_cannot_follow_rereads_only_the_rows_shown(qtbot: Any, database: Any,
                                                                     owner: QObject) -> None:
    from desktop_app.services import records

    generate(450, seed=2, today=TODAY)
    model = RecordTableModel("question", owner)
    model.refresh()
    shown(model, range(30))
    ids = list(model._ids)
    quality = [c.key for c in model.columns].index("answer_quality")
    level = 1 if model.index(0, quality).data(RAW_ROLE) != 1 else 2
    change = records.update("question", model.id_at(0), {"answer_quality": level, "my_answer": "a better one"})
    with qtbot.waitSignal(model.dataChanged):
        assert queries(lambda: model.refresh(change)) == 0  # the ids stay
    assert list(model._ids) == ids
    assert queries(lambda: shown(model, range(30))) == 1  # the page, read again
    assert model.index(0, quality).data(RAW_ROLE) == level
    model.sort(quality)  # now ordered by the answer's quality: the same edit moves the row
    assert not model.keeps_order(change)
    assert queries(lambda: model.refresh(change)) == 1
