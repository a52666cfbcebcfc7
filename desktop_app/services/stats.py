"""The numbers behind the Dashboard's charts (PRODUCT.md "Progress charts"), computed in SQL.

`compute(today)` returns one JSON-ready dict; `sayyes stats --json` prints it. Every figure is an SQL
aggregate (GROUP BY, COUNT, SUM ...); Python only fills month gaps, rounds and orders small per-group
results. Averages and rates are exact quotients of whole-number SQL sums rounded half up to 2 decimals
(2.125 -> 2.13), the same rounding as the company fit. The shape::

    {
      "as_of": "2026-03-31",                      # the day the figures are computed for (--today)
      "display_currency": "EUR",
      "range_start": "2026-01-01" or null,        # the first day of the date range (--months); null: all
      "interviews_per_month": [{"month": "2026-01", "held": 2}, ...],
      "habit": {"target_per_month": 2, "streak_months": 3},
      "funnel": {"opportunities": 10, "said_yes": 8, "interviewed": 6, "offers": 2, "accepted": 1,
                 "yes_rate": 0.8},
      "calibration": [{"self_rating": 1, "decided": 4, "passed": 1}, ...],     # always ratings 1-5
      "calibration_by_quarter": [{"quarter": "2026-Q1", "average_self_rating": 3.5, "pass_rate": 0.5,
                                  "decided": 4}, ...],
      "skills": [{"skill": "Python", "target": 5, "ratings": [{"date": "2026-01-10", "level": 3}, ...]}, ...],
      "weakest_topics": [{"topic": "Concurrency", "questions": 7, "average_quality": 2.14}, ...],
      "offers": [{"company": "Acme", "role": "Backend engineer", "received_on": "2026-02-01",
                  "yearly_total": 92000, "currency": "EUR", "converted": true}, ...],
      "current_compensation": {"yearly_total": 80000, "currency": "EUR", "converted": true} or null,
      "company_fit": [{"company": "Acme", "fit": 3.67}, ...],
      "network": {"contacts_per_month": [{"month": "2026-01", "new": 3}, ...],
                  "interviews_with_new_contact": 0.4},
      "notes": ["..."]                             # e.g. which currencies have no exchange rate
    }

`compute(only={"funnel", ...})` computes just those figures (for a Dashboard redrawing what an edit
changed: FIGURE_TABLES says which tables each figure reads); "as_of", "display_currency" and
"range_start" are always there, "notes" whenever "offers" or "current_compensation" is.

Decisions beyond PRODUCT.md:
- A rate whose denominator is 0 (`yes_rate` with no opportunities, `interviews_with_new_contact` with
  no held interview) is null: no data is not a rate of 0.
- `interviews_per_month` and `contacts_per_month` run from their first month to today's month (or
  their last month, if later), months with none included; with no data they are empty lists.
- `habit.streak_months`: the run of months meeting the target that ends with the month before today's,
  plus today's month once it meets the target. Months before the first held interview never count
  (so a target of 0 does not make the streak endless).
- `calibration` always lists ratings 1-5 (zeros where none); `calibration_by_quarter` lists only the
  quarters with a decided, self-rated interview, oldest first.
- `skills`: every skill by name, with all its ratings by date (a skill without ratings has []).
- `weakest_topics`: questions without a topic are left out; ties on the exact average go by topic name.
- `offers`: each offer's row holds its latest revision; in received_on order. `yearly_total` is base +
  bonus + equity converted to the display currency. An offer in a currency without a rate keeps its
  own-currency total and currency with `"converted": false`, and `notes` says so; chart totals must
  leave it out. `current_compensation` is the current job from Settings (null when its pay is not set),
  for the chart's baseline line, flagged the same way.
- `company_fit`: scorecard.fits(), best first, ties by company name.

The date range (`months`: 3, 6, 12 ...; None is all time) starts on `range_start` (stats_range.py: the
first day of the month `months - 1` months before today's) and has no end: records dated after today
(a pending interview next month) stay in, as they do without a range. Each figure is narrowed by the
date that says when its records happened, with the same definitions as above:
- `interviews_per_month` and `calibration`/`calibration_by_quarter`: interviews scheduled_on >= start;
  `interviews_per_month` then runs from the start's month (zeros included, even with no interviews at
  all) to today's month or the last held interview's, if later.
- `funnel`: the cohort of opportunities invited_on >= start (an opportunity without invited_on is left
  out); its said-yes, interviewed, offer and accepted counts are among that cohort, whatever the dates
  of its interviews and offers.
- `skills`: ratings rated_on >= start, preceded by each skill's last rating before start (the level it
  entered the range with: a level holds until the next rating), so a skill rated once, long ago, still
  shows its level; every skill is still listed, perhaps with [].
- `weakest_topics`: questions of interviews scheduled_on >= start; bank questions (no interview, so no
  date) only count with no range.
- `offers`: received_on >= start. `network`: contacts met_on >= start (the series from the start's month,
  like interviews_per_month), and interviews_with_new_contact over held interviews scheduled_on >= start.
- Not narrowed: `habit.streak_months` (the current streak), `current_compensation` (today's pay) and
  `company_fit` (a standing assessment).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from fractions import Fraction
from functools import cached_property
from typing import Any

from peewee import fn

from ..db import db
from ..db import models as m
from ..settings import Settings
from ..settings import load as load_settings
from . import money, scorecard
from . import stats_interviews as interviews
from .stats_range import month_of, month_series, previous_month, range_start
from .stats_summary import summary

_CHUNK = 500
SETTINGS_HINT = "File → Settings"


def rounded(numerator: int, denominator: int) -> float:
    """numerator / denominator (both whole, >= 0, denominator > 0) rounded half up to 2 decimals, exactly."""
    return ((200 * numerator + denominator) // (2 * denominator)) / 100


def _rate(numerator: int, denominator: int) -> float | None:
    return rounded(numerator, denominator) if denominator else None


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]


def _from(query: Any, field: Any, since: dt.date | None) -> Any:
    """`query` narrowed to `field >= since` (unchanged without a range)."""
    return query if since is None else query.where(field >= since)


# --- interviews ---------------------------------------------------------------------------------


_held = interviews.held


def held_per_month(since: dt.date | None = None) -> dict[str, int]:
    """Held interviews per "YYYY-MM" month (only months that have some), scheduled on or after `since`."""
    month = interviews.month_of(m.Interview.scheduled_on)
    query = m.Interview.select(month, fn.COUNT(m.Interview.id)).where(_held()).group_by(month)
    return {str(mon): int(count) for mon, count in _from(query, m.Interview.scheduled_on, since).tuples()}


def streak(counts: dict[str, int], target: int, today: dt.date) -> int:
    """Consecutive months meeting `target`, ending with the last complete month; today's joins once met."""
    if not counts:
        return 0
    first, current = min(counts), month_of(today)
    run, month = 0, previous_month(current)
    while month >= first and counts.get(month, 0) >= target:
        run += 1
        month = previous_month(month)
    if current >= first and counts.get(current, 0) >= target:
        run += 1
    return run


