"""File → Backup now, File → Restore from backup…, and the automatic backup after the window is shown.

A backup and a restore run on a worker behind a progress dialog (services/backup.py does the work, on
connections of its own). A restore cannot be undone with Ctrl+Z, so it is confirmed first and the
service backs up the data it replaces; afterwards the window forgets its undo history, takes the
settings of the restored file and tells every screen that every table changed.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QFrame, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QStackedWidget, QTableView, QVBoxLayout, QWidget,
)

from .. import settings
from ..services import backup, kinds
from ..services.backup import Backup, BackupError, RestoreResult
from ..services.changes import MODELS_BY_TABLE, Change, RowChange
from ..services.errors import ServiceError
from . import dialogs
from .compact_table import compact_table
from .formatting import join_counts
from .screen import ElidedLabel
from .screens.offers_total import tones
from .worker import run_in_background

REASON_WORDS = {"auto": "Automatic", "manual": "Made by you", "before-import": "Before an import",
                "before-restore": "Before a restore", "before-migration": "Before a migration"}
SHOWN_KINDS = ("company", "opportunity", "interview", "question", "contact", "offer", "skill", "task")
AUTO_BACKUP_DELAY_MS = 1500  # after the first paint, and after the start-up check has had its turn
COLUMNS = ("Made on", "Kind", "Size")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def made_on(made: Backup) -> str:
    """The backup's time as the local wall clock shows it: "2026-11-26 12:05"."""
    return made.created.astimezone().strftime("%Y-%m-%d %H:%M")


def describe(made: Backup) -> str:
    """"the backup made on 2026-11-26 12:05 (Automatic, 240 KB)"."""
    return (f"the backup made on {made_on(made)} "
            f"({REASON_WORDS.get(made.reason, made.reason)}, {backup.format_size(made.size)})")


def choose_backup_file(parent: QWidget | None, start: Path) -> Path | None:
    """Ask for a backup kept somewhere else (a test replaces this)."""
    name, _filter = QFileDialog.getOpenFileName(
        parent, "Choose a backup to restore", str(start),
        "SayYes backups and data files (*.sqlite3 *.sqlite *.db);;All files (*)")
    return Path(name) if name else None


def _problem_text(exc: BaseException, what: str) -> str:
    text = str(exc) if isinstance(exc, ServiceError) else f"{what}: {backup.explain(exc)}"  # never a traceback
    return text if "unchanged" in text else f"{text}\n\nYour data is unchanged."


# --- Backup now -----------------------------------------------------------------------------------

def backup_now(window: Any) -> Backup | None:
    """A "manual" backup of the folder the window shows; the status bar names the file and its size."""
    data_dir = Path(window.data_dir)
    try:
        made = run_in_background(window, "Backup", "Backing up your data…",
                                 lambda _progress, _cancel: backup.create_backup(data_dir, "manual"),
                                 cancellable=False)
    except (ServiceError, OSError, sqlite3.Error) as exc:
        dialogs.problem(window, "Backup failed", _problem_text(exc, f"{data_dir} could not be backed up"))
        return None
    _clear_warning(window)
    window.statusBar().showMessage(f"Backed up to {made.path} ({backup.format_size(made.size)})", 10000)
    return made


# --- Restore from backup… -------------------------------------------------------------------------

def backups_view(model: QAbstractTableModel) -> QTableView:
    """A list of backups (date and time, kind, size): one row selected at a time, read-only."""
    view = compact_table(model)
    view.setAccessibleName("Backups")
    header = view.horizontalHeader()
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    view.setColumnWidth(0, view.fontMetrics().horizontalAdvance("2026-11-26 12:05") + 40)
    view.setColumnWidth(2, view.fontMetrics().horizontalAdvance("999.9 MB") + 30)
    return view


class BackupsModel(QAbstractTableModel):
    """The backups of a folder, newest first (a few files: the list is read once per dialog)."""

    def __init__(self, backups: list[Backup], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backups = backups

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return _RIGHT if role == Qt.ItemDataRole.TextAlignmentRole and section == 2 else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.backups):
            return None
        made = self.backups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (made_on(made), REASON_WORDS.get(made.reason, made.reason),
                    backup.format_size(made.size))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(made.path)
        return _RIGHT if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2 else None


