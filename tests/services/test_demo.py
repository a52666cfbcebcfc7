"""Demo data: deterministic, covering every value the screens and charts show, valid by the services' rules."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from desktop_app import settings
from desktop_app.db import models as m
from desktop_app.services import choices, demo, records
from desktop_app.services.errors import Cancelled, ServiceError
from desktop_app.services.kinds import KINDS
from desktop_app.services.values import normalise

TODAY = dt.date(2026, 5, 20)
ROOT = Path(__file__).resolve().parents[2]


def _generate(**kwargs: object) -> dict[str, int]:
    kwargs.setdefault("today", TODAY)
    return demo.generate(**kwargs)  # type: ignore[arg-type]


def _dump(database: object) -> dict[str, list[tuple]]:
    tables = {model._meta.table_name: model for model in m.RECORD_MODELS if model is not m.Setting}
    out = {t: database.execute_sql(f'SELECT * FROM "{t}" ORDER BY id').fetchall() for t in tables}  # type: ignore[attr-defined]
    out["setting"] = database.execute_sql("SELECT key, value FROM setting ORDER BY key").fetchall()  # type: ignore[attr-defined]
    return out


def _scalar(database: object, sql: str, *params: object) -> object:
    return database.execute_sql(sql, params).fetchone()[0]  # type: ignore[attr-defined]


def _column(database: object, sql: str, *params: object) -> list:
    return [row[0] for row in database.execute_sql(sql, params).fetchall()]  # type: ignore[attr-defined]


# --- determinism ------------------------------------------------------------------------------


def test_same_seed_gives_the_same_rows_and_another_seed_other_rows(database):
    first_counts = _generate()
    first = _dump(database)
    assert _generate(replace=True) == first_counts
    assert _dump(database) == first
    _generate(replace=True, seed=7)
    assert _dump(database)["interview"] != first["interview"]


_DIGEST = """
import datetime as dt, hashlib, sys, tempfile, pathlib
from desktop_app.services.datafolder import open_folder
from desktop_app.services import demo
database = open_folder(pathlib.Path(tempfile.mkdtemp()) / "data")
demo.generate(today=dt.date(2026, 5, 20))
h = hashlib.sha256()
for t in ("company", "opportunity", "interview", "contact", "question", "task", "score", "offer"):
    h.update(repr(database.execute_sql(f'SELECT * FROM "{t}" ORDER BY id').fetchall()).encode())
