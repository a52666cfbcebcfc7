"""Small pieces the contact and interviewer panels share: a compact inline table, headings, notes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QWidget

from ..compact_table import compact_table
from ..table_model import RecordTableModel


def inline_table(model: RecordTableModel, widths: Mapping[str, int], stretch: str,
                 hidden: Iterable[str] = (), editable: bool = False) -> QTableView:
    """A table shown inside a form: uniform rows, no grid, one stretching column, some columns hidden."""
    view = compact_table(model, editable=editable)
    header = view.horizontalHeader()
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
