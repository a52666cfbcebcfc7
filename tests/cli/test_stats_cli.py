"""`sayyes stats [--json] [--today YYYY-MM-DD] [--months N]` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import dump

# The seeded folder: Acme 2024-03-01 passed (self-rating 4), Acme 2024-03-08 failed (2),
# Globex 2024-04-02 with no outcome, so pending (a past date); both opportunities said yes.
EXPECTED = {
    "as_of": "2024-04-30",
    "display_currency": "EUR",
    "range_start": None,
    "interviews_per_month": [{"month": "2024-03", "held": 2}, {"month": "2024-04", "held": 1}],
    "habit": {"target_per_month": 2, "streak_months": 1},  # March met 2; April (1 so far) has not yet
    "funnel": {"opportunities": 2, "said_yes": 2, "interviewed": 2, "offers": 0, "accepted": 0, "yes_rate": 1.0},
    "calibration": [
        {"self_rating": 1, "decided": 0, "passed": 0},
        {"self_rating": 2, "decided": 1, "passed": 0},
        {"self_rating": 3, "decided": 0, "passed": 0},
        {"self_rating": 4, "decided": 1, "passed": 1},
        {"self_rating": 5, "decided": 0, "passed": 0},
    ],
    "calibration_by_quarter": [{"quarter": "2024-Q1", "average_self_rating": 3.0, "pass_rate": 0.5, "decided": 2}],
    "skills": [],
    "weakest_topics": [],
    "offers": [],
    "current_compensation": None,
    "company_fit": [],
    "network": {"contacts_per_month": [], "interviews_with_new_contact": 0.0},
    "notes": [],
}


def test_stats_json(data_dir: Path, sayyes, seeded: Path) -> None:
    before = dump(data_dir)
    result = sayyes("stats", "--json", "--today", "2024-04-30")
    assert (result.code, result.err) == (0, "")
    assert json.loads(result.out) == EXPECTED
    assert result.out == json.dumps(EXPECTED, sort_keys=True, indent=2) + "\n"
    assert dump(data_dir) == before


def test_stats_today_moves_the_figures(sayyes, seeded: Path) -> None:
    result = sayyes("stats", "--json", "--today", "2024-06-15")
    figures = json.loads(result.out)
    assert [e["held"] for e in figures["interviews_per_month"]] == [2, 1, 0, 0]
    assert figures["habit"]["streak_months"] == 0  # May, the last complete month, had none


@pytest.mark.parametrize("bad", ["2024-4-30", "30/04/2024", "2024-02-30", "tomorrow", "20240430"])
def test_stats_today_must_be_an_iso_date(sayyes, seeded: Path, bad: str) -> None:
    result = sayyes("stats", "--today", bad)
    assert result.code == 2
    assert result.out == ""
    assert f"'{bad}' is not a date as YYYY-MM-DD" in result.err


def test_stats_summary_mentions_the_streak(sayyes, seeded: Path) -> None:
    result = sayyes("stats", "--today", "2024-04-30")
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert lines[0] == "SayYes stats as of 2024-04-30"
    assert "Habit: target 2 a month, streak 1 month" in lines
    assert "Interviews held: 3 over 2 months" in lines
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.out)


def test_stats_of_a_folder_without_data(data_dir: Path, sayyes) -> None:
    result = sayyes("stats", "--json")
    assert result.code == 1
    assert result.err.startswith(f"sayyes: {data_dir}: no SayYes data here")
    assert not data_dir.exists()


def test_stats_months_narrows_the_figures(sayyes, seeded: Path) -> None:
    result = sayyes("stats", "--json", "--today", "2024-04-30", "--months", "1")
    assert (result.code, result.err) == (0, "")
    figures = json.loads(result.out)
    assert figures["range_start"] == "2024-04-01"
    assert figures["interviews_per_month"] == [{"month": "2024-04", "held": 1}]  # Globex; March is out
    assert figures["calibration_by_quarter"] == []  # both decided interviews were in March
    assert figures["habit"] == EXPECTED["habit"]  # the streak is not narrowed
    # the imported opportunities have no invitation date, so a ranged funnel leaves them out
    assert figures["funnel"]["opportunities"] == 0
    summary = sayyes("stats", "--today", "2024-04-30", "--months", "2")
    assert summary.out.splitlines()[0] == "SayYes stats as of 2024-04-30, from 2024-03-01"


@pytest.mark.parametrize("bad, reason", [
    ("0", "0 is not a positive number"), ("-3", "-3 is not a positive number"),
    ("1.5", "'1.5' is not a whole number"), ("all", "'all' is not a whole number"),
])
def test_stats_months_must_be_a_positive_whole_number(sayyes, seeded: Path, bad: str, reason: str) -> None:
    result = sayyes("stats", "--months", bad)
    assert (result.code, result.out) == (2, "")
    assert result.err_lines[-1] == f"sayyes stats: error: argument --months: {reason}"
