"""The Dashboard's "Next up" panel: what is due this week, in a narrow card beside the charts.

It reads services.due.due_items(today, days=7) — a few queries, only in refresh() — into the Tasks
screen's DueModel (headings Overdue / Today / This week with their items), and paints each item in two
lines: a dot in its kind's colour and its title, then its kind and when it is due. A click, Enter or
Space opens an item's record; "All that is due →" asks for the Tasks screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor, QFocusEvent, QFont, QFontMetrics, QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QFrame, QHBoxLayout, QHeaderView, QLabel, QStackedWidget, QStyle,
    QStyledItemDelegate, QStyleOptionViewItem, QToolButton, QToolTip, QTreeView, QVBoxLayout, QWidget,
)

from ...services.due import OVERDUE, TASK, DueItem, due_items
from ..formatting import choice_text, count_text
from ..theme import colors
from .tasks_due_model import DOT_COLORS, ITEM_ROLE, DueModel, Index

DAYS = 7
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
KIND_COLORS = {**DOT_COLORS, TASK: ("#8250c8", "#d19cf5")}  # (light, dark); a task's box would look tickable
EMPTY_TITLE = "Nothing due this week"
EMPTY_TEXT = ("Interviews you have scheduled, follow-ups with your contacts, offer deadlines and tasks due in "
              "the next 7 days show up here.")


def _short_date(day: dt.date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def day_text(day: dt.date, today: dt.date) -> str:
    """'Today', 'Tomorrow', 'Yesterday', 'Thu 19 Mar' (with the year when it is not this year's)."""
    days = (day - today).days
    if -1 <= days <= 1:
        return ("Yesterday", "Today", "Tomorrow")[days + 1]
    return _short_date(day) if day.year == today.year else f"{_short_date(day)} {day.year}"


def when_text(item: DueItem, today: dt.date) -> str:
    """'Tomorrow, 10:00', 'Thu 19 Mar'."""
    return day_text(item.date, today) + (f", {item.time}" if item.time else "")


def tooltip_text(item: DueItem, today: dt.date) -> str:
    """The whole title, then kind, full date and how late: for a title cut short by a narrow panel."""
    late = (today - item.date).days
    note = (" · 1 day overdue" if late == 1 else f" · {late} days overdue") if item.overdue else ""
    when = f"{_short_date(item.date)} {item.date.year}{', ' + item.time if item.time else ''}"
    return f"{item.title}\n{choice_text(item.kind)} · {when}{note}"


def _theme_name() -> str:
    return str(QApplication.instance().property("sayyesTheme") or "light")


def kind_color(kind: str) -> QColor:
    light, dark = KIND_COLORS.get(kind, ("#666d78", "#9aa1ab"))
    return QColor(dark if _theme_name() == "dark" else light)


def _small(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
    return small


def _draw(painter: QPainter, rect: QRect, text: str, font: QFont, color: str | QColor,
          align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
    """One line of text in a rect, ending in … when it does not fit."""
    painter.setFont(font)
    painter.setPen(QColor(color))
    shown = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, max(rect.width(), 0))
    painter.drawText(rect, align | Qt.AlignmentFlag.AlignVCenter, shown)


def title_lines(title: str, metrics: QFontMetrics, width: int, most: int = 2) -> list[str]:
    """The title broken at spaces into at most `most` lines of `width`, the last ending in … when cut."""
    lines: list[str] = []
    rest = " ".join(title.split())
    while rest and len(lines) < most - 1 and metrics.horizontalAdvance(rest) > width:
        words = rest.split(" ")
        taken = 0
        while taken < len(words) and metrics.horizontalAdvance(" ".join(words[: taken + 1])) <= width:
            taken += 1
        if taken == 0:
            break  # one word wider than the line: cut it below
        lines.append(" ".join(words[:taken]))
        rest = " ".join(words[taken:])
    if rest:
        lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, max(width, 0)))
    return lines


