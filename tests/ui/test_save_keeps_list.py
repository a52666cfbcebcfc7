"""Saving a record refreshes its list without reading every id again when the edit cannot move a row:
the list keeps its ids and re-reads the rows it shows. An edit of what the list sorts or searches by
reads the ids again, and the row moves. (How long a save takes is `make bench`'s concern, not a test's.)"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.services import listing
from desktop_app.ui.table_model import RecordTableModel
from tests.ui import helpers as h


@pytest.fixture
def screen(window: Any) -> Any:
    window.switch_to(2)
    return window.current_screen


@pytest.fixture
def id_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reads: list[str] = []
    original = RecordTableModel.query_ids

    def counted(model: RecordTableModel) -> list[int]:
        reads.append(model.kind_name)
        return original(model)

    monkeypatch.setattr(RecordTableModel, "query_ids", counted)
    return reads


def three_interviews(window: Any) -> list[int]:
    opportunity = h.opportunity("Acme", "Backend engineer")
    ids = [h.interview(opportunity, day, stage="Technical") for day in ("2026-03-01", "2026-03-02", "2026-03-03")]
    window.screen("interviews").refresh(None)
    return ids


def save(qtbot: Any, screen: Any) -> None:
    qtbot.mouseClick(screen.buttons["save"], Qt.MouseButton.LeftButton)
    assert not screen.form.is_dirty()


def test_an_edit_of_a_column_the_list_does_not_order_by_keeps_its_ids(
        window: Any, screen: Any, qtbot: Any, id_reads: list[str]) -> None:
    ids = three_interviews(window)
    assert screen.show_record(ids[1])
    id_reads.clear()
    rating = screen.form.input("self_rating_after")
    rating.setFocus()
    qtbot.keyClicks(rating, "4")
    save(qtbot, screen)

    assert "interview" not in id_reads
    model = screen.model
    assert [model.id_at(row) for row in range(model.rowCount())] == [ids[2], ids[1], ids[0]]
    assert h.shown_column(model, "self_rating_after")[1] != ""
    assert screen.list.current_id() == ids[1]


def test_an_edit_of_the_sorted_column_reads_the_ids_again_and_moves_the_row(
        window: Any, screen: Any, qtbot: Any, id_reads: list[str]) -> None:
    ids = three_interviews(window)
    assert screen.show_record(ids[0])
    id_reads.clear()
    date = screen.form.input("scheduled_on")
    date.selectAll()
    qtbot.keyClicks(date, "2026-03-09")
    save(qtbot, screen)

    assert "interview" in id_reads
    model = screen.model
    assert [model.id_at(row) for row in range(model.rowCount())] == [ids[0], ids[2], ids[1]]
    assert listing.list_ids("interview")[0] == ids[0]
    assert screen.list.current_id() == ids[0]


def test_under_a_search_an_edit_of_a_searched_column_reads_the_ids_again(
        window: Any, screen: Any, qtbot: Any, id_reads: list[str]) -> None:
    ids = three_interviews(window)
    qtbot.keyClicks(screen.list.search, "tech")
    qtbot.waitUntil(lambda: screen.model.search == "tech")
    assert screen.show_record(ids[0])
    id_reads.clear()
    stage = screen.form.input("stage")
    stage.setFocus()
    qtbot.keyClicks(stage, "Onsite")  # a choice box selects the item its typed letters begin
    assert stage.currentText().lower() == "onsite"
    save(qtbot, screen)

    assert "interview" in id_reads
    assert sorted(screen.model.id_at(row) for row in range(screen.model.rowCount())) == sorted(ids[1:])


def test_an_edit_of_a_row_the_list_does_not_hold_reads_the_ids_again(
        window: Any, screen: Any, id_reads: list[str]) -> None:
    ids = three_interviews(window)
    unseen = h.interview(h.opportunity("Globex", "Data engineer"), "2026-03-05")  # written, not announced
    from desktop_app.services import records

    id_reads.clear()
    window.bus.publish(records.update("interview", unseen, {"debrief_notes": "went well"}))
    assert "interview" in id_reads
    assert [screen.model.id_at(row) for row in range(screen.model.rowCount())] == [unseen, ids[2], ids[1], ids[0]]
