"""Long work runs off the UI thread with its own connection, reports progress and can be cancelled."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from desktop_app.db import models as m
from desktop_app.services import records
from desktop_app.services.errors import Cancelled
from desktop_app.ui.worker import run_in_background


def test_work_runs_on_another_thread_and_returns_its_result(qtbot: Any, database: Any, monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QProgressDialog

    seen: dict[str, Any] = {}
    dialog_threads: list[Any] = []
    original = QProgressDialog.setValue
    monkeypatch.setattr(QProgressDialog, "setValue",
                        lambda self, v: (dialog_threads.append(threading.current_thread()), original(self, v)))

    def work(progress: Any, cancel: Any) -> int:
        seen["thread"] = threading.current_thread()
        for i in range(3):
            progress(i + 1, 3)
        return records.create("company", {"name": "Made in a worker"}).primary_id

    company_id = run_in_background(None, "Test", "Working…", work)
    assert seen["thread"] is not threading.main_thread()
    assert m.Company.get_by_id(company_id).name == "Made in a worker"  # committed, visible to the UI thread
    assert len(dialog_threads) >= 4 and set(dialog_threads) == {threading.main_thread()}  # no widget touched


def test_errors_come_back_to_the_caller(qtbot: Any, database: Any) -> None:
    def work(progress: Any, cancel: Any) -> None:
        raise ValueError("bad cell")

    with pytest.raises(ValueError, match="bad cell"):
        run_in_background(None, "Test", "Working…", work)


def test_cancel_reaches_the_work(qtbot: Any, database: Any) -> None:
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    started = threading.Event()

    def work(progress: Any, cancel: Any) -> None:
        started.set()
        while not cancel():
            threading.Event().wait(0.01)
        raise Cancelled()

    def press_cancel() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        if started.is_set() and dialogs:
            dialogs[0].findChild(QPushButton).click()  # the dialog's Cancel button
        else:
            timer.start(20)

    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(press_cancel)
    timer.start(20)
    with pytest.raises(Cancelled):
        run_in_background(None, "Test", "Working…", work)
    assert started.is_set()