class RestoreDialog(QDialog):
    """The folder's backups with their dates, kinds and sizes; Restore puts the chosen one in place."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.main_window = window
        self.data_dir = Path(window.data_dir)
        self.setWindowTitle("Restore from backup")
        self.restored: RestoreResult | None = None

        intro = QLabel("Put the data of a backup in place of the data SayYes shows now. Your data as it is now "
                       "is backed up first, so you can come back to it the same way.")
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.folder_label = ElidedLabel(f"Backups in {backup.backups_dir(self.data_dir)}")
        self.folder_label.setObjectName("hint")

        try:
            found, problem = backup.list_backups(self.data_dir), ""
        except BackupError as exc:
            found, problem = [], str(exc)
        self.model = BackupsModel(found, self)
        self.view = backups_view(self.model)
        self.view.setMinimumHeight(self.view.verticalHeader().defaultSectionSize() * 9)
        self.view.activated.connect(lambda _index: self.restore_selected())

        empty_title = QLabel("No backups yet" if not problem else "The backups cannot be listed")
        empty_title.setObjectName("sectionTitle")
        self.empty = QLabel(problem or "SayYes backs up your data when it starts and the last backup is over a "
                            "day old, and before every import and restore. File → Backup now makes one at "
                            "any time.\n\nTo restore a backup kept somewhere else, choose its file.")
        self.empty.setObjectName("fieldError" if problem else "hint")
        self.empty.setWordWrap(True)
        empty_frame = QFrame()
        empty_frame.setObjectName("emptyCard")
        card = QVBoxLayout(empty_frame)
        card.setContentsMargins(32, 24, 32, 24)
        card.addStretch(1)
        card.addWidget(empty_title)
        card.addWidget(self.empty)
        card.addStretch(2)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.view)
        self.pages.addWidget(empty_frame)
        self.pages.setCurrentIndex(0 if found else 1)

        self.detail = ElidedLabel()
        self.detail.setObjectName("hint")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.choose_button = QPushButton("C&hoose a file…")
        self.choose_button.setToolTip("Restore a backup kept somewhere else, or another SayYes data file")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_file)
        self.restore_button = self.buttons.addButton("&Restore", QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setObjectName("primaryButton")
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.choose_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(8)
        layout.addWidget(intro)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.detail)
        layout.addSpacing(4)
        layout.addLayout(bottom)

        self.view.selectionModel().currentRowChanged.connect(lambda _now, _before: self._update())
        if found:
            self.view.setCurrentIndex(self.model.index(0, 0))
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update()
        self.resize(620, 420)

    def selected(self) -> Backup | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.model.backups[index.row()]

    def _update(self) -> None:
        chosen = self.selected()
        self.restore_button.setEnabled(chosen is not None)
        self.detail.setText(f"File: {chosen.path.name}" if chosen else "")

    def restore_selected(self) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        return self.restore(chosen.path, describe(chosen))

    def choose_file(self) -> bool:
        path = choose_backup_file(self, backup.backups_dir(self.data_dir))
        if path is None:
            return False
        made = backup.parse_name(path)
        return self.restore(path, describe(made) if made else f"the data in {path.name}", elsewhere=True)

    def restore(self, source: Path, what: str, *, elsewhere: bool = False) -> bool:
        """Confirm, settle unsaved edits, restore on a worker; False when nothing was changed."""
        window = self.main_window
        if not window.current_screen.can_leave():
            return False
        if not dialogs.confirm(
                self, "Restore this backup?",
                f"Replace all the data in SayYes with {what}?\n\n" + (f"{source}\n\n" if elsewhere else "") +
                "Your data as it is now is backed up first (\"Before a restore\"), so you can come back to it "
                "here. Undo cannot go back past a restore."):
            return False
        data_dir = self.data_dir
        try:
            result = run_in_background(self, "Restore", "Restoring the backup…",
                                       lambda _progress, _cancel: backup.restore(data_dir, source),
                                       cancellable=False)
        except (ServiceError, OSError, sqlite3.Error) as exc:
            dialogs.problem(self, "Restore failed", _problem_text(exc, f"{source} could not be restored"))
            return False
        self.restored = result
        self.accept()
        after_restore(window, result, what)
        return True


def after_restore(window: Any, result: RestoreResult, what: str) -> None:
    """The window shows the restored data: no undo across it, its settings, every screen refreshed."""
    window.bus.clear_history()
    window.apply_theme(settings.load().theme, store=False)
    everything = Change("restore", [RowChange(table, 0, None, None) for table in sorted(MODELS_BY_TABLE)])
    window.bus.publish(everything, undoable=False)
    if result.records and window.pages.currentWidget() is not window.stack:  # the first-run welcome
        window.show_page(None)
    counts = {kinds.KINDS[k].plural: result.counts.get(kinds.KINDS[k].model._meta.table_name, 0)
              for k in SHOWN_KINDS}
    held = join_counts(counts) or "no records"
    text = f"Restored {what}.\n\nSayYes now holds {held}."
    if result.migrated:
        text += " The backup was made by an earlier version of SayYes and has been brought up to date."
    if result.before is not None:
        text += (f"\n\nYour data as it was before is kept as a backup ({REASON_WORDS['before-restore']}, "
                 f"{made_on(result.before)}):\n{result.before.path}")
    window.statusBar().showMessage(f"Restored {what}", 10000)
    dialogs.info(window, "Backup restored", text)


def run_restore_dialog(window: Any) -> RestoreDialog:
    """Open Restore from backup over the window (window-modal, not blocking) and return the dialog."""
    dialog = RestoreDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


# --- the automatic backup on start ----------------------------------------------------------------

class AutoBackup(QObject):
    """backup_if_due on a thread of its own (the service reads on connections of its own); the answer
    comes back through a queued signal: `done(backup or None)` or `failed(message)`."""

    done = Signal(object)
    failed = Signal(str)
    _answer = Signal(object, object)  # emitted on the worker thread, delivered on the UI thread

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self._answer.connect(self._deliver)

    def start(self, now: Any = None) -> threading.Thread:
        thread = threading.Thread(target=self._run, args=(Path(self.window.data_dir), now),
                                  name="sayyes-auto-backup")
        thread.start()
        return thread

    def _run(self, data_dir: Path, now: Any) -> None:
        try:
            made, error = backup.backup_if_due(data_dir, now), None
        except Exception as exc:  # noqa: BLE001 - reported in the status bar, never a traceback
            made, error = None, exc
        try:
            self._answer.emit(made, error)
        except RuntimeError:  # the window was closed meanwhile
            pass

    def _deliver(self, made: Backup | None, error: BaseException | None) -> None:
        if error is not None:
            message = _problem_text(error, f"{self.window.data_dir} could not be backed up").split("\n\n")[0]
            _show_warning(self.window, message)
            self.failed.emit(message)
            return
        if made is not None:
            _clear_warning(self.window)
            self.window.statusBar().showMessage(f"Backed up automatically ({backup.format_size(made.size)})", 5000)
        self.done.emit(made)


def start_auto_backup(window: Any, *, delay_ms: int | None = None, now: Any = None) -> AutoBackup | None:
    """The daily automatic backup of the user's folder, soon after the window is shown (never the demo's)."""
    folders = getattr(window, "folders", None)
    if window is None or (folders is not None and getattr(folders, "in_demo", False)):
        return None
    auto = AutoBackup(window)
    QTimer.singleShot(AUTO_BACKUP_DELAY_MS if delay_ms is None else delay_ms, auto, lambda: auto.start(now))
    return auto


SHORT_REASONS = (
    ("the disk is full", "the disk is full"), ("permission denied", "permission denied"),
    ("the disk is read-only", "the disk is read-only"),
    ("locked by another program", "the data file is locked by another program"),
    ("is damaged", "the data file is damaged"), ("no SayYes data here", "no data file"),
)


def short_reason(message: str) -> str:
    """The gist of a backup error for the status bar ("the disk is full"); the whole message otherwise."""
    return next((short for phrase, short in SHORT_REASONS if phrase in message), message)


class BackupWarning(QFrame):
    """A lasting, non-modal note at the right of the status bar that the automatic backup failed (the whole
    message in its tooltip), with a way to try again."""

    def __init__(self, window: Any, message: str) -> None:
        super().__init__()
        self.setObjectName("backupWarning")
        self.message = message
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 4, 0)
        row.setSpacing(4)
        self.label = QLabel()
        self.label.setText(self.label.fontMetrics().elidedText(
            f"⚠ Automatic backup failed: {short_reason(message)}", Qt.TextElideMode.ElideRight, 460))
        self.label.setStyleSheet(f"color: {tones(window)['warn']};")
        self.label.setToolTip(message)
        self.retry = QPushButton("Back up now")
        self.retry.setFlat(True)
        self.retry.setAutoDefault(False)
        self.retry.setCursor(Qt.CursorShape.PointingHandCursor)
        self.retry.setToolTip("Try the backup again now")
        self.retry.setStyleSheet("QPushButton { text-decoration: underline; padding: 0 4px; border: none; }")
        self.retry.clicked.connect(lambda: backup_now(window))
        row.addWidget(self.label)
        row.addWidget(self.retry)

    def text(self) -> str:
        return f"{self.label.text()} ({self.message})"


def _show_warning(window: Any, message: str) -> None:
    _clear_warning(window)
    window.statusBar().addPermanentWidget(BackupWarning(window, message))


def _clear_warning(window: Any) -> None:
    for warning in window.statusBar().findChildren(BackupWarning):
        window.statusBar().removeWidget(warning)
        warning.deleteLater()


def backup_warning(window: Any) -> str:
    """The status bar's backup warning, "" when there is none."""
    found = [w for w in window.statusBar().findChildren(BackupWarning) if not w.isHidden()]
    return found[0].text() if found else ""
