"""The shape of the demo history: companies, and each opportunity's story from invitation to close.

Every opportunity gets a category (rejected after some rounds, ghosted, offer accepted, interviewing
now ...) that decides its status, its rounds, their dates and outcomes; the rows are written later.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from . import demo_words as w
from .demo_base import DAY, Context, Pick, allocate, weekday
from .values import MIN_DATE, normalise

# category -> opportunity status
STATUS = {
    "rejected": "rejected", "ghosted": "ghosted", "withdrawn": "withdrawn", "accepted": "accepted",
    "declined": "declined", "expired": "declined", "rescinded": "rejected", "sched": "interviewing",
    "pending": "interviewing", "offer-pending": "offer", "offer-negotiating": "offer",
    "declined-invite": "declined", "ghosted-cv": "ghosted", "rejected-cv": "rejected",
    "withdrawn-cv": "withdrawn", "lead": "lead", "invited": "invited", "applied": "applied",
}
OFFER_STATUS = {
    "accepted": "accepted", "declined": "declined", "expired": "expired", "rescinded": "rescinded",
    "offer-pending": "pending", "offer-negotiating": "negotiating",
}
# category -> (fewest rounds, weights of fewest, fewest+1, ...)
ROUNDS: dict[str, tuple[int, tuple[int, ...]]] = {
    "rejected": (1, (14, 20, 22, 20, 13, 7, 4)),
    "ghosted": (1, (30, 35, 25, 10)),
    "withdrawn": (1, (10, 25, 30, 25, 10)),
    "accepted": (3, (10, 25, 30, 20, 10, 5)),
    "declined": (3, (10, 25, 30, 20, 10, 5)),
    "expired": (3, (10, 25, 30, 20, 10, 5)),
    "rescinded": (3, (10, 25, 30, 20, 10, 5)),
    "sched": (1, (10, 20, 25, 25, 12, 8)),
    "pending": (1, (15, 25, 30, 20, 10)),
    "offer-pending": (3, (20, 30, 30, 15, 5)),
    "offer-negotiating": (3, (20, 30, 30, 15, 5)),
}
# when rounds do not fit the size, these lose their interviews first
_SHRINK = {
    "rejected": "rejected-cv", "ghosted": "ghosted-cv", "withdrawn": "withdrawn-cv", "rescinded": "rejected-cv",
    "expired": "rejected-cv", "declined": "rejected-cv", "offer-negotiating": "invited",
    "offer-pending": "invited", "accepted": "rejected-cv", "pending": "invited", "sched": "invited",
}
HISTORY_WEIGHTS = {
    "rejected": 66, "ghosted": 7, "withdrawn": 5, "accepted": 1.2, "declined": 5, "expired": 1.3,
    "rescinded": 1, "declined-invite": 4, "ghosted-cv": 3, "rejected-cv": 2, "withdrawn-cv": 1,
}
HISTORY_MINIMUMS = {
    "rejected": 1, "ghosted": 1, "withdrawn": 1, "accepted": 1, "declined": 1, "expired": 1, "rescinded": 1,
    "declined-invite": 1, "ghosted-cv": 1,
}
# open processes scale with the pace (opportunities per month), not with the whole history
OPEN_RATES = (("sched", 0.9, 2), ("pending", 0.5, 1), ("lead", 0.5, 1), ("offer-pending", 0.1, 1),
              ("invited", 0.4, 1), ("offer-negotiating", 0.1, 1), ("applied", 0.3, 1))
_RECENT = ("sched", "pending", "offer-pending", "offer-negotiating")
MIDDLE_STAGES = ("technical", "coding", "take-home", "system design", "behavioral", "onsite", "other")
MIDDLE_WEIGHTS = (30, 22, 10, 18, 14, 8, 4)
ALL_STAGES = ("recruiter screen", *MIDDLE_STAGES, "final")
SOURCES = Pick(("recruiter outreach", "referral", "job board", "network", "applied myself", "other"),
               (35, 12, 15, 12, 20, 6))
_GAP_DAYS = Pick(range(1, 11), (3, 6, 10, 12, 12, 12, 10, 8, 6, 4))
_TIMES = Pick(tuple(f"{h:02d}:{m:02d}" for h in range(9, 18) for m in (0, 30)),
              (4, 8, 10, 9, 8, 9, 5, 3, 6, 8, 9, 9, 8, 7, 6, 4, 3, 2))
_ROLES = Pick(w.ROLES, (20, 16, 8, 5, 10, 5, 3, 5, 2, 5, 3, 2, 6, 6))
_SENIORITY = Pick(w.SENIORITIES, [s[3] for s in w.SENIORITIES])
_TRACK_PAY = {"backend": 1.0, "infra": 1.04, "web": 0.97, "data": 1.0, "ml": 1.1, "security": 1.06, "manager": 1.12}


@dataclass(slots=True)
class CompanyInfo:
    id: int
    name: str
    slug: str
    industry: str
    location: str
    currency: str
    phone: str
    quality: float  # how good a workplace it really is (1-5): drives scores and red flags
    first_seen: dt.date | None = None
    titles: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Round:
    day: dt.date
    stage: str
    outcome: str
    time: str | None
    id: int = 0
    opp: "Opp | None" = None


@dataclass(slots=True)
class Opp:
    category: str
    rounds: list[Round] = field(default_factory=list)
    id: int = 0
    company: CompanyInfo | None = None
    title: str = ""
    seniority: str = ""
    track: str = "backend"
    pay: int = 0  # expected yearly base in the company's currency
    source: str = "other"
    said_yes: bool = True
    invited_on: dt.date | None = None
    created: dt.date = MIN_DATE
    closed_on: dt.date | None = None
    offer_dates: tuple[dt.date, dt.date, dt.date | None] | None = None  # received, respond by, decided
    tech: str = ""
    work_mode: str | None = None

    @property
    def status(self) -> str:
        return STATUS[self.category]

    @property
    def offer_status(self) -> str | None:
        return OFFER_STATUS.get(self.category)


# --- opportunities ----------------------------------------------------------------------------


def opportunity_count(size: int) -> int:
    return max(3, round(size * 0.34))


def company_count(size: int) -> int:
    return max(1, round(size / 10), min(opportunity_count(size), 25))


def plan_opportunities(ctx: Context, companies: list[CompanyInfo]) -> list[Opp]:
    rng = ctx.rng("opportunities")
    opps = [Opp(c) for c in _categories(ctx)]
    reschedules = max(2, round(ctx.size * 0.04)) if ctx.size >= 40 else 0
    counts = _round_counts(rng, opps, ctx.size - reschedules)
    # finished processes are spread evenly over the rhythm, each in its own slice of the history
    placed = [o for o, k in zip(opps, counts) if k and o.category not in _RECENT]
    positions = [(j + rng.random()) / max(1, len(placed)) for j in range(len(placed))]
    rng.shuffle(positions)
    position = {id(o): p for o, p in zip(placed, positions)}
    for opp, k in zip(opps, counts):
        _story(ctx, rng, opp, k, position.get(id(opp), 0.5), 1 / max(1, len(placed)))
    _cover_stages(rng, opps)
    _reschedules(rng, opps, reschedules)
    _assign_companies(ctx, rng, opps, companies)
    opps.sort(key=lambda o: o.created)
    rounds: list[tuple[dt.date, str, int, Round]] = []
    for i, opp in enumerate(opps, 1):
        opp.id = i
        for j, r in enumerate(opp.rounds):
            r.opp = opp
            rounds.append((r.day, r.time or "", i * 100 + j, r))
    rounds.sort(key=lambda t: t[:3])
    for i, (_, _, _, r) in enumerate(rounds, 1):
        r.id = i
    ctx.shared["rounds"] = [t[3] for t in rounds]
    return opps


def _categories(ctx: Context) -> list[str]:
    total = opportunity_count(ctx.size)
    pace = total / len(ctx.months)
    wanted = {name: max(least, round(pace * rate)) for name, rate, least in OPEN_RATES}
    open_list: list[str] = []
    while any(wanted.values()):
        for name, _, _ in OPEN_RATES:
            if wanted[name]:
                open_list.append(name)
                wanted[name] -= 1
    open_list = open_list[: max(1, total // 4)]
    history = allocate(total - len(open_list), HISTORY_WEIGHTS, HISTORY_MINIMUMS)
    return open_list + [name for name, n in history.items() for _ in range(n)]


def _round_counts(rng: random.Random, opps: list[Opp], budget: int) -> list[int]:
    """Rounds per opportunity, summing to exactly budget (opportunities lose interviews if it is small)."""
    order = list(_SHRINK)
    interviewed = lambda: [o for o in opps if o.category in ROUNDS]  # noqa: E731
    while interviewed() and sum(ROUNDS[o.category][0] for o in interviewed()) > budget:
        victim = min(interviewed(), key=lambda o: order.index(o.category))
        victim.category = _SHRINK[victim.category]
    counts = []
    for o in opps:
        if o.category in ROUNDS:
            low, weights = ROUNDS[o.category]
            counts.append(low + Pick(range(len(weights)), weights)(rng))
        else:
            counts.append(0)
    movable = [i for i, o in enumerate(opps) if o.category in ROUNDS]
    if not movable:
        return counts
    diff, cap, tries = budget - sum(counts), 0, 0
    while diff:
        i = rng.choice(movable)
        low, weights = ROUNDS[opps[i].category]
        if diff > 0 and counts[i] < low + len(weights) + 2 + cap:
            counts[i], diff = counts[i] + 1, diff - 1
        elif diff < 0 and counts[i] > low:
            counts[i], diff = counts[i] - 1, diff + 1
        else:
            tries += 1
            if tries > 50 * len(movable):
                cap, tries = cap + 1, 0
    return counts


def _stages(rng: random.Random, k: int, final: bool) -> list[str]:
    if k == 0:
        return []
    first = "recruiter screen" if rng.random() < 0.9 else "technical"
    if k == 1:
        return [first]
    need = k - 1 - (1 if final else 0)
    pool, weights, middle = list(MIDDLE_STAGES), list(MIDDLE_WEIGHTS), []
    while need > 0:
        if not pool:
            pool, weights = ["technical", "coding", "system design"], [3, 2, 1]
        i = Pick(range(len(pool)), weights)(rng)
        middle.append(pool.pop(i))
        weights.pop(i)
        need -= 1
    middle.sort(key=lambda s: MIDDLE_STAGES.index(s))
    return [first, *middle, *(["final"] if final else [])]


def _offsets(rng: random.Random, k: int) -> list[int]:
    offsets = [0]
    for _ in range(k - 1):
        offsets.append(offsets[-1] + _GAP_DAYS(rng))
    return offsets


def _place(ctx: Context, rng: random.Random, offsets: list[int], latest_end: dt.date, position: float,
           spread: float) -> list[dt.date]:
    """Dates for a finished process: weekdays, in a month with interviews, ending by latest_end."""
    high = max(ctx.start, latest_end - offsets[-1] * DAY)
    dates: list[dt.date] = []
    for attempt in range(40):
        if attempt < 20:
            d0 = ctx.day_at(rng, position + (rng.random() - 0.5) * spread * (1 + attempt), high)
        else:
            d0 = ctx.random_day(rng, ctx.start, high)
        dates = [weekday(d0 + off * DAY) for off in offsets]
        if dates[-1] <= latest_end and not any(ctx.in_gap(d) for d in dates):
            break
    return dates


def _story(ctx: Context, rng: random.Random, opp: Opp, k: int, position: float, spread: float) -> None:
    """Dates, stages and outcomes of one opportunity's rounds, and when it was invited and closed."""
    cat, today = opp.category, ctx.today
    opp.said_yes = cat not in ("declined-invite", "lead") and not (cat == "invited" and rng.random() < 0.5)
    if k == 0:
        _story_without_interviews(ctx, rng, opp)
        return
    offer = cat in OFFER_STATUS
    stages = _stages(rng, k, final=offer or (k >= 3 and rng.random() < 0.4))
    offsets = _offsets(rng, k)
    if cat == "sched":
        end = today + rng.randint(1, 18) * DAY
        dates = [weekday(end - (offsets[-1] - off) * DAY) for off in offsets]
    elif cat == "pending":
        end = weekday(today - rng.randint(1, 12) * DAY, back=True)
        dates = [weekday(end - (offsets[-1] - off) * DAY, back=True) for off in offsets]
    elif cat in ("offer-pending", "offer-negotiating"):
        end = weekday(today - rng.randint(8, 20) * DAY, back=True)
        dates = [weekday(end - (offsets[-1] - off) * DAY, back=True) for off in offsets]
    else:
        dates = _place(ctx, rng, offsets, today - (50 if offer else 25) * DAY, position, spread)
    outcomes = ["passed"] * k
    if cat == "rejected":
        outcomes[-1] = "failed"
    elif cat == "withdrawn":
        outcomes[-1] = "cancelled"
    elif cat == "pending":
        outcomes[-1] = "pending"
    elif cat == "sched":
        outcomes = ["scheduled" if d >= today else "passed" for d in dates]
    opp.rounds = [Round(d, s, o, None if s == "take-home" else _TIMES(rng)) for d, s, o in zip(dates, stages, outcomes)]
    first, last = dates[0], dates[-1]
    opp.invited_on = max(MIN_DATE, first - rng.randint(3, 21) * DAY)
    opp.created = opp.invited_on
    if offer:
        received = min(today, last + rng.randint(2, 6) * DAY)
        if cat == "offer-pending":
            respond_by = today + rng.randint(1, 6) * DAY
        elif cat == "offer-negotiating":
            respond_by = today + rng.randint(3, 10) * DAY
        else:
            respond_by = received + rng.randint(5, 14) * DAY
        decided = None
        if cat in ("accepted", "declined"):
            decided = received + rng.randint(1, (respond_by - received).days) * DAY
        elif cat == "expired":
            decided = respond_by
        elif cat == "rescinded":
            decided = received + rng.randint(5, 20) * DAY
        opp.offer_dates = (received, respond_by, decided)
        opp.closed_on = None if decided is None else min(today, decided)
    elif cat == "rejected":
        opp.closed_on = min(today, last + rng.randint(1, 8) * DAY)
    elif cat == "ghosted":
        opp.closed_on = min(today, last + rng.randint(21, 45) * DAY)
    elif cat == "withdrawn":
        opp.closed_on = max(dates[-2] if k > 1 else opp.invited_on, last - rng.randint(0, 1) * DAY)


