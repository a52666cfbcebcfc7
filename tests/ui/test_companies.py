"""The Companies screen, driven as a person would: the form, the scorecard, my standards, merge and links."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QMessageBox

from desktop_app.db import models as m
from desktop_app.services import listing, records
from desktop_app.services.changes import Change, RowChange
from tests.ui import helpers as h

Yes, Cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def screen(window: Any) -> Any:
    window.switch_to(6)
    assert window.current_screen.key == "companies"
    return window.current_screen


def announce(window: Any) -> None:
    """Records written by the test itself: announce them like a service write would be."""
    window.bus.publish(Change("test", [RowChange("company", 0, None, {})]), undoable=False)


def criterion(name: str, weight: int, active: bool = True) -> int:
    return records.create("criterion", {"name": name, "weight": weight, "active": active}).primary_id


def type_into(qtbot: Any, widget: Any, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def undo(qtbot: Any, window: Any) -> None:
    window.current_screen.list.view.setFocus()  # not in a text field, whose own Ctrl+Z wins
    qtbot.keyClick(window.current_screen.list.view, Qt.Key.Key_Z, CTRL)


def redo(qtbot: Any, window: Any) -> None:
    window.current_screen.list.view.setFocus()
    qtbot.keyClick(window.current_screen.list.view, Qt.Key.Key_Z, CTRL_SHIFT)


def score_rows(company_id: int) -> list[tuple[str, int, str]]:
    query = (m.Score.select(m.Criterion.name, m.Score.score, m.Score.scored_on).join(m.Criterion)
             .where(m.Score.company == company_id).order_by(m.Score.id))
    return [(name, value, str(day)) for name, value, day in query.tuples()]


def row_of(panel: Any, name: str) -> int:
    return [line.name for line in panel.model.lines].index(name)


# --- the form ---------------------------------------------------------------------------------


def test_the_empty_screen_explains_exposure_and_offers_a_first_company(screen: Any, qtbot: Any) -> None:
    assert screen.pages.currentWidget() is screen.empty_page
    texts = " ".join(label.text() for label in screen.empty_page.findChildren(QLabel))
    assert "No companies yet" in texts and "sharpens your standards" in texts
    assert screen.empty_standards_button.isVisible()
    qtbot.mouseClick(screen.empty_button, Qt.MouseButton.LeftButton)
    assert screen.form_title.text() == "New company"
    assert screen.form.input("name").hasFocus()
    assert "Save the company first" in screen.scorecard.empty.text()


def test_create_a_company_by_typing_then_undo_and_redo(window: Any, screen: Any, qtbot: Any) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    form = screen.form
    qtbot.keyClicks(form.input("name"), "Initech")
    qtbot.keyClicks(form.input("website"), "https://initech.example")
    qtbot.keyClicks(form.input("industry"), "Fintech")
    form.input("size_band").setFocus()
    qtbot.keyClicks(form.input("size_band"), "51")
    qtbot.keyClicks(form.input("location"), "Austin, TX")
    form.reveal("red_flags")
    qtbot.keyClicks(form.input("red_flags"), "TPS reports, twice")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)

    [company] = listing.list_ids("company")
    saved = records.get("company", company)
    assert (saved["name"], saved["website"], saved["industry"], saved["size_band"], saved["location"]) == (
        "Initech", "https://initech.example", "Fintech", "51-200", "Austin, TX")
    assert saved["red_flags"] == "TPS reports, twice"
    assert screen.list.current_id() == company and screen.form_title.text() == "Initech"
    assert h.shown_column(screen.model, "industry") == ["Fintech"]
    assert window.undo_action.text().replace("&", "") == "Undo create company"

    undo(qtbot, window)
    assert listing.count("company") == 0 and screen.model.rowCount() == 0
    redo(qtbot, window)
    assert listing.list_ids("company") == [company]
    assert h.shown_column(screen.model, "name") == ["Initech"]


def test_edit_save_undo_and_redo(window: Any, screen: Any, qtbot: Any) -> None:
    company = h.company("Globex", industry="Energy")
    announce(window)
    assert screen.show_record(company)
    type_into(qtbot, screen.form.input("industry"), "Robotics")
    qtbot.mouseClick(screen.buttons["save"], Qt.MouseButton.LeftButton)
    assert records.get("company", company)["industry"] == "Robotics"
    assert window.undo_action.text().replace("&", "") == "Undo edit company"
    undo(qtbot, window)
    assert records.get("company", company)["industry"] == "Energy"
    assert screen.form.input("industry").text() == "Energy"
    redo(qtbot, window)
    assert screen.form.input("industry").text() == "Robotics"


def test_search_and_the_industry_filter_narrow_the_list(window: Any, screen: Any, qtbot: Any) -> None:
    h.company("Acme", industry="Fintech", location="Berlin")
    h.company("Globex", industry="Energy", location="Berlin")
    h.company("Initech", industry="Fintech", location="Austin")
    announce(window)
    box = screen.industry_box
    assert [box.itemText(i) for i in range(box.count())] == ["All industries", "Energy", "Fintech"]
    box.setFocus()
    qtbot.keyClicks(box, "Fin")
    assert box.currentData() == "Fintech"
    assert h.shown_column(screen.model, "name") == ["Acme", "Initech"]
    assert screen.list.count_label.text() == "2 of 3 companies"
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(screen.list.search, "berlin")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert h.shown_column(screen.model, "name") == ["Acme"]
    screen.list.set_filter("industry", None)
    assert h.shown_column(screen.model, "name") == ["Acme", "Globex"]


def test_a_duplicate_name_is_explained_next_to_the_field(window: Any, screen: Any, qtbot: Any) -> None:
    h.company("Acme GmbH")
    announce(window)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.keyClicks(screen.form.input("name"), "  ACME gmbh ")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    assert "already a company with the same name" in screen.form.error_text("name")
    assert screen.form.error_labels["name"].isVisible()
    assert listing.count("company") == 1
    type_into(qtbot, screen.form.input("name"), "Acme AG")
    assert screen.form.error_text("name") == ""
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    assert listing.count("company") == 2


def test_delete_confirms_with_the_scores_that_go_and_undo_brings_them_back(window: Any, screen: Any, qtbot: Any,
                                                                         dialogs: Any) -> None:
    doomed = h.company("Hooli")
    keep = h.company("Pied Piper")
    for name in ("Culture", "Pay"):
        records.create("score", {"company": doomed, "criterion": criterion(name, 3), "score": 2,
                                 "scored_on": "2026-01-05"})
    announce(window)
    assert screen.show_record(doomed)
    screen.list.view.setFocus()
    dialogs.answer(Cancel)
    qtbot.keyClick(screen.list.view, Qt.Key.Key_Delete)
    assert "Delete this company? This also deletes 2 scores." in dialogs.last
    assert records.exists("company", doomed)
    dialogs.answer(Yes)
    qtbot.mouseClick(screen.buttons["delete"], Qt.MouseButton.LeftButton)
    assert not records.exists("company", doomed) and m.Score.select().count() == 0
    assert screen.form.record_id == keep
    undo(qtbot, window)
    assert records.exists("company", doomed) and len(score_rows(doomed)) == 2


def test_a_refused_delete_offers_to_merge_instead(window: Any, screen: Any, qtbot: Any, dialogs: Any) -> None:
    company = h.company("Acme")
    for title in ("Backend", "Frontend", "SRE"):
        h.opportunity("Acme", title)
    records.create("contact", {"name": "Ann", "company": company})
    announce(window)
    assert screen.show_record(company)
    dialogs.answer(Cancel)
    qtbot.mouseClick(screen.buttons["delete"], Qt.MouseButton.LeftButton)
    _function, title, text = dialogs.asked[-1]
    assert title == "Cannot delete this company"
    assert "“Acme” still has 3 opportunities and 1 contact" in text
    assert "merge it into that one" in text and "Merge “Acme” into another company now?" in text
    assert records.exists("company", company) and screen.merge_dialog is None
    dialogs.answer(Yes)
    qtbot.mouseClick(screen.buttons["delete"], Qt.MouseButton.LeftButton)
    assert screen.merge_dialog is not None and screen.merge_dialog.isVisible()
    assert "has 3 opportunities and 1 contact" in screen.merge_dialog.preview.text()
    screen.merge_dialog.reject()


# --- the scorecard ----------------------------------------------------------------------------


def test_scoring_with_the_keyboard_shows_the_weighted_fit(window: Any, screen: Any, qtbot: Any) -> None:
    company = h.company("Acme")
    criterion("Engineering culture", 5)
    criterion("Pay", 3)
    criterion("Perks", 1)
    criterion("Ping-pong table", 4, active=False)
    announce(window)
    assert screen.show_record(company)
    panel = screen.scorecard
    assert [line.name for line in panel.model.lines] == ["Engineering culture", "Pay", "Perks"]
    assert panel.fit_value.text() == "–" and "Not scored yet" in panel.fit_caption.text()

    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(row_of(panel, "Engineering culture"), 0))
    qtbot.keyClicks(panel.view, "4")
    panel.view.setCurrentIndex(panel.model.index(row_of(panel, "Pay"), 0))
    qtbot.keyClicks(panel.view, "2")
    # (5*4 + 3*2) / (5 + 3) = 26 / 8 = 3.25; Perks is not scored, so it is left out
    assert panel.fit_value.text() == "3.25"
    assert "2 of 3 standards scored" in panel.fit_caption.text()
    today = dt.date.today().isoformat()
    assert score_rows(company) == [("Engineering culture", 4, today), ("Pay", 2, today)]
    assert window.undo_action.text().replace("&", "") == "Undo score Acme on Pay"

    # the same day again corrects the score rather than adding one; the list of 1-5 saves on choosing
    score = panel.model.index(row_of(panel, "Pay"), 2)
    panel.view.setCurrentIndex(score)
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(5))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: panel.fit_value.text() == "4.38")  # (20 + 15) / 8 = 4.375, half up
    assert score_rows(company) == [("Engineering culture", 4, today), ("Pay", 5, today)]
    assert score.data() == "★★★★★"

    panel.view.setCurrentIndex(panel.model.index(row_of(panel, "Perks"), 0))
    qtbot.keyClicks(panel.view, "1")
    assert panel.fit_value.text() == "4.00"  # (20 + 15 + 1*1) / 9 = 36 / 9
    undo(qtbot, window)
    assert panel.fit_value.text() == "4.38" and len(score_rows(company)) == 2
    redo(qtbot, window)
    assert panel.fit_value.text() == "4.00"


def test_a_note_explains_the_latest_score(window: Any, screen: Any, qtbot: Any) -> None:
    company = h.company("Acme")
    culture = criterion("Engineering culture", 5)
    records.create("score", {"company": company, "criterion": culture, "score": 2, "scored_on": "2026-01-05"})
    announce(window)
    assert screen.show_record(company)
    panel = screen.scorecard
    note = panel.model.index(0, 4)
    panel.view.setFocus()
    panel.view.setCurrentIndex(note)
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "No code review at all")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: m.Score.get().note == "No code review at all")
    assert note.data() == "No code review at all"
    assert window.undo_action.text().replace("&", "") == "Undo edit note on Engineering culture"


def test_delete_on_a_row_removes_its_latest_score(window: Any, screen: Any, qtbot: Any, dialogs: Any) -> None:
    company = h.company("Acme")
    pay = criterion("Pay", 2)
    for value, day in ((2, "2026-01-05"), (4, "2026-02-05")):
        records.create("score", {"company": company, "criterion": pay, "score": value, "scored_on": day})
    announce(window)
    assert screen.show_record(company)
    panel = screen.scorecard
    assert panel.fit_value.text() == "4.00"
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    dialogs.answer(Yes)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert "Remove the latest score of “Pay” (4 on 2026-02-05)?" in dialogs.last
    assert score_rows(company) == [("Pay", 2, "2026-01-05")]
    assert panel.fit_value.text() == "2.00"


# --- my standards -----------------------------------------------------------------------------


def test_my_standards_are_created_edited_switched_off_and_deleted(window: Any, screen: Any, qtbot: Any,
                                                                  dialogs: Any) -> None:
    company = h.company("Acme")
    culture = criterion("Engineering culture", 5)
    records.create("score", {"company": company, "criterion": culture, "score": 2, "scored_on": "2026-01-05"})
    announce(window)
    assert screen.show_record(company)
    panel = screen.scorecard
    assert panel.fit_value.text() == "2.00"
    screen.list.view.setFocus()
    qtbot.keyClick(screen.list.view, Qt.Key.Key_S, CTRL_SHIFT)
    dialog = screen.standards_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    editor = dialog.editor
    assert editor.form.record_id == culture  # the first standard is shown

    qtbot.mouseClick(editor.buttons["new"], Qt.MouseButton.LeftButton)
    form = editor.form
    assert form.input("name").hasFocus()
    qtbot.keyClicks(form.input("name"), "Pairing")
    type_into(qtbot, form.input("weight"), "9")
    qtbot.keyClicks(form.input("description"), "We pair on hard problems.")
    qtbot.mouseClick(editor.buttons["save"], Qt.MouseButton.LeftButton)
    assert "out of range; use 1 to 5" in form.error_text("weight")
    assert listing.count("criterion") == 1
    type_into(qtbot, form.input("weight"), "3")
    qtbot.mouseClick(editor.buttons["save"], Qt.MouseButton.LeftButton)
    pairing = editor.form.record_id
    assert pairing is not None
    saved = records.get("criterion", pairing)
    assert (saved["name"], saved["weight"], saved["active"], saved["description"]) == (
        "Pairing", 3, True, "We pair on hard problems.")
    assert [line.name for line in panel.model.lines] == ["Engineering culture", "Pairing"]
    assert window.undo_action.text().replace("&", "") == "Undo create criterion"

    panel.model.set_score(row_of(panel, "Pairing"), 5)
    assert panel.fit_value.text() == "3.13"  # (5*2 + 3*5) / 8 = 3.125, half up

    # switch "Engineering culture" off: it leaves the scorecard and the fit, its score is kept
    assert editor.show_record(culture)
    editor.form.input("active").setFocus()
    qtbot.keyClick(editor.form.input("active"), Qt.Key.Key_Space)
    qtbot.keyClick(dialog, Qt.Key.Key_S, CTRL)
    assert records.get("criterion", culture)["active"] is False
    assert [line.name for line in panel.model.lines] == ["Pairing"]
    assert panel.fit_value.text() == "5.00"
    assert len(score_rows(company)) == 2

    # deleting a standard says how many scores go with it
    assert editor.show_record(pairing)
    dialogs.answer(Yes)
    editor.list.view.setFocus()
    qtbot.keyClick(editor.list.view, Qt.Key.Key_Delete)
    assert "This also deletes 1 score." in dialogs.last
    assert not records.exists("criterion", pairing)
    assert panel.fit_value.text() == "–"
    qtbot.keyClick(editor.list.view, Qt.Key.Key_Z, CTRL)  # undo works from the standards window too
    assert records.exists("criterion", pairing) and panel.fit_value.text() == "5.00"
    dialog.close()
    assert not dialog.isVisible()


# --- merge and links --------------------------------------------------------------------------


def test_merge_two_companies_and_undo(window: Any, screen: Any, qtbot: Any) -> None:
    keep = h.company("Acme", industry="Robotics")
    duplicate = h.company("ACME Inc.", location="Berlin")
    kept_opportunity = h.opportunity("Acme", "Backend engineer")
    moved_opportunity = h.opportunity("ACME Inc.", "Data engineer")
    contact = records.create("contact", {"name": "Ann", "company": duplicate}).primary_id
    announce(window)
    assert screen.show_record(duplicate)
    screen.list.view.setFocus()
    qtbot.keyClick(screen.list.view, Qt.Key.Key_M, CTRL_SHIFT)
    dialog = screen.merge_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.merge_button.isEnabled()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    combo = dialog.keep.input
    assert combo.hasFocus()
    qtbot.keyClicks(combo.lineEdit(), "ACME Inc.")
    assert "That is “ACME Inc.” itself" in dialog.error.text()
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "Acme")
    assert dialog.merge_button.isEnabled()
    assert "Moves 1 opportunity and 1 contact to “Acme”." in dialog.preview.text()
    assert "Fills the empty location of “Acme”" in dialog.preview.text()
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    assert not records.exists("company", duplicate)
    assert m.Opportunity.get_by_id(moved_opportunity).company_id == keep
    assert m.Contact.get_by_id(contact).company_id == keep
    assert records.get("company", keep)["location"] == "Berlin"
    assert screen.form.record_id == keep and screen.list.current_id() == keep
    assert screen.links.opportunities.model.rowCount() == 2
    assert window.undo_action.text().replace("&", "") == "Undo merge companies"

    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    undo(qtbot, window)
    assert records.exists("company", duplicate)
    assert m.Opportunity.get_by_id(moved_opportunity).company_id == duplicate
    assert m.Opportunity.get_by_id(kept_opportunity).company_id == keep
    assert m.Contact.get_by_id(contact).company_id == duplicate
    assert records.get("company", keep)["location"] is None
    assert h.shown_column(screen.model, "name") == ["Acme", "ACME Inc."]


def test_a_merge_that_cannot_be_done_says_why(window: Any, screen: Any, qtbot: Any) -> None:
    keep = h.company("Acme")
    duplicate = h.company("Acme Corp")
    for company in ("Acme", "Acme Corp"):
        h.opportunity(company, "Backend engineer")
    announce(window)
    assert screen.show_record(duplicate)
    qtbot.mouseClick(screen.merge_button, Qt.MouseButton.LeftButton)
    dialog = screen.merge_dialog
    qtbot.keyClicks(dialog.keep.input.lineEdit(), "acme")
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert "Both have an opportunity 'Backend engineer'" in dialog.error.text()
    assert dialog.isVisible() and records.exists("company", duplicate) and records.exists("company", keep)
    dialog.reject()


def test_the_company_shows_its_opportunities_and_contacts_and_opens_them(window: Any, screen: Any,
                                                                         qtbot: Any) -> None:
    company = h.company("Acme")
    h.opportunity("Acme", "Backend engineer", invited_on="2026-01-10")
    wanted = h.opportunity("Acme", "Staff engineer", invited_on="2026-03-01")
    h.opportunity("Globex", "Elsewhere")
    contact = records.create("contact", {"name": "Ann Lee", "company": company, "role": "CTO"}).primary_id
    announce(window)
    assert screen.show_record(company)
    links = screen.links
    assert links.opportunities.heading.text() == "Opportunities (2)"
    assert links.contacts.heading.text() == "Contacts (1)"
    view = links.opportunities.view
    title = [c.key for c in links.opportunities.model.columns].index("title")
    assert links.opportunities.model.index(0, title).data() == "Staff engineer"  # newest first
    screen.scroll.ensureWidgetVisible(view)
    rect = view.visualRect(links.opportunities.model.index(0, title))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double click is a
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # press, then a second one
    assert window.current_screen.key == "opportunities"
    assert window.current_screen.form.record_id == wanted

    window.switch_to(6)
    contacts = links.contacts.view
    contacts.setFocus()
    contacts.setCurrentIndex(links.contacts.model.index(0, 0))
    opened: list[tuple[str, int]] = []
    screen.openRequested.connect(lambda kind, record_id: opened.append((kind, record_id)))
    qtbot.keyClick(contacts, Qt.Key.Key_Return)
    assert ("contact", contact) in opened
