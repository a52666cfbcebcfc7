"""One undo/redo history across the session, driven with Ctrl+Z / Ctrl+Shift+Z and checked in the database."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.db import models as m
from desktop_app.services import listing, records
from tests.ui import helpers as h

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def undo(qtbot: Any, window: Any) -> None:
    window.current_screen.list.view.setFocus()  # not in a text field, whose own Ctrl+Z wins
    qtbot.keyClick(window.current_screen.list.view, Qt.Key.Key_Z, CTRL)


def redo(qtbot: Any, window: Any) -> None:
    window.current_screen.list.view.setFocus()
    qtbot.keyClick(window.current_screen.list.view, Qt.Key.Key_Z, CTRL_SHIFT)


def dump() -> dict[str, list[tuple]]:
    return {model._meta.table_name: list(model.select().order_by(model.id).tuples()) for model in m.RECORD_MODELS}


def test_nothing_to_undo_at_start(window: Any) -> None:
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()


def test_undo_and_redo_a_created_opportunity(window: Any, qtbot: Any) -> None:
    company = h.company("Initech")
    window.switch_to(1)
    screen = window.current_screen
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.keyClicks(screen.form.input("company").lineEdit(), "Initech")
    qtbot.keyClicks(screen.form.input("title"), "Platform engineer")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    [created] = listing.list_ids("opportunity")
    assert records.get("opportunity", created)["company"] == company
    assert window.undo_action.text().replace("&", "") == "Undo create opportunity"

    undo(qtbot, window)
    assert listing.list_ids("opportunity") == []
    assert screen.model.rowCount() == 0
    assert window.redo_action.text().replace("&", "") == "Redo create opportunity"

    redo(qtbot, window)
    assert listing.list_ids("opportunity") == [created]  # the same id comes back
    assert screen.model.rowCount() == 1


def test_undo_an_edit_shows_the_old_values(window: Any, qtbot: Any) -> None:
    opp = h.opportunity("Hooli", "SRE", status="lead")
    window.bus.publish(records.update("opportunity", opp, {"status": "invited"}))
    window.switch_to(1)
    screen = window.current_screen
    screen.show_record(opp)
    assert screen.form.editor("status").value() == "invited"
    undo(qtbot, window)
    assert records.get("opportunity", opp)["status"] == "lead"
    assert screen.form.editor("status").value() == "lead"


def test_undo_a_deleted_interview_brings_back_its_questions_and_links(window: Any, qtbot: Any, dialogs: Any) -> None:
    opp = h.opportunity("Umbrella", "Backend")
    interview = h.interview(opp, "2026-02-03", stage="technical")
    h.question(interview, "Explain MVCC", topic="Databases")
    contact = records.create("contact", {"name": "Ann", "how_met": interview}).primary_id
    records.create("interview_contact", {"interview": interview, "contact": contact})
    before = dump()
    window.switch_to(2)
    screen = window.current_screen
    screen.show_record(interview)
    dialogs.answer(QMessageBox.StandardButton.Yes)
    screen.list.view.setFocus()
    qtbot.keyClick(screen.list.view, Qt.Key.Key_Delete)
    assert "also deletes" in dialogs.last and "1 question" in dialogs.last
    assert not m.Interview.select().exists()
    assert window.undo_action.text().replace("&", "") == "Undo delete interview"

    undo(qtbot, window)
    assert dump() == before
    assert screen.model.rowCount() == 1

    redo(qtbot, window)
    assert not m.Interview.select().exists() and m.Contact.get_by_id(contact).how_met_id is None


def test_a_new_step_clears_redo(window: Any) -> None:
    window.bus.publish(records.create("company", {"name": "A"}))
    window.undo()
    assert window.redo_action.isEnabled()
    window.bus.publish(records.create("company", {"name": "B"}))
    assert not window.redo_action.isEnabled()
    assert window.undo_action.text().replace("&", "") == "Undo create company"


def test_undo_that_no_longer_fits_changes_nothing_and_says_so(window: Any, qtbot: Any, dialogs: Any) -> None:
    change = records.create("company", {"name": "Acme"})
    window.bus.publish(change)
    records.create("opportunity", {"company": change.primary_id, "title": "X"})  # written outside the history
    before = dump()
    window.undo()
    assert dump() == before
    assert "Undo failed" in [title for _fn, title, _text in dialogs.asked]
    assert window.undo_action.isEnabled()  # the step is kept


def test_interview_lifecycle_create_edit_undo_redo_delete(window: Any, qtbot: Any, dialogs: Any) -> None:
    opp = h.opportunity("Stark", "Backend")
    window.bus.publish(records.update("opportunity", opp, {"status": "invited"}))
    window.switch_to(2)
    screen = window.current_screen
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    combo = screen.form.input("opportunity")
    qtbot.keyClicks(combo.lineEdit(), "stark")
    popup = screen.form.editor("opportunity").completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert combo.currentText() == "Stark — Backend"
    date_input = screen.form.input("scheduled_on")
    date_input.setFocus()
    date_input.selectAll()
    qtbot.keyClicks(date_input, "2026-04-02")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    [interview] = listing.list_ids("interview")
    assert records.get("interview", interview)["scheduled_on"].isoformat() == "2026-04-02"

    screen.form.input("outcome").setFocus()
    qtbot.keyClicks(screen.form.input("outcome"), "Passed")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    assert records.get("interview", interview)["outcome"] == "passed"
    assert window.undo_action.text().replace("&", "") == "Undo edit interview"

    undo(qtbot, window)
    assert records.get("interview", interview)["outcome"] == "scheduled"
    redo(qtbot, window)
    assert records.get("interview", interview)["outcome"] == "passed"

    dialogs.answer(QMessageBox.StandardButton.Yes)
    screen.list.view.setFocus()
    qtbot.keyClick(screen.list.view, Qt.Key.Key_Delete)
    assert listing.list_ids("interview") == []
    undo(qtbot, window)
    assert listing.list_ids("interview") == [interview]


def test_the_date_range_filter_runs_in_sql(window: Any, qtbot: Any) -> None:
    import datetime as dt

    opp = h.opportunity("Wayne", "SRE")
    today = dt.date.today()
    h.interview(opp, (today - dt.timedelta(days=10)).isoformat())
    h.interview(opp, (today - dt.timedelta(days=200)).isoformat())
    h.interview(opp, (today + dt.timedelta(days=5)).isoformat())
    window.switch_to(2)
    screen = window.current_screen
    screen.refresh(None)
    box = screen.period_filter
    assert screen.model.rowCount() == 3
    box.setCurrentIndex(box.findText("Last 30 days"))
    assert screen.model.rowCount() == 1
    box.setCurrentIndex(box.findText("Upcoming"))
    assert screen.model.rowCount() == 1
    box.setCurrentIndex(box.findText("Last 12 months"))
    assert screen.model.rowCount() == 2
    assert "of 3" in screen.list.count_label.text()
