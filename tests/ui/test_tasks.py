"""The Tasks screen, driven as a person would: typing, ticking off, keys; checked in the database."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from desktop_app.services import listing, records
from desktop_app.services.changes import Change, RowChange
from desktop_app.ui.screens.tasks import ALL, DUE
from tests.ui import helpers as h

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
TODAY = dt.date.today()


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


@pytest.fixture
def screen(window: Any) -> Any:
    window.switch_to(7)
    return window.current_screen


def announce(window: Any) -> None:
    """Records written by the test itself: announce them like a service write would be."""
    window.bus.publish(Change("test", [RowChange("task", 0, None, {})]), undoable=False)


def shown(screen: Any) -> list[tuple[str, str]]:
    """(heading, title) of every item the due view lists, top to bottom."""
    model = screen.due.model
    return [(name, item.title) for name, items in model.groups for item in items]


def select_due(qtbot: Any, screen: Any, title: str) -> None:
    """Click the row of an item in the due view (on its title, not its box)."""
    model, tree = screen.due.model, screen.due.tree
    index = next(i for i in model.item_indexes() if model.item(i).title == title)
    rect = tree.visualRect(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert screen.due.current_item().title == title


def type_into(qtbot: Any, widget: Any, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_nothing_due_explains_tasks_and_offers_a_first_one(window: Any, screen: Any, qtbot: Any) -> None:
    assert screen.view_index == DUE
    assert screen.due.pages.currentWidget() is screen.due.empty_page
    assert screen.due.empty_page.findChild(QLabel, "emptyTitle").text() == "Nothing due"
    assert "follow-ups" in screen.due.empty_body.text()
    qtbot.mouseClick(screen.due.empty_button, Qt.MouseButton.LeftButton)
    assert screen.view_index == ALL
    assert screen.form_title.text() == "New task"
    assert screen.form.input("title").hasFocus()
    assert screen.form.input("due_on").text() == TODAY.isoformat()


def test_create_edit_tick_off_undo_redo_and_delete_a_task(window: Any, screen: Any, qtbot: Any,
                                                          dialogs: Any) -> None:
    ann = records.create("contact", {"name": "Ann Lee", "company": h.company("Acme")}).primary_id
    announce(window)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    form = screen.form
    qtbot.keyClicks(form.input("title"), "Call Ann about the team")
    type_into(qtbot, form.input("due_on"), day(2).isoformat())
    qtbot.keyClicks(form.input("contact").lineEdit(), "Ann Lee")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    [task] = listing.list_ids("task")
    saved = records.get("task", task)
    assert (saved["title"], saved["due_on"], saved["contact"], saved["done"]) == (
        "Call Ann about the team", day(2), ann, False)
    assert screen.list.current_id() == task and screen.list.count_label.text() == "1 task"

    assert screen.open_buttons["contact"].isVisible() and not screen.open_buttons["offer"].isVisible()
    with qtbot.waitSignal(screen.openRequested) as opened:
        qtbot.mouseClick(screen.open_buttons["contact"], Qt.MouseButton.LeftButton)
    assert opened.args == ["contact", ann]
    window.switch_to(7)

    type_into(qtbot, form.input("title"), "Call Ann about the platform team")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    assert records.get("task", task)["title"] == "Call Ann about the platform team"

    qtbot.keyClick(window, Qt.Key.Key_B, CTRL)  # to what's due
    assert screen.view_index == DUE
    assert ("This week", "Call Ann about the platform team") in shown(screen)
    select_due(qtbot, screen, "Call Ann about the platform team")
    qtbot.keyClick(screen.due.tree, Qt.Key.Key_Space)
    assert records.get("task", task)["done"] is True
    assert shown(screen) == []  # ticked off: gone from what is due
    assert window.undo_action.text().replace("&", "") == "Undo tick off task"

    screen.due.tree.setFocus()
    qtbot.keyClick(screen.due.tree, Qt.Key.Key_Z, CTRL)
    assert records.get("task", task)["done"] is False
    assert shown(screen) == [("This week", "Call Ann about the platform team")]
    qtbot.keyClick(screen.due.tree, Qt.Key.Key_Z, CTRL_SHIFT)
    assert records.get("task", task)["done"] is True

    screen.due.show_done.click()  # what was ticked off shows again, struck through; its box reopens it
    [item] = [screen.due.model.item(i) for i in screen.due.model.item_indexes()]
    assert item.done
    index = screen.due.model.item_indexes()[0]
    box = screen.due.tree.visualRect(index).topLeft() + QPoint(8, 8)
    qtbot.mouseClick(screen.due.tree.viewport(), Qt.MouseButton.LeftButton, pos=box)
    assert records.get("task", task)["done"] is False
    assert window.undo_action.text().replace("&", "") == "Undo reopen task"

    dialogs.answer(QMessageBox.StandardButton.Yes)
    select_due(qtbot, screen, "Call Ann about the platform team")
    qtbot.keyClick(screen.due.tree, Qt.Key.Key_Delete)
    assert dialogs.last.startswith("Delete this task?")
    assert not records.exists("task", task) and shown(screen) == []
    window.undo()
    assert records.get("task", task)["contact"] == ann  # back under its id, with its link
    assert shown(screen) == [("This week", "Call Ann about the platform team")]


def test_due_view_shows_follow_ups_offer_deadlines_and_interviews(window: Any, screen: Any, qtbot: Any) -> None:
    acme = h.company("Acme")
    ann = records.create("contact", {"name": "Ann Lee", "company": acme, "next_follow_up": day(-1)}).primary_id
    backend = h.opportunity("Acme", "Backend")
    records.create("offer", {"opportunity": backend, "received_on": day(-5), "respond_by": day(3),
                             "base_salary": 100000})
    records.create("offer", {"opportunity": h.opportunity("Globex", "SRE"), "received_on": day(-5),
                             "respond_by": day(1), "base_salary": 1, "status": "declined"})
    interview = h.interview(backend, day(1).isoformat(), scheduled_time="10:00", stage="technical")
    h.interview(backend, day(-2).isoformat(), stage="coding")  # in the past: not due
    records.create("task", {"title": "Study: Concurrency", "due_on": day(0)})
    announce(window)
    assert shown(screen) == [
        ("Overdue", "Follow up with Ann Lee (Acme)"),
        ("Today", "Study: Concurrency"),
        ("This week", "Technical interview at Acme — Backend"),
        ("This week", "Respond to Acme's offer"),
    ]
    assert screen.due.summary.text() == "1 overdue · 1 today · 2 this week"
    tree, model = screen.due.tree, screen.due.model
    when = model.index(0, 2, model.index_of("contact", ann).parent())
    assert when.data() == f"{day(-1).isoformat()} · 1 day overdue"

    select_due(qtbot, screen, "Follow up with Ann Lee (Acme)")
    with qtbot.waitSignal(screen.openRequested) as opened:
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert opened.args == ["contact", ann]
    window.switch_to(7)

    select_due(qtbot, screen, "Study: Concurrency")
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # a task opens here, in its form
    assert screen.view_index == ALL and screen.form.input("title").text() == "Study: Concurrency"

    qtbot.keyClick(window, Qt.Key.Key_B, CTRL)
    select_due(qtbot, screen, "Technical interview at Acme — Backend")
    rect = tree.visualRect(model.index_of("interview", interview))
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_screen.key == "interviews"
    assert window.current_screen.form.record_id == interview

    window.switch_to(7)
    screen.due.range_box.setCurrentIndex(0)
    records.create("task", {"title": "Far ahead", "due_on": day(20)})
    announce(window)
    assert "Far ahead" not in [title for _g, title in shown(screen)]
    screen.due.range_box.setCurrentIndex(1)  # next 30 days
    assert ("Later", "Far ahead") in shown(screen)


def test_the_list_of_all_tasks_filters_open_and_done(window: Any, screen: Any, qtbot: Any) -> None:
    records.create("task", {"title": "Open one", "due_on": day(1)})
    records.create("task", {"title": "Done one", "due_on": day(-1), "done": True})
    records.create("task", {"title": "No date"})
    announce(window)
    qtbot.keyClick(window, Qt.Key.Key_B, CTRL)
    assert screen.view_index == ALL
    assert h.shown_column(screen.model, "title") == ["Open one", "Done one", "No date"]  # latest due first
    box = screen.list.filter_boxes["done"]
    box.setFocus()
    qtbot.keyClicks(box, "Done")
    assert h.shown_column(screen.model, "title") == ["Done one"]
    assert screen.list.count_label.text() == "1 of 3 tasks"
    qtbot.keyClick(box, Qt.Key.Key_Up)  # "Open", the entry above
    assert box.currentText() == "Open"
    assert h.shown_column(screen.model, "title") == ["Open one", "No date"]
