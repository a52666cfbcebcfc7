"""The Dashboard's date range (stats.compute(months=N)), checked against small datasets worked out by hand.

Most tests compute 3 months as of 2026-03-16: the range starts on 2026-01-01, so a record dated
2026-01-01 is in and one dated 2025-12-31 is out.
"""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.services import records, stats
from desktop_app.services.stats_range import range_start
from desktop_app.settings import Settings

from .test_stats import company, held, interview, opportunity

TODAY = dt.date(2026, 3, 16)  # with months=3 the range starts on 2026-01-01


def ranged(months: int | None = 3, settings: Settings | None = None) -> dict:
    return stats.compute(TODAY, settings or Settings(), months=months)


@pytest.mark.parametrize("today, months, expected", [
    (dt.date(2026, 3, 16), 3, dt.date(2026, 1, 1)),
    (dt.date(2026, 3, 16), 12, dt.date(2025, 4, 1)),
    (dt.date(2026, 3, 16), 6, dt.date(2025, 10, 1)),
    (dt.date(2026, 1, 31), 1, dt.date(2026, 1, 1)),  # 1 month: this month only
    (dt.date(2026, 1, 1), 2, dt.date(2025, 12, 1)),  # January reaches back into last year
    (dt.date(2026, 1, 15), 12, dt.date(2025, 2, 1)),
    (dt.date(2026, 1, 15), 13, dt.date(2025, 1, 1)),
    (dt.date(2026, 12, 31), 12, dt.date(2026, 1, 1)),
    (dt.date(2024, 2, 29), 24, dt.date(2022, 3, 1)),
    (dt.date(2026, 3, 16), None, None),
])
def test_range_start(today: dt.date, months: int | None, expected: dt.date | None) -> None:
    assert range_start(today, months) == expected
    assert stats.range_start is range_start


@pytest.mark.parametrize("months", [0, -1])
def test_a_range_of_less_than_a_month_is_refused(months: int) -> None:
    with pytest.raises(ValueError, match=f"not {months}"):
        range_start(TODAY, months)
    with pytest.raises(ValueError):
        stats.compute(TODAY, Settings(), months=months)


def test_empty_data_in_a_range(database) -> None:
    figures = ranged()
    assert figures["range_start"] == "2026-01-01"
    assert figures["interviews_per_month"] == [
        {"month": "2026-01", "held": 0}, {"month": "2026-02", "held": 0}, {"month": "2026-03", "held": 0}]
    assert figures["network"] == {
        "contacts_per_month": [{"month": "2026-01", "new": 0}, {"month": "2026-02", "new": 0},
                               {"month": "2026-03", "new": 0}],
        "interviews_with_new_contact": None}
    assert figures["funnel"]["yes_rate"] is None
    assert stats.compute(TODAY, Settings())["range_start"] is None


def test_interviews_per_month_in_a_range(database) -> None:
    opp = opportunity("Backend engineer")
    held(opp, "2025-11-10", "2025-12-31")  # out
    held(opp, "2026-01-01")  # in: the range's first day
    interview(opp, "2026-02-01", "cancelled")  # not held
    held(opp, "2026-03-02", "2026-03-03")
    interview(opp, "2026-04-10", "pending")  # after today: in, and the series runs to April
    assert ranged()["interviews_per_month"] == [
        {"month": "2026-01", "held": 1}, {"month": "2026-02", "held": 0}, {"month": "2026-03", "held": 2},
        {"month": "2026-04", "held": 1}]
    assert [e["held"] for e in ranged(months=None)["interviews_per_month"]] == [1, 1, 1, 0, 2, 1]


def test_the_streak_does_not_depend_on_the_range(database) -> None:
    opp = opportunity("Backend engineer")
    held(opp, "2025-11-03", "2025-11-04")
    held(opp, "2025-12-01", "2025-12-31")
    held(opp, "2026-01-10", "2026-01-11")
    held(opp, "2026-02-01", "2026-02-28")
    # November to February meet 2; March (1 so far) has not yet: 4, though 1 month shows only March
    for months in (1, 3, None):
        assert ranged(months)["habit"] == {"target_per_month": 2, "streak_months": 4}
    assert ranged(1)["interviews_per_month"] == [{"month": "2026-03", "held": 0}]


