"""The interviews a contact took part in as an interviewer, under the contact's form; Enter opens one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...services import people
from ...services.changes import Change
from ..table_model import RecordTableModel
from .contacts_widgets import counted, heading, inline_table, key_action, note, rows_high

WIDTHS = {"scheduled_on": 92, "company": 130, "role": 170, "stage": 120, "outcome": 84}
HIDDEN = ("scheduled_time", "format", "self_rating_after")
TABLES = frozenset({"interview_contact", "interview", "opportunity", "company"})


class ContactInterviewsModel(RecordTableModel):
    """Rows of the interview list, for the interviews one contact took part in."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__("interview", parent)
        self.contact_id: int | None = None

    def query_ids(self) -> list[int]:
        return [] if self.contact_id is None else people.interview_ids_of_contact(self.contact_id)


class ContactInterviewsPanel(QWidget):
    openRequested = Signal(str, int)  # ("interview", id)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.heading = heading("Interviews they took part in")
        layout.addWidget(self.heading)
        self.model = ContactInterviewsModel(self)
        self.view = inline_table(self.model, WIDTHS, "role", hidden=HIDDEN)
        self.view.doubleClicked.connect(self._open_index)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            key_action(self.view, key, self.open_current)
        layout.addWidget(self.view)
        self.hint = note()
        layout.addWidget(self.hint)
        self.set_contact(None)

    def set_contact(self, contact_id: int | None) -> None:
        self.model.contact_id = contact_id
        self.reload()

    def reload(self) -> None:
        self.model.refresh()
        count = self.model.rowCount()
        self.heading.setText(counted("Interviews they took part in", count))
        self.view.setVisible(count > 0)
        self.view.setFixedHeight(rows_high(self.view, max(1, min(count, 5))))
        self.hint.setText(
            "Double-click or Enter opens an interview." if count
            else "None yet. Add them as an interviewer in the interview's form (Interviews, Ctrl+3)."
        )

    def on_change(self, change: Change) -> None:
        if change.tables & TABLES:
            self.reload()

    def _open_index(self, index: QModelIndex) -> None:
        interview_id = self.model.id_at(index.row())
        if interview_id is not None:
            self.openRequested.emit("interview", interview_id)

    def open_current(self) -> None:
        self._open_index(self.view.currentIndex())
