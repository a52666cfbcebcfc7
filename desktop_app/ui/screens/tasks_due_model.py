"""What the "What's due" view lists: its headings and items as a Qt model, and the marks before them.

A task carries a box drawn for the current theme (Fusion's own check box hardly shows on a dark base);
a follow-up, an offer deadline or an interview carries a coloured dot for its kind.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QApplication

from ...services.due import FOLLOW_UP, GROUPS, INTERVIEW, OFFER_DEADLINE, OVERDUE, TASK, DueItem, group_of
from ..formatting import choice_text, date_text
from ..theme import colors

Index = QModelIndex | QPersistentModelIndex
ITEM_ROLE = Qt.ItemDataRole.UserRole + 20  # the DueItem of a row (None on a heading)
COLUMNS = ("What", "Kind", "When")
NO_GROUP = 0xFFFFFFFF  # internal id of a heading row (an item's is its heading's row)
MARK_SIZE = 14
# a dot before what is not a task (a task has its box): (light, dark)
DOT_COLORS = {FOLLOW_UP: ("#2e9d5b", "#5cc98a"), OFFER_DEADLINE: ("#c77c00", "#f0b040"),
              INTERVIEW: ("#2f6fde", "#8ab4ff")}
_marks: dict[tuple[str, str], QPixmap] = {}


def when_text(item: DueItem, today: dt.date) -> str:
    """'2026-03-17 14:00 · tomorrow', '2026-03-10 · 6 days overdue'."""
    days = (item.date - today).days
    if item.overdue:
        relative = "1 day overdue" if days == -1 else f"{-days} days overdue"
    elif days == 0:
        relative = "today"
    elif days == 1:
        relative = "tomorrow"
    elif days < 0:
        relative = f"{-days} days ago"
    else:
        relative = f"in {days} days"
    return f"{date_text(item.date)}{' ' + item.time if item.time else ''} · {relative}"


def _theme_name() -> str:
    return str(QApplication.instance().property("sayyesTheme") or "light")


def _theme() -> dict[str, str]:
    return colors(_theme_name())


def mark(kind: str, done: bool = False) -> QPixmap:
    """The box of a task (ticked or not) or the coloured dot of another kind, drawn for the current theme
    (Fusion's own check box hardly shows on a dark base)."""
    theme = _theme_name()
    key = (theme, f"{kind}:{done}")
    if key not in _marks:
        c = colors(theme)
        pixmap = QPixmap(MARK_SIZE, MARK_SIZE)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if kind == TASK:
            box = QRectF(0.75, 0.75, MARK_SIZE - 1.5, MARK_SIZE - 1.5)
            if done:
                painter.setPen(QPen(QColor(c["muted"]), 1.5))
                painter.setBrush(QColor(c["muted"]))
                painter.drawRoundedRect(box, 3, 3)
                tick = QPainterPath(QPointF(3.5, 7.2))
                tick.lineTo(QPointF(6, 9.8))
                tick.lineTo(QPointF(10.6, 4.2))
                painter.setPen(QPen(QColor(c["base"]), 1.8))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(tick)
            else:
                painter.setPen(QPen(QColor(c["muted"]), 1.3))
                painter.setBrush(QColor(c["base"]))
                painter.drawRoundedRect(box, 3, 3)
        else:
            light, dark = DOT_COLORS.get(kind, (c["muted"], c["muted"]))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(dark if theme == "dark" else light))
            painter.drawEllipse(QRectF(3, 3, MARK_SIZE - 6, MARK_SIZE - 6))
        painter.end()
        _marks[key] = pixmap
    return _marks[key]


class DueModel(QAbstractItemModel):
    """Headings (Overdue, Today ...) with their items under them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = dt.date.today()
        self.groups: list[tuple[str, list[DueItem]]] = []

    def set_items(self, items: list[DueItem], today: dt.date) -> None:
        self.beginResetModel()
        self.today = today
        grouped: dict[str, list[DueItem]] = {name: [] for name in GROUPS}
        for item in items:
            grouped[group_of(item, today)].append(item)
        self.groups = [(name, grouped[name]) for name in GROUPS if grouped[name]]
        self.endResetModel()

    def item(self, index: Index) -> DueItem | None:
        if not index.isValid() or index.internalId() == NO_GROUP:
            return None
        return self.groups[index.internalId()][1][index.row()]

    def index_of(self, record_kind: str, record_id: int) -> QModelIndex:
        for g, (_name, items) in enumerate(self.groups):
            for row, item in enumerate(items):
                if (item.record_kind, item.record_id) == (record_kind, record_id):
                    return self.createIndex(row, 0, g)
        return QModelIndex()

    def item_indexes(self) -> list[QModelIndex]:
        """Every item row, top to bottom (headings left out)."""
        return [self.createIndex(row, 0, g) for g, (_n, items) in enumerate(self.groups) for row in range(len(items))]

    # --- Qt model -------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not parent.isValid():
            return self.createIndex(row, column, NO_GROUP) if 0 <= row < len(self.groups) else QModelIndex()
        if parent.internalId() != NO_GROUP:
            return QModelIndex()
        items = self.groups[parent.row()][1]
        return self.createIndex(row, column, parent.row()) if 0 <= row < len(items) else QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == NO_GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, NO_GROUP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == NO_GROUP and parent.column() == 0:
            return len(self.groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        item = self.item(index)
        if item is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item(index)
        if item is None:
            return self._heading(index, role)
        if role == ITEM_ROLE:
            return item
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = (item.title, choice_text(item.kind), when_text(item, self.today))[column]
            return text if role == Qt.ItemDataRole.DisplayRole or column == 0 else None
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return mark(item.kind, item.done)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            state = (" (done)" if item.done else " (not done)") if item.kind == TASK else ""
            return f"{item.title}{state}"
        if role == Qt.ItemDataRole.FontRole and item.done:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            c = _theme()
            if item.done or column == 1:
                return QBrush(QColor(c["muted"]))
            if column == 2 and item.overdue:
                return QBrush(QColor(c["error"]))
        return None

    def _heading(self, index: Index, role: int) -> Any:
        name, items = self.groups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            return f"{name}  ({len(items)})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and name == OVERDUE:
            return QBrush(QColor(_theme()["error"]))
        return None
