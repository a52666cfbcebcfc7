"""Write tests/db/fixtures/schema_vN.sqlite3 for the current schema version, with rows in every table.

Run it once whenever a migration is added (`python tools/make_schema_fixture.py`) and commit the file:
tests/db/test_migrations.py then migrates every committed fixture and checks that its rows survive.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app import settings  # noqa: E402
from desktop_app.db import LATEST_VERSION, open_data_file  # noqa: E402
from desktop_app.db import models as m  # noqa: E402
from desktop_app.services import records  # noqa: E402


def fill() -> None:
    acme = records.create("company", {"name": "Acme GmbH", "industry": "Robotics", "size_band": "51-200",
                                      "strengths": "Kind team", "red_flags": "On-call every week"}).primary_id
    beta = records.create("company", {"name": "Ärger & Söhne", "location": "Berlin"}).primary_id
    opp = records.create("opportunity", {"company": acme, "title": "Backend Engineer", "status": "offer",
                                         "source": "referral", "said_yes": True, "invited_on": "2025-01-10",
                                         "salary_min": 70000, "salary_max": 90000, "salary_currency": "EUR",
                                         "tech_stack": "python, postgres"}).primary_id
    opp2 = records.create("opportunity", {"company": beta, "title": "Staff Engineer", "status": "ghosted"}).primary_id
    iv = records.create("interview", {"opportunity": opp, "scheduled_on": "2025-01-20", "scheduled_time": "15:30",
                                      "stage": "technical", "format": "video", "outcome": "passed",
                                      "confidence_before": 3, "self_rating_after": 4, "employer_rating": 5,
                                      "employer_feedback": "Strong on SQL", "debrief_notes": "=SUM(A1)"}).primary_id
    records.create("interview", {"opportunity": opp2, "scheduled_on": "2025-02-03", "stage": "recruiter screen",
                                 "outcome": "no-show"})
    alice = records.create("contact", {"name": "Alice Müller", "company": acme, "role": "EM", "how_met": iv,
                                       "met_on": "2025-01-20", "next_follow_up": "2025-03-01"}).primary_id
    records.create("contact", {"name": "Bob", "email": "bob@example.com"})
    records.create("interview_contact", {"interview": iv, "contact": alice})
    records.create("interaction", {"contact": alice, "occurred_on": "2025-02-01", "channel": "email",
                                   "summary": "Thank-you note"})
    q = records.create("question", {"interview": iv, "text": "Explain MVCC", "topic": "Databases",
                                    "answer_quality": 2, "better_answer": "Snapshots per transaction",
                                    "follow_up": "to study"}).primary_id
    records.create("question", {"text": "Why do you want to leave?", "kind": "behavioral"})
    skill = records.create("skill", {"name": "PostgreSQL", "category": "Databases", "target_level": 4}).primary_id
    records.create("skill_rating", {"skill": skill, "rated_on": "2025-01-21", "level": 2, "source": "question"})
    offer = records.create("offer", {"opportunity": opp, "received_on": "2025-02-10", "respond_by": "2025-02-17",
                                     "currency": "EUR", "base_salary": 80000, "bonus": 8000, "sign_on": 5000}).primary_id
    records.update("offer", offer, {"base_salary": 85000, "status": "negotiating"})  # keeps an offer_revision
    crit = records.create("criterion", {"name": "Code review culture", "weight": 4}).primary_id
    records.create("score", {"company": acme, "criterion": crit, "score": 4, "scored_on": "2025-01-20"})
    records.create("task", {"title": "Study MVCC", "due_on": "2025-02-01", "question": q, "skill": skill})
    records.create("task", {"title": "Reply to offer", "due_on": "2025-02-17", "offer": offer, "opportunity": opp,
                            "contact": alice, "done": True})
    s = settings.load()
    s.exchange_rates = {"USD": "0.92"}
    s.current_base, s.current_currency = 75000, "EUR"
    settings.save(s)
    for model in m.RECORD_MODELS:
        assert model.select().count() > 0, f"fixture has no {model._meta.table_name} rows"


def main() -> None:
    target = ROOT / "tests" / "db" / "fixtures" / f"schema_v{LATEST_VERSION}.sqlite3"
    target.unlink(missing_ok=True)
    database = open_data_file(target)
    with database.atomic():
        fill()
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.execute_sql("PRAGMA journal_mode = DELETE")  # one self-contained file to commit
    database.close()
    print(f"wrote {target.relative_to(ROOT)} ({dt.date.today()})")


if __name__ == "__main__":
    main()
