"""The demo companies, and the rows of companies, opportunities and interviews (planned in demo_plan)."""

from __future__ import annotations

import random

from . import demo_words as w
from .demo_base import DAY, Context, Pick, slug
from .demo_plan import CompanyInfo, Opp, Round
from .values import normalise

Rows = list[tuple]

COMPANY_COLUMNS = ("id", "created_at", "updated_at", "name", "name_key", "website", "industry", "size_band",
                   "location", "notes", "strengths", "weaknesses", "red_flags")
OPPORTUNITY_COLUMNS = ("id", "created_at", "updated_at", "company", "title", "title_key", "source", "invited_on",
                       "status", "said_yes", "seniority", "work_mode", "salary_min", "salary_max",
                       "salary_currency", "link", "tech_stack", "closed_on", "close_reason", "job_description",
                       "notes")
INTERVIEW_COLUMNS = ("id", "created_at", "updated_at", "opportunity", "scheduled_on", "scheduled_time",
                     "duration_minutes", "stage", "format", "confidence_before", "self_rating_after", "outcome",
                     "employer_feedback", "employer_rating", "prep_notes", "debrief_notes")

_LOCATIONS = Pick(w.LOCATIONS, [loc[3] for loc in w.LOCATIONS])
_SIZE_BANDS = Pick(("1-10", "11-50", "51-200", "201-1000", "1001-5000", "5001+"), (5, 15, 25, 25, 18, 12))
_WORK_MODES = Pick(("remote", "hybrid", "onsite"), (35, 50, 15))
_FORMATS = {
    "recruiter screen": Pick(("phone", "video"), (6, 4)),
    "take-home": Pick(("async",)),
    "onsite": Pick(("onsite", "video"), (65, 35)),
}
_FORMAT_DEFAULT = Pick(("video", "onsite", "phone"), (80, 10, 10))
_DURATIONS = {
    "recruiter screen": (30, 30, 45, 20), "technical": (60, 60, 45, 90), "coding": (60, 90, 75),
    "system design": (60, 75, 90), "behavioral": (45, 60), "take-home": (None, 180, 240, 120),
    "onsite": (180, 240, 300), "final": (45, 60, 30), "other": (30, 45, 60),
}
_CONFIDENCE = Pick((1, 2, 3, 4, 5), (5, 20, 40, 28, 7))
# self-rating after the interview: people rate themselves lower than they do (impostor syndrome)
_SELF_RATING = {
    "passed": Pick((1, 2, 3, 4, 5), (2, 10, 38, 35, 15)),
    "failed": Pick((1, 2, 3, 4, 5), (25, 40, 25, 8, 2)),
    "pending": Pick((1, 2, 3, 4, 5), (6, 22, 40, 25, 7)),
}
_EMPLOYER_RATING = {"passed": Pick((2, 3, 4, 5), (2, 20, 50, 28)), "failed": Pick((1, 2, 3, 4), (22, 48, 26, 4))}


# --- companies --------------------------------------------------------------------------------


