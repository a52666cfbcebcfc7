"""Hostile cells in an `export all` archive: `import all` restores every row exactly or refuses with
errors naming file, line and column, and then writes nothing."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from desktop_app.db import models as m
from desktop_app.services import archive
from desktop_app.services.interchange import CsvError
from tests.services.test_hostile_records import (
    FUZZ,
    everything,
    hostile_text,
    make_world,
    rolled_back,
)

pytestmark = pytest.mark.usefixtures("database")

ODD_CELLS = ["0", "2", "-1", "'", "''x", "2024-01-01T10:00:00+05:00", "2024-01-01 10:00:00.123456",
             "2024-01-01T10:00", "2024-01-01 25:00:00", "20240101T100000", "{}", "[1, 2]", "null", "NaN", "\"x\""]
CELLS = [(model, c) for model in m.RECORD_MODELS if model is not m.Setting for c in archive.columns(model)]


@pytest.fixture
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    make_world()
    dest = tmp_path_factory.mktemp("archive") / "all"
    archive.export_all(dest)
    return dest


def with_cell(src: Path, dest: Path, table: str, column: str, cell: str) -> None:
    """A copy of the archive whose first row of `table` has `cell` in `column`."""
    shutil.copytree(src, dest)
    path = dest / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        header, first, *rest = list(csv.reader(f))
    first[header.index(column)] = cell
    with path.open("w", encoding="utf-8", errors="surrogatepass", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header, first, *rest])


def empty_everything() -> None:
    for model in reversed(m.RECORD_MODELS):
        model.delete().execute()


@settings(max_examples=80, **FUZZ)
@given(target=st.sampled_from(CELLS), cell=st.one_of(hostile_text, st.sampled_from(ODD_CELLS)))
def test_import_all_restores_exactly_or_refuses_and_writes_nothing(
        exported: Path, tmp_path_factory: pytest.TempPathFactory, target: tuple, cell: str) -> None:
    model, column = target
    table = model._meta.table_name
    copy = tmp_path_factory.mktemp("hostile") / "all"
    with_cell(exported, copy, table, column.name, cell)
    with rolled_back():
        empty_everything()
        empty = everything()
        try:
            archive.import_all(copy)
        except CsvError as exc:
            event("refused")
            assert exc.errors and all(e.message and e.file for e in exc.errors), exc.errors
            for error in exc.errors:
                assert len(error.message) < 300, error
                str(error).encode("utf-8")
            assert everything() == empty
            return
        event("restored")
        row = model.select().order_by(model.id).dicts().first()
        if column.derived_from is None:
            assert row[column.field_name] == column.parse(cell)
        else:
            assert row[column.field_name] is not None


def test_a_huge_id_in_an_archive_is_an_error_not_a_crash(exported: Path, tmp_path: Path) -> None:
    copy = tmp_path / "all"
    with_cell(exported, copy, "company", "id", str(2**64))
    with rolled_back():
        empty_everything()
        with pytest.raises(CsvError) as caught:
            archive.import_all(copy)
        assert (caught.value.errors[0].line, caught.value.errors[0].column) == (2, "id")
        assert "too large" in caught.value.errors[0].message


def test_a_time_with_a_time_zone_is_refused(exported: Path, tmp_path: Path) -> None:
    copy = tmp_path / "all"
    with_cell(exported, copy, "company", "created_at", "2024-01-01T10:00:00+05:00")
    with rolled_back():
        empty_everything()
        with pytest.raises(CsvError) as caught:
            archive.import_all(copy)
        assert [(e.line, e.column) for e in caught.value.errors] == [(2, "created_at")]
        assert "has a time zone" in caught.value.errors[0].message
