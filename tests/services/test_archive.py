"""`export all` then `import all`: every table back, row by row, under the same ids."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app import settings
from desktop_app.db import LATEST_VERSION
from desktop_app.db import models as m
from desktop_app.services import archive, records
from desktop_app.services.datafolder import open_folder
from desktop_app.services.errors import ServiceError
from desktop_app.services.interchange import CsvError


def tables() -> dict[str, list[dict]]:
    return {model._meta.table_name: list(model.select().order_by(model.id).dicts()) for model in m.RECORD_MODELS}


def fill() -> None:
    """At least one row in every table, with awkward values."""
    acme = records.create("company", {"name": "Ärger & Co", "website": "https://acme.example", "size_band": "51-200",
                                      "notes": "=not a formula\nsecond line", "strengths": "\tindented",
                                      "red_flags": "'quoted"}).primary_id
    globex = records.create("company", {"name": "Globex"}).primary_id
    opportunity = records.create("opportunity", {
        "company": acme, "title": "Backend, senior", "status": "offer", "source": "referral", "said_yes": True,
        "invited_on": "2024-01-05", "salary_min": 80000, "salary_max": 95000, "salary_currency": "EUR",
        "tech_stack": "python, sql", "job_description": "x" * 5000, "closed_on": "2024-03-01"}).primary_id
    records.create("opportunity", {"company": globex, "title": "Ops"})
    interview = records.create("interview", {
        "opportunity": opportunity, "scheduled_on": "2024-01-10", "scheduled_time": "09:30", "duration_minutes": 60,
        "stage": "system design", "format": "video", "outcome": "passed", "confidence_before": 2,
        "self_rating_after": 4, "employer_rating": 5, "employer_feedback": "-good-", "prep_notes": "@read"}).primary_id
    contact = records.create("contact", {"name": "Jane", "company": acme, "how_met": interview,
                                         "met_on": "2024-01-10", "phone": "+49 30 123"}).primary_id
    records.create("contact", {"name": "Solo"})
    records.create("interview_contact", {"interview": interview, "contact": contact})
    records.create("interaction", {"contact": contact, "occurred_on": "2024-02-01", "channel": "email",
                                   "summary": "thanks"})
    question = records.create("question", {"interview": interview, "text": "Design a queue", "answer_quality": 3,
                                           "follow_up": "to study"}).primary_id
    records.create("question", {"text": "Why us?", "kind": "culture"})
    skill = records.create("skill", {"name": "Distributed systems", "target_level": 4}).primary_id
    records.create("skill_rating", {"skill": skill, "rated_on": "2024-01-11", "level": 3, "source": "question"})
    offer = records.create("offer", {"opportunity": opportunity, "received_on": "2024-02-01", "currency": "EUR",
                                     "base_salary": 90000, "bonus": 0, "equity_per_year": 5000}).primary_id
    records.update("offer", offer, {"base_salary": 95000, "status": "negotiating"})
    criterion = records.create("criterion", {"name": "Remote friendly", "weight": 5, "active": False}).primary_id
    records.create("score", {"company": acme, "criterion": criterion, "score": 4, "scored_on": "2024-02-02"})
    records.create("task", {"title": "Study queues", "due_on": "2024-03-01", "done": True, "contact": contact,
                            "question": question, "skill": skill, "opportunity": opportunity, "offer": offer})
    settings.save(settings.Settings(display_currency="EUR", exchange_rates={"USD": "0.92"}, current_base=70000))
    settings.set_value("import.mapping", {"Firma": "company", "list": [1, -2]})


@pytest.fixture
def filled(database, tmp_path: Path) -> Iterator[tuple[dict[str, list[dict]], Path]]:
    fill()
    snapshot = tables()
    assert all(snapshot.values()), [t for t, rows in snapshot.items() if not rows]
    target = tmp_path / "archive"
    counts = archive.export_all(target)
    assert counts == {t: len(rows) for t, rows in snapshot.items()}
    yield snapshot, target


@pytest.fixture
def fresh(tmp_path: Path, filled) -> Iterator[Path]:
    folder = tmp_path / "fresh"
    database = open_folder(folder)
    yield folder
    database.close()


def test_every_table_comes_back_row_by_row(filled, fresh: Path) -> None:
    original, target = filled
    counts = archive.import_all(target)
    assert counts == {t: len(rows) for t, rows in original.items()}
    restored = tables()
    for table, rows in original.items():
        assert restored[table] == rows, table


def test_the_manifest_has_the_schema_version_and_counts(filled) -> None:
    original, target = filled
    manifest = json.loads((target / "manifest.json").read_text())
    assert manifest["schema_version"] == LATEST_VERSION
    assert {t: info["rows"] for t, info in manifest["tables"].items()} == {t: len(r) for t, r in original.items()}
    assert manifest["tables"]["interview"]["columns"][:4] == ["id", "created_at", "updated_at", "opportunity_id"]
    assert sorted(p.name for p in target.iterdir()) == sorted([f"{t}.csv" for t in original] + ["manifest.json"])


def test_refuses_a_folder_with_records(filled) -> None:
    _, target = filled
    before = tables()
    with pytest.raises(ServiceError, match="already holds records"):
        archive.import_all(target)
    assert tables() == before


def test_settings_of_the_empty_folder_are_replaced(filled, fresh: Path) -> None:
    original, target = filled
    settings.set_value("window", [1, 2])
    archive.import_all(target)
    assert tables()["setting"] == original["setting"]


def _edit(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def _problems(target: Path) -> list[str]:
    with pytest.raises(CsvError) as caught:
        archive.import_all(target)
    assert all(not rows for rows in tables().values())
    return [str(e).replace(str(target), "A") for e in caught.value.errors]


def test_bad_cells_are_named_by_file_line_and_column(filled, fresh: Path) -> None:
    _, target = filled
    _edit(target / "interview.csv", 2, ",4,passed,", ",9,passed,")
    _edit(target / "company.csv", 4, ",Globex,", ",,")  # line 2 holds a two-line note
    assert _problems(target) == [
        "A/company.csv:4: column name: is required",
        "A/interview.csv:2: column self_rating_after: '9' is not a rating; use a whole number from 1 to 5, "
        "or leave it empty",
    ]
    assert m.Company.select().count() == 0


def test_broken_links_and_duplicate_ids_are_refused(filled, fresh: Path) -> None:
    _, target = filled
    _edit(target / "skill_rating.csv", 2, ",1,2024-01-11,", ",77,2024-01-11,")
    assert _problems(target) == ["A/skill_rating.csv:2: column skill_id: there is no skill with id 77"]
    _edit(target / "skill_rating.csv", 2, ",77,2024-01-11,", ",1,2024-01-11,")
    lines = (target / "criterion.csv").read_text(encoding="utf-8").splitlines()
    (target / "criterion.csv").write_text("\n".join(lines + [lines[1].replace("Remote", "Quiet")]) + "\n")
    manifest = json.loads((target / "manifest.json").read_text())
    manifest["tables"]["criterion"]["rows"] = 2
    (target / "manifest.json").write_text(json.dumps(manifest))
    assert _problems(target) == ["A/criterion.csv:3: column id: has the same id as line 2"]


def test_truncated_and_missing_files(filled, fresh: Path) -> None:
    _, target = filled
    lines = (target / "company.csv").read_text(encoding="utf-8").splitlines()
    (target / "company.csv").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    (target / "task.csv").unlink()
    assert _problems(target) == [
        "A/company.csv: has 1 rows but manifest.json says 2",
        "A/task.csv: no such file",
    ]


def test_schema_version_must_match(filled, fresh: Path) -> None:
    _, target = filled
    manifest = json.loads((target / "manifest.json").read_text())
    manifest["schema_version"] = 0
    (target / "manifest.json").write_text(json.dumps(manifest))
    assert _problems(target) == ["A/manifest.json: the archive has schema version 0; this version of SayYes "
                                 f"restores schema version {LATEST_VERSION} only"]


def test_export_needs_a_new_or_empty_folder(database, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert archive.export_all(tmp_path / "empty")["company"] == 0
    with pytest.raises(ServiceError, match="not an empty folder"):
        archive.export_all(tmp_path / "empty")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary folder left