def plan_companies(ctx: Context, count: int) -> list[CompanyInfo]:
    rng = ctx.rng("companies")
    industries = [(name, suffixes) for name, suffixes in w.INDUSTRIES]
    specials = list(w.SPECIAL_COMPANIES)
    rng.shuffle(specials)
    forced = [loc for loc in w.LOCATIONS if loc[0] in ("Berlin, Germany", "London, UK", "New York, USA")]
    keys: set[str] = set()
    companies: list[CompanyInfo] = []
    misses = 0
    while len(companies) < count:
        industry, suffixes = rng.choice(industries)
        if len(companies) < min(len(specials), max(1, count // 12)):
            name, industry = specials[len(companies)]
        else:
            stem = rng.choice(w.COMPANY_STEMS) + rng.choice(w.COMPANY_ROOTS)
            name = stem + (rng.choice(suffixes) if rng.random() < 0.5 else rng.choice(w.GENERIC_SUFFIXES))
            if misses > 30:
                name = f"{name} {rng.choice(w.TEAMS)}" if misses < 60 else f"{name} {len(companies) + 1}"
        key = normalise(name)
        if key in keys:
            misses += 1
            continue
        misses = 0
        keys.add(key)
        location, currency, phone, _ = forced[len(companies)] if len(companies) < len(forced) else _LOCATIONS(rng)
        quality = min(4.8, max(1.2, rng.gauss(3.2, 0.75)))
        web = slug(name) or "company"
        companies.append(CompanyInfo(len(companies) + 1, name, web, industry, location, currency, phone, quality))
    return companies


def _lines(rng: random.Random, pool: tuple[str, ...], low: int, high: int) -> str:
    return "\n".join(rng.sample(pool, min(len(pool), rng.randint(low, high))))


def company_rows(ctx: Context, companies: list[CompanyInfo]) -> Rows:
    rng = ctx.rng("company-rows")
    rows = []
    for c in companies:
        seen = c.first_seen or ctx.start
        strengths = _lines(rng, w.STRENGTHS, 1, 3) if rng.random() < 0.75 else None
        weaknesses = _lines(rng, w.WEAKNESSES, 1, 2) if rng.random() < 0.6 else None
        flagged = rng.random() < (0.5 if c.quality < 2.6 else 0.08)
        red_flags = _lines(rng, w.RED_FLAGS, 1, 2) if flagged else None
        notes = rng.choice(w.COMPANY_NOTES).format(event=rng.choice(w.EVENTS)) if rng.random() < 0.3 else None
        stamp = ctx.stamp(seen, c.id)
        rows.append((c.id, stamp, stamp, c.name, normalise(c.name), f"https://{c.slug}.example", c.industry,
                     _SIZE_BANDS(rng), c.location, notes, strengths, weaknesses, red_flags))
    return rows


def _salary_step(currency: str) -> int:
    return 10_000 if w.PAY_FACTOR[currency] >= 5 else 1_000


def _close_reason(rng: random.Random, opp: Opp) -> str | None:
    if opp.closed_on is None:
        return None
    reason = rng.choice(w.CLOSE_REASONS[opp.category])
    if "{" not in reason:
        return reason
    held = [r for r in opp.rounds if r.outcome in ("passed", "failed")] or opp.rounds
    return reason.format(stage=held[-1].stage, feedback=rng.choice(w.FEEDBACK_FAILED))


def opportunity_rows(ctx: Context, opps: list[Opp]) -> Rows:
    rng = ctx.rng("opportunity-rows")
    rows = []
    for opp in opps:
        c = opp.company
        assert c is not None
        tags = w.TECH[opp.track]
        opp.tech = ", ".join(rng.sample(tags, rng.randint(3, min(6, len(tags)))))
        mode = opp.work_mode = _WORK_MODES(rng)
        salary_min = salary_max = currency = None
        if rng.random() < 0.7:
            step = _salary_step(c.currency)
            salary_min = max(step, round(opp.pay * 0.9 / step) * step)
            salary_max = salary_min + max(step, round(opp.pay * 0.22 / step) * step)
            currency = c.currency
        link = f"https://{c.slug}.example/careers/{opp.id}" if rng.random() < 0.6 else None
        description = None
        if rng.random() < 0.35:
            description = w.JOB_DESCRIPTION.format(title=opp.title, team=rng.choice(w.TEAMS), location=c.location,
                                                   tech=opp.tech, benefits=rng.choice(w.BENEFITS))
        notes = rng.choice(w.OPPORTUNITY_NOTES).format(team=rng.choice(w.TEAMS)) if rng.random() < 0.3 else None
        last = max([opp.created, *(r.day for r in opp.rounds), *([opp.closed_on] if opp.closed_on else [])])
        rows.append((opp.id, ctx.stamp(opp.created, opp.id), ctx.touched(last, opp.id + 7), c.id, opp.title,
                     normalise(opp.title), opp.source, opp.invited_on.isoformat() if opp.invited_on else None,
                     opp.status, int(opp.said_yes), opp.seniority, mode, salary_min, salary_max, currency, link,
                     opp.tech, opp.closed_on.isoformat() if opp.closed_on else None, _close_reason(rng, opp),
                     description, notes))
    return rows


def interview_rows(ctx: Context, rounds: list[Round]) -> Rows:
    rng = ctx.rng("interview-rows")
    rows = []
    for r in rounds:
        opp = r.opp
        assert opp is not None
        fmt = _FORMATS.get(r.stage, _FORMAT_DEFAULT)(rng)
        duration = rng.choice(_DURATIONS[r.stage])
        held = r.outcome in ("passed", "failed", "pending")
        decided = r.outcome in ("passed", "failed")
        confidence = self_rating = employer_rating = feedback = prep = debrief = None
        if held or r.outcome == "scheduled":
            if rng.random() < (0.85 if held else 0.5):
                confidence = _CONFIDENCE(rng)
            if rng.random() < (0.35 if held else 0.7):
                prep = rng.choice(w.PREP_NOTES).format(tech=opp.tech)
        if held:
            if rng.random() < 0.85:
                self_rating = _SELF_RATING[r.outcome](rng)
            if rng.random() < 0.6:
                good = r.outcome == "passed" or (r.outcome == "pending" and rng.random() < 0.6)
                debrief = rng.choice(w.DEBRIEFS_GOOD if good else w.DEBRIEFS_BAD)
        if decided and rng.random() < 0.5:
            feedback = rng.choice(w.FEEDBACK_PASSED if r.outcome == "passed" else w.FEEDBACK_FAILED)
            if rng.random() < 0.8:
                employer_rating = _EMPLOYER_RATING[r.outcome](rng)
        elif r.outcome == "cancelled":
            debrief = rng.choice(w.WITHDRAWN_NOTES if opp.category == "withdrawn" and r is opp.rounds[-1]
                                 else w.CANCELLED_NOTES)
        elif r.outcome == "no-show":
            debrief = rng.choice(w.NO_SHOW_NOTES)
        booked = r.day - rng.randint(2, 10) * DAY
        rows.append((r.id, ctx.stamp(max(booked, opp.created), r.id), ctx.touched(r.day + DAY, r.id + 3), opp.id,
                     r.day.isoformat(), r.time, duration, r.stage, fmt, confidence, self_rating, r.outcome,
                     feedback, employer_rating, prep, debrief))
    return rows
