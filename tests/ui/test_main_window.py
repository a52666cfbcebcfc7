"""The main window: title, navigation, shortcuts, menus, theme, and state kept across runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import __version__, settings
from tests.ui.helpers import close_window

SCREEN_TITLES = [
    "Dashboard", "Opportunities", "Interviews", "Questions & Skills", "Contacts", "Offers", "Companies", "Tasks",
]


def menu_actions(win: Any, title: str) -> dict[str, Any]:
    menu = next(a.menu() for a in win.menuBar().actions() if a.text().replace("&", "") == title)
    return {a.text().replace("&", ""): a for a in menu.actions() if not a.isSeparator()}


def test_title_names_the_app_and_the_data_folder(window: Any, data_dir: Path) -> None:
    assert "SayYes" in window.windowTitle()
    assert str(data_dir) in window.windowTitle()


def test_navigation_lists_the_eight_screens_in_order(window: Any) -> None:
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == SCREEN_TITLES
    assert [s.title for s in window.screens] == SCREEN_TITLES


def test_ctrl_number_switches_screens(window: Any, qtbot: Any) -> None:
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen.title == "Interviews"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen.title == "Opportunities"
    assert window.nav.currentRow() == 1
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen.title == "Tasks"


def test_clicking_the_navigation_switches_screens(window: Any, qtbot: Any) -> None:
    rect = window.nav.visualItemRect(window.nav.item(2))
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_screen.title == "Interviews"


def test_edit_commands_apply_only_to_record_screens(window: Any) -> None:
    window.switch_to(0)
    assert not window.new_action.isEnabled()
    window.switch_to(1)
    assert window.new_action.isEnabled() and window.save_action.isEnabled()


def test_file_menu_commands_are_enabled_and_open_the_data_folder(window: Any, monkeypatch: Any,
                                                                  data_dir: Path) -> None:
    actions = menu_actions(window, "File")
    for name in ("Import…", "Export…", "Backup now", "Restore from backup…", "Settings…"):
        assert actions[name].isEnabled()
    assert "backups folder" in actions["Backup now"].toolTip()
    assert actions["Quit"].isEnabled() and actions["Quit"].shortcut().toString() == "Ctrl+Q"
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    actions["Open data folder"].trigger()
    assert opened == [str(data_dir)]
    edit = menu_actions(window, "Edit")
    assert not edit["Undo"].isEnabled() and not edit["Redo"].isEnabled()


def test_dark_theme_is_stored_and_readable(window: Any) -> None:
    menu_actions(window, "View")  # the menu exists
    window.theme_actions["dark"].trigger()
    assert settings.load().theme == "dark"
    palette = QApplication.instance().palette()
    window_color = palette.color(QPalette.ColorRole.Window)
    text_color = palette.color(QPalette.ColorRole.WindowText)
    assert window_color.lightness() < 60 and text_color.lightness() > 180
    window.theme_actions["light"].trigger()
    assert settings.load().theme == "light"
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() > 200


def test_help_shows_shortcuts_and_version(window: Any, dialogs: Any) -> None:
    help_actions = menu_actions(window, "Help")
    help_actions["About SayYes"].trigger()
    assert __version__ in dialogs.last
    help_actions["Keyboard shortcuts"].trigger()
    assert "Ctrl+Shift+N" in dialogs.last and "Ctrl+S" in dialogs.last


def test_geometry_and_screen_are_restored_in_the_next_window(qtbot: Any, data_dir: Path, database: object,
                                                           dialogs: Any) -> None:
    from desktop_app.app import create_window

    first = create_window(data_dir)
    first.show()
    qtbot.waitExposed(first)
    first.resize(1010, 690)
    qtbot.waitUntil(lambda: first.size().width() == 1010)
    first.switch_to(2)
    close_window(first)
    assert isinstance(settings.get_value("ui.geometry"), str)

    second = create_window(data_dir)
    second.show()
    qtbot.waitExposed(second)
    try:
        assert (second.width(), second.height()) == (1010, 690)
        assert second.current_screen.title == "Interviews"
    finally:
        close_window(second)


def test_a_file_that_is_not_a_sayyes_file_is_explained(qtbot: Any, tmp_path: Path, dialogs: Any) -> None:
    from desktop_app.app import run_gui
    from desktop_app.ui.recovery_dialog import QUIT
    from tests.ui.test_recovery import when_shown

    folder = tmp_path / "other"
    folder.mkdir()
    with sqlite3.connect(folder / "sayyes.sqlite3") as con:
        con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")
    shown: list[str] = []
    when_shown(lambda dialog: (shown.append(f"{dialog.headline.text()}\n{dialog.text.text()}"),
                               qtbot.mouseClick(dialog.buttons[QUIT], Qt.MouseButton.LeftButton)))
    assert run_gui(folder) == 1  # the recovery dialog (tests/ui/test_recovery.py), and Quit
    assert "not a SayYes data file" in shown[0]
    assert "Traceback" not in shown[0]


def test_run_gui_opens_the_window_and_returns_0_when_it_closes(qtbot: Any, tmp_path: Path, dialogs: Any) -> None:
    from PySide6.QtCore import QTimer

    from desktop_app.app import run_gui
    from desktop_app.ui.main_window import MainWindow

    shown: list[str] = []

    def close_it() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                shown.append(widget.windowTitle())
                widget.close()

    QTimer.singleShot(0, close_it)
    assert run_gui(tmp_path / "data") == 0
    assert shown == [f"SayYes — {tmp_path / 'data'}"]
    assert QApplication.applicationName() == "SayYes" and not QApplication.windowIcon().isNull()


def test_quit_closes_the_window(window: Any, qtbot: Any) -> None:
    menu_actions(window, "File")["Quit"].trigger()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert QMessageBox is not None
