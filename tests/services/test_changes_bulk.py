"""Undo and redo of large changes in bulk (changes_bulk) end exactly where writing them row by row ends:
the same rows, full-text indexes in step and searchable, triggers in place, foreign keys kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from peewee import IntegrityError

from desktop_app.db import db
from desktop_app.db import models as m
from desktop_app.services import changes, changes_bulk, records
from desktop_app.services.changes import Change, RowChange, apply_backward, apply_forward
from desktop_app.services.importer import SourceRow, import_rows
from tests import search_checks
from tests.search_checks import found

pytestmark = pytest.mark.usefixtures("database")

TODAY = dt.date(2024, 6, 15)
COUNT = 2 * changes_bulk.BULK_MIN


def dump() -> dict[str, list[tuple]]:
    return {model._meta.table_name: list(model.select().order_by(model.id).tuples()) for model in m.RECORD_MODELS}


def triggers() -> dict[str, str]:
    return dict(db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall())


def in_step() -> None:
    """Every full-text index holds exactly its table's rows, and every link leads to a row."""
    search_checks.in_step()
    assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []


def searches() -> dict[str, list[int]]:
    return {"zanzibar": found("interview", "zanzibar"), "quokka": found("company", "quokka"),
            "backend": found("opportunity", "backend"), "wilhelmina": found("contact", "wilhelmina"),
            "queue": found("question", "queue")}


def state() -> tuple:
    in_step()
    return dump(), searches(), triggers()


def interview_rows(count: int, first: int = 0) -> list[SourceRow]:
    return [SourceRow(2 + i, {"company": f"Quokka {i % 40}", "role": f"Backend Dev {i % 3}",
                              "date": f"2024-05-{1 + i % 28:02d}", "notes": f"talked about zanzibar number {i}",
                              "interviewers": "Wilhelmina Okafor" if i % 2 else ""})
            for i in range(first, first + count)]


