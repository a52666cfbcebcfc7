"""Demo growth data: questions asked in interviews (and a practice bank), skills and dated self-ratings.

Some topics are clearly weaker than others (concurrency, Kubernetes ...), answers get better over the
years, and skill levels climb towards their targets.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from . import demo_words as w
from .demo_base import DAY, Context, Pick
from .demo_plan import Round
from .values import normalise

Rows = list[tuple]

SKILL_COLUMNS = ("id", "created_at", "updated_at", "name", "name_key", "category", "target_level")
RATING_COLUMNS = ("id", "created_at", "updated_at", "skill", "rated_on", "level", "source")
QUESTION_COLUMNS = ("id", "created_at", "updated_at", "interview", "text", "text_key", "kind", "topic",
                    "answer_quality", "my_answer", "better_answer", "follow_up")

_EXPECTED_QUESTIONS = {
    "recruiter screen": 1.5, "technical": 2.8, "coding": 1.6, "system design": 1.6, "behavioral": 2.8,
    "take-home": 0.8, "onsite": 3.5, "final": 2.0, "other": 1.0,
}
_RATING_SOURCES = Pick(("self", "interview feedback", "question"), (50, 30, 20))
_LOW_FOLLOW_UP_RECENT = Pick(("to study", "studying", "mastered"), (45, 35, 20))
_LOW_FOLLOW_UP_OLD = Pick(("to study", "studying", "mastered"), (15, 20, 65))
_MID_FOLLOW_UP = Pick(("none", "to study", "studying"), (70, 20, 10))
_BANK_FOLLOW_UP = Pick(("to study", "studying", "mastered", "none"), (40, 30, 20, 10))


@dataclass(slots=True)
class SkillInfo:
    id: int
    name: str
    target: int
    level: int  # the latest rating


@dataclass(slots=True)
class StudyItem:
    question: int
    text: str
    topic: str
    follow_up: str
    day: dt.date


def skill_count(size: int) -> int:
    return min(len(w.SKILLS) * (1 + len(w.SKILL_ASPECTS)), max(24, round(size / 200)))


def skills(ctx: Context) -> tuple[Rows, Rows]:
    """Rows of skills and their ratings (every few months, mostly rising towards the target)."""
    rng = ctx.rng("skills")
    today, span = ctx.today, (ctx.today - ctx.start).days
    skill_rows: Rows = []
    ratings: list[tuple[dt.date, int, int, str]] = []
    infos: list[SkillInfo] = []
    for i in range(skill_count(ctx.size)):
        base, category, target, mean = w.SKILLS[i % len(w.SKILLS)]
        name = base if i < len(w.SKILLS) else f"{base}: {w.SKILL_ASPECTS[i // len(w.SKILLS) - 1]}"
        count = rng.randint(4, 9) if span >= 60 else 1
        first = ctx.start + rng.randint(0, max(0, span // 8)) * DAY
        step = max(1, ((today - first).days - 10) // count)
        days = sorted({first + (k * step + rng.randint(0, max(0, step // 3))) * DAY for k in range(count)})
        start = min(5, max(1, round(mean - 0.6 + rng.gauss(0, 0.4))))
        end = min(5, max(start, min(target, round(mean + 0.9 + rng.gauss(0, 0.3)))))
        level = start
        for k, day in enumerate(days):
            t = k / max(1, len(days) - 1)
            wanted = round(start + (end - start) * t + rng.gauss(0, 0.35)) if k else start
            level = min(5, max(start, level - 1, wanted))
            ratings.append((min(day, today), i + 1, level, "self" if k == 0 else _RATING_SOURCES(rng)))
        stamp = ctx.stamp(days[0] if days else ctx.start, i)
        skill_rows.append((i + 1, stamp, stamp, name, normalise(name), category, target))
        infos.append(SkillInfo(i + 1, name, target, level))
    ratings.sort(key=lambda r: (r[0], r[1]))
    rating_rows = [(n, ctx.stamp(d, n), ctx.stamp(d, n), sid, d.isoformat(), level, source)
                   for n, (d, sid, level, source) in enumerate(ratings, 1)]
    ctx.shared["skills"] = infos
    return skill_rows, rating_rows


def question_count(size: int) -> int:
    return 2 * size


def questions(ctx: Context, rounds: list[Round]) -> Rows:
    """About two questions per interview held, plus a bank of questions to practise (no interview)."""
    rng = ctx.rng("questions")
    held = [r for r in rounds if r.outcome in ("passed", "failed", "pending")]
    total = question_count(ctx.size)
    attached = min(total, round(total * 0.92), 8 * len(held))
    counts = _counts(rng, held, attached)
    span = max(1, (ctx.today - ctx.start).days)
    found: list[tuple[dt.date, int, int | None, str, str, int | None, str | None, str | None, str]] = []
    seq = 0
    for r, n in zip(held, counts):
        used: set[str] = set()
        t = (r.day - ctx.start).days / span
        for _ in range(n):
            topic = rng.choice(w.STAGE_TOPICS[r.stage])
            kind, mean, texts = w.QUESTIONS[topic]
            text = rng.choice(texts)
            for _ in range(6):
                if text not in used:
                    break
                topic = rng.choice(w.STAGE_TOPICS[r.stage])
                kind, mean, texts = w.QUESTIONS[topic]
                text = rng.choice(texts)
            used.add(text)
            seq += 1
            if kind == "mine":
                found.append((r.day, seq, r.id, text, topic, None, None, None, "none"))
                continue
            effect = -0.6 if r.outcome == "failed" else 0.2 if r.outcome == "passed" else 0.0
            quality = None if rng.random() < 0.1 else _quality(rng, mean + 0.9 * (t - 0.5) + effect)
            follow_up = _follow_up(rng, quality, (ctx.today - r.day).days)
            found.append((r.day, seq, r.id, text, topic, quality, *_answers(rng, kind, quality), follow_up))
    found.extend(_bank(ctx, rng, total - attached, seq))
    found.sort(key=lambda f: (f[0], f[1]))
    rows: Rows = []
    study: list[StudyItem] = []
    for i, (day, _, interview, text, topic, quality, mine, better, follow_up) in enumerate(found, 1):
        kind = w.QUESTIONS[topic][0]
        stamp = ctx.stamp(day, i)
        rows.append((i, stamp, stamp, interview, text, normalise(text), kind, topic, quality, mine, better, follow_up))
        if follow_up != "none":
            study.append(StudyItem(i, text, topic, follow_up, day))
    ctx.shared["study"] = study
    return rows


def _counts(rng: random.Random, held: list[Round], target: int) -> list[int]:
    if not held:
        return []
    expected = sum(_EXPECTED_QUESTIONS[r.stage] for r in held)
    scale = target / expected
    counts = [int(_EXPECTED_QUESTIONS[r.stage] * scale + rng.random()) for r in held]
    diff = target - sum(counts)
    while diff:
        i = rng.randrange(len(counts))
        if diff > 0 and counts[i] < 8:
            counts[i], diff = counts[i] + 1, diff - 1
        elif diff < 0 and counts[i] > 0:
            counts[i], diff = counts[i] - 1, diff + 1
    return counts


def _quality(rng: random.Random, mean: float) -> int:
    return min(5, max(1, round(mean + rng.gauss(0, 0.7))))


def _follow_up(rng: random.Random, quality: int | None, age_days: int) -> str:
    if quality is None:
        return "none"
    if quality <= 2:
        return (_LOW_FOLLOW_UP_OLD if age_days > 180 else _LOW_FOLLOW_UP_RECENT)(rng)
    if quality == 3:
        return _MID_FOLLOW_UP(rng)
    return "mastered" if rng.random() < 0.05 else "none"


def _answers(rng: random.Random, kind: str, quality: int | None) -> tuple[str | None, str | None]:
    if quality is None:
        return None, None
    band = "low" if quality <= 2 else "mid" if quality == 3 else "high"
    mine = rng.choice(w.MY_ANSWERS[band]) if rng.random() < 0.45 else None
    better = rng.choice(w.BETTER_ANSWERS[kind]) if quality <= 3 and rng.random() < 0.6 else None
    return mine, better


def _bank(ctx: Context, rng: random.Random, count: int, seq: int) -> list[tuple]:
    """Questions saved to practise, weighted towards the weak topics; distinct texts while they last."""
    topics = [t for t, (kind, _, _) in w.QUESTIONS.items() if kind != "mine"]
    pick = Pick(topics, [max(0.3, 5 - w.QUESTIONS[t][1]) ** 2 for t in topics])
    used: set[str] = set()
    out = []
    for _ in range(count):
        for _ in range(8):
            topic = pick(rng)
            text = rng.choice(w.QUESTIONS[topic][2])
            if text not in used:
                break
        used.add(text)
        seq += 1
        day = ctx.random_day(rng, ctx.start, ctx.today)
        quality = _quality(rng, w.QUESTIONS[topic][1] - 0.3) if rng.random() < 0.5 else None
        better = rng.choice(w.BETTER_ANSWERS[w.QUESTIONS[topic][0]]) if rng.random() < 0.6 else None
        out.append((day, seq, None, text, topic, quality, None, better, _BANK_FOLLOW_UP(rng)))
    return out