class NextUpDelegate(QStyledItemDelegate):
    """A heading in small capitals with its count, or an item: dot and title (up to two lines), then its
    kind and when it is due."""

    PAD = 7
    INSET = 6  # from the row's edge to the dot and the heading text
    GUTTER = 16  # the dot's column
    HEADING_GAP = 10  # above every heading but the first

    def _title_width(self, option: QStyleOptionViewItem) -> int:
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else option.rect.width()
        return width - self.INSET - self.GUTTER - 8

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        line = option.fontMetrics.height()
        item = index.data(ITEM_ROLE)
        if item is None:
            return QSize(60, line + 8 + (self.HEADING_GAP if index.row() else 0))
        lines = len(title_lines(item.title, option.fontMetrics, self._title_width(option)))
        return QSize(60, 2 * self.PAD + lines * line + 3 + QFontMetrics(_small(option.font)).height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        c = colors(_theme_name())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        item = index.data(ITEM_ROLE)
        if item is None:
            self._paint_heading(painter, option, index, c)
        else:
            self._paint_item(painter, option, item, index.model().today, c)
        painter.restore()

    def _paint_heading(self, painter: QPainter, option: QStyleOptionViewItem, index: Index,
                       c: dict[str, str]) -> None:
        name, items = index.model().groups[index.row()]
        font = _small(option.font)
        font.setWeight(QFont.Weight.DemiBold)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 0.6)
        rect = option.rect.adjusted(self.INSET, (self.HEADING_GAP if index.row() else 0) + 2, -8, -2)
        count = str(len(items))
        count_width = QFontMetrics(font).horizontalAdvance(count) + 4
        _draw(painter, rect.adjusted(0, 0, -count_width, 0), name, font, c["error"] if name == OVERDUE else c["muted"])
        _draw(painter, rect, count, font, c["muted"], Qt.AlignmentFlag.AlignRight)

    def _paint_item(self, painter: QPainter, option: QStyleOptionViewItem, item: DueItem, today: dt.date,
                    c: dict[str, str]) -> None:
        view = option.widget
        current = bool(option.state & QStyle.StateFlag.State_Selected) and view is not None and view.hasFocus()
        if current or option.state & QStyle.StateFlag.State_MouseOver:
            fill = QColor(c["highlight"] if current else c["text"])
            fill.setAlpha(40 if current else 14)
            painter.setPen(QColor(c["highlight"]) if current else Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5), 6, 6)
        line = option.fontMetrics.height()
        left = option.rect.left() + self.INSET
        top = QRect(left + self.GUTTER, option.rect.top() + self.PAD, self._title_width(option), line)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(kind_color(item.kind))
        painter.drawEllipse(QRectF(left, top.center().y() - 3.5, 8, 8))
        for text in title_lines(item.title, option.fontMetrics, top.width()):
            _draw(painter, top, text, option.font, c["text"])
            top.translate(0, line)
        small = _small(option.font)
        metrics = QFontMetrics(small)
        bottom = QRect(top.left(), top.top() + 3, top.width(), metrics.height())
        when = when_text(item, today)
        when_width = min(metrics.horizontalAdvance(when) + 2, bottom.width())
        when_color = c["error"] if item.overdue else c["text"] if item.date == today else c["muted"]
        _draw(painter, bottom.adjusted(0, 0, -(when_width + 8), 0), choice_text(item.kind), small, c["muted"])
        _draw(painter, bottom, when, small, when_color, Qt.AlignmentFlag.AlignRight)

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,  # noqa: N802
                  index: Index) -> bool:
        item = index.data(ITEM_ROLE)
        if item is None or event.type() != QEvent.Type.ToolTip:
            return super().helpEvent(event, view, option, index)
        QToolTip.showText(event.globalPos(), tooltip_text(item, index.model().today), view)
        return True


class NextUpList(QTreeView):
    """The items under their headings. Up/Down step over the headings; a click, Enter or Space opens."""

    itemActivated = Signal(object)  # the DueItem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pressed: QModelIndex | None = None
        self._opened: tuple[QPersistentModelIndex, int] | None = None  # the item a click opened, and when

    def items(self) -> list[QModelIndex]:
        model = self.model()
        return model.item_indexes() if isinstance(model, DueModel) else []

    def _step(self, step: int) -> QModelIndex | None:
        """The item before (-1) or after (+1) the current row, headings skipped."""
        rows = self.items()
        if not rows:
            return None
        current = self.currentIndex()
        if not current.isValid():
            return rows[0]
        if current.data(ITEM_ROLE) is None:  # on a heading: its first item is "after" it
            after = [i for i in rows if i.parent().row() >= current.row()]
            return (after[0] if after else rows[-1]) if step > 0 else next(
                (i for i in reversed(rows) if i.parent().row() < current.row()), rows[0])
        at = next(n for n, i in enumerate(rows) if i == current)
        return rows[max(0, min(len(rows) - 1, at + step))]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, rows = event.key(), self.items()
        target: QModelIndex | None = None
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            item = self.currentIndex().data(ITEM_ROLE)
            if item is not None:
                self.itemActivated.emit(item)
            event.accept()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            target = self._step(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_PageUp) and rows:
            target = rows[0]
        elif key in (Qt.Key.Key_End, Qt.Key.Key_PageDown) and rows:
            target = rows[-1]
        else:
            super().keyPressEvent(event)
            return
        if target is not None:
            self.setCurrentIndex(target)
            self.scrollTo(target)
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        rows = self.items()
        if rows and self.currentIndex().data(ITEM_ROLE) is None and event.reason() != Qt.FocusReason.MouseFocusReason:
            self.setCurrentIndex(rows[0])

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self.indexAt(event.position().toPoint())
        left = event.button() == Qt.MouseButton.LeftButton
        self._pressed = index if left and index.data(ITEM_ROLE) is not None else None
        if index.isValid() and index.data(ITEM_ROLE) is None:
            event.accept()  # a heading is not an item to select
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        pressed, self._pressed = self._pressed, None
        index = self.indexAt(event.position().toPoint())
        if pressed is not None and event.button() == Qt.MouseButton.LeftButton and index == pressed:
            self._opened = (QPersistentModelIndex(index), event.timestamp())
            self.itemActivated.emit(index.data(ITEM_ROLE))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Opens the item once: a double click's first click has opened it already (when it came first)."""
        self._pressed = None
        index = self.indexAt(event.position().toPoint())
        item = index.data(ITEM_ROLE) if event.button() == Qt.MouseButton.LeftButton else None
        opened, self._opened = self._opened, None
        just_opened = opened is not None and opened[0] == index and (
            event.timestamp() - opened[1] <= QApplication.doubleClickInterval())
        if item is not None and not just_opened:
            self.setCurrentIndex(index)
            self.itemActivated.emit(item)
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()  # titles wrap anew: rows change height

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseMoveEvent(event)
        over_item = self.indexAt(event.position().toPoint()).data(ITEM_ROLE) is not None
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if over_item else Qt.CursorShape.ArrowCursor)


