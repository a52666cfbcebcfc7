"""The numbers behind the Dashboard's charts (PRODUCT.md "Progress charts"), computed in SQL.

`compute(today)` returns one JSON-ready dict; `sayyes stats --json` prints it. Every figure is an SQL
aggregate (GROUP BY, COUNT, SUM ...); Python only fills month gaps, rounds and orders small per-group
results. Averages and rates are exact quotients of whole-number SQL sums rounded half up to 2 decimals
(2.125 -> 2.13), the same rounding as the company fit. The shape::

    {
      "as_of": "2026-03-31",                      # the day the figures are computed for (--today)
      "display_currency": "EUR",
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
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from peewee import SQL, Case, Cast, fn

from ..db import models as m
from ..settings import Settings
from ..settings import load as load_settings
from . import money, scorecard
from .choices import DECIDED_OUTCOMES, HELD_OUTCOMES

_CHUNK = 500
SETTINGS_HINT = "File → Settings"


def rounded(numerator: int, denominator: int) -> float:
    """numerator / denominator (both whole, >= 0, denominator > 0) rounded half up to 2 decimals, exactly."""
    return ((200 * numerator + denominator) // (2 * denominator)) / 100


def _rate(numerator: int, denominator: int) -> float | None:
    return rounded(numerator, denominator) if denominator else None


def _month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _next_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year + 1:04d}-01" if mon == 12 else f"{year:04d}-{mon + 1:02d}"


def _previous_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year - 1:04d}-12" if mon == 1 else f"{year:04d}-{mon - 1:02d}"


def _month_series(counts: dict[str, int], today: dt.date, key: str) -> list[dict[str, Any]]:
    """One entry per month from the first counted month to today's (or the last counted, if later)."""
    if not counts:
        return []
    month, last = min(counts), max(max(counts), _month(today))
    series = []
    while month <= last:
        series.append({"month": month, key: counts.get(month, 0)})
        month = _next_month(month)
    return series


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]


# --- interviews ---------------------------------------------------------------------------------


def held_per_month() -> dict[str, int]:
    """Held interviews per "YYYY-MM" month (only months that have some)."""
    month = fn.SUBSTR(m.Interview.scheduled_on, 1, 7)
    query = (m.Interview.select(month, fn.COUNT(m.Interview.id))
             .where(m.Interview.outcome.in_(HELD_OUTCOMES)).group_by(month))
    return {str(mon): int(count) for mon, count in query.tuples()}


def streak(counts: dict[str, int], target: int, today: dt.date) -> int:
    """Consecutive months meeting `target`, ending with the last complete month; today's joins once met."""
    if not counts:
        return 0
    first, current = min(counts), _month(today)
    run, month = 0, _previous_month(current)
    while month >= first and counts.get(month, 0) >= target:
        run += 1
        month = _previous_month(month)
    if current >= first and counts.get(current, 0) >= target:
        run += 1
    return run


def funnel() -> dict[str, Any]:
    opportunities, said_yes = (m.Opportunity.select(fn.COUNT(m.Opportunity.id),
                                                    fn.COALESCE(fn.SUM(m.Opportunity.said_yes), 0))
                               .tuples().get())
    interviewed = (m.Interview.select(fn.COUNT(m.Interview.opportunity.distinct()))
                   .where(m.Interview.outcome.in_(HELD_OUTCOMES)).scalar())
    offers = m.Offer.select(fn.COUNT(m.Offer.opportunity.distinct())).scalar()
    accepted = (m.Offer.select(fn.COUNT(m.Offer.opportunity.distinct()))
                .where(m.Offer.status == "accepted").scalar())
    return {"opportunities": int(opportunities), "said_yes": int(said_yes), "interviewed": int(interviewed or 0),
            "offers": int(offers or 0), "accepted": int(accepted or 0),
            "yes_rate": _rate(int(said_yes), int(opportunities))}


def _decided_rated() -> Any:
    return (m.Interview.outcome.in_(DECIDED_OUTCOMES)) & (m.Interview.self_rating_after.is_null(False))


