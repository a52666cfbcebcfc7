"""Growth: topics of the bank, study tasks from questions, latest levels and the trend of a skill."""

from __future__ import annotations

import datetime as dt

from desktop_app.db import models as m
from desktop_app.services import growth, records

TODAY = dt.date(2026, 3, 14)


def question(text: str, **values: object) -> int:
    return records.create("question", {"text": text, **values}).primary_id


def skill(name: str, target: int | None = None) -> int:
    return records.create("skill", {"name": name, "target_level": target}).primary_id


def rate(skill_id: int, day: str, level: int, source: str = "self") -> int:
    return records.create("skill_rating", {"skill": skill_id, "rated_on": day, "level": level,
                                           "source": source}).primary_id


def test_topics_are_distinct_and_sorted_without_empties(database) -> None:
    for text, topic in (("a", "kubernetes"), ("b", "Concurrency"), ("c", "Concurrency"), ("d", None),
                        ("e", "Ärger"), ("f", "")):
        question(text, topic=topic)
    assert growth.topics() == ["Concurrency", "kubernetes", "Ärger"]


def test_a_study_task_is_due_in_a_week_and_named_after_the_topic(database) -> None:
    q = question("Explain the GIL", topic="Concurrency", follow_up="to study")
    change = growth.create_study_task(q, today=TODAY)
    assert change.label == "create study task" and change.tables == {"task"}
    task = m.Task.get_by_id(change.primary_id)
    assert (task.title, task.question_id, task.due_on) == ("Study: Concurrency", q, dt.date(2026, 3, 21))
    assert growth.study_task(q) == growth.StudyTask(task.id, "Study: Concurrency", dt.date(2026, 3, 21))


def test_without_a_topic_the_task_names_the_question_and_fits_a_title(database) -> None:
    q = question("How would you\n  shard a   database?")
    assert m.Task.get_by_id(growth.create_study_task(q, TODAY).primary_id).title == \
        "Study: How would you shard a database?"
    long = growth.study_title(None, "word " * 100)
    assert len(long) == 255 and long.endswith("…") and long.startswith("Study: word")


def test_a_done_task_is_not_the_open_study_task(database) -> None:
    q = question("Explain MVCC")
    assert growth.study_task(q) is None
    task = growth.create_study_task(q, TODAY).primary_id
    records.update("task", task, {"done": True})
    assert growth.study_task(q) is None


def test_latest_level_is_the_latest_date_then_the_last_entered(database) -> None:
    python, go, rust = skill("Python"), skill("Go"), skill("Rust")
    rate(python, "2026-01-01", 2)
    rate(python, "2026-03-01", 4)
    rate(python, "2026-02-01", 5)
    rate(go, "2026-03-01", 1)
    rate(go, "2026-03-01", 3)
    assert growth.latest_levels([python, go, rust]) == {python: 4, go: 3}
    assert growth.latest_level(rust) is None
    assert growth.rating_defaults(python, TODAY) == {"skill": python, "rated_on": TODAY, "level": 4,
                                                     "source": "self"}
    assert growth.rating_defaults(rust, TODAY)["level"] == 3


def test_latest_levels_of_many_skills_are_read_in_chunks(database) -> None:
    from desktop_app.db import db

    with db.atomic():
        m.Skill.insert_many([{"name": f"S{i}", "name_key": f"s{i}"} for i in range(1200)]).execute()
        ids = [i for (i,) in m.Skill.select(m.Skill.id).tuples()]
        m.SkillRating.insert_many([{"skill": i, "rated_on": TODAY, "level": 1 + i % 5} for i in ids]).execute()
    levels = growth.latest_levels(ids)
    assert len(levels) == 1200 and levels[ids[7]] == 1 + ids[7] % 5


def test_trend_from_first_to_latest_against_the_target(database) -> None:
    python = skill("Python", target=4)
    assert growth.trend(python).text == "Not rated yet · target 4"
    rate(python, "2025-06-01", 2)
    assert growth.trend(python).text == "Level 2 of 4 · 2 to go · 1 rating since 2025-06-01"
    rate(python, "2026-01-01", 3, "interview feedback")
    rate(python, "2026-03-01", 4, "question")
    trend = growth.trend(python)
    assert (trend.first, trend.latest, trend.target, trend.ratings) == (2, 4, 4, 3) and trend.reached
    assert trend.text == "Level 2 → 4 of 4 · target reached · 3 ratings since 2025-06-01"
    go = skill("Go")
    rate(go, "2026-03-01", 3)
    rate(go, "2026-02-01", 4)
    assert growth.trend(go).text == "Level 4 → 3 · 2 ratings since 2026-02-01"
