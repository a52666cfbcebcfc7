"""Merging a contact entered twice: choose the one to keep by typing, confirm what moves, one undo step."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QLineEdit, QListView, QPushButton, QVBoxLayout, QWidget,
)

from ...services import merge, people, records
from ...services.changes import Change
from ...services.errors import ServiceError
from .. import dialogs
from ..formatting import join_counts

ID_ROLE = Qt.ItemDataRole.UserRole + 1
# what merge_preview calls the links, as a person says it
_WORDS = {"interview contact": "interview", "interview contacts": "interviews"}


class MergeDialog(QDialog):
    """Pick the contact to keep: type a name or a company, pick from the list (Down, Enter)."""

    def __init__(self, parent: QWidget | None, duplicate_id: int) -> None:
        super().__init__(parent)
        self.duplicate_id = duplicate_id
        duplicate = records.get("contact", duplicate_id)
        self._company = duplicate["company"]
        self.setWindowTitle("Merge contact")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Entered {people.contact_label(duplicate_id)} twice? Choose the contact to keep: everything "
            f"linked to this one moves to it, its empty fields are filled from this one, and this one is "
            f"deleted. You can undo it."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type a name or a company")
        self.search.setAccessibleName("Contact to keep")
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(self._fill)
        self.search.installEventFilter(self)
        label = QLabel("&Keep:")
        label.setBuddy(self.search)
        layout.addWidget(label)
        layout.addWidget(self.search)
        self.options = QStandardItemModel(self)
        self.list = QListView()
        self.list.setModel(self.options)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setMinimumHeight(180)
        self.list.doubleClicked.connect(lambda _i: self.accept())
        self.list.selectionModel().currentChanged.connect(lambda *_a: self._update_ok())
        layout.addWidget(self.list, 1)
        self.empty = QLabel("No other contact matches; try part of the name or the company.")
        self.empty.setObjectName("hint")
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Merge into this contact…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.search.setText(duplicate["name"])
        self.search.selectAll()
        self._fill(duplicate["name"])

    def _fill(self, text: str) -> None:
        self.options.clear()
        for contact_id, label in people.contact_options(text, 50, exclude=self.duplicate_id,
                                                        company_first=self._company):
            item = QStandardItem(label)
            item.setData(contact_id, ID_ROLE)
            self.options.appendRow(item)
        if self.options.rowCount():
            self.list.setCurrentIndex(self.options.index(0, 0))
        self.empty.setVisible(self.options.rowCount() == 0)
        self._update_ok()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.chosen_id is not None)

    @property
    def chosen_id(self) -> int | None:
        index: QModelIndex = self.list.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def eventFilter(self, watched: QObject, event: Any) -> bool:  # noqa: N802
        if watched is self.search and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            self.list.setFocus()
            return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        if self.chosen_id is not None:
            super().accept()


def _say(counts: dict[str, int]) -> dict[str, int]:
    return {_WORDS.get(label, label): n for label, n in counts.items()}


def confirm_and_merge(parent: QWidget, keep_id: int, duplicate_id: int) -> Change | None:
    """Ask with what moves, then merge; the Change to publish, or None (cancelled or refused)."""
    try:
        moving = _say(merge.merge_preview("contact", keep_id, duplicate_id))
        keep, duplicate = people.contact_label(keep_id), people.contact_label(duplicate_id)
    except ServiceError as exc:
        dialogs.problem(parent, "Cannot merge these contacts", str(exc))
        return None
    text = f"Merge {duplicate} into {keep}?\n\n"
    if moving:
        text += f"{join_counts(moving)} move{'s' if sum(moving.values()) == 1 else ''} to {keep}. "
    text += f"Fields empty on {keep} are filled from {duplicate}, which is then deleted."
    if not dialogs.confirm(parent, "Merge contacts", text):
        return None
    try:
        return merge.merge("contact", keep_id, duplicate_id)
    except ServiceError as exc:
        dialogs.problem(parent, "Cannot merge these contacts", str(exc))
        return None
