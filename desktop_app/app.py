"""Composition root: data folder -> database -> main window.

`run_gui` is what `sayyes` runs with no command; `create_window` builds the same window for tests and
tools on an already running QApplication. Both go through ui/demo_mode.DataFolders, which knows the
user's folder and its demo folder and moves the window between them.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from peewee import PeeweeException

from . import APP_NAME, __version__
from .db import SchemaError, db
from .paths import database_path
from .services.datafolder import open_folder

ORGANIZATION = "SayYes"


def _is_open(data_dir: Path) -> bool:
    """Whether the models are already bound to this folder's data file (tests open it first)."""
    database = db.obj
    if database is None or database.is_closed():
        return False
    return Path(database.database).resolve() == database_path(data_dir).resolve()


def create_window(data_dir: Path, *, welcome: bool = False) -> "MainWindow":  # noqa: F821 (Qt imported lazily)
    """Open the data folder (unless already open) and build the main window, not yet shown.

    welcome: show the first-run page when the folder has no records (the app does). The window's
    `folders` (ui/demo_mode.DataFolders) switches it to the demo folder and back.
    """
    from .ui.demo_mode import DataFolders

    data_dir = Path(data_dir)
    if not _is_open(data_dir):
        open_folder(data_dir)
    return DataFolders(data_dir).open_window(welcome=welcome)


def _configure(app: object) -> None:
    from PySide6.QtWidgets import QApplication

    from .ui.icons import app_icon

    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setOrganizationDomain("sayyes.app")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("sayyes")
    app.setWindowIcon(app_icon())


def explain_open_error(exc: BaseException, data_dir: Path) -> str:
    """Why a data folder could not be opened, in words (never a traceback)."""
    where = database_path(data_dir)
    if isinstance(exc, SchemaError):
        return f"The data file\n{where}\ncannot be used by SayYes {__version__}:\n\n{exc}"
    if isinstance(exc, PermissionError):
        return f"SayYes may not read or write its data folder\n{data_dir}\n\n{exc.strerror or exc}."
    if isinstance(exc, OSError):
        return f"SayYes cannot open its data folder\n{data_dir}\n\n{exc.strerror or exc}."
    if isinstance(exc, (sqlite3.Error, PeeweeException)):
        return (f"The data file\n{where}\ncould not be opened: {exc}.\n\n"
                "It may be damaged, or not a SayYes data file.")
    return f"SayYes could not open\n{where}\n\n{type(exc).__name__}: {exc}"


def _after_check(window: object, report: object) -> None:
    """The daily backup, on a thread of its own, once the start check found the data whole (its modules
    are imported then, after the first paint)."""
    from .services.startup_check import problem_in
    from .ui.backup_dialog import start_auto_backup

    if problem_in(report) is None:  # type: ignore[arg-type]
        start_auto_backup(window, delay_ms=0)


def run_gui(data_dir: Path) -> int:
    """Open the window on a data folder; 0 when another SayYes had it and came forward, 1 when it could
    not be opened and the user quit the recovery dialog (ui/startup.py)."""
    from PySide6.QtWidgets import QApplication

    from .ui.startup import open_data

    app = QApplication.instance() or QApplication(sys.argv[:1])
    _configure(app)
    session = open_data(Path(data_dir), is_open=_is_open)  # the folder's lock and its data, or a way out
    if isinstance(session, int):
        return session
    from .ui.demo_mode import DataFolders

    folders = DataFolders(session.data_dir)  # holds the current window, after a switch to the demo and back
    folders.open_window(welcome=True).show()
    session.attach(folders)  # a second launch brings it forward; read-only banner; the check once painted
    if session.check is not None:
        session.check.finished.connect(lambda report: _after_check(folders.window, report))
    try:
        return int(app.exec())
    finally:
        session.release()
        if db.obj is not None and not db.obj.is_closed():
            db.obj.close()
