"""The Dashboard's Next up panel on hand-made records and a fixed today, clicked and keyed as a person would."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from desktop_app.services import records
from desktop_app.ui.screens.next_up import EMPTY_TEXT, NextUpPanel, day_text, title_lines, tooltip_text
from tests.ui import helpers as h

TODAY = dt.date(2026, 3, 16)  # a Monday


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


@pytest.fixture
def due(database: object) -> dict[str, int]:
    """One of each kind due this week, and what must stay out of it."""
    acme = h.company("Acme")
    ann = records.create("contact", {"name": "Ann Lee", "company": acme, "next_follow_up": day(-3)}).primary_id
    records.create("contact", {"name": "Bo Park", "next_follow_up": day(9)})  # after this week
    backend = h.opportunity("Acme", "Backend")
    offer = records.create("offer", {"opportunity": backend, "received_on": day(-6), "respond_by": day(3),
                                     "base_salary": 100000}).primary_id
    records.create("offer", {"opportunity": h.opportunity("Globex", "SRE"), "received_on": day(-6),
                             "respond_by": day(2), "base_salary": 1, "status": "declined"})  # answered
    interview = h.interview(backend, day(1).isoformat(), scheduled_time="10:00", stage="technical")
    h.interview(backend, day(-2).isoformat(), stage="coding")  # in the past: history, not due
    task = records.create("task", {"title": "Study: Concurrency", "due_on": day(0)}).primary_id
    records.create("task", {"title": "Far ahead", "due_on": day(20)})
    records.create("task", {"title": "Already done", "due_on": day(1), "done": True})
    return {"contact": ann, "offer": offer, "interview": interview, "task": task}


@pytest.fixture
def panel(qtbot: Any, database: object) -> NextUpPanel:
    widget = NextUpPanel(today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(320, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown(panel: NextUpPanel) -> list[tuple[str, str, str, str]]:
    panel.refresh()
    return panel.shown()


def point_of(panel: NextUpPanel, kind: str, record_id: int) -> QPoint:
    return panel.tree.visualRect(panel.model.index_of(kind, record_id)).center()


def test_lists_this_weeks_items_grouped_overdue_first(panel: NextUpPanel, due: dict[str, int]) -> None:
    assert shown(panel) == [
        ("Overdue", "Follow up with Ann Lee (Acme)", "Follow-up", "Fri 13 Mar"),
        ("Today", "Study: Concurrency", "Task", "Today"),
        ("This week", "Technical interview at Acme — Backend", "Interview", "Tomorrow, 10:00"),
        ("This week", "Respond to Acme's offer", "Offer deadline", "Thu 19 Mar"),
    ]
    assert panel.title_label.text() == "Next up"
    assert panel.subtitle.text() == "This week · 4 items · 1 overdue"
    overdue = panel.model.item(panel.model.index_of("contact", due["contact"]))
    assert tooltip_text(overdue, TODAY) == "Follow up with Ann Lee (Acme)\nFollow-up · Fri 13 Mar 2026 · 3 days overdue"
    assert panel.pages.currentWidget() is panel.tree
    assert [panel.model.index(row, 0).data() for row in range(panel.model.rowCount())] == [
        "Overdue  (1)", "Today  (1)", "This week  (2)"]


def test_dates_read_as_words_near_today_and_carry_the_year_when_not_this_years() -> None:
    assert [day_text(day(n), TODAY) for n in (-1, 0, 1, 2, 6)] == [
        "Yesterday", "Today", "Tomorrow", "Wed 18 Mar", "Sun 22 Mar"]
    assert day_text(dt.date(2027, 1, 2), dt.date(2026, 12, 30)) == "Sat 2 Jan 2027"


def test_long_titles_wrap_to_two_lines_then_end_in_an_ellipsis_without_a_horizontal_scrollbar(
        panel: NextUpPanel, due: dict[str, int], qtbot: Any) -> None:
    long = "Prepare the system design story about the payments migration for the onsite at Initech"
    long_id = records.create("task", {"title": long, "due_on": day(2)}).primary_id
    panel.refresh()
    metrics = QFontMetrics(panel.tree.font())
    lines = title_lines(long, metrics, 200)
    assert len(lines) == 2 and long.startswith(lines[0]) and lines[1].endswith("…")
    assert all(metrics.horizontalAdvance(line) <= 200 for line in lines)
    assert title_lines("Short", metrics, 200) == ["Short"]
    assert title_lines("Supercalifragilisticexpialidocious", metrics, 60)[0].endswith("…")
    panel.grab()  # paints every row
    assert not panel.tree.horizontalScrollBar().isVisible()
    index = panel.model.index_of("task", long_id)
    assert panel.tree.visualRect(index).width() <= panel.tree.viewport().width()
    short = panel.tree.visualRect(panel.model.index_of("task", due["task"])).height()
    assert panel.tree.visualRect(index).height() > short  # two lines of title
    panel.resize(900, 600)  # wide enough for one line: the row gets shorter
    qtbot.waitUntil(lambda: panel.tree.visualRect(index).height() == short)


def test_a_click_opens_each_kind_once_even_on_a_double_click(panel: NextUpPanel, due: dict[str, int],
                                                              qtbot: Any) -> None:
    panel.refresh()
    opened: list[tuple[str, int]] = []
    panel.openRequested.connect(lambda kind, record_id: opened.append((kind, record_id)))
    viewport = panel.tree.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point_of(panel, "interview", due["interview"]))
    assert opened == [("interview", due["interview"])]
    # a double click as the window gets it (press, release, double click, release), then a lone double click
    window = panel.window().windowHandle()
    qtbot.mouseDClick(window, Qt.MouseButton.LeftButton,
                      pos=viewport.mapTo(panel.window(), point_of(panel, "contact", due["contact"])))
    assert opened[1:] == [("contact", due["contact"])]
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=point_of(panel, "offer", due["offer"]))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point_of(panel, "task", due["task"]))
    assert opened[2:] == [("offer", due["offer"]), ("task", due["task"])]
    heading = panel.tree.visualRect(panel.model.index(0, 0)).center()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=heading)
    assert len(opened) == 4  # a heading opens nothing


def test_keys_step_over_headings_and_enter_or_space_opens(panel: NextUpPanel, due: dict[str, int],
                                                          qtbot: Any) -> None:
    panel.refresh()
    with qtbot.waitSignal(panel.openRequested) as opened:
        panel.focus_list()  # Tab into the list: its first item is current
        qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert opened.args == ["contact", due["contact"]]
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)  # over the "Today" heading
    with qtbot.waitSignal(panel.openRequested) as opened:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Space)
    assert opened.args == ["task", due["task"]]
    qtbot.keyClick(panel.tree, Qt.Key.Key_End)
    with qtbot.waitSignal(panel.openRequested) as opened:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Enter)
    assert opened.args == ["offer", due["offer"]]
    qtbot.keyClick(panel.tree, Qt.Key.Key_Up)
    with qtbot.waitSignal(panel.openRequested) as opened:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert opened.args == ["interview", due["interview"]]
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)  # stays on the last item
    assert panel.current_item().record_kind == "offer"


def test_all_that_is_due_by_click_and_by_key(panel: NextUpPanel, due: dict[str, int], qtbot: Any) -> None:
    panel.refresh()
    assert panel.all_button.text() == "All that is due →"
    with qtbot.waitSignal(panel.showAllRequested):
        qtbot.mouseClick(panel.all_button, Qt.MouseButton.LeftButton)
    panel.focus_list()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.all_button
    with qtbot.waitSignal(panel.showAllRequested):
        qtbot.keyClick(panel.all_button, Qt.Key.Key_Space)


def test_nothing_due_says_what_shows_up_here(panel: NextUpPanel) -> None:
    records.create("task", {"title": "Next month", "due_on": day(30)})
    assert shown(panel) == []
    assert panel.pages.currentWidget() is panel.empty_page
    assert panel.empty_title.text() == "Nothing due this week"
    assert panel.empty_text.text() == EMPTY_TEXT and "interviews" in EMPTY_TEXT.casefold()
    assert panel.subtitle.text() == "This week"
    assert panel.all_button.isVisible()


def test_refresh_reads_changed_records_and_keeps_the_current_item(panel: NextUpPanel, due: dict[str, int],
                                                                  qtbot: Any) -> None:
    panel.refresh()
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=point_of(panel, "offer", due["offer"]))
    records.update("task", due["task"], {"done": True})
    records.update("contact", due["contact"], {"next_follow_up": day(5)})
    records.update("interview", due["interview"], {"scheduled_time": "09:15"})
    assert shown(panel) == [
        ("This week", "Technical interview at Acme — Backend", "Interview", "Tomorrow, 09:15"),
        ("This week", "Respond to Acme's offer", "Offer deadline", "Thu 19 Mar"),
        ("This week", "Follow up with Ann Lee (Acme)", "Follow-up", "Sat 21 Mar"),
    ]
    assert panel.subtitle.text() == "This week · 3 items"
    assert panel.current_item().record_kind == "offer"
    panel.today = lambda: day(4)  # Friday: the interview is history, the offer overdue, Bo's follow-up near
    assert [(group, title, when) for group, title, _kind, when in shown(panel)] == [
        ("Overdue", "Respond to Acme's offer", "Yesterday"),
        ("This week", "Follow up with Ann Lee (Acme)", "Tomorrow"),
        ("This week", "Follow up with Bo Park", "Wed 25 Mar"),
    ]


def test_painting_reads_nothing_from_the_database(panel: NextUpPanel, due: dict[str, int], database: Any,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    panel.refresh()
    queries: list[str] = []
    real = database.execute_sql
    monkeypatch.setattr(database, "execute_sql", lambda sql, *a, **k: queries.append(sql) or real(sql, *a, **k))
    panel.grab()
    panel.tree.viewport().repaint()
    assert queries == []
    panel.refresh()
    assert len(queries) == 4  # one query per kind of item
