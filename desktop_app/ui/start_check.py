"""The check after start-up: `sayyes check`'s checks (quick_check, foreign keys, schema version) and where
the data folder lives, on a thread of its own once the window has been painted, so start-up never waits
for it. A problem opens the recovery dialog over the window; a network file system is warned about once.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from .. import settings
from ..services import backup, startup_check
from ..services.errors import ServiceError
from ..services.startup_check import StartReport
from . import dialogs

if TYPE_CHECKING:  # the dialog's module is imported when a problem is found, not on every start
    from .recovery_dialog import RecoveryDialog

NETWORK_WARNED = "storage.network_warned"  # a free-form setting: the network file system last warned about
FALLBACK_MS = 3000  # start anyway when no paint comes (a window shown minimised)


class StartCheck(QObject):
    """Runs startup_check.start_check on a worker thread; `finished(report)` arrives on the UI thread."""

    finished = Signal(object)
    _answer = Signal(object)  # emitted on the worker, delivered (queued) on the UI thread

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.thread: threading.Thread | None = None
        self.ran_on: int | None = None  # the worker thread's ident, for tests
        self.report: StartReport | None = None
        self._answer.connect(self._deliver)

    def start(self) -> None:
        if self.thread is not None:
            return
        self.thread = threading.Thread(target=self._run, name="sayyes-start-check")
        self.thread.start()

    def _run(self) -> None:
        self.ran_on = threading.get_ident()
        try:
            report = startup_check.start_check(self.data_dir)
        except Exception as exc:  # noqa: BLE001 - the check reports problems; this is a last line of defence
            report = exc
        try:
            self._answer.emit(report)
        except RuntimeError:  # the window closed meanwhile
            pass

    def _deliver(self, report: object) -> None:
        if isinstance(report, StartReport):
            self.report = report
            self.finished.emit(report)

    def wait(self, timeout: float | None = None) -> None:
        if self.thread is not None:
            self.thread.join(timeout)


class _FirstPaint(QObject):
    """Calls `then` once, after the watched widget's first paint."""

    def __init__(self, widget: QWidget, then: Any) -> None:
        super().__init__(widget)
        self.then = then
        self.done = False
        widget.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint and not self.done:
            QTimer.singleShot(0, self, self._fire)  # after this paint has reached the screen
        return False

    def _fire(self) -> None:
        if self.done:
            return
        self.done = True
        self.parent().removeEventFilter(self)  # type: ignore[union-attr]
        self.then()


def check_after_paint(window: Any, data_dir: Path) -> StartCheck:
    """Start the check once `window` has been painted; show what it finds over whichever window is current."""
    check = StartCheck(data_dir, window)
    check.finished.connect(lambda report: show_report(window, report))
    _FirstPaint(window, check.start)
    return check


def show_report(window: Any, report: StartReport) -> RecoveryDialog | None:
    """Warn once about a network file system; open the recovery dialog (not blocking) for a problem."""
    folders = getattr(window, "folders", None)
    current = getattr(folders, "window", window) or window
    if getattr(folders, "in_demo", False) or not current.isVisible():
        return None  # the user moved on to the demo data (or closed the window) before the check ended
    if report.network:
        _warn_network(current, report)
    problem = startup_check.problem_in(report)
    if problem is None:
        return None
    current.statusBar().showMessage(f"SayYes found {len(problem.details)} problems in its data; `sayyes check` "
                                    "lists them", 15000)
    try:
        backups = backup.list_backups(report.data_dir)
    except backup.BackupError:
        backups = []
    from .recovery_dialog import RecoveryDialog

    dialog = RecoveryDialog(problem, backups, mode="check", parent=current)
    dialog.finished.connect(lambda _result: _act(current, dialog))
    dialog.open()
    return dialog


def _warn_network(window: Any, report: StartReport) -> None:
    try:
        if settings.get_value(NETWORK_WARNED) == report.network:
            return
        settings.set_value(NETWORK_WARNED, report.network)
    except Exception:  # noqa: BLE001 - a warning that cannot be remembered is shown again
        pass
    dialogs.problem(window, "Your data folder is on a network drive",
                    startup_check.network_warning(report.data_dir, str(report.network)))


def _act(window: Any, dialog: RecoveryDialog) -> None:
    from .recovery_dialog import KEEP, QUIT, RESTORE

    choice = dialog.choice
    dialog.deleteLater()
    if choice.action == QUIT:
        window.close()
    elif choice.action == RESTORE and choice.path is not None:
        _restore(window, choice.path)
    elif choice.action == KEEP:
        window.statusBar().showMessage("Working on with the data as it is; File → Backup now keeps a copy", 10000)


def _restore(window: Any, source: Path) -> None:
    from .backup_dialog import after_restore, describe
    from .worker import run_in_background

    data_dir = Path(window.data_dir)
    try:
        result = run_in_background(window, "Restore", "Restoring the backup…",
                                   lambda _progress, _cancel: backup.restore(data_dir, source), cancellable=False)
    except Exception as exc:  # noqa: BLE001 - shown, never a traceback; the service left the data as it was
        dialogs.problem(window, "Restore failed", f"{exc}" if isinstance(exc, ServiceError) else
                        f"{source} could not be restored: {backup.explain(exc)}; your data is unchanged.")
        return
    made = backup.parse_name(source)
    after_restore(window, result, describe(made) if made else f"the data in {source.name}")
