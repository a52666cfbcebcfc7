"""The scorecard and the weighted fit, checked against numbers worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.db import models as m
from desktop_app.services import records, scorecard
from desktop_app.services.changes import apply_backward
from desktop_app.services.errors import ValidationError


def company(name: str) -> int:
    return records.create("company", {"name": name}).primary_id


def criterion(name: str, weight: int, active: bool = True) -> int:
    return records.create("criterion", {"name": name, "weight": weight, "active": active}).primary_id


def score(company_id: int, criterion_id: int, value: int, day: str = "2026-01-10", note: str | None = None) -> int:
    return records.create("score", {"company": company_id, "criterion": criterion_id, "score": value,
                                    "scored_on": day, "note": note}).primary_id


@pytest.fixture
def five(database) -> list[int]:
    """Criteria weighing 1, 2, 3, 4 and 5."""
    return [criterion(f"C{w}", w) for w in range(1, 6)]


def test_weights_one_to_five(five: list[int]) -> None:
    acme = company("Acme")
    for crit, value in zip(five, (5, 4, 3, 2, 1)):
        score(acme, crit, value)
    # (1*5 + 2*4 + 3*3 + 4*2 + 5*1) / (1+2+3+4+5) = 35 / 15 = 2.333...
    assert scorecard.fit(acme) == 2.33
    assert scorecard.fits() == {acme: 2.33}


def test_a_criterion_without_a_score_is_left_out(five: list[int]) -> None:
    acme = company("Acme")
    for crit, value in zip(five[:4], (5, 4, 3, 2)):
        score(acme, crit, value)
    # (5 + 8 + 9 + 8) / (1+2+3+4) = 30 / 10; the unscored weight-5 criterion does not pull it down
    assert scorecard.fit(acme) == 3.0


def test_an_inactive_criterion_is_left_out(five: list[int]) -> None:
    acme = company("Acme")
    for crit, value in zip(five, (5, 4, 3, 2, 1)):
        score(acme, crit, value)
    records.update("criterion", five[4], {"active": False})
    assert scorecard.fit(acme) == 3.0  # 30 / 10, as if C5 were not there
    assert [line.name for line in scorecard.scorecard(acme)] == ["C4", "C3", "C2", "C1"]


def test_only_the_latest_score_of_each_criterion_counts(database) -> None:
    acme = company("Acme")
    light, heavy = criterion("Light", 1), criterion("Heavy", 3)
    score(acme, heavy, 1, "2026-01-01")
    score(acme, heavy, 5, "2026-03-01")  # the latest by date
    score(acme, heavy, 2, "2026-02-01")  # entered later, but dated earlier
    score(acme, light, 4, "2026-03-01")
    last_of_day = score(acme, light, 2, "2026-03-01")  # same day: the higher id wins
    # (3*5 + 1*2) / 4 = 17 / 4 = 4.25
    assert scorecard.fit(acme) == 4.25
    lines = {line.name: line for line in scorecard.scorecard(acme)}
    assert (lines["Heavy"].score, lines["Heavy"].scored_on) == (5, dt.date(2026, 3, 1))
    assert (lines["Light"].score, lines["Light"].score_id) == (2, last_of_day)


def test_rounding_is_half_up_to_two_decimals(database) -> None:
    acme, globex, initech = company("Acme"), company("Globex"), company("Initech")
    three, five_ = criterion("Three", 3), criterion("Five", 5)
    score(acme, three, 5)
    score(acme, five_, 2)  # (15 + 10) / 8 = 3.125 -> 3.13 (Python's round() would say 3.12)
    one, two = criterion("One", 1), criterion("Two", 2)
    records.update("criterion", three, {"active": False})
    records.update("criterion", five_, {"active": False})
    score(globex, one, 1)
    score(globex, two, 2)  # (1 + 4) / 3 = 1.666... -> 1.67
    score(initech, one, 2)
    score(initech, two, 1)  # (2 + 2) / 3 = 1.333... -> 1.33
    assert scorecard.fits([globex, initech]) == {globex: 1.67, initech: 1.33}
    records.update("criterion", three, {"active": True})
    records.update("criterion", five_, {"active": True})
    assert scorecard.fit(acme) == 3.13


def test_no_scores_means_no_fit(five: list[int]) -> None:
    acme, globex = company("Acme"), company("Globex")
    assert scorecard.fit(acme) is None
    score(globex, five[0], 4)
    assert scorecard.fits() == {globex: 4.0}
    assert scorecard.fits([acme]) == {}
    assert scorecard.fits([]) == {}


def test_fits_of_many_companies_in_one_grouped_query(five: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.db import db

    ids = [company(f"Company {i}") for i in range(30)]
    for i, cid in enumerate(ids):
        score(cid, five[i % 5], 1 + i % 5)
    statements: list[str] = []
    original = db.obj.execute_sql

    def counting(sql: str, *args: object, **kwargs: object) -> object:
        statements.append(sql)
        return original(sql, *args, **kwargs)

    monkeypatch.setattr(db.obj, "execute_sql", counting)
    result = scorecard.fits()
    monkeypatch.undo()
    assert len(statements) == 1 and "GROUP BY" in statements[0]
    assert result == {cid: float(1 + i % 5) for i, cid in enumerate(ids)}


def test_the_scorecard_lists_active_criteria_heaviest_first_with_gaps(five: list[int]) -> None:
    acme = company("Acme")
    score(acme, five[2], 4, "2026-02-02", note="Blameless post-mortems")
    records.update("criterion", five[0], {"active": False})
    lines = scorecard.scorecard(acme)
    assert [(line.name, line.weight, line.score) for line in lines] == [
        ("C5", 5, None), ("C4", 4, None), ("C3", 3, 4), ("C2", 2, None)]
    c3 = lines[2]
    assert (c3.note, c3.scored_on, c3.criterion_id) == ("Blameless post-mortems", dt.date(2026, 2, 2), five[2])
    assert scorecard.scorecard(company("Globex"))[2].score is None  # another company's scores are not shown


def test_set_score_writes_todays_row_or_corrects_it(five: list[int]) -> None:
    acme = company("Acme")
    today = dt.date(2026, 4, 1)
    first = scorecard.set_score(acme, five[0], 3, today=today)
    assert first.label == "score Acme on C1"
    assert [(s.score, s.scored_on) for s in m.Score.select()] == [(3, today)]
    again = scorecard.set_score(acme, five[0], 4, today=today)  # same day: corrected, not a second row
    assert [s.score for s in m.Score.select()] == [4] and again.rows[0].action == "update"
    apply_backward(again)
    assert [s.score for s in m.Score.select()] == [3]


def test_a_later_score_keeps_the_history_and_the_note(five: list[int]) -> None:
    acme = company("Acme")
    score(acme, five[1], 2, "2026-01-05", note="Evasive about on-call")
    assert not scorecard.set_score(acme, five[1], 2, today=dt.date(2026, 4, 1))  # nothing new to say
    change = scorecard.set_score(acme, five[1], 4, today=dt.date(2026, 4, 1))
    assert change.rows[0].action == "create"
    rows = [(s.score, str(s.scored_on), s.note) for s in m.Score.select().order_by(m.Score.id)]
    assert rows == [(2, "2026-01-05", "Evasive about on-call"), (4, "2026-04-01", "Evasive about on-call")]
    assert scorecard.fit(acme) == 4.0
    with pytest.raises(ValidationError, match="not a rating"):
        scorecard.set_score(acme, five[1], 7)


def test_notes_belong_to_the_latest_score_and_removing_it_shows_the_one_before(five: list[int]) -> None:
    acme = company("Acme")
    with pytest.raises(ValidationError, match="give a score first"):
        scorecard.set_note(acme, five[0], "no score yet")
    score(acme, five[0], 2, "2026-01-05")
    latest = score(acme, five[0], 5, "2026-02-05")
    scorecard.set_note(acme, five[0], "Great team")
    assert m.Score.get_by_id(latest).note == "Great team"
    change = scorecard.remove_latest(acme, five[0])
    assert change.label == "remove score of C1"
    assert scorecard.fit(acme) == 2.0
    assert not scorecard.remove_latest(company("Globex"), five[0])
