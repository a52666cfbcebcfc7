"""A Change reverses exactly: undo restores rows (children and links too) under the same ids."""

from __future__ import annotations


from desktop_app.db import models as m
from desktop_app.services import records
from desktop_app.services.changes import apply_backward, apply_forward


def dump(database) -> dict[str, list[tuple]]:
    return {
        model._meta.table_name: list(model.select().order_by(model.id).tuples())
        for model in m.RECORD_MODELS
    }


def build(database) -> dict[str, int]:
    company = records.create("company", {"name": "Acme"}).primary_id
    opp = records.create("opportunity", {"company": company, "title": "SRE"}).primary_id
    interview = records.create("interview", {"opportunity": opp, "scheduled_on": "2026-01-05"}).primary_id
    question = records.create("question", {"interview": interview, "text": "Design a queue"}).primary_id
    contact = records.create("contact", {"name": "Ann", "company": company, "how_met": interview}).primary_id
    records.create("interview_contact", {"interview": interview, "contact": contact})
    offer = records.create("offer", {"opportunity": opp, "received_on": "2026-02-01", "base_salary": 1}).primary_id
    records.create("task", {"title": "Answer", "offer": offer, "opportunity": opp, "question": question})
    return {"company": company, "opportunity": opp, "interview": interview, "contact": contact}


def test_undo_and_redo_of_a_delete_with_children_and_links(database) -> None:
    ids = build(database)
    before = dump(database)
    change = records.delete("opportunity", ids["opportunity"])
    after = dump(database)
    assert after != before
    apply_backward(change)
    assert dump(database) == before
    apply_forward(change)
    assert dump(database) == after
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []


def test_undo_of_create_and_update(database) -> None:
    ids = build(database)
    before = dump(database)
    edit = records.update("interview", ids["interview"], {"outcome": "passed", "self_rating_after": 4})
    created = records.create("question", {"interview": ids["interview"], "text": "Why us?"})
    apply_backward(created)
    apply_backward(edit)
    assert dump(database) == before
    apply_forward(edit)
    apply_forward(created)
    assert m.Interview.get_by_id(ids["interview"]).outcome == "passed"
    assert m.Question.select().where(m.Question.id == created.primary_id).exists()


def test_change_reports_tables_and_ids(database) -> None:
    ids = build(database)
    change = records.delete("interview", ids["interview"])
    assert change.tables == {"interview", "question", "interview_contact", "contact", "task"}
    assert change.ids("interview", "delete") == [ids["interview"]]
    assert change.ids("contact", "update") == [ids["contact"]]
