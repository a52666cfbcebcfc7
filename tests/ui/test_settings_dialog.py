"""File → Settings, typed into as a person would, checked in the database."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from desktop_app import settings
from desktop_app.db import models as m
from desktop_app.settings import Settings
from desktop_app.ui.settings_dialog import RATE_CODE, RATE_VALUE, SettingsDialog


def stored() -> list[tuple[str, str]]:
    return sorted(m.Setting.select(m.Setting.key, m.Setting.value).tuples())


@pytest.fixture
def saved(database: object) -> Settings:
    start = Settings(display_currency="EUR", exchange_rates={"USD": "0.92", "GBP": "1.17"},
                     current_base=78_000, current_currency="EUR")
    settings.save(start)
    return start


def open_settings(window: Any, qtbot: Any) -> SettingsDialog:
    window.settings_action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_into(qtbot: Any, widget: Any, text: str) -> None:
    line = widget.lineEdit() if hasattr(widget, "lineEdit") and widget.lineEdit() else widget
    widget.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)


def edit_cell(qtbot: Any, dialog: SettingsDialog, row: int, column: int, text: str) -> None:
    table = dialog.rates
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, column).text() == text.upper() if column == RATE_CODE
                    else table.item(row, column).text() == text)


def press(qtbot: Any, dialog: SettingsDialog, button: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(dialog.buttons.button(button), Qt.MouseButton.LeftButton)


def test_shows_what_is_stored(window: Any, saved: Settings, qtbot: Any) -> None:
    dialog = open_settings(window, qtbot)
    assert dialog.editors["display_currency"].value() == "EUR"
    assert dialog.rate_rows() == [("GBP", "1.17"), ("USD", "0.92")]
    assert dialog.rates.horizontalHeaderItem(RATE_VALUE).text() == "EUR per 1 unit"
    assert dialog.rates.item(1, 2).text() == "1,000 USD = 920 EUR"
    assert dialog.editors["current_base"].input.text() == "78,000"
    assert dialog.current_total.text() == "Total / year: 78,000 EUR"
    assert dialog.editors["theme"].value() == "system"
    dialog.reject()


def test_change_the_display_currency_and_a_rate_then_ok(window: Any, saved: Settings, qtbot: Any) -> None:
    seen: list[Any] = []
    window.bus.changed.connect(seen.append)
    dialog = open_settings(window, qtbot)
    type_into(qtbot, dialog.editors["display_currency"].input, "chf")
    assert dialog.rates.horizontalHeaderItem(RATE_VALUE).text() == "CHF per 1 unit"
    assert not dialog.rebase_button.isVisible()  # no CHF rate to convert the others with
    edit_cell(qtbot, dialog, 1, RATE_VALUE, "0.88")
    qtbot.mouseClick(dialog.add_rate_button, Qt.MouseButton.LeftButton)
    edit_cell(qtbot, dialog, 2, RATE_CODE, "eur")
    edit_cell(qtbot, dialog, 2, RATE_VALUE, "0.95")
    dialog.rates.setCurrentCell(0, RATE_CODE)
    qtbot.mouseClick(dialog.remove_rate_button, Qt.MouseButton.LeftButton)  # GBP goes
    type_into(qtbot, dialog.editors["habit_target_per_month"].input, "3")
    type_into(qtbot, dialog.editors["backup_retention"].input, "25")
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    now = settings.load()
    assert now.display_currency == "CHF"
    assert now.exchange_rates == {"USD": "0.88", "EUR": "0.95"}
    assert (now.habit_target_per_month, now.backup_retention) == (3, 25)
    assert now.current_base == 78_000 and now.current_currency == "EUR"
    assert [c.tables for c in seen] == [{"setting"}]  # the screens are told ...
    assert not window.undo_action.isEnabled()  # ... but settings are not an undo step


def test_cancel_writes_nothing(window: Any, saved: Settings, qtbot: Any) -> None:
    before = stored()
    dialog = open_settings(window, qtbot)
    type_into(qtbot, dialog.editors["display_currency"].input, "USD")
    edit_cell(qtbot, dialog, 0, RATE_VALUE, "2")
    type_into(qtbot, dialog.editors["current_base"].input, "99000")
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert stored() == before


def test_a_bad_rate_is_explained_under_the_table_and_nothing_is_saved(window: Any, saved: Settings,
                                                                     qtbot: Any) -> None:
    before = stored()
    dialog = open_settings(window, qtbot)
    edit_cell(qtbot, dialog, 1, RATE_VALUE, "0,92")
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.isVisible()
    assert dialog.error_text("exchange_rates") == "The rate for USD: '0,92' is not a number; use a decimal point, e.g. 0.92"
    assert dialog.errors["exchange_rates"].isVisible()
    assert dialog.rates.item(1, RATE_VALUE).background().color().alpha() > 0  # the row is marked
    assert stored() == before
    edit_cell(qtbot, dialog, 1, RATE_VALUE, "0.9")
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert settings.load().exchange_rates == {"USD": "0.9", "GBP": "1.17"}


def test_settings_validate_errors_are_shown_next_to_their_fields(window: Any, saved: Settings, qtbot: Any) -> None:
    before = stored()
    dialog = open_settings(window, qtbot)
    type_into(qtbot, dialog.editors["display_currency"].input, "XYZ")
    type_into(qtbot, dialog.editors["habit_target_per_month"].input, "500")
    type_into(qtbot, dialog.editors["current_base"].input, "plenty")
    qtbot.mouseClick(dialog.add_rate_button, Qt.MouseButton.LeftButton)
    edit_cell(qtbot, dialog, 2, RATE_CODE, "usd")  # twice
    edit_cell(qtbot, dialog, 2, RATE_VALUE, "1")
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.error_text("display_currency") == "'XYZ' is not an ISO 4217 code"
    assert dialog.error_text("habit_target_per_month") == "Use a number of interviews from 0 to 100"
    assert "is not an amount" in dialog.error_text("current_base")
    assert dialog.error_text("exchange_rates") == "USD has two rates; keep one"
    assert dialog.editors["display_currency"].input.hasFocus()
    assert stored() == before


def test_the_rates_are_converted_to_a_new_display_currency(window: Any, saved: Settings, qtbot: Any) -> None:
    dialog = open_settings(window, qtbot)
    type_into(qtbot, dialog.editors["display_currency"].input, "USD")
    assert dialog.rebase_button.isVisible() and dialog.rebase_button.text() == "Convert the rates to USD"
    qtbot.mouseClick(dialog.rebase_button, Qt.MouseButton.LeftButton)
    assert dialog.rate_rows() == [("EUR", "1.08696"), ("GBP", "1.27174")]  # 1/0.92, 1.17/0.92
    assert dialog.current_total.text() == "Total / year: 78,000 EUR  ≈ 84,783 USD"
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert settings.load().exchange_rates == {"EUR": "1.08696", "GBP": "1.27174"}


def test_the_theme_is_applied_and_stored(window: Any, saved: Settings, qtbot: Any) -> None:
    dialog = open_settings(window, qtbot)
    combo = dialog.editors["theme"].input
    combo.setFocus()
    qtbot.keyClicks(combo, "Dark")
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert settings.load().theme == "dark" and window.theme == "dark"
    assert window.theme_actions["dark"].isChecked()
    assert QApplication.instance().palette().color(QApplication.instance().palette().ColorRole.Window).lightness() < 60
    window.apply_theme("light")