@pytest.fixture
def per_row_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The rows written one by one (changes._write), by table."""
    calls: list[str] = []
    write = changes._write

    def counted(table: str, *args: object) -> None:
        calls.append(table)
        write(table, *args)

    monkeypatch.setattr(changes, "_write", counted)
    return calls


def row_by_row_result(apply: Callable[[Change], None], change: Change, monkeypatch: pytest.MonkeyPatch) -> tuple:
    """The state `apply` leaves when every row is written one by one (rolled back after)."""
    with monkeypatch.context() as patch:
        patch.setattr(changes_bulk, "BULK_MIN", 10**9)
        with db.atomic() as transaction:
            apply(change)
            result = state()
            transaction.rollback()
    return result


def test_undo_and_redo_of_an_import_run_in_bulk_and_end_as_row_by_row(
        per_row_calls: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    records.create("company", {"name": "Quokka 0"})
    empty = state()
    result = import_rows("interviews", interview_rows(COUNT), today=TODAY)
    assert result.created == COUNT
    imported = state()
    assert len(imported[1]["zanzibar"]) == COUNT and imported[1]["wilhelmina"]

    expected = row_by_row_result(apply_backward, result.change, monkeypatch)
    assert expected == empty
    per_row_calls.clear()
    apply_backward(result.change)
    assert state() == empty
    assert len(per_row_calls) < len(result.change.rows) // 10  # the bulk path wrote them

    expected = row_by_row_result(apply_forward, result.change, monkeypatch)
    assert expected == imported
    per_row_calls.clear()
    apply_forward(result.change)
    assert state() == imported
    assert len(per_row_calls) < len(result.change.rows) // 10
    later = records.create("interview", {"opportunity": imported[0]["opportunity"][0][0],
                                         "scheduled_on": "2024-07-01", "debrief_notes": "zanzibar again"})
    assert found("interview", "zanzibar")[-1] == later.primary_id  # the insert trigger is back


def test_an_update_import_undoes_and_redoes_as_row_by_row(monkeypatch: pytest.MonkeyPatch) -> None:
    import_rows("interviews", interview_rows(COUNT), today=TODAY)
    before = state()
    edited = [SourceRow(r.line, {**r.values, "notes": "now about kilimanjaro", "interviewers": "Wilhelmina Okafor"})
              for r in interview_rows(COUNT // 2)]
    result = import_rows("interviews", [*edited, *interview_rows(COUNT, first=COUNT)], update=True, today=TODAY)
    assert (result.updated, result.created) == (COUNT // 2, COUNT)
    after = state()
    assert row_by_row_result(apply_backward, result.change, monkeypatch) == before
    apply_backward(result.change)
    assert state() == before
    assert row_by_row_result(apply_forward, result.change, monkeypatch) == after
    apply_forward(result.change)
    assert state() == after
    assert len(found("interview", "kilimanjaro")) == COUNT // 2


def test_restoring_deleted_rows_below_the_largest_id_keeps_the_triggers_indexing(
        per_row_calls: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    result = import_rows("interviews", interview_rows(COUNT), today=TODAY)
    newest = records.create("company", {"name": "Quokka newest"}).primary_id
    opportunity = records.create("opportunity", {"company": newest, "title": "Backend newest"}).primary_id
    records.create("interview", {"opportunity": opportunity, "scheduled_on": "2024-07-01", "debrief_notes": "zanzibar"})
    opportunities = result.change.ids("opportunity", "create")
    change = records.delete_plan("opportunity", opportunities)
    apply_forward(change)
    assert len(found("interview", "zanzibar")) == 1 and len(found("opportunity", "backend")) == 1
    gone = state()
    expected = row_by_row_result(apply_backward, change, monkeypatch)
    per_row_calls.clear()
    apply_backward(change)
    assert state() == expected
    assert len(found("interview", "zanzibar")) == COUNT + 1 and found("company", "quokka newest") == [newest]
    assert len(per_row_calls) < len(change.rows) // 10
    assert row_by_row_result(apply_forward, change, monkeypatch) == gone
    apply_forward(change)
    assert state() == gone


def test_a_run_of_deletes_parents_first_ends_as_row_by_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """Row by row, a parent deleted first takes its children (CASCADE) or clears their link (SET NULL)
    before their own rows come; in bulk children go first. Both end the same."""
    result = import_rows("interviews", interview_rows(COUNT), today=TODAY)
    interviews = result.change.ids("interview", "create")
    for i, interview in enumerate(interviews[:20]):
        question = records.create("question", {"interview": interview, "text": f"Design a queue {i}"}).primary_id
        records.create("task", {"title": f"Answer {i}", "question": question})
    rows = [r for r in result.change.rows if r.table in ("interview", "interview_contact")]
    rows += [RowChange("question", q["id"], q, None) for q in m.Question.select().dicts()]
    parents_first = Change("delete", [RowChange(r.table, r.id, r.after, None) for r in rows])
    expected = row_by_row_result(apply_forward, parents_first, monkeypatch)
    apply_forward(parents_first)
    assert state() == expected
    assert found("interview", "zanzibar") == [] and found("question", "queue") == []
    assert m.Task.select().where(m.Task.question.is_null(False)).count() == 0


def test_deleting_most_of_a_table_rebuilds_its_index_and_keeps_the_rest_searchable() -> None:
    keep = import_rows("interviews", interview_rows(10), today=TODAY)
    result = import_rows("interviews", interview_rows(COUNT, first=10), today=TODAY)
    apply_backward(result.change)
    in_step()
    assert found("interview", "zanzibar") == sorted(keep.change.ids("interview", "create"))
    before = triggers()
    apply_forward(result.change)
    assert triggers() == before
    one = keep.change.ids("interview", "create")[0]
    records.delete("interview", one)  # the delete trigger is back
    in_step()
    assert one not in found("interview", "zanzibar") and len(found("interview", "zanzibar")) == 9 + COUNT


def test_a_redo_onto_a_taken_id_fails_and_leaves_everything_as_it_was() -> None:
    result = import_rows("interviews", interview_rows(COUNT), today=TODAY)
    apply_backward(result.change)
    taken = records.create("company", {"name": "Quokka 0", "industry": "Zoo"}).primary_id
    assert taken in result.change.ids("company", "create")
    before = state()
    with pytest.raises(IntegrityError):
        apply_forward(result.change)
    assert state() == before
    assert found("company", "zoo") == [taken]


def test_rows_without_every_column_are_written_one_by_one(per_row_calls: list[str]) -> None:
    company = records.create("company", {"name": "Acme"}).primary_id
    rows = [RowChange("opportunity", 1000 + i, None, {"id": 1000 + i, "company": company, "title": f"Backend {i}",
                                                       "title_key": f"backend {i}"})
            for i in range(COUNT)]
    change = Change("create", rows)
    apply_forward(change)
    assert len(per_row_calls) == COUNT
    assert m.Opportunity.get_by_id(1000).status == "lead"  # the model's defaults, as before
    in_step()
    assert len(found("opportunity", "backend")) == COUNT
    apply_backward(change)
    in_step()
    assert found("opportunity", "backend") == []


def test_values_are_stored_as_peewee_stores_them(monkeypatch: pytest.MonkeyPatch) -> None:
    result = import_rows("interviews", interview_rows(COUNT), today=TODAY)
    loose = [RowChange(r.table, r.id, None, {**r.after, "scheduled_on": dt.datetime(2024, 5, 2, 10, 30),
                                             "duration_minutes": "45", "stage": 7})
             if r.table == "interview" else r for r in result.change.rows]
    apply_backward(result.change)
    change = Change("import", loose)
    expected = row_by_row_result(apply_forward, change, monkeypatch)
    apply_forward(change)
    assert state() == expected
    assert db.execute_sql("SELECT DISTINCT scheduled_on, typeof(duration_minutes), typeof(stage) FROM interview"
                          ).fetchall() == [("2024-05-02", "integer", "text")]


def test_an_undo_refused_by_a_foreign_key_leaves_everything_as_it_was() -> None:
    result = import_rows("interviews", interview_rows(COUNT), today=TODAY)
    company = result.change.ids("company", "create")[0]
    records.create("opportunity", {"company": company, "title": "Backend added later"})
    before = state()
    with pytest.raises(IntegrityError):
        apply_backward(result.change)
    assert state() == before
