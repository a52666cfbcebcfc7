"""`sayyes check`: integrity, foreign keys and schema version, reported and never raised."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop_app.db import LATEST_VERSION
from desktop_app.paths import database_path
from desktop_app.services import records
from desktop_app.services.integrity import check_file


def _sql(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()


def test_a_healthy_file(database, data_dir: Path) -> None:
    records.create("company", {"name": "Acme"})
    report = check_file(database_path(data_dir))
    assert (report.ok, report.passed, report.problems) == (True, ["integrity", "foreign keys", f"schema version {LATEST_VERSION}"], [])


def test_broken_links_are_named(database, data_dir: Path) -> None:
    company = records.create("company", {"name": "Acme"}).primary_id
    records.create("opportunity", {"company": company, "title": "Dev"})
    _sql(database_path(data_dir), "UPDATE opportunity SET company_id = 42")
    report = check_file(database_path(data_dir))
    assert not report.ok
    assert report.problems == ["foreign keys: opportunity 1: company_id points at company 42, which does not exist"]


def test_schema_versions(database, data_dir: Path) -> None:
    path = database_path(data_dir)
    _sql(path, "INSERT INTO schema_version (version, applied_at) VALUES (7, '2030-01-01')")
    assert check_file(path).problems == [
        f"schema: version 7 is newer than this version of SayYes reads ({LATEST_VERSION}); update SayYes"]
    _sql(path, "DELETE FROM schema_version")
    assert check_file(path).problems == [
        f"schema: version 0, expected {LATEST_VERSION}; opening the folder in SayYes migrates it"]
    _sql(path, "DROP TABLE schema_version")
    assert check_file(path).problems == ["schema: This file is a SQLite database, but not a SayYes data file."]


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "sayyes.sqlite3"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 5000)
    report = check_file(path)
    assert not report.ok
    assert report.problems[0].startswith("is not a readable SayYes data file (file is not a database)")
    assert path.read_bytes() == b"PK\x03\x04" + b"\x00" * 5000


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert check_file(tmp_path / "none.sqlite3").problems == ["no such data file"]
    assert check_file(tmp_path).problems == ["is not a file"]


def test_damaged_pages_are_reported(database, data_dir: Path) -> None:
    for i in range(300):
        records.create("company", {"name": f"Company {i}", "notes": "n" * 500})
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    path = database_path(data_dir)
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, min(len(data), 12 * page)):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    report = check_file(path)
    assert not report.ok
    assert "integrity" not in report.passed
