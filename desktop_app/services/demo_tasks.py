"""Demo tasks: follow-ups with contacts, study items, offer deadlines and interview preparation."""

from __future__ import annotations

import datetime as dt

from .demo_base import DAY, Context
from .demo_growth import SkillInfo, StudyItem
from .demo_offers import OfferInfo
from .demo_people import ContactInfo
from .demo_plan import Opp, Round

Rows = list[tuple]

TASK_COLUMNS = ("id", "created_at", "updated_at", "title", "due_on", "done", "contact", "question", "skill",
                "opportunity", "offer")

# created on, due on, title, done, contact, question, skill, opportunity, offer
Task = tuple[dt.date, dt.date | None, str, bool, int | None, int | None, int | None, int | None, int | None]


def _company(opp: Opp | None) -> str:
    return opp.company.name if opp is not None and opp.company is not None else "the company"


def tasks(ctx: Context, opps: list[Opp], rounds: list[Round]) -> Rows:
    rng = ctx.rng("tasks")
    today = ctx.today
    found: list[Task] = []
    contacts: list[ContactInfo] = ctx.shared.get("contacts", [])  # type: ignore[assignment]
    for c in contacts:
        where = f" ({c.company.name})" if c.company else ""
        if c.next_follow_up is not None:
            made = max(c.met_on, min(today, c.next_follow_up) - rng.randint(3, 20) * DAY)
            found.append((made, c.next_follow_up, f"Follow up with {c.name}{where}", False, c.id, None, None, None, None))
        if c.met_at is not None and rng.random() < 0.25:
            due = c.met_on + DAY
            found.append((c.met_on, due, f"Send a thank-you note to {c.name}", due < today, c.id, None, None, None, None))

    skills: list[SkillInfo] = ctx.shared.get("skills", [])  # type: ignore[assignment]
    skill_ids = {s.name: s.id for s in skills}
    study: list[StudyItem] = ctx.shared.get("study", [])  # type: ignore[assignment]
    for q in study:
        age = (today - q.day).days
        title = f"Study {q.topic}: {q.text}"[:255]
        skill = skill_ids.get(q.topic)
        if q.follow_up == "mastered":
            if rng.random() < 0.3:
                found.append((q.day, q.day + rng.randint(7, 30) * DAY, title, True, None, q.question, skill, None, None))
        elif age <= 120 and rng.random() < 0.6:
            found.append((q.day, today + rng.randint(-3, 20) * DAY, title, False, None, q.question, skill, None, None))
        elif age > 120 and rng.random() < 0.05:
            made = today - rng.randint(0, 20) * DAY
            found.append((made, today + rng.randint(7, 60) * DAY, title, False, None, q.question, skill, None, None))
    for s in skills:
        if s.level < s.target and rng.random() < 0.5:
            made = today - rng.randint(0, 30) * DAY
            found.append((made, today + rng.randint(1, 30) * DAY, f"Practise {s.name} towards level {s.target}",
                          False, None, None, s.id, None, None))
        if rng.random() < 0.3:
            day = ctx.random_day(rng, ctx.start, today - DAY)
            found.append((day, day + 14 * DAY, f"Work through a book or course on {s.name}", True, None, None, s.id, None, None))

    offers: list[OfferInfo] = ctx.shared.get("offers", [])  # type: ignore[assignment]
    for o in offers:
        open_offer = o.status in ("pending", "negotiating")
        found.append((o.received_on, o.respond_by, f"Reply to the offer from {_company(o.opp)}", not open_offer,
                      None, None, None, None, o.id))
        if o.revised_on is not None:
            found.append((o.received_on, o.revised_on, f"Send a counter-offer to {_company(o.opp)}", True,
                          None, None, None, None, o.id))

    for r in rounds:
        opp = r.opp
        if r.outcome == "scheduled" and opp is not None:
            due = max(today, r.day - DAY)
            found.append((min(today, due), due, f"Prepare for the {r.stage} at {_company(opp)}", False,
                          None, None, None, opp.id, None))
        elif r.outcome == "pending" and opp is not None:
            found.append((r.day, max(today, r.day + 7 * DAY), f"Ask {_company(opp)} for feedback on the {r.stage}",
                          False, None, None, None, opp.id, None))
        elif r.outcome in ("passed", "failed") and opp is not None and rng.random() < 0.08:
            found.append((r.day - 5 * DAY, r.day - DAY, f"Prepare for the {r.stage} at {_company(opp)}", True,
                          None, None, None, opp.id, None))
    for opp in opps:
        if opp.category == "invited":
            found.append((opp.created, today + rng.randint(0, 3) * DAY, f"Reply to the recruiter at {_company(opp)}",
                          False, None, None, None, opp.id, None))

    found.sort(key=lambda t: (t[0], t[2]))
    rows: Rows = []
    for i, (made, due, title, done, contact, question, skill, opportunity, offer) in enumerate(found, 1):
        finished = max(made, min(today, due)) if done and due else made
        rows.append((i, ctx.stamp(made, i), ctx.touched(finished, i), title, due.isoformat() if due else None,
                     int(done), contact, question, skill, opportunity, offer))
    return rows
