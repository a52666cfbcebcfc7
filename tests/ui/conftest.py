"""UI fixtures: a main window on a fresh data folder, and message boxes that never block.

Every QMessageBox static function is replaced by a recorder. A test that expects a question queues
the answer first (`dialogs.answer(QMessageBox.StandardButton.Yes)`); a question nobody expected
fails the test instead of hanging it.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.ui.helpers import close_window, track


def _big_offscreen_screen() -> None:
    """The offscreen platform's screen is 800x800; give it a desktop-sized one so a window keeps the
    geometry a test gives it (restoreGeometry fits a window into its screen)."""
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        return
    config = Path(tempfile.gettempdir()) / f"sayyes-offscreen-{os.getpid()}.json"
    screen = {"name": "test", "x": 0, "y": 0, "width": 1920, "height": 1200, "logicalDpi": 96,
              "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


_big_offscreen_screen()


@dataclass
class Dialogs:
    answers: list[Any] = field(default_factory=list)
    asked: list[tuple[str, str, str]] = field(default_factory=list)  # (function, title, text)
    default: Any = None  # the answer when none is queued; None: an unexpected question fails

    def answer(self, *buttons: Any) -> None:
        self.answers.extend(buttons)

    def texts(self, function: str | None = None) -> list[str]:
        return [text for fn, _title, text in self.asked if function is None or fn == function]

    @property
    def last(self) -> str:
        return self.asked[-1][2] if self.asked else ""


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    from PySide6.QtWidgets import QMessageBox

    recorder = Dialogs()

    def question(parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        recorder.asked.append(("question", title, text))
        if recorder.answers:
            return recorder.answers.pop(0)
        if recorder.default is not None:
            return recorder.default
        raise AssertionError(f"unexpected question: {title}: {text}")

    def note(kind: str) -> Any:
        def show(parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            recorder.asked.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        return show

    monkeypatch.setattr(QMessageBox, "question", question)
    for kind in ("warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, note(kind))
    return recorder


@pytest.fixture
def window(qtbot: Any, data_dir: Path, database: object, dialogs: Dialogs) -> Iterator[Any]:
    """The main window on a fresh data folder, shown and active."""
    from desktop_app.app import create_window

    win = create_window(data_dir)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    dialogs.default = _discard()
    close_window(win)


def _discard() -> Any:
    from PySide6.QtWidgets import QMessageBox

    return QMessageBox.StandardButton.Discard


def publish_all(win: Any, *changes: Any) -> None:
    """Tell the window about records a test wrote through the services."""
    for change in changes:
        win.bus.publish(change)


def _track_app_windows() -> None:
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.recovery_dialog import RecoveryDialog

    track(MainWindow, RecoveryDialog)


_track_app_windows()

