"""Demo offers (with counter-offers kept as revisions), my workplace standards and company scores."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from . import demo_words as w
from .demo_base import DAY, Context
from .demo_plan import CompanyInfo, Opp, Round
from .values import normalise

Rows = list[tuple]

OFFER_COLUMNS = ("id", "created_at", "updated_at", "opportunity", "received_on", "respond_by", "currency",
                 "base_salary", "bonus", "equity_per_year", "sign_on", "benefits", "work_mode", "status", "notes")
REVISION_COLUMNS = ("id", "created_at", "updated_at", "offer", "revised_on", "currency", "base_salary", "bonus",
                    "equity_per_year", "sign_on", "note")
CRITERION_COLUMNS = ("id", "created_at", "updated_at", "name", "name_key", "description", "weight", "active")
SCORE_COLUMNS = ("id", "created_at", "updated_at", "company", "criterion", "score", "note", "scored_on")


@dataclass(slots=True)
class OfferInfo:
    id: int
    opp: Opp
    status: str
    received_on: dt.date
    respond_by: dt.date
    revised_on: dt.date | None
    figures: tuple[str, int, int | None, int | None, int | None]  # currency, base, bonus, equity, sign-on


def _round(value: float, step: int) -> int:
    return max(step, round(value / step) * step)


def offers(ctx: Context, opps: list[Opp]) -> tuple[Rows, Rows]:
    """Rows of offers and offer revisions; a revision keeps the figures from before a counter-offer."""
    rng = ctx.rng("offers")
    with_offer = sorted((o for o in opps if o.offer_dates), key=lambda o: (o.offer_dates[0], o.id))  # type: ignore[index]
    rows: Rows = []
    revisions: list[tuple[dt.date, int, tuple]] = []
    infos: list[OfferInfo] = []
    for oid, opp in enumerate(with_offer, 1):
        assert opp.company is not None and opp.offer_dates is not None and opp.offer_status is not None
        received, respond_by, decided = opp.offer_dates
        currency = opp.company.currency
        step = 10_000 if w.PAY_FACTOR[currency] >= 5 else 1_000
        base = _round(opp.pay * rng.uniform(1.0, 1.12), step)
        bonus = _round(base * rng.choice((0.05, 0.1, 0.15)), step) if rng.random() < 0.6 else None
        equity = _round(base * rng.uniform(0.05, 0.3), step) if rng.random() < (0.6 if currency == "USD" else 0.25) else None
        sign_on = _round(rng.choice((5_000, 10_000, 15_000)) * w.PAY_FACTOR[currency], step) if rng.random() < 0.3 else None
        status = opp.offer_status
        revised_on = None
        countered = status == "negotiating" or rng.random() < {"accepted": 0.6, "declined": 0.3}.get(status, 0.0)
        if countered:
            latest = min(ctx.today, decided or respond_by)
            revised_on = min(latest, received + rng.randint(1, 4) * DAY)
            earlier_base = base - _round(base * rng.uniform(0.03, 0.08), step)
            earlier_sign_on = None if sign_on is None or rng.random() < 0.5 else sign_on // 2
            earlier = (currency, earlier_base, bonus, equity, earlier_sign_on)
            revisions.append((revised_on, oid, earlier))
        updated = max(d for d in (received, revised_on, decided) if d is not None)
        notes = rng.choice(w.OFFER_NOTES[status]) if rng.random() < 0.7 else None
        rows.append((oid, ctx.stamp(received, oid), ctx.touched(updated, oid + 1), opp.id, received.isoformat(),
                     respond_by.isoformat(), currency, base, bonus, equity, sign_on, rng.choice(w.BENEFITS),
                     opp.work_mode, status, notes))
        infos.append(OfferInfo(oid, opp, status, received, respond_by, revised_on, (currency, base, bonus, equity, sign_on)))
    revisions.sort(key=lambda r: (r[0], r[1]))
    revision_rows = [(i, ctx.stamp(day, i), ctx.stamp(day, i), oid, day.isoformat(), *figures, rng.choice(w.REVISION_NOTES))
                     for i, (day, oid, figures) in enumerate(revisions, 1)]
    ctx.shared["offers"] = infos
    return rows, revision_rows


def criteria(ctx: Context) -> Rows:
    stamp = ctx.stamp(ctx.start, 0)
    return [(i, stamp, stamp, name, normalise(name), description, weight, int(active))
            for i, (name, description, weight, active) in enumerate(w.CRITERIA, 1)]


def scores(ctx: Context, companies: list[CompanyInfo], rounds: list[Round]) -> Rows:
    """Most companies I interviewed with get scored against my standards after the last round there."""
    rng = ctx.rng("scores")
    last_held: dict[int, dt.date] = {}
    for r in rounds:
        if r.outcome in ("passed", "failed", "pending") and r.opp is not None and r.opp.company is not None:
            last_held[r.opp.company.id] = r.day
    by_id = {c.id: c for c in companies}
    bias = [rng.uniform(-0.5, 0.5) for _ in w.CRITERIA]
    found: list[tuple[dt.date, int, int, int, str | None]] = []
    for cid in sorted(last_held):
        if rng.random() > 0.75:
            continue
        company = by_id[cid]
        day = min(ctx.today, last_held[cid] + rng.randint(0, 3) * DAY)
        rescored = day + rng.randint(20, 200) * DAY if rng.random() < 0.2 else None
        for k, (_, _, _, active) in enumerate(w.CRITERIA, 1):
            if not active and rng.random() > 0.3:
                continue
            value = _score(rng, company.quality + bias[k - 1])
            found.append((day, cid, k, value, _note(rng, value)))
            if rescored is not None and rescored <= ctx.today and rng.random() < 0.5:
                later = min(5, max(1, value + rng.choice((-1, 1))))
                found.append((rescored, cid, k, later, _note(rng, later)))
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    return [(i, ctx.stamp(day, i), ctx.stamp(day, i), cid, k, value, note, day.isoformat())
            for i, (day, cid, k, value, note) in enumerate(found, 1)]


def _score(rng: random.Random, mean: float) -> int:
    return min(5, max(1, round(mean + rng.gauss(0, 0.8))))


def _note(rng: random.Random, value: int) -> str | None:
    if rng.random() > 0.15 or value == 3:
        return None
    return rng.choice(w.SCORE_NOTES["high" if value > 3 else "low"])
