"""The Interviews screen and its inline questions, driven from the keyboard as in a debrief."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox

from desktop_app.services import listing, records
from desktop_app.services.changes import Change, RowChange
from tests.ui import helpers as h

Yes = QMessageBox.StandardButton.Yes


@pytest.fixture
def screen(window: Any) -> Any:
    window.switch_to(2)
    return window.current_screen


def announce(window: Any) -> None:
    window.bus.publish(Change("test", [RowChange("interview", 0, None, {})]))


def select(screen: Any, interview_id: int) -> None:
    assert screen.show_record(interview_id)


def test_an_interview_is_created_for_an_opportunity(window: Any, screen: Any, qtbot: Any) -> None:
    opportunity = h.opportunity("Acme", "Backend engineer")
    h.opportunity("Globex", "Frontend engineer")
    announce(window)
    assert screen.pages.currentWidget() is screen.empty_page
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = screen.form
    assert form.input("scheduled_on").text() == dt.date.today().isoformat()
    combo = form.input("opportunity")
    assert combo.hasFocus()
    qtbot.keyClicks(combo.lineEdit(), "acm")
    popup = form.editor("opportunity").completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().rowCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert combo.currentText() == "Acme — Backend engineer"
    date = form.input("scheduled_on")
    date.selectAll()
    qtbot.keyClicks(date, "2026-03-14")
    qtbot.keyClicks(form.input("scheduled_time"), "15:30")
    form.input("stage").setFocus()
    qtbot.keyClicks(form.input("stage"), "Tech")
    form.input("self_rating_after").setFocus()
    qtbot.keyClicks(form.input("self_rating_after"), "4")
    qtbot.mouseClick(screen.buttons["save"], Qt.MouseButton.LeftButton)

    [interview_id] = listing.list_ids("interview")
    saved = records.get("interview", interview_id)
    assert saved["opportunity"] == opportunity
    assert str(saved["scheduled_on"]) == "2026-03-14" and saved["scheduled_time"] == "15:30"
    assert saved["stage"] == "technical" and saved["self_rating_after"] == 4
    assert screen.list.current_id() == interview_id
    assert h.shown_column(screen.model, "self_rating_after") == ["★★★★☆"]
    assert h.shown_column(screen.model, "stage") == ["Technical"]
    assert screen.list.count_label.text() == "1 interview"


def test_a_bad_time_is_explained_next_to_the_field(window: Any, screen: Any, qtbot: Any) -> None:
    opportunity = h.opportunity("Acme", "Backend engineer")
    select(screen, h.interview(opportunity, "2026-03-01"))
    announce(window)
    qtbot.keyClicks(screen.form.input("scheduled_time"), "25:99")
    assert not screen.save()
    assert "24-hour time" in screen.form.error_text("scheduled_time")
    assert records.get("interview", screen.form.record_id)["scheduled_time"] is None


def test_questions_are_added_inline_with_the_keyboard_and_edited(window: Any, screen: Any, qtbot: Any) -> None:
    interview = h.interview(h.opportunity("Acme", "Backend engineer"), "2026-03-01")
    announce(window)
    select(screen, interview)
    panel = screen.questions
    screen.list.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert panel.add_edit.hasFocus()
    qtbot.keyClicks(panel.add_edit, "How does the GIL affect threads?")
    qtbot.keyClick(panel.add_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.add_edit, "Design a rate limiter")
    qtbot.keyClick(panel.add_edit, Qt.Key.Key_Return)
    assert panel.add_edit.hasFocus() and panel.add_edit.text() == ""

    ids = listing.list_ids("question", filters={"interview": interview}, sort="id")
    assert [records.get("question", i)["text"] for i in ids] == ["How does the GIL affect threads?",
                                                                  "Design a rate limiter"]
    assert panel.model.rowCount() == 2 and panel.heading.text() == "Questions asked (2)"

    # edit the topic of the first question in its cell: select it, start typing, Enter
    topic = [c.key for c in panel.model.columns].index("topic")
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, topic))
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "Concurrency")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: records.get("question", ids[0])["topic"] == "Concurrency")
    assert panel.model.index(0, topic).data() == "Concurrency"

    # answer quality through its combo box
    quality = [c.key for c in panel.model.columns].index("answer_quality")
    panel.view.setCurrentIndex(panel.model.index(1, quality))
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(2))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: records.get("question", ids[1])["answer_quality"] == 2)
    assert panel.model.index(1, quality).data() == "★★☆☆☆"


def test_an_invalid_cell_is_not_saved_and_says_why(window: Any, screen: Any, qtbot: Any) -> None:
    interview = h.interview(h.opportunity("Acme", "Backend engineer"), "2026-03-01")
    question = h.question(interview, "Explain the GIL")
    announce(window)
    select(screen, interview)
    panel = screen.questions
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(panel.error.isVisible)
    assert "Question: is required" in panel.error.text()
    assert records.get("question", question)["text"] == "Explain the GIL"


def test_a_question_is_deleted_after_confirming(window: Any, screen: Any, qtbot: Any, dialogs: Any) -> None:
    interview = h.interview(h.opportunity("Acme", "Backend engineer"), "2026-03-01")
    h.question(interview, "Explain the GIL")
    announce(window)
    select(screen, interview)
    panel = screen.questions
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    dialogs.answer(Yes)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert "Explain the GIL" in dialogs.last
    assert listing.count("question") == 0 and panel.model.rowCount() == 0
    assert records.exists("interview", interview)


def test_a_new_interview_has_its_questions_after_saving(window: Any, screen: Any, qtbot: Any) -> None:
    h.opportunity("Acme", "Backend engineer")
    announce(window)
    screen.new_record()
    assert not screen.questions.add_edit.isEnabled()
    assert "Save the interview first" in screen.questions.add_edit.placeholderText()


def test_stage_and_outcome_filters(window: Any, screen: Any, qtbot: Any) -> None:
    opportunity = h.opportunity("Acme", "Backend engineer")
    h.interview(opportunity, "2026-03-01", stage="technical", outcome="passed")
    h.interview(opportunity, "2026-03-08", stage="technical", outcome="failed")
    h.interview(opportunity, "2026-03-15", stage="final", outcome="passed")
    announce(window)
    screen.list.set_filter("stage", "technical")
    assert screen.model.rowCount() == 2
    screen.list.set_filter("outcome", "passed")
    assert h.shown_column(screen.model, "scheduled_on") == ["2026-03-01"]
    assert screen.list.count_label.text() == "1 of 3 interviews"
    screen.list.set_filter("stage", None)
    assert h.shown_column(screen.model, "scheduled_on") == ["2026-03-15", "2026-03-01"]


def test_the_next_round_starts_with_the_same_opportunity(window: Any, screen: Any, qtbot: Any) -> None:
    opportunity = h.opportunity("Acme", "Backend engineer")
    select(screen, h.interview(opportunity, "2026-03-01"))
    announce(window)
    qtbot.mouseClick(screen.buttons["new"], Qt.MouseButton.LeftButton)
    assert screen.form.input("opportunity").currentText() == "Acme — Backend engineer"
    assert not screen.form.is_dirty()
    qtbot.mouseClick(screen.buttons["save"], Qt.MouseButton.LeftButton)
    assert listing.count("interview", filters={"opportunity": opportunity}) == 2


def test_deleting_an_interview_counts_its_questions(window: Any, screen: Any, qtbot: Any, dialogs: Any) -> None:
    interview = h.interview(h.opportunity("Acme", "Backend engineer"), "2026-03-01")
    for text in ("One", "Two", "Three"):
        h.question(interview, text)
    announce(window)
    select(screen, interview)
    dialogs.answer(Yes)
    screen.delete_current()
    assert "This also deletes 3 questions." in dialogs.last
    assert listing.count("interview") == 0
