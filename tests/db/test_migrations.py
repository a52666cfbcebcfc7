"""Every schema version has a committed fixture; migrating it keeps every row; newer files are refused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop_app.db import LATEST_VERSION, SchemaError, SchemaTooNewError, migrations, open_data_file
from desktop_app.db import models as m
from desktop_app.db.migrations import NotSayYesFileError

FIXTURES = Path(__file__).parent / "fixtures"


def _rows(path: Path) -> dict[str, list[dict]]:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    tables = [r[0] for r in con.execute("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
                                        "AND name NOT IN ('schema_version', 'sqlite_schema')")]  # not full-text indexes
    data = {t: [dict(r) for r in con.execute(f'SELECT * FROM "{t}" ORDER BY id')] for t in tables}
    con.close()
    return data


def test_every_schema_version_has_a_fixture() -> None:
    missing = [v for v in range(1, LATEST_VERSION + 1) if not (FIXTURES / f"schema_v{v}.sqlite3").exists()]
    assert not missing, (
        f"no fixture database for schema version(s) {missing}: run `python tools/make_schema_fixture.py` "
        "before changing the schema again, and commit the file"
    )


@pytest.mark.parametrize("version", range(1, LATEST_VERSION + 1))
def test_migrating_a_fixture_keeps_every_row(version: int, tmp_path: Path) -> None:
    source = FIXTURES / f"schema_v{version}.sqlite3"
    if not source.exists():
        pytest.fail(f"missing fixture {source.name}")
    path = tmp_path / "data.sqlite3"
    shutil.copy(source, path)
    before = _rows(path)
    for model in m.RECORD_MODELS:
        assert before.get(model._meta.table_name), f"fixture v{version} has no rows in {model._meta.table_name}"

    database = open_data_file(path)
    try:
        assert migrations.current_version(database) == LATEST_VERSION
        assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        database.close()
    after = _rows(path)
    for table, rows in before.items():
        kept = {r["id"]: r for r in after[table]}
        for row in rows:
            assert row["id"] in kept, f"{table} row {row['id']} was lost"
            # columns that existed before keep their values
            assert {k: kept[row["id"]][k] for k in row if k in kept[row["id"]]} == row


def test_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    database = open_data_file(tmp_path / "new.sqlite3")
    try:
        for model in m.RECORD_MODELS:
            table = model._meta.table_name
            columns = {r[1] for r in database.execute_sql(f'PRAGMA table_info("{table}")')}
            assert columns == {f.column_name for f in model._meta.sorted_fields}, table
    finally:
        database.close()


def test_newer_schema_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    open_data_file(path).close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, '2030-01-01')", (LATEST_VERSION + 5,))
    con.commit()
    con.close()
    with pytest.raises(SchemaTooNewError, match="newer version of SayYes") as info:
        open_data_file(path)
    assert str(LATEST_VERSION + 5) in str(info.value)


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    with pytest.raises(NotSayYesFileError, match="not a SayYes data file"):
        open_data_file(path)


def test_a_migration_that_breaks_links_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "data.sqlite3"
    shutil.copy(FIXTURES / f"schema_v{LATEST_VERSION}.sqlite3", path)
    before = _rows(path)

    def broken(database) -> None:  # a table rebuild that forgets the parent rows
        database.execute_sql("DELETE FROM company")

    monkeypatch.setitem(migrations.MIGRATIONS, LATEST_VERSION + 1, broken)
    monkeypatch.setattr(migrations, "LATEST_VERSION", LATEST_VERSION + 1)
    with pytest.raises(SchemaError, match="would break"):
        open_data_file(path)
    assert _rows(path) == before
    con = sqlite3.connect(path)
    assert con.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == LATEST_VERSION
    con.close()
