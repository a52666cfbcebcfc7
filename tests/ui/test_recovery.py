"""Data SayYes cannot use as it is: the recovery dialog before the window (damaged, not SQLite, newer),
driven as a person would, and the check that runs on a worker once the window is painted."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QWidget

from desktop_app.db import models as m
from desktop_app.paths import database_path
from desktop_app.services import backup, records, startup_check
from desktop_app.services.datafolder import open_folder
from desktop_app.services.read_only import is_read_only
from desktop_app.ui import recovery_dialog, start_check, startup
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.recovery_dialog import RecoveryDialog
from tests.ui.helpers import close_window, visible

UTC = dt.timezone.utc


def when_shown(action: Callable[[RecoveryDialog], None], kind: type[QWidget] = RecoveryDialog) -> None:
    """Run action(dialog) once a dialog of `kind` is shown (from inside its own event loop)."""

    def poll() -> None:
        found = visible(kind)
        if not found:
            QTimer.singleShot(5, poll)
            return
        try:
            action(found[0])  # type: ignore[arg-type]
        except BaseException:
            found[0].close()  # a failed step fails the test instead of leaving the dialog waiting
            raise

    QTimer.singleShot(0, poll)


def click(qtbot: Any, dialog: RecoveryDialog, key: str) -> None:
    qtbot.mouseClick(dialog.buttons[key], Qt.MouseButton.LeftButton)


def click_row(qtbot: Any, dialog: RecoveryDialog, row: int) -> None:
    rect = dialog.view.visualRect(dialog.model.index(row, 1))
    qtbot.mouseClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def filled(data_dir: Path, *names: str, now: dt.datetime | None = None) -> list[backup.Backup]:
    """A data folder with companies; a backup after each of them but the last (made at `now` + n days)."""
    database = open_folder(data_dir)
    made = []
    start = now or dt.datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    try:
        for number, name in enumerate(names):
            records.create("company", {"name": name, "notes": "n" * 3000})
            if number < len(names) - 1:
                made.append(backup.create_backup(data_dir, ("manual", "auto")[number % 2],
                                                 now=start + dt.timedelta(days=number)))
    finally:
        database.close()
    return made


def truncate(path: Path) -> bytes:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path.read_bytes()


def company_names(data_dir: Path) -> list[str]:
    with sqlite3.connect(database_path(data_dir)) as con:
        return [r[0] for r in con.execute("SELECT name FROM company ORDER BY name")]


@pytest.fixture
def cleanup() -> Any:
    yield
    for widget in visible((MainWindow, RecoveryDialog), hidden_too=True):
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_damaged_file_is_restored_from_a_chosen_backup_and_the_window_opens(
        qtbot: Any, data_dir: Path, dialogs: Any, cleanup: Any) -> None:
    from desktop_app.app import run_gui

    filled(data_dir, "Acme", "Globex", "Initech")
    truncate(database_path(data_dir))
    seen: dict[str, Any] = {}

    def choose(dialog: RecoveryDialog) -> None:
        seen["headline"] = dialog.headline.text()
        seen["rows"] = dialog.backup_rows()
        seen["ways"] = dialog.ways_out()
        click_row(qtbot, dialog, 1)  # the older backup: Acme only
        click(qtbot, dialog, recovery_dialog.RESTORE)

    def close_when_open() -> None:
        windows = visible(MainWindow)
        if windows and dialogs.texts("information"):
            seen["title"] = windows[0].windowTitle()
            windows[0].close()
        else:
            QTimer.singleShot(5, close_when_open)

    when_shown(choose)
    QTimer.singleShot(0, close_when_open)
    assert run_gui(data_dir) == 0
    assert seen["headline"] == "Your data file is damaged"
    assert [row.split(" | ")[1] for row in seen["rows"]] == ["Automatic", "Made by you"]
    assert seen["ways"] == ["Choose a file…", "Restore this backup", "Open another folder…", "Start with empty data",
                            "Quit"]  # no "Open read-only": SQLite cannot read this file at all
    assert seen["title"] == f"SayYes — {data_dir}"
    assert company_names(data_dir) == ["Acme"]
    kept = [b for b in backup.list_backups(data_dir) if b.reason == "before-restore"]
    assert len(kept) == 1
    assert "Restored the backup made on" in dialogs.texts("information")[0]
    assert str(kept[0].path) in dialogs.texts("information")[0]


def test_a_file_that_is_not_sqlite_is_moved_aside_byte_for_byte_to_start_empty(
        qtbot: Any, data_dir: Path, dialogs: Any, cleanup: Any) -> None:
    filled(data_dir, "Acme")
    path = database_path(data_dir)
    path.write_bytes(b"%PDF-1.7 not a database at all\n" * 400)
    before = path.read_bytes()
    seen: dict[str, Any] = {}

    def start_empty(dialog: RecoveryDialog) -> None:
        seen["ways"] = dialog.ways_out()
        dialogs.answer(dialogs_yes())
        click(qtbot, dialog, recovery_dialog.START_EMPTY)

    when_shown(start_empty)
    session = startup.open_data(data_dir, is_open=lambda folder: False)
    try:
        assert isinstance(session, startup.Session) and session.read_only is None
        assert "Open read-only" not in seen["ways"] and "Start with empty data" in seen["ways"]
        aside = [p for p in data_dir.iterdir() if p.name.startswith("sayyes.sqlite3.damaged-")]
        assert len(aside) == 1 and aside[0].read_bytes() == before
        assert m.Company.select().count() == 0  # a new, empty data file in its place
        title, text = session.notices[0]
        assert title == "Started with empty data" and str(aside[0]) in text
    finally:
        session.release()
        m.Company._meta.database.close()


def dialogs_yes() -> Any:
    from PySide6.QtWidgets import QMessageBox

    return QMessageBox.StandardButton.Yes


def test_a_newer_file_opens_read_only_shows_its_rows_and_refuses_edits(
        qtbot: Any, data_dir: Path, dialogs: Any, cleanup: Any) -> None:
    from desktop_app.ui.demo_mode import DataFolders

    filled(data_dir, "Acme", "Globex")
    path = database_path(data_dir)
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, '2030-01-01')")
    before = path.read_bytes()
    seen: dict[str, Any] = {}

    def read_only(dialog: RecoveryDialog) -> None:
        seen["headline"] = dialog.headline.text()
        seen["ways"] = dialog.ways_out()
        click(qtbot, dialog, recovery_dialog.READ_ONLY)

    when_shown(read_only)
    session = startup.open_data(data_dir, is_open=lambda folder: False)
    assert isinstance(session, startup.Session) and session.read_only is not None
    assert seen["headline"] == "Your data was saved by a newer SayYes"
    assert "Start with empty data" not in seen["ways"]
    folders = DataFolders(session.data_dir)
    window = folders.open_window(welcome=True)
    window.show()
    qtbot.waitExposed(window)
    session.attach(folders)
    try:
        assert is_read_only(m.Company._meta.database.obj)
        assert "(read-only)" in window.windowTitle()
        assert "written by a newer SayYes" in window.findChild(startup.ReadOnlyBanner).text()
        assert not folders.action.isEnabled() and not window.import_action.isEnabled()
        screen = window.screen("companies")
        window.show_screen("companies")
        qtbot.waitUntil(lambda: screen.model.rowCount() == 2)
        screen.list.select_id(screen.model.id_at(0))
        screen.open_record("company", screen.model.id_at(0))
        qtbot.keyClicks(screen.form.input("website"), "acme.example")
        assert not screen.save()
        assert "open read-only (it was written by a newer SayYes)" in dialogs.last
        assert "Traceback" not in dialogs.last
        screen.revert()
    finally:
        close_window(window)
        session.release()
        m.Company._meta.database.obj.close()
    assert path.read_bytes() == before  # not even closing wrote to it


def test_a_newer_file_and_quit_returns_1_and_changes_nothing(qtbot: Any, data_dir: Path, dialogs: Any,
                                                            cleanup: Any) -> None:
    from desktop_app.app import run_gui

    filled(data_dir, "Acme")
    with sqlite3.connect(database_path(data_dir)) as con:
        con.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, '2030-01-01')")
    before = database_path(data_dir).read_bytes()
    when_shown(lambda dialog: click(qtbot, dialog, recovery_dialog.QUIT))
    assert run_gui(data_dir) == 1
    assert database_path(data_dir).read_bytes() == before
    assert not visible(MainWindow)


def test_another_folder_can_be_chosen_instead(qtbot: Any, tmp_path: Path, data_dir: Path, dialogs: Any,
                                              monkeypatch: pytest.MonkeyPatch, cleanup: Any) -> None:
    filled(data_dir, "Acme")
    database_path(data_dir).write_bytes(b"garbage" * 100)
    other = tmp_path / "other"
    filled(other, "Elsewhere Inc")
    monkeypatch.setattr(recovery_dialog, "choose_folder", lambda parent, start: other)
    when_shown(lambda dialog: click(qtbot, dialog, recovery_dialog.OTHER_FOLDER))
    session = startup.open_data(data_dir, is_open=lambda folder: False)
    try:
        assert isinstance(session, startup.Session) and session.data_dir == other
        assert [c.name for c in m.Company.select()] == ["Elsewhere Inc"]
        assert session.lock is not None and session.lock.data_dir == other
    finally:
        session.release()
        m.Company._meta.database.obj.close()
    assert database_path(data_dir).read_bytes() == b"garbage" * 100


# --- the check after start-up ----------------------------------------------------------------------

def test_the_start_check_runs_on_a_worker_after_the_first_paint_and_reports_broken_links(
        qtbot: Any, window: Any, data_dir: Path, dialogs: Any) -> None:
    company = records.create("company", {"name": "Acme"}).primary_id
    records.create("contact", {"name": "Ann", "company": company})
    with sqlite3.connect(database_path(data_dir)) as con:  # a link broken behind SayYes's back
        con.execute("PRAGMA foreign_keys = OFF")
        con.execute("UPDATE contact SET company_id = 999")
    check = start_check.check_after_paint(window, data_dir)
    assert check.thread is None  # nothing runs before the window is painted: start-up never waits for it
    with qtbot.waitSignal(check.finished, timeout=5000) as finished:
        window.update()
    assert check.ran_on is not None and check.ran_on != threading.get_ident()
    report = finished.args[0]
    assert any("company_id points at company 999" in p for p in report.check.problems)

    def shown() -> list[RecoveryDialog]:
        return visible(RecoveryDialog)

    qtbot.waitUntil(lambda: bool(shown()))
    dialog = shown()[0]
    assert dialog.headline.text() == "SayYes found a problem in your data"
    assert dialog.ways_out()[-2:] == ["Quit", "Keep working"]
    assert "999" in dialog.details.toPlainText()
    qtbot.mouseClick(dialog.buttons[recovery_dialog.KEEP], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.isVisible() and "Working on with the data as it is" in window.statusBar().currentMessage()
    check.wait()


def test_a_damaged_page_found_after_start_can_be_restored_over_the_open_window(
        qtbot: Any, window: Any, data_dir: Path, dialogs: Any) -> None:
    for number in range(30):
        records.create("company", {"name": f"Company {number:02d}", "notes": "x" * 2000})
    made = backup.create_backup(data_dir, "manual")
    report = startup_check.start_check(data_dir)
    report.check.problems.append("integrity: *** in database main ***\nPage 10: btreeInitPage() returns error 11")
    dialog = start_check.show_report(window, report)
    assert dialog is not None and dialog.backup_rows()[0].endswith(backup.format_size(made.size))
    records.create("company", {"name": "Made after the backup"})
    dialogs.answer(dialogs_yes())  # "Restore this backup?"
    qtbot.mouseClick(dialog.buttons[recovery_dialog.RESTORE], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs.texts("information")))
    assert m.Company.select().where(m.Company.name == "Made after the backup").count() == 0
    assert "Backup restored" in [title for _fn, title, _text in dialogs.asked]
    assert [b.reason for b in backup.list_backups(data_dir)][:1] == ["before-restore"]


def test_a_network_file_system_is_warned_about_once(qtbot: Any, window: Any, data_dir: Path, dialogs: Any) -> None:
    report = startup_check.start_check(data_dir)
    report.network = "nfs4"
    assert start_check.show_report(window, report) is None
    assert dialogs.asked[-1][1] == "Your data folder is on a network drive"
    assert "network file system (nfs4)" in dialogs.last and str(data_dir) in dialogs.last
    start_check.show_report(window, report)
    assert len(dialogs.asked) == 1


def test_data_sayyes_may_not_write_offers_read_only_and_try_again(
        qtbot: Any, data_dir: Path, dialogs: Any, monkeypatch: pytest.MonkeyPatch, cleanup: Any) -> None:
    filled(data_dir, "Acme")

    def refused(folder: Path) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(startup, "open_folder", refused)
    seen: dict[str, Any] = {}

    def look(dialog: RecoveryDialog) -> None:
        seen["headline"], seen["ways"] = dialog.headline.text(), dialog.ways_out()
        click(qtbot, dialog, recovery_dialog.QUIT)

    when_shown(look)
    assert startup.open_data(data_dir, is_open=lambda folder: False) == 1
    assert seen["headline"] == "SayYes may not change your data"
    assert seen["ways"] == ["Open read-only", "Open another folder…", "Try again", "Quit"]
