"""The opportunities as a board: one column per status, cards moved by drag and drop or by keys.

Each column reads its own cards through services.listing (the ids of one status, then the display
values of at most CAP of them, the most recently invited first); a column with more says "+N more".
A move is one records.update of the status, published on the bus as its own undo step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QFrame, QHBoxLayout, QLabel, QListView, QScrollArea, QStyle,
    QStyledItemDelegate, QStyleOptionViewItem, QVBoxLayout, QWidget,
)

from ...services import listing, records
from ...services.choices import CLOSED_STATUSES, OPPORTUNITY_STATUSES
from ...services.errors import ServiceError
from .. import dialogs
from ..bus import ChangeBus
from ..formatting import choice_text, date_text
from ..theme import colors

CAP = 200  # cards a column shows; the rest are counted ("+N more")
MIME_TYPE = "application/x-sayyes-opportunity-ids"
OPEN_WIDTH, CLOSED_WIDTH = 200, 172
CARD_ROLE = Qt.ItemDataRole.UserRole + 10  # (company, role, invited_on, said_yes, interviews)
MOVE_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier

Index = QModelIndex | QPersistentModelIndex


def move_label(status: str) -> str:
    return f"move opportunity to {status}"


class ColumnModel(QAbstractListModel):
    """The cards of one status: ids (at most CAP) and their display values, read in one query each."""

    dropped = Signal(list)  # ids of cards dropped onto this column

    def __init__(self, status: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.status = status
        self.total = 0
        self._ids: list[int] = []
        self._cards: dict[int, tuple[Any, ...]] = {}
        keys = [c.key for c in listing.spec("opportunity").columns]
        self._at = [keys.index(k) for k in ("company", "title", "invited_on", "said_yes", "interviews")]

    def reload(self) -> None:
        self.beginResetModel()
        ids = listing.list_ids("opportunity", filters={"status": self.status})  # most recently invited first
        self.total = len(ids)
        self._ids = ids[:CAP]
        rows = listing.fetch_rows("opportunity", self._ids)
        self._cards = {i: tuple(row[k] for k in self._at) for i, row in rows.items()}
        self.endResetModel()

    @property
    def hidden(self) -> int:
        return self.total - len(self._ids)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int | None) -> int | None:
        try:
            return self._ids.index(record_id)  # type: ignore[arg-type]
        except ValueError:
            return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record_id = self.id_at(index.row()) if index.isValid() else None
        if record_id is None:
            return None
        card = self._cards.get(record_id)
        if card is None:
            return None
        if role == CARD_ROLE:
            return card
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{card[0]} — {card[1]}"
        if role == Qt.ItemDataRole.ToolTipRole:
            rounds = f"{card[4]} interview{'s' if card[4] != 1 else ''}" if card[4] else "no interviews yet"
            yes = "said yes to the invitation" if card[3] else "not said yes (yet)"
            return (f"{card[0]} — {card[1]}\n{rounds}; {yes}\n"
                    "Enter opens it; Ctrl+← / Ctrl+→ moves it to the previous or next status")
        return None

    # --- drag and drop --------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802
        ids = [self.id_at(i.row()) for i in indexes if i.isValid()]
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray(",".join(str(i) for i in ids if i is not None).encode()))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: Index) -> bool:
        return data.hasFormat(MIME_TYPE) and bool(self._foreign_ids(data))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: Index) -> bool:
        ids = self._foreign_ids(data) if data.hasFormat(MIME_TYPE) else []
        if not ids:
            return False
        # after the drag has finished: the move reloads every column, the one dragged from too
        self.dropped.emit(ids)
        return True

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return False  # a card leaves its column when the columns are read again, after the move

    def _foreign_ids(self, data: QMimeData) -> list[int]:
        text = bytes(data.data(MIME_TYPE).data()).decode()
        ids = [int(part) for part in text.split(",") if part.strip().isdigit()]
        return [i for i in ids if i not in self._ids]


class CardDelegate(QStyledItemDelegate):
    """Paints a card: company, role, then the invitation date and whether I said yes."""

    PADDING = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        line = option.fontMetrics.height()
        return QSize(120, 3 * line + 2 * self.PADDING + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        card = index.data(CARD_ROLE)
        if card is None:
            return
        company, role, invited_on, said_yes, _interviews = card
        c = theme_colors()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = selected and option.widget is not None and option.widget.hasFocus()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(2, 3, -3, -3)
        painter.setPen(QPen(QColor(c["highlight"] if selected else c["border"]), 2 if focused else 1))
        painter.setBrush(QColor(c["card"]))
        painter.drawRoundedRect(rect, 6, 6)
        if selected:
            painter.fillRect(QRect(rect.left() + 1, rect.top() + 6, 3, rect.height() - 12), QColor(c["highlight"]))
        inner = rect.adjusted(self.PADDING + 2, self.PADDING - 2, -self.PADDING, -self.PADDING + 2)
        line = option.fontMetrics.height()
        top = QRect(inner.left(), inner.top(), inner.width(), line)
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        _draw(painter, top, str(company), bold, c["text"])
        middle = top.translated(0, line + 1)
        _draw(painter, middle, str(role), option.font, c["text"])
        bottom = middle.translated(0, line + 3)
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.9))
        metrics = QFontMetrics(small)
        invited = date_text(invited_on) if invited_on else "not invited"
        mark = "✓ said yes" if said_yes else ""
        if mark and metrics.horizontalAdvance(f"{invited}  {mark}") > bottom.width():
            mark = "✓"  # a narrow column: the date first (the tooltip says the rest)
        mark_width = metrics.horizontalAdvance(mark) + 6 if mark else 0
        _draw(painter, bottom.adjusted(0, 0, -mark_width, 0), invited, small, c["muted"])
        if mark:
            _draw(painter, bottom, mark, small, c["link"], Qt.AlignmentFlag.AlignRight)
        painter.restore()


def theme_colors() -> dict[str, str]:
    return colors(str(QApplication.instance().property("sayyesTheme") or "light"))


def _draw(painter: QPainter, rect: QRect, text: str, font: QFont, color: str,
          align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
    """One line of text in a rect, ending in … when it does not fit."""
    painter.setFont(font)
    painter.setPen(QColor(color))
    shown = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
    painter.drawText(rect, align | Qt.AlignmentFlag.AlignVCenter, shown)


class CardList(QListView):
    """The cards of a column. Left/Right step to the next column; Ctrl or Alt with them move the card."""

    stepRequested = Signal(int)  # -1 / +1: focus the column before / after
    moveRequested = Signal(int)  # -1 / +1: move the current card to the status before / after
    openRequested = Signal()
    deleteRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            if event.modifiers() & MOVE_MODIFIERS:
                self.moveRequested.emit(step)
            else:
                self.stepRequested.emit(step)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Delete) and self.currentIndex().isValid():
            (self.deleteRequested if key == Qt.Key.Key_Delete else self.openRequested).emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(QColor(theme_colors()["muted"]))
            painter.drawText(self.viewport().rect().adjusted(0, 12, 0, 0),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, "Drop a card here")
            painter.end()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.indexAt(event.position().toPoint()).isValid():
            self.openRequested.emit()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)


class BoardColumn(QFrame):
    def __init__(self, status: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.setObjectName("boardColumn")
        self.setFixedWidth(CLOSED_WIDTH if status in CLOSED_STATUSES else OPEN_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 4, 6)
        layout.setSpacing(4)
        head = QHBoxLayout()
        head.setContentsMargins(6, 0, 6, 0)
        self.title = QLabel(choice_text(status))
        self.title.setObjectName("boardColumnTitle")
        self.count = QLabel("0")
        self.count.setObjectName("countLabel")
        head.addWidget(self.title, 1)
        head.addWidget(self.count)
        layout.addLayout(head)
        self.model = ColumnModel(status, self)
        self.view = CardList()
        self.view.setObjectName("boardCards")
        self.view.setAccessibleName(f"{choice_text(status)} opportunities")
        self.view.setModel(self.model)
        self.view.setItemDelegate(CardDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(False)  # cards are ordered by date: dropped anywhere on the column
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.viewport().setAutoFillBackground(False)  # the column's colour shows between the cards
        layout.addWidget(self.view, 1)
        self.more = QLabel()
        self.more.setObjectName("hint")
        self.more.setContentsMargins(6, 0, 6, 0)
        self.more.setWordWrap(True)
        self.more.hide()
        layout.addWidget(self.more)

    def reload(self) -> None:
        self.model.reload()
        self.count.setText(f"{self.model.total:,}")
        hidden = self.model.hidden
        self.more.setText(f"+{hidden:,} more, not shown; the list (Ctrl+B) has them all" if hidden else "")
        self.more.setVisible(bool(hidden))

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)


class OpportunityBoard(QWidget):
    """The board; `openRequested(id)` asks the screen to show an opportunity in its form."""

    openRequested = Signal(int)
    deleteRequested = Signal()  # Delete on a card: the screen deletes the current one
    message = Signal(str)

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self._current: int | None = None
        self.columns: dict[str, BoardColumn] = {}
        row_widget = QWidget()
        row = QHBoxLayout(row_widget)
        row.setContentsMargins(12, 8, 12, 12)
        row.setSpacing(10)
        for status in OPPORTUNITY_STATUSES:
            column = BoardColumn(status)
            column.model.dropped.connect(lambda ids, s=status: self.move(ids, s), Qt.ConnectionType.QueuedConnection)
            column.view.stepRequested.connect(lambda step, s=status: self._step(s, step))
            column.view.moveRequested.connect(lambda step, s=status: self._move_by_key(s, step))
            column.view.openRequested.connect(lambda s=status: self._open(s))
            column.view.deleteRequested.connect(self.deleteRequested.emit)
            column.view.selectionModel().currentChanged.connect(
                lambda current, _previous, s=status: self._on_current(s, current))
            self.columns[status] = column
            row.addWidget(column)
        row.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(row_widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

    # --- reading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read every column again, keeping the selected card selected (in its new column if it moved)."""
        keep, had_focus = self._current, self.has_focus()
        for column in self.columns.values():
            column.reload()
        self.select(keep, focus=had_focus)

    def has_focus(self) -> bool:
        return any(column.view.hasFocus() for column in self.columns.values())

    def column_of(self, record_id: int | None) -> BoardColumn | None:
        return next((c for c in self.columns.values() if c.model.row_of(record_id) is not None), None)

    def current_id(self) -> int | None:
        return self._current if self.column_of(self._current) is not None else None

    def select(self, record_id: int | None, focus: bool = False) -> bool:
        """Make a card the current one (and its column the focused one, with `focus`)."""
        column = self.column_of(record_id)
        for other in self.columns.values():
            if other is not column:
                other.view.selectionModel().clearSelection()
        if column is None:
            self._current = None
            return False
        column.select_row(column.model.row_of(record_id) or 0)
        self._current = record_id
        self.scroll.ensureWidgetVisible(column, 0, 0)
        if focus:
            column.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def focus_board(self) -> None:
        """Focus the current card, or the first card there is."""
        if self.current_id() is None:
            first = next((c for c in self.columns.values() if c.model.rowCount()), None)
            if first is None:
                self.columns[OPPORTUNITY_STATUSES[0]].view.setFocus()
                return
            self._current = first.model.id_at(0)
        self.select(self._current, focus=True)

    def _on_current(self, status: str, current: QModelIndex) -> None:
        if current.isValid():
            self._current = self.columns[status].model.id_at(current.row())
            for other in self.columns.values():
                if other.status != status:
                    other.view.selectionModel().clearSelection()

    # --- keys -----------------------------------------------------------------------------------

    def _step(self, status: str, step: int) -> None:
        """Go to the nearest column in that direction that has cards, at about the same height."""
        index = OPPORTUNITY_STATUSES.index(status)
        row = max(self.columns[status].view.currentIndex().row(), 0)
        index += step
        while 0 <= index < len(OPPORTUNITY_STATUSES):
            column = self.columns[OPPORTUNITY_STATUSES[index]]
            if column.model.rowCount():
                column.select_row(min(row, column.model.rowCount() - 1))
                self.scroll.ensureWidgetVisible(column, 0, 0)
                column.view.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            index += step

    def _move_by_key(self, status: str, step: int) -> None:
        record_id = self.columns[status].current_id()
        index = OPPORTUNITY_STATUSES.index(status) + step
        if record_id is not None and 0 <= index < len(OPPORTUNITY_STATUSES):
            self.move([record_id], OPPORTUNITY_STATUSES[index], focus=True)

    def _open(self, status: str) -> None:
        record_id = self.columns[status].current_id()
        if record_id is not None:
            self.openRequested.emit(record_id)

    # --- moving ---------------------------------------------------------------------------------

    def move(self, ids: list[int], status: str, focus: bool = True) -> None:
        """Give these opportunities a new status: one undo step each ("move opportunity to offer")."""
        for record_id in ids:
            try:
                change = records.update("opportunity", record_id, {"status": status})
            except ServiceError as exc:
                dialogs.problem(self, "Could not move the opportunity", str(exc))
                return
            change.label = move_label(status)
            self._current = record_id
            self.bus.publish(change)  # the screen reads the board again
        if ids:
            self.select(ids[-1], focus=focus)
            self.message.emit(f"Moved to {choice_text(status)} — Ctrl+Z undoes it")
