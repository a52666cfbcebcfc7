"""What is due: open tasks, follow-ups with contacts, offer deadlines and upcoming interviews, in one list.

The Tasks screen's "What's due" view and the dashboard's "Next up" panel both read `due_items`. Each
source is one SQL query (joined for its labels), so the list costs four queries however much is due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import JOIN, fn

from ..db import models as m

TASK, FOLLOW_UP, OFFER_DEADLINE, INTERVIEW = "task", "follow-up", "offer deadline", "interview"
KINDS = (TASK, FOLLOW_UP, OFFER_DEADLINE, INTERVIEW)
OPEN_OFFER_STATUSES = ("pending", "negotiating")

# stages whose name already says what the event is ("Onsite at Acme", not "Onsite interview at Acme")
_STAGE_EVENTS = {"recruiter screen": "Recruiter screen", "onsite": "Onsite", "take-home": "Take-home",
                 "other": "Interview"}

OVERDUE, DONE, TODAY, THIS_WEEK, LATER = "Overdue", "Done", "Today", "This week", "Later"
GROUPS = (OVERDUE, DONE, TODAY, THIS_WEEK, LATER)


@dataclass(frozen=True)
class DueItem:
    kind: str  # one of KINDS
    record_kind: str  # the record to open: "task", "contact", "offer" or "interview"
    record_id: int
    title: str  # "Follow up with Ann Lee (Acme)"
    date: dt.date
    time: str | None = None  # "HH:MM" for interviews with a time
    overdue: bool = False
    done: bool = False  # tasks only

    @property
    def sort_key(self) -> tuple[Any, ...]:
        return (self.date, self.time or "", KINDS.index(self.kind), self.title.casefold(), self.record_id)


def interview_title(stage: str, company: str, role: str) -> str:
    """'Technical interview at Acme — Backend', 'Onsite at Acme — Backend'."""
    event = _STAGE_EVENTS.get(stage) or f"{stage[:1].upper()}{stage[1:]} interview"
    return f"{event} at {company} — {role}"


def follow_up_title(name: str, company: str | None) -> str:
    return f"Follow up with {name}" + (f" ({company})" if company else "")


def offer_title(company: str) -> str:
    return f"Respond to {company}'s offer"


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def due_items(
    today: dt.date,
    *,
    days: int | None = 7,
    include_done: bool = False,
    kinds: tuple[str, ...] = KINDS,
    limit: int | None = None,
) -> list[DueItem]:
    """What is due up to today + `days` (None: any time ahead), everything overdue first, in date order.

    Open tasks by their due date; contacts by their next follow-up; offers still pending or being
    negotiated by their respond-by date; interviews still scheduled from today on (an interview in the
    past is history, not something due). A follow-up or deadline that a task linked to the same record
    is due for on the same day is listed once, as that task. With `include_done`, tasks ticked off whose due date falls in
    the window (from `days` back) are listed too, so what was just done stays in view. `limit` keeps the
    first so many items (each query stops there too).
    """
    end = None if days is None else today + dt.timedelta(days=days)
    items: list[DueItem] = []
    if TASK in kinds:
        items += _tasks(today, end, days, include_done, limit)
    if FOLLOW_UP in kinds:
        items += _follow_ups(today, end, limit)
    if OFFER_DEADLINE in kinds:
        items += _offers(today, end, limit)
    if INTERVIEW in kinds:
        items += _interviews(today, end, limit)
    items.sort(key=lambda item: item.sort_key)
    return items if limit is None else items[:limit]


def group_of(item: DueItem, today: dt.date) -> str:
    """Which heading an item goes under: Overdue, Done (ticked off, due before today), Today, This week
    (the next 7 days) or Later."""
    if item.overdue:
        return OVERDUE
    if item.done and item.date < today:
        return DONE
    if item.date <= today:
        return TODAY
    return THIS_WEEK if item.date <= today + dt.timedelta(days=7) else LATER


def _limited(query: Any, limit: int | None) -> Any:
    return query if limit is None else query.limit(limit)


def _tasks(today: dt.date, end: dt.date | None, days: int | None, include_done: bool,
           limit: int | None) -> list[DueItem]:
    task = m.Task
    wanted = task.done == False  # noqa: E712 (SQL)
    if include_done:
        done = task.done == True  # noqa: E712 (SQL)
        if days is not None:
            done &= task.due_on >= today - dt.timedelta(days=days)
        wanted |= done
    query = task.select(task.id, task.title, task.due_on, task.done).where(task.due_on.is_null(False) & wanted)
    if end is not None:
        query = query.where(task.due_on <= end)
    query = _limited(query.order_by(task.due_on, task.id), limit)
    items = []
    for record_id, title, due_on, done in query.tuples():
        day = _as_date(due_on)
        items.append(DueItem(TASK, "task", record_id, title, day, None, not done and day < today, bool(done)))
    return items


def _planned(link: Any, day: Any) -> Any:
    """Tasks for this record due that day: the follow-up or deadline is already planned as a task (listed
    once, as the task, which can be ticked off)."""
    return m.Task.select(m.Task.id).where(link & (m.Task.due_on == day))


def _follow_ups(today: dt.date, end: dt.date | None, limit: int | None) -> list[DueItem]:
    contact, company = m.Contact, m.Company
    query = (contact.select(contact.id, contact.name, company.name, contact.next_follow_up)
             .join(company, JOIN.LEFT_OUTER, on=(contact.company == company.id))
             .where(contact.next_follow_up.is_null(False) & ~fn.EXISTS(_planned(m.Task.contact == contact.id,
                                                                             contact.next_follow_up))))
    if end is not None:
        query = query.where(contact.next_follow_up <= end)
    query = _limited(query.order_by(contact.next_follow_up, contact.id), limit)
    items = []
    for record_id, name, company_name, when in query.tuples():
        day = _as_date(when)
        items.append(DueItem(FOLLOW_UP, "contact", record_id, follow_up_title(name, company_name), day,
                             overdue=day < today))
    return items


def _offers(today: dt.date, end: dt.date | None, limit: int | None) -> list[DueItem]:
    offer, opportunity, company = m.Offer, m.Opportunity, m.Company
    query = (offer.select(offer.id, company.name, offer.respond_by)
             .join(opportunity, on=(offer.opportunity == opportunity.id))
             .join(company, on=(opportunity.company == company.id))
             .where(offer.respond_by.is_null(False) & offer.status.in_(OPEN_OFFER_STATUSES)
                    & ~fn.EXISTS(_planned(m.Task.offer == offer.id, offer.respond_by))))
    if end is not None:
        query = query.where(offer.respond_by <= end)
    query = _limited(query.order_by(offer.respond_by, offer.id), limit)
    items = []
    for record_id, company_name, respond_by in query.tuples():
        day = _as_date(respond_by)
        items.append(DueItem(OFFER_DEADLINE, "offer", record_id, offer_title(company_name), day, overdue=day < today))
    return items


def _interviews(today: dt.date, end: dt.date | None, limit: int | None) -> list[DueItem]:
    interview, opportunity, company = m.Interview, m.Opportunity, m.Company
    query = (interview.select(interview.id, interview.stage, company.name, opportunity.title,
                              interview.scheduled_on, interview.scheduled_time)
             .join(opportunity, on=(interview.opportunity == opportunity.id))
             .join(company, on=(opportunity.company == company.id))
             .where((interview.outcome == "scheduled") & (interview.scheduled_on >= today)))
    if end is not None:
        query = query.where(interview.scheduled_on <= end)
    query = _limited(query.order_by(interview.scheduled_on, interview.scheduled_time, interview.id), limit)
    return [
        DueItem(INTERVIEW, "interview", record_id, interview_title(stage, company_name, role), _as_date(day), time)
        for record_id, stage, company_name, role, day, time in query.tuples()
    ]