def test_the_funnel_of_a_range_is_the_cohort_invited_in_it(database) -> None:
    def invited(title: str, on: str | None, said_yes: bool = True) -> int:
        opp = opportunity(title, said_yes=said_yes)
        records.update("opportunity", opp, {"invited_on": on})
        return opp

    a = invited("A", "2026-01-01")  # in: the range's first day
    b = invited("B", "2025-12-31")  # out
    c = invited("C", None)  # out: no invitation date
    d = invited("D", "2026-02-10", said_yes=False)
    e = invited("E", "2026-03-16")
    interview(a, "2025-12-20", "passed")  # before the range, but A is in the cohort: interviewed
    interview(b, "2026-01-05", "passed")
    interview(c, "2026-01-06", "passed")
    interview(d, "2026-02-11", "cancelled")  # not held: D is not interviewed
    interview(e, "2026-04-01", "pending")
    for opp, day, status in [(a, "2025-12-30", "accepted"), (b, "2026-01-10", "accepted"),
                             (c, "2026-01-11", "pending"), (e, "2026-03-16", "pending")]:
        records.create("offer", {"opportunity": opp, "received_on": day, "currency": "EUR", "base_salary": 1,
                                 "status": status})
    assert ranged()["funnel"] == {  # A, D and E; 2 of 3 said yes
        "opportunities": 3, "said_yes": 2, "interviewed": 2, "offers": 2, "accepted": 1, "yes_rate": 0.67}
    assert ranged(months=None)["funnel"] == {
        "opportunities": 5, "said_yes": 4, "interviewed": 4, "offers": 4, "accepted": 2, "yes_rate": 0.8}


def test_calibration_in_a_range(database) -> None:
    opp = opportunity("Backend engineer")
    interview(opp, "2025-12-31", "passed", 5)  # out
    interview(opp, "2026-01-01", "failed", 2)
    interview(opp, "2026-02-01", "pending", 3)  # not decided
    interview(opp, "2026-03-10", "passed", 4)
    interview(opp, "2026-03-11", "passed", None)  # unrated
    figures = ranged()
    assert [(c["self_rating"], c["decided"], c["passed"]) for c in figures["calibration"]] == [
        (1, 0, 0), (2, 1, 0), (3, 0, 0), (4, 1, 1), (5, 0, 0)]
    assert figures["calibration_by_quarter"] == [
        {"quarter": "2026-Q1", "average_self_rating": 3.0, "pass_rate": 0.5, "decided": 2}]  # (2 + 4) / 2
    assert [q["quarter"] for q in ranged(months=None)["calibration_by_quarter"]] == ["2025-Q4", "2026-Q1"]


def test_skills_in_a_range_keep_every_skill_and_the_level_each_entered_it_with(database) -> None:
    python = records.create("skill", {"name": "Python", "target_level": 5}).primary_id
    rust = records.create("skill", {"name": "Rust", "target_level": 3}).primary_id
    records.create("skill", {"name": "Go"})
    for skill, day, level in [(python, "2025-12-31", 1), (python, "2026-02-01", 3), (python, "2026-01-01", 2),
                              (python, "2025-10-01", 4), (rust, "2025-03-01", 1), (rust, "2025-06-01", 2)]:
        records.create("skill_rating", {"skill": skill, "rated_on": day, "level": level})
    # before 2026-01-01 only the last rating counts: Python's of 31 December, Rust's of 1 June
    assert ranged()["skills"] == [
        {"skill": "Go", "target": None, "ratings": []},
        {"skill": "Python", "target": 5, "ratings": [{"date": "2025-12-31", "level": 1},
                                                     {"date": "2026-01-01", "level": 2},
                                                     {"date": "2026-02-01", "level": 3}]},
        {"skill": "Rust", "target": 3, "ratings": [{"date": "2025-06-01", "level": 2}]},
    ]


