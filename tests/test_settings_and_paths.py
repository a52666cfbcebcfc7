from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop_app import paths, settings
from desktop_app.services.datafolder import open_folder
from desktop_app.services.errors import ValidationError


def test_data_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAYYES_DATA_DIR", str(tmp_path / "env"))
    assert paths.resolve_data_dir(tmp_path / "cli") == (tmp_path / "cli").resolve()
    assert paths.resolve_data_dir(None) == (tmp_path / "env").resolve()
    monkeypatch.delenv("SAYYES_DATA_DIR")
    assert paths.resolve_data_dir(None) == paths.default_data_dir()
    assert "SayYes" in str(paths.default_data_dir())


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_folder_and_data_file_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "data"
    database = open_folder(folder)
    database.execute_sql("CREATE TABLE IF NOT EXISTS t (x)")  # make SQLite create its -wal file
    try:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        for path in folder.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
        assert (folder / paths.DB_FILENAME).exists()
    finally:
        database.close()


def test_database_pragmas(database) -> None:
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute_sql("PRAGMA synchronous").fetchone()[0] == 2
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


def test_settings_round_trip_and_validation(database) -> None:
    s = settings.load()
    assert s.display_currency == "EUR" and s.habit_target_per_month == 2
    s.exchange_rates = {"USD": "0.92"}
    s.theme = "dark"
    settings.save(s)
    loaded = settings.load()
    assert loaded.exchange_rates == {"USD": "0.92"} and loaded.theme == "dark"
    assert loaded.rate("USD") is not None and loaded.rate("EUR") == 1 and loaded.rate("GBP") is None
    loaded.exchange_rates = {"USD": "-1", "ABC": "1"}
    with pytest.raises(ValidationError) as exc:
        settings.save(loaded)
    assert len(exc.value.errors) == 2
    assert settings.load().exchange_rates == {"USD": "0.92"}


def test_free_form_values(database) -> None:
    assert settings.get_value("ui.geometry", "none") == "none"
    settings.set_value("ui.geometry", "AAAA")
    settings.set_value("ui.geometry", "BBBB")
    assert settings.get_value("ui.geometry") == "BBBB"
