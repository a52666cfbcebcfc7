"""Screens are built the first time they are wanted: a cold start builds only the one it shows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QMessageBox

from desktop_app import settings
from desktop_app.services import listing, records
from desktop_app.ui.screen import Screen
from desktop_app.ui.screens.companies import MERGE_SHORTCUT, STANDARDS_SHORTCUT
from desktop_app.ui.screens.offers import COMPARE_SHORTCUT
from desktop_app.ui.theme import DARK
from tests.ui import helpers as h
from tests.ui.helpers import close_window

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
COMPANIES = 6


def built(window: Any) -> list[str]:
    return [screen.key for screen in window.screens.built()]


def click_nav(qtbot: Any, window: Any, row: int) -> None:
    rect = window.nav.visualItemRect(window.nav.item(row))
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def press_outside_text(qtbot: Any, screen: Any, key: Qt.Key, modifiers: Any = CTRL) -> None:
    screen.list.view.setFocus()
    qtbot.keyClick(screen.list.view, key, modifiers)


def test_at_start_only_the_screen_shown_is_built(window: Any) -> None:
    assert built(window) == ["opportunities"]
    assert {screen.key for screen in window.findChildren(Screen)} == {"opportunities"}
    assert window.nav.count() == len(window.screens) == 8
    assert window.current_screen.key == "opportunities" and window.current_screen.isVisible()
    assert window.stack.currentWidget() is window.current_screen


def test_a_screen_built_on_first_visit_shows_data_changed_before_it_existed(window: Any, qtbot: Any,
                                                                           dialogs: Any) -> None:
    created = records.create("company", {"name": "Initech", "industry": "Energy"})
    window.bus.publish(created)  # while the Companies screen is not built
    assert "companies" not in built(window)
    click_nav(qtbot, window, COMPANIES)
    screen = window.current_screen
    assert screen.key == "companies" and built(window) == ["opportunities", "companies"]
    assert h.shown_column(screen.model, "name") == ["Initech"]
    company = created.primary_id
    assert screen.form.record_id == company and screen.form_title.text() == "Initech"

    industry = screen.form.input("industry")
    industry.setFocus()
    industry.selectAll()
    qtbot.keyClicks(industry, "Robotics")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    assert records.get("company", company)["industry"] == "Robotics"
    press_outside_text(qtbot, screen, Qt.Key.Key_Z)
    assert records.get("company", company)["industry"] == "Energy"
    assert screen.form.input("industry").text() == "Energy"
    press_outside_text(qtbot, screen, Qt.Key.Key_Z, CTRL_SHIFT)
    assert screen.form.input("industry").text() == "Robotics"

    dialogs.answer(QMessageBox.StandardButton.Yes)
    press_outside_text(qtbot, screen, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    assert listing.count("company") == 0 and screen.model.rowCount() == 0
    press_outside_text(qtbot, screen, Qt.Key.Key_Z)
    assert h.shown_column(screen.model, "name") == ["Initech"]


def test_a_screen_built_earlier_and_hidden_still_follows_changes(window: Any, qtbot: Any) -> None:
    window.show_screen("companies")
    companies = window.current_screen
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.current_screen.key == "opportunities"
    window.bus.publish(records.create("company", {"name": "Globex"}))
    qtbot.keyClick(window, Qt.Key.Key_7, CTRL)
    assert window.current_screen is companies
    assert h.shown_column(companies.model, "name") == ["Globex"]


def test_ctrl_number_and_links_build_the_screen_they_reach(window: Any, qtbot: Any) -> None:
    opp = h.opportunity("Initech", "Backend engineer")
    interview = h.interview(opp, "2026-02-03", stage="technical")
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    assert window.current_screen.key == "interviews" and "interviews" in built(window)
    assert window.open_record("company", h.company("Initech"))
    assert window.current_screen.key == "companies" and window.current_screen.form_title.text() == "Initech"
    assert window.open_record("interview", interview)
    assert window.current_screen.key == "interviews" and window.current_screen.form.record_id == interview
    assert built(window) == ["opportunities", "interviews", "companies"]


def test_what_a_screen_opens_is_known_before_it_is_built(window: Any) -> None:
    declared = [slot.declared_opens() for slot in window.screens.slots]
    assert built(window) == ["opportunities"]
    assert declared == [screen.opens for screen in window.screens]  # iterating builds every screen
    assert "skill" in declared[window.screens.key_index("questions")]


def test_escape_goes_back_to_the_list_on_a_screen_built_late(window: Any, qtbot: Any) -> None:
    h.company("Initech")
    window.show_screen("companies")
    screen = window.current_screen
    name = screen.form.input("name")
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_Escape)
    assert screen.list.view.hasFocus()


def test_a_screen_built_after_a_theme_change_wears_that_theme(window: Any) -> None:
    window.apply_theme("dark", store=False)
    try:
        screen = window.screen("companies")
        assert screen.palette().color(QPalette.ColorRole.Base).name() == DARK["base"]
    finally:
        window.apply_theme("system", store=False)


def test_the_shortcut_list_names_the_shortcuts_of_screens_not_yet_built(window: Any) -> None:
    keys = {part.strip() for keys, _what in window.shortcut_rows()
            for part in keys.replace(" or ", "/").split("/")}
    for shortcut in (COMPARE_SHORTCUT, MERGE_SHORTCUT, STANDARDS_SHORTCUT, "Ctrl+PgDown"):
        assert QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText) in keys
    owned = {s.key().toString(QKeySequence.SequenceFormat.NativeText) for s in window.findChildren(QShortcut)}
    assert len(built(window)) == 8 and owned - {"Esc"} <= keys


def test_splitters_are_restored_on_a_screen_built_late_and_kept_when_not_built(
        qtbot: Any, data_dir: Path, database: object, dialogs: Any) -> None:
    from desktop_app.app import create_window

    h.company("Initech")
    first = create_window(data_dir)
    first.show()
    qtbot.waitExposed(first)
    companies = first.screen("companies")
    first.show_screen("companies")
    companies.splitter.setSizes([300, 900])
    sizes = companies.splitter.sizes()
    close_window(first)
    saved = settings.get_value("ui.splitters")
    assert isinstance(saved, dict) and "companies" in saved

    second = create_window(data_dir)  # opens on Companies, the screen shown last
    second.show()
    qtbot.waitExposed(second)
    try:
        assert second.current_screen.key == "companies"
        assert second.current_screen.splitter.sizes() == sizes
        assert second.show_screen("opportunities")
    finally:
        close_window(second)

    kept = settings.get_value("ui.splitters")["companies"]
    third = create_window(data_dir)  # opens on Opportunities: Companies is never built
    third.show()
    qtbot.waitExposed(third)
    try:
        assert "companies" not in built(third)
    finally:
        close_window(third)
    assert settings.get_value("ui.splitters")["companies"] == kept
