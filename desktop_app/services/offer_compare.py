"""Offers side by side with the current job, per year, in the display currency (PRODUCT.md "Screens").

An offer's row holds its latest figures (records.update keeps the earlier ones as offer_revision rows),
so the comparison reads the offer rows. Every amount is given in its own currency and, when its
currency has a rate, in the display currency; a column whose currency has no rate is flagged, shown in
its own currency only and left out of the totals and differences, and a note says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from peewee import fn

from ..db import models as m
from ..settings import Settings
from . import money
from .errors import NotFoundError, ServiceError

MIN_OFFERS, MAX_OFFERS = 2, 4
SETTINGS_HINT = "File → Settings"


@dataclass(frozen=True)
class Amount:
    own: int | None  # in the column's currency
    currency: str
    display: int | None  # in the display currency; None when empty or when the currency has no rate

    @property
    def flagged(self) -> bool:
        """There is an amount, but no rate to put it in the display currency."""
        return self.own is not None and self.display is None


@dataclass(frozen=True)
class Column:
    offer_id: int | None  # None: the current job
    company: str
    role: str
    received_on: dt.date | None
    respond_by: dt.date | None
    status: str
    currency: str
    base: Amount
    bonus: Amount
    equity: Amount
    yearly_total: Amount  # base + bonus + equity
    sign_on: Amount  # one-off: shown beside the total, never in it
    has_figures: bool = True  # False: the current job, with no pay set in Settings
    revisions: int = 0  # earlier figures kept (counter-offers)
    difference: int | None = None  # yearly total minus the current job's, in the display currency
    difference_percent: Decimal | None = None
    notes: tuple[str, ...] = ()

    @property
    def is_current(self) -> bool:
        return self.offer_id is None

    @property
    def has_rate(self) -> bool:
        return not self.yearly_total.flagged


@dataclass(frozen=True)
class Comparison:
    display_currency: str
    columns: tuple[Column, ...]  # the current job first, then the offers in the order asked
    best_ids: frozenset[int] = frozenset()  # the offers with the highest yearly total (display currency)
    notes: tuple[str, ...] = field(default=())

    @property
    def current(self) -> Column:
        return self.columns[0]

    @property
    def offers(self) -> tuple[Column, ...]:
        return self.columns[1:]


def _amount(value: int | None, currency: str, settings: Settings) -> Amount:
    display = None if value is None else money.convert(value, currency, settings)
    return Amount(value, currency, display)


def _figures(currency: str, base: int | None, bonus: int | None, equity: int | None, sign_on: int | None,
             settings: Settings) -> dict[str, Amount]:
    total = money.yearly_total(base, bonus, equity)
    return {
        "base": _amount(base, currency, settings),
        "bonus": _amount(bonus, currency, settings),
        "equity": _amount(equity, currency, settings),
        "yearly_total": _amount(total, currency, settings),
        "sign_on": _amount(sign_on, currency, settings),
    }


def current_job(settings: Settings) -> Column:
    """The current job as a column, from Settings (the currency defaults to the display currency)."""
    currency = settings.current_currency or settings.display_currency
    has_figures = any(v is not None for v in (settings.current_base, settings.current_bonus, settings.current_equity))
    figures = _figures(currency, settings.current_base, settings.current_bonus, settings.current_equity, None,
                       settings)
    if not has_figures:
        figures["yearly_total"] = Amount(None, currency, None)
    notes: tuple[str, ...] = ()
    if not has_figures:
        notes = (f"Your current pay is not set: add it in {SETTINGS_HINT} to see how each offer compares.",)
    elif figures["yearly_total"].flagged:
        notes = (f"There is no exchange rate for {currency}: your current pay is shown in {currency} and the "
                 f"differences are left out. Add a {currency} rate in {SETTINGS_HINT}.",)
    return Column(None, "Current job", "", None, None, "", currency, has_figures=has_figures, notes=notes, **figures)


def compare(offer_ids: list[int], settings: Settings) -> Comparison:
    """The current job and 2–4 offers side by side. Raises ServiceError for fewer or more offers."""
    ids = list(dict.fromkeys(offer_ids))
    if not MIN_OFFERS <= len(ids) <= MAX_OFFERS:
        raise ServiceError(f"Choose {MIN_OFFERS} to {MAX_OFFERS} offers to compare; {len(ids)} chosen.")
    rows = {row["id"]: row for row in _offer_rows(ids)}
    missing = [i for i in ids if i not in rows]
    if missing:
        raise NotFoundError("offer", missing[0])
    current = current_job(settings)
    baseline = current.yearly_total.display
    columns: list[Column] = [current]
    notes: list[str] = list(current.notes)
    for offer_id in ids:
        row = rows[offer_id]
        currency = row["currency"]
        figures = _figures(currency, row["base_salary"], row["bonus"], row["equity_per_year"], row["sign_on"],
                           settings)
        total = figures["yearly_total"].display
        difference = percent = None
        own_notes: tuple[str, ...] = ()
        if total is None:
            own_notes = (f"No exchange rate for {currency}: shown in {currency} and left out of the totals and "
                         f"differences.",)
            notes.append(f"There is no exchange rate for {currency}: {row['company']}'s offer is shown in "
                         f"{currency} and left out of the totals and differences. Add a {currency} rate in "
                         f"{SETTINGS_HINT}.")
        elif baseline is not None:
            difference = total - baseline
            percent = money.difference_percent(total, baseline)
        columns.append(Column(
            offer_id, row["company"], row["role"], row["received_on"], row["respond_by"], row["status"], currency,
            revisions=row["revisions"], difference=difference, difference_percent=percent, notes=own_notes,
            **figures,
        ))
    totals = {c.offer_id: c.yearly_total.display for c in columns[1:] if c.yearly_total.display is not None}
    best = max(totals.values(), default=None)
    best_ids = frozenset(i for i, t in totals.items() if t == best and i is not None)
    return Comparison(settings.display_currency, tuple(columns), best_ids, tuple(dict.fromkeys(notes)))


def _offer_rows(ids: list[int]) -> list[dict]:
    revisions = (m.OfferRevision.select(fn.COUNT(m.OfferRevision.id))
                 .where(m.OfferRevision.offer == m.Offer.id))
    query = (m.Offer.select(
        m.Offer.id, m.Company.name.alias("company"), m.Opportunity.title.alias("role"), m.Offer.received_on,
        m.Offer.respond_by, m.Offer.status, m.Offer.currency, m.Offer.base_salary, m.Offer.bonus,
        m.Offer.equity_per_year, m.Offer.sign_on, revisions.alias("revisions"),
    ).join(m.Opportunity, on=(m.Offer.opportunity == m.Opportunity.id))
        .join(m.Company, on=(m.Opportunity.company == m.Company.id))
        .where(m.Offer.id.in_(ids)))
    return list(query.dicts())
