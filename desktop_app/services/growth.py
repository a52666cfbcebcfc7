"""Areas for growth: the question bank's topics, study tasks made from questions, and skill levels.

Everything here is read in SQL for the rows a screen shows (a page of skills, one question), never for
every record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..db import models as m
from . import records
from .changes import Change
from .values import TEXT_MAX, normalise

STUDY_DAYS = 7
STUDY_PREFIX = "Study: "
_CHUNK = 500


def topics() -> list[str]:
    """The distinct topics of the questions, in alphabetical order (case-insensitive)."""
    query = (m.Question.select(m.Question.topic)
             .where(m.Question.topic.is_null(False) & (m.Question.topic != ""))
             .distinct())
    return sorted((topic for (topic,) in query.tuples()), key=lambda t: (normalise(t), t))


# --- study tasks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StudyTask:
    id: int
    title: str
    due_on: dt.date | None


def study_title(topic: str | None, text: str) -> str:
    """'Study: Concurrency', or the question's first words when it has no topic."""
    subject = " ".join((topic or "").split()) or " ".join(text.split())
    room = TEXT_MAX - len(STUDY_PREFIX)
    if len(subject) > room:
        subject = subject[: room - 1].rstrip() + "…"
    return STUDY_PREFIX + subject


def create_study_task(question_id: int, today: dt.date | None = None) -> Change:
    """A task to study what this question showed, due in a week, linked to the question."""
    question = records.get("question", question_id)
    due = (today or dt.date.today()) + dt.timedelta(days=STUDY_DAYS)
    change = records.create("task", {
        "title": study_title(question["topic"], question["text"]),
        "question": question_id,
        "due_on": due,
    })
    change.label = "create study task"
    return change


def study_task(question_id: int) -> StudyTask | None:
    """The open task linked to this question that is due first (undated last), if any."""
    row = (m.Task.select(m.Task.id, m.Task.title, m.Task.due_on)
           .where((m.Task.question == question_id) & (m.Task.done == False))  # noqa: E712 (SQL)
           .order_by(m.Task.due_on.is_null(), m.Task.due_on, m.Task.id)
           .tuples().first())
    return StudyTask(*row) if row else None


# --- skills -----------------------------------------------------------------------------------


def latest_levels(skill_ids: Iterable[int]) -> dict[int, int]:
    """The level of each skill's latest rating (latest date; the last entered on the same day)."""
    newer = m.SkillRating.alias("newer")
    ids = list(skill_ids)
    levels: dict[int, int] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        latest = (newer.select(newer.id).where(newer.skill == m.SkillRating.skill)
                  .order_by(newer.rated_on.desc(), newer.id.desc()).limit(1))
        query = (m.SkillRating.select(m.SkillRating.skill, m.SkillRating.level)
                 .where(m.SkillRating.skill.in_(chunk) & (m.SkillRating.id == latest)))
        levels.update(query.tuples())
    return levels


def latest_level(skill_id: int) -> int | None:
    return latest_levels([skill_id]).get(skill_id)


@dataclass(frozen=True)
class Trend:
    """Where a skill started, where it is now, and where it should get to."""

    first: int | None
    latest: int | None
    target: int | None
    ratings: int
    since: dt.date | None

    @property
    def reached(self) -> bool:
        return self.latest is not None and self.target is not None and self.latest >= self.target

    @property
    def text(self) -> str:
        """'2 → 4 of 4 · target reached · 6 ratings since 2024-03-02'."""
        if self.latest is None:
            return "Not rated yet" + (f" · target {self.target}" if self.target is not None else "")
        levels = str(self.latest) if self.ratings == 1 else f"{self.first} → {self.latest}"
        parts = [f"Level {levels}" + (f" of {self.target}" if self.target is not None else "")]
        if self.reached:
            parts.append("target reached")
        elif self.target is not None:
            parts.append(f"{self.target - self.latest} to go")
        noun = "rating" if self.ratings == 1 else "ratings"
        parts.append(f"{self.ratings} {noun}" + (f" since {self.since.isoformat()}" if self.since else ""))
        return " · ".join(parts)


def trend(skill_id: int) -> Trend:
    skill = records.get("skill", skill_id)
    rating = m.SkillRating
    of_skill = rating.select(rating.level, rating.rated_on).where(rating.skill == skill_id)
    first = of_skill.order_by(rating.rated_on, rating.id).tuples().first()
    latest = of_skill.order_by(rating.rated_on.desc(), rating.id.desc()).tuples().first()
    count = rating.select().where(rating.skill == skill_id).count()
    since = first[1] if first else None
    if since is not None and not isinstance(since, dt.date):
        since = dt.date.fromisoformat(str(since)[:10])
    return Trend(first[0] if first else None, latest[0] if latest else None, skill["target_level"], count, since)


def rating_defaults(skill_id: int, today: dt.date | None = None) -> dict[str, object]:
    """What a new rating of this skill starts with: today, the latest level (else 3), by myself."""
    return {"skill": skill_id, "rated_on": today or dt.date.today(),
            "level": latest_level(skill_id) or 3, "source": "self"}


__all__ = [
    "STUDY_DAYS", "StudyTask", "Trend", "create_study_task", "latest_level", "latest_levels",
    "rating_defaults", "study_task", "study_title", "topics", "trend",
]
