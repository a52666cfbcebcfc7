"""The window by keyboard alone: screen keys, record commands, undo/redo, Delete, Tab order, Escape, F1."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea, QWidget

from desktop_app.services import listing, records
from desktop_app.ui.main_window import KEY_NAMES
from tests.ui import helpers as h
from tests.ui.conftest import publish_all

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
TITLES = ["Dashboard", "Opportunities", "Interviews", "Questions & Skills", "Contacts", "Offers", "Companies", "Tasks"]


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press(qtbot: Any, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the focus is, as a person's would arrive."""
    widget = focused()
    assert widget is not None
    qtbot.keyClick(widget, key, modifiers)


def tab_walk(qtbot: Any, count: int, backwards: bool = False) -> list[QWidget]:
    seen: list[QWidget] = []
    for _ in range(count):
        press(qtbot, Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab, SHIFT if backwards else
              Qt.KeyboardModifier.NoModifier)
        widget = focused()
        assert widget is not None
        seen.append(widget)
    return seen


def test_ctrl_1_to_8_go_to_each_screen(window: Any, qtbot: Any) -> None:
    qtbot.waitUntil(window.isActiveWindow)
    for number in (8, 7, 6, 5, 4, 3, 2, 1):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), CTRL)
        assert window.current_screen.title == TITLES[number - 1]
        assert window.nav.currentRow() == number - 1 and window.current_screen.isVisible()


def test_find_new_save_undo_redo_and_delete_by_keyboard(window: Any, qtbot: Any, dialogs: Any) -> None:
    h.company("Initech")
    kept = h.opportunity("Initech", "Site reliability engineer")
    publish_all(window, records.update("opportunity", kept, {"status": "lead"}))
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    screen = window.current_screen

    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert screen.list.search.hasFocus()
    qtbot.keyClicks(screen.list.search, "reliab")
    press(qtbot, Qt.Key.Key_Down)  # from the search box to the list, on the first match
    assert screen.list.view.hasFocus() and screen.form.record_id == kept
    press(qtbot, Qt.Key.Key_Return)  # from the list to the form
    assert screen.form.input("company").hasFocus()

    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert screen.form.is_new() and screen.form.input("company").hasFocus()
    qtbot.keyClicks(screen.form.input("company").lineEdit(), "Initech")
    press(qtbot, Qt.Key.Key_Tab)
    assert screen.form.input("title").hasFocus()
    qtbot.keyClicks(screen.form.input("title"), "Platform engineer")
    press(qtbot, Qt.Key.Key_S, CTRL)
    created = screen.form.record_id
    assert created is not None and records.get("opportunity", created)["title"] == "Platform engineer"

    press(qtbot, Qt.Key.Key_Escape)  # back to the list, where Ctrl+Z is the window's undo
    assert screen.list.view.hasFocus()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert not records.exists("opportunity", created)
    press(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)
    assert records.exists("opportunity", created)

    screen.show_record(created)
    screen.list.view.setFocus()
    dialogs.answer(QMessageBox.StandardButton.Yes)
    press(qtbot, Qt.Key.Key_Delete)
    assert dialogs.asked[-1][1] == "Delete opportunity"
    assert listing.list_ids("opportunity") == [kept]
    assert window.undo_action.text().replace("&", "") == "Undo delete opportunity"


def test_ctrl_z_in_a_text_field_undoes_the_typing_not_the_last_change(window: Any, qtbot: Any) -> None:
    h.company("Hooli")
    opp = h.opportunity("Hooli", "SRE")
    publish_all(window, records.update("opportunity", opp, {"seniority": "senior"}))
    qtbot.waitUntil(window.isActiveWindow)
    window.switch_to(1)
    screen = window.current_screen
    screen.show_record(opp)
    title = screen.form.input("title")
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " II")
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert records.get("opportunity", opp)["seniority"] == "senior"  # the saved change stays
    assert window.undo_action.isEnabled()


def _row_major(widgets: list[QWidget], form: QWidget) -> None:
    """Each widget is right of the one before on the same line, or on a line below it."""
    places = [w.mapTo(form, QPoint(0, 0)) for w in widgets]
    for (a, b), (first, second) in zip(zip(places, places[1:]), zip(widgets, widgets[1:])):
        same_line = abs(a.y() - b.y()) <= 6
        assert (same_line and b.x() > a.x()) or b.y() > a.y() + 6, (first.accessibleName(), second.accessibleName())


def _check_form_tab_order(window: Any, qtbot: Any, key: str, record_id: int) -> list[QWidget]:
    """Tab from the first field until the focus leaves the form, then Shift+Tab back; what follows the form."""
    window.switch_to([s.key for s in window.screens].index(key))
    screen = window.current_screen
    assert screen.show_record(record_id)
    form = screen.form
    inputs = [form.input(f.name) for f in form.fields]
    visible = [w for w in inputs if w.isVisible()]
    visible[0].setFocus()
    in_form: list[QWidget] = []
    while len(in_form) < 60:
        [widget] = tab_walk(qtbot, 1)
        if not form.isAncestorOf(widget):
            break
        in_form.append(widget)
    assert not form.isAncestorOf(focused())  # Tab leaves the form: no loop inside it
    stops = [w for w in in_form if w in inputs]
    assert stops == visible[1:], [w.accessibleName() for w in stops]  # every field once, in order
    _row_major(visible[:-1], form)  # the short fields, row by row (the long texts sit below them)
    back = tab_walk(qtbot, len(in_form) + 1, backwards=True)
    assert back[-1] is visible[0] and [w for w in back if w in inputs][::-1] == visible
    back[-1].setFocus()
    return tab_walk(qtbot, len(in_form) + 12)[len(in_form):]


