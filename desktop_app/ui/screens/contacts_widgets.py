"""Small pieces the contact and interviewer panels share: a compact inline table, headings, notes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from ..table_model import RecordTableModel


def inline_table(model: RecordTableModel, widths: Mapping[str, int], stretch: str,
                 hidden: Iterable[str] = (), editable: bool = False) -> QTableView:
    """A table shown inside a form: uniform rows, no grid, one stretching column, some columns hidden."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    if editable:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
    else:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    hidden = set(hidden)
    for i, column in enumerate(model.columns):
        view.setColumnWidth(i, widths.get(column.key, 100))
        view.setColumnHidden(i, column.key in hidden)
        if column.key == stretch:
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
    return view


def rows_high(view: QTableView, rows: int) -> int:
    """The height of a table showing its header and this many rows."""
    return view.horizontalHeader().sizeHint().height() + rows * view.verticalHeader().defaultSectionSize() + 4


def key_action(view: QWidget, keys: QKeySequence | QKeySequence.StandardKey | Qt.Key, slot: object) -> None:
    """A key that does something while the table has the focus (Delete, Enter)."""
    action = QAction(view)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(slot)
    view.addAction(action)


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


def note(text: str = "", error: bool = False) -> QLabel:
    """A muted hint under a table, or the red reason an edit was not saved."""
    label = QLabel(text)
    label.setObjectName("fieldError" if error else "hint")
    label.setWordWrap(True)
    if error:
        label.hide()
    return label


def counted(title: str, count: int) -> str:
    return f"{title} ({count})" if count else title
