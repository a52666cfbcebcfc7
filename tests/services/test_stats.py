"""The Dashboard's figures (services/stats.py), checked against small datasets worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.services import records, stats
from desktop_app.settings import Settings

MARCH_END = dt.date(2026, 3, 31)


def company(name: str) -> int:
    return records.create("company", {"name": name}).primary_id


def opportunity(title: str, said_yes: bool = True, at: str = "Acme") -> int:
    from desktop_app.db import models as m

    row = m.Company.select(m.Company.id).where(m.Company.name == at).first()
    company_id = row.id if row is not None else company(at)
    return records.create("opportunity", {"company": company_id, "title": title, "said_yes": said_yes}).primary_id


def interview(opp: int, day: str, outcome: str, rating: int | None = None, stage: str = "technical") -> int:
    return records.create("interview", {"opportunity": opp, "scheduled_on": day, "outcome": outcome,
                                        "self_rating_after": rating, "stage": stage}).primary_id


def held(opp: int, *days: str) -> None:
    for number, day in enumerate(days):
        interview(opp, day, "passed", stage=("technical", "coding", "final", "onsite", "other")[number % 5])


def test_empty_data(database) -> None:
    assert stats.compute(MARCH_END, Settings()) == {
        "as_of": "2026-03-31",
        "display_currency": "EUR",
        "range_start": None,
        "interviews_per_month": [],
        "habit": {"target_per_month": 2, "streak_months": 0},
        "funnel": {"opportunities": 0, "said_yes": 0, "interviewed": 0, "offers": 0, "accepted": 0,
                   "yes_rate": None},
        "calibration": [{"self_rating": r, "decided": 0, "passed": 0} for r in (1, 2, 3, 4, 5)],
        "calibration_by_quarter": [],
        "skills": [],
        "weakest_topics": [],
        "offers": [],
        "current_compensation": None,
        "company_fit": [],
        "network": {"contacts_per_month": [], "interviews_with_new_contact": None},
        "notes": [],
    }


def test_a_single_month_counts_held_interviews_only(database) -> None:
    opp = opportunity("Backend engineer")
    interview(opp, "2026-03-02", "passed")
    interview(opp, "2026-03-09", "failed")
    interview(opp, "2026-03-16", "pending")
    interview(opp, "2026-03-20", "cancelled")
    interview(opp, "2026-03-23", "no-show")
    interview(opp, "2026-03-30", "scheduled")
    figures = stats.compute(MARCH_END, Settings(habit_target_per_month=3))
    assert figures["interviews_per_month"] == [{"month": "2026-03", "held": 3}]
    # February is before the first held interview; March (the current month) meets the target of 3
    assert figures["habit"] == {"target_per_month": 3, "streak_months": 1}


def test_months_without_interviews_are_included(database) -> None:
    opp = opportunity("Backend engineer")
    held(opp, "2026-01-05", "2026-01-20", "2026-03-10")
    figures = stats.compute(dt.date(2026, 5, 31), Settings())
    assert figures["interviews_per_month"] == [
        {"month": "2026-01", "held": 2}, {"month": "2026-02", "held": 0}, {"month": "2026-03", "held": 1},
        {"month": "2026-04", "held": 0}, {"month": "2026-05", "held": 0}]


def test_the_series_runs_to_the_last_held_interview_when_it_is_later_than_today(database) -> None:
    opp = opportunity("Backend engineer")
    held(opp, "2026-04-10")
    interview(opp, "2026-07-01", "pending")
    interview(opp, "2026-09-01", "scheduled")  # not held: does not stretch the series
    figures = stats.compute(dt.date(2026, 5, 15), Settings())
    assert [entry["month"] for entry in figures["interviews_per_month"]] == [
        "2026-04", "2026-05", "2026-06", "2026-07"]
    assert [entry["held"] for entry in figures["interviews_per_month"]] == [1, 0, 0, 1]


def test_streak_ends_with_the_last_complete_month(database) -> None:
    opp = opportunity("Backend engineer")
    held(opp, "2025-11-03")  # 1: below the target, ends the run
    held(opp, "2025-12-01", "2025-12-31")
    held(opp, "2026-01-10", "2026-01-11", "2026-01-12")
    held(opp, "2026-02-01", "2026-02-28")
    held(opp, "2026-03-31")  # the current month on its last day: 1 of 2, not yet
    assert stats.compute(MARCH_END, Settings())["habit"] == {"target_per_month": 2, "streak_months": 3}
    interview(opp, "2026-03-30", "pending")  # the current month meets the target: it joins
    assert stats.compute(MARCH_END, Settings())["habit"]["streak_months"] == 4
    # one day later March is the last complete month and April has none yet
    assert stats.compute(dt.date(2026, 4, 1), Settings())["habit"]["streak_months"] == 4


def test_streak_of_the_current_month_alone(database) -> None:
    opp = opportunity("Backend engineer")
    held(opp, "2026-01-10", "2026-01-11")
    held(opp, "2026-03-01", "2026-03-02")  # February had none: the run ending with February is 0
    assert stats.compute(MARCH_END, Settings())["habit"]["streak_months"] == 1


def test_streak_with_a_target_of_zero_starts_at_the_first_held_month(database) -> None:
    held(opportunity("Backend engineer"), "2026-01-10")
    # January, February and the current month March: 3, not every month since 1970
    assert stats.compute(MARCH_END, Settings(habit_target_per_month=0))["habit"]["streak_months"] == 3


def test_funnel(database) -> None:
    a = opportunity("A")
    b = opportunity("B")
    opportunity("C")
    d = opportunity("D", said_yes=False)
    interview(a, "2026-01-10", "passed")
    interview(a, "2026-01-20", "failed")
    interview(b, "2026-02-10", "cancelled")
    interview(d, "2026-02-11", "pending")
    records.create("offer", {"opportunity": a, "received_on": "2026-02-01", "currency": "EUR",
                             "base_salary": 1, "status": "accepted"})
    records.create("offer", {"opportunity": a, "received_on": "2026-01-25", "currency": "EUR",
                             "base_salary": 1, "status": "declined"})
    records.create("offer", {"opportunity": b, "received_on": "2026-02-15", "currency": "EUR", "base_salary": 1})
    assert stats.compute(MARCH_END, Settings())["funnel"] == {
        "opportunities": 4, "said_yes": 3, "interviewed": 2, "offers": 2, "accepted": 1, "yes_rate": 0.75}


def test_yes_rate_is_rounded_to_two_decimals(database) -> None:
    opportunity("A")
    opportunity("B")
    opportunity("C", said_yes=False)
    assert stats.compute(MARCH_END, Settings())["funnel"]["yes_rate"] == 0.67  # 2 / 3


def test_rounding_is_half_up() -> None:
    assert stats.rounded(1, 8) == 0.13  # 0.125
    assert stats.rounded(3, 8) == 0.38  # 0.375
    assert stats.rounded(1, 3) == 0.33
    assert stats.rounded(15, 7) == 2.14


def test_calibration_leaves_out_unrated_and_undecided_interviews(database) -> None:
    opp = opportunity("Backend engineer")
    interview(opp, "2026-01-10", "passed", 4)
    interview(opp, "2026-02-10", "failed", 2)
    interview(opp, "2026-03-05", "passed", 5)
    interview(opp, "2026-03-06", "passed", None)  # unrated: left out
    interview(opp, "2026-03-07", "pending", 3)  # not decided: left out
    interview(opp, "2026-03-08", "cancelled", 1)  # not decided: left out
    interview(opp, "2026-04-01", "failed", 4)
    figures = stats.compute(dt.date(2026, 4, 30), Settings())
    assert figures["calibration"] == [
        {"self_rating": 1, "decided": 0, "passed": 0},
        {"self_rating": 2, "decided": 1, "passed": 0},
        {"self_rating": 3, "decided": 0, "passed": 0},
        {"self_rating": 4, "decided": 2, "passed": 1},
        {"self_rating": 5, "decided": 1, "passed": 1},
    ]
    assert figures["calibration_by_quarter"] == [
        # Q1: ratings 4, 2, 5 -> 11 / 3 = 3.666..; passed 2 of 3
        {"quarter": "2026-Q1", "average_self_rating": 3.67, "pass_rate": 0.67, "decided": 3},
        {"quarter": "2026-Q2", "average_self_rating": 4.0, "pass_rate": 0.0, "decided": 1},
    ]


def test_calibration_quarters_skip_quarters_without_data(database) -> None:
    opp = opportunity("Backend engineer")
    interview(opp, "2025-12-31", "passed", 3)
    interview(opp, "2026-07-01", "passed", 2)
    quarters = stats.compute(dt.date(2026, 7, 31), Settings())["calibration_by_quarter"]
    assert [q["quarter"] for q in quarters] == ["2025-Q4", "2026-Q3"]


def question(topic: str | None, quality: int | None, text: str) -> None:
    records.create("question", {"text": text, "topic": topic, "answer_quality": quality})


def test_weakest_topics_ties_by_topic_name(database) -> None:
    for n, (topic, quality) in enumerate([
        ("Concurrency", 2), ("Concurrency", 3),
        ("Algorithms", 3), ("Algorithms", 2),
        ("Testing", 1), ("Testing", None),
        ("SQL", 5), ("SQL", 4), ("SQL", 4),
        (None, 1),
    ]):
        question(topic, quality, f"Question {n}")
    assert stats.compute(MARCH_END, Settings())["weakest_topics"] == [
        {"topic": "Testing", "questions": 1, "average_quality": 1.0},
        {"topic": "Algorithms", "questions": 2, "average_quality": 2.5},
        {"topic": "Concurrency", "questions": 2, "average_quality": 2.5},
        {"topic": "SQL", "questions": 3, "average_quality": 4.33},
    ]


def test_skills_with_their_ratings_by_date(database) -> None:
    python = records.create("skill", {"name": "Python", "target_level": 5}).primary_id
    records.create("skill", {"name": "Go"})
    records.create("skill_rating", {"skill": python, "rated_on": "2026-02-01", "level": 3})
    records.create("skill_rating", {"skill": python, "rated_on": "2026-01-01", "level": 2, "source": "question"})
    assert stats.compute(MARCH_END, Settings())["skills"] == [
        {"skill": "Go", "target": None, "ratings": []},
        {"skill": "Python", "target": 5, "ratings": [{"date": "2026-01-01", "level": 2},
                                                     {"date": "2026-02-01", "level": 3}]},
    ]


def test_offers_in_the_display_currency_and_a_currency_without_a_rate(database) -> None:
    a, b, c = opportunity("A", at="Acme"), opportunity("B", at="Bolt"), opportunity("C", at="Cargo")
    first = records.create("offer", {"opportunity": a, "received_on": "2026-02-01", "currency": "EUR",
                                     "base_salary": 80000, "bonus": 10000, "sign_on": 5000}).primary_id
    records.update("offer", first, {"base_salary": 85000})  # the counter-offer is the latest revision
    records.create("offer", {"opportunity": b, "received_on": "2026-01-15", "currency": "USD",
                             "base_salary": 100000, "equity_per_year": 20000})
    records.create("offer", {"opportunity": c, "received_on": "2026-03-01", "currency": "GBP",
                             "base_salary": 70000})
    settings = Settings(display_currency="EUR", exchange_rates={"USD": "0.5"},
                        current_base=50000, current_currency="USD")
    figures = stats.compute(MARCH_END, settings)
    assert figures["offers"] == [
        {"company": "Bolt", "role": "B", "received_on": "2026-01-15", "yearly_total": 60000, "currency": "EUR",
         "converted": True},  # (100,000 + 20,000) USD * 0.5
        {"company": "Acme", "role": "A", "received_on": "2026-02-01", "yearly_total": 95000, "currency": "EUR",
         "converted": True},  # 85,000 + 10,000; the sign-on is one-off
        {"company": "Cargo", "role": "C", "received_on": "2026-03-01", "yearly_total": 70000, "currency": "GBP",
         "converted": False},
    ]
    assert figures["current_compensation"] == {"yearly_total": 25000, "currency": "EUR", "converted": True}
    assert len(figures["notes"]) == 1
    assert figures["notes"][0].startswith("No exchange rate for GBP: offers in GBP are shown in their own currency")


def test_current_compensation_without_a_rate_is_flagged(database) -> None:
    figures = stats.compute(MARCH_END, Settings(current_base=60000, current_bonus=1000, current_currency="CHF"))
    assert figures["current_compensation"] == {"yearly_total": 61000, "currency": "CHF", "converted": False}
    assert figures["notes"][0].startswith("No exchange rate for CHF: the current compensation")


def test_company_fit_best_first_ties_by_name(database) -> None:
    light = records.create("criterion", {"name": "Light", "weight": 1}).primary_id
    heavy = records.create("criterion", {"name": "Heavy", "weight": 2}).primary_id
    ids = {name: company(name) for name in ("Zeta", "Acme", "Globex", "Initech")}

    def score(name: str, criterion: int, value: int) -> None:
        records.create("score", {"company": ids[name], "criterion": criterion, "score": value,
                                 "scored_on": "2026-01-10"})

    score("Zeta", light, 1)
    score("Zeta", heavy, 5)  # (1*1 + 2*5) / 3 = 3.666..
    score("Acme", light, 5)
    score("Acme", heavy, 3)  # (1*5 + 2*3) / 3 = 3.666..
    score("Globex", heavy, 2)  # 2.0; Initech has no score: not assessed
    assert stats.compute(MARCH_END, Settings())["company_fit"] == [
        {"company": "Acme", "fit": 3.67}, {"company": "Zeta", "fit": 3.67}, {"company": "Globex", "fit": 2.0}]


def test_network(database) -> None:
    opp = opportunity("Backend engineer")
    first = interview(opp, "2026-01-05", "passed")
    interview(opp, "2026-02-05", "failed")
    third = interview(opp, "2026-03-02", "pending")
    cancelled = interview(opp, "2026-03-09", "cancelled")
    for name, met_on, how_met in [("Ann", "2026-01-05", first), ("Bob", "2026-01-20", first),
                                  ("Cy", "2026-03-02", third), ("Di", "2026-03-09", cancelled),
                                  ("Ed", None, None)]:
        records.create("contact", {"name": name, "met_on": met_on, "how_met": how_met})
    assert stats.compute(dt.date(2026, 4, 15), Settings())["network"] == {
        "contacts_per_month": [{"month": "2026-01", "new": 2}, {"month": "2026-02", "new": 0},
                               {"month": "2026-03", "new": 2}, {"month": "2026-04", "new": 0}],
        # 3 held interviews, 2 of them produced a contact (the cancelled one does not count)
        "interviews_with_new_contact": 0.67,
    }


def test_settings_come_from_the_data_folder_by_default(database) -> None:
    from desktop_app import settings as settings_module

    settings_module.save(Settings(habit_target_per_month=5, display_currency="USD"))
    figures = stats.compute(MARCH_END)
    assert figures["habit"]["target_per_month"] == 5
    assert figures["display_currency"] == "USD"


@pytest.mark.parametrize("target, expected", [(1, "streak 2 months"), (3, "streak 0 months")])
def test_summary_mentions_the_streak(database, target: int, expected: str) -> None:
    held(opportunity("Backend engineer"), "2026-01-10", "2026-02-10")
    text = stats.summary(stats.compute(MARCH_END, Settings(habit_target_per_month=target)))
    assert expected in text
