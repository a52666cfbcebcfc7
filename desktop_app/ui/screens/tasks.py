"""Tasks: what is due (follow-ups, study items, offer deadlines, upcoming interviews) and every task.

Two views, switched with the buttons at the top or Ctrl+B: "What's due" (services.due, grouped by
Overdue / Today / This week, ticked off in place) and "All tasks" (the list beside the form).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from ...services.changes import Change
from ..bus import ChangeBus
from ..editors import RefEditor
from ..record_list import FilterSpec
from ..record_screen import RecordScreen
from ..screen import SwitchedViews
from .tasks_due import DueView

DUE, ALL = 0, 1
SWITCH_SHORTCUT = "Ctrl+B"
LINKS = ("contact", "question", "skill", "opportunity", "offer")


class TasksScreen(SwitchedViews, RecordScreen):
    form_view = ALL
    key = "tasks"
    title = "Tasks"
    kind_name = "task"
    tables = frozenset({"task", "contact", "offer", "interview", "opportunity", "company", "question", "skill"})
    filter_specs = (FilterSpec("done", "Open and done", ()),)
    form_fields = ("title", "due_on", "done", *LINKS)
    form_columns = 1
    column_widths = {"done": 52, "due_on": 96, "title": 320}
    column_order = ("done", "due_on", "title")
    list_share = 0.5
    empty_text = (
        "A task is something to do by a date: follow up with someone you met, study a question you "
        "could not answer, reply to an offer, prepare for an interview. Link it to the contact, "
        "question, skill, opportunity or offer it is about, and tick it off when it is done.\n\n"
        "Add your first one with New task (Ctrl+N)."
    )

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        done_box = self.list.filter_boxes["done"]
        done_box.addItem("Open", False)
        done_box.addItem("Done", True)
        header = self.list.view.horizontalHeader()
        header.setSortIndicator([c.key for c in self.model.columns].index("due_on"), Qt.SortOrder.DescendingOrder)
        self.open_buttons: dict[str, QPushButton] = {}
        for name in LINKS:
            editor = self.form.editor(name)
            assert isinstance(editor, RefEditor)
            button = QPushButton("Open")
            button.setAutoDefault(False)
            button.setToolTip(f"Show the linked {editor.ref_kind} on its screen")
            button.clicked.connect(lambda _c=False, n=name: self.open_link(n))
            editor.edited.connect(lambda n=name: self._update_link(n))
            self.form.add_beside(name, button)
            self.open_buttons[name] = button
            button.hide()
        self._build_views()

    # --- what's due and all tasks ---------------------------------------------------------------

    def _build_views(self) -> None:
        outer = self.layout()
        outer.removeWidget(self.pages)
        self.due = DueView(self.bus)
        self.due.openRequested.connect(self.open_due_item)
        self.due.newRequested.connect(self.new_record)
        self.due.message.connect(self.message.emit)
        self.due.deleteRequested.connect(self.delete_current)
        bar = self._build_switch(
            (("What's due", "Overdue, today and this week: tasks, follow-ups, offer deadlines, interviews", self.due),
             ("All tasks", "Every task, in a list beside its form", self.pages)), SWITCH_SHORTCUT)
        bar.addStretch(1)
        outer.addLayout(bar)
        outer.addWidget(self.views)

    def view_shown(self, index: int) -> None:
        if index == DUE:
            self.due.refresh()
            self.due.focus_list()
        else:
            self.list.view.setFocus()

    def open_due_item(self, record_kind: str, record_id: int) -> None:
        if record_kind == self.kind_name:
            self.open_record(record_kind, record_id)
            self.form.focus_first()
        else:
            self.openRequested.emit(record_kind, record_id)

    # --- links to the records a task is about ---------------------------------------------------

    def _update_link(self, name: str) -> None:
        editor = self.form.editor(name)
        assert isinstance(editor, RefEditor)
        record_id, _text = editor.resolve()
        self.open_buttons[name].setVisible(record_id is not None)

    def record_loaded(self, record_id: int | None) -> None:
        for name in LINKS:
            self._update_link(name)
            editor = self.form.editor(name)
            assert isinstance(editor, RefEditor)
            editor.combo.lineEdit().setCursorPosition(0)  # a long question shows its start

    def open_link(self, name: str) -> None:
        editor = self.form.editor(name)
        assert isinstance(editor, RefEditor)
        record_id, _text = editor.resolve()
        if record_id is not None:
            self.openRequested.emit(editor.ref_kind, record_id)

    # --- RecordScreen ---------------------------------------------------------------------------

    def new_defaults(self) -> dict[str, Any]:
        return {"due_on": dt.date.today()}

    def refresh(self, change: Change | None) -> None:
        super().refresh(change)
        if self.view_index == DUE:
            self.due.refresh()

    def activate(self) -> None:
        stale = self._stale
        super().activate()
        if not stale and self.view_index == DUE:
            self.due.refresh()  # "today" moves on while the window stays open

    def delete_current(self) -> None:
        if self.view_index == DUE:
            item = self.due.current_item()
            if item is None or item.record_kind != self.kind_name or not self.show_record(item.record_id):
                return
        super().delete_current()
        if self.view_index == DUE:
            self.due.focus_list()