def funnel(since: dt.date | None = None) -> dict[str, Any]:
    """The funnel of all opportunities, or of the cohort invited on or after `since`."""
    o = m.Opportunity
    opportunities, said_yes = _from(o.select(fn.COUNT(o.id), fn.COALESCE(fn.SUM(o.said_yes), 0)),
                                    o.invited_on, since).tuples().get()

    def reached(query: Any, child: Any) -> int:
        if since is not None:
            query = query.where(child.in_(o.select(o.id).where(o.invited_on >= since)))
        return int(query.scalar() or 0)

    interviewed = reached(m.Interview.select(fn.COUNT(m.Interview.opportunity.distinct()))
                          .where(_held()), m.Interview.opportunity)
    offers = reached(m.Offer.select(fn.COUNT(m.Offer.opportunity.distinct())), m.Offer.opportunity)
    accepted = reached(m.Offer.select(fn.COUNT(m.Offer.opportunity.distinct())).where(m.Offer.status == "accepted"),
                       m.Offer.opportunity)
    return {"opportunities": int(opportunities), "said_yes": int(said_yes), "interviewed": interviewed,
            "offers": offers, "accepted": accepted, "yes_rate": _rate(int(said_yes), int(opportunities))}


# --- growth ------------------------------------------------------------------------------------


def skills(since: dt.date | None = None) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    by_id: dict[int, dict[str, Any]] = {}
    for skill_id, name, target in (m.Skill.select(m.Skill.id, m.Skill.name, m.Skill.target_level)
                                   .order_by(m.Skill.name_key, m.Skill.id).tuples()):
        by_id[skill_id] = {"skill": name, "target": target, "ratings": []}
        result.append(by_id[skill_id])
    r = m.SkillRating
    if since is not None:  # the level each skill entered the range with: its last rating before it
        latest = (r.select(r.skill, r.rated_on, r.level,
                           fn.ROW_NUMBER().over(partition_by=[r.skill], order_by=[r.rated_on.desc(), r.id.desc()])
                           .alias("n"))
                  .where(r.rated_on < since))
        carried = (r.select(latest.c.skill_id, latest.c.rated_on, latest.c.level).from_(latest)
                   .where(latest.c.n == 1))
        for skill_id, day, level in carried.tuples():
            by_id[skill_id]["ratings"].append({"date": _iso(day), "level": int(level)})
    day = r.rated_on.coerce(False)  # the ISO text it is stored as, not parsed into a date and back
    ratings = _from(r.select(r.skill, day, r.level), r.rated_on, since).order_by(r.skill, r.rated_on, r.id)
    for skill_id, day, level in ratings.tuples():
        by_id[skill_id]["ratings"].append({"date": _iso(day), "level": int(level)})
    return result


