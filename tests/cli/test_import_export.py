"""`sayyes import` / `sayyes export` success paths: counts, --update, BOM, escaping, round trips."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.db import LATEST_VERSION
from desktop_app.db import models as m
from desktop_app.services.datafolder import open_folder

from .conftest import GOOD_INTERVIEWS, INTERVIEWS_HEADER, dump


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def records(data_dir: Path, model: type[m.BaseModel]) -> list[dict]:
    database = open_folder(data_dir)
    try:
        return list(model.select().order_by(model.id).dicts())
    finally:
        database.close()


def test_import_reports_created_and_skipped(tmp_path: Path, data_dir: Path, sayyes, seeded: Path) -> None:
    extra = tmp_path / "more.csv"
    extra.write_text(GOOD_INTERVIEWS + "Initech,QA,2024-05-05,09:00,coding,,,\n", encoding="utf-8")
    result = sayyes("import", "interviews", extra)
    assert result.code == 0
    assert result.out == (f"imported {extra}: 1 created, 0 updated, 3 skipped "
                          "(also created 1 company, 1 opportunity)\n")
    assert result.err == ""
    assert len(records(data_dir, m.Interview)) == 4


def test_update_changes_only_non_empty_cells(tmp_path: Path, data_dir: Path, sayyes, seeded: Path) -> None:
    before = {r["scheduled_on"].isoformat(): r for r in records(data_dir, m.Interview)}
    changes = tmp_path / "changes.csv"
    changes.write_text(INTERVIEWS_HEADER + (
        "ACME,backend engineer,2024-03-01,10:00,Technical,,5,\n"  # rating changes; notes stay
        "Acme,Backend engineer,2024-03-08,14:30,final,failed,2,\n"  # nothing new
    ), encoding="utf-8")
    result = sayyes("import", "interviews", changes)
    assert (result.code, result.out.split(": ", 1)[1]) == (0, "0 created, 0 updated, 2 skipped\n")
    assert records(data_dir, m.Interview)[0]["self_rating_after"] == 4
    result = sayyes("import", "interviews", changes, "--update")
    assert result.code == 0
    assert result.out.split(": ", 1)[1] == "0 created, 1 updated, 1 skipped\n"
    after = {r["scheduled_on"].isoformat(): r for r in records(data_dir, m.Interview)}
    assert after["2024-03-01"]["self_rating_after"] == 5
    assert after["2024-03-01"]["debrief_notes"] == "went well"
    assert after["2024-03-01"]["outcome"] == "passed"
    assert after["2024-03-08"] == before["2024-03-08"]
    assert after["2024-04-02"] == before["2024-04-02"]


def test_bom_and_header_case_are_accepted(tmp_path: Path, data_dir: Path, sayyes) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + " Name , SIZE ,Industry\r\nÄrger GmbH,11-50,Logistics\r\n".encode())
    result = sayyes("import", "companies", path)
    assert result.code == 0, result.err
    assert [(c["name"], c["size_band"]) for c in records(data_dir, m.Company)] == [("Ärger GmbH", "11-50")]
    again = tmp_path / "again.csv"
    again.write_text("name\närger gmbh\n", encoding="utf-8")
    assert sayyes("import", "companies", again).out.endswith("0 created, 0 updated, 1 skipped\n")


def test_formula_cells_are_escaped_and_round_trip(tmp_path: Path, data_dir: Path, sayyes) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "company,role,date,self_rating,notes,feedback,prep_notes\n"
        "'=Evil Corp,'+Role,2024-01-01,3,'-starts with minus,''quoted',plain\n",
        encoding="utf-8",
    )
    assert sayyes("import", "interviews", source).code == 0
    interview = records(data_dir, m.Interview)[0]
    assert interview["debrief_notes"] == "-starts with minus"
    assert interview["employer_feedback"] == "'quoted'"
    assert records(data_dir, m.Company)[0]["name"] == "=Evil Corp"

    out = tmp_path / "out.csv"
    assert sayyes("export", "interviews", out).code == 0
    row = read(out)[0]
    assert (row["company"], row["role"], row["notes"], row["feedback"], row["prep_notes"]) == (
        "'=Evil Corp", "'+Role", "'-starts with minus", "''quoted'", "plain")
    assert row["self_rating"] == "3" and row["date"] == "2024-01-01"

    fresh = tmp_path / "fresh"
    assert sayyes("import", "interviews", out, data=fresh).code == 0
    assert records(fresh, m.Interview)[0]["debrief_notes"] == "-starts with minus"
    assert records(fresh, m.Interview)[0]["employer_feedback"] == "'quoted'"


ROUND_TRIP = {
    "companies": "name,website,industry,size,location,notes,strengths,weaknesses,red_flags\n"
                 "Acme,https://acme.example,Retail,51-200,Berlin,\"multi\nline\",pay,commute,\n"
                 "Globex,,,5001+,,,,,=HYPERLINK()\n",
    "opportunities": "company,role,status,source,invited_on,said_yes,seniority,work_mode,salary_min,salary_max,"
                     "currency,link,tech_stack,closed_on,close_reason,job_description,notes\n"
                     "Acme,Dev,rejected,Referral,2024-01-05,yes,senior,Remote,80000,95000,eur,"
                     "https://x.example,\"python, sql\",2024-02-01,no fit,long text,\n"
                     "Globex,Ops,lead,,,no,,,,,,,,,,,\n",
    "interviews": "company,role,date,time,duration,stage,format,outcome,confidence_before,self_rating,"
                  "employer_rating,feedback,prep_notes,notes,interviewers,source,said_yes\n"
                  "Acme,Dev,2024-01-10,09:30,45,system design,video,passed,3,4,5,liked it,read DDIA,fine,"
                  "Jane Roe; John Doe,referral,yes\n"
                  "Acme,Dev,2024-01-20,,,final,onsite,failed,,,,,,,,referral,yes\n",
    "contacts": "name,company,role,email,phone,link,met_on,how_met_company,how_met_role,how_met_date,"
                "relationship,next_follow_up,notes\n"
                "Jane Roe,Acme,CTO,jane@acme.example,+49 30 1234,https://in.example/jane,2024-01-10,"
                "Acme,Dev,2024-01-10,friendly,2024-06-01,'=note\n"
                "Solo,,,,,,,,,,,,\n",
    "offers": "company,role,received_on,respond_by,currency,base,bonus,equity,sign_on,benefits,work_mode,status,notes\n"
              "Acme,Dev,2024-02-01,2024-02-10,EUR,90000,10000,5000,3000,gym,hybrid,negotiating,\n",
    "questions": "text,company,role,date,time,stage,kind,topic,answer_quality,my_answer,better_answer,follow_up\n"
                 "Design a URL shortener,Acme,Dev,2024-01-10,09:30,system design,system design,scaling,3,"
                 "hash it,consistent hashing,to study\n"
                 "What is your biggest weakness?,,,,,,behavioral,,,,,none\n",
}
NEEDS = {  # what must exist before a kind can be imported
    "companies": [], "opportunities": [], "interviews": [],
    "contacts": ["interviews"], "offers": ["opportunities"], "questions": ["interviews"],
}


@pytest.mark.parametrize("kind", list(ROUND_TRIP))
def test_export_import_round_trip(tmp_path: Path, sayyes, kind: str) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        for needed in NEEDS[kind] + [kind]:
            path = tmp_path / f"{needed}.csv"
            path.write_text(ROUND_TRIP[needed], encoding="utf-8")
            result = sayyes("import", needed, path, data=folder)
            assert result.code == 0, result.err
        if folder is first:
            exported = tmp_path / f"{kind}-export.csv"
            assert sayyes("export", kind, exported, data=first).code == 0
            assert exported.read_text(encoding="utf-8").splitlines()[0] == ROUND_TRIP[kind].splitlines()[0]
    # the second folder got the export of the first on top of its own import: all duplicates
    result = sayyes("import", kind, exported, data=second)
    assert result.code == 0
    assert " 0 created, 0 updated, " in result.out
    again = tmp_path / f"{kind}-again.csv"
    assert sayyes("export", kind, again, data=second).code == 0
    assert again.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")
    # and into a folder holding only what the kind needs, the export creates the same records
    third = tmp_path / "third"
    for needed in NEEDS[kind]:
        sayyes("import", needed, tmp_path / f"{needed}.csv", data=third)
    assert sayyes("import", kind, exported, data=third).code == 0
    third_export = tmp_path / f"{kind}-third.csv"
    assert sayyes("export", kind, third_export, data=third).code == 0
    assert third_export.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")


def test_export_writes_every_field(tmp_path: Path, sayyes) -> None:
    source = tmp_path / "interviews.csv"
    source.write_text(ROUND_TRIP["interviews"], encoding="utf-8")
    sayyes("import", "interviews", source)
    out = tmp_path / "out.csv"
    assert sayyes("export", "interviews", out).out == f"exported 2 interviews to {out}\n"
    row = read(out)[0]
    assert row["interviewers"] == "Jane Roe; John Doe"
    assert row["duration"] == "45" and row["prep_notes"] == "read DDIA" and row["time"] == "09:30"


def test_data_dir_after_the_command_and_from_the_environment(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop_app.cli import main

    source = tmp_path / "c.csv"
    source.write_text("name\nAcme\n", encoding="utf-8")
    assert main(["import", "companies", str(source), "--data-dir", str(data_dir)]) == 0
    assert len(records(data_dir, m.Company)) == 1
    other = tmp_path / "env-data"
    monkeypatch.setenv("SAYYES_DATA_DIR", str(other))
    assert main(["import", "companies", str(source)]) == 0
    assert len(records(other, m.Company)) == 1


def test_export_of_a_missing_folder_is_an_error(tmp_path: Path, sayyes) -> None:
    result = sayyes("export", "companies", tmp_path / "x.csv", data=tmp_path / "nothing")
    assert result.code == 1
    assert result.err_lines == [f"sayyes: {tmp_path / 'nothing'}: no SayYes data here (no sayyes.sqlite3)"]
    assert not (tmp_path / "nothing").exists()


def test_export_into_a_missing_folder_is_an_error(tmp_path: Path, data_dir: Path, sayyes, seeded: Path) -> None:
    target = tmp_path / "no" / "such" / "out.csv"
    result = sayyes("export", "interviews", target)
    assert result.code == 1
    assert result.err_lines == [f"sayyes: {target}: the folder {target.parent} does not exist"]


def test_console_entry_point(tmp_path: Path) -> None:
    data = tmp_path / "data"
    good = tmp_path / "good.csv"
    good.write_text(GOOD_INTERVIEWS, encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(INTERVIEWS_HEADER + "Acme,Dev,2024-02-31,,,,,\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SAYYES_DATA_DIR"}
    root = Path(__file__).resolve().parents[2]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data), *args],
                              capture_output=True, text=True, cwd=root, env=env, timeout=120)

    ok = run("import", "interviews", str(good))
    assert (ok.returncode, ok.stderr) == (0, "")
    assert ok.stdout.startswith(f"imported {good}: 3 created")
    before = dump(data)
    failed = run("import", "interviews", str(bad))
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert failed.stderr.startswith(f"sayyes: {bad}:2: column date: '2024-02-31' is not a date")
    assert dump(data) == before
    usage = run("import")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    check = run("check")
    assert (check.returncode, check.stdout) == (0, f"ok: integrity\nok: foreign keys\nok: schema version {LATEST_VERSION}\n")
