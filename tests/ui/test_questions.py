"""Questions & Skills, the question bank tab: driven from the keyboard and checked in the database."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from desktop_app.db import models as m
from desktop_app.services import listing, records
from desktop_app.services.changes import Change, RowChange
from tests.ui import helpers as h

Yes, Cancel, Discard = (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel,
                        QMessageBox.StandardButton.Discard)
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


@pytest.fixture
def screen(window: Any, qtbot: Any) -> Any:
    qtbot.waitUntil(window.isActiveWindow)  # window shortcuts need an active window
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    assert window.current_screen.key == "questions"
    return window.current_screen


def announce(window: Any) -> None:
    window.bus.publish(Change("test", [RowChange("question", 0, None, {}), RowChange("skill", 0, None, {})]))


def question(text: str, **values: Any) -> int:
    return records.create("question", {"text": text, **values}).primary_id


def choose(qtbot: Any, combo: Any, text: str) -> None:
    combo.setFocus()
    qtbot.keyClicks(combo, text)


def click_row(qtbot: Any, tab: Any, row: int) -> None:
    view = tab.list.view
    rect = view.visualRect(tab.model.index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def undo(qtbot: Any, screen: Any) -> None:
    view = screen.current_tab.list.view
    view.setFocus()  # not in a text field, whose own Ctrl+Z wins
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)


def redo(qtbot: Any, screen: Any) -> None:
    view = screen.current_tab.list.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)


def test_tabs_switch_with_the_keyboard_and_commands_act_on_the_tab_shown(window: Any, screen: Any,
                                                                          qtbot: Any) -> None:
    assert screen.title == "Questions & Skills" and screen.opens == {"question", "skill"}
    assert screen.current_tab is screen.bank
    qtbot.keyClick(window, Qt.Key.Key_K, ALT)
    assert screen.current_tab is screen.skills and screen.tabs.currentWidget() is screen.skills
    assert screen.skills.empty_button.hasFocus()  # no skills yet: the way to the first one
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert screen.skills.form_title.text() == "New skill"
    assert screen.skills.form.input("name").hasFocus()
    assert screen.bank.form_title.text() == ""
    qtbot.keyClick(window, Qt.Key.Key_Q, ALT)
    assert screen.current_tab is screen.bank
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert screen.bank.list.search.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)
    assert screen.current_tab is screen.skills
    qtbot.keyClick(window, Qt.Key.Key_PageUp, CTRL)
    assert screen.current_tab is screen.bank


def test_the_empty_bank_explains_itself(screen: Any, qtbot: Any) -> None:
    bank = screen.bank
    assert bank.pages.currentWidget() is bank.empty_page
    texts = " ".join(label.text() for label in bank.empty_page.findChildren(QLabel))
    assert "No questions yet" in texts and "show your gaps" in texts and "needs no interview" in texts
    qtbot.mouseClick(bank.empty_button, Qt.MouseButton.LeftButton)
    assert bank.form_title.text() == "New question" and bank.form.input("text").hasFocus()


def test_a_bank_question_is_created_by_typing_without_an_interview(window: Any, screen: Any, qtbot: Any) -> None:
    bank = screen.bank
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    form = bank.form
    assert form.input("text").hasFocus()
    qtbot.keyClicks(form.input("text"), "How does a B-tree index speed up a range query?")
    qtbot.keyClick(form.input("text"), Qt.Key.Key_Tab)
    assert form.input("interview").hasFocus()  # optional: left empty
    qtbot.keyClick(form.input("interview"), Qt.Key.Key_Tab)
    assert form.input("topic").hasFocus()
    qtbot.keyClicks(form.input("topic"), "Databases")
    choose(qtbot, form.input("answer_quality"), "2")
    choose(qtbot, form.input("follow_up"), "To")
    assert bank.study_button.isHidden()  # only for a saved question
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)

    [question_id] = listing.list_ids("question")
    saved = records.get("question", question_id)
    assert saved["text"] == "How does a B-tree index speed up a range query?"
    assert saved["interview"] is None and saved["kind"] == "technical"
    assert (saved["topic"], saved["answer_quality"], saved["follow_up"]) == ("Databases", 2, "to study")
    assert bank.list.current_id() == question_id
    assert h.shown_column(bank.model, "answer_quality") == ["★★☆☆☆"]
    assert h.shown_column(bank.model, "follow_up") == ["To study"]
    assert bank.form_title.text() == "How does a B-tree index speed up a range query?"
    assert bank.open_interview_button.isHidden()
    assert not bank.study_button.isHidden()
    assert [bank.topic_box.itemText(i) for i in range(bank.topic_box.count())] == ["All topics", "Databases"]


def test_answer_quality_and_follow_up_are_edited_undone_and_redone(window: Any, screen: Any,
                                                                   qtbot: Any) -> None:
    question_id = question("Explain the GIL", topic="Concurrency", answer_quality=2)
    announce(window)
    bank = screen.bank
    click_row(qtbot, bank, 0)
    assert bank.form.record_id == question_id
    choose(qtbot, bank.form.input("answer_quality"), "4")
    choose(qtbot, bank.form.input("follow_up"), "Stu")
    qtbot.mouseClick(bank.buttons["save"], Qt.MouseButton.LeftButton)
    saved = records.get("question", question_id)
    assert (saved["answer_quality"], saved["follow_up"]) == (4, "studying")
    assert window.undo_action.text().replace("&", "") == "Undo edit question"

    undo(qtbot, screen)
    assert (records.get("question", question_id)["answer_quality"], records.get("question", question_id)[
        "follow_up"]) == (2, "none")
    assert bank.form.editor("answer_quality").value() == 2 and bank.form.editor("follow_up").value() == "none"
    assert h.shown_column(bank.model, "answer_quality") == ["★★☆☆☆"]

    redo(qtbot, screen)
    assert records.get("question", question_id)["follow_up"] == "studying"
    assert bank.form.editor("follow_up").value() == "studying"


def test_filters_by_topic_and_follow_up(window: Any, screen: Any, qtbot: Any) -> None:
    question("Explain the GIL", topic="Concurrency", follow_up="to study")
    question("What is a mutex?", topic="Concurrency")
    question("Explain MVCC", topic="Databases", follow_up="to study")
    question("Why do you want to leave?", kind="behavioral")
    announce(window)
    bank = screen.bank
    box = bank.list.filter_boxes["topic"]
    assert [box.itemText(i) for i in range(box.count())] == ["All topics", "Concurrency", "Databases"]
    choose(qtbot, box, "Conc")
    assert box.currentData() == "Concurrency"
    assert sorted(h.shown_column(bank.model, "text")) == ["Explain the GIL", "What is a mutex?"]
    assert bank.list.count_label.text() == "2 of 4 questions"
    choose(qtbot, bank.list.filter_boxes["follow_up"], "To")
    assert h.shown_column(bank.model, "text") == ["Explain the GIL"]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    assert sorted(h.shown_column(bank.model, "text")) == ["Explain MVCC", "Explain the GIL"]

    # a new question starts in the filtered follow-up, typed first; a new topic joins the filter's choices
    bank.form.tabs.setCurrentIndex(2)  # was reading a better answer
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert bank.form.editor("follow_up").value() == "to study"
    assert bank.form.input("text").hasFocus()
    qtbot.keyClicks(bank.form.input("text"), "What is a bloom filter?")
    bank.form.input("topic").setFocus()
    qtbot.keyClicks(bank.form.input("topic"), "Data structures")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    assert "Data structures" in [box.itemText(i) for i in range(box.count())]
    assert bank.model.rowCount() == 3


def test_search_runs_in_sql_over_text_and_topic(window: Any, screen: Any, qtbot: Any) -> None:
    question("Explain the GIL", topic="Concurrency")
    question("Explain MVCC", topic="Databases")
    announce(window)
    bank = screen.bank
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(bank.list.search, "databa")
    qtbot.waitUntil(lambda: bank.model.rowCount() == 1)
    assert h.shown_column(bank.model, "text") == ["Explain MVCC"]


def test_a_question_is_deleted_after_confirming(window: Any, screen: Any, qtbot: Any, dialogs: Any) -> None:
    doomed = question("Explain the GIL")
    keep = question("Explain MVCC")
    announce(window)
    bank = screen.bank
    assert bank.show_record(doomed)
    bank.list.view.setFocus()
    dialogs.answer(Cancel)
    qtbot.keyClick(bank.list.view, Qt.Key.Key_Delete)
    assert dialogs.last.startswith("Delete this question?") and "Explain the GIL" in dialogs.last
    assert records.exists("question", doomed)
    dialogs.answer(Yes)
    qtbot.keyClick(bank.list.view, Qt.Key.Key_Delete)
    assert not records.exists("question", doomed)
    assert bank.form.record_id == keep and bank.list.count_label.text() == "1 question"
    assert window.undo_action.text().replace("&", "") == "Undo delete question"
    undo(qtbot, screen)
    assert records.get("question", doomed)["text"] == "Explain the GIL"
    assert bank.model.rowCount() == 2


def test_open_interview_follows_the_link(window: Any, screen: Any, qtbot: Any) -> None:
    interview = h.interview(h.opportunity("Acme", "Backend engineer"), "2026-03-01", stage="technical")
    question_id = h.question(interview, "Explain the GIL")
    announce(window)
    bank = screen.bank
    assert bank.show_record(question_id)
    assert bank.form.input("interview").currentText().startswith("2026-03-01 technical — Acme")
    assert not bank.open_interview_button.isHidden()
    qtbot.mouseClick(bank.open_interview_button, Qt.MouseButton.LeftButton)
    assert window.current_screen.key == "interviews"
    assert window.current_screen.form.record_id == interview


def test_the_window_opens_a_question_on_the_bank_tab(window: Any, screen: Any, qtbot: Any) -> None:
    hidden = question("Explain MVCC", topic="Databases")
    question("Explain the GIL", topic="Concurrency")
    announce(window)
    bank = screen.bank
    bank.list.set_filter("topic", "Concurrency")
    screen.show_tab(screen.skills)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.open_record("question", hidden)
    assert window.current_screen is screen and screen.current_tab is bank
    assert bank.form.record_id == hidden and bank.list.current_id() == hidden
    assert bank.form.input("topic").text() == "Databases"


def test_switching_tabs_asks_about_unsaved_edits(window: Any, screen: Any, qtbot: Any, dialogs: Any) -> None:
    question_id = question("Explain the GIL")
    announce(window)
    bank = screen.bank
    bank.form.input("topic").setFocus()
    qtbot.keyClicks(bank.form.input("topic"), "Concurrency")
    dialogs.answer(Cancel)
    qtbot.keyClick(window, Qt.Key.Key_K, ALT)
    assert "without saving" in dialogs.last
    assert screen.current_tab is bank and screen.tabs.currentWidget() is bank and bank.form.is_dirty()
    dialogs.answer(Discard)
    qtbot.keyClick(window, Qt.Key.Key_K, ALT)
    assert screen.current_tab is screen.skills
    assert records.get("question", question_id)["topic"] is None


def test_a_question_to_study_becomes_a_study_task(window: Any, screen: Any, qtbot: Any) -> None:
    question_id = question("Explain the GIL", topic="Concurrency", follow_up="none")
    announce(window)
    bank = screen.bank
    click_row(qtbot, bank, 0)
    assert bank.study_button.isHidden()
    choose(qtbot, bank.form.input("follow_up"), "To")
    assert not bank.study_button.isHidden()
    qtbot.mouseClick(bank.study_button, Qt.MouseButton.LeftButton)  # saves the edit first

    assert records.get("question", question_id)["follow_up"] == "to study"
    [task] = m.Task.select()
    assert (task.title, task.question_id) == ("Study: Concurrency", question_id)
    assert task.due_on == dt.date.today() + dt.timedelta(days=7) and not task.done
    assert bank.study_button.isHidden() and not bank.study_link.isHidden()
    assert f"due {task.due_on.isoformat()}" in bank.study_link.text()
    assert window.undo_action.text().replace("&", "") == "Undo create study task"
    with qtbot.waitSignal(screen.openRequested) as opened:  # the link follows to the task
        qtbot.mouseClick(bank.study_link, Qt.MouseButton.LeftButton,
                         pos=bank.study_link.rect().center().__class__(8, bank.study_link.height() // 2))
    assert opened.args == ["task", task.id]
    window.switch_to(3)

    undo(qtbot, screen)
    assert not m.Task.select().exists()
    assert not bank.study_button.isHidden() and bank.study_link.isHidden()


def test_topic_completion_offers_the_topics_found(window: Any, screen: Any, qtbot: Any) -> None:
    question("Explain the GIL", topic="Concurrency")
    announce(window)
    topic = screen.bank.form.input("topic")
    topic.setFocus()
    topic.clear()
    qtbot.keyClicks(topic, "curr")
    popup = topic.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().index(0, 0).data() == "Concurrency"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert topic.text() == "Concurrency"
    assert QApplication.focusWidget() is topic
