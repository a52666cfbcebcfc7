"""kill -9 at any moment loses nothing that was acknowledged, and leaves no half-written change.

A real worker process (worker.py) writes through the services — creates, edits, offer revisions,
deletes with children, CSV imports, `import all`, backups, a migration — and acknowledges each commit
on stdout; these tests kill it with SIGKILL at seeded random moments, restart it on the same folder and
check the file after every kill (harness.py). tools/crash_campaign.py runs the same with many more kills.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from desktop_app.paths import database_path

from .cases import FIXTURE_V1, during, new_folder, nth_begin, run_case
from .datafile import NEXT_VERSION, SCHEMA_2_COLUMN
from .harness import Folder, Tally, parse

SEED = 20261126


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from .cases import demo_archive, padded_v1

    root = tmp_path_factory.mktemp("crash-inputs")
    return {"padded": padded_v1(root / "padded-v1.sqlite3"), "archive": demo_archive(root / "archive")}


@pytest.mark.parametrize(("kind", "folders", "kills"), [("migration", 3, 6), ("import-all", 3, 5), ("plain", 2, 9)])
def test_kill_9_at_random_moments_loses_nothing(kind: str, folders: int, kills: int, inputs: dict[str, Path],
                                                tmp_path: Path) -> None:
    rng = random.Random(f"{SEED}-{kind}")
    tally = Tally()
    for i in range(folders):
        run_case(kind, tmp_path / f"folder-{i}", rng, kills, tally, special=3, **inputs)
    print(f"\n{kind}:\n{tally.summary()}")
    assert not tally.problems, tally.summary()
    assert (tally.kills, tally.rows_lost) == (folders * kills, 0)
    assert tally.acknowledged > 0 and tally.backups_checked > 0


OPERATIONS = ["migrate", "import all", "import companies", "import interviews", "create company", "edit offer",
              "delete opportunity"]


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("operation", OPERATIONS)
def test_a_kill_right_before_or_after_a_commit(operation: str, when: str, inputs: dict[str, Path],
                                                tmp_path: Path) -> None:
    """Before COMMIT (every row written, the transaction open) the operation must be wholly absent;
    after it (not yet acknowledged) wholly present; the worker restarted on the folder carries on."""
    kind = {"migrate": "migration", "import all": "import-all"}.get(operation, "plain")
    folder = new_folder(kind, tmp_path / "data", **inputs)
    tally = Tally()
    kill = folder.run(1, during(operation, "pause"), 0.0, tally, ("--pause", when, operation, "30"))
    assert not tally.problems, tally.summary()
    assert kill.operation is not None and kill.operation.startswith(operation)
    if when == "before":
        assert (kill.where, kill.applied) == ("inside a transaction", False)
    else:
        assert (kill.where, kill.applied) == ("after COMMIT, before the acknowledgement", True)
    folder.run(2, nth_begin(8), 0.0, tally)
    assert not tally.problems, tally.summary()
    assert folder.version == (NEXT_VERSION if kind == "migration" else NEXT_VERSION - 1)


# --- the check can fail --------------------------------------------------------------------------------

def check(folder: Folder, *lines: str) -> tuple[list[str], Tally]:
    tally = Tally()
    _kill, problems = folder.check([parse(line) for line in lines], tally)
    return problems, tally


def company_row(record_id: int, name: str) -> str:
    return (f'{{"id": {record_id}, "created_at": "2026-01-01 10:00:00", "updated_at": "2026-01-01 10:00:00", '
            f'"name": "{name}", "name_key": "{name.lower()}", "website": null, "industry": null, "size_band": null, '
            f'"location": null, "notes": null, "strengths": null, "weaknesses": null, "red_flags": null}}')


def insert_company(path: Path, record_id: int, name: str) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute("INSERT INTO company (id, created_at, updated_at, name, name_key) VALUES "
                    "(?, '2026-01-01 10:00:00', '2026-01-01 10:00:00', ?, ?)", (record_id, name, name.lower()))
    con.close()


def test_the_check_finds_an_acknowledged_row_that_is_missing(tmp_path: Path) -> None:
    folder = Folder(tmp_path / "data", start_from=FIXTURE_V1)
    problems, tally = check(folder, 'begin 1 create company | {"create": {"company": 1}}',
                            f'ack 1 create company | {{"rows": {{"company": {{"900": {company_row(900, "Gone")}}}}}}}')
    assert tally.rows_lost == 1 and any("1 acknowledged rows lost" in p for p in problems)


def test_the_check_accepts_an_unacknowledged_commit_and_refuses_half_an_import(tmp_path: Path) -> None:
    folder = Folder(tmp_path / "data", start_from=FIXTURE_V1)
    insert_company(folder.path, 900, "Committed")
    problems, tally = check(folder, 'begin 1 create company | {"create": {"company": 1}, '
                                    '"values": {"company": {"name": "Committed"}}}', "tx begin", "tx commit")
    assert problems == [] and folder.image["company"][900]["name"] == "Committed"
    insert_company(folder.path, 901, "One of three")
    problems, tally = check(folder, 'begin 2 import companies 3 rows | {"create": {"company": 3}}', "tx begin")
    assert any("rows created {'company': 1}, the operation creates {'company': 3}" in p for p in problems)


def test_the_check_finds_a_changed_value_and_a_half_done_migration(tmp_path: Path) -> None:
    folder = Folder(tmp_path / "data", start_from=FIXTURE_V1)
    insert_company(folder.path, 900, "Typed")
    problems, _ = check(folder, 'begin 1 create company | {"create": {"company": 1}, '
                                '"values": {"company": {"name": "Meant"}}}')
    assert problems == ["company 900: name is 'Typed', not 'Meant'", "0 acknowledged rows lost; operation under way: "
                        "create company"]
    con = sqlite3.connect(folder.path)
    con.execute(f'ALTER TABLE company ADD COLUMN "{SCHEMA_2_COLUMN}" INTEGER')
    con.close()
    problems, _ = check(folder, f'begin 2 migrate | {{"migrate": {NEXT_VERSION}}}', "tx begin")
    assert any(p.startswith(f"schema version {NEXT_VERSION - 1} but company has columns") for p in problems)


def test_the_check_finds_a_damaged_backup(tmp_path: Path) -> None:
    folder = Folder(tmp_path / "data", start_from=FIXTURE_V1)
    backups = folder.data_dir / "backups"
    backups.mkdir()
    (backups / "sayyes-2026-11-26T110500Z-manual.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x01" * 4000)
    problems, _ = check(folder)
    assert problems and all(p.startswith("backup sayyes-2026-11-26T110500Z-manual.sqlite3") for p in problems)
    assert database_path(folder.data_dir).exists()
