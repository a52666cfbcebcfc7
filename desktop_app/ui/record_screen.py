"""A record screen: the list of one kind beside the form of the selected record.

A new screen is a subclass that names its kind, its filters and its form fields (see
screens/opportunities.py); everything else — New / Save / Revert / Delete, unsaved-change prompts,
delete confirmation with what goes with it, empty states, refresh on the change bus — lives here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter, QStackedWidget, QVBoxLayout, QWidget,
)

from ..services import listing, records
from ..services.changes import Change
from ..services.errors import DeleteRefusedError, FieldError, NotFoundError, ServiceError, ValidationError
from ..services.kinds import kind as get_kind
from . import dialogs
from .bus import ChangeBus
from .form import RecordForm
from .formatting import join_counts
from .record_list import FilterSpec, RecordList
from .screen import ElidedLabel, Screen, fill_card_page
from .table_model import RecordTableModel


def empty_state(title: str, text: str, button_text: str) -> tuple[QWidget, QPushButton]:
    """A friendly page for an empty list: what the screen is for and how to add the first record."""
    page = QWidget()
    button = QPushButton(button_text)
    button.setObjectName("primaryButton")
    fill_card_page(page, title, text, button)
    return page, button


class RecordScreen(Screen):
    kind_name = ""
    filter_specs: tuple[FilterSpec, ...] = ()
    form_fields: tuple[str, ...] | None = None
    form_columns = 2
    form_wide: tuple[str, ...] = ()  # fields that take a whole row of the form
    column_widths: dict[str, int] = {}
    column_order: tuple[str, ...] = ()  # list columns shown first, in this order (the rest follow)
    empty_text = ""
    list_share = 0.52  # of the width, for the list, until the user moves the splitter
    editable = True
    model_class: type[RecordTableModel] = RecordTableModel  # a subclass may add computed columns

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self._editing_new = False
        self.kind = get_kind(self.kind_name)
        label = self.kind.label
        self.list = RecordList(self.kind_name, self.filter_specs, self.column_widths, self.column_order,
                               model_class=self.model_class)
        self.model = self.list.model
        self.form = RecordForm(self.kind_name, self.form_fields, self.form_columns, self.form_wide)

        self.pages = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)
        plural = self.kind.plural.replace("_", " ")
        self.empty_page, self.empty_button = empty_state(f"No {plural} yet", self.empty_text, f"New {label}")
        self.empty_button.clicked.connect(self.new_record)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.pages.addWidget(self.empty_page)
        self.pages.addWidget(self.splitter)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 12, 6, 12)
        left_layout.addWidget(self.list)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self._build_form_panel())
        # sizes in proportion; growth shared in the same proportion, so the split holds at any width
        share = round(self.list_share * 100)
        self.splitter.setSizes([share * 10, (100 - share) * 10])
        self.splitter.setStretchFactor(0, share)
        self.splitter.setStretchFactor(1, 100 - share)

        self.list.currentChanged.connect(self._on_current_changed)
        self.list.deleteRequested.connect(self.delete_current)
        self.list.activated.connect(self.form.focus_first)
        self.list.queryChanged.connect(self._update_pages)
        self.form.dirtyChanged.connect(lambda _d: self._update_buttons())
        self._show_record_pane(False)

    # --- building -------------------------------------------------------------------------------

    def restore_split(self, state: QByteArray) -> None:
        self.splitter.restoreState(state)

    def _build_form_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(8, 12, 12, 12)
        layout.setSpacing(8)
        self.form_title = ElidedLabel()
        self.form_title.setObjectName("formTitle")
        layout.addWidget(self.form_title)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip, slot in (
            ("new", f"New {self.kind.label}", "New (Ctrl+N)", self.new_record),
            ("delete", "Delete…", "Delete (Delete key in the list)", self.delete_current),
            ("revert", "Revert", "Put back what is saved, dropping the edits", self.revert),
            ("save", "Save", "Save (Ctrl+S)", self.save),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons[key] = button
        self.buttons["save"].setObjectName("primaryButton")
        self.list.footer.addWidget(self.buttons["new"])
        self.record_pages = QStackedWidget()
        self.nothing = QLabel(f"Select {self.article} {self.kind.label} in the list,\n"
                              f"or press Ctrl+N for a new one.")
        self.nothing.setObjectName("hint")
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop of its own; it follows the focused field
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 8, 0)
        body_layout.setSpacing(16)
        extras = self.build_extras()
        body_layout.addWidget(self.form, 1 if extras is None else 0)
        if extras is not None:
            body_layout.addWidget(extras, 1)
        scroll.setWidget(body)
        self.scroll = scroll
        self.record_pages.addWidget(self.nothing)
        self.record_pages.addWidget(scroll)
        layout.addWidget(self.record_pages, 1)
        bar = self.button_bar = QHBoxLayout()  # screens may add their own buttons (Merge into…)
        bar.addWidget(self.buttons["delete"])
        bar.addStretch(1)
        bar.addWidget(self.buttons["revert"])
        bar.addWidget(self.buttons["save"])
        layout.addLayout(bar)
        return panel

    @property
    def article(self) -> str:
        return "an" if self.kind.label[0] in "aeiou" else "a"

    # --- hooks for screens ----------------------------------------------------------------------

    def build_extras(self) -> QWidget | None:
        """A widget shown under the form (an interview's questions)."""
        return None

    def new_defaults(self) -> dict[str, Any]:
        """Values a new record starts with beyond the kind's defaults."""
        return {}

    def record_loaded(self, record_id: int | None) -> None:
        """The form now shows this record (None: a new one, or nothing)."""

    def record_title(self, record_id: int) -> str:
        return listing.ref_label(self.kind_name, record_id)

    def name_change(self, change: Change) -> None:
        """Name a saved step better than "edit <kind>" (set change.label) before it is published."""

    # --- state ----------------------------------------------------------------------------------

    def _show_record_pane(self, shown: bool) -> None:
        self.record_pages.setCurrentIndex(1 if shown else 0)
        if not shown:
            self.form.load(None)
            self.form.record_id = None
            self._editing_new = False
            self.form_title.setText("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        shown = self.record_pages.currentIndex() == 1
        dirty = self.form.is_dirty()
        self.buttons["save"].setEnabled(shown and (dirty or self._editing_new))
        self.buttons["revert"].setEnabled(shown and dirty)
        self.buttons["delete"].setEnabled(shown and self.form.record_id is not None)

    def _update_pages(self) -> None:
        empty = self.model.total == 0 and not self.model.is_filtered and not self._editing_new
        self.pages.setCurrentWidget(self.empty_page if empty else self.splitter)

    def current_id(self) -> int | None:
        return self.form.record_id

    def _load(self, record_id: int | None) -> None:
        if record_id is None:
            self._show_record_pane(False)
            self.record_loaded(None)
            return
        try:
            record = records.get(self.kind_name, record_id)
        except NotFoundError:
            self._show_record_pane(False)
            self.record_loaded(None)
            return
        self._editing_new = False
        self.form.load(record)
        self.form_title.setText(self.record_title(record_id))
        self.record_pages.setCurrentIndex(1)
        self._update_buttons()
        self.record_loaded(record_id)

    def _on_current_changed(self, record_id: int | None, _previous: int | None) -> None:
        if record_id is not None and record_id == self.form.record_id and not self._editing_new:
            return
        if not self._resolve_unsaved():
            self.list.select_id(self.form.record_id)
            return
        if record_id is not None:
            self.list.select_id(record_id)
        self._load(record_id)

    def _resolve_unsaved(self) -> bool:
        """Ask about unsaved edits; True when it is fine to move on (saved or discarded)."""
        if not self.form.is_dirty():
            return True
        choice = dialogs.ask_unsaved(self, f"this {self.kind.label}" if not self._editing_new
                                     else f"the new {self.kind.label}")
        if choice is dialogs.Unsaved.SAVE:
            return self.save()
        if choice is dialogs.Unsaved.DISCARD:
            self.revert()
            return True
        return False

    # --- commands -------------------------------------------------------------------------------

    def activate(self) -> None:
        first = self._stale
        super().activate()
        if first and self.form.record_id is None and not self._editing_new and self.model.rowCount():
            self.list.select_id(self.model.id_at(0))
            self._load(self.model.id_at(0))

    def refresh(self, change: Change | None) -> None:
        keep = self.form.record_id
        self.list.reload(keep, change)
        if keep is not None and change is not None:
            if not records.exists(self.kind_name, keep):  # deleted, or its creation undone
                self._show_record_pane(False)
            elif not self.form.is_dirty():
                self._load(keep)  # the record, or a record it names (its company ...), may have changed
        self._update_pages()

    def can_leave(self) -> bool:
        return self._resolve_unsaved()

    def focus_search(self) -> None:
        self.list.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.list.search.selectAll()

    def new_record(self) -> None:
        if not self._resolve_unsaved():
            return
        self.list.select_id(None)
        self._editing_new = True
        self.form.load(None, self.new_defaults())
        self.form_title.setText(f"New {self.kind.label}")
        self.record_pages.setCurrentIndex(1)
        self._update_pages()
        self._update_buttons()
        self.record_loaded(None)
        self.form.focus_first()

    @property
    def opens(self) -> frozenset[str]:  # type: ignore[override]
        return frozenset({self.kind_name})

    def open_record(self, kind: str, record_id: int) -> bool:
        if kind != self.kind_name:
            return False
        self.list.clear_query_for(record_id)
        return self.show_record(record_id)

    def show_record(self, record_id: int) -> bool:
        """Select a record in the list and show it in the form (asking about unsaved edits first)."""
        if record_id != self.form.record_id and not self._resolve_unsaved():
            return False
        self.list.select_id(record_id)
        self._load(record_id)
        return self.form.record_id == record_id

    def revert(self) -> None:
        if self._editing_new:
            self.form.load(None, self.new_defaults())
            self._update_buttons()
        elif self.form.record_id is not None:
            self._load(self.form.record_id)

    def save(self) -> bool:
        if self.record_pages.currentIndex() != 1:
            return True
        values, errors = self.form.collect()
        if errors:
            return self._failed(self.form.check())
        try:
            if self.form.is_new():
                change = records.create(self.kind_name, values)
                record_id = change.primary_id
            else:
                record_id = self.form.record_id
                change = records.update(self.kind_name, record_id, values)
        except ValidationError as exc:
            return self._failed(exc.errors)
        except ServiceError as exc:
            dialogs.problem(self, f"Could not save the {self.kind.label}", str(exc))
            return False
        assert record_id is not None
        self._editing_new = False
        self._load(record_id)
        self.name_change(change)
        self.bus.publish(change)
        self.list.select_id(record_id)
        self.message.emit(f"Saved {self.kind.label}" if change else "No changes to save")
        return True

    def create_typed_company(self, field: str, next_field: str) -> None:
        """Add the company typed into a reference field as a new company (its own undo step)."""
        editor = self.form.editor(field)
        record_id, name = editor.resolve()
        if record_id is not None or not name:
            return
        try:
            change = records.create("company", {"name": name})
        except ValidationError as exc:
            self.form.show_errors([FieldError(field, e.message) for e in exc.errors])
            return
        editor.set_value(change.primary_id)
        editor.edited.emit()
        self.bus.publish(change)
        self.message.emit(f"Created company {name}")
        self.form.input(next_field).setFocus()

    def _failed(self, errors: list[Any]) -> bool:
        self.form.show_errors(errors)
        name = self.form.first_error_field()
        if name is not None:
            self.form.reveal(name)
            self.form.input(name).setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll.ensureWidgetVisible(self.form.editor(name))
        self.message.emit(f"The {self.kind.label} was not saved: see the fields marked in red")
        return False

    def delete_current(self) -> None:
        record_id = self.form.record_id
        if record_id is None:
            return
        label = self.kind.label
        try:
            impact = records.delete_impact(self.kind_name, record_id)
        except DeleteRefusedError as exc:
            dialogs.problem(self, f"Cannot delete this {label}", str(exc))
            return
        except NotFoundError:
            self.refresh(None)
            return
        text = f"Delete this {label}?"
        if impact:
            text += f" This also deletes {join_counts(impact)}."
        title = self.form_title.text()
        if not dialogs.confirm(self, f"Delete {label}", f"{text}\n\n{title}" if title else text):
            return
        row = self.model.row_of(record_id)
        try:
            change = records.delete(self.kind_name, record_id)
        except ServiceError as exc:
            dialogs.problem(self, f"Cannot delete this {label}", str(exc))
            return
        self._show_record_pane(False)
        self.bus.publish(change)
        self.message.emit(f"Deleted {label}")
        if row is not None and self.model.rowCount():
            next_id = self.model.id_at(min(row, self.model.rowCount() - 1))
            self.list.select_id(next_id)
            self._load(next_id)
        self.list.view.setFocus()
