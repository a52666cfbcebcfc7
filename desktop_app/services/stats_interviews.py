"""The interview figures of services/stats.py from one pass over the held interviews.

Held interviews per month, the calibration (by self-rating and by quarter) and the network's share of
interviews that produced a contact are all sums over the same rows. One GROUP BY month, outcome and
self-rating reads them once (100,000 interviews: a few hundred groups) and Python adds the groups up,
instead of a scan of the interviews per figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NamedTuple

from peewee import Cast, fn

from ..db import models as m
from .choices import DECIDED_OUTCOMES, HELD_OUTCOMES


class Group(NamedTuple):
    month: str  # "2026-03"
    quarter: str  # "2026-Q1"
    outcome: str
    self_rating: int | None
    interviews: int


def held() -> Any:
    """Held interviews. Most are, which LIKELY() tells SQLite: it then prefers the date or opportunity
    index to the outcome index (3 months of 100,000 interviews: 1 ms instead of 13)."""
    return fn.LIKELY(m.Interview.outcome.in_(HELD_OUTCOMES))


def month_of(day: Any) -> Any:
    """"2026-03" for a date column, in SQL, read as the text it is (not parsed as a date and failing)."""
    return fn.SUBSTR(day, 1, 7).coerce(False)


def quarter_of(day: Any) -> Any:
    """"2026-Q1" for a date column, in SQL."""
    return fn.SUBSTR(day, 1, 4).concat("-Q").concat((Cast(fn.SUBSTR(day, 6, 2), "INTEGER") + 2) / 3)


def groups(since: dt.date | None = None) -> list[Group]:
    """Held interviews (scheduled on or after `since`) counted by month, outcome and self-rating."""
    i = m.Interview
    month = month_of(i.scheduled_on)
    query = (i.select(month, quarter_of(i.scheduled_on), i.outcome, i.self_rating_after, fn.COUNT(i.id))
             .where(held()).group_by(month, i.outcome, i.self_rating_after))
    if since is not None:
        query = query.where(i.scheduled_on >= since)
    return [Group(str(mon), str(quarter), str(outcome), None if rating is None else int(rating), int(count))
            for mon, quarter, outcome, rating, count in query.tuples()]


def per_month(found: Iterable[Group]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for group in found:
        counts[group.month] = counts.get(group.month, 0) + group.interviews
    return counts


def _decided_rated(found: Iterable[Group]) -> Iterable[Group]:
    return (g for g in found if g.outcome in DECIDED_OUTCOMES and g.self_rating is not None)


def calibration(found: Iterable[Group]) -> list[dict[str, int]]:
    """Decided, self-rated interviews by self-rating (always 1-5): how many, and how many passed."""
    by_rating: dict[int, list[int]] = {}
    for group in _decided_rated(found):
        sums = by_rating.setdefault(group.self_rating, [0, 0])  # type: ignore[arg-type]
        sums[0] += group.interviews
        sums[1] += group.interviews if group.outcome == "passed" else 0
    return [{"self_rating": r, "decided": by_rating.get(r, [0, 0])[0], "passed": by_rating.get(r, [0, 0])[1]}
            for r in range(1, 6)]


def calibration_by_quarter(found: Iterable[Group], rounded: Any) -> list[dict[str, Any]]:
    """Per quarter with decided, self-rated interviews: how many, their average self-rating, the pass rate."""
    by_quarter: dict[str, list[int]] = {}
    for group in _decided_rated(found):
        sums = by_quarter.setdefault(group.quarter, [0, 0, 0])  # decided, sum of ratings, passed
        sums[0] += group.interviews
        sums[1] += group.interviews * int(group.self_rating)  # type: ignore[arg-type]
        sums[2] += group.interviews if group.outcome == "passed" else 0
    return [{"quarter": q, "decided": decided, "average_self_rating": rounded(ratings, decided),
             "pass_rate": rounded(passed, decided)}
            for q, (decided, ratings, passed) in sorted(by_quarter.items())]


def with_new_contact(since: dt.date | None = None) -> int:
    """Held interviews (scheduled on or after `since`) where a contact was met: read from the contacts'
    side (20,000 contacts), not an EXISTS per interview (100,000)."""
    c, i = m.Contact, m.Interview
    query = (c.select(fn.COUNT(c.how_met.distinct())).join(i, on=(c.how_met == i.id)).where(held()))
    if since is not None:
        query = query.where(i.scheduled_on >= since)
    return int(query.scalar() or 0)


__all__ = ["Group", "calibration", "calibration_by_quarter", "groups", "held", "month_of", "per_month", "quarter_of",
           "with_new_contact"]
