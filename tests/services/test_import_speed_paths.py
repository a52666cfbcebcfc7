"""The importer's fast paths (multi-row INSERTs, full-text indexes filled in one pass, parsed cells
remembered, the collector paused) write exactly what the slow paths wrote, and undo/redo keep the
search indexes right."""

from __future__ import annotations

import datetime as dt
import gc

import pytest

from desktop_app.db import db
from desktop_app.services import importer, records
from desktop_app.services.changes import apply_backward, apply_forward
from desktop_app.services.errors import Cancelled
from desktop_app.services.importer import SourceRow, import_rows
from tests.search_checks import found, in_step

pytestmark = pytest.mark.usefixtures("database")

TODAY = dt.date(2024, 6, 15)


def source(*rows: dict[str, str]) -> list[SourceRow]:
    return [SourceRow(line, values) for line, values in enumerate(rows, start=2)]


def triggers() -> dict[str, str]:
    return dict(db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall())


def interview_rows(count: int) -> list[SourceRow]:
    return source(*({"company": f"Quokka {i % 3}", "role": "Backend Dev", "date": f"2024-05-{1 + i % 28:02d}",
                     "time": f"{9 + i % 8}:00", "notes": f"talked about zanzibar number {i}",
                     "interviewers": "Wilhelmina Okafor" if i % 2 else "", "self_rating": "4"}
                    for i in range(count)))


def test_an_import_is_searchable_and_undo_redo_keep_the_index_right() -> None:
    before = triggers()
    old = records.create("company", {"name": "Quokka 0"}).primary_id
    result = import_rows("interviews", interview_rows(60), today=TODAY)
    assert (result.created, result.errors) == (60, [])
    assert triggers() == before
    in_step()
    interviews = found("interview", "zanzibar")
    assert len(interviews) == 60 and interviews == sorted(result.change.ids("interview", "create"))
    assert found("company", "quokka") == sorted([old, *result.change.ids("company", "create")])
    assert found("opportunity", "backend") == sorted(result.change.ids("opportunity", "create"))
    assert len(found("contact", "wilhelmina")) == 1

    apply_backward(result.change)
    in_step()
    assert found("interview", "zanzibar") == [] and found("contact", "wilhelmina") == []
    assert found("company", "quokka") == [old]
    apply_forward(result.change)
    in_step()
    assert found("interview", "zanzibar") == interviews
    later = records.create("company", {"name": "Numbat"}).primary_id
    assert found("company", "numbat") == [later]


def test_an_update_import_reindexes_the_rows_it_changes_and_undo_puts_them_back() -> None:
    import_rows("interviews", interview_rows(4), today=TODAY)
    edited = [SourceRow(r.line, {**r.values, "notes": "now about kilimanjaro"}) for r in interview_rows(4)[:2]]
    result = import_rows("interviews", edited, update=True, today=TODAY)
    assert (result.updated, result.created) == (2, 0)
    in_step()
    assert len(found("interview", "kilimanjaro")) == 2 and len(found("interview", "zanzibar")) == 2
    apply_backward(result.change)
    in_step()
    assert found("interview", "kilimanjaro") == [] and len(found("interview", "zanzibar")) == 4


def test_a_cancelled_write_leaves_rows_index_and_triggers_as_they_were() -> None:
    before = triggers()
    records.create("company", {"name": "Quokka 0"})
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 4  # after planning, during the write

    with pytest.raises(Cancelled):
        import_rows("interviews", interview_rows(300), today=TODAY, cancel=cancel)
    assert triggers() == before
    assert db.execute_sql("SELECT count(*) FROM interview").fetchone()[0] == 0
    assert found("interview", "zanzibar") == []
    in_step()
    assert gc.isenabled()


