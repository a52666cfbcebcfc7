"""The questions the UI asks and the problems it reports, in one place (and one place for tests to answer).

All go through QMessageBox's static functions, so a test can monkeypatch those and no dialog blocks.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


class Unsaved(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent: QWidget | None, what: str) -> Unsaved:
    """Save / Discard / Cancel for unsaved edits to `what` ("this opportunity")."""
    answer = QMessageBox.question(
        parent,
        "Unsaved changes",
        f"You have changed {what} without saving.\n\nSave the changes?",
        Button.Save | Button.Discard | Button.Cancel,
        Button.Save,
    )
    if answer == Button.Save:
        return Unsaved.SAVE
    if answer == Button.Discard:
        return Unsaved.DISCARD
    return Unsaved.CANCEL


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text, Button.Yes | Button.Cancel, Button.Cancel)
    return answer == Button.Yes


def problem(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def fatal(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.critical(parent, title, text)


def info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)
