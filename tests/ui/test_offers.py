"""The Offers screen driven as a person would: typing an offer, a counter-offer, undo, compare."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app import settings
from desktop_app.services import listing, records
from desktop_app.services.changes import Change, RowChange
from desktop_app.ui.screens.offer_compare_dialog import CompareDialog
from tests.ui import helpers as h

Yes, Cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def screen(window: Any) -> Any:
    window.switch_to([s.key for s in window.screens].index("offers"))
    return window.current_screen


def announce(window: Any) -> None:
    window.bus.publish(Change("test", [RowChange("offer", 0, None, {})]))


def offer(company: str, role: str, **values: Any) -> int:
    opportunity = h.opportunity(company, role)
    values = {"received_on": "2026-03-01", "currency": "EUR", "base_salary": 80_000, **values}
    return records.create("offer", {"opportunity": opportunity, **values}).primary_id


def type_into(qtbot: Any, widget: Any, text: str) -> None:
    line = widget.lineEdit() if hasattr(widget, "lineEdit") and widget.lineEdit() else widget
    widget.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)


def click_row(qtbot: Any, screen: Any, row: int, modifier: Any = Qt.KeyboardModifier.NoModifier) -> None:
    view = screen.list.view
    rect = view.visualRect(screen.model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def undo(qtbot: Any, screen: Any, modifier: Any = CTRL) -> None:
    screen.list.view.setFocus()  # not in a text field, whose own Ctrl+Z wins
    qtbot.keyClick(screen.list.view, Qt.Key.Key_Z, modifier)


def use_settings(window: Any, **values: Any) -> None:
    current = settings.load()
    for name, value in values.items():
        setattr(current, name, value)
    settings.save(current)
    window.bus.publish(Change("settings", [RowChange("setting", 0, None, None)]), undoable=False)


def test_an_offer_is_created_by_typing_with_its_total_shown_live(window: Any, screen: Any, qtbot: Any) -> None:
    opportunity = h.opportunity("Acme", "Backend engineer")
    use_settings(window, display_currency="EUR", exchange_rates={"USD": "0.92"}, current_base=100_000,
                 current_currency="EUR")
    assert screen.pages.currentWidget() is screen.empty_page
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    form = screen.form
    assert form.input("opportunity").hasFocus()
    qtbot.keyClicks(form.input("opportunity").lineEdit(), "acme back")
    popup = form.editor("opportunity").completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert form.input("opportunity").currentText() == "Acme — Backend engineer"
    type_into(qtbot, form.input("received_on"), "2026-03-01")
    type_into(qtbot, form.input("respond_by"), "2026-03-15")
    type_into(qtbot, form.input("currency"), "usd")
    qtbot.keyClicks(form.input("base_salary"), "100000")
    assert screen.total.plain == "Total / year 100,000 USD · ≈ 92,000 EUR · −8,000 EUR (−8.0%) against your current job"
    qtbot.keyClicks(form.input("bonus"), "10,000")
    qtbot.keyClicks(form.input("equity_per_year"), "20000")
    qtbot.keyClicks(form.input("sign_on"), "15000")
    assert screen.total.plain.startswith("Total / year 130,000 USD · ≈ 119,600 EUR · +19,600 EUR (+19.6%)")
    assert screen.total.plain.endswith("Sign-on 15,000 USD: one-off, not in the total")
    form.input("status").setFocus()
    qtbot.keyClicks(form.input("status"), "Neg")
    form.input("benefits").setFocus()
    qtbot.keyClicks(form.input("benefits"), "30 days off")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)

    [offer_id] = listing.list_ids("offer")
    saved = records.get("offer", offer_id)
    assert saved["opportunity"] == opportunity and saved["currency"] == "USD"
    assert (saved["base_salary"], saved["bonus"], saved["equity_per_year"], saved["sign_on"]) == (
        100_000, 10_000, 20_000, 15_000)
    assert str(saved["respond_by"]) == "2026-03-15" and saved["status"] == "negotiating"
    assert saved["benefits"] == "30 days off"
    assert h.shown_column(screen.model, "yearly_total") == ["130,000"]
    assert screen.form_title.text() == "Acme — Backend engineer · 2026-03-01"
    assert window.undo_action.text().replace("&", "") == "Undo create offer"
    assert screen.revisions.heading.text() == "Revisions"  # none yet


def test_a_counter_offer_keeps_the_earlier_figures_and_undoes_as_one_step(window: Any, screen: Any,
                                                                          qtbot: Any) -> None:
    offer_id = offer("Acme", "Backend engineer", base_salary=90_000, bonus=9_000)
    announce(window)
    assert screen.show_record(offer_id)
    assert screen.revisions.view.isHidden()
    qtbot.mouseClick(screen.revisions.revise_button, Qt.MouseButton.LeftButton)
    assert screen.form.input("base_salary").hasFocus()
    qtbot.keyClicks(screen.form.input("base_salary"), "96000")  # the old figure is selected: typed over
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)

    assert records.get("offer", offer_id)["base_salary"] == 96_000
    [revision] = listing.list_ids("offer_revision", filters={"offer": offer_id})
    assert records.get("offer_revision", revision)["base_salary"] == 90_000
    assert screen.revisions.heading.text() == "Revisions (1)"
    assert not screen.revisions.view.isHidden()
    assert screen.revisions.shown_whens()[0] == "Current" and len(screen.revisions.shown_whens()) == 2
    assert screen.revisions.model.index(1, 1).data() == "90,000 EUR"
    assert "99,000 EUR to <b>105,000 EUR</b> (+6.1%)" in screen.revisions.summary.text()
    assert window.undo_action.text().replace("&", "") == "Undo revise offer"

    undo(qtbot, screen)
    assert records.get("offer", offer_id)["base_salary"] == 90_000
    assert listing.count("offer_revision") == 0
    assert screen.form.input("base_salary").text() == "90,000"
    assert screen.revisions.heading.text() == "Revisions" and screen.revisions.view.isHidden()

    undo(qtbot, screen, CTRL_SHIFT)  # redo
    assert records.get("offer", offer_id)["base_salary"] == 96_000
    assert listing.list_ids("offer_revision", filters={"offer": offer_id}) == [revision]
    assert screen.revisions.heading.text() == "Revisions (1)"


def test_editing_notes_only_keeps_no_revision(window: Any, screen: Any, qtbot: Any) -> None:
    offer_id = offer("Acme", "Backend engineer")
    announce(window)
    assert screen.show_record(offer_id)
    screen.form.input("notes").setFocus()
    qtbot.keyClicks(screen.form.input("notes"), "Call Ann back")
    assert screen.save()
    assert listing.count("offer_revision") == 0
    assert window.undo_action.text().replace("&", "") == "Undo edit offer"


def test_bad_values_are_named_next_to_their_fields(window: Any, screen: Any, qtbot: Any) -> None:
    offer_id = offer("Acme", "Backend engineer")
    announce(window)
    assert screen.show_record(offer_id)
    form = screen.form
    type_into(qtbot, form.input("respond_by"), "2026-02-01")
    type_into(qtbot, form.input("base_salary"), "a lot")
    assert screen.total.plain == "fix the amounts"
    qtbot.mouseClick(screen.buttons["save"], Qt.MouseButton.LeftButton)
    assert "is not an amount" in form.error_text("base_salary")
    assert form.error_labels["base_salary"].isVisible()
    type_into(qtbot, form.input("base_salary"), "85000")
    qtbot.mouseClick(screen.buttons["save"], Qt.MouseButton.LeftButton)
    assert form.error_text("respond_by") == "2026-02-01 is before the day the offer came (2026-03-01)"
    saved = records.get("offer", offer_id)
    assert saved["respond_by"] is None and saved["base_salary"] == 80_000
    assert listing.count("offer_revision") == 0


def test_delete_confirms_and_takes_the_revisions(window: Any, screen: Any, qtbot: Any, dialogs: Any) -> None:
    doomed = offer("Acme", "Backend engineer")
    window.bus.publish(records.update("offer", doomed, {"base_salary": 85_000}))
    keep = offer("Globex", "Staff engineer", received_on="2026-01-01")
    announce(window)
    assert screen.show_record(doomed)
    screen.list.view.setFocus()
    dialogs.answer(Cancel)
    qtbot.keyClick(screen.list.view, Qt.Key.Key_Delete)
    assert "This also deletes 1 offer revision." in dialogs.last
    assert records.exists("offer", doomed)
    dialogs.answer(Yes)
    qtbot.mouseClick(screen.buttons["delete"], Qt.MouseButton.LeftButton)
    assert not records.exists("offer", doomed) and listing.count("offer_revision") == 0
    assert screen.form.record_id == keep
    undo(qtbot, screen)
    assert records.exists("offer", doomed) and listing.count("offer_revision") == 1


def test_the_opportunity_link_opens_it(window: Any, screen: Any, qtbot: Any) -> None:
    offer_id = offer("Acme", "Backend engineer")
    announce(window)
    assert screen.show_record(offer_id)
    qtbot.mouseClick(screen.open_opportunity_button, Qt.MouseButton.LeftButton)
    assert window.current_screen.key == "opportunities"
    assert window.current_screen.form.record_id == records.get("offer", offer_id)["opportunity"]


def test_three_offers_compared_with_the_current_job(window: Any, screen: Any, qtbot: Any, dialogs: Any) -> None:
    use_settings(window, display_currency="EUR", exchange_rates={"USD": "0.92"}, current_base=78_000,
                 current_bonus=6_000, current_currency="EUR")
    offer("Acme", "Backend engineer", received_on="2026-03-03", base_salary=90_000, bonus=9_000,
          equity_per_year=5_000, sign_on=10_000)
    offer("Globex", "Staff engineer", received_on="2026-03-02", currency="USD", base_salary=100_000, bonus=10_000,
          equity_per_year=20_000, sign_on=15_000)
    offer("Initech", "Platform engineer", received_on="2026-03-01", currency="SEK", base_salary=900_000)
    announce(window)
    assert h.shown_column(screen.model, "company") == ["Acme", "Globex", "Initech"]
    click_row(qtbot, screen, 0)
    assert not screen.compare_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_C, CTRL_SHIFT)  # one is not enough: it says how to choose
    assert "Choose 2 to 4 offers" in dialogs.last and "Ctrl+click" in dialogs.last
    click_row(qtbot, screen, 1, CTRL)
    click_row(qtbot, screen, 2, CTRL)
    assert screen.compare_button.isEnabled() and screen.compare_button.text() == "Compare 3…"
    qtbot.mouseClick(screen.compare_button, Qt.MouseButton.LeftButton)

    dialog = screen.compare_dialog
    assert isinstance(dialog, CompareDialog) and dialog.isVisible()
    # columns: current job, Acme (EUR), Globex (USD at 0.92), Initech (SEK, no rate)
    assert [dialog.text("yearly_total", i) for i in range(4)] == [
        "84,000 EUR", "104,000 EUR", "119,600 EUR", "900,000 SEK ⚠"]
    assert [dialog.text("base", i) for i in range(4)] == ["78,000 EUR", "90,000 EUR", "92,000 EUR", "900,000 SEK ⚠"]
    assert dialog.cells[("base", 2)].secondary == "100,000 USD"
    assert [dialog.text("difference", i) for i in (1, 2, 3)] == ["+20,000 EUR", "+35,600 EUR", "—"]
    assert [dialog.cells[("difference", i)].secondary for i in (1, 2)] == ["+23.8%", "+42.4%"]
    assert [dialog.text("sign_on", i) for i in (1, 2)] == ["10,000 EUR", "13,800 EUR"]
    assert dialog.cells[("yearly_total", 3)].tone == "warn"
    assert dialog.comparison.best_ids == {listing.list_ids("offer")[1]}  # Globex
    assert "Best total" in dialog.grid.itemAtPosition(0, 3).widget().text()
    assert dialog.notes.isVisible()
    assert "no exchange rate for SEK" in dialog.notes.text() and "left out of the totals" in dialog.notes.text()
    assert "Initech" in dialog.as_text() and "119,600 EUR (130,000 USD)" in dialog.as_text()
    dialog.reject()
    qtbot.waitUntil(lambda: screen.compare_dialog is None)


def test_new_settings_refresh_the_total_in_the_display_currency(window: Any, screen: Any, qtbot: Any) -> None:
    offer_id = offer("Acme", "Backend engineer", currency="USD", base_salary=100_000)
    announce(window)
    use_settings(window, display_currency="EUR", exchange_rates={})
    assert screen.show_record(offer_id)
    assert "No USD rate" in screen.total.detail_label.text()
    use_settings(window, exchange_rates={"USD": "0.9"})
    assert screen.total.plain == "Total / year 100,000 USD · ≈ 90,000 EUR"


def test_compare_keys_belong_to_the_offers_screen(window: Any, screen: Any, qtbot: Any, dialogs: Any) -> None:
    first, second = offer("Acme", "Backend engineer"), offer("Globex", "Staff engineer")
    announce(window)
    screen.list.view.selectAll()
    assert screen.selected_ids() == [first, second] or screen.selected_ids() == [second, first]
    window.switch_to([s.key for s in window.screens].index("opportunities"))
    qtbot.keyClick(window, Qt.Key.Key_C, CTRL_SHIFT)
    assert screen.compare_dialog is None and dialogs.asked == []
    window.switch_to([s.key for s in window.screens].index("offers"))
    qtbot.keyClick(window, Qt.Key.Key_C, CTRL_SHIFT)
    assert screen.compare_dialog is not None and len(screen.compare_dialog.comparison.offers) == 2
    screen.compare_dialog.reject()
