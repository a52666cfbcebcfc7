"""First run and demo data: the welcome page, and a separate demo folder that never mixes with the user's."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.db import database as dbmodule
from desktop_app.db import models as m
from desktop_app.paths import database_path
from desktop_app.services import datafolder, demo_folder, listing, records
from desktop_app.services.errors import Cancelled
from desktop_app.ui.demo_mode import DataFolders
from desktop_app.ui.screens import SCREENS
from tests.ui.conftest import publish_all
from tests.ui.helpers import close_window

TODAY = dt.date(2026, 3, 16)
TABLES = [model._meta.table_name for model in m.RECORD_MODELS if model is not m.Setting]


def record_counts(data_dir: Path) -> dict[str, int]:
    """Rows per record table of a folder's data file, read straight from the file."""
    with sqlite3.connect(database_path(data_dir)) as con:
        return {table: con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in TABLES}


def file_actions(win: Any) -> dict[str, Any]:
    menu = next(a.menu() for a in win.menuBar().actions() if a.text().replace("&", "") == "File")
    return {a.text().replace("&", ""): a for a in menu.actions() if not a.isSeparator()}


def open_folders(qtbot: Any, data_dir: Path) -> DataFolders:
    folders = DataFolders(data_dir, demo_today=TODAY)
    win = folders.open_window(welcome=True)
    win.show()
    qtbot.waitExposed(win)
    return folders


@pytest.fixture
def folders(qtbot: Any, data_dir: Path, database: Any, dialogs: Any) -> Iterator[DataFolders]:
    opened = open_folders(qtbot, data_dir)
    yield opened
    dialogs.default = QMessageBox.StandardButton.Discard
    close_window(opened.window)
    if dbmodule.db.obj is not database:
        dbmodule.db.obj.close()


def explore(qtbot: Any, folders: DataFolders) -> Any:
    assert folders.welcome is not None
    qtbot.mouseClick(folders.welcome.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: folders.in_demo and folders.window.isVisible())
    return folders.window


def test_first_run_shows_the_welcome_explaining_each_screen(folders: DataFolders) -> None:
    win = folders.window
    assert folders.welcome_shown() and folders.welcome.isVisible()
    for entry in SCREENS:
        assert len(folders.welcome.screen_rows[entry.key].text()) > 40, entry.key
    assert folders.welcome.start_button.text() == "Start with my own data"
    assert folders.welcome.demo_button.text() == "Explore with demo data"
    assert not win.new_action.isEnabled()  # no command aims at a screen that is not shown
    assert "Explore demo data" in file_actions(win)


