"""What every screen of the main window offers the window, and pieces screens share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget
from PySide6.QtWidgets import QStackedWidget

from ..services.changes import Change
from .bus import ChangeBus


CARD_WIDTH = 560
CARD_MARGIN = 32


def card_text(text: str, object_name: str = "emptyBody") -> QLabel:
    """A wrapped label for a card of CARD_WIDTH, tall enough for its text (layouts under a stacked
    widget do not ask word-wrapped labels for their height-for-width)."""
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    width = CARD_WIDTH - 2 * CARD_MARGIN
    label.setMinimumHeight(label.heightForWidth(width) + label.fontMetrics().height() // 2)
    return label


def fill_card_page(page: QWidget, title: str, text: str, extra: QWidget) -> QLabel:
    """Lay out `page` as one centred card: a heading, a paragraph and a widget (a button, a note)."""
    outer = QVBoxLayout(page)
    outer.addStretch(1)
    card = QFrame()
    card.setObjectName("emptyCard")
    card.setFixedWidth(CARD_WIDTH)
    inner = QVBoxLayout(card)
    inner.setContentsMargins(CARD_MARGIN, 28, CARD_MARGIN, 28)
    inner.setSpacing(12)
    heading = QLabel(title)
    heading.setObjectName("emptyTitle")
    body = card_text(text)
    inner.addWidget(heading)
    inner.addWidget(body)
    inner.addWidget(extra, 0, Qt.AlignmentFlag.AlignLeft)
    centre = QHBoxLayout()  # not an alignment flag: that would lose the label's height-for-width
    centre.addStretch(1)
    centre.addWidget(card)
    centre.addStretch(1)
    outer.addLayout(centre)
    outer.addStretch(2)
    return body


class ElidedLabel(QLabel):
    """One line of text that ends in … when it does not fit (it never widens the window)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setMinimumWidth(40)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt name)
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def text(self) -> str:  # noqa: D102 - the whole text, not the elided one shown
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width(), 40))
        super().setText(shown)


class Screen(QWidget):
    """A page of the main window. The window routes its menu commands and the change bus here.

    `tables` are the tables the screen shows: a Change touching one of them makes it refresh, at once
    when visible, or when next shown.
    """

    key = ""
    title = ""
    tables: frozenset[str] = frozenset()
    editable = False  # whether New / Save / Delete / Find apply

    message = Signal(str)  # a short note for the status bar ("Saved opportunity")
    openRequested = Signal(str, int)  # (kind, id): show this record on the screen that shows its kind
    opens: frozenset[str] = frozenset()  # record kinds this screen can show (open_record)
    showScreenRequested = Signal(str)  # a screen's key: switch to that screen ("All that is due" → Tasks)

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self._stale = True
        bus.changed.connect(self._on_change)

    def _on_change(self, change: Change) -> None:
        if not (change.tables & self.tables):
            return
        if self.isVisible():
            self.refresh(change)
        else:
            self._stale = True

    def activate(self) -> None:
        """Called when the screen becomes the current one."""
        if self._stale:
            self._stale = False
            self.refresh(None)

    def refresh(self, change: Change | None) -> None:
        """Re-read what is shown (change None: everything)."""

    def can_leave(self) -> bool:
        """False keeps the user here (they cancelled leaving unsaved changes)."""
        return True

    def new_record(self) -> None: ...

    def save(self) -> bool:
        return True

    def delete_current(self) -> None: ...

    def focus_search(self) -> None: ...

    def open_record(self, kind: str, record_id: int) -> bool:
        """Show one record of a kind in `opens`; False when it could not be shown."""
        return False


class ViewSwitch(QWidget):
    """Views of one screen as a row of joined, exclusive buttons ("List | Board"); `changed` on a click."""

    changed = Signal(int)

    def __init__(self, labels: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        for index, text in enumerate(labels):
            button = QPushButton(text)
            button.setObjectName("viewSwitch")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setProperty("position", "first" if index == 0 else "last" if index == len(labels) - 1 else "middle")
            self.group.addButton(button, index)
            row.addWidget(button)
        self.group.button(0).setChecked(True)
        self.group.idClicked.connect(self.changed.emit)

    def button(self, index: int) -> QPushButton:
        return self.group.button(index)  # type: ignore[return-value]

    def current(self) -> int:
        return self.group.checkedId()

    def set_current(self, index: int) -> None:
        """Show which view is current (without announcing it)."""
        self.group.button(index).setChecked(True)


class SwitchedViews:
    """Mixed into a RecordScreen (before it): its views in a stack, chosen with a ViewSwitch or a window shortcut.

    `form_view` is the view with the form; leaving it first settles unsaved edits (or stays), and opening a
    record, a new record or the search go back to it.
    """

    form_view: int = 0
    views: QStackedWidget
    switch: ViewSwitch

    def _build_switch(self: Any, views: Sequence[tuple[str, str, QWidget]], shortcut: str) -> QHBoxLayout:
        """The stack and its switch; returns the bar holding the switch, for the screen to lay out."""
        self.views = QStackedWidget()
        self.switch = ViewSwitch(tuple(label for label, _tip, _widget in views))
        for index, (_label, tip, widget) in enumerate(views):
            self.views.addWidget(widget)
            self.switch.button(index).setToolTip(f"{tip} ({shortcut} switches)")
        self.switch.changed.connect(self.set_view)
        self.switch_shortcut = QShortcut(QKeySequence(shortcut), self, self.toggle_view)
        self.switch_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        bar = QHBoxLayout()
        bar.setContentsMargins(12, 10, 12, 0)
        bar.addWidget(self.switch)
        return bar

    @property
    def view_index(self) -> int:
        return self.views.currentIndex()

    def toggle_view(self) -> None:
        self.set_view((self.view_index + 1) % self.views.count())

    def set_view(self: Any, index: int) -> bool:
        """Show this view; False when the user stayed (unsaved edits in the form)."""
        if index == self.view_index:
            return True
        if index != self.form_view and not self._resolve_unsaved():
            self.switch.set_current(self.form_view)
            return False
        self.views.setCurrentIndex(index)
        self.switch.set_current(index)
        self.view_shown(index)
        return True

    def view_shown(self, index: int) -> None:
        """The screen now shows this view: refresh and focus it."""

    def open_record(self: Any, kind: str, record_id: int) -> bool:
        self.set_view(self.form_view)
        return super().open_record(kind, record_id)  # type: ignore[misc]

    def new_record(self: Any) -> None:
        if self.set_view(self.form_view):
            super().new_record()  # type: ignore[misc]

    def focus_search(self: Any) -> None:
        self.set_view(self.form_view)
        super().focus_search()  # type: ignore[misc]
