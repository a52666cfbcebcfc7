"""The list half of a record screen: a search box, filter combo boxes, the table and its count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget,
)

from ..services.changes import Change
from .formatting import choice_text
from .table_model import RecordTableModel

# default column widths by Column.type; the last column stretches
WIDTHS = {"date": 96, "time": 56, "rating": 96, "bool": 70, "choice": 118, "int": 80, "money": 110, "text": 170}


@dataclass(frozen=True)
class FilterSpec:
    """A combo box that filters the list in SQL by one of listing's filters."""

    name: str  # the listing filter ("status")
    all_label: str  # the first entry, no filter ("All statuses")
    choices: tuple[str, ...]


class RecordList(QWidget):
    currentChanged = Signal(object, object)  # (id or None, previous id or None), by the user
    queryChanged = Signal()  # the ids were re-read after the search or a filter changed
    activated = Signal()  # Enter on a row: go to the form
    deleteRequested = Signal()

    SEARCH_DELAY_MS = 150

    def __init__(self, kind_name: str, filters: tuple[FilterSpec, ...] = (),
                 widths: Mapping[str, int] | None = None, order: tuple[str, ...] = (),
                 parent: QWidget | None = None, model_class: type[RecordTableModel] = RecordTableModel) -> None:
        super().__init__(parent)
        self.model = model_class(kind_name, self)
        plural = self.model._kind.plural.replace("_", " ")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        self.search = QLineEdit()
        self.search.setPlaceholderText(f"Search {plural}  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(f"Search {plural}")
        self._search_timer = QTimer(self, singleShot=True, interval=self.SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_query)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._search_done)
        self.search.installEventFilter(self)
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.search, 1)
        self.filter_row = top
        self.filter_boxes: dict[str, QComboBox] = {}
        for spec in filters:
            box = QComboBox()
            box.addItem(spec.all_label, None)
            for choice in spec.choices:
                box.addItem(choice_text(choice), choice)
            box.setAccessibleName(spec.all_label)
            box.currentIndexChanged.connect(lambda _i: self.apply_query())
            self.filter_boxes[spec.name] = box
            top.addWidget(box)
        layout.addLayout(top)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setTabKeyNavigation(False)
        self._quiet = False
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row)
        vertical = self.view.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform rows: no per-row measuring
        vertical.setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(self.model.sort_column(), self._order())
        header.sortIndicatorChanged.connect(self._sort)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        widths = dict(widths or {})
        for i, column in enumerate(self.model.columns):
            self.view.setColumnWidth(i, widths.get(column.key, WIDTHS.get(column.type, 120)))
        keys = [c.key for c in self.model.columns]
        for visual, key in enumerate(order):
            header.moveSection(header.visualIndex(keys.index(key)), visual)
        layout.addWidget(self.view, 1)

        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.footer = QHBoxLayout()
        self.footer.addWidget(self.count_label, 1)
        layout.addLayout(self.footer)

        for keys, signal in ((QKeySequence.StandardKey.Delete, self.deleteRequested),
                             (Qt.Key.Key_Return, self.activated), (Qt.Key.Key_Enter, self.activated)):
            action = QAction(self.view)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(signal.emit)
            self.view.addAction(action)

    def _on_current_row(self, current: Any, previous: Any) -> None:
        if not self._quiet:
            self.currentChanged.emit(self.model.id_at(current.row()), self.model.id_at(previous.row()))

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            self._search_done()
            return True
        return super().eventFilter(watched, event)

    def _search_done(self) -> None:
        if self._search_timer.isActive():
            self._search_timer.stop()
            self.apply_query()
        self.view.setFocus()
        if self.model.rowCount() and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder

    def _sort(self, section: int, order: Qt.SortOrder) -> None:
        keep = self.current_id()
        self._quiet = True
        try:
            self.model.sort(section, order)
        finally:
            self._quiet = False
        self.select_id(keep)
        self.update_count()

    def filters(self) -> dict[str, Any]:
        return {name: box.currentData() for name, box in self.filter_boxes.items() if box.currentData() is not None}

    def apply_query(self) -> None:
        keep = self.current_id()
        self._quiet = True
        try:
            self.model.set_query(self.search.text(), self.filters())
        finally:
            self._quiet = False
        self.select_id(keep)
        self.update_count()
        self.queryChanged.emit()

    def clear_query_for(self, record_id: int) -> None:
        """Drop the search and filters when they hide this record (following a link to it)."""
        if self.model.row_of(record_id) is not None:
            return
        with QSignalBlocker(self.search):
            self.search.clear()
        for box in self.filter_boxes.values():
            with QSignalBlocker(box):
                box.setCurrentIndex(0)
        self.apply_query()

    def reload(self, keep: int | None, change: Change | None = None) -> None:
        """Re-read the ids after a change and make `keep` current again if it is still listed; given the
        change, a list it cannot have reordered re-reads only the rows it shows (RecordTableModel.refresh)."""
        self._quiet = True
        try:
            self.model.refresh(change)
        finally:
            self._quiet = False
        self.select_id(keep)
        self.update_count()

    def update_count(self) -> None:
        self.count_label.setText(self.model.count_text())

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select_id(self, record_id: int | None) -> bool:
        """Make a record the current row without announcing it (the caller loads the form itself)."""
        row = self.model.row_of(record_id)
        selection = self.view.selectionModel()
        self._quiet = True
        try:
            if row is None:
                selection.clearCurrentIndex()
                selection.clearSelection()
                return False
            index = self.model.index(row, 0)
            if (self.view.selectionMode() != QAbstractItemView.SelectionMode.SingleSelection
                    and self.view.currentIndex().row() == row):
                return True  # a multi-selection (offers to compare) keeps its other rows
            selection.setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
        finally:
            self._quiet = False
        self.view.scrollTo(index)
        return True

    def add_filter_box(self, name: str, box: QComboBox) -> None:
        """A filter whose choices the screen fills itself (e.g. the values found in the data);
        its item data is the listing filter's value, None for no filter."""
        box.currentIndexChanged.connect(lambda _i: self.apply_query())
        self.filter_boxes[name] = box
        self.filter_row.addWidget(box)

    def add_period_filter(self, today: dt.date | None = None) -> QComboBox:
        """A date-range filter on the list's date column: any time, upcoming, or a recent period."""
        today = today or dt.date.today()
        box = QComboBox()
        box.setAccessibleName("Date range")
        for label, period in (
            ("Any time", None),
            ("Upcoming", (today, None)),
            ("Last 30 days", (today - dt.timedelta(days=30), today)),
            ("Last 3 months", (today - dt.timedelta(days=91), today)),
            ("Last 12 months", (today - dt.timedelta(days=365), today)),
            (f"This year ({today.year})", (dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))),
            (f"Last year ({today.year - 1})", (dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31))),
        ):
            box.addItem(label, period)
        self.add_filter_box("period", box)
        return box

    def set_filter(self, name: str, value: Any) -> None:
        box = self.filter_boxes[name]
        box.setCurrentIndex(max(box.findData(value), 0))