def _passed() -> Any:
    return fn.SUM(Case(None, [(m.Interview.outcome == "passed", 1)], 0))


def calibration() -> list[dict[str, int]]:
    rating = m.Interview.self_rating_after
    query = (m.Interview.select(rating, fn.COUNT(m.Interview.id), _passed())
             .where(_decided_rated()).group_by(rating))
    found = {int(r): (int(decided), int(passed)) for r, decided, passed in query.tuples()}
    return [{"self_rating": r, "decided": found.get(r, (0, 0))[0], "passed": found.get(r, (0, 0))[1]}
            for r in range(1, 6)]


def calibration_by_quarter() -> list[dict[str, Any]]:
    day = m.Interview.scheduled_on
    quarter = fn.SUBSTR(day, 1, 4).concat("-Q").concat(
        (Cast(fn.SUBSTR(day, 6, 2), "INTEGER") + 2) / 3)
    query = (m.Interview.select(quarter.alias("quarter"), fn.COUNT(m.Interview.id),
                                fn.SUM(m.Interview.self_rating_after), _passed())
             .where(_decided_rated()).group_by(SQL("quarter")).order_by(SQL("quarter")))
    return [{"quarter": str(q), "decided": int(decided), "average_self_rating": rounded(int(ratings), int(decided)),
             "pass_rate": rounded(int(passed), int(decided))}
            for q, decided, ratings, passed in query.tuples()]


# --- growth ------------------------------------------------------------------------------------


def skills() -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    by_id: dict[int, dict[str, Any]] = {}
    for skill_id, name, target in (m.Skill.select(m.Skill.id, m.Skill.name, m.Skill.target_level)
                                   .order_by(m.Skill.name_key, m.Skill.id).tuples()):
        by_id[skill_id] = {"skill": name, "target": target, "ratings": []}
        result.append(by_id[skill_id])
    ratings = (m.SkillRating.select(m.SkillRating.skill, m.SkillRating.rated_on, m.SkillRating.level)
               .order_by(m.SkillRating.skill, m.SkillRating.rated_on, m.SkillRating.id).tuples())
    for skill_id, day, level in ratings:
        by_id[skill_id]["ratings"].append({"date": _iso(day), "level": int(level)})
    return result


def weakest_topics() -> list[dict[str, Any]]:
    q = m.Question
    query = (q.select(q.topic, fn.COUNT(q.id), fn.SUM(q.answer_quality))
             .where(q.answer_quality.is_null(False) & q.topic.is_null(False) & (fn.TRIM(q.topic) != ""))
             .group_by(q.topic))
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


def offers(settings: Settings) -> list[dict[str, Any]]:
    o = m.Offer
    query = (o.select(m.Company.name, m.Opportunity.title, o.received_on, o.currency, o.base_salary, o.bonus,
                      o.equity_per_year)
             .join(m.Opportunity).join(m.Company).order_by(o.received_on, o.id))
    return [{"company": company, "role": role, "received_on": _iso(day),
             **_money(money.yearly_total(base, bonus, equity), currency, settings)}
            for company, role, day, currency, base, bonus, equity in query.tuples()]


def current_compensation(settings: Settings) -> dict[str, Any] | None:
    figures = (settings.current_base, settings.current_bonus, settings.current_equity)
    if all(value is None for value in figures):
        return None
    return _money(money.yearly_total(*figures), settings.current_currency or settings.display_currency, settings)


def company_fit() -> list[dict[str, Any]]:
    fits = scorecard.fits()
    ids = sorted(fits)
    names: dict[int, str] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        names.update(m.Company.select(m.Company.id, m.Company.name).where(m.Company.id.in_(chunk)).tuples())
    ordered = sorted(ids, key=lambda cid: (-fits[cid], names[cid].casefold(), names[cid], cid))
    return [{"company": names[cid], "fit": fits[cid]} for cid in ordered]