def _story_without_interviews(ctx: Context, rng: random.Random, opp: Opp) -> None:
    cat, today = opp.category, ctx.today
    if cat == "lead":
        opp.created = today - rng.randint(0, 20) * DAY
        return
    if cat == "invited":
        opp.invited_on = today - rng.randint(0, 9) * DAY
    elif cat == "applied":
        opp.invited_on = today - rng.randint(2, 20) * DAY
    else:
        opp.invited_on = ctx.random_day(rng, ctx.start, today - 50 * DAY)
        after = {"declined-invite": (0, 3), "ghosted-cv": (30, 45), "rejected-cv": (2, 20), "withdrawn-cv": (3, 14)}[cat]
        opp.closed_on = min(today, opp.invited_on + rng.randint(*after) * DAY)
    opp.created = opp.invited_on


def _cover_stages(rng: random.Random, opps: list[Opp]) -> None:
    """Every stage appears at least once (the charts and filters show them all)."""
    seen = {r.stage for o in opps for r in o.rounds}
    for stage in ALL_STAGES:
        if stage in seen:
            continue
        hosts = [o for o in opps if len(o.rounds) >= 3 and o.category not in ("sched",)]
        if not hosts:
            return
        host = rng.choice(hosts)
        i = rng.randrange(1, len(host.rounds) - 1)
        host.rounds[i].stage = stage
        if stage == "take-home":
            host.rounds[i].time = None
        seen = {r.stage for o in opps for r in o.rounds}


