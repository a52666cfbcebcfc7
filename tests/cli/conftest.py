"""Helpers for running `sayyes` in-process and comparing a data folder before and after."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.paths import database_path

INTERVIEWS_HEADER = "company,role,date,time,stage,outcome,self_rating,notes\n"
GOOD_INTERVIEWS = INTERVIEWS_HEADER + (
    "Acme,Backend engineer,2024-03-01,10:00,technical,passed,4,went well\n"
    "Acme,Backend engineer,2024-03-08,14:30,final,failed,2,\n"
    "Globex,Platform lead,2024-04-02,,recruiter screen,,,\n"
)


def dump(data_dir: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read on a connection of its own."""
    path = database_path(data_dir)
    if not path.exists():
        return {}
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
                                            "AND name != 'sqlite_schema' ORDER BY name")]  # not full-text indexes
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        con.close()


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


@pytest.fixture
def sayyes(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run `sayyes --data-dir DATA_DIR ARGS...` in-process."""

    def run(*args: str | Path, data: Path | None = None) -> Run:
        capsys.readouterr()
        code = main(["--data-dir", str(data or data_dir), *map(str, args)])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def seeded(tmp_path: Path, sayyes: Callable[..., Run]) -> Path:
    """A data folder holding a few interviews (with their companies and opportunities)."""
    source = tmp_path / "seed.csv"
    source.write_text(GOOD_INTERVIEWS, encoding="utf-8")
    result = sayyes("import", "interviews", source)
    assert result.code == 0, result.err
    return source