print(h.hexdigest())
assert not any(name.startswith("PySide6") for name in sys.modules), "demo data must not import Qt"
"""


def test_same_rows_across_processes_whatever_the_hash_seed(tmp_path):
    digests = set()
    for hash_seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed, PYTHONPATH=str(ROOT), HOME=str(tmp_path))
        result = subprocess.run([sys.executable, "-c", _DIGEST], env=env, capture_output=True, text=True, check=True)
        digests.add(result.stdout.strip())
    assert len(digests) == 1


# --- what the default data holds --------------------------------------------------------------


def test_default_size_counts(database):
    counts = _generate()
    assert counts["interview"] == demo.DEFAULT_SIZE
    assert counts["question"] == 2 * demo.DEFAULT_SIZE
    assert 20 <= counts["company"] <= 40
    assert 25 <= counts["opportunity"] <= 45
    assert 15 <= counts["contact"] <= 30
    assert set(counts) == {model._meta.table_name for model in m.RECORD_MODELS if model is not m.Setting}
    assert all(counts.values())
    for table, n in counts.items():
        assert _scalar(database, f'SELECT COUNT(*) FROM "{table}"') == n


def test_every_stage_outcome_status_and_source(database):
    _generate()
    assert set(_column(database, "SELECT DISTINCT stage FROM interview")) == set(choices.STAGES)
    assert set(_column(database, "SELECT DISTINCT outcome FROM interview")) == set(choices.OUTCOMES)
    assert set(_column(database, "SELECT DISTINCT status FROM opportunity")) == set(choices.OPPORTUNITY_STATUSES)
    assert set(_column(database, "SELECT DISTINCT source FROM opportunity")) == set(choices.SOURCES)
    assert set(_column(database, "SELECT DISTINCT format FROM interview")) == set(choices.FORMATS)
    said_yes = _column(database, "SELECT said_yes FROM opportunity")
    assert 0.6 < sum(said_yes) / len(said_yes) < 1


def test_interview_dates_fit_their_outcomes(database):
    _generate()
    today = TODAY.isoformat()
    scheduled = _column(database, "SELECT scheduled_on FROM interview WHERE outcome = 'scheduled'")
    assert scheduled and min(scheduled) >= today
    assert max(scheduled) <= (TODAY + dt.timedelta(days=30)).isoformat()
    pending = _column(database, "SELECT scheduled_on FROM interview WHERE outcome = 'pending'")
    assert pending and all((TODAY - dt.timedelta(days=21)).isoformat() <= d < today for d in pending)
    assert _scalar(database, "SELECT MAX(scheduled_on) FROM interview WHERE outcome IN ('passed', 'failed')") < today
    assert _scalar(database, "SELECT COUNT(*) FROM interview WHERE scheduled_time IS NOT NULL") > 80
    assert _scalar(database, "SELECT COUNT(DISTINCT duration_minutes) FROM interview") >= 5
    for column in ("confidence_before", "self_rating_after", "employer_rating"):
        held_rated = _scalar(database, f"SELECT COUNT({column}) FROM interview WHERE outcome IN ('passed', 'failed')")
        held = _scalar(database, "SELECT COUNT(*) FROM interview WHERE outcome IN ('passed', 'failed')")
        assert 0 < held_rated < held, f"{column}: some rated, some left empty"
    assert _scalar(database, "SELECT COUNT(employer_feedback) FROM interview") > 10
    assert _scalar(database, "SELECT COUNT(debrief_notes) FROM interview") > 20
    # a process's rounds never come before its invitation
    assert _scalar(database, "SELECT COUNT(*) FROM interview i JOIN opportunity o ON o.id = i.opportunity_id "
                             "WHERE i.scheduled_on < o.invited_on") == 0


def test_months_without_interviews_between_the_first_and_the_last(database):
    _generate()
    held = sorted({d[:7] for d in _column(
        database, "SELECT scheduled_on FROM interview WHERE outcome IN ('passed', 'failed', 'pending')")})
    first, last = held[0], held[-1]
    months, (y, mo) = [], map(int, first.split("-"))
    while f"{y:04d}-{mo:02d}" <= last:
        months.append(f"{y:04d}-{mo:02d}")
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    assert 22 <= len(months) <= 26, "about two years of history"
    assert len(set(months) - set(held)) >= 2


def test_money_comes_in_several_currencies(database):
    _generate()
    assert len(set(_column(database, "SELECT currency FROM offer"))) >= 2
    assert len(set(_column(database, "SELECT salary_currency FROM opportunity WHERE salary_currency IS NOT NULL"))) >= 2
    assert _scalar(database, "SELECT COUNT(*) FROM opportunity WHERE salary_min IS NULL") > 0
    assert _scalar(database, "SELECT COUNT(*) FROM opportunity WHERE tech_stack LIKE '%,%'") > 20
    statuses = set(_column(database, "SELECT status FROM offer"))
    assert {"accepted", "declined", "pending", "negotiating"} <= statuses
    # every offer's opportunity shows it in its status
    pairs = set(database.execute_sql(
        "SELECT f.status, o.status FROM offer f JOIN opportunity o ON o.id = f.opportunity_id").fetchall())
    assert ("accepted", "accepted") in pairs and ("pending", "offer") in pairs and ("negotiating", "offer") in pairs


def test_counter_offers_keep_the_earlier_figures(database):
    _generate()
    rows = database.execute_sql(
        "SELECT r.base_salary, f.base_salary, r.revised_on, f.received_on, f.status FROM offer_revision r "
        "JOIN offer f ON f.id = r.offer_id").fetchall()
    assert rows
    assert any(status == "negotiating" for *_, status in rows)
    for earlier, current, revised_on, received_on, _ in rows:
        assert earlier < current and revised_on >= received_on


def test_questions_topics_and_follow_ups(database):
    _generate()
    assert _scalar(database, "SELECT COUNT(*) FROM question WHERE interview_id IS NULL") > 0
    assert _scalar(database, "SELECT COUNT(*) FROM question WHERE interview_id IS NOT NULL") > 150
    assert set(_column(database, "SELECT DISTINCT kind FROM question")) == set(choices.QUESTION_KINDS)
    assert set(_column(database, "SELECT DISTINCT follow_up FROM question")) == set(choices.FOLLOW_UPS)
    assert _scalar(database, "SELECT COUNT(*) FROM question WHERE answer_quality IS NULL") > 0
    assert _scalar(database, "SELECT COUNT(better_answer) FROM question") > 10
    averages = database.execute_sql(
        "SELECT topic, AVG(answer_quality), COUNT(*) FROM question WHERE answer_quality IS NOT NULL "
        "GROUP BY topic HAVING COUNT(*) >= 4 ORDER BY 2").fetchall()
    assert averages[-1][1] - averages[0][1] > 1.0, "some topics clearly weaker than others"
    # questions are asked in interviews that took place, never twice in one interview
    assert _scalar(database, "SELECT COUNT(*) FROM question q JOIN interview i ON i.id = q.interview_id "
                             "WHERE i.outcome NOT IN ('passed', 'failed', 'pending')") == 0
    assert _scalar(database, "SELECT COUNT(*) FROM (SELECT 1 FROM question WHERE interview_id IS NOT NULL "
                             "GROUP BY interview_id, text_key HAVING COUNT(*) > 1)") == 0


def test_skills_are_rated_over_time_and_improve(database):
    _generate()
    ratings: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for skill, day, level in database.execute_sql(
            "SELECT skill_id, rated_on, level FROM skill_rating ORDER BY skill_id, rated_on").fetchall():
        ratings[skill].append((day, level))
    assert len(ratings) == _scalar(database, "SELECT COUNT(*) FROM skill")
    assert all(len({d for d, _ in r}) >= 3 for r in ratings.values())
    improved = sum(r[-1][1] > r[0][1] for r in ratings.values())
    assert improved > len(ratings) / 2
    assert all(r[-1][1] >= r[0][1] for r in ratings.values())
    assert len(set(_column(database, "SELECT source FROM skill_rating"))) == len(choices.RATING_SOURCES)
    assert _scalar(database, "SELECT COUNT(DISTINCT category) FROM skill") >= 5


def test_contacts_were_met_in_interviews(database):
    _generate()
    met = database.execute_sql(
        "SELECT c.id, c.met_on, i.scheduled_on, c.company_id, o.company_id FROM contact c "
        "JOIN interview i ON i.id = c.how_met_id JOIN opportunity o ON o.id = i.opportunity_id").fetchall()
    assert len(met) >= 10
    for contact, met_on, interview_day, company, interview_company in met:
        assert met_on == interview_day and company == interview_company
    links = set(database.execute_sql("SELECT interview_id, contact_id FROM interview_contact").fetchall())
    how_met = set(database.execute_sql("SELECT how_met_id, id FROM contact WHERE how_met_id IS NOT NULL").fetchall())
    assert how_met <= links
    assert _scalar(database, "SELECT COUNT(*) FROM contact WHERE how_met_id IS NULL AND met_on IS NOT NULL") > 0
    assert _scalar(database, "SELECT COUNT(*) FROM interaction") > 10
    assert _scalar(database, "SELECT COUNT(*) FROM interaction x JOIN contact c ON c.id = x.contact_id "
                             "WHERE x.occurred_on < c.met_on OR x.occurred_on > ?", TODAY.isoformat()) == 0
    week = (TODAY + dt.timedelta(days=6)).isoformat()
    assert _scalar(database, "SELECT COUNT(*) FROM contact WHERE next_follow_up BETWEEN ? AND ?",
                   TODAY.isoformat(), week) >= 2


def test_criteria_scores_and_tasks(database):
    _generate()
    weights = _column(database, "SELECT weight FROM criterion")
    assert all(1 <= w <= 5 for w in weights) and len(set(weights)) >= 3
    assert _column(database, "SELECT COUNT(*) FROM criterion WHERE active = 0") == [1]
    scored = set(_column(database, "SELECT DISTINCT company_id FROM score"))
    interviewed = set(_column(database, "SELECT DISTINCT o.company_id FROM interview i JOIN opportunity o "
                                        "ON o.id = i.opportunity_id WHERE i.outcome IN ('passed', 'failed', 'pending')"))
    assert len(scored) >= 5 and scored <= interviewed
    assert len(set(_column(database, "SELECT score FROM score"))) >= 4
    assert set(_column(database, "SELECT DISTINCT done FROM task")) == {0, 1}
    week = (TODAY + dt.timedelta(days=6)).isoformat()
    assert _scalar(database, "SELECT COUNT(*) FROM task WHERE done = 0 AND due_on BETWEEN ? AND ?",
                   TODAY.isoformat(), week) >= 3
    for link in ("contact_id", "question_id", "skill_id", "opportunity_id", "offer_id"):
        assert _scalar(database, f"SELECT COUNT(*) FROM task WHERE {link} IS NOT NULL") > 0, link
    open_offers = _scalar(database, "SELECT COUNT(*) FROM task t JOIN offer f ON f.id = t.offer_id "
                                    "WHERE f.status IN ('pending', 'negotiating') AND t.done = 0")
    assert open_offers >= 2


def test_settings_for_the_demo(database):
    _generate()
    s = settings.load()
    assert s.display_currency == "EUR" and s.habit_target_per_month == 2
    used = set(_column(database, "SELECT currency FROM offer UNION SELECT salary_currency FROM opportunity "
                                 "WHERE salary_currency IS NOT NULL")) - {"EUR"}
    assert used and used <= set(s.exchange_rates)
    assert s.current_base and s.current_currency
    accepted = database.execute_sql(
        "SELECT currency, base_salary FROM offer WHERE status = 'accepted' ORDER BY received_on DESC").fetchone()
    assert (s.current_currency, s.current_base) == accepted


# --- valid by the services' own rules ---------------------------------------------------------


def _assert_all_valid(database: object) -> None:
    for kind in KINDS.values():
        for row in kind.model.select().dicts():
            values = {f.name: row[f.name] for f in kind.fields}
            cleaned = records.validate(kind.name, values, record_id=row["id"])
            assert cleaned == values, (kind.name, row["id"])
            for column, source in kind.key_columns:
                assert row[column] == normalise(row[source]), (kind.name, row["id"], column)
            assert row["created_at"] <= row["updated_at"]
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []  # type: ignore[attr-defined]
    assert database.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]  # type: ignore[attr-defined]


def test_every_row_passes_validation(database):
    _generate()
    _assert_all_valid(database)


@pytest.mark.parametrize("size", [1, 2, 7, 30])
def test_small_sizes_still_make_valid_data(database, size):
    counts = _generate(size=size)
    assert counts["interview"] == size
    assert counts["question"] == 2 * size
    _assert_all_valid(database)


# --- safety: refuse, replace, cancel, progress -----------------------------------------------


def test_refuses_a_folder_with_records_unless_replacing(database):
    records.create("company", {"name": "My real employer"})
    with pytest.raises(ServiceError, match="already has records"):
        _generate()
    assert _column(database, "SELECT name FROM company") == ["My real employer"]
    counts = _generate(replace=True)
    names = _column(database, "SELECT name FROM company")
    assert "My real employer" not in names and len(names) == counts["company"]
    again = _generate(replace=True, seed=99)
    assert _scalar(database, "SELECT COUNT(*) FROM interview") == again["interview"] == demo.DEFAULT_SIZE


def test_settings_only_do_not_count_as_records(database):
    settings.set_value("window_geometry", [1, 2, 3])
    _generate()
    assert settings.get_value("window_geometry") == [1, 2, 3]


@pytest.mark.parametrize("calls_before_cancel", [0, 3, 12])
def test_cancel_leaves_the_data_as_it_was(database, calls_before_cancel):
    records.create("company", {"name": "My real employer"})
    before = _dump(database)
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > calls_before_cancel

    with pytest.raises(Cancelled):
        _generate(size=2000, replace=True, cancel=cancel)
    assert _dump(database) == before


def test_progress_is_reported_up_to_the_total(database):
    seen: list[tuple[int, int]] = []
    _generate(size=2000, progress=lambda done, total: seen.append((done, total)))
    assert len(seen) >= 5
    dones = [d for d, _ in seen]
    assert dones == sorted(dones)
    assert seen[-1][0] == seen[-1][1]
    assert len({t for _, t in seen}) == 1


@pytest.mark.parametrize("size", [0, -1, True, 2.5, 10**7])
def test_rejects_a_size_that_is_not_a_count_of_interviews(database, size):
    with pytest.raises(ServiceError, match="size"):
        _generate(size=size)


def test_rejects_a_today_too_close_to_the_ends_of_the_date_range(database):
    with pytest.raises(ServiceError):
        _generate(today=dt.date(2100, 12, 30))


# --- scale ------------------------------------------------------------------------------------


def test_every_kind_scales_with_size_and_history_spans_more_years(database):
    counts = _generate(size=2000)
    assert counts["interview"] == 2000
    assert counts["question"] == 4000
    assert 180 <= counts["company"] <= 220
    assert 360 <= counts["contact"] <= 440
    assert 600 <= counts["opportunity"] <= 750
    assert counts["offer"] > 30 and counts["score"] > 500 and counts["task"] > 300
    first = dt.date.fromisoformat(_scalar(database, "SELECT MIN(scheduled_on) FROM interview"))
    last = dt.date.fromisoformat(_scalar(database, "SELECT MAX(scheduled_on) FROM interview"))
    assert (TODAY - first).days > 4 * 365
    assert last <= TODAY + dt.timedelta(days=30)
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    unique_companies = _scalar(database, "SELECT COUNT(DISTINCT name_key) FROM company")
    assert unique_companies == counts["company"]


def test_early_today_keeps_dates_after_1970(database):
    _generate(size=500, today=dt.date(1971, 6, 1))
    assert _scalar(database, "SELECT MIN(scheduled_on) FROM interview") >= "1970-01-01"
    assert _scalar(database, "SELECT MIN(invited_on) FROM opportunity") >= "1970-01-01"
    _assert_all_valid(database)

