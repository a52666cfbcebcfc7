"""What is due, from hand-made records: windows, overdue, done tasks, offer statuses, past interviews."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from desktop_app.services import records
from desktop_app.services.due import (
    DONE, FOLLOW_UP, INTERVIEW, LATER, OFFER_DEADLINE, OVERDUE, TASK, THIS_WEEK, TODAY, DueItem, due_items, group_of,
    interview_title,
)

TODAY_DATE = dt.date(2026, 3, 16)  # a Monday


def day(offset: int) -> str:
    return (TODAY_DATE + dt.timedelta(days=offset)).isoformat()


def make(kind: str, **values: Any) -> int:
    return records.create(kind, values).primary_id


@pytest.fixture
def acme(database: object) -> dict[str, int]:
    company = make("company", name="Acme")
    opportunity = make("opportunity", company=company, title="Backend")
    return {"company": company, "opportunity": opportunity}


def titles(items: list[DueItem]) -> list[str]:
    return [item.title for item in items]


def test_nothing_is_due_in_an_empty_data_file(database: object) -> None:
    assert due_items(TODAY_DATE) == []


def test_open_tasks_in_the_window_and_everything_overdue(acme: dict[str, int]) -> None:
    make("task", title="Long overdue", due_on=day(-400))
    make("task", title="Due today", due_on=day(0))
    make("task", title="In a week", due_on=day(7))
    make("task", title="Too far ahead", due_on=day(8))
    make("task", title="No due date")
    items = due_items(TODAY_DATE)
    assert titles(items) == ["Long overdue", "Due today", "In a week"]
    assert [item.overdue for item in items] == [True, False, False]
    assert all(item.kind == TASK and item.record_kind == "task" for item in items)
    assert titles(due_items(TODAY_DATE, days=8))[-1] == "Too far ahead"
    assert titles(due_items(TODAY_DATE, days=None)) == ["Long overdue", "Due today", "In a week", "Too far ahead"]
    assert titles(due_items(TODAY_DATE, days=0)) == ["Long overdue", "Due today"]


def test_done_tasks_are_left_out_unless_asked_for(acme: dict[str, int]) -> None:
    make("task", title="Done yesterday", due_on=day(-1), done=True)
    make("task", title="Done long ago", due_on=day(-30), done=True)
    make("task", title="Open", due_on=day(1))
    assert titles(due_items(TODAY_DATE)) == ["Open"]
    items = due_items(TODAY_DATE, include_done=True)
    assert titles(items) == ["Done yesterday", "Open"]  # done ones from the window's days back only
    done = items[0]
    assert done.done and not done.overdue  # a done task is never overdue
    assert [group_of(item, TODAY_DATE) for item in items] == [DONE, THIS_WEEK]
    assert titles(due_items(TODAY_DATE, days=None, include_done=True)) == ["Done long ago", "Done yesterday", "Open"]


def test_follow_ups_name_the_person_and_their_company(acme: dict[str, int]) -> None:
    ann = make("contact", name="Ann Lee", company=acme["company"], next_follow_up=day(2))
    make("contact", name="Bob Stone", next_follow_up=day(-3))
    make("contact", name="Cy Later", next_follow_up=day(20))
    make("contact", name="Dee Never")
    items = due_items(TODAY_DATE)
    assert titles(items) == ["Follow up with Bob Stone", "Follow up with Ann Lee (Acme)"]
    assert [(i.kind, i.overdue) for i in items] == [(FOLLOW_UP, True), (FOLLOW_UP, False)]
    assert (items[1].record_kind, items[1].record_id, items[1].date) == ("contact", ann, TODAY_DATE + dt.timedelta(2))


def test_offer_deadlines_only_while_the_offer_is_open(acme: dict[str, int]) -> None:
    globex = make("opportunity", company=make("company", name="Globex"), title="SRE")
    initech = make("opportunity", company=make("company", name="Initech"), title="Data")
    pending = make("offer", opportunity=acme["opportunity"], received_on=day(-10), respond_by=day(3),
                   base_salary=100000)
    make("offer", opportunity=globex, received_on=day(-20), respond_by=day(-2), base_salary=90000,
         status="negotiating")
    for status, received in (("accepted", -5), ("declined", -6), ("expired", -7), ("rescinded", -8)):
        make("offer", opportunity=initech, received_on=day(received), respond_by=day(1), base_salary=1,
             status=status)
    make("offer", opportunity=initech, received_on=day(-1), base_salary=1)  # no deadline
    items = due_items(TODAY_DATE)
    assert titles(items) == ["Respond to Globex's offer", "Respond to Acme's offer"]
    assert [(i.kind, i.overdue) for i in items] == [(OFFER_DEADLINE, True), (OFFER_DEADLINE, False)]
    assert (items[1].record_kind, items[1].record_id) == ("offer", pending)


def test_upcoming_interviews_only(acme: dict[str, int]) -> None:
    opp = acme["opportunity"]
    soon = make("interview", opportunity=opp, scheduled_on=day(1), scheduled_time="14:30", stage="technical")
    make("interview", opportunity=opp, scheduled_on=day(0), stage="recruiter screen")
    make("interview", opportunity=opp, scheduled_on=day(-1), stage="coding")  # past, still "scheduled"
    make("interview", opportunity=opp, scheduled_on=day(2), stage="onsite", outcome="cancelled")
    make("interview", opportunity=opp, scheduled_on=day(9), stage="final")
    items = due_items(TODAY_DATE)
    assert titles(items) == ["Recruiter screen at Acme — Backend", "Technical interview at Acme — Backend"]
    assert items[1] == DueItem(INTERVIEW, "interview", soon, "Technical interview at Acme — Backend",
                               TODAY_DATE + dt.timedelta(1), "14:30")
    assert not any(item.overdue for item in items)
    assert titles(due_items(TODAY_DATE, days=14))[-1] == "Final interview at Acme — Backend"


def test_everything_together_in_date_order_with_groups_and_a_limit(acme: dict[str, int]) -> None:
    make("task", title="Study: Concurrency", due_on=day(3))
    make("contact", name="Ann Lee", company=acme["company"], next_follow_up=day(-1))
    make("offer", opportunity=acme["opportunity"], received_on=day(-3), respond_by=day(0), base_salary=1)
    make("interview", opportunity=acme["opportunity"], scheduled_on=day(0), scheduled_time="09:00",
         stage="system design")
    make("task", title="Someday", due_on=day(20))
    items = due_items(TODAY_DATE, days=30)
    assert titles(items) == [
        "Follow up with Ann Lee (Acme)",
        "Respond to Acme's offer",  # today, no time, before the 09:00 interview
        "System design interview at Acme — Backend",
        "Study: Concurrency",
        "Someday",
    ]
    assert [group_of(i, TODAY_DATE) for i in items] == [OVERDUE, TODAY, TODAY, THIS_WEEK, LATER]
    assert titles(due_items(TODAY_DATE, days=30, limit=2)) == titles(items)[:2]
    assert titles(due_items(TODAY_DATE, kinds=(TASK, INTERVIEW))) == [
        "System design interview at Acme — Backend", "Study: Concurrency"]


def test_names_of_interviews_by_stage() -> None:
    assert interview_title("technical", "Acme", "Backend") == "Technical interview at Acme — Backend"
    assert interview_title("take-home", "Acme", "Backend") == "Take-home at Acme — Backend"
    assert interview_title("other", "Acme", "Backend") == "Interview at Acme — Backend"


def test_a_few_queries_however_much_is_due(acme: dict[str, int]) -> None:
    from desktop_app.db import db

    for i in range(30):
        make("task", title=f"Task {i}", due_on=day(i % 7))
        make("contact", name=f"Person {i}", company=acme["company"], next_follow_up=day(-i))
    executed: list[str] = []
    original = db.obj.execute_sql

    def counting(sql: str, *args: Any, **kwargs: Any) -> Any:
        executed.append(sql)
        return original(sql, *args, **kwargs)

    db.obj.execute_sql = counting
    try:
        items = due_items(TODAY_DATE)
    finally:
        del db.obj.execute_sql
    assert len(items) == 60
    assert len(executed) == 4


def test_a_follow_up_or_deadline_planned_as_a_task_is_listed_once_as_the_task(acme: dict[str, int]) -> None:
    ann = make("contact", name="Ann Lee", company=acme["company"], next_follow_up=day(1))
    offer = make("offer", opportunity=acme["opportunity"], received_on=day(-3), respond_by=day(2), base_salary=1)
    follow = make("task", title="Call Ann back", due_on=day(1), contact=ann)
    make("task", title="Decide on the offer", due_on=day(2), offer=offer)
    assert titles(due_items(TODAY_DATE)) == ["Call Ann back", "Decide on the offer"]
    records.update("task", follow, {"done": True})
    assert titles(due_items(TODAY_DATE)) == ["Decide on the offer"]  # done: the follow-up is not back
    records.update("task", follow, {"due_on": day(3), "done": False})  # a task for another day
    assert titles(due_items(TODAY_DATE)) == ["Follow up with Ann Lee (Acme)", "Decide on the offer", "Call Ann back"]
