"""The Contacts screen, driven as a person would: typing, keys, clicks; checked in the database."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QMessageBox

from desktop_app.db import models as m
from desktop_app.services import listing, people, records
from desktop_app.services.changes import Change, RowChange
from tests.ui import helpers as h

Yes, Cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def screen(window: Any) -> Any:
    window.switch_to(4)
    assert window.current_screen.key == "contacts"
    return window.current_screen


def announce(window: Any) -> None:
    window.bus.publish(Change("test", [RowChange("contact", 0, None, {})]))


def contact(name: str, company: str | None = None, **values: Any) -> int:
    company_id = h.company(company) if company else None
    return records.create("contact", {"name": name, "company": company_id, **values}).primary_id


def type_into(qtbot: Any, widget: Any, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def undo(qtbot: Any, window: Any, redo: bool = False) -> None:
    window.current_screen.list.view.setFocus()  # not in a text field, whose own Ctrl+Z wins
    qtbot.keyClick(window.current_screen.list.view, Qt.Key.Key_Z, CTRL_SHIFT if redo else CTRL)


def column(model: Any, key: str) -> int:
    return [c.key for c in model.columns].index(key)


def test_the_empty_screen_explains_networking(screen: Any, qtbot: Any) -> None:
    assert screen.pages.currentWidget() is screen.empty_page
    texts = " ".join(label.text() for label in screen.empty_page.findChildren(QLabel))
    assert "No contacts yet" in texts and "network" in texts
    qtbot.mouseClick(screen.empty_button, Qt.MouseButton.LeftButton)
    assert screen.form_title.text() == "New contact" and screen.form.input("name").hasFocus()


def test_create_a_contact_by_typing_with_a_new_company(window: Any, screen: Any, qtbot: Any) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    form = screen.form
    assert form.input("met_on").text() == dt.date.today().isoformat()
    qtbot.keyClicks(form.input("name"), "Ann Lee")
    qtbot.keyClicks(form.input("company").lineEdit(), "Globex")
    assert screen.new_company_button.isVisible()
    qtbot.mouseClick(screen.new_company_button, Qt.MouseButton.LeftButton)
    assert not screen.new_company_button.isVisible() and form.input("role").hasFocus()
    qtbot.keyClicks(form.input("role"), "Engineering manager")
    qtbot.keyClicks(form.input("email"), "ann at globex")  # not checked: an address is text
    type_into(qtbot, form.input("met_on"), "2026-03-02")
    qtbot.keyClicks(form.input("next_follow_up"), "2026-04-01")
    qtbot.keyClicks(form.input("notes"), "Offered to refer me.")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)

    [contact_id] = listing.list_ids("contact")
    saved = records.get("contact", contact_id)
    assert (saved["name"], saved["role"], saved["email"]) == ("Ann Lee", "Engineering manager", "ann at globex")
    assert listing.ref_label("company", saved["company"]) == "Globex"
    assert str(saved["met_on"]) == "2026-03-02" and str(saved["next_follow_up"]) == "2026-04-01"
    assert saved["notes"] == "Offered to refer me."
    assert screen.list.current_id() == contact_id
    assert h.shown_column(screen.model, "company") == ["Globex"]
    assert screen.form_title.text() == "Ann Lee · Engineering manager · Globex"
    assert window.undo_action.text().replace("&", "") == "Undo create contact"


def test_edit_then_undo_and_redo(window: Any, screen: Any, qtbot: Any) -> None:
    ann = contact("Ann Lee", "Acme", role="Recruiter")
    announce(window)
    assert screen.show_record(ann)
    type_into(qtbot, screen.form.input("role"), "Head of Talent")
    qtbot.mouseClick(screen.buttons["save"], Qt.MouseButton.LeftButton)
    assert records.get("contact", ann)["role"] == "Head of Talent"
    undo(qtbot, window)
    assert records.get("contact", ann)["role"] == "Recruiter"
    assert screen.form.input("role").text() == "Recruiter"
    undo(qtbot, window, redo=True)
    assert records.get("contact", ann)["role"] == "Head of Talent"
    assert h.shown_column(screen.model, "role") == ["Head of Talent"]


def test_a_bad_follow_up_date_is_explained_next_to_the_field(window: Any, screen: Any, qtbot: Any) -> None:
    ann = contact("Ann Lee")
    announce(window)
    assert screen.show_record(ann)
    qtbot.keyClicks(screen.form.input("next_follow_up"), "next friday")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    assert "is not a date" in screen.form.error_text("next_follow_up")
    assert screen.form.error_labels["next_follow_up"].isVisible()
    assert records.get("contact", ann)["next_follow_up"] is None
    type_into(qtbot, screen.form.input("next_follow_up"), "2026-05-04")
    assert screen.form.error_text("next_follow_up") == ""
    assert screen.save() and str(records.get("contact", ann)["next_follow_up"]) == "2026-05-04"


def test_delete_says_the_interactions_go_with_it_and_undo_brings_them_back(
        window: Any, screen: Any, qtbot: Any, dialogs: Any) -> None:
    ann = contact("Ann Lee", "Acme")
    for day in ("2026-01-05", "2026-02-05"):
        records.create("interaction", {"contact": ann, "occurred_on": day, "summary": "Coffee"})
    keep = contact("Bob Stone")
    announce(window)
    assert screen.show_record(ann)
    screen.list.view.setFocus()
    dialogs.answer(Cancel)
    qtbot.keyClick(screen.list.view, Qt.Key.Key_Delete)
    assert "This also deletes 2 interactions." in dialogs.last
    assert records.exists("contact", ann)
    dialogs.answer(Yes)
    qtbot.mouseClick(screen.buttons["delete"], Qt.MouseButton.LeftButton)
    assert not records.exists("contact", ann) and m.Interaction.select().count() == 0
    assert screen.form.record_id == keep
    undo(qtbot, window)
    assert records.exists("contact", ann) and m.Interaction.select().count() == 2


def test_interactions_are_added_with_the_keyboard_and_edited_in_place(window: Any, screen: Any, qtbot: Any) -> None:
    ann = contact("Ann Lee", "Acme")
    announce(window)
    assert screen.show_record(ann)
    panel = screen.interactions
    screen.list.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL_SHIFT)
    assert panel.add_edit.hasFocus()
    qtbot.keyClicks(panel.add_edit, "Thanked her for the interview")
    qtbot.keyClick(panel.add_edit, Qt.Key.Key_Return)
    assert panel.add_edit.hasFocus() and panel.add_edit.text() == ""
    panel.channel.setCurrentIndex(panel.channel.findData("call"))
    qtbot.keyClicks(panel.add_edit, "Caught up about the team")
    qtbot.keyClick(panel.add_edit, Qt.Key.Key_Return)

    rows = list(m.Interaction.select().order_by(m.Interaction.id).dicts())
    assert [(r["summary"], r["channel"], r["occurred_on"]) for r in rows] == [
        ("Thanked her for the interview", None, dt.date.today()),
        ("Caught up about the team", "call", dt.date.today()),
    ]
    assert panel.model.rowCount() == 2 and panel.heading.text() == "Interactions (2)"
    assert window.undo_action.text().replace("&", "") == "Undo add interaction"

    # the date of the first one, typed into its cell
    row = panel.model.row_of(rows[0]["id"])
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(row, column(panel.model, "occurred_on")))
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "2026-02-14")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: str(records.get("interaction", rows[0]["id"])["occurred_on"]) == "2026-02-14")
    assert window.undo_action.text().replace("&", "") == "Undo edit interaction"

    # its channel through the combo box
    row = panel.model.row_of(rows[0]["id"])
    panel.view.setCurrentIndex(panel.model.index(row, column(panel.model, "channel")))
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("email"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: records.get("interaction", rows[0]["id"])["channel"] == "email")
    assert panel.model.index(panel.model.row_of(rows[0]["id"]), column(panel.model, "channel")).data() == "Email"

    # a date that is not one is refused and explained
    panel.view.setCurrentIndex(panel.model.index(panel.model.row_of(rows[1]["id"]),
                                                 column(panel.model, "occurred_on")))
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "yesterday")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(panel.error.isVisible)
    assert "Date: 'yesterday' is not a date" in panel.error.text()
    assert records.get("interaction", rows[1]["id"])["occurred_on"] == dt.date.today()

    undo(qtbot, window)  # the channel edit
    assert records.get("interaction", rows[0]["id"])["channel"] is None


def test_an_interaction_is_deleted_after_confirming(window: Any, screen: Any, qtbot: Any, dialogs: Any) -> None:
    ann = contact("Ann Lee")
    records.create("interaction", {"contact": ann, "occurred_on": "2026-01-05", "summary": "Coffee in Berlin"})
    announce(window)
    assert screen.show_record(ann)
    panel = screen.interactions
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    dialogs.answer(Yes)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert "Coffee in Berlin" in dialogs.last
    assert m.Interaction.select().count() == 0 and panel.model.rowCount() == 0
    assert records.exists("contact", ann)


def test_a_new_contact_gets_its_interactions_after_saving(screen: Any) -> None:
    screen.new_record()
    assert not screen.interactions.add_edit.isEnabled()
    assert "Save the contact first" in screen.interactions.add_edit.placeholderText()
    assert not screen.merge_button.isEnabled()


def test_merge_two_contacts_moves_their_links_and_undo_restores_them(
        window: Any, screen: Any, qtbot: Any, dialogs: Any) -> None:
    acme = h.company("Acme")
    interview = h.interview(h.opportunity("Acme", "Backend engineer"), "2026-03-02")
    keep = contact("Ann Lee", "Acme", role="Engineering manager")
    duplicate = contact("Ann Lee", email="ann@example.com")
    contact("Bob Stone", "Acme")
    records.create("interaction", {"contact": duplicate, "occurred_on": "2026-03-05", "summary": "Coffee"})
    people.add_interviewer(interview, contact_id=duplicate)
    announce(window)
    assert screen.show_record(duplicate)

    qtbot.mouseClick(screen.merge_button, Qt.MouseButton.LeftButton)
    dialog = screen.merge_dialog
    assert dialog is not None and dialog.isVisible()
    assert [dialog.options.item(i).text() for i in range(dialog.options.rowCount())] == ["Ann Lee — Acme"]
    dialog.search.selectAll()
    qtbot.keyClicks(dialog.search, "acme")
    assert [dialog.options.item(i).text() for i in range(dialog.options.rowCount())] == [
        "Ann Lee — Acme", "Bob Stone — Acme"]
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert dialog.focusWidget() is dialog.list and dialog.chosen_id == keep
    dialogs.answer(Yes)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)

    assert "Merge Ann Lee into Ann Lee — Acme?" in dialogs.last
    assert "1 interview and 1 interaction move to Ann Lee — Acme" in dialogs.last
    assert not records.exists("contact", duplicate)
    assert [r["contact"] for r in m.Interaction.select().dicts()] == [keep]
    assert [r["contact"] for r in m.InterviewContact.select().dicts()] == [keep]
    assert records.get("contact", keep)["email"] == "ann@example.com"  # filled from the duplicate
    assert screen.form.record_id == keep and screen.list.current_id() == keep
    assert screen.interviews.model.rowCount() == 1
    assert window.undo_action.text().replace("&", "") == "Undo merge contacts"
    assert records.get("contact", keep)["company"] == acme

    undo(qtbot, window)
    assert records.exists("contact", duplicate)
    assert [r["contact"] for r in m.Interaction.select().dicts()] == [duplicate]
    assert [r["contact"] for r in m.InterviewContact.select().dicts()] == [duplicate]
    assert records.get("contact", keep)["email"] is None


def test_cancelling_the_merge_changes_nothing(window: Any, screen: Any, qtbot: Any, dialogs: Any) -> None:
    contact("Ann Lee", "Acme")
    duplicate = contact("Ann Lee")
    announce(window)
    assert screen.show_record(duplicate)
    screen.merge_current()
    dialogs.answer(Cancel)
    qtbot.keyClick(screen.merge_dialog.search, Qt.Key.Key_Return)
    assert "Merge Ann Lee into Ann Lee — Acme?" in dialogs.last
    assert listing.count("contact") == 2 and screen.form.record_id == duplicate


def test_the_follow_up_due_filter_and_search(window: Any, screen: Any, qtbot: Any) -> None:
    today = dt.date.today()
    contact("Ann Due", "Acme", next_follow_up=today)
    contact("Bea Late", next_follow_up=today - dt.timedelta(days=9))
    contact("Cy Later", "Globex", next_follow_up=today + dt.timedelta(days=9))
    contact("Di Never")
    announce(window)
    assert screen.list.count_label.text() == "4 contacts"
    box = screen.list.filter_boxes[people.FOLLOW_UP_FILTER]
    box.setFocus()
    qtbot.keyClicks(box, "Follow")
    assert box.currentText() == "Follow-up due"
    assert h.shown_column(screen.model, "name") == ["Ann Due", "Bea Late"]
    assert screen.list.count_label.text() == "2 of 4 contacts"
    follow = column(screen.model, "next_follow_up")
    assert screen.model.index(0, follow).data(Qt.ItemDataRole.ForegroundRole) is not None
    box.setCurrentIndex(0)
    qtbot.keyClicks(screen.list.search, "globex")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert h.shown_column(screen.model, "name") == ["Cy Later"]
    assert screen.model.index(0, follow).data(Qt.ItemDataRole.ForegroundRole) is None


def test_the_interviews_they_took_part_in_open_with_a_double_click(window: Any, screen: Any, qtbot: Any) -> None:
    opportunity = h.opportunity("Acme", "Backend engineer")
    first, second = h.interview(opportunity, "2026-01-10"), h.interview(opportunity, "2026-02-10", stage="final")
    ann = contact("Ann Lee", "Acme", how_met=first)
    for interview in (first, second):
        people.add_interviewer(interview, contact_id=ann)
    announce(window)
    assert screen.show_record(ann)
    panel = screen.interviews
    assert panel.heading.text() == "Interviews they took part in (2)"
    assert h.shown_column(panel.model, "scheduled_on") == ["2026-02-10", "2026-01-10"]
    view = panel.view
    screen.scroll.ensureWidgetVisible(view)
    rect = view.visualRect(panel.model.index(0, column(panel.model, "company")))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double click is a
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # press, then a second one
    assert window.current_screen.key == "interviews"
    assert window.current_screen.form.record_id == second

    window.switch_to(4)
    assert screen.met_at_button.isVisible()
    qtbot.mouseClick(screen.met_at_button, Qt.MouseButton.LeftButton)
    assert window.current_screen.key == "interviews" and window.current_screen.form.record_id == first


def test_choosing_where_we_met_dates_the_meeting(window: Any, screen: Any, qtbot: Any) -> None:
    interview = h.interview(h.opportunity("Acme", "Backend engineer"), "2026-01-10")
    announce(window)
    screen.new_record()
    qtbot.keyClicks(screen.form.input("name"), "Ann Lee")
    editor = screen.form.editor("how_met")
    editor.input.setFocus()
    qtbot.keyClicks(editor.combo.lineEdit(), "acme")
    popup = editor.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.form.input("met_on").text() == "2026-01-10")
    assert screen.met_at_button.isVisible()
    assert screen.save()
    [saved] = m.Contact.select().dicts()
    assert saved["how_met"] == interview and saved["met_on"] == dt.date(2026, 1, 10)