def test_weakest_topics_in_a_range_leave_out_bank_questions(database) -> None:
    opp = opportunity("Backend engineer")
    before = interview(opp, "2025-12-31", "passed")
    first = interview(opp, "2026-01-01", "passed")
    later = interview(opp, "2026-03-20", "scheduled")  # after today, still in the range
    for n, (at, topic, quality) in enumerate([(before, "SQL", 1), (first, "SQL", 4), (first, "Testing", 2),
                                              (None, "Testing", 5), (later, "Testing", 3)]):
        records.create("question", {"text": f"Question {n}", "interview": at, "topic": topic,
                                    "answer_quality": quality})
    assert ranged()["weakest_topics"] == [  # Testing (2 + 3) / 2; SQL 4 / 1
        {"topic": "Testing", "questions": 2, "average_quality": 2.5},
        {"topic": "SQL", "questions": 1, "average_quality": 4.0},
    ]
    assert ranged(months=None)["weakest_topics"] == [  # SQL (1 + 4) / 2; Testing (2 + 5 + 3) / 3
        {"topic": "SQL", "questions": 2, "average_quality": 2.5},
        {"topic": "Testing", "questions": 3, "average_quality": 3.33},
    ]


def test_offers_in_a_range_and_what_it_leaves_alone(database) -> None:
    opps = [opportunity(title, at=at) for title, at in [("A", "Acme"), ("B", "Bolt"), ("C", "Cargo")]]
    for opp, day, currency in zip(opps, ["2025-12-31", "2026-01-01", "2025-11-01"], ["EUR", "EUR", "GBP"]):
        records.create("offer", {"opportunity": opp, "received_on": day, "currency": currency,
                                 "base_salary": 70000})
    criterion = records.create("criterion", {"name": "Growth", "weight": 1}).primary_id
    records.create("score", {"company": company("Zeta"), "criterion": criterion, "score": 4,
                             "scored_on": "2024-05-01"})
    settings = Settings(current_base=60000)
    figures, everything = ranged(settings=settings), ranged(months=None, settings=settings)
    assert figures["offers"] == [{"company": "Bolt", "role": "B", "received_on": "2026-01-01", "yearly_total": 70000,
                                  "currency": "EUR", "converted": True}]
    assert figures["notes"] == []  # the GBP offer without a rate is out of the range
    assert len(everything["notes"]) == 1
    assert figures["current_compensation"] == everything["current_compensation"] == {
        "yearly_total": 60000, "currency": "EUR", "converted": True}
    assert figures["company_fit"] == everything["company_fit"] == [{"company": "Zeta", "fit": 4.0}]


def test_network_in_a_range(database) -> None:
    opp = opportunity("Backend engineer")
    out = interview(opp, "2025-12-31", "passed")
    first = interview(opp, "2026-01-01", "passed")
    interview(opp, "2026-02-10", "failed")
    cancelled = interview(opp, "2026-03-01", "cancelled")
    for name, met_on, how_met in [("Ann", "2025-12-31", out), ("Bob", "2026-01-01", first),
                                  ("Cy", "2026-03-20", cancelled), ("Ed", None, None)]:
        records.create("contact", {"name": name, "met_on": met_on, "how_met": how_met})
    assert ranged()["network"] == {
        "contacts_per_month": [{"month": "2026-01", "new": 1}, {"month": "2026-02", "new": 0},
                               {"month": "2026-03", "new": 1}],
        "interviews_with_new_contact": 0.5,  # held in the range: 2026-01-01 (Bob) and 2026-02-10 (none)
    }
    assert ranged(months=None)["network"]["interviews_with_new_contact"] == 0.67  # 2 of 3 held


def test_summary_names_the_range(database) -> None:
    held(opportunity("Backend engineer"), "2026-02-10")
    text = stats.summary(ranged())
    assert text.splitlines()[0] == "SayYes stats as of 2026-03-16, from 2026-01-01"
    assert "Interviews held: 1 over 3 months" in text
