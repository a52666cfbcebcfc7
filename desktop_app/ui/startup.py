"""From `sayyes` to a window on its data: the folder's lock, then its data file, and a way out of
whatever stands in the way (ui/recovery_dialog.py); then the window's part: coming forward when a
second `sayyes` starts on the folder, the read-only banner, and the check once the window is painted.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QWidget

from ..services import backup, startup_check
from ..services.datafolder import open_folder
from ..services.errors import ServiceError
from ..services.instance_lock import FolderLocked, InstanceLock
from ..services.read_only import ReadOnlyError, open_read_only
from ..services.startup_check import Problem
from . import dialogs
from .single_instance import InstanceServer, ask_to_come_forward, bring_forward
from .start_check import StartCheck, check_after_paint

if TYPE_CHECKING:
    from .recovery_dialog import Choice

Ask = Callable[[Problem], "Choice"]
BANNER_STYLE = """
QFrame#readOnlyBanner { background: #dbe6f7; border-bottom: 1px solid #8fa8cf; }
QFrame#readOnlyBanner QLabel { color: #1d2127; }
"""


@dataclass
class Session:
    """The data folder the app runs on, and what it holds while it runs."""

    data_dir: Path
    lock: InstanceLock | None  # None: another SayYes has it (read-only), or no lock could be made there
    read_only: Problem | None = None  # why the data is open read-only
    notices: list[tuple[str, str]] = field(default_factory=list)  # (title, text), shown over the window
    server: InstanceServer | None = None
    check: StartCheck | None = None
    _previous_hook: Any = None

    def attach(self, folders: Any) -> None:
        """The window is shown: listen for a second launch, mark read-only data, check the data once painted."""
        window = folders.window
        if self.lock is not None:
            self.server = InstanceServer(self.data_dir)
            self.server.raiseRequested.connect(lambda: bring_forward(folders.window))
            self.server.listen()  # when it cannot, a second launch explains who has the folder instead
        if self.read_only is not None:
            make_read_only(folders, self.read_only)
            self._previous_hook = sys.excepthook
            sys.excepthook = _read_only_hook(folders, self._previous_hook)
        else:
            self.check = check_after_paint(window, self.data_dir)
        for title, text in self.notices:
            QTimer.singleShot(0, window, lambda t=title, x=text: dialogs.info(folders.window, t, x))

    def release(self) -> None:
        if self.check is not None:
            self.check.wait()
        if self.server is not None:
            self.server.close()
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
            self._previous_hook = None
        if self.lock is not None:
            self.lock.release()


def open_data(data_dir: Path, *, is_open: Callable[[Path], bool], ask: Ask | None = None) -> Session | int:
    """Take the folder's lock and open its data (unless `is_open` says it already is); 0 when another
    SayYes has the folder and came forward, 1 when the user quit instead of choosing a way out."""
    folder = Path(data_dir)
    lock: InstanceLock | None = None
    notices: list[tuple[str, str]] = []
    while True:
        problem: Problem | None = None
        if lock is None:
            lock = InstanceLock(folder)
            try:
                lock.acquire()
            except FolderLocked as exc:
                lock = None
                if ask_to_come_forward(folder):
                    return 0
                problem = startup_check.locked(folder, exc.holder)
            except OSError:
                lock = None  # a folder SayYes may not write to: opening it says why
        if problem is None:
            try:
                if not is_open(folder):
                    open_folder(folder)
                return Session(folder, lock, notices=notices)
            except Exception as exc:  # noqa: BLE001 - every failure to open gets the recovery dialog
                problem = startup_check.diagnose(exc, folder)
        from . import recovery_dialog  # only when something stands in the way: not on every start
        from .recovery_dialog import OTHER_FOLDER, QUIT, READ_ONLY, RESTORE, START_EMPTY

        _themed()
        choice = (ask or recovery_dialog.ask)(problem)
        if choice.action == QUIT:
            if lock is not None:
                lock.release()
            return 1
        if choice.action == OTHER_FOLDER and choice.path is not None:
            if lock is not None:
                lock.release()
            lock, folder = None, Path(choice.path)
        elif choice.action == READ_ONLY:
            try:
                open_read_only(folder, problem.read_only_reason)
            except Exception as exc:  # noqa: BLE001
                dialogs.problem(None, "Cannot open read-only", f"{folder}\n\n{backup.explain(exc)}")
                continue
            return Session(folder, lock, read_only=problem, notices=notices)
        elif choice.action == RESTORE and choice.path is not None:
            notice = _restore(folder, choice.path)
            if notice:
                notices.append(notice)
        elif choice.action == START_EMPTY:
            try:
                moved = startup_check.move_aside(folder)
            except OSError as exc:
                dialogs.problem(None, "The data file cannot be moved aside",
                                f"{problem.path}\n\n{backup.explain(exc)}. Nothing was changed.")
                continue
            notices.append(("Started with empty data", "The data file SayYes could not use is kept, unchanged, "
                            f"as\n{moved}\n\nSayYes started a new, empty data file in its place."))


def _restore(folder: Path, source: Path) -> tuple[str, str] | None:
    made = backup.parse_name(source)
    what = (f"the backup made on {made.created.astimezone():%Y-%m-%d %H:%M}" if made else f"the data in {source}")
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = backup.restore(folder, source)
    except (ServiceError, OSError) as exc:
        QGuiApplication.restoreOverrideCursor()
        dialogs.problem(None, "Restore failed", str(exc) if isinstance(exc, ServiceError) else backup.explain(exc))
        return None
    QGuiApplication.restoreOverrideCursor()
    text = f"Restored {what}: {result.records} records."
    if result.before is not None:
        text += f"\n\nThe data file it replaced is kept, unchanged, as the backup\n{result.before.path}"
    return "Backup restored", text


def _themed() -> None:
    """The recovery dialog follows the desktop's light or dark (the user's choice is in the data file)."""
    from .theme import apply_theme

    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, "system")


# --- read-only data ---------------------------------------------------------------------------------

class ReadOnlyBanner(QFrame):
    def __init__(self, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.setAccessibleName("Read-only banner")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 7, 12, 7)
        self.label = QLabel(f"<b>Read-only</b> — {reason}: you can look at this data, but SayYes will not "
                            "change it.")
        row.addWidget(self.label, 1)

    def text(self) -> str:
        return self.label.text()


def make_read_only(folders: Any, problem: Problem) -> None:
    """Mark the window as showing read-only data; what would write is off, or refused with a message."""
    window = folders.window
    window.add_banner(ReadOnlyBanner(problem.read_only_reason))
    window.setWindowTitle(f"SayYes (read-only) — {window.data_dir}")
    window.save_state = lambda: None  # geometry and the screen shown cannot be stored in the file
    off = "Not while the data is open read-only"
    for action in (getattr(folders, "action", None), getattr(window, "import_action", None)):
        if action is not None:
            action.setEnabled(False)
            action.setToolTip(off)


def _read_only_hook(folders: Any, previous: Any) -> Any:
    """A change refused by read-only data that no screen caught is a message, never a traceback."""

    def hook(kind: type[BaseException], exc: BaseException, traceback: Any) -> None:
        if isinstance(exc, ReadOnlyError):
            dialogs.problem(folders.window, "Read-only", str(exc))
            return
        previous(kind, exc, traceback)

    return hook
