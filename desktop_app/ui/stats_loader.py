"""The dashboard's figures computed off the UI thread, so the window stays responsive while they are.

One worker thread (a Python thread pool of one) runs `stats.compute` on its own database connection
(peewee keeps one per thread) and hands the result back through a queued Qt signal. Requests are
numbered; the screen keeps only the answer to its latest one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..db import db
from ..services import stats

_executor: ThreadPoolExecutor | None = None


def _pool() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sayyes-stats")
    return _executor


def _compute(today: dt.date, months: int | None, keys: frozenset[str] | None) -> dict[str, Any]:
    database = db.obj
    opened = database.is_closed()
    if opened:
        database.connect()
    try:
        return stats.compute(today, months=months, only=keys)
    finally:
        if opened and not database.is_closed():
            database.close()


class StatsLoader(QObject):
    """`load()` starts a computation; `loaded(number, figures)` or `failed(number, message)` answers it."""

    loaded = Signal(int, object)
    failed = Signal(int, str)
    _answer = Signal(int, object, object)  # emitted on the worker thread, delivered on the UI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.number = 0
        self.running = 0  # computations started and not yet answered
        self._answer.connect(self._deliver)

    def load(self, today: dt.date, months: int | None, keys: Iterable[str] | None = None) -> int:
        self.number += 1
        number = self.number
        self.running += 1
        future = _pool().submit(_compute, today, months, frozenset(keys) if keys is not None else None)
        future.add_done_callback(lambda done, n=number: self._finished(n, done))
        return number

    def _finished(self, number: int, future: Future[dict[str, Any]]) -> None:
        error = future.exception()
        try:
            self._answer.emit(number, None if error else future.result(), error)
        except RuntimeError:  # the screen was closed meanwhile: nobody is waiting for the answer
            pass

    def _deliver(self, number: int, figures: Any, error: Any) -> None:
        self.running -= 1
        if error is not None:
            self.failed.emit(number, str(error) or type(error).__name__)
        else:
            self.loaded.emit(number, figures)


def wait_idle(timeout: float = 30.0) -> None:
    """Block until queued computations ended (for closing a data folder under a running computation)."""
    if _executor is not None:
        _executor.submit(lambda: None).result(timeout=timeout)


__all__ = ["StatsLoader", "wait_idle"]
