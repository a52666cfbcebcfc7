"""The records of one parent shown and edited inline under its form (an interview's questions, a skill's ratings).

A panel is a heading with a count, a quick-add row (a line and an Add button, with a window shortcut), a
table over the records whose `parent_filter` is the parent shown, and an error/hint line beside a delete
button. Subclasses say what differs: the kind, the texts, the columns, and how the quick-add becomes the
values of a new record.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...services import records
from ...services.changes import Change
from ...services.errors import ServiceError, ValidationError
from .. import dialogs
from ..bus import ChangeBus
from ..inline_table import EditableRecordTableModel, FieldDelegate
from ..table_model import RecordTableModel
from .contacts_widgets import counted, heading, inline_table, key_action, note


def shortened(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "…"


class InlineRecordsPanel(QWidget):
    kind: ClassVar[str]
    parent_filter: ClassVar[str]  # the filter (and field) naming the parent
    tables: ClassVar[frozenset[str]]  # changes to these refresh the panel
    title: ClassVar[str]  # the heading, followed by the count
    noun: ClassVar[str]  # "question": "Delete question…", "Cannot delete this question"
    delete_verb: ClassVar[str] = "delete"
    add_label: ClassVar[str]
    add_tooltip: ClassVar[str]
    placeholder: ClassVar[str] = ""
    unsaved_placeholder: ClassVar[str] = ""
    hint_text: ClassVar[str]
    widths: ClassVar[Mapping[str, int]]
    stretch: ClassVar[str] = ""  # the column that takes the spare width
    hidden: ClassVar[tuple[str, ...]] = ()
    editable: ClassVar[bool] = True
    view_stretch: ClassVar[int] = 0
    add_shortcut: ClassVar[str | None] = "Ctrl+Shift+N"
    add_step_label: ClassVar[str | None] = None  # the undo step's label, when not "create <kind>"
    clear_error_on_same_parent: ClassVar[bool] = False
    keep_column_after_delete: ClassVar[bool] = False

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.parent_id: int | None = None
        self._published: Change | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.heading = heading(self.title)
        self._build_heading(layout)

        add_row = QHBoxLayout()
        self.add_label_widget = QLabel(self.add_label)
        add_row.addWidget(self.add_label_widget)
        self.add_inputs: list[QWidget] = self._build_add_inputs(add_row)
        self.add_button = QPushButton("Add")
        self.add_button.setAutoDefault(False)
        self.add_button.setToolTip(self.add_tooltip)
        self.add_button.clicked.connect(self.add)
        add_row.addWidget(self.add_button)
        self._finish_add_row(add_row)
        layout.addLayout(add_row)

        self.model = self._make_model()
        if isinstance(self.model, EditableRecordTableModel):
            self.model.editError.connect(self._show_error)
            self.model.changed.connect(self._publish)
        self.view = inline_table(self.model, self.widths, self.stretch, hidden=self.hidden, editable=self.editable)
        if self.editable:
            self.view.setItemDelegate(FieldDelegate(self.view))
        self._setup_view(self.view)
        key_action(self.view, QKeySequence.StandardKey.Delete, self.delete_current)
        layout.addWidget(self.view, self.view_stretch)

        bottom = QHBoxLayout()
        self.error = note(error=True)
        self.hint = note(self.hint_text)
        self.delete_button = QPushButton(f"{self.delete_verb.capitalize()} {self.noun}…")
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete_current)
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.delete_button)
        layout.addLayout(bottom)

        if self.add_shortcut:
            self.shortcut = QShortcut(QKeySequence(self.add_shortcut), self, self.focus_add)
            self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.set_parent(None)

    # --- hooks ----------------------------------------------------------------------------------

    def _build_heading(self, layout: QBoxLayout) -> None:
        layout.addWidget(self.heading)

    def _make_add_edit(self) -> QLineEdit:
        return QLineEdit()

    def _build_add_inputs(self, row: QHBoxLayout) -> list[QWidget]:
        """The inputs between the label and the Add button; the first one has the label's mnemonic."""
        self.add_edit = self._make_add_edit()
        self.add_edit.setAccessibleName(self.add_label.replace("&", "").rstrip(":"))
        self.add_label_widget.setBuddy(self.add_edit)
        self.add_edit.returnPressed.connect(self.add)
        row.addWidget(self.add_edit, 1)
        return [self.add_edit]

    def _finish_add_row(self, row: QHBoxLayout) -> None:
        pass

    def _make_model(self) -> RecordTableModel:
        return EditableRecordTableModel(self.kind, self)

    def _setup_view(self, view: QTableView) -> None:
        view.setMinimumHeight(150)

    def _parent_changed(self) -> None:
        """The panel shows another parent: reset what was being typed."""

    def _reloaded(self, count: int) -> None:
        pass

    def new_values(self) -> dict[str, Any] | None:
        """The values of the record the quick-add makes (besides its parent); None when there is nothing to add."""
        text = self.add_edit.text()
        return {"text": text} if text.strip() else None

    def add_error(self, exc: ValidationError) -> str:
        return f"{self.noun.capitalize()}: {exc}"

    def _added(self) -> None:
        self.add_edit.clear()

    def describe(self, row: int, record_id: int) -> str:
        """The record as named in the question asked before deleting it."""
        return shortened(self.model.index(row, 0).data() or "")

    def delete_prompt(self, row: int, record_id: int) -> str:
        return f"{self.delete_verb.capitalize()} this {self.noun}?\n\n{self.describe(row, record_id)}"

    def delete_record(self, record_id: int) -> Change:
        return records.delete(self.kind, record_id)

    # --- what is shown --------------------------------------------------------------------------

    def set_parent(self, parent_id: int | None) -> None:
        changed = parent_id != self.parent_id
        self.parent_id = parent_id
        if changed or self.clear_error_on_same_parent:
            self._show_error("")
        if changed:
            self._parent_changed()
        saved = parent_id is not None
        for widget in (*self.add_inputs, self.add_button):
            widget.setEnabled(saved)
        if self.placeholder:
            self.add_edit.setPlaceholderText(self.placeholder if saved else self.unsaved_placeholder)
        self.reload()

    def reload(self) -> None:
        keep = self.view.currentIndex()
        keep_id = self.model.id_at(keep.row()) if keep.isValid() else None
        self.model.set_query(filters={self.parent_filter: self.parent_id if self.parent_id is not None else -1})
        row = self.model.row_of(keep_id)
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, keep.column()))
        count = self.model.rowCount()
        self.heading.setText(counted(self.title, count))
        self.delete_button.setEnabled(count > 0)
        self._reloaded(count)

    def on_change(self, change: Change) -> None:
        """Refresh for changes made elsewhere (our own cell edits are already shown)."""
        if change is not self._published and change.tables & self.tables:
            self.reload()

    def _publish(self, change: Change) -> None:
        self._published = change  # only while it is announced: its undo must refresh us
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

    def add(self) -> None:
        if self.parent_id is None:
            return
        values = self.new_values()
        if values is None:
            return
        try:
            change = records.create(self.kind, {self.parent_filter: self.parent_id, **values})
        except ValidationError as exc:
            self._show_error(self.add_error(exc))
            return
        if self.add_step_label:
            change.label = self.add_step_label
        self._added()
        self._show_error("")
        self.bus.publish(change)  # our screen refreshes, and this panel with it
        row = self.model.row_of(change.primary_id)
        if row is not None:
            self.view.scrollTo(self.model.index(row, 0))

    def delete_current(self) -> None:
        index = self.view.currentIndex()
        record_id = self.model.id_at(index.row()) if index.isValid() else None
        if record_id is None:
            return
        title = f"{self.delete_verb.capitalize()} {self.noun}"
        if not dialogs.confirm(self, title, self.delete_prompt(index.row(), record_id)):
            return
        try:
            change = self.delete_record(record_id)
        except ServiceError as exc:
            dialogs.problem(self, f"Cannot {self.delete_verb} this {self.noun}", str(exc))
            return
        self.bus.publish(change)
        if self.model.rowCount():
            column = index.column() if self.keep_column_after_delete else 0
            self.view.setCurrentIndex(self.model.index(min(index.row(), self.model.rowCount() - 1), column))
        self.view.setFocus()

