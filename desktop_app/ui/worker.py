"""Long work (import, export, demo data) off the UI thread, behind a progress dialog that can cancel.

The work runs in a QThread with its own database connection (peewee keeps one connection per
thread), reports progress through a signal and never touches a widget. The caller gets the result
back, or the exception the work raised (services.errors.Cancelled when the user cancelled: the
services roll back, so the data is as it was).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..db import db

T = TypeVar("T")
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
Work = Callable[[Progress, Cancel], T]


class _Runner(QObject):
    progressed = Signal(int, int)
    done = Signal(object, object)  # (result, exception)

    def __init__(self, work: Work[Any]) -> None:
        super().__init__()
        self.work = work
        self.cancel_event = threading.Event()

    def run(self) -> None:
        result: Any = None
        error: BaseException | None = None
        database = db.obj
        try:
            database.connect(reuse_if_open=True)  # this thread's own connection
            result = self.work(lambda done, total: self.progressed.emit(done, total), self.cancel_event.is_set)
        except BaseException as exc:  # handed to the UI thread, which re-raises it
            error = exc
        finally:
            if not database.is_closed():
                database.close()
        self.done.emit(result, error)


class _Receiver(QObject):
    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.loop = QEventLoop()
        self.outcome: dict[str, Any] = {}

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    @Slot(object, object)
    def on_done(self, result: Any, error: BaseException | None) -> None:
        self.outcome = {"result": result, "error": error}
        self.loop.quit()


def run_in_background(parent: QWidget | None, title: str, label: str, work: Work[T], *,
                      cancellable: bool = True) -> T:
    """Run work(progress, cancel) on a worker thread behind a modal progress dialog; return its result.

    Raises what the work raised (Cancelled when the user pressed Cancel). cancellable=False: the dialog
    has no Cancel button, for work that cannot stop half-way (a backup, a restore).
    """
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)  # starts the clock: the dialog appears if the work takes longer than 300 ms

    thread = QThread()
    runner = _Runner(work)
    runner.moveToThread(thread)
    receiver = _Receiver(dialog)  # lives on the UI thread, so its slots run there (queued)
    runner.progressed.connect(receiver.on_progress)
    runner.done.connect(receiver.on_done)
    if cancellable:
        dialog.canceled.connect(lambda: (runner.cancel_event.set(), dialog.setLabelText("Cancelling…")))
    thread.started.connect(runner.run)
    thread.start()
    receiver.loop.exec()
    thread.quit()
    thread.wait()
    dialog.close()
    dialog.deleteLater()
    outcome = receiver.outcome
    if outcome.get("error") is not None:
        raise outcome["error"]
    return outcome["result"]
