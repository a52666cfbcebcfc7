"""Realistic demo data: a person's years of interviewing, generated from a seed into the open data file.

Same seed and same `today` give the same rows, byte for byte; dates are relative to `today`, so the
demo always looks current. `size` is the number of interviews and every other kind scales with it
(about size/10 companies, size/3 opportunities, 2*size questions, size/5 contacts); bigger sizes
spread over more years, like a career coach's data folder.

Rows are built as tuples with explicit ids (children link to parents without reading back) and
written with one prepared INSERT per table (executemany), all inside one transaction; the full-text
indexes are filled once at the end (search_index.bulk_insert), not by a trigger per row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from .. import settings as app_settings
from ..db import db
from ..db import models as m
from . import datafolder, search_index
from .bulk import collector_paused
from .demo_base import DEFAULT_SIZE, Context, build_context, check_today
from .demo_growth import QUESTION_COLUMNS, RATING_COLUMNS, SKILL_COLUMNS, questions, skill_count, skills
from .demo_history import (
    COMPANY_COLUMNS, INTERVIEW_COLUMNS, OPPORTUNITY_COLUMNS, company_rows, interview_rows, opportunity_rows, plan_companies,
)
from .demo_offers import CRITERION_COLUMNS, OFFER_COLUMNS, REVISION_COLUMNS, SCORE_COLUMNS, OfferInfo, criteria, offers, scores
from .demo_people import CONTACT_COLUMNS, INTERACTION_COLUMNS, LINK_COLUMNS, contact_count, people
from .demo_plan import CompanyInfo, company_count, opportunity_count, plan_opportunities
from .demo_tasks import TASK_COLUMNS, tasks
from .demo_words import EUR_RATES
from .errors import Cancelled, ServiceError

__all__ = ["DEFAULT_SIZE", "MAX_SIZE", "generate", "estimated_rows"]

MAX_SIZE = 500_000  # ~40 s and ~1 GB of memory; the app is built for 100,000
_CHUNK = 5_000  # rows per executemany: how often progress is reported and cancel is asked


def estimated_rows(size: int) -> int:
    """Roughly how many rows generate(size) writes (the progress total)."""
    companies, opps, contacts = company_count(size), opportunity_count(size), contact_count(size)
    return round(companies * 8.4 + opps * 1.12 + size * 3.31 + contacts * 3.6 + skill_count(size) * 7.6 + 10)


class _Writer:
    def __init__(self, total: int, progress: Callable[[int, int], None] | None, cancel: Callable[[], bool] | None):
        self.total, self.done = max(1, total), 0
        self.progress, self.cancel = progress, cancel
        self.counts: dict[str, int] = {}

    def check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise Cancelled()

    def report(self) -> None:
        if self.progress is not None:
            self.progress(min(self.done, self.total - 1), self.total)

    def insert(self, model: type[m.BaseModel], columns: Sequence[str], rows: list[tuple]) -> None:
        fields = model._meta.fields
        names = ", ".join(f'"{fields[c].column_name}"' for c in columns)
        table = model._meta.table_name
        sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'
        connection = db.connection()
        for start in range(0, len(rows), _CHUNK):
            self.check()
            chunk = rows[start : start + _CHUNK]
            connection.executemany(sql, chunk)
            self.done += len(chunk)
            self.report()
        self.counts[table] = len(rows)


def generate(
    size: int = DEFAULT_SIZE,
    *,
    seed: int = 2024,
    today: dt.date | None = None,
    replace: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> dict[str, int]:
    """Fill the open data file with demo data of `size` interviews; return the rows written per table.

    Refuses a data file that already has records unless replace=True, which deletes them first (in the
    same transaction). All or nothing: an error or cancel() returning True leaves the data as it was.
    """
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= MAX_SIZE:
        raise ServiceError(f"The demo size is a number of interviews from 1 to {MAX_SIZE:,}; got {size!r}.")
    today = today or dt.date.today()
    try:
        check_today(today)
    except ValueError as exc:
        raise ServiceError(f"Cannot make demo data for {today.isoformat()}: {exc}.") from None
    writer = _Writer(estimated_rows(size), progress, cancel)
    with db.atomic():
        if datafolder.has_records():
            if not replace:
                raise ServiceError(
                    "This data folder already has records; demo data only goes into an empty one. "
                    "Choose another folder, or replace everything in this one (sayyes demo --force)."
                )
            _delete_all(writer)
        writer.report()
        ctx = build_context(size, seed, today)
        with collector_paused(), search_index.bulk_insert(search_index.SEARCH_INDEXES):
            _write(ctx, writer)
        writer.check()
    if not db.in_transaction():
        # give the disk back: the write-ahead log grew by the whole data set (~150 MB at 100,000)
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    if progress is not None:
        progress(writer.total, writer.total)
    return writer.counts


def _delete_all(writer: _Writer) -> None:
    """Every record goes, children first; settings stay (the demo's own are saved over them)."""
    for model in reversed(m.RECORD_MODELS):
        if model is not m.Setting:
            writer.check()
            model.delete().execute()


def _write(ctx: Context, writer: _Writer) -> None:
    companies = plan_companies(ctx, company_count(ctx.size))
    writer.check()
    opps = plan_opportunities(ctx, companies)
    rounds = ctx.shared["rounds"]
    writer.check()
    writer.insert(m.Company, COMPANY_COLUMNS, company_rows(ctx, companies))
    writer.insert(m.Opportunity, OPPORTUNITY_COLUMNS, opportunity_rows(ctx, opps))
    writer.insert(m.Interview, INTERVIEW_COLUMNS, interview_rows(ctx, rounds))  # type: ignore[arg-type]
    contact_rows, link_rows, interaction_rows = people(ctx, companies, rounds)  # type: ignore[arg-type]
    writer.insert(m.Contact, CONTACT_COLUMNS, contact_rows)
    writer.insert(m.InterviewContact, LINK_COLUMNS, link_rows)
    writer.insert(m.Interaction, INTERACTION_COLUMNS, interaction_rows)
    skill_rows, rating_rows = skills(ctx)
    writer.insert(m.Skill, SKILL_COLUMNS, skill_rows)
    writer.insert(m.SkillRating, RATING_COLUMNS, rating_rows)
    writer.insert(m.Question, QUESTION_COLUMNS, questions(ctx, rounds))  # type: ignore[arg-type]
    offer_rows, revision_rows = offers(ctx, opps)
    writer.insert(m.Offer, OFFER_COLUMNS, offer_rows)
    writer.insert(m.OfferRevision, REVISION_COLUMNS, revision_rows)
    writer.insert(m.Criterion, CRITERION_COLUMNS, criteria(ctx))
    writer.insert(m.Score, SCORE_COLUMNS, scores(ctx, companies, rounds))  # type: ignore[arg-type]
    writer.insert(m.Task, TASK_COLUMNS, tasks(ctx, opps, rounds))  # type: ignore[arg-type]
    _save_settings(ctx, companies)


def _save_settings(ctx: Context, companies: list[CompanyInfo]) -> None:
    """Display in EUR with a rate for every other currency used; the latest accepted offer is my pay now."""
    current = app_settings.load()
    current.display_currency = "EUR"
    used = sorted({c.currency for c in companies} - {"EUR"})
    current.exchange_rates = {code: EUR_RATES[code] for code in used}
    accepted: list[OfferInfo] = [o for o in ctx.shared.get("offers", []) if o.status == "accepted"]  # type: ignore[attr-defined]
    if accepted:
        currency, base, bonus, equity, _ = max(accepted, key=lambda o: o.received_on).figures
    else:
        currency, base, bonus, equity = "EUR", 78_000, 6_000, None
    current.current_currency, current.current_base = currency, base
    current.current_bonus, current.current_equity = bonus, equity
    current.habit_target_per_month = 2
    app_settings.save(current)
