"""File → Settings: display currency and exchange rates, current pay, habit target, theme, backups.

Settings are stored in the data file (desktop_app.settings) and are not undoable (PRODUCT.md): OK
checks everything (Settings.validate() and the rows of the rates table), shows each reason under its
field, and only then saves; Cancel writes nothing. After saving, the dialog announces a "settings"
change on the bus without an undo step, so every screen that shows money or targets refreshes itself
the same way it does after any other write — the dialog need not know which screens those are.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from .. import settings as app_settings
from ..services import money
from ..services.changes import Change, RowChange
from ..services.errors import FieldError, ValidationError
from ..services.values import CHOICE, CURRENCIES, CURRENCY, INT, MONEY, TEXT, Field
from ..settings import THEMES, Settings
from .editors import CurrencyEditor, FieldEditor, make_editor
from .screens.offers_total import tones

FIELDS = (
    Field("display_currency", "Display currency", TEXT, required=True,
          help="Offers, comparisons and charts are shown in this currency"),
    Field("current_base", "Base salary / year", MONEY),
    Field("current_currency", "Currency", CURRENCY),
    Field("current_bonus", "Bonus / year", MONEY),
    Field("current_equity", "Equity / year", MONEY),
    Field("habit_target_per_month", "Interviews per month", INT, required=True,
          help="Your habit: the target line of the dashboard's interviews per month"),
    Field("theme", "Theme", CHOICE, required=True, choices=THEMES),
    Field("backup_retention", "Backups to keep", INT, required=True,
          help="Keep the newest N backups (automatic, made by you, or before an import or restore); "
               "older ones are deleted, oldest first"),
)
RATE_CODE, RATE_VALUE, RATE_EXAMPLE = range(3)
EXAMPLE_AMOUNT = 1_000


def _set_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) != invalid:
        widget.setProperty("invalid", invalid)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class SettingsDialog(QDialog):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.main_window = window
        self.original = app_settings.load()
        self.rates_in = self.original.display_currency  # the currency the rates table is expressed in
        self.setWindowTitle("Settings")
        self.editors: dict[str, FieldEditor] = {}
        self.errors: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 14)
        outer.setSpacing(6)

        money_grid = self._section(outer, "Money")
        self._field(money_grid, 0, 0, "display_currency")
        self._build_rates(money_grid, 1)
        current = self._section(outer, "Current job",
                                "Your pay now: the baseline every offer is compared with.")
        self._field(current, 0, 0, "current_base")
        self._field(current, 0, 1, "current_currency")
        self._field(current, 1, 0, "current_bonus")
        self._field(current, 1, 1, "current_equity")
        self.current_total = QLabel()
        self.current_total.setObjectName("hint")
        current.addWidget(self.current_total, 2, 1, 1, 3)
        other = self._section(outer, "Habit, appearance and backups")
        self._field(other, 0, 0, "habit_target_per_month")
        self._field(other, 0, 1, "theme")
        self._field(other, 1, 0, "backup_retention")
        outer.addStretch(1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        self._load(self.original)
        for name in ("current_base", "current_currency", "current_bonus", "current_equity"):
            self.editors[name].edited.connect(self._update_current_total)
        self.editors["display_currency"].edited.connect(self._display_currency_edited)
        self._update_current_total()
        self.resize(680, self.sizeHint().height())

    # --- building -------------------------------------------------------------------------------

    def _section(self, outer: QVBoxLayout, title: str, text: str = "") -> QGridLayout:
        heading = QLabel(title)
        heading.setObjectName("sectionTitle")
        outer.addWidget(heading)
        if text:
            hint = QLabel(text)
            hint.setObjectName("hint")
            outer.addWidget(hint)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnMinimumWidth(0, 150)
        outer.addLayout(grid)
        outer.addSpacing(8)
        return grid

    def _place(self, grid: QGridLayout, row: int, col: int, name: str, text: str, widget: QWidget,
               span: int = 1) -> QLabel:
        """A label, and the widget with its error line under it (hidden until there is one)."""
        label = QLabel(text)
        label.setObjectName("fieldLabel")
        label.setBuddy(widget.focusProxy() or widget)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        label.setContentsMargins(0, 4, 0, 0)
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        grid.addWidget(label, row, col * 2)
        grid.addWidget(cell, row, col * 2 + 1, 1, span, Qt.AlignmentFlag.AlignTop)
        self.errors[name] = error
        return label

    def _field(self, grid: QGridLayout, row: int, col: int, name: str) -> FieldEditor:
        spec = next(f for f in FIELDS if f.name == name)
        editor = CurrencyEditor(spec) if name == "display_currency" else make_editor(spec)
        if spec.type is INT:
            editor.input.setFixedWidth(80)
        label = self._place(grid, row, col, name, spec.label + (" *" if spec.required else ""), editor)
        label.setToolTip(spec.help)
        editor.setToolTip(spec.help)
        self.editors[name] = editor
        return editor

    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _build_rates(self, grid: QGridLayout, row: int) -> None:
        self.rates = QTableWidget(0, 3)
        self.rates.setAccessibleName("Exchange rates")
        self.rates.verticalHeader().hide()
        self.rates.setAlternatingRowColors(True)
        self.rates.setShowGrid(False)
        self.rates.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rates.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.rates.setTabKeyNavigation(False)
        self.rates.horizontalHeader().setSectionResizeMode(RATE_EXAMPLE, QHeaderView.ResizeMode.Stretch)
        self.rates.setColumnWidth(RATE_CODE, 90)
        self.rates.setColumnWidth(RATE_VALUE, 150)
        self.rates.verticalHeader().setDefaultSectionSize(self.rates.fontMetrics().height() + 10)
        self.rates.setMinimumHeight(self.rates.fontMetrics().height() * 8)
        self.rates.itemChanged.connect(self._rate_edited)
        self.add_rate_button = self._button("Add rate", self.add_rate)
        self.remove_rate_button = self._button("Remove", self.remove_rate)
        self.rebase_button = self._button("", self.rebase)
        self.rebase_button.hide()
        self.rates_hint = QLabel()
        self.rates_hint.setObjectName("hint")
        self.rates_hint.setWordWrap(True)
        box = QWidget()
        box.setFocusProxy(self.rates)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.rates)
        buttons = QHBoxLayout()
        for button in (self.add_rate_button, self.remove_rate_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.rebase_button)
        column.addLayout(buttons)
        column.addWidget(self.rates_hint)
        self._place(grid, row, 0, "exchange_rates", "Exchange rates", box, span=3)

    # --- values ---------------------------------------------------------------------------------

    def _load(self, values: Settings) -> None:
        for name, editor in self.editors.items():
            editor.set_value(getattr(values, name))
        if values.current_currency is None:
            self.editors["current_currency"].set_value(values.display_currency)
        self._fill_rates(values.exchange_rates)

    def _fill_rates(self, rates: dict[str, str]) -> None:
        with QSignalBlocker(self.rates):
            self.rates.setRowCount(0)
            for code, text in sorted(rates.items()):
                self._append_rate(code, text)
        self._update_rates_view()

    def _append_rate(self, code: str, text: str) -> int:
        row = self.rates.rowCount()
        value, example = QTableWidgetItem(text), QTableWidgetItem()
        value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        example.setFlags(Qt.ItemFlag.ItemIsEnabled)
        with QSignalBlocker(self.rates):
            self.rates.insertRow(row)
            for column, item in ((RATE_CODE, QTableWidgetItem(code)), (RATE_VALUE, value), (RATE_EXAMPLE, example)):
                self.rates.setItem(row, column, item)
        return row

    def _cell(self, row: int, column: int) -> str:
        item = self.rates.item(row, column)
        return item.text().strip() if item is not None else ""

    def rate_rows(self) -> list[tuple[str, str]]:
        """(currency, rate) as typed, one per row of the table."""
        return [(self._cell(r, RATE_CODE).upper(), self._cell(r, RATE_VALUE)) for r in range(self.rates.rowCount())]

    def _display_code(self) -> str:
        return self.editors["display_currency"].value()

    def _update_rates_view(self) -> None:
        shown = self._display_code() or "display"
        self.rates.setHorizontalHeaderLabels(["Currency", f"{shown} per 1 unit", "Example"])
        with QSignalBlocker(self.rates):
            for row, (code, text) in enumerate(self.rate_rows()):
                try:
                    rate = money.parse_rate(text)
                except ValueError:
                    example = ""
                else:
                    converted = money.convert(EXAMPLE_AMOUNT, code, Settings(shown, {code: str(rate)}))
                    example = (f"{money.format_money(EXAMPLE_AMOUNT, code)} = {money.format_money(converted, shown)}"
                               if code in CURRENCIES and code != shown else "")
                self.rates.item(row, RATE_EXAMPLE).setText(example)
        if self.rates_in != shown and self.rates.rowCount():
            self.rates_hint.setText(f"<span style='color:{tones(self)['warn']}'>These rates were given in "
                                    f"{self.rates_in}: convert them, or type how many {shown} each is worth.</span>")
        else:
            self.rates_hint.setText(f"How many {shown} one unit of each currency is worth. Amounts in a currency "
                                    f"without a rate are shown as they are and left out of totals.")
        self.remove_rate_button.setEnabled(self.rates.rowCount() > 0)
        self._update_rebase()

    def _rate_edited(self, item: QTableWidgetItem) -> None:
        if item.column() == RATE_CODE and item.text() != item.text().strip().upper():
            with QSignalBlocker(self.rates):
                item.setText(item.text().strip().upper())
        if item.column() == RATE_VALUE:
            self.rates_in = self._display_code()  # typed in the display currency shown in the header
        self._update_rates_view()
        self._update_current_total()

    def add_rate(self) -> None:
        row = self._append_rate("", "")
        self.rates.setCurrentCell(row, RATE_CODE)
        self.rates.setFocus()
        self.rates.editItem(self.rates.item(row, RATE_CODE))
        self._update_rates_view()

    def remove_rate(self) -> None:
        rows = sorted({i.row() for i in self.rates.selectedIndexes()} or {self.rates.currentRow()}, reverse=True)
        for row in rows:
            if row >= 0:
                self.rates.removeRow(row)
        self._update_rates_view()

    def _typed_rates(self) -> dict[str, str] | None:
        try:
            return {code: str(money.parse_rate(text)) for code, text in self.rate_rows() if code or text}
        except ValueError:
            return None

    def _rebased(self) -> dict[str, str] | None:
        new = self._display_code()
        rates = self._typed_rates()
        if new == self.rates_in or new not in CURRENCIES or not rates or self.rates_in not in CURRENCIES:
            return None
        return money.rebase_rates(rates, self.rates_in, new)

    def _update_rebase(self) -> None:
        rebased = self._rebased()
        self.rebase_button.setVisible(rebased is not None)
        if rebased is not None:
            self.rebase_button.setText(f"Convert the rates to {self._display_code()}")
            self.rebase_button.setToolTip(f"The rates are in {self.rates_in}; express them in "
                                          f"{self._display_code()} using its rate")

    def rebase(self) -> None:
        rebased = self._rebased()
        if rebased is not None:
            self.rates_in = self._display_code()
            self._fill_rates(rebased)
            self._update_current_total()

    def _display_currency_edited(self) -> None:
        if not self.rates.rowCount():
            self.rates_in = self._display_code()
        self._update_rates_view()
        self._update_current_total()

    def _update_current_total(self) -> None:
        e = self.editors
        try:
            amounts = [money.parse_amount(e[n].value()) for n in ("current_base", "current_bonus", "current_equity")]
        except ValueError:
            self.current_total.setText("")
            return
        code, shown = e["current_currency"].value(), self._display_code()
        total = money.yearly_total(*amounts)
        text = f"Total / year: {money.format_money(total, code)}"
        converted = money.convert(total, code, Settings(shown, self._typed_rates() or {}))
        if code != shown and converted is not None:
            text += f"  ≈ {money.format_money(converted, shown)}"
        self.current_total.setText(text if any(a is not None for a in amounts) else "")

    # --- checking and saving --------------------------------------------------------------------

    def collect(self) -> tuple[Settings, list[FieldError], set[int]]:
        """The settings shown, every error found (with the rows of the rates table that are wrong)."""
        errors: list[FieldError] = []
        values: dict[str, Any] = {}
        for spec in FIELDS:
            try:
                values[spec.name] = spec.clean(self.editors[spec.name].value())
            except ValueError as exc:
                errors.append(FieldError(spec.name, str(exc)))
        display = (values.get("display_currency") or "").upper()
        values["display_currency"] = display
        rates, problems = money.check_rate_rows(self.rate_rows(), display)
        errors += [FieldError("exchange_rates", problems[row]) for row in sorted(problems)]
        amounts = [values.get(n) for n in ("current_base", "current_bonus", "current_equity")]
        if any(a is not None for a in amounts) and not values.get("current_currency"):
            errors.append(FieldError("current_currency", "is required when an amount is given"))
        known = {k: v for k, v in values.items() if k not in {e.field for e in errors}}
        result = replace(self.original, **known, exchange_rates=rates)
        try:
            result.validate()
        except ValidationError as exc:
            have = {e.field for e in errors}
            errors += [e for e in exc.errors if e.field not in have]
        return result, errors, set(problems)

    def show_errors(self, errors: list[FieldError], bad_rows: set[int] | None = None) -> None:
        bad_rows = bad_rows or set()
        by_field: dict[str, list[str]] = {}
        for error in errors:
            by_field.setdefault(error.field if error.field in self.errors else "exchange_rates", []).append(
                error.message)
        for name, label in self.errors.items():
            messages = by_field.get(name, [])
            label.setText("\n".join(m[:1].upper() + m[1:] for m in messages))
            label.setVisible(bool(messages))
            widget = self.editors[name].input if name in self.editors else self.rates
            _set_invalid(widget, bool(messages))
        tint = QColor(tones(self)["bad"])
        tint.setAlpha(50)
        with QSignalBlocker(self.rates):
            for row in range(self.rates.rowCount()):
                for column in (RATE_CODE, RATE_VALUE):
                    item = self.rates.item(row, column)
                    item.setBackground(QBrush(tint) if row in bad_rows else QBrush())

    def error_text(self, name: str) -> str:
        label = self.errors[name]
        return label.text() if not label.isHidden() else ""

    def accept(self) -> None:
        result, errors, bad_rows = self.collect()
        self.show_errors(errors, bad_rows)
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        if errors:
            first = next((f.name for f in FIELDS if self.error_text(f.name)), None)
            focus = self.editors[first].input if first else self.rates
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        try:
            app_settings.save(result)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        if result.theme != self.original.theme:
            self.main_window.apply_theme(result.theme, store=False)
        if result != self.original:
            change = Change("settings", [RowChange("setting", 0, None, None)])
            self.main_window.bus.publish(change, undoable=False)
            self.main_window.statusBar().showMessage("Settings saved", 5000)
        super().accept()


def run_settings_dialog(window: Any) -> SettingsDialog:
    """Open Settings over the window (window-modal, not blocking) and return the dialog."""
    dialog = SettingsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
