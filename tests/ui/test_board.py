"""The opportunities board, driven with keys and a drop as a person would; checked in the database."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.db import db
from desktop_app.db import models as m
from desktop_app.services import records
from desktop_app.services.changes import Change, RowChange
from desktop_app.ui.screens.opportunities import BOARD, LIST
from desktop_app.ui.screens.opportunity_board import CAP
from tests.ui import helpers as h

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def screen(window: Any) -> Any:
    window.switch_to(1)
    return window.current_screen


def announce(window: Any) -> None:
    """Records written by the test itself: announce them like a service write would be."""
    window.bus.publish(Change("test", [RowChange("opportunity", 0, None, {})]), undoable=False)


def status(record_id: int) -> str:
    return records.get("opportunity", record_id)["status"]


def ids_in(screen: Any, status_name: str) -> list[int]:
    model = screen.board.columns[status_name].model
    return [model.id_at(row) for row in range(model.rowCount())]


def open_board(qtbot: Any, window: Any, screen: Any) -> None:
    window.current_screen.list.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_B, CTRL)
    assert screen.view_index == BOARD
    assert screen.switch.current() == BOARD


def test_cards_sit_in_the_column_of_their_status(window: Any, screen: Any, qtbot: Any) -> None:
    lead = h.opportunity("Acme", "Backend", status="lead")
    newer = h.opportunity("Globex", "SRE", status="interviewing", invited_on="2026-03-01", said_yes=True)
    older = h.opportunity("Initech", "Data", status="interviewing", invited_on="2026-01-01")
    ghosted = h.opportunity("Hooli", "Platform", status="ghosted", invited_on="2025-06-01")
    announce(window)
    open_board(qtbot, window, screen)
    assert ids_in(screen, "lead") == [lead]
    assert ids_in(screen, "interviewing") == [newer, older]  # most recently invited first
    assert ids_in(screen, "ghosted") == [ghosted]
    assert ids_in(screen, "offer") == []
    assert screen.board.columns["interviewing"].count.text() == "2"
    assert len(screen.board.columns) == 10
    model = screen.board.columns["interviewing"].model
    assert model.index(0, 0).data() == "Globex — SRE"
    qtbot.mouseClick(screen.switch.button(LIST), Qt.MouseButton.LeftButton)
    assert screen.view_index == LIST


def test_move_a_card_with_the_keyboard_then_undo_and_redo(window: Any, screen: Any, qtbot: Any) -> None:
    card = h.opportunity("Acme", "Backend", status="invited", invited_on="2026-02-01")
    other = h.opportunity("Globex", "SRE", status="lead")
    announce(window)
    open_board(qtbot, window, screen)
    assert screen.board.select(card, focus=True)
    invited = screen.board.columns["invited"].view
    assert invited.hasFocus()

    qtbot.keyClick(invited, Qt.Key.Key_Right, CTRL)
    assert status(card) == "applied"
    assert ids_in(screen, "applied") == [card] and ids_in(screen, "invited") == []
    assert window.undo_action.text().replace("&", "") == "Undo move opportunity to applied"
    applied = screen.board.columns["applied"].view
    assert applied.hasFocus() and screen.board.current_id() == card  # the card stays in hand

    qtbot.keyClick(applied, Qt.Key.Key_Right, ALT)
    assert status(card) == "interviewing"
    interviewing = screen.board.columns["interviewing"].view
    qtbot.keyClick(interviewing, Qt.Key.Key_Left)  # plain arrows go to the nearest column with cards
    assert screen.board.columns["lead"].view.hasFocus() and screen.board.current_id() == other
    assert status(other) == "lead"

    qtbot.keyClick(screen.board.columns["lead"].view, Qt.Key.Key_Z, CTRL)
    assert status(card) == "applied"
    assert ids_in(screen, "applied") == [card] and ids_in(screen, "interviewing") == []  # the card is back
    qtbot.keyClick(screen.board.columns["lead"].view, Qt.Key.Key_Z, CTRL)
    assert status(card) == "invited" and ids_in(screen, "invited") == [card]
    qtbot.keyClick(screen.board.columns["lead"].view, Qt.Key.Key_Z, CTRL_SHIFT)
    assert status(card) == "applied" and ids_in(screen, "applied") == [card]

    qtbot.keyClick(screen.board.columns["lead"].view, Qt.Key.Key_Left, CTRL)  # nothing before "lead"
    assert status(other) == "lead"


def drop_on(view: Any, mime: Any) -> None:
    """A real drag runs QDrag.exec(), a nested loop no offscreen test can steer; the drop target gets the
    same events a drag would send it: enter, move, then the drop."""
    point = view.viewport().rect().center()
    actions = Qt.DropAction.MoveAction
    for event in (QDragEnterEvent(point, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
                  QDragMoveEvent(point, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
                  QDropEvent(QPointF(point), actions, mime, Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.NoModifier)):
        QApplication.sendEvent(view.viewport(), event)


def test_drag_a_card_onto_another_column(window: Any, screen: Any, qtbot: Any) -> None:
    card = h.opportunity("Acme", "Backend", status="interviewing")
    h.opportunity("Globex", "SRE", status="offer")
    announce(window)
    open_board(qtbot, window, screen)
    source = screen.board.columns["interviewing"]
    mime = source.model.mimeData([source.model.index(0, 0)])
    target = screen.board.columns["offer"]
    drop_on(target.view, mime)
    qtbot.waitUntil(lambda: status(card) == "offer")
    assert card in ids_in(screen, "offer") and ids_in(screen, "interviewing") == []
    assert window.undo_action.text().replace("&", "") == "Undo move opportunity to offer"
    drop_on(target.view, target.model.mimeData([target.model.index(target.model.row_of(card), 0)]))
    QApplication.processEvents()
    assert window.undo_action.text().replace("&", "") == "Undo move opportunity to offer"  # same column: no step
    window.undo()
    assert status(card) == "interviewing" and ids_in(screen, "interviewing") == [card]


def test_enter_opens_the_card_in_the_form_and_delete_removes_it(window: Any, screen: Any, qtbot: Any,
                                                                 dialogs: Any) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    h.company("Acme")
    qtbot.keyClicks(screen.form.input("company").lineEdit(), "Acme")
    qtbot.keyClicks(screen.form.input("title"), "Staff engineer")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    card = screen.form.record_id
    assert card is not None
    open_board(qtbot, window, screen)
    assert ids_in(screen, "lead") == [card]
    view = screen.board.columns["lead"].view
    assert view.hasFocus() and screen.board.current_id() == card

    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert screen.view_index == LIST
    assert screen.form.record_id == card and screen.list.current_id() == card
    assert screen.form.input("company").hasFocus()
    screen.form.input("title").setFocus()
    screen.form.input("title").selectAll()
    qtbot.keyClicks(screen.form.input("title"), "Principal engineer")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    assert records.get("opportunity", card)["title"] == "Principal engineer"

    open_board(qtbot, window, screen)
    view = screen.board.columns["lead"].view
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(0, 0)).center())
    assert screen.view_index == LIST and screen.form.record_id == card

    open_board(qtbot, window, screen)
    dialogs.answer(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(screen.board.columns["lead"].view, Qt.Key.Key_Delete)
    assert "Principal engineer" in dialogs.last
    assert not records.exists("opportunity", card) and ids_in(screen, "lead") == []
    window.undo()
    assert records.exists("opportunity", card) and ids_in(screen, "lead") == [card]


def test_a_crowded_column_shows_the_most_recent_and_counts_the_rest(window: Any, screen: Any, qtbot: Any) -> None:
    company = h.company("Acme")
    with db.atomic():
        m.Opportunity.insert_many(
            [{"company": company, "title": f"Role {i:04d}", "title_key": f"role {i:04d}", "status": "ghosted",
              "said_yes": False, "invited_on": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"} for i in range(CAP + 25)]
        ).execute()
    announce(window)
    open_board(qtbot, window, screen)
    column = screen.board.columns["ghosted"]
    assert column.model.rowCount() == CAP
    assert column.count.text() == f"{CAP + 25:,}"
    assert column.more.isVisible() and column.more.text().startswith("+25 more")
    dates = [column.model.data(column.model.index(r, 0), Qt.ItemDataRole.UserRole + 10)[2] for r in (0, CAP - 1)]
    assert str(dates[0]) >= str(dates[1])
    assert not screen.board.columns["lead"].more.isVisible()


def test_a_change_made_elsewhere_moves_the_card(window: Any, screen: Any, qtbot: Any) -> None:
    card = h.opportunity("Acme", "Backend", status="applied")
    announce(window)
    open_board(qtbot, window, screen)
    window.bus.publish(records.update("opportunity", card, {"status": "rejected"}))
    assert ids_in(screen, "rejected") == [card] and ids_in(screen, "applied") == []
    assert screen.board.columns["rejected"].width() < screen.board.columns["applied"].width()
    view = screen.board.columns["rejected"].view
    assert view.visualRect(view.model().index(0, 0)).contains(QPoint(20, 20))