class NextUpPanel(QWidget):
    """What is due this week (overdue first), each item opening its record; a link to all that is due."""

    openRequested = Signal(str, int)  # (record kind, id)
    showAllRequested = Signal()

    def __init__(self, today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.card = QFrame()
        self.card.setObjectName("chartCard")  # the dashboard's card, like the charts beside it
        outer.addWidget(self.card)
        layout = QVBoxLayout(self.card)
        layout.setContentsMargins(8, 10, 8, 8)  # the list's rows reach nearer the edge than its text
        layout.setSpacing(2)
        self.title_label = QLabel("Next up")
        self.title_label.setObjectName("chartTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("countLabel")
        for label in (self.title_label, self.subtitle):
            label.setContentsMargins(NextUpDelegate.INSET, 0, NextUpDelegate.INSET, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle)
        layout.addSpacing(6)

        self.model = DueModel(self)
        self.tree = NextUpList()
        self.tree.setObjectName("nextUpList")
        self.tree.setAccessibleName("Next up")
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(NextUpDelegate(self.tree))
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setIndentation(0)
        self.tree.setFrameShape(QFrame.Shape.NoFrame)
        self.tree.viewport().setAutoFillBackground(False)  # the card shows through
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setMouseTracking(True)
        self.tree.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        for column in range(1, self.model.columnCount()):
            self.tree.setColumnHidden(column, True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.itemActivated.connect(self._open)

        self.empty_page = QWidget()
        empty = QVBoxLayout(self.empty_page)
        empty.setContentsMargins(NextUpDelegate.INSET, 8, NextUpDelegate.INSET, 0)
        empty.setSpacing(6)
        self.empty_title = QLabel(EMPTY_TITLE)
        bold = self.empty_title.font()
        bold.setWeight(QFont.Weight.DemiBold)
        self.empty_title.setFont(bold)
        self.empty_text = QLabel(EMPTY_TEXT)
        self.empty_text.setObjectName("countLabel")
        self.empty_text.setWordWrap(True)
        empty.addWidget(self.empty_title)
        empty.addWidget(self.empty_text)
        empty.addStretch(1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.tree)
        self.pages.addWidget(self.empty_page)
        layout.addWidget(self.pages, 1)

        self.all_button = QToolButton()
        self.all_button.setText("All that is due →")
        self.all_button.setToolTip("Everything due, ahead and done, on the Tasks screen")
        self.all_button.setAutoRaise(True)
        self.all_button.setStyleSheet("QToolButton { padding: 2px 0; border: none; background: transparent; color: palette(link); }"
                                      "QToolButton:hover, QToolButton:focus { text-decoration: underline; }")
        self.all_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.all_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.all_button.clicked.connect(self.showAllRequested.emit)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 2, 0, 0)  # the button's own margin puts its text under the headings'
        bottom.addWidget(self.all_button)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        self.setMinimumWidth(220)

    def refresh(self) -> None:
        """Read what is due this week again, keeping the current item current."""
        keep = self.current_item()
        today = self.today()
        self.model.set_items(due_items(today, days=DAYS), today)
        self.tree.expandAll()
        rows = self.model.item_indexes()
        self.pages.setCurrentWidget(self.tree if rows else self.empty_page)
        overdue = sum(len(items) for name, items in self.model.groups if name == OVERDUE)
        parts = ["This week", count_text(len(rows), "item", "items")] if rows else ["This week"]
        self.subtitle.setText(" · ".join(parts + ([f"{overdue} overdue"] if overdue else [])))
        index = self.model.index_of(keep.record_kind, keep.record_id) if keep is not None else QModelIndex()
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def shown(self) -> list[tuple[str, str, str, str]]:
        """(heading, title, kind, when) of every item as the panel draws it, top to bottom."""
        today = self.model.today
        return [(name, item.title, choice_text(item.kind), when_text(item, today))
                for name, items in self.model.groups for item in items]

    def current_item(self) -> DueItem | None:
        return self.model.item(self.tree.currentIndex())

    def focus_list(self) -> None:
        """Put the keyboard in the list, on its first item unless one is current."""
        self.tree.setFocus(Qt.FocusReason.TabFocusReason)
        rows = self.model.item_indexes()
        if rows and self.current_item() is None:
            self.tree.setCurrentIndex(rows[0])

    def _open(self, item: DueItem) -> None:
        self.openRequested.emit(item.record_kind, item.record_id)
