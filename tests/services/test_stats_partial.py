"""Computing only some figures (stats.compute(only=...)) and the tables each figure reads (FIGURE_TABLES)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from desktop_app.db import models as m
from desktop_app.services import records, stats
from desktop_app.settings import Settings

from .test_stats import company, interview, opportunity

TODAY = dt.date(2026, 3, 16)
ALWAYS = {"as_of", "display_currency", "range_start"}
SETTINGS = Settings(exchange_rates={"USD": "0.5"}, current_base=60000, current_currency="CHF")
TABLES = {model._meta.table_name for model in m.RECORD_MODELS}


@pytest.fixture
def dataset(database) -> None:
    """A little of everything, inside and outside a 3-month range, so that every query runs."""
    opp = opportunity("Backend engineer", at="Acme")
    records.update("opportunity", opp, {"invited_on": "2026-01-05"})
    old = interview(opp, "2025-12-10", "passed", 4)
    new = interview(opp, "2026-02-10", "failed", 2)
    for n, (at, topic, quality) in enumerate([(old, "SQL", 2), (new, "SQL", 4), (None, "Testing", 1)]):
        records.create("question", {"text": f"Q{n}", "interview": at, "topic": topic, "answer_quality": quality})
    skill = records.create("skill", {"name": "Python", "target_level": 4}).primary_id
    records.create("skill_rating", {"skill": skill, "rated_on": "2026-02-01", "level": 3})
    records.create("offer", {"opportunity": opp, "received_on": "2026-02-20", "currency": "USD",
                             "base_salary": 100000})
    records.create("offer", {"opportunity": opportunity("Data engineer", at="Bolt"), "received_on": "2025-10-01",
                             "currency": "GBP", "base_salary": 50000, "status": "declined"})
    criterion = records.create("criterion", {"name": "Growth", "weight": 2}).primary_id
    records.create("score", {"company": company("Zeta"), "criterion": criterion, "score": 4,
                             "scored_on": "2025-06-01"})
    records.create("contact", {"name": "Ann", "met_on": "2026-02-10", "how_met": new})


# --- only -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("months", [None, 3])
def test_each_figure_alone_equals_the_full_computation(dataset, months: int | None) -> None:
    full = stats.compute(TODAY, SETTINGS, months=months)
    assert set(full) == ALWAYS | set(stats.FIGURE_TABLES)
    for key in stats.FIGURE_TABLES:
        alone = stats.compute(TODAY, SETTINGS, months=months, only={key})
        extra = {"notes"} if key in ("offers", "current_compensation") else set()
        assert set(alone) == ALWAYS | {key} | extra, key
        assert alone == {k: full[k] for k in alone}, key


def test_only_some_figures(dataset) -> None:
    figures = stats.compute(TODAY, SETTINGS, months=3, only=["funnel", "skills", "funnel"])
    assert figures == {"as_of": "2026-03-16", "display_currency": "EUR", "range_start": "2026-01-01",
                       "funnel": {"opportunities": 1, "said_yes": 1, "interviewed": 1, "offers": 1, "accepted": 0,
                                  "yes_rate": 1.0},
                       "skills": [{"skill": "Python", "target": 4, "ratings": [{"date": "2026-02-01", "level": 3}]}]}
    assert set(stats.ALWAYS_KEYS) == ALWAYS
    assert stats.compute(TODAY, SETTINGS, only=()) == {"as_of": "2026-03-16", "display_currency": "EUR",
                                                       "range_start": None}
    assert set(stats.compute(TODAY, SETTINGS, only={"offers", "as_of"})) == ALWAYS | {"offers", "notes"}


def test_an_unknown_figure_is_named(database) -> None:
    with pytest.raises(ValueError, match="'streak'") as raised:
        stats.compute(TODAY, SETTINGS, only={"funnel", "streak"})
    assert "'funnel'" not in str(raised.value).split(";")[0]
    with pytest.raises(TypeError, match="string"):
        stats.compute(TODAY, SETTINGS, only="funnel")


# --- FIGURE_TABLES ----------------------------------------------------------------------------------


class RecordingSettings(Settings):
    """Settings that remember which of their fields (and methods) were read."""

    def __getattribute__(self, name: str) -> Any:
        if not name.startswith("_"):
            object.__getattribute__(self, "__dict__").setdefault("_read", set()).add(name)
        return object.__getattribute__(self, name)

    @property
    def fields_read(self) -> set[str]:
        return self.__dict__.get("_read", set()) - {"fields_read"}


@contextmanager
def tables_read(database: Any) -> Iterator[set[str]]:
    """The tables SQLite reads while the block runs (its authorizer sees every column read, in any
    subquery or join; setting it expires prepared statements, so cached ones are prepared again)."""
    read: set[str] = set()
    connection = database.connection()

    def authorize(action: int, table: str | None, *_: Any) -> int:
        if action == sqlite3.SQLITE_READ and table and not table.startswith("sqlite_"):
            read.add(table)
        return sqlite3.SQLITE_OK

    connection.set_authorizer(authorize)
    try:
        yield read
    finally:
        connection.set_authorizer(None)


def figure_reads(database: Any, key: str, months: int | None) -> set[str]:
    """What one figure reads, computed on its own from nothing shared: SQL tables, and "setting" when
    it reads a field of Settings."""
    settings = RecordingSettings(**vars(SETTINGS))
    run = stats._Run(TODAY, settings, stats.range_start(TODAY, months))
    with tables_read(database) as read:
        stats._FIGURES[key](run)
    return read | ({m.Setting._meta.table_name} if settings.fields_read else set())


def test_figure_tables_name_real_tables() -> None:
    assert set(stats.FIGURE_TABLES) == set(stats._FIGURES)
    for key, tables in stats.FIGURE_TABLES.items():
        assert tables and tables <= TABLES, key


def test_recording_sees_what_it_should(dataset, database) -> None:
    for _ in range(2):  # the second time from SQLite's statement cache
        assert figure_reads(database, "company_fit", None) == {"score", "criterion", "company"}
    assert figure_reads(database, "current_compensation", None) == {"setting"}
    with tables_read(database) as read:
        stats.compute(TODAY, SETTINGS, only=())
    assert read == set()


@pytest.mark.parametrize("key", sorted(stats.FIGURE_TABLES))
def test_figure_tables_are_exactly_what_each_figure_reads(dataset, database, key: str) -> None:
    read = figure_reads(database, key, None) | figure_reads(database, key, 3)
    assert read == stats.FIGURE_TABLES[key]


def test_figure_tables_cover_what_compute_reads(dataset, database) -> None:
    for key in stats.FIGURE_TABLES:
        settings = RecordingSettings(**vars(SETTINGS))
        with tables_read(database) as read:
            figures = stats.compute(TODAY, settings, months=3, only={key})
        declared = set().union(*(stats.FIGURE_TABLES[k] for k in figures if k not in ALWAYS))
        assert read <= declared, key


@pytest.mark.parametrize("kind, edit", [
    ("interview", lambda: records.update("interview", _first(m.Interview), {"scheduled_on": "2026-01-02"})),
    ("opportunity", lambda: records.update("opportunity", _first(m.Opportunity), {"said_yes": False})),
    ("offer", lambda: records.update("offer", _first(m.Offer), {"base_salary": 120000})),
    ("question", lambda: records.delete("question", _first(m.Question))),
    ("skill_rating", lambda: records.update("skill_rating", _first(m.SkillRating), {"level": 5})),
    ("score", lambda: records.update("score", _first(m.Score), {"score": 1})),
    ("contact", lambda: records.update("contact", _first(m.Contact), {"met_on": "2026-01-01"})),
])
def test_an_edit_changes_only_figures_reading_its_tables(dataset, kind: str, edit: Any) -> None:
    """What the Dashboard relies on: figures whose tables an edit did not touch need no redraw."""
    before = {months: stats.compute(TODAY, SETTINGS, months=months) for months in (None, 3)}
    change = edit()
    changed = set()
    for months, figures in before.items():
        after = stats.compute(TODAY, SETTINGS, months=months)
        changed |= {key for key in stats.FIGURE_TABLES if after[key] != figures[key]}
    assert changed, "the edit should change some figure"
    assert {key for key in changed if not stats.FIGURE_TABLES[key] & change.tables} == set(), kind


def _first(model: type[m.BaseModel]) -> int:
    return model.select(model.id).order_by(model.id).scalar()
