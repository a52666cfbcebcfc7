"""The demo network: contacts met in interviews (and a few elsewhere), who interviewed me, and what we did since."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import demo_words as w
from .demo_base import DAY, Context, Pick, slug
from .demo_plan import CompanyInfo, Round
from .values import normalise

Rows = list[tuple]

CONTACT_COLUMNS = ("id", "created_at", "updated_at", "name", "name_key", "company", "role", "email", "phone",
                   "profile_link", "how_met", "met_on", "relationship", "next_follow_up", "notes")
LINK_COLUMNS = ("id", "created_at", "updated_at", "interview", "contact")
INTERACTION_COLUMNS = ("id", "created_at", "updated_at", "contact", "occurred_on", "channel", "summary")

HELD = ("passed", "failed", "pending")
_CHANNELS = Pick(("email", "call", "video", "meeting", "message", "event", "other"), (25, 10, 10, 12, 30, 8, 5))
_INTERACTION_COUNT = Pick((0, 1, 2, 3, 4), (20, 35, 25, 12, 8))


@dataclass(slots=True)
class ContactInfo:
    id: int
    name: str
    company: CompanyInfo | None
    met_on: dt.date
    met_at: Round | None
    next_follow_up: dt.date | None
    how: str = ""  # how we met, when it was not at an interview


def contact_count(size: int) -> int:
    return max(1, round(size / 5))


def people(ctx: Context, companies: list[CompanyInfo], rounds: list[Round]) -> tuple[Rows, Rows, Rows]:
    """Rows of contacts, interview_contact links and interactions."""
    rng = ctx.rng("contacts")
    today = ctx.today
    total = contact_count(ctx.size)
    held = [r for r in rounds if r.outcome in HELD]
    met = sorted(rng.sample(held, min(len(held), round(total * 0.85))), key=lambda r: r.id)
    specs: list[tuple[dt.date, int, Round | None, CompanyInfo | None]] = []
    for r in met:
        assert r.opp is not None
        specs.append((r.day, r.id, r, r.opp.company))
    for n in range(total - len(met)):
        day = ctx.random_day(rng, ctx.start, today - 3 * DAY)
        specs.append((day, len(rounds) + n + 1, None, rng.choice(companies) if rng.random() < 0.4 else None))
    specs.sort(key=lambda s: (s[0], s[1]))

    contacts: list[ContactInfo] = []
    rows: Rows = []
    taken: set[tuple[str, int]] = set()
    for cid, (met_on, _, r, company) in enumerate(specs, 1):
        for _ in range(12):
            first, last = rng.choice(w.FIRST_NAMES), rng.choice(w.LAST_NAMES)
            name = f"{first} {last}"
            key = (normalise(name), company.id if company else 0)
            if key not in taken:
                break
        taken.add(key)
        if r is not None:
            role, relationship = rng.choice(w.STAGE_CONTACTS[r.stage])
            how_met = r.id
        else:
            role, relationship, how = rng.choice(w.OTHER_CONTACTS)
            how_met = None
        domain = f"{company.slug}.example" if company else "mail.example"
        email = f"{slug(first)}.{slug(last)}@{domain}" if rng.random() < 0.6 else None
        prefix = company.phone if company else "+49"
        phone = f"{prefix} {rng.randint(100, 999)} {rng.randint(100000, 9999999)}" if rng.random() < 0.25 else None
        profile = f"https://profiles.example/{slug(name)}-{rng.randint(100, 999)}" if rng.random() < 0.5 else None
        roll = rng.random()
        follow_up = None
        if roll < 0.10:
            follow_up = today + rng.randint(0, 6) * DAY
        elif roll < 0.15:
            follow_up = today + rng.randint(7, 45) * DAY
        elif roll < 0.17:
            follow_up = max(met_on, today - rng.randint(1, 10) * DAY)
        notes = rng.choice(w.CONTACT_NOTES) if rng.random() < 0.3 else None
        contacts.append(ContactInfo(cid, name, company, met_on, r, follow_up, "" if r else how))
        rows.append([cid, ctx.stamp(met_on, cid), ctx.stamp(met_on, cid), name, normalise(name),
                     company.id if company else None, role, email, phone, profile, how_met, met_on.isoformat(),
                     relationship, follow_up, notes])
    _follow_ups_this_week(ctx, contacts, rows)
    for row in rows:
        row[13] = row[13].isoformat() if row[13] else None
    ctx.shared["contacts"] = contacts
    interactions = _interactions(ctx, contacts, rows)
    return [tuple(r) for r in rows], _links(ctx, contacts), interactions


def _follow_ups_this_week(ctx: Context, contacts: list[ContactInfo], rows: Rows) -> None:
    """At least two follow-ups fall due in the coming week, so the Next-up panel has something to show."""
    week = [c for c in contacts if c.next_follow_up and 0 <= (c.next_follow_up - ctx.today).days < 7]
    for c in reversed(contacts):
        if len(week) >= min(2, len(contacts)):
            break
        if c not in week:
            c.next_follow_up = ctx.today + (2 + len(week)) * DAY
            rows[c.id - 1][13] = c.next_follow_up
            week.append(c)


def _links(ctx: Context, contacts: list[ContactInfo]) -> Rows:
    """Each contact met at an interview interviewed me there; some again in a later round."""
    rng = ctx.rng("interviewers")
    pairs: list[tuple[Round, int]] = []
    for c in contacts:
        r = c.met_at
        if r is None:
            continue
        pairs.append((r, c.id))
        assert r.opp is not None
        later = [x for x in r.opp.rounds if x.day > r.day and x.outcome not in ("cancelled", "no-show")]
        if later and rng.random() < 0.3:
            pairs.append((rng.choice(later), c.id))
    pairs.sort(key=lambda p: (p[0].id, p[1]))
    return [(i, ctx.stamp(r.day, i), ctx.stamp(r.day, i), r.id, cid) for i, (r, cid) in enumerate(pairs, 1)]


def _interactions(ctx: Context, contacts: list[ContactInfo], rows: Rows) -> Rows:
    rng = ctx.rng("interactions")
    today = ctx.today
    found: list[tuple[dt.date, int, str, str]] = []
    for c in contacts:
        n = _INTERACTION_COUNT(rng)
        if c.met_at is None:
            channel = "event" if "{event}" in c.how else "message" if "message" in c.how else "other"
            found.append((c.met_on, c.id, channel, c.how.format(event=rng.choice(w.EVENTS))))
            n -= 1
        elif n and rng.random() < 0.6:
            found.append((min(today, c.met_on + rng.randint(0, 1) * DAY), c.id, "email", w.INTERACTIONS["email"][0]))
            n -= 1
        span = (today - c.met_on).days
        for _ in range(max(0, n)):
            channel = _CHANNELS(rng)
            summary = rng.choice(w.INTERACTIONS[channel]).format(event=rng.choice(w.EVENTS))
            found.append((c.met_on + rng.randint(0, span) * DAY, c.id, channel, summary))
    found.sort(key=lambda f: (f[0], f[1]))
    last_seen: dict[int, dt.date] = {}
    out: Rows = []
    for i, (day, cid, channel, summary) in enumerate(found, 1):
        out.append((i, ctx.stamp(day, i), ctx.stamp(day, i), cid, day.isoformat(), channel, summary))
        last_seen[cid] = day
    for cid, day in last_seen.items():
        rows[cid - 1][2] = ctx.touched(day, cid)
    return out