def test_start_with_my_own_data_shows_the_screens_and_their_empty_states(folders: DataFolders, qtbot: Any) -> None:
    win = folders.window
    qtbot.mouseClick(folders.welcome.start_button, Qt.MouseButton.LeftButton)
    assert not folders.welcome_shown()
    screen = win.current_screen
    assert screen.isVisible() and screen.pages.currentWidget() is screen.empty_page
    assert win.new_action.isEnabled()
    qtbot.keyClick(win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert screen.form.input("company").hasFocus()


def test_a_screen_chosen_from_the_navigation_replaces_the_welcome(folders: DataFolders, qtbot: Any) -> None:
    win = folders.window
    assert win.nav.currentRow() == -1  # no screen is shown, so none is marked
    rect = win.nav.visualItemRect(win.nav.item(1))
    qtbot.mouseClick(win.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not folders.welcome_shown()
    assert win.current_screen.key == "opportunities" and win.current_screen.isVisible()
    folders.window.show_page(folders.welcome)
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert not folders.welcome_shown()
    assert win.current_screen.key == "interviews" and win.nav.currentRow() == 2


def test_the_welcome_is_used_by_keyboard(folders: DataFolders, qtbot: Any) -> None:
    win = folders.window
    qtbot.waitUntil(win.isActiveWindow)
    assert folders.welcome.start_button.hasFocus()
    qtbot.keyClick(folders.welcome.start_button, Qt.Key.Key_Tab)
    assert folders.welcome.demo_button.hasFocus()
    qtbot.keyClick(folders.welcome.demo_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: folders.in_demo)


def test_explore_with_demo_data_opens_a_separate_filled_folder(folders: DataFolders, qtbot: Any,
                                                                data_dir: Path) -> None:
    first = folders.window
    win = explore(qtbot, folders)
    assert win is not first and not first.isVisible()
    assert folders.demo_dir == data_dir / "demo" and win.data_dir == data_dir / "demo"
    assert "(demo)" in win.windowTitle()
    assert folders.banner is not None and folders.banner.isVisible()
    assert folders.banner.text() == "<b>Demo data</b> — nothing here is yours. [Back to my data]"
    assert Path(dbmodule.db.obj.database) == database_path(data_dir / "demo")
    assert demo_folder.is_demo_data()
    screen = win.current_screen
    assert screen.key == "opportunities" and screen.model.rowCount() > 10  # the demo's records are shown
    assert listing.count("interview") == 100
    assert record_counts(data_dir) == dict.fromkeys(TABLES, 0)  # not one demo row in the user's file
    assert sum(record_counts(data_dir / "demo").values()) > 500
    assert "Back to my data" in file_actions(win) and "Explore demo data" not in file_actions(win)
    assert not win.undo_action.isEnabled()


def test_back_to_my_data_returns_to_the_users_folder(folders: DataFolders, qtbot: Any, data_dir: Path) -> None:
    demo_window = explore(qtbot, folders)
    interview = listing.list_ids("interview")[0]
    demo_window.bus.publish(records.delete("interview", interview))  # an edit of the demo stays in the demo
    demo_window.switch_to(2)
    qtbot.mouseClick(folders.banner.button, Qt.MouseButton.LeftButton)
    win = folders.window
    assert not folders.in_demo and win is not demo_window and win.isVisible()
    assert win.windowTitle() == f"SayYes — {data_dir}"
    assert Path(dbmodule.db.obj.database) == database_path(data_dir)
    assert not datafolder.has_records() and not folders.welcome_shown()  # seen already: the screen instead
    assert win.current_screen.key == "interviews" and win.current_screen.pages.currentWidget() is \
        win.current_screen.empty_page
    assert not win.undo_action.isEnabled()  # the demo's history went with its window
    assert record_counts(data_dir) == dict.fromkeys(TABLES, 0)
    demo_interviews = record_counts(data_dir / "demo")["interview"]
    assert demo_interviews == 99

    file_actions(win)["Explore demo data"].trigger()  # the demo is opened again as it was left, not filled twice
    assert folders.in_demo and listing.count("interview") == demo_interviews
    file_actions(folders.window)["Back to my data"].trigger()
    assert not folders.in_demo and "(demo)" not in folders.window.windowTitle()


def test_a_folder_with_records_shows_no_welcome(qtbot: Any, data_dir: Path, database: Any, dialogs: Any) -> None:
    records.create("company", {"name": "Initech"})
    opened = open_folders(qtbot, data_dir)
    try:
        assert not opened.welcome_shown() and opened.welcome is None
        assert opened.window.current_screen.isVisible() and opened.window.new_action.isEnabled()
    finally:
        close_window(opened.window)


def test_unsaved_edits_are_asked_about_before_switching(qtbot: Any, data_dir: Path, database: Any,
                                                        dialogs: Any) -> None:
    change = records.create("company", {"name": "Initech"})
    opened = open_folders(qtbot, data_dir)
    win = opened.window
    publish_all(win, change)
    try:
        win.switch_to(6)
        screen = win.current_screen
        screen.show_record(change.primary_id)
        qtbot.keyClicks(screen.form.input("industry"), "Software")
        dialogs.answer(QMessageBox.StandardButton.Cancel)
        assert not opened.explore_demo()
        assert opened.window is win and not opened.in_demo and screen.form.is_dirty()
        dialogs.answer(QMessageBox.StandardButton.Save)
        assert opened.explore_demo()
        assert "unsaved" in dialogs.asked[-1][1].lower()
        assert opened.window.current_screen.key == "companies"  # the same screen, on the demo's data
        assert record_counts(data_dir)["company"] == 1
        with sqlite3.connect(database_path(data_dir)) as con:
            assert con.execute("SELECT industry FROM company").fetchone() == ("Software",)
    finally:
        dialogs.default = QMessageBox.StandardButton.Discard
        close_window(opened.window)
        dbmodule.db.obj.close()


def test_a_cancelled_demo_leaves_the_window_on_the_users_folder(folders: DataFolders, monkeypatch: Any,
                                                                data_dir: Path) -> None:
    def cancelled(*_args: Any, **_kwargs: Any) -> None:
        raise Cancelled()

    monkeypatch.setattr(demo_folder, "fill", cancelled)
    first = folders.window
    assert not folders.explore_demo()
    assert folders.window is first and first.isVisible() and not folders.in_demo
    assert Path(dbmodule.db.obj.database) == database_path(data_dir)
    assert folders.welcome_shown()


def test_real_records_where_the_demo_goes_are_never_shown_as_demo(folders: DataFolders, dialogs: Any,
                                                                  data_dir: Path) -> None:
    database = datafolder.open_folder(data_dir / "demo")
    records.create("company", {"name": "Not a demo company"})
    database.close()
    datafolder.open_folder(data_dir)
    assert not folders.explore_demo()
    assert "not demo data" in dialogs.last
    assert not folders.in_demo and record_counts(data_dir / "demo")["company"] == 1
