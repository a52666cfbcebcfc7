"""What every record screen does, whatever its kind: refresh by the change bus, refusals, keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.services import listing, records
from desktop_app.services.changes import Change, RowChange
from desktop_app.ui.bus import ChangeBus
from desktop_app.ui.record_screen import RecordScreen
from tests.ui import helpers as h

Cancel, Discard = QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard


class CompaniesScreen(RecordScreen):
    """A screen of the next version, made the way screens are made (the pieces are reusable)."""

    key = "companies-test"
    title = "Companies"
    kind_name = "company"
    tables = frozenset({"company", "opportunity"})
    empty_text = "Companies you have seen from the inside."


@pytest.fixture
def companies(qtbot: Any, database: object, dialogs: Any) -> Any:
    screen = CompaniesScreen(ChangeBus())
    qtbot.addWidget(screen)
    screen.resize(1000, 600)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def test_a_refused_delete_says_why_and_keeps_the_record(companies: Any, dialogs: Any) -> None:
    h.opportunity("Acme", "Backend engineer")
    companies.refresh(None)
    assert companies.show_record(companies.model.id_at(0))
    companies.delete_current()
    kind, title, text = dialogs.asked[-1]
    assert kind == "warning" and title == "Cannot delete this company"
    assert "still has 1 opportunity" in text
    assert listing.count("company") == 1


def test_another_screens_change_refreshes_a_screen_that_shows_that_table(window: Any, qtbot: Any) -> None:
    opportunity = h.opportunity("Acme", "Backend engineer")
    opportunities = window.screen("opportunities")
    window.bus.publish(Change("test", [RowChange("opportunity", opportunity, None, {})]))
    assert h.shown_column(opportunities.model, "interviews") == ["0"]
    window.switch_to(2)
    interviews = window.current_screen
    interviews.new_record()
    interviews.form.editor("opportunity").set_value(opportunity)
    interviews.form.editor("opportunity").edited.emit()
    assert interviews.save()
    assert opportunities._stale  # not visible: refreshed when shown again, not now
    window.switch_to(1)
    assert h.shown_column(opportunities.model, "interviews") == ["1"]


def test_a_change_to_an_unrelated_table_does_not_refresh(window: Any) -> None:
    opportunities = window.screen("opportunities")
    window.switch_to(1)
    before = opportunities.model.fetches, id(opportunities.model._ids)
    window.bus.publish(Change("test", [RowChange("skill", 1, None, {})]))
    assert (opportunities.model.fetches, id(opportunities.model._ids)) == before


def test_closing_the_window_asks_about_unsaved_edits(window: Any, qtbot: Any, dialogs: Any) -> None:
    opportunity = h.opportunity("Acme", "Backend engineer")
    window.switch_to(1)
    screen = window.current_screen
    screen.refresh(None)
    assert screen.show_record(opportunity)
    qtbot.keyClicks(screen.form.input("title"), " II")
    dialogs.answer(Cancel)
    window.close()
    assert window.isVisible()
    dialogs.answer(Discard)
    window.close()
    assert not window.isVisible()
    assert records.get("opportunity", opportunity)["title"] == "Backend engineer"


def test_keyboard_moves_from_search_to_list_to_form(window: Any, qtbot: Any) -> None:
    h.opportunity("Acme", "Backend engineer")
    h.opportunity("Globex", "Frontend engineer")
    window.switch_to(1)
    screen = window.current_screen
    screen.refresh(None)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(screen.list.search, "glob")
    qtbot.keyClick(screen.list.search, Qt.Key.Key_Down)
    assert screen.list.view.hasFocus() and screen.model.rowCount() == 1
    assert screen.form_title.text() == "Globex — Frontend engineer"
    qtbot.keyClick(screen.list.view, Qt.Key.Key_Return)
    assert screen.form.input("company").hasFocus()


def test_tab_goes_through_the_fields_in_order(window: Any, qtbot: Any) -> None:
    window.switch_to(1)
    screen = window.current_screen
    screen.new_record()
    seen = [QApplication.focusWidget()]
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    form = screen.form
    expected = [form.input(n) for n in ("company", "title", "status", "source", "invited_on")]
    assert [w is e or w.parent() is e for w, e in zip(seen, expected)] == [True] * 5
