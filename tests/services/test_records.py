"""Create, read, update, delete with validation that names the field and the reason."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.db import models as m
from desktop_app.services import records
from desktop_app.services.errors import DeleteRefusedError, NotFoundError, ValidationError


@pytest.fixture
def opportunity(database) -> int:
    company = records.create("company", {"name": "Acme"}).primary_id
    return records.create("opportunity", {"company": company, "title": "Backend Engineer"}).primary_id


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {e.field: e.message for e in exc.value.errors}


def test_create_returns_the_row_written(database) -> None:
    change = records.create("company", {"name": "  Ärger GmbH ", "website": "https://a.example"})
    assert change.label == "create company"
    [row] = change.rows
    assert row.table == "company" and row.before is None and row.action == "create"
    assert row.after["name"] == "Ärger GmbH" and row.after["name_key"] == "ärger gmbh"
    assert m.Company.get_by_id(row.id).website == "https://a.example"


def test_unique_names_compare_normalised(database) -> None:
    records.create("company", {"name": "Ärger"})
    with pytest.raises(ValidationError) as exc:
        records.create("company", {"name": " ärger "})
    assert "already" in errors_of(exc)["name"]
    # NFD input is the same name after NFC normalisation
    with pytest.raises(ValidationError):
        records.create("company", {"name": "A\u0308rger"})
    assert m.Company.select().count() == 1


def test_every_bad_field_is_named_with_its_reason(opportunity: int) -> None:
    with pytest.raises(ValidationError) as exc:
        records.create("interview", {
            "opportunity": opportunity, "scheduled_on": "2026-02-30", "scheduled_time": "25:00",
            "stage": "lunch", "outcome": "Passed", "self_rating_after": 6, "duration_minutes": "abc",
        })
    errors = errors_of(exc)
    assert "not a date" in errors["scheduled_on"]
    assert "24-hour" in errors["scheduled_time"]
    assert "'lunch' is not one of" in errors["stage"]
    assert "1 to 5" in errors["self_rating_after"]
    assert "whole number" in errors["duration_minutes"]
    assert "outcome" not in errors  # choices match case-insensitively
    assert m.Interview.select().count() == 0


@pytest.mark.parametrize("value", ["1969-12-31", "2101-01-01"])
def test_dates_outside_1970_to_2100_are_refused(opportunity: int, value: str) -> None:
    with pytest.raises(ValidationError) as exc:
        records.create("interview", {"opportunity": opportunity, "scheduled_on": value})
    assert "outside 1970-01-01 to 2100-12-31" in errors_of(exc)["scheduled_on"]


def test_required_fields_and_links_are_checked(database) -> None:
    with pytest.raises(ValidationError) as exc:
        records.create("opportunity", {"company": 999, "title": "  "})
    errors = errors_of(exc)
    assert errors["title"] == "is required"
    assert "does not exist" in errors["company"]


def test_money_range_currency_and_salary_order(opportunity: int) -> None:
    with pytest.raises(ValidationError) as exc:
        records.update("opportunity", opportunity, {"salary_min": "90,000", "salary_max": 80000,
                                                    "salary_currency": "EUR"})
    assert "below the lower end" in errors_of(exc)["salary_max"]
    with pytest.raises(ValidationError) as exc:
        records.update("opportunity", opportunity, {"salary_min": 10**12 + 1, "salary_currency": "XYZ"})
    errors = errors_of(exc)
    assert "out of range" in errors["salary_min"] and "ISO 4217" in errors["salary_currency"]
    records.update("opportunity", opportunity, {"salary_min": "70 000", "salary_max": 90000, "salary_currency": "eur"})
    row = records.get("opportunity", opportunity)
    assert (row["salary_min"], row["salary_max"], row["salary_currency"]) == (70000, 90000, "EUR")


def test_update_returns_before_and_after_and_skips_no_ops(opportunity: int) -> None:
    change = records.update("opportunity", opportunity, {"status": "Interviewing", "title": "Backend Engineer"})
    [row] = change.rows
    assert row.before["status"] == "lead" and row.after["status"] == "interviewing"
    assert not records.update("opportunity", opportunity, {"status": "interviewing"})


def test_offer_revision_keeps_the_earlier_figures(opportunity: int) -> None:
    offer = records.create("offer", {"opportunity": opportunity, "received_on": "2026-03-01", "currency": "EUR",
                                     "base_salary": 80000, "bonus": 5000}).primary_id
    change = records.update("offer", offer, {"base_salary": 88000})
    assert [r.table for r in change.rows] == ["offer", "offer_revision"]
    [revision] = m.OfferRevision.select().where(m.OfferRevision.offer == offer)
    assert (revision.base_salary, revision.bonus, revision.currency) == (80000, 5000, "EUR")
    assert m.Offer.get_by_id(offer).base_salary == 88000
    records.update("offer", offer, {"status": "negotiating"})  # not a figure: no new revision
    assert m.OfferRevision.select().count() == 1


def test_delete_cascades_children_and_clears_optional_links(opportunity: int) -> None:
    interview = records.create("interview", {"opportunity": opportunity, "scheduled_on": "2026-01-05"}).primary_id
    question = records.create("question", {"interview": interview, "text": "What is MVCC?"}).primary_id
    contact = records.create("contact", {"name": "Ann", "how_met": interview}).primary_id
    task = records.create("task", {"title": "Study", "question": question, "opportunity": opportunity}).primary_id
    assert list(records.delete_impact("opportunity", opportunity).items()) == [("interview", 1), ("question", 1)]
    change = records.delete("opportunity", opportunity)
    assert change.label == "delete opportunity"
    assert not m.Interview.select().exists() and not m.Question.select().exists()
    assert m.Contact.get_by_id(contact).how_met_id is None
    kept = m.Task.get_by_id(task)
    assert kept.question_id is None and kept.opportunity_id is None


def test_delete_is_refused_while_independent_records_point_at_it(opportunity: int) -> None:
    company = m.Opportunity.get_by_id(opportunity).company_id
    records.create("contact", {"name": "Ann", "company": company})
    with pytest.raises(DeleteRefusedError) as exc:
        records.delete("company", company)
    assert exc.value.blockers == {"opportunity": 1, "contact": 1}
    assert "still has 1 opportunity, 1 contact" in str(exc.value)
    assert m.Company.select().count() == 1


def test_missing_records_are_reported(database) -> None:
    with pytest.raises(NotFoundError, match="no company with id 42"):
        records.get("company", 42)
    with pytest.raises(NotFoundError):
        records.delete("interview", 42)


def test_unknown_fields_are_refused(database) -> None:
    with pytest.raises(ValidationError) as exc:
        records.create("company", {"name": "A", "colour": "red"})
    assert errors_of(exc) == {"colour": "is not a field of company"}


def test_timestamps(database) -> None:
    cid = records.create("company", {"name": "A"}).primary_id
    row = records.get("company", cid)
    assert isinstance(row["created_at"], dt.datetime) and row["created_at"] == row["updated_at"]
