"""Questions & Skills, the skills tab: skills and their dated ratings, driven from the keyboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox

from desktop_app.db import models as m
from desktop_app.services import listing, records
from desktop_app.services.changes import Change, RowChange
from tests.ui import helpers as h

Yes, Cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)


@pytest.fixture
def tab(window: Any, qtbot: Any) -> Any:
    qtbot.waitUntil(window.isActiveWindow)  # window shortcuts need an active window
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_K, ALT)
    screen = window.current_screen
    assert screen.current_tab is screen.skills
    return screen.skills


def announce(window: Any) -> None:
    window.bus.publish(Change("test", [RowChange("skill", 0, None, {})]))


def skill(name: str, **values: Any) -> int:
    return records.create("skill", {"name": name, **values}).primary_id


def rate(skill_id: int, day: str, level: int, source: str = "self") -> int:
    return records.create("skill_rating", {"skill": skill_id, "rated_on": day, "level": level,
                                           "source": source}).primary_id


def undo(qtbot: Any, tab: Any) -> None:
    tab.list.view.setFocus()  # not in a text field, whose own Ctrl+Z wins
    qtbot.keyClick(tab.list.view, Qt.Key.Key_Z, CTRL)


def redo(qtbot: Any, tab: Any) -> None:
    tab.list.view.setFocus()
    qtbot.keyClick(tab.list.view, Qt.Key.Key_Z, CTRL | SHIFT)


def levels(tab: Any) -> list[str]:
    return h.shown_column(tab.ratings.model, "level")


def test_a_skill_is_created_by_typing_and_a_duplicate_name_is_refused(window: Any, tab: Any, qtbot: Any) -> None:
    assert tab.pages.currentWidget() is tab.empty_page
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    form = tab.form
    assert form.input("name").hasFocus()
    qtbot.keyClicks(form.input("name"), "Kubernetes")
    qtbot.keyClick(form.input("name"), Qt.Key.Key_Tab)
    qtbot.keyClicks(form.input("category"), "Infrastructure")
    qtbot.keyClick(form.input("category"), Qt.Key.Key_Tab)
    assert form.input("target_level").hasFocus()
    qtbot.keyClicks(form.input("target_level"), "4")
    assert not tab.ratings.add_button.isEnabled()  # a new skill is rated once saved
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)

    [skill_id] = listing.list_ids("skill")
    saved = records.get("skill", skill_id)
    assert (saved["name"], saved["category"], saved["target_level"]) == ("Kubernetes", "Infrastructure", 4)
    assert h.shown_column(tab.model, "name") == ["Kubernetes"]
    assert h.shown_column(tab.model, "latest_level") == [""]
    assert tab.ratings.trend.text() == "Not rated yet · target 4"
    assert tab.ratings.add_button.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.keyClicks(form.input("name"), "  kubernetes ")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    assert form.error_text("name") == "There is already a skill with the same name ('kubernetes')"
    assert form.error_labels["name"].isVisible() and form.input("name").hasFocus()
    assert listing.count("skill") == 1


def test_ratings_are_added_with_the_keyboard_edited_and_undone(window: Any, tab: Any, qtbot: Any) -> None:
    skill_id = skill("Kubernetes", target_level=4)
    announce(window)
    assert tab.show_record(skill_id)
    panel = tab.ratings
    today = dt.date.today().isoformat()
    tab.list.view.setFocus()

    # Ctrl+Shift+N, Enter: today's self-rating at the level proposed (3 when not rated yet)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL | SHIFT)
    assert panel.add_editors["level"].input.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    # Ctrl+Shift+N, 4, Enter: another one at level 4
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL | SHIFT)
    qtbot.keyClicks(QApplication.focusWidget(), "4")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    rows = list(m.SkillRating.select().order_by(m.SkillRating.id))
    assert [(str(r.rated_on), r.level, r.source, r.skill_id) for r in rows] == [
        (today, 3, "self", skill_id), (today, 4, "self", skill_id)]
    assert panel.heading.text() == "Ratings (2)"
    assert panel.trend.text() == f"✓ Level 3 → 4 of 4 · target reached · 2 ratings since {today}"
    assert h.shown_column(tab.model, "latest_level") == ["★★★★☆"]

    # edit the date of the level-3 rating in its cell: select it, F2, type, Enter
    date_column = [c.key for c in panel.model.columns].index("rated_on")
    row = levels(tab).index("★★★☆☆")
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(row, date_column))
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "2025-06-01")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: str(records.get("skill_rating", rows[0].id)["rated_on"]) == "2025-06-01")
    assert panel.trend.text() == "✓ Level 3 → 4 of 4 · target reached · 2 ratings since 2025-06-01"

    # and its source through the combo box
    source_column = [c.key for c in panel.model.columns].index("source")
    row = levels(tab).index("★★★☆☆")
    panel.view.setCurrentIndex(panel.model.index(row, source_column))
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("interview feedback"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: records.get("skill_rating", rows[0].id)["source"] == "interview feedback")
    assert window.undo_action.text().replace("&", "") == "Undo edit skill rating"

    undo(qtbot, tab)  # the source
    undo(qtbot, tab)  # the date
    undo(qtbot, tab)  # the second rating
    assert [r.level for r in m.SkillRating.select()] == [3]
    assert levels(tab) == ["★★★☆☆"] and panel.heading.text() == "Ratings (1)"
    assert h.shown_column(tab.model, "latest_level") == ["★★★☆☆"]
    redo(qtbot, tab)
    assert sorted(levels(tab)) == ["★★★★☆", "★★★☆☆"]


def test_an_invalid_rating_date_is_not_saved_and_says_why(window: Any, tab: Any, qtbot: Any) -> None:
    skill_id = skill("Go")
    announce(window)
    assert tab.show_record(skill_id)
    date = tab.ratings.add_editors["rated_on"].input
    date.setFocus()
    date.selectAll()
    qtbot.keyClicks(date, "yesterday")
    qtbot.keyClick(date, Qt.Key.Key_Return)
    assert "Date: 'yesterday' is not a date" in tab.ratings.error.text()
    assert not m.SkillRating.select().exists()


def test_a_rating_is_deleted_after_confirming(window: Any, tab: Any, qtbot: Any, dialogs: Any) -> None:
    skill_id = skill("Go", target_level=5)
    rate(skill_id, "2026-01-01", 2)
    rate(skill_id, "2026-02-01", 3)
    announce(window)
    assert tab.show_record(skill_id)
    panel = tab.ratings
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, 0))  # the newest first
    dialogs.answer(Yes)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert "2026-02-01 · level 3 · Self" in dialogs.last
    assert [r.level for r in m.SkillRating.select()] == [2]
    assert panel.trend.text() == "Level 2 of 5 · 3 to go · 1 rating since 2026-01-01"


def test_deleting_a_skill_takes_its_ratings_and_says_so(window: Any, tab: Any, qtbot: Any, dialogs: Any) -> None:
    doomed = skill("Kubernetes", target_level=4)
    rate(doomed, "2026-01-01", 2)
    rate(doomed, "2026-02-01", 3)
    keep = skill("Python")
    announce(window)
    assert tab.show_record(doomed)
    tab.list.view.setFocus()
    dialogs.answer(Cancel)
    qtbot.keyClick(tab.list.view, Qt.Key.Key_Delete)
    assert dialogs.last.startswith("Delete this skill? This also deletes 2 skill ratings.")
    assert records.exists("skill", doomed)
    dialogs.answer(Yes)
    qtbot.keyClick(window.current_screen.skills.list.view, Qt.Key.Key_Delete)
    assert not records.exists("skill", doomed) and not m.SkillRating.select().exists()
    assert tab.form.record_id == keep and tab.list.count_label.text() == "1 skill"

    undo(qtbot, tab)
    assert records.exists("skill", doomed) and m.SkillRating.select().count() == 2
    assert tab.model.rowCount() == 2


def test_the_latest_level_is_shown_for_each_skill_and_its_header_does_not_sort(window: Any, tab: Any,
                                                                             qtbot: Any) -> None:
    python, go = skill("Python"), skill("Go")
    rate(python, "2026-01-01", 2)
    rate(python, "2026-03-01", 5)
    rate(go, "2026-02-01", 3)
    announce(window)
    assert h.shown_column(tab.model, "name") == ["Go", "Python"]
    assert h.shown_column(tab.model, "latest_level") == ["★★★☆☆", "★★★★★"]
    header = tab.list.view.horizontalHeader()
    latest = [c.key for c in tab.model.columns].index("latest_level")
    x = header.sectionViewportPosition(latest) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(x, 5))
    assert h.shown_column(tab.model, "name") == ["Go", "Python"]
    assert header.sortIndicatorSection() == 0 and tab.model.sort_key == "name"


def test_the_window_opens_a_skill_on_the_skills_tab(window: Any, tab: Any, qtbot: Any) -> None:
    skill_id = skill("Rust")
    skill("Go")
    announce(window)
    screen = window.current_screen
    screen.show_tab(screen.bank)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    assert window.open_record("skill", skill_id)
    assert window.current_screen is screen and screen.current_tab is tab
    assert tab.form.record_id == skill_id and tab.list.current_id() == skill_id
    assert tab.ratings.skill_id == skill_id
