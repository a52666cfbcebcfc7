"""What a company links to: its opportunities and its contacts, as small lists that open on Enter or a
double click (on the screen that shows them)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..table_model import RecordTableModel

MAX_ROWS_SHOWN = 6
NO_COMPANY = -1  # a filter value no company has: an empty list


class LinkedList(QWidget):
    """One kind's records at a company (shown columns only), read a page at a time like every list."""

    openRequested = Signal(str, int)

    def __init__(self, kind_name: str, title: str, columns: dict[str, int], empty: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind_name, self._title, self._empty = kind_name, title, empty
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.heading = QLabel(title)
        self.heading.setObjectName("sectionTitle")
        layout.addWidget(self.heading)
        self.model = RecordTableModel(kind_name, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(title)
        self.view.setToolTip(f"Enter or double-click opens the {kind_name} on its screen")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        keys = [c.key for c in self.model.columns]
        for i, key in enumerate(keys):
            self.view.setColumnHidden(i, key not in columns)
            if key in columns:
                self.view.setColumnWidth(i, columns[key])
        header.setSectionResizeMode(keys.index(next(iter(columns))), QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(self._open)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            action = QAction(self.view)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda: self._open(self.view.currentIndex()))
            self.view.addAction(action)
        layout.addWidget(self.view)
        self.empty = QLabel(empty)
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        layout.addStretch(1)

    def set_company(self, company_id: int | None) -> None:
        self.model.set_query(filters={"company": company_id if company_id is not None else NO_COMPANY})
        count = self.model.rowCount()
        self.heading.setText(f"{self._title} ({count})" if count else self._title)
        self.view.setVisible(count > 0)
        self.empty.setVisible(count == 0)
        rows = min(count, MAX_ROWS_SHOWN)
        self.view.setFixedHeight(self.view.horizontalHeader().sizeHint().height()
                                 + rows * self.view.verticalHeader().defaultSectionSize() + 2 * self.view.frameWidth())

    def _open(self, index: QModelIndex) -> None:
        record_id = self.model.id_at(index.row()) if index.isValid() else None
        if record_id is not None:
            self.openRequested.emit(self.kind_name, record_id)


class LinksPanel(QWidget):
    """The company's opportunities and contacts, one above the other."""

    openRequested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.company_id: int | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(14)
        self.opportunities = LinkedList(
            "opportunity", "Opportunities", {"title": 200, "status": 100, "invited_on": 96, "interviews": 84},
            "No opportunities here yet. Add one on the Opportunities screen (Ctrl+2) and type this company.",
        )
        self.contacts = LinkedList(
            "contact", "Contacts", {"name": 170, "role": 150, "met_on": 96, "next_follow_up": 96},
            "No contacts here yet: the people you meet in its interviews belong on the Contacts screen (Ctrl+5).",
        )
        for panel in (self.opportunities, self.contacts):
            panel.openRequested.connect(self.openRequested.emit)
            column.addWidget(panel)

    def set_company(self, company_id: int | None) -> None:
        self.company_id = company_id
        self.reload()

    def reload(self) -> None:
        self.opportunities.set_company(self.company_id)
        self.contacts.set_company(self.company_id)
