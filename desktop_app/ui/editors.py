"""One editor per field type: what the user types, handed to the services as typed (they parse it).

Each editor is a small QWidget with `input` (the widget to type into; also its focus proxy), an
`edited` signal, `value()` for the services, `set_value()` from a record, and `state()`, a plain value
the form compares to tell whether anything changed. Every editor can be empty, dates and times too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QSignalBlocker, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget, QCheckBox, QComboBox, QCompleter, QHBoxLayout, QLineEdit, QMenu, QPlainTextEdit,
    QSizePolicy, QToolButton, QWidget, QWidgetAction,
)

from ..services import listing
from ..services.values import (
    BOOL, CHOICE, CURRENCIES, CURRENCY, DATE, INT, LONGTEXT, MONEY, RATING, REF, TIME, Field, normalise,
)
from .formatting import choice_text, date_text, money_text, rating_text

COMMON_CURRENCIES = ("EUR", "USD", "GBP", "CHF", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "JPY", "INR")


class FieldEditor(QWidget):
    edited = Signal()

    def __init__(self, spec: Field, input_widget: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.input = input_widget
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(4)
        self.row.addWidget(input_widget, 1)
        self.setFocusProxy(input_widget)
        input_widget.setAccessibleName(spec.label)

    def compact(self, width: int) -> None:
        """A narrow input at the start of its line (dates, times, numbers, codes)."""
        self.input.setFixedWidth(width)
        self.row.setStretch(0, 0)
        self.row.addStretch(1)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def state(self) -> Any:
        return self.value()


class LineEditor(FieldEditor):
    """Text, whole numbers and anything the services parse from what was typed."""

    def __init__(self, spec: Field, parent: QWidget | None = None, placeholder: str = "") -> None:
        self.line = QLineEdit()
        super().__init__(spec, self.line, parent)
        self.line.setPlaceholderText(placeholder or spec.help)
        self.line.textEdited.connect(lambda _t: self.edited.emit())
        if spec.type in (INT, MONEY):
            self.line.setAlignment(Qt.AlignmentFlag.AlignRight)

    def value(self) -> str:
        return self.line.text()

    def set_value(self, value: Any) -> None:
        self.line.setText(self.spec.to_text(value))
        self.line.setCursorPosition(0)

    def state(self) -> str:
        return self.line.text().strip()


class MoneyEditor(LineEditor):
    """An amount with thousands separators once typed ("85000" shows as "85,000")."""

    def __init__(self, spec: Field, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent, "e.g. 85,000")
        self.line.editingFinished.connect(self._tidy)

    def _tidy(self) -> None:
        digits = self.state()
        if digits.isdigit():
            self.line.setText(money_text(int(digits)))

    def set_value(self, value: Any) -> None:
        self.line.setText(money_text(value))

    def state(self) -> str:
        return self.line.text().replace(",", "").replace(" ", "").strip()


class TimeEditor(LineEditor):
    def __init__(self, spec: Field, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent, "HH:MM")
        self.compact(80)


class DateEditor(LineEditor):
    """A date typed as YYYY-MM-DD, or picked from a calendar (the button, or Alt+Down); may be empty."""

    def __init__(self, spec: Field, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent, "YYYY-MM-DD")
        self.line.setMaximumWidth(120)
        self.button = QToolButton()
        self.button.setObjectName("dateButton")
        self.button.setText("▾")
        self.button.setToolTip("Pick a date (Alt+Down)")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._sync_calendar)
        self.menu = menu
        self.button.setMenu(menu)
        self.row.setStretch(0, 0)
        self.row.addWidget(self.button)
        self.row.addStretch(1)
        self.line.installEventFilter(self)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if (watched is self.line and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self.button.showMenu()
            return True
        return super().eventFilter(watched, event)

    def _sync_calendar(self) -> None:
        try:
            day = dt.date.fromisoformat(self.state())
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        except ValueError:
            self.calendar.setSelectedDate(QDate.currentDate())

    def _picked(self, date: QDate) -> None:
        self.line.setText(date.toString(Qt.DateFormat.ISODate))
        self.menu.hide()
        self.line.setFocus()
        self.edited.emit()

    def set_value(self, value: Any) -> None:
        self.line.setText(date_text(value))


class _PlainText(QPlainTextEdit):
    def sizeHint(self) -> QSize:  # noqa: N802 - as small as allowed; layouts hand out the rest
        return QSize(super().sizeHint().width(), self.minimumHeight())


class LongTextEditor(FieldEditor):
    def __init__(self, spec: Field, parent: QWidget | None = None) -> None:
        self.text = _PlainText()
        super().__init__(spec, self.text, parent)
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * 5 + 12)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.text.textChanged.connect(self.edited.emit)

    def value(self) -> str:
        return self.text.toPlainText()

    def set_value(self, value: Any) -> None:
        self.text.setPlainText("" if value is None else str(value))

    def state(self) -> str:
        return self.text.toPlainText().rstrip()


class ComboEditor(FieldEditor):
    """A fixed list (choices, ratings): an empty entry first unless the field is required."""

    def __init__(self, spec: Field, items: list[tuple[str, Any]], parent: QWidget | None = None) -> None:
        self.combo = QComboBox()
        super().__init__(spec, self.combo, parent)
        if not spec.required:
            self.combo.addItem("", None)
        for text, data in items:
            self.combo.addItem(text, data)
        self.combo.currentIndexChanged.connect(lambda _i: self.edited.emit())

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        with QSignalBlocker(self.combo):
            self.combo.setCurrentIndex(max(index, 0))


class CurrencyEditor(FieldEditor):
    def __init__(self, spec: Field, parent: QWidget | None = None) -> None:
        self.combo = QComboBox()
        super().__init__(spec, self.combo, parent)
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        rest = sorted(CURRENCIES - set(COMMON_CURRENCIES))
        self.combo.addItems(([] if spec.required else [""]) + list(COMMON_CURRENCIES) + rest)
        self.compact(120)
        self.combo.lineEdit().setPlaceholderText("e.g. EUR")
        self.combo.currentTextChanged.connect(lambda _t: self.edited.emit())

    def value(self) -> str:
        return self.combo.currentText().strip().upper()

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.combo):
            self.combo.setEditText("" if value is None else str(value))


class BoolEditor(FieldEditor):
    def __init__(self, spec: Field, parent: QWidget | None = None) -> None:
        self.check = QCheckBox()
        super().__init__(spec, self.check, parent)
        self.row.setStretch(0, 0)
        self.row.addStretch(1)
        self.check.toggled.connect(lambda _b: self.edited.emit())

    def value(self) -> bool:
        return self.check.isChecked()

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.check):
            self.check.setChecked(bool(value))


class _RefCombo(QComboBox):
    def __init__(self, owner: RefEditor) -> None:
        super().__init__()
        self._owner = owner

    def showPopup(self) -> None:  # noqa: N802 (Qt name)
        self._owner.fill_items()
        super().showPopup()


class RefEditor(FieldEditor):
    """A link to another record, chosen by typing: options are searched in SQL as you type.

    Only the options matching what was typed are loaded (ref_options limits them), never all records.
    """

    LIMIT = 25

    def __init__(self, spec: Field, parent: QWidget | None = None) -> None:
        self.combo = _RefCombo(self)
        super().__init__(spec, self.combo, parent)
        self.ref_kind = spec.ref or ""
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMaxVisibleItems(15)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(18)
        noun = self.ref_kind.replace("_", " ")
        self.combo.lineEdit().setPlaceholderText(f"Type to find {'an' if noun[:1] in 'aeiou' else 'a'} {noun}")
        self._options = QStringListModel(self)
        self.completer = QCompleter(self._options, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.combo.setCompleter(self.completer)
        self._ids: dict[str, int] = {}  # normalised label -> id, of every option seen
        self.combo.lineEdit().textEdited.connect(self._search)
        self.completer.activated.connect(lambda _t: self.edited.emit())
        self.combo.activated.connect(lambda _i: self.edited.emit())

    def _remember(self, options: list[tuple[int, str]]) -> list[str]:
        for record_id, label in options:
            self._ids[normalise(label)] = record_id
        return [label for _, label in options]

    def _search(self, text: str) -> None:
        labels = self._remember(listing.ref_options(self.ref_kind, text.strip(), limit=self.LIMIT))
        self._options.setStringList(labels)
        if text.strip() and labels:
            self.completer.complete()
        self.edited.emit()

    def fill_items(self) -> None:
        """Fill the drop-down with the options matching the text (all first ones when it names one)."""
        text = self.combo.currentText()
        term = "" if normalise(text) in self._ids else text.strip()
        labels = self._remember(listing.ref_options(self.ref_kind, term, limit=self.LIMIT))
        with QSignalBlocker(self.combo):
            self.combo.clear()
            for label in labels:
                self.combo.addItem(label, self._ids[normalise(label)])
            self.combo.setEditText(text)

    def text(self) -> str:
        return self.combo.currentText().strip()

    def resolve(self) -> tuple[int | None, str]:
        """(id, text): id None with text means the text names no record."""
        text = self.text()
        if not text:
            return None, ""
        key = normalise(text)
        if key not in self._ids:
            self._remember(listing.ref_options(self.ref_kind, text, limit=self.LIMIT))
        return self._ids.get(key), text

    def value(self) -> int | None:
        return self.resolve()[0]

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.combo):
            self.combo.clear()
            if value is None:
                self.combo.setEditText("")
                return
            label = listing.ref_label(self.ref_kind, int(value))
            self._ids[normalise(label)] = int(value)
            self.combo.addItem(label, int(value))
            self.combo.setCurrentIndex(0)

    def state(self) -> str:
        return self.text()


def rating_items() -> list[tuple[str, Any]]:
    return [(f"{n}  {rating_text(n)}", n) for n in range(1, 6)]


def make_editor(spec: Field, parent: QWidget | None = None) -> FieldEditor:
    if spec.type is REF:
        return RefEditor(spec, parent)
    if spec.type is LONGTEXT:
        return LongTextEditor(spec, parent)
    if spec.type is CHOICE:
        return ComboEditor(spec, [(choice_text(c), c) for c in spec.choices], parent)
    if spec.type is RATING:
        return ComboEditor(spec, rating_items(), parent)
    if spec.type is BOOL:
        return BoolEditor(spec, parent)
    if spec.type is DATE:
        return DateEditor(spec, parent)
    if spec.type is TIME:
        return TimeEditor(spec, parent)
    if spec.type is MONEY:
        return MoneyEditor(spec, parent)
    if spec.type is CURRENCY:
        return CurrencyEditor(spec, parent)
    if spec.type is INT:
        editor = LineEditor(spec, parent)
        editor.compact(100)
        return editor
    return LineEditor(spec, parent)