def weakest_topics(since: dt.date | None = None) -> list[dict[str, Any]]:
    q, i = m.Question, m.Interview
    query = (q.select(q.topic, fn.COUNT(q.id), fn.SUM(q.answer_quality))
             .where(q.answer_quality.is_null(False) & q.topic.is_null(False) & (fn.TRIM(q.topic) != ""))
             .group_by(q.topic))
    if since is not None:  # IN, not JOIN: SQLite then starts from the interviews in range (3 ms, not 220)
        query = query.where(q.interview.in_(i.select(i.id).where(i.scheduled_on >= since)))
    rows = [(str(topic), int(count), int(total)) for topic, count, total in query.tuples()]
    rows.sort(key=lambda r: (Fraction(r[2], r[1]), r[0].casefold(), r[0]))
    return [{"topic": topic, "questions": count, "average_quality": rounded(total, count)}
            for topic, count, total in rows]


# --- offers, fit, network ----------------------------------------------------------------------


def _money(total: int, currency: str, settings: Settings) -> dict[str, Any]:
    converted = money.convert(total, currency, settings)
    if converted is None:
        return {"yearly_total": total, "currency": currency, "converted": False}
    return {"yearly_total": converted, "currency": settings.display_currency, "converted": True}


def offers(settings: Settings, since: dt.date | None = None) -> list[dict[str, Any]]:
    o = m.Offer
    query = (o.select(m.Company.name, m.Opportunity.title, o.received_on.coerce(False), o.currency,
                      o.base_salary, o.bonus, o.equity_per_year)
             .join(m.Opportunity).join(m.Company).order_by(o.received_on, o.id))
    return [{"company": company, "role": role, "received_on": _iso(day),
             **_money(money.yearly_total(base, bonus, equity), currency, settings)}
            for company, role, day, currency, base, bonus, equity in _from(query, o.received_on, since).tuples()]


def current_compensation(settings: Settings) -> dict[str, Any] | None:
    figures = (settings.current_base, settings.current_bonus, settings.current_equity)
    if all(value is None for value in figures):
        return None
    return _money(money.yearly_total(*figures), settings.current_currency or settings.display_currency, settings)


def company_fit() -> list[dict[str, Any]]:
    fits = scorecard.fits()
    ids = sorted(fits)
    query = m.Company.select(m.Company.id, m.Company.name)
    if len(ids) <= _CHUNK:
        names = dict(query.where(m.Company.id.in_(ids)).tuples()) if ids else {}
    else:  # thousands of companies: one read of every name (rows as SQLite gives them), not an IN list per 500
        names = {cid: name for cid, name in db.execute(query) if cid in fits}
    ordered = sorted(ids, key=lambda cid: (-fits[cid], names[cid].casefold(), names[cid], cid))
    return [{"company": names[cid], "fit": fits[cid]} for cid in ordered]


def network(today: dt.date, held: int, since: dt.date | None = None) -> dict[str, Any]:
    """`held`: the held interviews scheduled on or after `since` (the share's denominator)."""
    c = m.Contact
    month = interviews.month_of(c.met_on)
    query = _from(c.select(month, fn.COUNT(c.id)).where(c.met_on.is_null(False)).group_by(month), c.met_on, since)
    counts = {str(mon): int(count) for mon, count in query.tuples()}
    with_contact = interviews.with_new_contact(since) if held else 0
    return {"contacts_per_month": month_series(counts, today, "new", since),
            "interviews_with_new_contact": _rate(with_contact, held)}


def _notes(offer_rows: list[dict[str, Any]], current: dict[str, Any] | None) -> list[str]:
    missing = sorted({row["currency"] for row in offer_rows if not row["converted"]})
    notes = []
    if missing:
        codes = ", ".join(missing)
        notes.append(f"No exchange rate for {codes}: offers in {codes} are shown in their own currency and left "
                     f"out of totals and charts. Add a rate in {SETTINGS_HINT}.")
    if current is not None and not current["converted"]:
        notes.append(f"No exchange rate for {current['currency']}: the current compensation is shown in "
                     f"{current['currency']} and left out of the offers chart. Add a rate in {SETTINGS_HINT}.")
    return notes