def test_imported_rows_are_stored_as_a_form_stores_them() -> None:
    import_rows("interviews", source({"company": "Acme", "role": "Dev", "date": "2024-05-02", "said_yes": "no"}),
                today=TODAY)
    company = records.create("company", {"name": "Typed"}).primary_id
    opportunity = records.create("opportunity", {"company": company, "title": "Dev", "said_yes": False}).primary_id
    records.create("interview", {"opportunity": opportunity, "scheduled_on": "2024-05-02"})

    def stored(table: str, columns: str) -> list[tuple]:
        return db.execute_sql(f"SELECT {columns} FROM {table} ORDER BY id").fetchall()

    shape = "typeof(created_at), length(created_at), typeof(updated_at), length(updated_at)"
    for table, columns in (("company", shape), ("opportunity", f"{shape}, typeof(said_yes), said_yes"),
                           ("interview", f"{shape}, typeof(scheduled_on), scheduled_on")):
        imported, typed = stored(table, columns)
        assert imported == typed, table
    assert stored("company", "name_key") == [("acme",), ("typed",)]


def test_remembered_cells_still_give_every_row_its_own_error() -> None:
    rows = source(*({"company": "Acme", "role": "Dev", "date": "2024-05-02", "self_rating": "9",
                     "employer_rating": "3", "duration": "3"} for _ in range(3)))
    result = import_rows("interviews", rows, today=TODAY)
    assert [(e.line, e.column) for e in result.errors] == [(2, "self_rating"), (3, "self_rating"), (4, "self_rating")]
    good = import_rows("interviews", source({"company": "Acme", "role": "Dev", "date": "2024-05-02",
                                             "employer_rating": "3", "duration": "3"}), today=TODAY)
    assert good.ok
    interview = records.get("interview", good.change.ids("interview", "create")[0])
    assert (interview["employer_rating"], interview["duration_minutes"]) == (3, 3)
    assert gc.isenabled()


def test_parse_row_still_names_unknown_columns() -> None:
    spec = importer.get_spec("companies")
    cells, errors = importer.parse_row(spec, SourceRow(2, {"name": "Acme", "colour": "red"}))
    assert cells == {"name": "Acme"}
    assert [(e.line, e.column) for e in errors] == [(2, "colour")]
    assert errors[0].message.startswith("unknown column; known columns are name, website")


def test_rows_of_any_shape_parse_as_the_long_way_parses_them() -> None:
    spec = importer.get_spec("interviews")
    parser = importer._RowParser(spec)
    rows = source(
        {"company": "Acme", "role": "Dev", "date": "2024-05-02", "time": "9:30", "said_yes": "no", "notes": "  hi "},
        {"date": "2024-05-02", "role": "Dev", "company": "Acme", "duration": "45", "stage": "Technical"},
        {"company": "Acme", "role": "Dev", "date": "2024-05-02", "time": "9:30", "said_yes": "no", "notes": "  hi "},
        {"company": "Acme", "role": "Dev", "date": "2024-05-03", "time": "", "said_yes": "", "notes": ""},
    )
    for row in rows:
        assert parser.fast(row) == parser.slow(row)[0] == importer.parse_row(spec, row)[0]
        assert parser.slow(row)[1] == []
    assert parser.fast(rows[0])["notes"] == "  hi" and parser.fast(rows[0])["said_yes"] is False
    assert "time" not in parser.fast(rows[3])
    for wrong in ({"company": "Acme", "role": "Dev"}, {"company": "Acme", "role": "Dev", "date": "x"},
                  {"company": "Acme", "role": "Dev", "date": "2024-05-02", "colour": "red"}):
        assert parser.fast(SourceRow(9, wrong)) is None


def test_rows_that_go_the_long_way_keep_their_errors_among_quick_ones() -> None:
    good = {"company": "Acme", "role": "Dev", "date": "2024-05-02", "notes": "fine"}
    long_note = "a long note " * 30
    result = import_rows("interviews", source(
        good,
        {**good, "notes": "bad\x00note"},
        {"role": "Dev", "date": "2024-05-03"},
        {**good, "date": "2024-05-04", "colour": "red"},
        {**good, "notes": "bad\x00note", "date": "2024-05-05"},
        {**good, "date": "2024-05-06", "notes": long_note},
        {"notes": long_note, "date": "2024-05-07", "role": "Dev", "company": "Acme"},
    ), today=TODAY, skip_bad_rows=True)
    assert [(e.line, e.column) for e in result.errors] == [
        (3, "notes"), (4, "company"), (5, "colour"), (6, "notes")]
    assert result.errors[0].message == result.errors[3].message == "contains a NUL character, which is not text"
    assert result.created == 3
    notes = [records.get("interview", i)["debrief_notes"] for i in result.change.ids("interview", "create")]
    assert notes == ["fine", long_note.rstrip(), long_note.rstrip()]


