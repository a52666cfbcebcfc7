"""My standards: the workplace criteria every company is scored on, edited in a window beside Companies.

The editor is a record screen of kind "criterion" (list beside form, New / Save / Revert / Delete,
errors next to their fields, delete confirmation counting the scores that go with it), in a window
that is not modal, so the scorecard and its fit change while the standards are edited.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ..bus import ChangeBus
from ..record_screen import RecordScreen

STANDARDS_SHORTCUT = "Ctrl+Shift+S"


class StandardsEditor(RecordScreen):
    key = "standards"
    title = "My standards"
    kind_name = "criterion"
    tables = frozenset({"criterion"})
    form_fields = ("name", "weight", "active", "description")
    form_columns = 1
    list_share = 0.46
    column_widths = {"name": 200, "weight": 70, "active": 60}
    empty_text = (
        "Your standards are what a good workplace means to you: engineering culture, work-life balance, "
        "pay, growth, management … Give each a weight from 1 (nice to have) to 5 (a deal-breaker); every "
        "company you score against them gets a weighted fit. Seeing many companies from the inside "
        "sharpens them — come back and adjust.\n\nAdd your first with New criterion (Ctrl+N)."
    )

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        scale = QLabel("1 = nice to have … 5 = a deal-breaker")
        scale.setObjectName("hint")
        scale.setContentsMargins(6, 0, 0, 0)
        self.form.editor("weight").row.insertWidget(1, scale)
        self.form.editor("active").setToolTip("Only active standards are on the scorecards and in the fit; "
                                              "switching one off keeps its scores")


class StandardsDialog(QDialog):
    """The standards editor in its own window; Ctrl+N / Ctrl+S / Ctrl+F / Ctrl+Z work inside it too."""

    def __init__(self, bus: ChangeBus, undo: Any = None, redo: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("My standards")
        self.setModal(False)
        self.resize(920, 560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 10)
        layout.setSpacing(4)
        self.editor = StandardsEditor(bus, self)
        layout.addWidget(self.editor, 1)
        note = QLabel("Only active standards count in the scorecards and the fit. Every change here can be "
                      "undone with Ctrl+Z.")
        note.setObjectName("hint")
        note.setContentsMargins(14, 0, 14, 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        footer = QVBoxLayout()
        footer.setContentsMargins(0, 0, 12, 0)
        footer.addWidget(buttons)
        layout.addWidget(note)
        layout.addLayout(footer)
        for keys, slot in (("Ctrl+N", self.editor.new_record), ("Ctrl+S", self.editor.save),
                           ("Ctrl+F", self.editor.focus_search), (QKeySequence.StandardKey.Undo, undo),
                           ("Ctrl+Shift+Z", redo), (STANDARDS_SHORTCUT, self.close)):
            if slot is not None:
                shortcut = QShortcut(QKeySequence(keys), self, slot)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.editor.activate()

    def reject(self) -> None:
        if self.editor.can_leave():
            super().reject()
