from __future__ import annotations

import pytest

from desktop_app.db import models as m
from desktop_app.services import records
from desktop_app.services.changes import apply_backward, apply_forward
from desktop_app.services.errors import ServiceError
from desktop_app.services.merge import merge, merge_preview


def dump() -> dict[str, list[tuple]]:
    return {model._meta.table_name: list(model.select().order_by(model.id).tuples()) for model in m.RECORD_MODELS}


def test_merging_companies_moves_every_link_and_fills_empty_fields(database) -> None:
    keep = records.create("company", {"name": "Acme", "industry": "Robotics"}).primary_id
    other = records.create("company", {"name": "ACME Inc.", "location": "Berlin", "industry": "Toys"}).primary_id
    opp = records.create("opportunity", {"company": other, "title": "SRE"}).primary_id
    contact = records.create("contact", {"name": "Ann", "company": other}).primary_id
    crit = records.create("criterion", {"name": "Pairing"}).primary_id
    records.create("score", {"company": other, "criterion": crit, "score": 4, "scored_on": "2026-01-01"})
    assert merge_preview("company", keep, other) == {"opportunity": 1, "contact": 1, "score": 1}
    before = dump()
    change = merge("company", keep, other)
    assert change.label == "merge companies"
    assert m.Opportunity.get_by_id(opp).company_id == keep and m.Contact.get_by_id(contact).company_id == keep
    assert m.Score.get().company_id == keep
    kept = m.Company.get_by_id(keep)
    assert (kept.industry, kept.location) == ("Robotics", "Berlin")  # the kept values win; gaps are filled
    assert not m.Company.select().where(m.Company.id == other).exists()
    after = dump()
    apply_backward(change)
    assert dump() == before
    apply_forward(change)
    assert dump() == after


def test_merging_contacts_drops_duplicate_interviewer_links(database) -> None:
    company = records.create("company", {"name": "Acme"}).primary_id
    opp = records.create("opportunity", {"company": company, "title": "SRE"}).primary_id
    interview = records.create("interview", {"opportunity": opp, "scheduled_on": "2026-01-01"}).primary_id
    keep = records.create("contact", {"name": "Ann Lee"}).primary_id
    other = records.create("contact", {"name": "Ann  Lee", "email": "ann@example.com"}).primary_id
    for contact in (keep, other):
        records.create("interview_contact", {"interview": interview, "contact": contact})
    records.create("interaction", {"contact": other, "occurred_on": "2026-01-02"})
    before = dump()
    change = merge("contact", keep, other)
    assert m.InterviewContact.select().count() == 1
    assert m.Interaction.get().contact_id == keep
    assert m.Contact.get_by_id(keep).email == "ann@example.com"
    apply_backward(change)
    assert dump() == before


def test_merge_refuses_clashing_opportunities_and_changes_nothing(database) -> None:
    a = records.create("company", {"name": "A"}).primary_id
    b = records.create("company", {"name": "B"}).primary_id
    for company in (a, b):
        records.create("opportunity", {"company": company, "title": "Backend"})
    before = dump()
    with pytest.raises(ServiceError, match="Both have an opportunity 'Backend'"):
        merge("company", a, b)
    assert dump() == before
    with pytest.raises(ServiceError):
        merge("company", a, a)
    with pytest.raises(ServiceError):
        merge("interview", 1, 2)
