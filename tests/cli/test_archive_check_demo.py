"""`sayyes export all` / `import all`, `sayyes check` and `sayyes demo` from the command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path


from desktop_app.db import LATEST_VERSION
from desktop_app.paths import database_path

from .conftest import dump


def test_export_all_then_import_all(tmp_path: Path, data_dir: Path, sayyes, seeded: Path) -> None:
    archive = tmp_path / "archive"
    result = sayyes("export", "all", archive)
    assert result.code == 0
    assert result.out == f"exported 7 records in 15 tables to {archive}\n"
    fresh = tmp_path / "fresh"
    result = sayyes("import", "all", archive, data=fresh)
    assert (result.code, result.err) == (0, "")
    assert result.out == f"imported {archive}: 7 records in 15 tables\n"
    original, restored = dump(data_dir), dump(fresh)
    assert {t: rows for t, rows in restored.items() if t != "schema_version"} == {
        t: rows for t, rows in original.items() if t != "schema_version"}


def test_import_all_refuses_a_folder_with_data(tmp_path: Path, data_dir: Path, sayyes, seeded: Path) -> None:
    archive = tmp_path / "archive"
    sayyes("export", "all", archive)
    before = dump(data_dir)
    result = sayyes("import", "all", archive)
    assert result.code == 1
    assert result.err_lines == [
        f"sayyes: {data_dir} already holds data; `import all` restores an archive only into an empty data folder"]
    assert dump(data_dir) == before


def test_import_all_names_a_bad_cell(tmp_path: Path, sayyes, seeded: Path) -> None:
    archive = tmp_path / "archive"
    sayyes("export", "all", archive)
    interviews = archive / "interview.csv"
    lines = interviews.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",final,", ",finale,")
    interviews.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fresh = tmp_path / "fresh"
    result = sayyes("import", "all", archive, data=fresh)
    assert result.code == 1
    assert result.err_lines[0].startswith(f"sayyes: {interviews}:3: column stage: 'finale' is not one of:")
    assert all(rows == [] for t, rows in dump(fresh).items() if t != "schema_version")


def test_import_all_checks_the_schema_version(tmp_path: Path, sayyes, seeded: Path) -> None:
    archive = tmp_path / "archive"
    sayyes("export", "all", archive)
    manifest = json.loads((archive / "manifest.json").read_text())
    manifest["schema_version"] = 99
    (archive / "manifest.json").write_text(json.dumps(manifest))
    result = sayyes("import", "all", archive, data=tmp_path / "fresh")
    assert result.code == 1
    assert result.err_lines == [f"sayyes: {archive / 'manifest.json'}: the archive has schema version 99; "
                                f"this version of SayYes restores schema version {LATEST_VERSION} only"]
    assert not (tmp_path / "fresh").exists()


def test_import_all_of_a_folder_that_is_no_archive(tmp_path: Path, sayyes) -> None:
    (tmp_path / "stuff").mkdir()
    result = sayyes("import", "all", tmp_path / "stuff")
    assert result.code == 1
    assert result.err_lines == [f"sayyes: {tmp_path / 'stuff' / 'manifest.json'}: no such file; "
                                "is this a folder written by `sayyes export all`?"]


def test_export_all_refuses_a_folder_with_files(tmp_path: Path, sayyes, seeded: Path) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    result = sayyes("export", "all", target)
    assert result.code == 1
    assert result.err_lines == [f"sayyes: {target}: already exists and is not an empty folder; choose a new folder"]
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def test_check_ok(sayyes, seeded: Path) -> None:
    result = sayyes("check")
    assert (result.code, result.err) == (0, "")
    assert result.out == f"ok: integrity\nok: foreign keys\nok: schema version {LATEST_VERSION}\n"


def test_check_broken_link(data_dir: Path, sayyes, seeded: Path) -> None:
    con = sqlite3.connect(database_path(data_dir))
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("UPDATE interview SET opportunity_id = 999 WHERE id = 1")
    con.commit()
    con.close()
    result = sayyes("check")
    assert result.code == 1
    assert result.out == f"ok: integrity\nok: schema version {LATEST_VERSION}\n"
    assert result.err_lines == [f"sayyes: {database_path(data_dir)}: foreign keys: interview 1: opportunity_id "
                                "points at opportunity 999, which does not exist"]


def test_check_damaged_file(data_dir: Path, sayyes) -> None:
    data_dir.mkdir()
    database_path(data_dir).write_bytes(b"this is not a database at all" * 200)
    result = sayyes("check")
    assert result.code == 1
    assert result.out == ""
    assert result.err_lines[0].startswith(f"sayyes: {database_path(data_dir)}: is not a readable SayYes data file")


def test_check_missing_folder(tmp_path: Path, sayyes) -> None:
    result = sayyes("check", data=tmp_path / "none")
    assert result.code == 1
    assert result.err_lines == [f"sayyes: {tmp_path / 'none' / 'sayyes.sqlite3'}: no such data file"]
    assert not (tmp_path / "none").exists()


def test_commands_on_a_damaged_file_say_so(tmp_path: Path, data_dir: Path, sayyes) -> None:
    data_dir.mkdir()
    database_path(data_dir).write_bytes(b"garbage" * 1000)
    source = tmp_path / "c.csv"
    source.write_text("name\nAcme\n", encoding="utf-8")
    result = sayyes("import", "companies", source)
    assert result.code == 1
    assert result.err_lines[0].startswith(f"sayyes: {database_path(data_dir)}: cannot be opened")
    assert database_path(data_dir).read_bytes() == b"garbage" * 1000


def test_demo_refuses_a_folder_with_data(data_dir: Path, sayyes, seeded: Path) -> None:
    before = dump(data_dir)
    result = sayyes("demo", "--size", "5")
    assert result.code == 1
    assert result.err_lines == [f"sayyes: {data_dir} already holds data; use --force to replace it with demo data"]
    assert dump(data_dir) == before


def test_demo_fills_an_empty_folder(data_dir: Path, sayyes) -> None:
    result = sayyes("demo", "--size", "20")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith(f"created demo data in {data_dir}: ")
    interviews = dump(data_dir)["interview"]
    assert len(interviews) == 20
    assert sayyes("check").code == 0


def test_demo_force_replaces_data(data_dir: Path, sayyes, seeded: Path) -> None:
    result = sayyes("demo", "--size", "10", "--force")
    assert result.code == 0, result.err
    assert len(dump(data_dir)["interview"]) == 10
