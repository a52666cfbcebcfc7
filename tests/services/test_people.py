"""Interviewers, follow-ups and naming contacts: services.people, without Qt."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.db import models as m
from desktop_app.services import listing, people, records
from desktop_app.services.changes import apply_backward, apply_forward
from desktop_app.services.errors import ServiceError


def company(name: str) -> int:
    return records.create("company", {"name": name}).primary_id


def interview(company_id: int, day: str = "2026-03-02", title: str = "Backend engineer") -> int:
    opportunity = records.create("opportunity", {"company": company_id, "title": title}).primary_id
    return records.create("interview", {"opportunity": opportunity, "scheduled_on": day}).primary_id


def contact(name: str, company_id: int | None = None, **values: object) -> int:
    return records.create("contact", {"name": name, "company": company_id, **values}).primary_id


def links() -> list[tuple[int, int]]:
    return list(m.InterviewContact.select(m.InterviewContact.interview, m.InterviewContact.contact).tuples())


def test_a_new_interviewer_is_a_contact_met_at_that_interview(database: object) -> None:
    acme = company("Acme")
    held = interview(acme, "2026-03-02")
    change = people.add_interviewer(held, name="  Ann Lee ")
    assert change.label == "add interviewer"
    [row] = m.Contact.select().dicts()
    assert (row["name"], row["company"], row["how_met"]) == ("Ann Lee", acme, held)
    assert row["met_on"] == dt.date(2026, 3, 2)
    assert links() == [(held, row["id"])]
    assert [r.table for r in change.rows] == ["contact", "interview_contact"]

    apply_backward(change)
    assert links() == [] and m.Contact.select().count() == 0
    apply_forward(change)
    assert links() == [(held, row["id"])] and m.Contact.select().count() == 1


def test_a_name_already_known_at_the_company_is_linked_not_duplicated(database: object) -> None:
    acme = company("Acme")
    ann = contact("Ann Lee", acme)
    contact("Ann Lee", company("Globex"))
    held = interview(acme)
    change = people.add_interviewer(held, name="ann lee")
    assert [r.table for r in change.rows] == ["interview_contact"]
    assert links() == [(held, ann)]
    assert m.Contact.select().count() == 2


def test_an_existing_contact_is_linked_and_only_once(database: object) -> None:
    acme = company("Acme")
    bob = contact("Bob Stone")
    held = interview(acme)
    people.add_interviewer(held, contact_id=bob)
    assert links() == [(held, bob)]
    with pytest.raises(ServiceError, match="Bob Stone is already an interviewer"):
        people.add_interviewer(held, contact_id=bob)
    with pytest.raises(ServiceError, match="Type the interviewer's name"):
        people.add_interviewer(held, name="   ")
    assert records.get("contact", bob)["how_met"] is None  # an existing contact is left as it was


def test_removing_an_interviewer_keeps_the_contact(database: object) -> None:
    held = interview(company("Acme"))
    bob = contact("Bob Stone")
    link = people.add_interviewer(held, contact_id=bob).primary_id
    assert people.interviewer_contact(link) == bob
    change = people.remove_interviewer(link)
    assert change.label == "remove interviewer"
    assert links() == [] and records.exists("contact", bob)


def test_interviews_of_a_contact_latest_first(database: object) -> None:
    acme = company("Acme")
    first, second = interview(acme, "2026-01-10"), interview(acme, "2026-02-10", "Staff engineer")
    ann = contact("Ann Lee", acme)
    for held in (first, second):
        people.add_interviewer(held, contact_id=ann)
    assert people.interview_ids_of_contact(ann) == [second, first]
    assert people.interview_ids_of_contact(contact("Nobody")) == []
    assert people.interview_company(first) == acme


def test_contact_options_name_the_company_and_search_both(database: object) -> None:
    acme, globex = company("Acme"), company("Globex")
    ann = contact("Ann Lee", globex)
    ann_acme = contact("Ann Lee", acme)
    solo = contact("Anna Solo")
    assert people.contact_options("ann") == [(ann_acme, "Ann Lee — Acme"), (ann, "Ann Lee — Globex"),
                                             (solo, "Anna Solo")]
    assert people.contact_options("lee glob") == [(ann, "Ann Lee — Globex")]
    assert [i for i, _ in people.contact_options("ann", company_first=globex)] == [ann, ann_acme, solo]
    assert [i for i, _ in people.contact_options("", exclude=solo)] == [ann_acme, ann]
    assert people.contact_label(ann) == "Ann Lee — Globex" and people.contact_label(solo) == "Anna Solo"


def test_the_follow_up_due_filter(database: object) -> None:
    today = dt.date(2026, 3, 10)
    due = contact("Ann Due", next_follow_up="2026-03-10")
    late = contact("Bea Late", next_follow_up="2026-02-01")
    contact("Cy Later", next_follow_up="2026-04-01")
    contact("Di Never")
    on_day = {people.FOLLOW_UP_FILTER: today}
    assert listing.list_ids("contact", filters=on_day) == [due, late]
    assert listing.list_ids("contact", search="bea", filters=on_day) == [late]
    due_today = listing.count("contact", filters={people.FOLLOW_UP_FILTER: people.FOLLOW_UP_DUE})
    assert due_today == sum(d <= dt.date.today() for d in (dt.date(2026, 3, 10), dt.date(2026, 2, 1),
                                                          dt.date(2026, 4, 1)))
    assert len(listing.list_ids("contact")) == 4
    with pytest.raises(KeyError):
        listing.list_ids("contact", filters={people.FOLLOW_UP_FILTER: "someday"})
