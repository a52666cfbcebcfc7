"""Editing records in the cells of a table: the model saves each cell through the services.

Used for the children shown inside a form (an interview's questions); a cell that does not validate is
not written and its reason is reported through `editError`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ..services import listing, records
from ..services.errors import ServiceError, ValidationError
from ..services.values import CHOICE, RATING, Field
from .editors import rating_items
from .formatting import choice_text
from .table_model import RecordTableModel

Index = QModelIndex | QPersistentModelIndex


class EditableRecordTableModel(RecordTableModel):
    """A RecordTableModel whose cells that are fields of the kind can be edited in place."""

    editError = Signal(str)  # the reason a cell was not saved
    changed = Signal(object)  # the Change of a saved cell, to publish

    def __init__(self, kind_name: str, parent: Any = None) -> None:
        super().__init__(kind_name, parent)
        self._fields = {c.key: self._kind.field(c.key) for c in self.columns if c.key in self._kind.field_names}

    def field_at(self, column: int) -> Field | None:
        return self._fields.get(self.columns[column].key) if 0 <= column < len(self.columns) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.field_at(index.column()) is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            values = self._row(index.row())
            return None if values is None else values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            text = super().data(index, Qt.ItemDataRole.DisplayRole)
            return text if text and len(text) > 20 else None
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        field = self.field_at(index.column()) if index.isValid() else None
        record_id = self.id_at(index.row())
        if role != Qt.ItemDataRole.EditRole or field is None or record_id is None:
            return False
        try:
            change = records.update(self.kind_name, record_id, {field.name: value})
        except ValidationError as exc:
            self.editError.emit(f"{field.label}: {exc.for_field(field.name) or exc}")
            return False
        except ServiceError as exc:
            self.editError.emit(str(exc))
            return False
        self.editError.emit("")
        self.reload_row(index.row())
        if change:
            self.changed.emit(change)
        return True

    def reload_row(self, row: int) -> None:
        record_id = self.id_at(row)
        page = self._pages.get(row // self.PAGE_SIZE)
        if record_id is None or page is None:
            return
        page.update(listing.fetch_rows(self.kind_name, [record_id]))
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))


class FieldDelegate(QStyledItemDelegate):
    """In-cell editors by field type: combo boxes for fixed lists and ratings, a line for the rest."""

    def _field(self, index: Index) -> Field | None:
        model = index.model()
        return model.field_at(index.column()) if isinstance(model, EditableRecordTableModel) else None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        field = self._field(index)
        if field is not None and field.type in (CHOICE, RATING):
            combo = QComboBox(parent)
            if not field.required:
                combo.addItem("", None)
            items = rating_items() if field.type is RATING else [(choice_text(c), c) for c in field.choices]
            for text, data in items:
                combo.addItem(text, data)
            return combo
        editor = QLineEdit(parent)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QLineEdit):
            field = self._field(index)
            editor.setText(field.to_text(value) if field is not None else str(value or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
