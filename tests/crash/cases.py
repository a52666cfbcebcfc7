"""The data folders the crash tests kill the worker on, the moments they kill it at, and a case: a
folder killed again and again (used by tests/crash/test_kill.py and tools/crash_campaign.py)."""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from desktop_app.db.migrations import LATEST_VERSION
from desktop_app.paths import database_path

from .datafile import NEXT_VERSION
from .harness import ROOT, Folder, Tally, parse, read_image

FIXTURE_V1 = ROOT / "tests" / "db" / "fixtures" / f"schema_v{LATEST_VERSION}.sqlite3"  # this version's schema


def padded_v1(dest: Path, companies: int = 2000) -> Path:
    """The schema 1 fixture with many more companies, so a migration's table rebuild takes a while."""
    shutil.copyfile(FIXTURE_V1, dest)
    con = sqlite3.connect(dest)
    with con:
        con.executemany("INSERT INTO company (created_at, updated_at, name, name_key, notes) VALUES "
                        "('2024-01-01 10:00:00', '2024-01-01 10:00:00', ?, ?, ?)",
                        [(f"Pad {i}", f"pad {i}", f"note {i} " * 120) for i in range(companies)])
    con.close()
    return dest


def demo_archive(dest: Path, size: int = 120) -> Path:
    """A full archive (`export all`) of demo data, made by a process of its own."""
    code = ("import sys; from pathlib import Path; from desktop_app.services import archive, demo; "
            "from desktop_app.services.datafolder import open_folder; d = open_folder(Path(sys.argv[1])); "
            "demo.generate(int(sys.argv[3])); archive.export_all(Path(sys.argv[2])); d.close()")
    subprocess.run([sys.executable, "-c", code, str(archive_source(dest)), str(dest), str(size)],
                   cwd=ROOT, check=True)
    return dest


def archive_source(archive: Path) -> Path:
    """The data folder demo_archive exported."""
    return archive.parent / f"{archive.name}-source"


def op_begins(*words: str) -> Any:
    return lambda line: line.startswith("begin ") and line.split(" | ")[0].split(" ")[2] in words


def nth_begin(n: int) -> Any:
    count = 0

    def wanted(line: str) -> bool:
        nonlocal count
        count += line.startswith("begin ")
        return count >= n

    return wanted


def during(operation: str, wanted: str) -> Any:
    """The first line `wanted` ("tx begin", "pause") printed by the first operation whose label starts with
    `operation`."""
    inside = False

    def trigger(line: str) -> bool:
        nonlocal inside
        if line.startswith("begin "):
            inside = parse(line).label.startswith(operation)
        return inside and line == wanted

    return trigger


def random_moment(rng: random.Random) -> tuple[Any, float]:
    """A trigger line and a delay: often none or a fraction of a millisecond, to land inside transactions."""
    roll = rng.random()
    if roll < 0.5:
        trigger = nth_begin(rng.randint(1, 25))
    else:
        trigger = op_begins(rng.choice(["import", "delete", "edit", "backup", "create"]))
    delay = rng.choice([0.0, rng.uniform(0, 0.001), rng.uniform(0, 0.005), rng.uniform(0, 0.03)])
    return trigger, delay


def run_case(kind: str, root: Path, rng: random.Random, kills: int, tally: Tally, *,
             padded: Path | None = None, archive: Path | None = None, special: int = 2) -> Folder:
    """Kill the worker `kills` times on one new folder; the first `special` kills aim at what the case
    is about (the migration, the import of an archive)."""
    root.mkdir(parents=True)
    folder = new_folder(kind, root / "data", padded=padded, archive=archive)
    tally.cases += 1
    operation = {"migration": "migrate", "import-all": "import all"}.get(kind)
    for life in range(kills):
        seed = rng.randrange(1_000_000)
        pending = folder.version < NEXT_VERSION if kind == "migration" else not any(folder.image.values())
        if operation and life < special and pending and life % 2 == 0:  # inside its transaction, or its COMMIT
            trigger, delay = during(operation, "tx begin"), rng.uniform(0, 0.03)
        elif operation and life < special and pending:  # anywhere in it, from reading the archive or backing up on
            trigger, delay = op_begins(operation.split(" ")[0]), rng.uniform(0, 0.06)
        else:
            trigger, delay = random_moment(rng)
        folder.run(seed, trigger, delay, tally)
    return folder


def new_folder(kind: str, data_dir: Path, *, padded: Path | None = None, archive: Path | None = None) -> Folder:
    """A folder of a case: "migration" (schema 1 with many companies, worker with schema 2), "import-all"
    (empty, the worker restores an archive first) or "plain" (the schema 1 fixture)."""
    if kind == "migration":
        return Folder(data_dir, start_from=padded, schema_2=True)
    if kind == "import-all":
        assert archive is not None
        return Folder(data_dir, archive=archive, archive_image=read_image(database_path(archive_source(archive))))
    return Folder(data_dir, start_from=FIXTURE_V1)