def test_tab_goes_through_the_opportunity_form_row_by_row_and_out(window: Any, qtbot: Any) -> None:
    opp = h.opportunity("Initech", "Backend engineer", status="interviewing")
    publish_all(window, records.update("opportunity", opp, {"notes": "Met at a meetup"}))
    qtbot.waitUntil(window.isActiveWindow)
    rest = _check_form_tab_order(window, qtbot, "opportunities", opp)
    screen = window.current_screen
    assert screen.buttons["delete"] in rest  # the form's buttons follow it


def test_tab_goes_through_the_interview_form_then_its_questions(window: Any, qtbot: Any) -> None:
    opp = h.opportunity("Initech", "Backend engineer")
    interview = h.interview(opp, "2026-02-03", stage="technical")
    h.question(interview, "Explain MVCC")
    publish_all(window, records.update("interview", interview, {"outcome": "passed"}))
    qtbot.waitUntil(window.isActiveWindow)
    rest = _check_form_tab_order(window, qtbot, "interviews", interview)
    questions = window.current_screen.questions
    assert rest.index(questions.add_edit) < rest.index(questions.view)  # then the questions, top to bottom


def test_tab_from_the_search_box_reaches_the_form_and_never_stops_on_a_scroll_area(window: Any, qtbot: Any) -> None:
    opp = h.opportunity("Initech", "Backend engineer")
    interview = h.interview(opp, "2026-02-03", stage="technical")
    publish_all(window, records.update("interview", interview, {"outcome": "passed"}))
    qtbot.waitUntil(window.isActiveWindow)
    window.switch_to(2)
    screen = window.current_screen
    screen.show_record(interview)
    screen.list.search.setFocus()
    seen = tab_walk(qtbot, 12)
    assert seen.index(screen.list.view) < seen.index(screen.form.input("opportunity"))
    assert not [w for w in seen if isinstance(w, QScrollArea)]


def test_escape_goes_from_the_form_back_to_the_list(window: Any, qtbot: Any) -> None:
    opp = h.opportunity("Initech", "Backend engineer")
    interview = h.interview(opp, "2026-02-03", stage="technical")
    publish_all(window, records.update("interview", interview, {"outcome": "passed"}))
    qtbot.waitUntil(window.isActiveWindow)
    window.switch_to(2)
    screen = window.current_screen
    screen.show_record(interview)
    screen.form.input("duration_minutes").setFocus()
    qtbot.keyClicks(screen.form.input("duration_minutes"), "45")
    press(qtbot, Qt.Key.Key_Escape)
    assert screen.list.view.hasFocus()
    assert screen.form.is_dirty()  # the edit is still there, to save or revert
    screen.revert()
    screen.questions.add_edit.setFocus()
    press(qtbot, Qt.Key.Key_Escape)
    assert screen.list.view.hasFocus()


def test_escape_in_a_question_cell_cancels_the_cell_edit_only(window: Any, qtbot: Any) -> None:
    opp = h.opportunity("Initech", "Backend engineer")
    interview = h.interview(opp, "2026-02-03", stage="technical")
    h.question(interview, "Explain MVCC")
    publish_all(window, records.update("interview", interview, {"outcome": "passed"}))
    qtbot.waitUntil(window.isActiveWindow)
    window.switch_to(2)
    screen = window.current_screen
    screen.show_record(interview)
    view = screen.questions.view
    view.setFocus()
    view.setCurrentIndex(screen.questions.model.index(0, 0))
    press(qtbot, Qt.Key.Key_F2)
    editor = focused()
    assert editor is not None and view.isAncestorOf(editor)
    qtbot.keyClicks(editor, " in Postgres")
    press(qtbot, Qt.Key.Key_Escape)
    assert view.hasFocus()
    assert records.get("question", listing.list_ids("question")[0])["text"] == "Explain MVCC"


def test_f1_lists_every_shortcut_of_the_window(window: Any, qtbot: Any, dialogs: Any) -> None:
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert dialogs.asked[-1][1] == "Keyboard shortcuts"
    text = dialogs.last
    keys = {a.shortcut().toString(QKeySequence.SequenceFormat.NativeText) for a in window.findChildren(QAction)
            if a not in window.go_actions}
    keys |= {s.key().toString(QKeySequence.SequenceFormat.NativeText) for s in window.findChildren(QShortcut)}
    keys.discard("")
    assert {"Ctrl+N", "Ctrl+S", "Ctrl+F", "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Shift+N", "Esc"} <= keys
    for key in keys:
        assert KEY_NAMES.get(key, key) in text, key
    assert "Ctrl+1 … Ctrl+8" in text and "Tab" in text
