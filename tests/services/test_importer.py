"""The import engine: natural keys, linked records, all-or-nothing, one undoable Change."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.db import models as m
from desktop_app.services import records
from desktop_app.services.changes import apply_backward, apply_forward
from desktop_app.services.errors import Cancelled
from desktop_app.services.kinds import BY_TABLE
from desktop_app.services.importer import RowError, SourceRow, import_rows

pytestmark = pytest.mark.usefixtures("database")

TODAY = dt.date(2024, 6, 15)


def source(*rows: dict[str, str]) -> list[SourceRow]:
    return [SourceRow(line, values) for line, values in enumerate(rows, start=2)]


def everything() -> dict[str, list[dict]]:
    return {model._meta.table_name: list(model.select().order_by(model.id).dicts()) for model in m.RECORD_MODELS}


def test_interviews_create_companies_and_opportunities_as_needed() -> None:
    result = import_rows("interviews", source(
        {"company": "Acme", "role": "Dev", "date": "2024-06-01", "source": "Referral", "said_yes": ""},
        {"company": " acme", "role": "DEV", "date": "2024-06-20", "source": "job board", "said_yes": "no"},
        {"company": "Globex", "role": "Ops", "date": "2024-06-15", "said_yes": "no"},
    ), today=TODAY)
    assert (result.created, result.updated, result.skipped, result.errors) == (3, 0, 0, [])
    assert result.also_created == {"company": 2, "opportunity": 2}
    assert [c.name for c in m.Company.select().order_by(m.Company.id)] == ["Acme", "Globex"]
    acme, globex = m.Opportunity.select().order_by(m.Opportunity.id)
    assert (acme.title, acme.source, acme.said_yes, acme.status) == ("Dev", "referral", True, "interviewing")
    assert (globex.source, globex.said_yes) == (None, False)
    outcomes = [i.outcome for i in m.Interview.select().order_by(m.Interview.id)]
    assert outcomes == ["pending", "scheduled", "scheduled"]


def test_the_change_lists_every_row_and_undo_reverses_it() -> None:
    records.create("company", {"name": "Acme"})
    before = everything()
    result = import_rows("interviews", source(
        {"company": "Acme", "role": "Dev", "date": "2024-01-01", "interviewers": "Jane; Joe"},
        {"company": "Initech", "role": "QA", "date": "2024-01-02"},
    ), today=TODAY)
    assert result.change.label == "import of 2 rows"
    assert {t: len(result.change.ids(t, "create")) for t in result.change.tables} == {
        "company": 1, "opportunity": 2, "interview": 2, "contact": 2, "interview_contact": 2}
    for row in result.change.rows:
        assert row.after == records.get(BY_TABLE[row.table].name, row.id)
    after = everything()
    apply_backward(result.change)
    assert everything() == before
    apply_forward(result.change)
    assert everything() == after


def test_duplicates_are_skipped_within_the_file_and_against_the_data() -> None:
    row = {"company": "Acme", "role": "Dev", "date": "2024-01-01", "time": "10:00", "stage": "Technical"}
    first = import_rows("interviews", source(row, dict(row, company="ACME")), today=TODAY)
    assert (first.created, first.skipped) == (1, 1)
    other_stage = dict(row, stage="final")
    no_time = dict(row, time="")
    second = import_rows("interviews", source(row, other_stage, no_time), today=TODAY)
    assert (second.created, second.skipped) == (2, 1)
    assert m.Interview.select().count() == 3


def test_update_changes_only_non_empty_cells_and_undo_puts_them_back() -> None:
    import_rows("interviews", source(
        {"company": "Acme", "role": "Dev", "date": "2024-01-01", "self_rating": "2", "notes": "meh",
         "interviewers": "Jane; Joe"},
    ), today=TODAY)
    before = everything()
    result = import_rows("interviews", source(
        {"company": "Acme", "role": "Dev", "date": "2024-01-01", "self_rating": "4", "notes": "",
         "interviewers": "Joe; Kim"},
    ), update=True, today=TODAY)
    assert (result.created, result.updated, result.skipped) == (0, 1, 0)
    interview = m.Interview.get()
    assert (interview.self_rating_after, interview.debrief_notes) == (4, "meh")
    names = sorted(link.contact.name for link in m.InterviewContact.select())
    assert names == ["Joe", "Kim"]
    [update] = [r for r in result.change.rows if r.table == "interview"]
    assert (update.before["self_rating_after"], update.after["self_rating_after"]) == (2, 4)
    apply_backward(result.change)
    assert everything() == before


def test_an_unchanged_duplicate_with_update_is_skipped() -> None:
    row = {"company": "Acme", "role": "Dev", "date": "2024-01-01", "self_rating": "2"}
    import_rows("interviews", source(row), today=TODAY)
    result = import_rows("interviews", source(row), update=True, today=TODAY)
    assert (result.updated, result.skipped, bool(result.change)) == (0, 1, False)


def test_errors_write_nothing_unless_bad_rows_are_skipped() -> None:
    rows = source(
        {"company": "Acme", "role": "Dev", "date": "2024-01-01"},
        {"company": "Acme", "role": "Dev", "date": "not a date", "stage": "lunch"},
        {"company": "Beta", "role": "QA", "date": "2024-01-03"},
    )
    result = import_rows("interviews", rows, today=TODAY)
    assert result.errors == [
        RowError(3, "date", "'not a date' is not a date; use YYYY-MM-DD, e.g. 2026-03-14"),
        RowError(3, "stage", "'lunch' is not one of: recruiter screen, technical, coding, system design, behavioral, "
                             "take-home, onsite, final, other"),
    ]
    assert not result.change
    assert all(not rows for rows in everything().values())
    kept = import_rows("interviews", rows, today=TODAY, skip_bad_rows=True)
    assert (kept.created, kept.bad_rows, len(kept.errors)) == (2, 1, 2)
    assert m.Interview.select().count() == 2


def test_dry_run_counts_without_writing() -> None:
    result = import_rows("companies", source({"name": "Acme"}, {"name": "acme"}), dry_run=True)
    assert (result.created, result.skipped) == (1, 1)
    assert m.Company.select().count() == 0


def test_unknown_keys_from_a_mapping_are_errors() -> None:
    result = import_rows("companies", source({"name": "Acme", "colour": "red"}))
    assert result.errors[0].column == "colour"
    assert result.errors[0].message.startswith("unknown column; known columns are name, website")


def test_progress_and_cancel() -> None:
    rows = source(*({"name": f"Company {i}"} for i in range(1000)))
    seen: list[tuple[int, int]] = []
    import_rows("companies", rows, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (2000, 2000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    calls = iter(range(100))
    with pytest.raises(Cancelled):
        import_rows("companies", source(*({"name": f"Other {i}"} for i in range(1000))),
                    cancel=lambda: next(calls) >= 3)
    assert m.Company.select().count() == 1000


def test_few_queries_for_many_rows(database) -> None:
    count = 0
    original = database.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        nonlocal count
        count += 1
        return original(sql, params, *args, **kwargs)

    database.execute_sql = counting
    try:
        rows = source(*({"company": f"C{i % 50}", "role": f"R{i % 3}", "date": f"2024-01-{1 + i % 28:02d}",
                         "interviewers": f"P{i % 70}"} for i in range(2000)))
        result = import_rows("interviews", rows, today=TODAY)
    finally:
        del database.execute_sql
    assert result.created == 2000
    assert count < 60, count


def test_ten_thousand_interviews_in_a_few_seconds() -> None:
    import time

    first = dt.date(1990, 1, 1)
    rows = source(*({"company": f"Company {i % 900}", "role": f"Role {i % 4}",
                     "date": (first + dt.timedelta(days=i)).isoformat(), "time": f"{8 + i % 10:02d}:30",
                     "stage": "technical", "self_rating": str(1 + i % 5),
                     "notes": "notes", "interviewers": f"Person {i % 2000}"} for i in range(10_000)))
    start = time.perf_counter()
    result = import_rows("interviews", rows, today=TODAY)
    elapsed = time.perf_counter() - start
    assert (result.created, result.errors) == (10_000, [])
    assert elapsed < 15


def test_opportunities_create_their_company_and_check_salaries() -> None:
    result = import_rows("opportunities", source(
        {"company": "Acme", "role": "Dev", "salary_min": "80,000", "salary_max": "90000", "currency": "eur",
         "said_yes": "yes"},
    ))
    assert (result.created, result.also_created) == (1, {"company": 1})
    opportunity = m.Opportunity.get()
    assert (opportunity.salary_min, opportunity.salary_currency, opportunity.status) == (80000, "EUR", "lead")
    update = import_rows("opportunities", source({"company": "acme", "role": "dev", "salary_max": "70000"}),
                         update=True)
    assert update.errors == [RowError(2, "salary_max", "70000 is below the lower end of the range (80000)")]


def test_questions_name_the_earliest_interview_that_day() -> None:
    import_rows("interviews", source(
        {"company": "Acme", "role": "Dev", "date": "2024-01-01", "time": "15:00", "stage": "coding"},
        {"company": "Acme", "role": "Dev", "date": "2024-01-01", "time": "09:00", "stage": "technical"},
        {"company": "Acme", "role": "Dev", "date": "2024-01-01", "stage": "final"},
    ), today=TODAY)
    afternoon, morning, untimed = (i.id for i in m.Interview.select().order_by(m.Interview.id))
    result = import_rows("questions", source(
        {"text": "Reverse a list", "company": "acme", "role": "dev", "date": "2024-01-01"},
        {"text": "Reverse a list", "company": "Acme", "role": "Dev", "date": "2024-01-01", "stage": "coding"},
        {"text": "Why us?", "kind": "Culture"},
        {"text": "why us? ", "kind": "culture"},
    ))
    assert (result.created, result.skipped, result.errors) == (3, 1, [])
    assert [(q.interview_id, q.kind) for q in m.Question.select().order_by(m.Question.id)] == [
        (morning, "technical"), (afternoon, "technical"), (None, "culture")]
    assert untimed
    bad = import_rows("questions", source({"text": "Hmm", "company": "Acme", "date": "2024-01-01"}))
    assert bad.errors == [RowError(2, "role", "is required to name the interview (company, role, date go together)")]


def test_contacts_create_companies_and_link_the_interview_where_they_met() -> None:
    import_rows("interviews", source({"company": "Acme", "role": "Dev", "date": "2024-01-01"}), today=TODAY)
    result = import_rows("contacts", source(
        {"name": "Jane", "company": "Acme", "how_met_company": "Acme", "how_met_role": "Dev",
         "how_met_date": "2024-01-01", "met_on": "2024-01-01"},
        {"name": "Jane", "company": "Globex"},
        {"name": "jane", "company": "ACME", "email": "jane@acme.example"},
        {"name": "Solo"},
    ))
    assert (result.created, result.skipped, result.also_created) == (3, 1, {"company": 1})
    jane = m.Contact.get(m.Contact.name == "Jane", m.Contact.company == 1)
    assert (jane.how_met_id, jane.email) == (m.Interview.get().id, None)


def test_offers_need_an_opportunity_and_updates_keep_revisions() -> None:
    import_rows("opportunities", source({"company": "Acme", "role": "Dev"}))
    result = import_rows("offers", source(
        {"company": "Acme", "role": "Dev", "received_on": "2024-02-01", "base": "90000", "currency": "EUR"},
        {"company": "Acme", "role": "Nope", "received_on": "2024-02-01"},
    ))
    assert result.errors == [RowError(3, "role", "'Acme' has no role 'Nope'; import the opportunity first")]
    import_rows("offers", source(
        {"company": "Acme", "role": "Dev", "received_on": "2024-02-01", "base": "90000", "currency": "EUR"}))
    update = import_rows("offers", source(
        {"company": "Acme", "role": "Dev", "received_on": "2024-02-01", "base": "95000", "status": "negotiating"},
    ), update=True, today=TODAY)
    assert update.updated == 1
    offer = m.Offer.get()
    assert (offer.base_salary, offer.status, offer.currency) == (95000, "negotiating", "EUR")
    revision = m.OfferRevision.get()
    assert (revision.base_salary, revision.currency, revision.revised_on) == (90000, "EUR", TODAY)
    assert update.change.tables == {"offer", "offer_revision"}
    late = import_rows("offers", source(
        {"company": "Acme", "role": "Dev", "received_on": "2024-03-01", "respond_by": "2024-02-01"}))
    assert late.errors == [RowError(2, "respond_by", "2024-02-01 is before the day the offer came (2024-03-01)")]


def test_an_offer_without_figures_starts_at_zero_in_the_default_currency() -> None:
    import_rows("opportunities", source({"company": "Acme", "role": "Dev"}))
    import_rows("offers", source({"company": "Acme", "role": "Dev", "received_on": "2024-02-01"}))
    offer = m.Offer.get()
    assert (offer.base_salary, offer.currency, offer.status) == (0, "USD", "pending")


def test_cancel_while_writing_rolls_back() -> None:
    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return m.Company.select().count() > 0  # only true once a batch has been written

    with pytest.raises(Cancelled):
        import_rows("companies", source(*({"name": f"Company {i}"} for i in range(5000))), cancel=cancel)
    assert calls > 50
    assert m.Company.select().count() == 0


def test_only_the_creating_row_sets_the_opportunitys_source_and_said_yes() -> None:
    import_rows("interviews", source({"company": "Acme", "role": "Dev", "date": "2024-01-01", "source": "network",
                                      "said_yes": "no"}), today=TODAY)
    result = import_rows("interviews", source(
        {"company": "Acme", "role": "Dev", "date": "2024-01-01", "source": "referral", "said_yes": "yes"},
        {"company": "Acme", "role": "Dev", "date": "2024-01-09", "source": "referral", "said_yes": "yes"},
    ), update=True, today=TODAY)
    assert (result.created, result.updated, result.skipped) == (1, 0, 1)
    opportunity = m.Opportunity.get()
    assert (opportunity.source, opportunity.said_yes) == ("network", False)