# --- compute -----------------------------------------------------------------------------------


class _Run:
    """One compute(): its day, settings and range, and what several figures share (each read once)."""

    def __init__(self, today: dt.date, settings: Settings, since: dt.date | None) -> None:
        self.today, self.settings, self.since = today, settings, since

    @cached_property
    def groups(self) -> list[interviews.Group]:
        return interviews.groups(self.since)

    @cached_property
    def held(self) -> dict[str, int]:
        return interviews.per_month(self.groups)

    @cached_property
    def held_all(self) -> dict[str, int]:
        return self.held if self.since is None else held_per_month()

    @cached_property
    def offer_rows(self) -> list[dict[str, Any]]:
        return offers(self.settings, self.since)

    @cached_property
    def current(self) -> dict[str, Any] | None:
        return current_compensation(self.settings)


_FIGURES: dict[str, Callable[[_Run], Any]] = {
    "interviews_per_month": lambda run: month_series(run.held, run.today, "held", run.since),
    "habit": lambda run: {"target_per_month": run.settings.habit_target_per_month,
                          "streak_months": streak(run.held_all, run.settings.habit_target_per_month, run.today)},
    "funnel": lambda run: funnel(run.since),
    "calibration": lambda run: interviews.calibration(run.groups),
    "calibration_by_quarter": lambda run: interviews.calibration_by_quarter(run.groups, rounded),
    "skills": lambda run: skills(run.since),
    "weakest_topics": lambda run: weakest_topics(run.since),
    "offers": lambda run: run.offer_rows,
    "current_compensation": lambda run: run.current,
    "company_fit": lambda run: company_fit(),
    "network": lambda run: network(run.today, sum(run.held.values()), run.since),
    "notes": lambda run: _notes(run.offer_rows, run.current),
}
ALWAYS_KEYS = ("as_of", "display_currency", "range_start")


def _tables(*models: type[m.BaseModel]) -> frozenset[str]:
    return frozenset(model._meta.table_name for model in models)


_OFFERS = _tables(m.Offer, m.Opportunity, m.Company, m.Setting)
FIGURE_TABLES: dict[str, frozenset[str]] = {
    "interviews_per_month": _tables(m.Interview),
    "habit": _tables(m.Interview, m.Setting),
    "funnel": _tables(m.Opportunity, m.Interview, m.Offer),
    "calibration": _tables(m.Interview),
    "calibration_by_quarter": _tables(m.Interview),
    "skills": _tables(m.Skill, m.SkillRating),
    "weakest_topics": _tables(m.Question, m.Interview),
    "offers": _OFFERS,
    "current_compensation": _tables(m.Setting),
    "company_fit": _tables(m.Score, m.Criterion, m.Company),
    "network": _tables(m.Contact, m.Interview),
    "notes": _OFFERS,
}
"""For every figure of compute(), the tables it reads (with or without a range); "setting" for Settings."""


def _wanted(only: Iterable[str] | None) -> list[str]:
    if only is None:
        return list(_FIGURES)
    if isinstance(only, str):
        raise TypeError(f"only takes a collection of figure names, not the string {only!r}")
    asked = set(only)
    unknown = sorted(asked - set(_FIGURES) - set(ALWAYS_KEYS))
    if unknown:
        raise ValueError(f"unknown figure {', '.join(map(repr, unknown))}; known: {', '.join(_FIGURES)}")
    if asked & {"offers", "current_compensation"}:
        asked.add("notes")
    return [key for key in _FIGURES if key in asked]


def compute(today: dt.date | None = None, settings: Settings | None = None, *, months: int | None = None,
            only: Iterable[str] | None = None) -> dict[str, Any]:
    """The Dashboard's figures as of `today` (default: the real today), as one JSON-ready dict.

    `months`: only the last N months (see the module's "date range"); None: all time. `only`: just these
    figures (keys of FIGURE_TABLES), besides "as_of", "display_currency" and "range_start"; "notes"
    comes with "offers" or "current_compensation". An unknown figure raises ValueError.
    """
    today = today or dt.date.today()
    since = range_start(today, months)
    keys = _wanted(only)
    settings = settings or load_settings()
    run = _Run(today, settings, since)
    figures: dict[str, Any] = {"as_of": today.isoformat(), "display_currency": settings.display_currency,
                               "range_start": since.isoformat() if since is not None else None}
    figures.update((key, _FIGURES[key](run)) for key in keys)
    return figures


__all__ = ["ALWAYS_KEYS", "FIGURE_TABLES", "compute", "range_start", "rounded", "streak", "summary"]
