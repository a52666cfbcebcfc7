"""Interviewers in the interview form: added by typing (a known contact or a new one), removed, opened."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.db import models as m
from desktop_app.services import listing, people, records
from desktop_app.services.changes import Change, RowChange
from tests.ui import helpers as h

Yes, Cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def screen(window: Any) -> Any:
    window.switch_to(2)
    assert window.current_screen.key == "interviews"
    return window.current_screen


@pytest.fixture
def interview(window: Any, screen: Any) -> int:
    """An interview at Acme, shown in the form."""
    interview_id = h.interview(h.opportunity("Acme", "Backend engineer"), "2026-03-02", stage="technical")
    window.bus.publish(Change("test", [RowChange("interview", 0, None, {})]))
    assert screen.show_record(interview_id)
    return interview_id


def links() -> list[tuple[int, int]]:
    return list(m.InterviewContact.select(m.InterviewContact.interview, m.InterviewContact.contact).tuples())


def focus_add(qtbot: Any, window: Any, screen: Any) -> Any:
    """Alt+I, as the label "Add interviewer" says."""
    screen.list.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    panel = screen.interviewers
    assert panel.add_edit.hasFocus()
    return panel


def undo(qtbot: Any, window: Any, redo: bool = False) -> None:
    window.current_screen.list.view.setFocus()
    modifiers = CTRL | Qt.KeyboardModifier.ShiftModifier if redo else CTRL
    qtbot.keyClick(window.current_screen.list.view, Qt.Key.Key_Z, modifiers)


def test_pick_an_existing_contact_as_interviewer(window: Any, screen: Any, interview: int, qtbot: Any) -> None:
    bob = records.create("contact", {"name": "Bob Stone", "company": h.company("Globex"), "role": "CTO"}).primary_id
    records.create("contact", {"name": "Ann Lee"})
    panel = focus_add(qtbot, window, screen)
    qtbot.keyClicks(panel.add_edit, "bob")
    popup = panel.add_edit.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().rowCount() == 1 and popup.model().index(0, 0).data() == "Bob Stone — Globex"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)

    assert links() == [(interview, bob)]
    assert panel.add_edit.text() == "" and panel.add_edit.hasFocus()
    assert panel.heading.text() == "Interviewers (1)"
    assert h.shown_column(panel.model, "contact") == ["Bob Stone"]
    assert h.shown_column(panel.model, "role") == ["CTO"]
    assert records.get("contact", bob)["how_met"] is None
    assert window.undo_action.text().replace("&", "") == "Undo add interviewer"

    qtbot.keyClicks(panel.add_edit, "stone")  # the same contact again
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert panel.error.isVisible() and "already an interviewer" in panel.error.text()
    assert links() == [(interview, bob)]


def test_a_new_name_becomes_a_contact_met_at_the_interview(window: Any, screen: Any, interview: int,
                                                          qtbot: Any) -> None:
    acme = h.company("Acme")
    panel = focus_add(qtbot, window, screen)
    qtbot.keyClicks(panel.add_edit, "Carla Diaz")
    qtbot.keyClick(panel.add_edit, Qt.Key.Key_Return)

    [carla] = m.Contact.select().dicts()
    assert (carla["name"], carla["company"], carla["how_met"]) == ("Carla Diaz", acme, interview)
    assert carla["met_on"] == dt.date(2026, 3, 2)
    assert links() == [(interview, carla["id"])]
    assert h.shown_column(panel.model, "contact") == ["Carla Diaz"]

    # they are a contact now, on the Contacts screen
    contacts = window.screen("contacts")
    window.switch_to(4)
    assert h.shown_column(contacts.model, "name") == ["Carla Diaz"]
    assert h.shown_column(contacts.model, "company") == ["Acme"]
    window.switch_to(2)

    undo(qtbot, window)  # one step: the link and the new contact
    assert links() == [] and m.Contact.select().count() == 0
    assert panel.model.rowCount() == 0 and panel.heading.text() == "Interviewers"
    undo(qtbot, window, redo=True)
    assert links() == [(interview, carla["id"])] and records.exists("contact", carla["id"])
    assert panel.model.rowCount() == 1


def test_a_name_known_at_the_company_is_not_entered_twice(window: Any, screen: Any, interview: int,
                                                         qtbot: Any) -> None:
    ann = records.create("contact", {"name": "Ann Lee", "company": h.company("Acme")}).primary_id
    panel = focus_add(qtbot, window, screen)
    qtbot.keyClicks(panel.add_edit, "ann lee")
    with qtbot.waitSignal(screen.message) as said:
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert said.args == ["Added Ann Lee — Acme as an interviewer"]
    assert links() == [(interview, ann)] and m.Contact.select().count() == 1


def test_removing_an_interviewer_keeps_the_contact(window: Any, screen: Any, interview: int, qtbot: Any,
                                                  dialogs: Any) -> None:
    bob = records.create("contact", {"name": "Bob Stone"}).primary_id
    window.bus.publish(people.add_interviewer(interview, contact_id=bob))
    panel = screen.interviewers
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    dialogs.answer(Cancel)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert "Take Bob Stone off this interview's interviewers?" in dialogs.last
    assert links() == [(interview, bob)]
    dialogs.answer(Yes)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert links() == [] and records.exists("contact", bob)
    assert panel.model.rowCount() == 0
    assert window.undo_action.text().replace("&", "") == "Undo remove interviewer"
    undo(qtbot, window)
    assert links() == [(interview, bob)] and panel.model.rowCount() == 1


def test_a_double_click_on_an_interviewer_opens_the_contact(window: Any, screen: Any, interview: int,
                                                           qtbot: Any) -> None:
    bob = records.create("contact", {"name": "Bob Stone", "role": "CTO"}).primary_id
    window.bus.publish(people.add_interviewer(interview, contact_id=bob))
    view = screen.interviewers.view
    screen.scroll.ensureWidgetVisible(view)
    rect = view.visualRect(screen.interviewers.model.index(0, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    contacts = window.current_screen
    assert contacts.key == "contacts" and contacts.form.record_id == bob
    assert contacts.list.current_id() == bob
    assert contacts.interviews.model.rowCount() == 1

    window.switch_to(2)  # and back with Enter on the interview they took part in
    window.switch_to(4)
    contacts.interviews.view.setFocus()
    contacts.interviews.view.setCurrentIndex(contacts.interviews.model.index(0, 0))
    qtbot.keyClick(contacts.interviews.view, Qt.Key.Key_Return)
    assert window.current_screen is screen and screen.form.record_id == interview


def test_the_company_link_asks_for_the_company(window: Any, screen: Any, interview: int, qtbot: Any) -> None:
    acme = h.company("Acme")
    assert screen.company_button.isEnabled()
    with qtbot.waitSignal(screen.openRequested) as opened:
        qtbot.mouseClick(screen.company_button, Qt.MouseButton.LeftButton)
    assert opened.args == ["company", acme]
    screen.new_record()  # the next round: the same opportunity, so the same company
    assert screen.company_button.isEnabled()
    line = screen.form.input("opportunity").lineEdit()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    assert not screen.company_button.isEnabled()
    assert not screen.interviewers.add_edit.isEnabled()
    assert "Save the interview first" in screen.interviewers.add_edit.placeholderText()
    assert listing.count("interview") == 1
