"""The Opportunities screen, driven as a person would: typing, clicking, keys; checked in the database."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from desktop_app.services import listing, records
from tests.ui import helpers as h

Yes, Cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
Save, Discard = QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard


@pytest.fixture
def screen(window: Any) -> Any:
    window.switch_to(1)
    return window.current_screen


def reload(window: Any, screen: Any) -> None:
    """Records written by the test itself: announce them like a service write would be."""
    from desktop_app.services.changes import Change, RowChange

    window.bus.publish(Change("test", [RowChange("opportunity", 0, None, {})]))


def click_row(qtbot: Any, screen: Any, row: int) -> None:
    view = screen.list.view
    rect = view.visualRect(screen.model.index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def type_into(qtbot: Any, widget: Any, text: str) -> None:
    widget.setFocus()
    if hasattr(widget, "selectAll"):
        widget.selectAll()
    elif hasattr(widget, "lineEdit"):
        widget.lineEdit().selectAll()
    qtbot.keyClicks(widget.lineEdit() if hasattr(widget, "lineEdit") and widget.lineEdit() else widget, text)


def test_empty_list_explains_the_screen_and_offers_a_first_record(screen: Any, qtbot: Any) -> None:
    assert screen.pages.currentWidget() is screen.empty_page
    assert "No opportunities yet" in screen.empty_page.findChild(QLabel, "emptyTitle").text()
    qtbot.mouseClick(screen.empty_button, Qt.MouseButton.LeftButton)
    assert screen.pages.currentWidget() is screen.splitter
    assert screen.form_title.text() == "New opportunity"
    assert screen.form.input("company").hasFocus()


def test_create_an_opportunity_by_typing_including_its_company(window: Any, screen: Any, qtbot: Any) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = screen.form
    qtbot.keyClicks(form.input("company").lineEdit(), "Globex")
    assert screen.new_company_button.isVisible()
    assert "Globex" in screen.new_company_button.toolTip()
    qtbot.mouseClick(screen.new_company_button, Qt.MouseButton.LeftButton)
    assert listing.ref_options("company", "globex") != []
    assert not screen.new_company_button.isVisible()
    assert form.input("title").hasFocus()
    qtbot.keyClicks(form.input("title"), "Staff engineer")
    type_into(qtbot, form.input("invited_on"), "2026-03-14")
    form.input("status").setFocus()
    qtbot.keyClicks(form.input("status"), "Invited")
    form.input("said_yes").setFocus()
    qtbot.keyClick(form.input("said_yes"), Qt.Key.Key_Space)
    qtbot.keyClicks(form.input("salary_min"), "120000")
    qtbot.keyClicks(form.input("salary_max"), "150000")
    type_into(qtbot, form.input("salary_currency"), "eur")
    assert form.is_dirty()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    [opportunity_id] = listing.list_ids("opportunity")
    saved = records.get("opportunity", opportunity_id)
    assert saved["title"] == "Staff engineer"
    assert saved["status"] == "invited" and saved["said_yes"] is True
    assert str(saved["invited_on"]) == "2026-03-14"
    assert (saved["salary_min"], saved["salary_max"], saved["salary_currency"]) == (120000, 150000, "EUR")
    assert listing.ref_label("company", saved["company"]) == "Globex"
    assert screen.list.current_id() == opportunity_id
    assert not form.is_dirty()
    assert screen.list.count_label.text() == "1 opportunity"
    assert h.shown_column(screen.model, "company") == ["Globex"]
    assert form.input("salary_min").text() == "120,000"


def test_bad_values_are_shown_next_to_their_fields_and_nothing_is_written(screen: Any, qtbot: Any) -> None:
    h.company("Acme")
    qtbot.mouseClick(screen.buttons["new"], Qt.MouseButton.LeftButton)
    form = screen.form
    qtbot.keyClicks(form.input("company").lineEdit(), "Acme")
    qtbot.keyClicks(form.input("salary_min"), "200000")
    qtbot.keyClicks(form.input("salary_max"), "100000")
    type_into(qtbot, form.input("salary_currency"), "EUR")
    qtbot.mouseClick(screen.buttons["save"], Qt.MouseButton.LeftButton)
    assert form.error_text("title") == "Is required"
    assert form.error_labels["title"].isVisible()
    assert listing.count("opportunity") == 0
    qtbot.keyClicks(form.input("title"), "Backend engineer")
    assert form.error_text("title") == ""  # cleared as soon as it is fixed
    qtbot.mouseClick(screen.buttons["save"], Qt.MouseButton.LeftButton)
    assert "below the lower end" in form.error_text("salary_max")
    assert listing.count("opportunity") == 0
    assert form.input("salary_max").hasFocus()
    type_into(qtbot, form.input("salary_max"), "250000")
    assert form.error_text("salary_max") == ""
    qtbot.mouseClick(screen.buttons["save"], Qt.MouseButton.LeftButton)
    assert listing.count("opportunity") == 1


def test_a_company_that_does_not_exist_is_named_in_the_error(screen: Any, qtbot: Any) -> None:
    qtbot.mouseClick(screen.buttons["new"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.form.input("company").lineEdit(), "Nowhere Inc")
    qtbot.keyClicks(screen.form.input("title"), "Engineer")
    qtbot.mouseClick(screen.buttons["save"], Qt.MouseButton.LeftButton)
    assert "no company named 'Nowhere Inc'" in screen.form.error_text("company")
    assert listing.count("opportunity") == 0 and listing.count("company") == 0


def test_edit_and_save_keeps_the_row_selected(window: Any, screen: Any, qtbot: Any) -> None:
    h.opportunity("Acme", "Backend engineer", invited_on="2026-01-10")
    second = h.opportunity("Initech", "Data engineer", invited_on="2026-02-10")
    reload(window, screen)
    click_row(qtbot, screen, 1)
    assert screen.form.record_id != second
    click_row(qtbot, screen, 0)
    assert screen.form.record_id == second
    type_into(qtbot, screen.form.input("title"), "Senior data engineer")
    assert screen.buttons["save"].isEnabled() and screen.buttons["revert"].isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert records.get("opportunity", second)["title"] == "Senior data engineer"
    assert screen.list.current_id() == second
    assert h.shown_column(screen.model, "title")[screen.list.view.currentIndex().row()] == "Senior data engineer"
    assert not screen.buttons["save"].isEnabled()


def test_revert_puts_back_what_was_saved(window: Any, screen: Any, qtbot: Any) -> None:
    h.opportunity("Acme", "Backend engineer")
    reload(window, screen)
    click_row(qtbot, screen, 0)
    type_into(qtbot, screen.form.input("title"), "Changed my mind")
    qtbot.mouseClick(screen.buttons["revert"], Qt.MouseButton.LeftButton)
    assert screen.form.input("title").text() == "Backend engineer"
    assert not screen.form.is_dirty()


def test_search_and_status_filter_narrow_the_list_in_sql(window: Any, screen: Any, qtbot: Any) -> None:
    h.opportunity("Acme", "Backend engineer", status="invited")
    h.opportunity("Globex", "Frontend engineer", status="lead")
    h.opportunity("Initech", "Platform engineer", status="invited", tech_stack="Kubernetes, Go")
    reload(window, screen)
    assert screen.list.count_label.text() == "3 opportunities"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert screen.list.search.hasFocus()
    qtbot.keyClicks(screen.list.search, "kubern")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert h.shown_column(screen.model, "company") == ["Initech"]
    assert screen.list.count_label.text() == "1 of 3 opportunities"
    screen.list.search.clear()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)
    box = screen.list.filter_boxes["status"]
    box.setFocus()
    qtbot.keyClicks(box, "Invited")
    assert box.currentData() == "invited"
    assert sorted(h.shown_column(screen.model, "company")) == ["Acme", "Initech"]


def test_clicking_a_header_sorts_by_that_column(window: Any, screen: Any, qtbot: Any) -> None:
    for company, title in (("Acme", "Manager"), ("Globex", "Architect"), ("Initech", "Developer")):
        h.opportunity(company, title)
    reload(window, screen)
    header = screen.list.view.horizontalHeader()
    role_column = [c.key for c in screen.model.columns].index("title")
    x = header.sectionViewportPosition(role_column) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(x, 5))
    first = h.shown_column(screen.model, "title")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(x, 5))
    second = h.shown_column(screen.model, "title")
    assert {tuple(first), tuple(second)} == {("Architect", "Developer", "Manager"), ("Manager", "Developer", "Architect")}
    assert screen.model.sort_key == "title"


def test_delete_confirms_with_what_goes_with_it(window: Any, screen: Any, qtbot: Any, dialogs: Any) -> None:
    doomed = h.opportunity("Acme", "Backend engineer")
    for day in ("2026-01-05", "2026-01-12"):
        interview = h.interview(doomed, day)
    h.question(interview, "Explain the GIL")
    keep = h.opportunity("Globex", "Frontend engineer")
    reload(window, screen)
    assert screen.show_record(doomed)
    screen.list.view.setFocus()
    dialogs.answer(Cancel)
    qtbot.keyClick(screen.list.view, Qt.Key.Key_Delete)
    assert "This also deletes 2 interviews and 1 question." in dialogs.last
    assert records.exists("opportunity", doomed)
    dialogs.answer(Yes)
    qtbot.mouseClick(screen.buttons["delete"], Qt.MouseButton.LeftButton)
    assert not records.exists("opportunity", doomed)
    assert listing.count("interview") == 0 and listing.count("question") == 0
    assert screen.list.count_label.text() == "1 opportunity"
    assert screen.form.record_id == keep


def test_deleting_the_last_one_shows_the_empty_state_again(window: Any, screen: Any, qtbot: Any,
                                                           dialogs: Any) -> None:
    only = h.opportunity("Acme", "Backend engineer")
    reload(window, screen)
    assert screen.show_record(only)
    dialogs.answer(Yes)
    screen.delete_current()
    assert dialogs.last.startswith("Delete this opportunity?")
    assert screen.pages.currentWidget() is screen.empty_page


def test_unsaved_changes_are_asked_about_before_moving_on(window: Any, screen: Any, qtbot: Any,
                                                          dialogs: Any) -> None:
    first = h.opportunity("Acme", "Backend engineer", invited_on="2026-02-01")
    second = h.opportunity("Globex", "Frontend engineer", invited_on="2026-01-01")
    reload(window, screen)
    click_row(qtbot, screen, 0)
    assert screen.form.record_id == first
    type_into(qtbot, screen.form.input("title"), "Edited title")

    dialogs.answer(Cancel)
    click_row(qtbot, screen, 1)
    assert "without saving" in dialogs.last
    assert screen.form.record_id == first and screen.form.is_dirty()
    assert screen.list.current_id() == first

    dialogs.answer(Cancel)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen is screen

    dialogs.answer(Discard)
    click_row(qtbot, screen, 1)
    assert screen.form.record_id == second
    assert records.get("opportunity", first)["title"] == "Backend engineer"

    type_into(qtbot, screen.form.input("title"), "Saved on the way out")
    dialogs.answer(Save)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen.key == "interviews"
    assert records.get("opportunity", second)["title"] == "Saved on the way out"


def test_the_list_reads_only_the_rows_it_shows(window: Any, screen: Any, qtbot: Any) -> None:
    from desktop_app.db import db
    from desktop_app.db import models as m

    company_id = h.company("Acme")
    with db.atomic():
        m.Opportunity.insert_many(
            [{"company": company_id, "title": f"Role {i:04d}", "title_key": f"role {i:04d}", "status": "lead",
              "said_yes": False} for i in range(1500)]
        ).execute()
    reload(window, screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1500)
    screen.list.view.viewport().repaint()
    assert screen.list.count_label.text() == "1,500 opportunities"
    assert 1 <= screen.model.fetches <= 2
    assert len(screen.model._pages) <= screen.model.MAX_PAGES
