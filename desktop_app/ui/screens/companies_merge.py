"""Merge a company entered twice into the one to keep: choose it by typing, see what moves, merge.

The dialog is not blocking (open(), not exec()): the screen listens to `merged` and publishes the step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services import merge, records
from ...services.changes import Change
from ...services.errors import NotFoundError, ServiceError
from ...services.kinds import kind as get_kind
from ...services.values import REF, Field
from ..editors import RefEditor
from ..formatting import join_counts

KEEP_FIELD = Field("company", "Company to keep", REF, required=True, ref="company")


class MergeDialog(QDialog):
    merged = Signal(object, int)  # (the Change, the id of the company kept)

    def __init__(self, duplicate_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.duplicate_id = duplicate_id
        self.duplicate = records.get("company", duplicate_id)
        name = self.duplicate["name"]
        self.setWindowTitle(f"Merge {name} into another company")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)

        title = QLabel(f"Merge “{name}” into…")
        title.setObjectName("formTitle")
        layout.addWidget(title)
        intro = QLabel(
            f"When the same company was entered twice, keep one. Everything that points at “{name}” moves "
            f"to the company you keep, its empty fields are filled from “{name}”, and then “{name}” is "
            "deleted. Undo (Ctrl+Z) puts it all back."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        row = QHBoxLayout()
        label = QLabel("Company to &keep:")
        label.setObjectName("fieldLabel")
        self.keep = RefEditor(KEEP_FIELD)
        label.setBuddy(self.keep.input)
        row.addWidget(label)
        row.addWidget(self.keep, 1)
        layout.addLayout(row)
        self.keep.edited.connect(self._update)

        self.preview = QLabel()
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        layout.addWidget(self.error)
        layout.addStretch(1)

        buttons = QDialogButtonBox()
        self.merge_button = QPushButton("Merge")
        self.merge_button.setObjectName("primaryButton")
        self.merge_button.setDefault(True)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.do_merge)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._moves = merge.merge_preview("company", duplicate_id, duplicate_id)
        self._update()
        self.keep.input.setFocus()

    def keep_id(self) -> int | None:
        return self.keep.resolve()[0]

    def _filled(self, keep: dict[str, Any]) -> list[str]:
        """The kept company's empty fields that the duplicate fills."""
        return [f.label.lower() for f in get_kind("company").fields
                if keep.get(f.name) in (None, "") and self.duplicate.get(f.name) not in (None, "")]

    def _update(self) -> None:
        keep_id, text = self.keep.resolve()
        self._show_error("")
        moves = join_counts(self._moves)
        name = self.duplicate["name"]
        if keep_id is None:
            self.preview.setText(
                (f"“{name}” has {moves}; they move to the company you choose." if moves
                 else f"“{name}” has nothing linked to it; it is simply deleted.")
                + "\nType the name of the company to keep.")
            if text:
                self._show_error(f"There is no company named '{text}'.")
            self.merge_button.setEnabled(False)
            return
        if keep_id == self.duplicate_id:
            self._show_error(f"That is “{name}” itself: choose the other company, the one to keep.")
            self.merge_button.setEnabled(False)
            return
        try:
            keep = records.get("company", keep_id)
        except NotFoundError as exc:
            self._show_error(str(exc))
            self.merge_button.setEnabled(False)
            return
        lines = [f"Moves {moves} to “{keep['name']}”." if moves else f"Nothing is linked to “{name}”."]
        filled = self._filled(keep)
        if filled:
            lines.append(f"Fills the empty {', '.join(filled)} of “{keep['name']}” from “{name}”.")
        lines.append(f"Then deletes “{name}”.")
        self.preview.setText("\n".join(lines))
        self.merge_button.setEnabled(True)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def do_merge(self) -> None:
        keep_id = self.keep_id()
        if keep_id is None or not self.merge_button.isEnabled():
            return
        try:
            change: Change = merge.merge("company", keep_id, self.duplicate_id)
        except ServiceError as exc:
            self._show_error(f"Not merged: {exc}.".replace("..", "."))
            return
        change.label = "merge companies"
        self.accept()
        self.merged.emit(change, keep_id)
