"""File → Backup now, File → Restore from backup… and the automatic backup on start, driven as a user would."""

from __future__ import annotations

import datetime as dt
import errno
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app import settings
from desktop_app.db import models as m
from desktop_app.paths import database_path
from desktop_app.services import backup, backup_files, records
from desktop_app.ui import backup_dialog
from desktop_app.ui.backup_dialog import RestoreDialog, backup_warning, start_auto_backup
from tests.ui import helpers as h
from tests.ui.helpers import visible
from tests.ui.test_main_window import menu_actions

T0 = dt.datetime(2026, 11, 26, 11, 5, 0, tzinfo=dt.timezone.utc)
YES, CANCEL = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
LEFT = Qt.MouseButton.LeftButton


def backup_files_in(data_dir: Path) -> list[str]:
    folder = backup.backups_dir(data_dir)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def dump() -> dict[str, list[tuple]]:
    return {model._meta.table_name: list(model.select().order_by(model.id).tuples()) for model in m.RECORD_MODELS}


def disk_full(*_args: Any, **_kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def open_restore(window: Any, qtbot: Any) -> RestoreDialog:
    menu_actions(window, "File")["Restore from backup…"].trigger()
    dialog = window.findChild(RestoreDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def click_row(dialog: RestoreDialog, qtbot: Any, row: int) -> None:
    rect = dialog.view.visualRect(dialog.model.index(row, 1))
    qtbot.mouseClick(dialog.view.viewport(), LEFT, pos=rect.center())


def shown_rows(dialog: RestoreDialog) -> list[tuple[str, ...]]:
    model = dialog.model
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]


@pytest.fixture
def two_roles(window: Any) -> dict[str, int]:
    """Acme's SRE role (with an interview) and Globex's backend role, shown on the Opportunities screen."""
    sre = h.opportunity("Acme", "SRE", status="lead")
    backend = h.opportunity("Globex", "Backend")
    interview = h.interview(backend, "2026-02-03", stage="technical")
    window.switch_to(1)
    window.current_screen.refresh(None)
    return {"sre": sre, "backend": backend, "interview": interview}


# --- Backup now -----------------------------------------------------------------------------------

def test_backup_now_makes_a_backup_and_names_it_in_the_status_bar(window: Any, data_dir: Path) -> None:
    h.company("Acme")
    menu_actions(window, "File")["Backup now"].trigger()
    [made] = backup.list_backups(data_dir)
    assert made.reason == "manual"
    with sqlite3.connect(made.path) as con:
        assert [r[0] for r in con.execute("SELECT name FROM company")] == ["Acme"]
    message = window.statusBar().currentMessage()
    assert str(made.path) in message and backup.format_size(made.size) in message


def test_backup_now_on_a_full_disk_says_so_and_keeps_the_data(window: Any, data_dir: Path, dialogs: Any,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    h.company("Acme")
    before = dump()
    monkeypatch.setattr(backup_files, "copy_into", disk_full)
    window.backup_action.trigger()
    assert dialogs.asked[-1][:2] == ("warning", "Backup failed")
    assert "the disk is full" in dialogs.last and "unchanged" in dialogs.last
    assert str(database_path(data_dir)) in dialogs.last
    assert backup_files_in(data_dir) == []
    assert dump() == before


# --- Restore from backup… ---------------------------------------------------------------------------

def test_the_list_shows_each_backup_newest_first_with_its_kind_and_size(window: Any, data_dir: Path,
                                                                       qtbot: Any) -> None:
    h.company("Acme")
    for minutes, reason in ((0, "auto"), (5, "before-import"), (9, "manual")):
        backup.create_backup(data_dir, reason, now=T0 + dt.timedelta(minutes=minutes))
    dialog = open_restore(window, qtbot)
    local = (T0 + dt.timedelta(minutes=9)).astimezone().strftime("%Y-%m-%d %H:%M")
    rows = shown_rows(dialog)
    assert [kind for _when, kind, _size in rows] == ["Made by you", "Before an import", "Automatic"]
    assert rows[0][0] == local and rows[0][2].endswith("KB")
    assert dialog.selected() is not None and dialog.restore_button.isEnabled()  # the newest, ready to restore
    dialog.reject()


def test_restore_brings_back_what_was_deleted_and_clears_undo(window: Any, qtbot: Any, data_dir: Path,
                                                              dialogs: Any, two_roles: dict[str, int]) -> None:
    screen = window.current_screen
    menu_actions(window, "File")["Backup now"].trigger()
    assert len(backup.list_backups(data_dir)) == 1

    screen.show_record(two_roles["backend"])  # delete Globex's role (and its interview) through the form
    dialogs.answer(YES)
    window.delete_action.trigger()
    assert not records.exists("opportunity", two_roles["backend"])
    screen.show_record(two_roles["sre"])  # and leave Acme's role shown with a newer status
    window.bus.publish(records.update("opportunity", two_roles["sre"], {"status": "offer"}))
    assert screen.form.editor("status").value() == "offer"
    assert window.undo_action.isEnabled()

    dialog = open_restore(window, qtbot)
    assert [kind for _when, kind, _size in shown_rows(dialog)] == ["Made by you"]
    click_row(dialog, qtbot, 0)
    dialogs.answer(YES)
    qtbot.mouseClick(dialog.restore_button, LEFT)

    question = next(text for fn, _title, text in dialogs.asked if fn == "question" and "Replace all" in text)
    assert "backed up first" in question
    assert records.exists("opportunity", two_roles["backend"])
    assert records.get("opportunity", two_roles["sre"])["status"] == "lead"
    assert screen.model.row_of(two_roles["backend"]) is not None  # the list shows it again
    assert screen.form.editor("status").value() == "lead"  # the form shows the restored values
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    assert dialogs.asked[-1][:2] == ("information", "Backup restored")
    assert "2 opportunities" in dialogs.last and "Before a restore" in dialogs.last
    assert sorted(b.reason for b in backup.list_backups(data_dir)) == ["before-restore", "manual"]
    assert "Restored the backup made on" in window.statusBar().currentMessage()

    window.switch_to(2)  # a screen not shown during the restore shows the restored data when shown
    assert window.current_screen.model.row_of(two_roles["interview"]) is not None
    window.switch_to(1)
    screen.show_record(two_roles["backend"])
    assert screen.form.input("title").text() == "Backend"


def test_restore_takes_the_settings_of_the_backup(window: Any, qtbot: Any, data_dir: Path, dialogs: Any) -> None:
    h.company("Acme")
    stored = settings.load()
    settings.save(replace(stored, theme="dark", habit_target_per_month=5))
    backup.create_backup(data_dir, "manual", now=T0)
    settings.save(replace(stored, theme="light"))
    window.apply_theme("light", store=False)
    dialog = open_restore(window, qtbot)
    dialogs.answer(YES)
    qtbot.mouseClick(dialog.restore_button, LEFT)
    assert settings.load().theme == "dark" and settings.load().habit_target_per_month == 5
    assert window.theme == "dark"
    assert window.theme_actions["dark"].isChecked()
    window.apply_theme("light", store=False)


def test_cancelling_the_confirmation_changes_nothing(window: Any, qtbot: Any, data_dir: Path, dialogs: Any,
                                                     two_roles: dict[str, int]) -> None:
    backup.create_backup(data_dir, "auto", now=T0)
    window.bus.publish(records.delete("opportunity", two_roles["backend"]))
    before, files = dump(), backup_files_in(data_dir)
    dialog = open_restore(window, qtbot)
    click_row(dialog, qtbot, 0)
    dialogs.answer(CANCEL)
    qtbot.mouseClick(dialog.restore_button, LEFT)
    assert dump() == before and backup_files_in(data_dir) == files
    assert window.undo_action.isEnabled()  # the history is kept
    assert dialog.isVisible()  # another backup can be chosen
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dump() == before


def test_unsaved_edits_are_settled_before_a_restore(window: Any, qtbot: Any, data_dir: Path, dialogs: Any,
                                                    two_roles: dict[str, int]) -> None:
    backup.create_backup(data_dir, "manual", now=T0)
    screen = window.current_screen
    screen.show_record(two_roles["sre"])
    qtbot.keyClick(screen.form.input("title"), Qt.Key.Key_End)
    qtbot.keyClicks(screen.form.input("title"), " lead")
    before = dump()
    dialog = open_restore(window, qtbot)
    dialogs.answer(QMessageBox.StandardButton.Cancel)  # "Save the changes?" — stay with the edits
    qtbot.mouseClick(dialog.restore_button, LEFT)
    assert dialogs.asked[-1][1] == "Unsaved changes"
    assert dump() == before and screen.form.input("title").text() == "SRE lead"
    dialogs.answer(QMessageBox.StandardButton.Discard, YES)
    qtbot.mouseClick(dialog.restore_button, LEFT)
    assert screen.form.input("title").text() == "SRE"
    assert not dialog.isVisible()


def test_a_damaged_backup_chosen_elsewhere_is_refused_and_nothing_changes(
        window: Any, qtbot: Any, data_dir: Path, tmp_path: Path, dialogs: Any, monkeypatch: pytest.MonkeyPatch,
        two_roles: dict[str, int]) -> None:
    for number in range(300):  # pages enough that a damaged one lies among the rows
        records.create("company", {"name": f"Company {number:03d}", "notes": "x" * 200})
    made = backup.backup_to_file(data_dir, tmp_path / "kept-elsewhere.sqlite3")
    data = bytearray(made.path.read_bytes())
    middle = len(data) // 4096 // 2 * 4096
    data[middle:middle + 4096] = b"\x55" * 4096
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(bytes(data))
    window.bus.publish(records.delete("opportunity", two_roles["backend"]))
    before, files = dump(), backup_files_in(data_dir)
    asked: list[Path] = []
    monkeypatch.setattr(backup_dialog, "choose_backup_file", lambda _parent, start: asked.append(start) or damaged)

    dialog = open_restore(window, qtbot)
    dialogs.answer(YES)
    qtbot.mouseClick(dialog.choose_button, LEFT)
    assert asked == [backup.backups_dir(data_dir)]
    assert str(damaged) in next(text for fn, _title, text in dialogs.asked if fn == "question")
    assert dialogs.asked[-1][:2] == ("warning", "Restore failed")
    assert str(damaged) in dialogs.last and "cannot be restored" in dialogs.last and "unchanged" in dialogs.last
    assert dump() == before and backup_files_in(data_dir) == files
    assert window.undo_action.isEnabled() and dialog.isVisible()
    dialog.reject()


def test_choosing_no_file_changes_nothing(window: Any, qtbot: Any, dialogs: Any,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_dialog, "choose_backup_file", lambda _parent, _start: None)
    dialog = open_restore(window, qtbot)
    assert dialog.pages.currentIndex() == 1 and "Backup now" in dialog.empty.text()
    assert not dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.choose_button, LEFT)
    assert dialogs.asked == [] and dialog.isVisible()
    dialog.reject()


# --- the automatic backup on start ------------------------------------------------------------------

def run_auto(window: Any, qtbot: Any, now: dt.datetime) -> Any:
    auto = start_auto_backup(window, delay_ms=0, now=now)
    assert auto is not None
    with qtbot.waitSignal(auto.done, timeout=10000) as blocker:
        pass
    return blocker.args[0]


def test_the_automatic_backup_is_made_once_a_day(window: Any, qtbot: Any, data_dir: Path) -> None:
    h.company("Acme")
    first = run_auto(window, qtbot, T0)
    assert first is not None and first.reason == "auto" and first.created == T0
    assert "Backed up automatically" in window.statusBar().currentMessage()
    assert run_auto(window, qtbot, T0 + dt.timedelta(hours=3)) is None  # not due yet
    assert run_auto(window, qtbot, T0 + dt.timedelta(hours=23, minutes=59)) is None
    second = run_auto(window, qtbot, T0 + dt.timedelta(hours=25))
    assert second is not None and second.created == T0 + dt.timedelta(hours=25)
    assert [b.reason for b in backup.list_backups(data_dir)] == ["auto", "auto"]


def test_a_failed_automatic_backup_warns_in_the_status_bar(window: Any, qtbot: Any, data_dir: Path, dialogs: Any,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    h.company("Acme")
    monkeypatch.setattr(backup_files, "copy_into", disk_full)
    auto = start_auto_backup(window, delay_ms=0, now=T0)
    with qtbot.waitSignal(auto.failed, timeout=10000):
        pass
    assert backup_warning(window).startswith("⚠ Automatic backup failed: the disk is full (")
    assert str(database_path(data_dir)) in backup_warning(window)  # the whole message, in the tooltip
    assert dialogs.asked == []  # no modal dialog
    assert backup_files_in(data_dir) == []
    monkeypatch.undo()
    from desktop_app.ui.backup_dialog import BackupWarning

    warning = window.statusBar().findChild(BackupWarning)
    qtbot.mouseClick(warning.retry, LEFT, pos=QPoint(4, 4))  # "Back up now"
    assert [b.reason for b in backup.list_backups(data_dir)] == ["manual"]
    qtbot.waitUntil(lambda: backup_warning(window) == "")


def test_no_automatic_backup_of_the_demo_folder(window: Any) -> None:
    window.folders.in_demo = True
    try:
        assert start_auto_backup(window, delay_ms=0) is None
    finally:
        window.folders.in_demo = False


def test_the_app_backs_up_once_its_window_is_shown(qtbot: Any, tmp_path: Path, dialogs: Any,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QTimer

    from desktop_app.app import run_gui
    from desktop_app.services.datafolder import open_folder
    from desktop_app.ui.main_window import MainWindow

    data_dir = tmp_path / "data"
    opened = open_folder(data_dir)
    records.create("company", {"name": "Acme"})
    opened.close()
    monkeypatch.setattr(backup_dialog, "AUTO_BACKUP_DELAY_MS", 0)
    seen: list[bool] = []
    polls = iter(range(500))  # 10 s at most

    def close_when_backed_up() -> None:
        windows = visible(MainWindow)
        if windows and (backup.list_backups(data_dir) or next(polls, None) is None):
            seen.append(bool(backup.list_backups(data_dir)))
            windows[0].close()
        else:
            QTimer.singleShot(20, close_when_backed_up)

    QTimer.singleShot(0, close_when_backed_up)
    assert run_gui(data_dir) == 0
    assert seen == [True]
    assert [b.reason for b in backup.list_backups(data_dir)] == ["auto"]


def test_no_automatic_backup_of_data_the_start_check_finds_damaged(qtbot: Any, tmp_path: Path, dialogs: Any) -> None:
    from PySide6.QtCore import QTimer

    from desktop_app.app import run_gui
    from desktop_app.services.datafolder import open_folder
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.recovery_dialog import RecoveryDialog

    data_dir = tmp_path / "data"
    opened = open_folder(data_dir)
    records.create("company", {"name": "Acme"})
    opened.execute_sql("PRAGMA foreign_keys = OFF")
    opened.execute_sql("INSERT INTO contact (name, name_key, company_id, created_at, updated_at) "
                       "VALUES ('Ann', 'ann', 999, '2026-01-01', '2026-01-01')")  # a link to no company
    opened.close()
    seen: list[str] = []
    polls = iter(range(500))

    def close_after_the_check() -> None:
        dialogs_open = visible(RecoveryDialog)
        if dialogs_open or next(polls, None) is None:
            seen.append("dialog" if dialogs_open else "no dialog")
            QTimer.singleShot(400, close_all)  # time for a backup that should not come
        else:
            QTimer.singleShot(20, close_after_the_check)

    def close_all() -> None:
        for widget in visible(RecoveryDialog):
            widget.reject()
        for widget in visible(MainWindow):
            widget.close()

    QTimer.singleShot(0, close_after_the_check)
    run_gui(data_dir)
    assert seen == ["dialog"]
    assert backup.list_backups(data_dir) == []
