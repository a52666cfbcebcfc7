"""Composition root: data folder -> database -> main window.

`run_gui` is what `sayyes` runs with no command; `create_window` builds the same window for tests and
tools on an already running QApplication.
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


def create_window(data_dir: Path) -> "MainWindow":  # noqa: F821 (imported lazily: Qt only when needed)
    """Open the data folder (unless already open) and build the main window, not yet shown."""
    from .ui.main_window import MainWindow

    data_dir = Path(data_dir)
    if not _is_open(data_dir):
        open_folder(data_dir)
    return MainWindow(data_dir)


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


def _explain(exc: BaseException, data_dir: Path) -> str:
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


def run_gui(data_dir: Path) -> int:
    """Open the window on a data folder; 1 (after saying why) when the folder cannot be opened."""
    from PySide6.QtWidgets import QApplication

    from .ui import dialogs

    app = QApplication.instance() or QApplication(sys.argv[:1])
    _configure(app)
    data_dir = Path(data_dir)
    try:
        if not _is_open(data_dir):
            open_folder(data_dir)
    except Exception as exc:  # noqa: BLE001 - every failure to open is shown, never a traceback
        dialogs.fatal(None, "SayYes cannot open its data", _explain(exc, data_dir))
        return 1
    window = create_window(data_dir)
    window.show()
    try:
        return int(app.exec())
    finally:
        if db.obj is not None and not db.obj.is_closed():
            db.obj.close()
