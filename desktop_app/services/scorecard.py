"""A company's scorecard against my workplace standards, and its weighted fit (PRODUCT.md "company_fit").

Only the latest score of each criterion counts (by scored_on, then id): a company re-scored later keeps
its history, and the fit follows the newest view. The fit is the weight-averaged latest score over the
ACTIVE criteria that have one, 1-5, rounded half up to 2 decimals. Everything is computed in SQL; the
weighted sums are whole numbers, so the rounding is exact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from peewee import JOIN, fn

from ..db import db
from ..db import models as m
from . import records
from .changes import Change
from .errors import FieldError, ValidationError
from .kinds import kind as get_kind

_CHUNK = 500


@dataclass(frozen=True)
class ScoreLine:
    """One active criterion and this company's latest score on it (score None: not scored yet)."""

    criterion_id: int
    name: str
    description: str | None
    weight: int
    score: int | None
    note: str | None
    scored_on: dt.date | None
    score_id: int | None


def _latest_score_id(company_id: int, criterion: Any) -> Any:
    """The id of the company's latest score on `criterion` (a correlated subquery; uses the score index)."""
    s = m.Score.alias("latest")
    return (s.select(s.id)
            .where((s.company == company_id) & (s.criterion == criterion))
            .order_by(s.scored_on.desc(), s.id.desc())
            .limit(1))


def scorecard(company_id: int) -> list[ScoreLine]:
    """My active criteria, heaviest first, each with this company's latest score, note and date."""
    query = (
        m.Criterion.select(m.Criterion.id, m.Criterion.name, m.Criterion.description, m.Criterion.weight,
                           m.Score.score, m.Score.note, m.Score.scored_on, m.Score.id)
        .join(m.Score, JOIN.LEFT_OUTER, on=(m.Score.id == _latest_score_id(company_id, m.Criterion.id)))
        .where(m.Criterion.active == True)
        .order_by(m.Criterion.weight.desc(), m.Criterion.name_key)
    )
    return [ScoreLine(cid, name, description, weight, score, note, _as_date(day), score_id)
            for cid, name, description, weight, score, note, day, score_id in query.tuples()]


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _rounded(weighted: int, weights: int) -> float:
    """weighted / weights rounded half up to 2 decimals, exactly (3.125 -> 3.13)."""
    hundredths = (200 * weighted + weights) // (2 * weights)
    return hundredths / 100


def _weighted_sums(company_ids: list[int] | None) -> Iterable[tuple[int, int, int]]:
    """(company id, sum of weight * latest score, sum of weights) per company, over active criteria.

    A score is the latest of its company and criterion when no score of theirs is newer (a later day,
    or the same day and a larger id): a lookup in the score index per score, a third faster than
    numbering every score with a window function."""
    newer = m.Score.alias("newer")
    has_newer = fn.EXISTS(
        newer.select(newer.id).where(
            (newer.company == m.Score.company) & (newer.criterion == m.Score.criterion)
            & ((newer.scored_on > m.Score.scored_on)
               | ((newer.scored_on == m.Score.scored_on) & (newer.id > m.Score.id))))
    )
    latest = (
        m.Score.select(m.Score.company.alias("company_id"), m.Score.score.alias("score"),
                       m.Criterion.weight.alias("weight"))
        .join(m.Criterion, on=(m.Score.criterion == m.Criterion.id))
        .where((m.Criterion.active == True) & ~has_newer)  # noqa: E712 (SQL, not Python)
    )
    if company_ids is not None:
        latest = latest.where(m.Score.company.in_(company_ids))
    latest = latest.alias("latest")
    query = (
        latest.select_from(latest.c.company_id, fn.SUM(latest.c.weight * latest.c.score), fn.SUM(latest.c.weight))
        .group_by(latest.c.company_id)
    )
    return query.tuples()


def fits(company_ids: list[int] | None = None) -> dict[int, float]:
    """The fit of every company that has a latest score on an active criterion (of these ids; None: all)."""
    if company_ids is None:
        chunks: list[list[int] | None] = [None]
    else:
        ids = sorted(set(company_ids))
        chunks = [ids[start : start + _CHUNK] for start in range(0, len(ids), _CHUNK)]
    result: dict[int, float] = {}
    for chunk in chunks:
        for company_id, weighted, weights in _weighted_sums(chunk):
            if weights:
                result[int(company_id)] = _rounded(int(weighted), int(weights))
    return result


def fit(company_id: int) -> float | None:
    """The weighted fit of one company, 1-5; None when no active criterion has a score for it."""
    return fits([company_id]).get(company_id)


# --- writing scores ---------------------------------------------------------------------------


def _names(company_id: int, criterion_id: int) -> tuple[str, str]:
    return records.get("company", company_id)["name"], records.get("criterion", criterion_id)["name"]


def _latest(company_id: int, criterion_id: int) -> dict[str, Any] | None:
    return (m.Score.select().where((m.Score.company == company_id) & (m.Score.criterion == criterion_id))
            .order_by(m.Score.scored_on.desc(), m.Score.id.desc()).dicts().first())


def set_score(company_id: int, criterion_id: int, score: int, today: dt.date | None = None) -> Change:
    """Score a company on a criterion as of today: today's score is corrected, an older one is kept as
    history and a new one dated today carries its note forward. The same score again changes nothing."""
    today = today or dt.date.today()
    try:
        value = get_kind("score").field("score").clean(score)
    except ValueError as exc:
        raise ValidationError([FieldError("score", str(exc))]) from None
    company, criterion = _names(company_id, criterion_id)
    with db.atomic():
        latest = _latest(company_id, criterion_id)
        if latest is not None and _as_date(latest["scored_on"]) == today:
            change = records.update("score", latest["id"], {"score": value})
        elif latest is not None and latest["score"] == value:
            change = Change("")
        else:
            change = records.create("score", {
                "company": company_id, "criterion": criterion_id, "score": value, "scored_on": today,
                "note": latest["note"] if latest is not None else None,
            })
    change.label = f"score {company} on {criterion}"
    return change


def set_note(company_id: int, criterion_id: int, note: str | None) -> Change:
    """Change the note of the latest score (a note explains a score; there must be one)."""
    latest = _latest(company_id, criterion_id)
    if latest is None:
        raise ValidationError([FieldError("note", "give a score first; a note explains a score")])
    change = records.update("score", latest["id"], {"note": note})
    change.label = f"edit note on {_names(company_id, criterion_id)[1]}"
    return change


def remove_latest(company_id: int, criterion_id: int) -> Change:
    """Delete the latest score of a criterion (an earlier one, if any, becomes the latest again)."""
    latest = _latest(company_id, criterion_id)
    if latest is None:
        return Change("")
    change = records.delete("score", latest["id"])
    change.label = f"remove score of {_names(company_id, criterion_id)[1]}"
    return change


__all__ = ["ScoreLine", "fit", "fits", "remove_latest", "scorecard", "set_note", "set_score"]
