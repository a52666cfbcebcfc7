"""A form for one record, built from its Kind's fields: editors, labels, and an error under each field.

The form does not write: the screen takes `collect()`, saves the whole record through the services in
one step, and hands their ValidationError back to `show_errors()`, which puts each reason under its
field. Dirty tracking compares what the editors show with what was loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from ..services import records
from ..services.errors import FieldError, ValidationError
from ..services.kinds import kind as get_kind
from ..services.values import LONGTEXT, Field
from .editors import FieldEditor, RefEditor, make_editor

Validator = Callable[[dict[str, Any], int | None], list[FieldError]]


def _set_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) != invalid:
        widget.setProperty("invalid", invalid)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class RecordForm(QWidget):
    """Editors for the fields of one kind: short ones in a grid of `columns`, long texts below."""

    dirtyChanged = Signal(bool)

    def __init__(self, kind_name: str, fields: Sequence[str] | None = None, columns: int = 2,
                 wide: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = get_kind(kind_name)
        self.fields: list[Field] = [self.kind.field(n) for n in (fields or self.kind.field_names)]
        self.editors: dict[str, FieldEditor] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.record_id: int | None = None
        self._snapshot: dict[str, Any] = {}
        self._dirty = False
        self._loading = False
        self._errors_shown = False
        # what to say after "there is no company named 'X'" (e.g. how to add one from this form)
        self.missing_hints: dict[str, str] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(10)
        self.form_error = self._error_label()
        outer.addWidget(self.form_error)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        outer.addLayout(grid)
        row, col = 0, 0
        for spec in (f for f in self.fields if f.type is not LONGTEXT):
            label, cell = self._field_cell(spec)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            label.setContentsMargins(0, 4, 0, 0)
            if spec.name in wide and col:
                row, col = row + 1, 0
            span = columns * 2 - 1 if spec.name in wide else 1
            grid.addWidget(label, row, col * 2)
            grid.addWidget(cell, row, col * 2 + 1, 1, span)
            col = columns if spec.name in wide else col + 1
            if col >= columns:
                row, col = row + 1, 0
        for col in range(columns):
            grid.setColumnStretch(col * 2 + 1, 1)
        self.tabs: QTabWidget | None = None
        self._tab_of: dict[str, int] = {}
        long_fields = [f for f in self.fields if f.type is LONGTEXT]
        if len(long_fields) > 1:
            # long texts share one box, a tab each, so the short fields and what follows stay in view
            self.tabs = QTabWidget()
            self.tabs.setDocumentMode(True)
            for spec in long_fields:
                label, cell = self._field_cell(spec)
                label.hide()
                self._tab_of[spec.name] = self.tabs.addTab(cell, label.text())
            outer.addWidget(self.tabs, 1)  # long texts take the height there is
        else:
            for spec in long_fields:
                label, cell = self._field_cell(spec)
                outer.addWidget(label)
                outer.addWidget(cell, 1)
        if not long_fields:
            outer.addStretch(1)
        self._order_tabs()

    # --- building -------------------------------------------------------------------------------

    def _error_label(self) -> QLabel:
        label = QLabel()
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        return label

    def _field_cell(self, spec: Field) -> tuple[QLabel, QWidget]:
        editor = make_editor(spec)
        editor.edited.connect(self._on_edited)
        label = QLabel(spec.label + (" *" if spec.required else ""))
        label.setBuddy(editor.input)
        label.setObjectName("fieldLabel")
        if spec.help:
            label.setToolTip(spec.help)
            editor.setToolTip(spec.help)
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        error = self._error_label()
        column.addWidget(error)
        self.editors[spec.name] = editor
        self.error_labels[spec.name] = error
        self.labels[spec.name] = label
        return label, cell

    def _order_tabs(self) -> None:
        """Tab goes through the fields in the order of the kind (row by row, then the long texts).

        That is the order the editors are created and parented in, so Qt's focus chain has it already.
        No QWidget.setTabOrder() over them: on Qt 6 it sends Tab in a text box back to the field before.
        """

    def add_beside(self, field_name: str, widget: QWidget) -> None:
        """Put a widget (a button, a hint) on the same line as a field's editor (and next after it for Tab)."""
        self.editors[field_name].row.addWidget(widget)
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            QWidget.setTabOrder(self.editors[field_name].input, widget)

    # --- access ---------------------------------------------------------------------------------

    def editor(self, name: str) -> FieldEditor:
        return self.editors[name]

    def input(self, name: str) -> QWidget:
        """The widget to type into for a field."""
        return self.editors[name].input

    def error_text(self, name: str) -> str:
        label = self.error_labels.get(name)
        return label.text() if label is not None and not label.isHidden() else ""

    def focus_first(self) -> None:
        if self.fields:
            self.editors[self.fields[0].name].input.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- loading and dirty tracking -------------------------------------------------------------

    def load(self, record: Mapping[str, Any] | None, defaults: Mapping[str, Any] | None = None) -> None:
        """Show a record (None: a new one with the kind's defaults, overridden by `defaults`)."""
        self._loading = True
        try:
            if record is None:
                self.record_id = None
                values = {**records.defaults(self.kind.name), **(defaults or {})}
            else:
                self.record_id = int(record["id"])
                values = dict(record)
            for spec in self.fields:
                self.editors[spec.name].set_value(values.get(spec.name))
        finally:
            self._loading = False
        self._snapshot = self._states()
        self.clear_errors()
        self._set_dirty(False)

    def _states(self) -> dict[str, Any]:
        return {name: editor.state() for name, editor in self.editors.items()}

    def _on_edited(self) -> None:
        if self._loading:
            return
        self._set_dirty(self._states() != self._snapshot)
        if self._errors_shown:
            self.revalidate()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)

    def is_dirty(self) -> bool:
        return self._dirty

    def is_new(self) -> bool:
        return self.record_id is None

    # --- values and errors ----------------------------------------------------------------------

    def collect(self) -> tuple[dict[str, Any], list[FieldError]]:
        """The values to save, and the errors the form finds itself (a link typed that names nothing)."""
        values: dict[str, Any] = {}
        errors: list[FieldError] = []
        for spec in self.fields:
            editor = self.editors[spec.name]
            if isinstance(editor, RefEditor):
                record_id, text = editor.resolve()
                if record_id is None and text:
                    what = spec.ref.replace("_", " ") if spec.ref else "record"
                    hint = self.missing_hints.get(spec.name)
                    message = f"there is no {what} named '{text}'" + (f"; {hint}" if hint else "")
                    errors.append(FieldError(spec.name, message))
                    continue
                values[spec.name] = record_id
            else:
                values[spec.name] = editor.value()
        return values, errors

    def check(self) -> list[FieldError]:
        """Every error the services and the form would report for what is shown, without writing."""
        values, errors = self.collect()
        try:
            records.validate(self.kind.name, values, self.record_id)
        except ValidationError as exc:
            own = {e.field for e in errors}
            errors += [e for e in exc.errors if e.field not in own]
        return errors

    def revalidate(self) -> None:
        """While errors are shown, each edit re-checks, so a fixed field's error goes away."""
        self.show_errors(self.check())

    def show_errors(self, errors: list[FieldError]) -> None:
        by_field: dict[str, str] = {}
        general: list[str] = []
        for error in errors:
            if error.field in self.editors and error.field not in by_field:
                by_field[error.field] = error.message
            elif error.field not in self.editors:
                label = self.kind.field(error.field).label if error.field in self.kind.field_names else ""
                general.append(f"{label} {error.message}".strip() if label else error.message)
        for name, label in self.error_labels.items():
            message = by_field.get(name, "")
            label.setText(message[:1].upper() + message[1:] if message else "")
            label.setVisible(bool(message))
            _set_invalid(self.editors[name].input, bool(message))
        if self.tabs is not None:
            for name, index in self._tab_of.items():
                title = self.labels[name].text()
                self.tabs.setTabText(index, f"{title}  ⚠" if name in by_field else title)
        self.form_error.setText("\n".join(general))
        self.form_error.setVisible(bool(general))
        self._errors_shown = bool(errors)

    def clear_errors(self) -> None:
        self.show_errors([])

    def reveal(self, name: str) -> None:
        """Bring a field into view (its tab, when it is a long text among others)."""
        if self.tabs is not None and name in self._tab_of:
            self.tabs.setCurrentIndex(self._tab_of[name])

    def first_error_field(self) -> str | None:
        return next((f.name for f in self.fields if self.error_text(f.name)), None)