def network(today: dt.date) -> dict[str, Any]:
    month = fn.SUBSTR(m.Contact.met_on, 1, 7)
    query = m.Contact.select(month, fn.COUNT(m.Contact.id)).where(m.Contact.met_on.is_null(False)).group_by(month)
    counts = {str(mon): int(count) for mon, count in query.tuples()}
    met = m.Contact.select(SQL("1")).where(m.Contact.how_met == m.Interview.id)
    held, with_contact = (m.Interview.select(fn.COUNT(m.Interview.id),
                                             fn.COALESCE(fn.SUM(fn.EXISTS(met)), 0))
                          .where(m.Interview.outcome.in_(HELD_OUTCOMES)).tuples().get())
    return {"contacts_per_month": _month_series(counts, today, "new"),
            "interviews_with_new_contact": _rate(int(with_contact), int(held))}


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


def compute(today: dt.date | None = None, settings: Settings | None = None) -> dict[str, Any]:
    """Every figure of the Dashboard as of `today` (default: the real today), as one JSON-ready dict."""
    today = today or dt.date.today()
    settings = settings or load_settings()
    per_month = held_per_month()
    offer_rows = offers(settings)
    current = current_compensation(settings)
    return {
        "as_of": today.isoformat(),
        "display_currency": settings.display_currency,
        "interviews_per_month": _month_series(per_month, today, "held"),
        "habit": {"target_per_month": settings.habit_target_per_month,
                  "streak_months": streak(per_month, settings.habit_target_per_month, today)},
        "funnel": funnel(),
        "calibration": calibration(),
        "calibration_by_quarter": calibration_by_quarter(),
        "skills": skills(),
        "weakest_topics": weakest_topics(),
        "offers": offer_rows,
        "current_compensation": current,
        "company_fit": company_fit(),
        "network": network(today),
        "notes": _notes(offer_rows, current),
    }


def _percent(rate: float | None) -> str:
    return "n/a" if rate is None else f"{round(rate * 100)}%"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary(figures: dict[str, Any]) -> str:
    """A short readable account of `compute()`'s figures, for `sayyes stats` without --json."""
    months = figures["interviews_per_month"]
    held = sum(entry["held"] for entry in months)
    habit, f, net = figures["habit"], figures["funnel"], figures["network"]
    lines = [f"SayYes stats as of {figures['as_of']}",
             f"Interviews held: {held} over {_plural(len(months), 'month')}",
             f"Habit: target {habit['target_per_month']} a month, streak {_plural(habit['streak_months'], 'month')}",
             f"Funnel: {_plural(f['opportunities'], 'opportunity').replace('opportunitys', 'opportunities')}, "
             f"{f['said_yes']} said yes (yes rate {_percent(f['yes_rate'])}), {f['interviewed']} interviewed, "
             f"{f['offers']} with an offer, {f['accepted']} accepted"]
    rated = [c for c in figures["calibration"] if c["decided"]]
    if rated:
        lines.append("Calibration: " + ", ".join(
            f"self-rating {c['self_rating']}: {c['passed']} of {c['decided']} passed" for c in rated))
    weakest = figures["weakest_topics"][:3]
    if weakest:
        lines.append("Weakest topics: " + ", ".join(
            f"{t['topic']} {t['average_quality']:.2f} ({_plural(t['questions'], 'question')})" for t in weakest))
    lines.append(f"Offers: {len(figures['offers'])}")
    fits = figures["company_fit"]
    if fits:
        lines.append(f"Company fit: {_plural(len(fits), 'company').replace('companys', 'companies')} assessed, "
                     f"best {fits[0]['company']} {fits[0]['fit']:.2f}")
    new = sum(entry["new"] for entry in net["contacts_per_month"])
    lines.append(f"Network: {_plural(new, 'contact')} met, "
                 f"{_percent(net['interviews_with_new_contact'])} of held interviews produced one")
    lines.extend(f"Note: {note}" for note in figures["notes"])
    return "\n".join(lines)


__all__ = ["compute", "rounded", "streak", "summary"]