def _reschedules(rng: random.Random, opps: list[Opp], count: int) -> None:
    """Rounds that were booked, then cancelled or missed (no-show), and held again a few days later."""
    hosts = [o for o in opps if o.category in ("rejected", "ghosted", "accepted", "declined", "expired") and o.rounds]
    if not hosts:
        hosts = [o for o in opps if o.rounds and o.category not in ("sched", "pending")] or [o for o in opps if o.rounds]
    for n in range(count):
        opp = rng.choice(hosts)
        j = rng.randrange(len(opp.rounds))
        real = opp.rounds[j]
        day = real.day - rng.randint(2, 6) * DAY
        if j > 0:
            day = max(day, opp.rounds[j - 1].day)
        outcome = "no-show" if n == 0 else "cancelled" if n == 1 else rng.choice(("cancelled", "cancelled", "no-show"))
        time = None if real.stage == "take-home" else _TIMES(rng)
        opp.rounds.insert(j, Round(max(day, MIN_DATE), real.stage, outcome, time))
        if opp.invited_on and opp.invited_on > opp.rounds[j].day:
            opp.invited_on = opp.created = opp.rounds[j].day


def _assign_companies(ctx: Context, rng: random.Random, opps: list[Opp], companies: list[CompanyInfo]) -> None:
    """Each company gets at least one opportunity; the first offers come in EUR, USD and GBP."""
    unused = companies[:]
    rng.shuffle(unused)
    offers = [o for o in opps if o.category in OFFER_STATUS]
    offers.sort(key=lambda o: list(OFFER_STATUS).index(o.category))
    offer_ids = {id(o) for o in offers}
    others = [o for o in opps if id(o) not in offer_ids]
    rng.shuffle(others)
    wanted_currency = ("EUR", "USD", "GBP")
    for n, opp in enumerate(offers + others):
        want = wanted_currency[n] if n < len(offers) and n < 3 else None
        company = None
        for i in range(len(unused) - 1, -1, -1):
            if want is None or unused[i].currency == want:
                company = unused.pop(i)
                break
        if company is None:
            pool = [c for c in companies if c.currency == want] if want else []
            company = rng.choice(pool or companies)
        _fill_role(ctx, rng, opp, company)
    # ids in the order the companies were first entered, as in a real data file
    companies.sort(key=lambda c: (c.first_seen or ctx.today, c.id))
    for i, c in enumerate(companies, 1):
        c.id = i
    for source in SOURCES.items:
        counts = Counter(o.source for o in opps)
        donors = [o for o in opps if o.category != "applied" and counts[o.source] > 1]
        if not counts[source] and donors:
            rng.choice(donors).source = source


def _fill_role(ctx: Context, rng: random.Random, opp: Opp, company: CompanyInfo) -> None:
    opp.company = company
    core, track = _ROLES(rng)
    label, prefix, factor, _ = _SENIORITY(rng)
    if track == "manager":
        prefix = "Senior" if label in ("Staff", "Principal") else ""
        label = "Manager"
    title = f"{prefix} {core}".strip()
    key = normalise(title)
    for attempt in range(40):
        if key not in company.titles:
            break
        title = f"{prefix} {core}, {rng.choice(w.TEAMS)}".strip() if attempt < 30 else f"{prefix} {core} ({attempt})".strip()
        key = normalise(title)
    company.titles.add(key)
    opp.title, opp.seniority, opp.track = title, label, track
    if opp.source == "other":
        opp.source = "applied myself" if opp.category == "applied" else SOURCES(rng)
    seen = opp.created
    if company.first_seen is None or seen < company.first_seen:
        company.first_seen = seen
    years_ago = max(0.0, (ctx.today - seen).days / 365.25)
    pay = 78_000 * factor * _TRACK_PAY[track] * w.PAY_FACTOR[company.currency] / (1.03 ** years_ago)
    opp.pay = int(pay * rng.uniform(0.92, 1.1))
