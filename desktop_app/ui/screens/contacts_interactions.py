"""A contact's interactions (date, channel, summary), shown and edited inline under the contact's form.

Ctrl+Shift+N (or Alt+I) puts the cursor in "Add interaction"; type what you talked about and press
Enter: it is saved at once, dated today, and the cursor stays there. Cells are edited in place (F2,
double click, or just start typing); each edit is saved through the services and can be undone.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...services import records
from ...services.changes import Change
from ...services.choices import INTERACTION_CHANNELS
from ...services.errors import ServiceError, ValidationError
from ...services.values import Field
from .. import dialogs
from ..bus import ChangeBus
from ..formatting import choice_text
from ..inline_table import EditableRecordTableModel, FieldDelegate
from .contacts_widgets import counted, heading, inline_table, key_action, note, rows_high

ADD_SHORTCUT = "Ctrl+Shift+N"
WIDTHS = {"occurred_on": 96, "channel": 96, "summary": 300}


class InteractionModel(EditableRecordTableModel):
    """The interactions of one contact; every cell but the (hidden) contact can be edited."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("interaction", parent)

    def field_at(self, column: int) -> Field | None:
        field = super().field_at(column)
        return None if field is not None and field.name == "contact" else field


class InteractionsPanel(QWidget):
    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.contact_id: int | None = None
        self._published: Change | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.heading = heading("Interactions")
        layout.addWidget(self.heading)

        add_row = QHBoxLayout()
        add_label = QLabel("Add &interaction:")
        self.add_edit = QLineEdit()
        self.add_edit.setAccessibleName("Add interaction")
        add_label.setBuddy(self.add_edit)
        self.add_edit.returnPressed.connect(self.add_interaction)
        self.channel = QComboBox()
        self.channel.setAccessibleName("Channel of the new interaction")
        self.channel.setToolTip("How you were in touch")
        self.channel.addItem("Channel…", None)
        for channel in INTERACTION_CHANNELS:
            self.channel.addItem(choice_text(channel), channel)
        self.add_button = QPushButton("Add")
        self.add_button.setAutoDefault(False)
        self.add_button.setToolTip(f"Add the interaction, dated today ({ADD_SHORTCUT}, type, Enter)")
        self.add_button.clicked.connect(self.add_interaction)
        add_row.addWidget(add_label)
        add_row.addWidget(self.add_edit, 1)
        add_row.addWidget(self.channel)
        add_row.addWidget(self.add_button)
        layout.addLayout(add_row)

        self.model = InteractionModel(self)
        self.model.editError.connect(self._show_error)
        self.model.changed.connect(self._publish)
        self.view = inline_table(self.model, WIDTHS, "summary", hidden=("contact",), editable=True)
        self.view.setItemDelegate(FieldDelegate(self.view))
        self.view.setMinimumHeight(rows_high(self.view, 3))
        key_action(self.view, QKeySequence.StandardKey.Delete, self.delete_interaction)
        layout.addWidget(self.view, 1)

        bottom = QHBoxLayout()
        self.error = note(error=True)
        self.hint = note("F2 or typing edits a cell; Delete removes an interaction.")
        self.delete_button = QPushButton("Delete interaction…")
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete_interaction)
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.delete_button)
        layout.addLayout(bottom)

        self.shortcut = QShortcut(QKeySequence(ADD_SHORTCUT), self, self.focus_add)
        self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.set_contact(None)

    # --- what is shown --------------------------------------------------------------------------

    def set_contact(self, contact_id: int | None) -> None:
        self.contact_id = contact_id
        self._show_error("")
        saved = contact_id is not None
        for widget in (self.add_edit, self.channel, self.add_button):
            widget.setEnabled(saved)
        self.add_edit.setPlaceholderText(
            f"What you talked about, then Enter  ({ADD_SHORTCUT})" if saved
            else "Save the contact first, then note your conversations here"
        )
        self.reload()

    def reload(self) -> None:
        keep = self.view.currentIndex()
        keep_id = self.model.id_at(keep.row()) if keep.isValid() else None
        self.model.set_query(filters={"contact": self.contact_id if self.contact_id is not None else -1})
        row = self.model.row_of(keep_id)
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, keep.column()))
        count = self.model.rowCount()
        self.heading.setText(counted("Interactions", count))
        self.delete_button.setEnabled(count > 0)

    def on_change(self, change: Change) -> None:
        """Refresh for changes made elsewhere (our own cell edits are already shown)."""
        if change is not self._published and "interaction" in change.tables:
            self.reload()

    def _publish(self, change: Change) -> None:
        self._published = change
        try:
            self.bus.publish(change)
        finally:
            self._published = None

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.hint.setVisible(not text)

    # --- commands -------------------------------------------------------------------------------

    def focus_add(self) -> None:
        if self.add_edit.isEnabled():
            self.add_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.add_edit.selectAll()

    def add_interaction(self) -> None:
        summary = self.add_edit.text().strip()
        if self.contact_id is None or not summary:
            return
        values = {"contact": self.contact_id, "occurred_on": dt.date.today(), "channel": self.channel.currentData(),
                  "summary": summary}
        try:
            change = records.create("interaction", values)
        except ValidationError as exc:
            self._show_error(f"Interaction: {exc}")
            return
        change.label = "add interaction"
        self.add_edit.clear()
        self._show_error("")
        self.bus.publish(change)
        row = self.model.row_of(change.primary_id)
        if row is not None:
            self.view.scrollTo(self.model.index(row, 0))

    def delete_interaction(self) -> None:
        index = self.view.currentIndex()
        interaction_id = self.model.id_at(index.row()) if index.isValid() else None
        if interaction_id is None:
            return
        columns = [c.key for c in self.model.columns]
        day = self.model.index(index.row(), columns.index("occurred_on")).data() or ""
        summary = self.model.index(index.row(), columns.index("summary")).data() or ""
        shown = summary if len(summary) <= 80 else summary[:77] + "…"
        if not dialogs.confirm(self, "Delete interaction", f"Delete this interaction?\n\n{day}  {shown}"):
            return
        try:
            change = records.delete("interaction", interaction_id)
        except ServiceError as exc:
            dialogs.problem(self, "Cannot delete this interaction", str(exc))
            return
        self.bus.publish(change)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(index.row(), self.model.rowCount() - 1), 0))
        self.view.setFocus()