def test_imported_dates_are_stored_as_a_form_stores_them() -> None:
    assert import_rows("opportunities", source({"company": "Acme", "role": "Dev", "invited_on": "2024-05-02"},
                                               {"company": "Acme", "role": "QA", "closed_on": "2024-05-03"}),
                       today=TODAY).ok
    company = records.create("company", {"name": "Typed"}).primary_id
    records.create("opportunity", {"company": company, "title": "Dev", "invited_on": "2024-05-02"})
    records.create("opportunity", {"company": company, "title": "QA", "closed_on": "2024-05-03"})
    stored = db.execute_sql("SELECT typeof(invited_on), invited_on, typeof(closed_on), closed_on "
                            "FROM opportunity ORDER BY id").fetchall()
    assert stored[:2] == stored[2:]
    assert stored[:2] == [("text", "2024-05-02", "null", None), ("null", None, "text", "2024-05-03")]


def test_existing_records_are_found_however_many_the_rows_name() -> None:
    names = [f"Firm {i}" for i in range(1200)]
    assert import_rows("companies", source(*({"name": n} for n in names)), today=TODAY).created == 1200
    first = import_rows("interviews", source(*({"company": n.upper(), "role": "Dev", "date": "2024-05-02",
                                                "interviewers": f"Ann {i % 700}"} for i, n in enumerate(names))),
                        today=TODAY)
    assert (first.created, first.also_created) == (1200, {"opportunity": 1200, "contact": 700})
    again = import_rows("interviews", source(*({"company": n, "role": "dev", "date": "2024-05-02",
                                                "interviewers": f"ann {i % 700}"} for i, n in enumerate(names))),
                        today=TODAY, update=True)
    assert (again.created, again.updated, again.skipped, again.also_created) == (0, 0, 1200, {})


def test_only_the_kinds_the_importer_cross_checks_have_cross_field_rules() -> None:
    """The planner skips records.cross_field_errors for kinds outside import_plan.CROSS_CHECKED; a rule
    added for another kind must be added there too."""
    from desktop_app.services import kinds
    from desktop_app.services.import_plan import CROSS_CHECKED

    class Watched(dict):
        def get(self, name, default=None):  # type: ignore[no-untyped-def]
            read.add(name)
            return dt.date(2024, 1, 1)

    for kind in kinds.KINDS.values():
        read: set[str] = set()
        records.cross_field_errors(kind, Watched())
        assert bool(read) == (kind.name in CROSS_CHECKED), kind.name


def test_the_changes_of_an_import_that_creates_updates_and_unlinks_are_in_row_order() -> None:
    first = import_rows("interviews", source(
        {"company": "Acme", "role": "Dev", "date": "2024-05-02", "interviewers": "Ann Lee; Bo Chen"}), today=TODAY)
    interview = first.change.ids("interview", "create")[0]
    result = import_rows("interviews", source(
        {"company": "Acme", "role": "Dev", "date": "2024-05-02", "interviewers": "Ann Lee; Cy Diaz", "notes": "n"},
        {"company": "Acme", "role": "Dev", "date": "2024-05-03", "interviewers": "Bo Chen"},
    ), update=True, today=TODAY)
    assert [(r.table, r.action) for r in result.change.rows] == [
        ("interview", "update"), ("contact", "create"), ("interview_contact", "create"),
        ("interview_contact", "delete"), ("interview", "create"), ("interview_contact", "create")]
    updated = result.change.rows[0]
    assert (updated.id, updated.before["debrief_notes"], updated.after["debrief_notes"]) == (interview, None, "n")
    created = result.change.rows[4]
    assert created.after == records.get("interview", created.id)
    assert all(r.after == records.get(r.table, r.id) for r in result.change.rows if r.action == "create")
    apply_backward(result.change)
    assert records.get("interview", interview)["debrief_notes"] is None
    apply_forward(result.change)
    assert records.get("interview", interview)["debrief_notes"] == "n"
