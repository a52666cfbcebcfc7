"""The "What's due" view of the Tasks screen: what is due, grouped Overdue / Today / This week / Later.

Items come from services.due (a few queries, however much is due). Tasks can be ticked off here (Space,
or a click on the box): one records.update each, published, so Ctrl+Z brings a task back. Enter or a
double click opens an item's record, on this screen (a task) or on the screen of its kind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStackedWidget,
    QTreeView, QVBoxLayout, QWidget,
)

from ...services import records
from ...services.due import TASK, DueItem, due_items
from ...services.errors import ServiceError
from .. import dialogs
from ..bus import ChangeBus
from ..screen import fill_card_page
from .tasks_due_model import ITEM_ROLE, MARK_SIZE, DueModel

RANGES: tuple[tuple[str, int | None], ...] = (("Next 7 days", 7), ("Next 30 days", 30), ("Everything ahead", None))


class DueTree(QTreeView):
    """Space or a click on its box ticks a task off (or on again); Enter or a double click opens the item."""

    tickRequested = Signal()  # the current item's box
    openRequested = Signal()
    deleteRequested = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        point = event.position().toPoint()
        index = self.indexAt(point)
        item = index.data(ITEM_ROLE) if index.isValid() and index.column() == 0 else None
        if item is not None and item.kind == TASK and point.x() < self.visualRect(index).left() + MARK_SIZE + 8:
            super().mouseReleaseEvent(event)
            self.setCurrentIndex(index)
            self.tickRequested.emit()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            self.tickRequested.emit()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Delete):
            (self.deleteRequested if event.key() == Qt.Key.Key_Delete else self.openRequested).emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and index.data(ITEM_ROLE) is not None:
            self.setCurrentIndex(index.siblingAtColumn(0))
            self.openRequested.emit()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)


class DueView(QWidget):
    """What is due, with a range (next 7 / 30 days, everything ahead) and whether done tasks show."""

    openRequested = Signal(str, int)  # (record kind, id)
    newRequested = Signal()
    deleteRequested = Signal()  # Delete on a task: the screen deletes it
    message = Signal(str)

    def __init__(self, bus: ChangeBus, today: Callable[[], dt.date] = dt.date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.today = today
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.setSpacing(6)
        top = QHBoxLayout()
        top.setSpacing(8)
        self.range_box = QComboBox()
        self.range_box.setAccessibleName("How far ahead")
        for text, days in RANGES:
            self.range_box.addItem(text, days)
        self.range_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_done = QCheckBox("Show done")
        self.show_done.setToolTip("Also list the tasks ticked off in the same number of days back")
        self.show_done.toggled.connect(lambda _b: self.refresh())
        self.summary = QLabel()
        self.summary.setObjectName("countLabel")
        self.new_button = QPushButton("New task")
        self.new_button.setToolTip("New task (Ctrl+N)")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.newRequested.emit)
        top.addWidget(self.range_box)
        top.addWidget(self.show_done)
        top.addWidget(self.summary, 1)
        top.addWidget(self.new_button)
        layout.addLayout(top)

        self.model = DueModel(self)
        self.tree = DueTree()
        self.tree.setObjectName("dueList")
        self.tree.setAccessibleName("What is due")
        self.tree.setModel(self.model)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setIndentation(0)
        self.tree.setIconSize(QSize(MARK_SIZE, MARK_SIZE))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 120)
        header.resizeSection(2, 210)
        self.tree.tickRequested.connect(self.tick_current)
        self.tree.openRequested.connect(self.open_current)
        self.tree.deleteRequested.connect(self.deleteRequested.emit)

        self.pages = QStackedWidget()
        self.empty_page = QWidget()
        self.empty_button = QPushButton("New task")
        self.empty_button.setObjectName("primaryButton")
        self.empty_button.clicked.connect(self.newRequested.emit)
        self.empty_body = fill_card_page(
            self.empty_page, "Nothing due",
            "Tasks show what is due: follow-ups with the people you met, topics to study, offer deadlines "
            "and upcoming interviews — in one list you can tick off.\n\nAdd a task with New task (Ctrl+N), "
            "give a contact a next follow-up date, or schedule an interview, and it appears here.",
            self.empty_button,
        )
        self.pages.addWidget(self.tree)
        self.pages.addWidget(self.empty_page)
        layout.addWidget(self.pages, 1)
        self.hint = QLabel("Space ticks a task off · Enter or a double click opens · Delete removes a task · "
                           "Ctrl+Z undoes")
        self.hint.setObjectName("hint")
        layout.addWidget(self.hint)

    # --- reading --------------------------------------------------------------------------------

    @property
    def days(self) -> int | None:
        return self.range_box.currentData()

    def refresh(self) -> None:
        """Read what is due again, keeping the selected item (or the row where it was) current."""
        keep = self.current_item()
        old_row = self._item_row()
        today = self.today()
        self.model.set_items(due_items(today, days=self.days, include_done=self.show_done.isChecked()), today)
        self.tree.expandAll()
        for g in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(g, QModelIndex(), True)
        rows = self.model.item_indexes()
        self.pages.setCurrentWidget(self.tree if rows else self.empty_page)
        self.hint.setVisible(bool(rows))
        self.new_button.setVisible(bool(rows))  # the empty page has its own
        self.summary.setText(self._summary())
        index = self.model.index_of(keep.record_kind, keep.record_id) if keep is not None else QModelIndex()
        if not index.isValid() and rows and old_row is not None:
            index = rows[min(old_row, len(rows) - 1)]
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _summary(self) -> str:
        parts = [f"{len(items)} {name.lower()}" for name, items in self.model.groups]
        return " · ".join(parts)

    def current_item(self) -> DueItem | None:
        return self.model.item(self.tree.currentIndex())

    def _item_row(self) -> int | None:
        current = self.tree.currentIndex()
        if self.model.item(current) is None:
            return None
        rows = self.model.item_indexes()
        key = (current.internalId(), current.row())
        return next((i for i, index in enumerate(rows) if (index.internalId(), index.row()) == key), None)

    def focus_list(self) -> None:
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.current_item() is None:
            rows = self.model.item_indexes()
            if rows:
                self.tree.setCurrentIndex(rows[0])

    # --- commands -------------------------------------------------------------------------------

    def tick_current(self) -> None:
        item = self.current_item()
        if item is not None and item.kind == TASK:
            self.tick(item.record_id, not item.done)

    def tick(self, task_id: int, done: bool) -> None:
        try:
            change = records.update("task", task_id, {"done": done})
        except ServiceError as exc:
            dialogs.problem(self, "Could not change the task", str(exc))
            return
        change.label = "tick off task" if done else "reopen task"
        self.bus.publish(change)
        self.message.emit("Task done — Ctrl+Z undoes it" if done else "Task open again")

    def open_current(self) -> None:
        item = self.current_item()
        if item is not None:
            self.openRequested.emit(item.record_kind, item.record_id)
