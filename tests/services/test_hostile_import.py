"""Hostile cells through importer.import_rows and the strict CSV reader, for every importable kind.

A row is either imported with its values read back exactly, or refused with a RowError naming a
column; an import with a bad row writes nothing unless skipping bad rows is asked; the reader
answers any bytes with rows or a CsvError, never another exception.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from desktop_app.services import csvfile, records
from desktop_app.services.errors import ServiceError
from desktop_app.services.importer import (
    ImportResult,
    SourceRow,
    import_file,
    import_rows,
)
from desktop_app.services.interchange import SPECS, CsvError
from desktop_app.services.kinds import BY_TABLE
from desktop_app.services.values import normalise
from tests.services.test_hostile_records import (
    FUZZ,
    SPECIAL_TEXT,
    any_char,
    hostile_text,
    make_world,
    rolled_back,
    row_counts,
)

pytestmark = pytest.mark.usefixtures("database")

TODAY = dt.date(2024, 6, 15)
# one good row of each kind that creates a record against make_world() (Acme, its Dev role, ...)
GOOD = {
    "companies": {"name": "Hostile Co"},
    "opportunities": {"company": "Acme", "role": "Hostile role", "currency": "EUR"},
    "interviews": {"company": "Acme", "role": "Dev", "date": "2024-05-01"},
    "contacts": {"name": "Hostile person"},
    "offers": {"company": "Acme", "role": "Dev", "received_on": "2024-07-01"},
    "questions": {"text": "Hostile question?", "company": "Acme", "role": "Dev", "date": "2024-03-01"},
}
SECOND = {
    "companies": {"name": "Second Co"},
    "opportunities": {"company": "Acme", "role": "Second role"},
    "interviews": {"company": "Acme", "role": "Dev", "date": "2024-05-02"},
    "contacts": {"name": "Second person"},
    "offers": {"company": "Acme", "role": "Dev", "received_on": "2024-07-02"},
    "questions": {"text": "Second question?"},
}
# rows naming the records of make_world()
EXISTING = {
    "companies": {"name": "acme"},
    "opportunities": {"company": "Acme", "role": "dev"},
    "interviews": {"company": "Acme", "role": "Dev", "date": "2024-03-01"},
    "contacts": {"name": "Jane", "company": "Acme"},
    "offers": {"company": "Acme", "role": "Dev", "received_on": "2024-06-01"},
    "questions": {"text": "Why us?", "company": "Acme", "role": "Dev", "date": "2024-03-01"},
}
COLUMNS = [(kind, column) for kind, spec in SPECS.items() for column in spec.names]
hostile_cell = st.one_of(hostile_text, st.sampled_from(["", " ", "'", "''", "'=1"]))


@pytest.fixture
def world() -> dict[str, int]:
    return make_world()


def check_result(kind: str, result: ImportResult, cells: dict[str, str], column: str, *, skip: bool,
                 counts: dict[str, int], existing: int | None = None) -> None:
    spec = SPECS[kind]
    for error in result.errors:
        assert error.column in spec.names, error
        assert error.line == 2, error  # only the hostile row is bad
        assert error.message and len(error.message) < 400, error
        error.message.encode("utf-8")
    try:
        spec.column(column).parse(cells[column])
    except ValueError:
        assert any(e.column == column for e in result.errors), result.errors
    if result.errors and not skip:
        event("refused")
        assert row_counts() == counts
        assert not result.change.rows
        return
    event("refused, rest written" if result.errors else "imported")
    assert result.created + result.updated + result.skipped == 2 - result.bad_rows
    for row in result.change.rows:
        if row.after is not None:
            assert records.get(BY_TABLE[row.table].name, row.id) == row.after
    target = spec.column(column).target
    if result.errors or not target:
        return
    expected = spec.column(column).parse(cells[column])
    if expected is None:  # an empty cell leaves the default, or the record as it was
        return
    table = spec.kind.model._meta.table_name
    candidates = [records.get(spec.kind.name, r.id) for r in result.change.rows if r.table == table]
    candidates += [records.get(spec.kind.name, existing)] if existing else []
    if target in spec.kind.natural_key and isinstance(expected, str):  # matched by its normalised key
        assert normalise(expected) in [normalise(c[target]) for c in candidates]
    else:
        assert expected in [c[target] for c in candidates]


@settings(max_examples=200, **FUZZ)
@given(target=st.sampled_from(COLUMNS), cell=hostile_cell, skip=st.booleans(), existing=st.booleans())
def test_import_rows_imports_exactly_or_refuses_naming_the_column(
        world: dict[str, int], target: tuple[str, str], cell: str, skip: bool, existing: bool) -> None:
    """`existing`: the hostile row names a record that exists, and --update is given."""
    kind, column = target
    cells = (EXISTING if existing else GOOD)[kind] | {column: cell}
    with rolled_back():
        counts = row_counts()
        rows = [SourceRow(2, cells), SourceRow(3, SECOND[kind])]
        result = import_rows(kind, rows, skip_bad_rows=skip, update=existing, today=TODAY)
        check_result(kind, result, cells, column, skip=skip, counts=counts,
                     existing=world[SPECS[kind].kind.name] if existing else None)


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", errors="surrogatepass", newline="") as out:
        csv.writer(out, lineterminator="\r\n").writerows([header, *rows])


@settings(max_examples=120, **FUZZ)
@given(target=st.sampled_from(COLUMNS), cell=hostile_cell)
def test_a_csv_file_imports_exactly_or_is_refused(world: dict[str, int], tmp_path: Path,
                                                   target: tuple[str, str], cell: str) -> None:
    kind, column = target
    cells = GOOD[kind] | {column: cell}
    header = list(cells) + [c for c in SECOND[kind] if c not in cells]
    path = tmp_path / f"{kind}.csv"
    write_csv(path, header, [[cells.get(c, "") for c in header], [SECOND[kind].get(c, "") for c in header]])
    with rolled_back():
        counts = row_counts()
        try:
            result = import_file(kind, path, today=TODAY)
        except CsvError as exc:
            event("file refused")
            assert exc.errors and all(e.message for e in exc.errors)
            assert row_counts() == counts
            return
        if not any(cell.strip() for cell in cells.values()):  # a row of blanks is a blank line: skipped
            assert result.rows == 1
            return
        check_result(kind, result, {c: cells.get(c, "") for c in header}, column, skip=False, counts=counts)


csv_bytes = st.one_of(
    st.binary(max_size=300),
    st.text(any_char, max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(st.lists(st.sampled_from(SPECIAL_TEXT + ["name", "notes", "\"", "\"\"", ",", "\n"]), max_size=4),
             max_size=4).map(lambda rows: "\n".join(",".join(r) for r in rows).encode("utf-8", "surrogatepass")),
    st.sampled_from([b"\xef\xbb\xbf", b"\xef\xbb\xbfname\n", b"\xff\xfename", b"PK\x03\x04", b"name\n\"open",
                     b"name\nx,y", b"name,name\nx", b",\n,x", b"name\n\xe9t\xe9", b"name\n\xed\xa0\x80"]),
)


hostile_header = st.lists(st.one_of(st.sampled_from(["name", "NAME ", "notes", ""]), hostile_text), max_size=3).map(
    lambda names: ",".join(f'"{n}"' for n in names).encode("utf-8", "surrogatepass") + b"\n")


@settings(max_examples=200, **FUZZ)
@given(data=csv_bytes, prefix=st.one_of(st.sampled_from([b"", b"name,notes\n", b"\xef\xbb\xbfname\n"]), hostile_header))
def test_the_reader_answers_any_bytes_with_rows_or_a_csv_error(tmp_path: Path, data: bytes, prefix: bytes) -> None:
    path = tmp_path / "companies.csv"
    path.write_bytes(prefix + data)
    spec = SPECS["companies"]
    try:
        rows = csvfile.read_csv(path, spec.names, spec.required)
    except CsvError as exc:
        assert exc.errors and all(e.message for e in exc.errors)
        for error in exc.errors:  # short, and no terminal escape sequences from the file
            assert len(error.column) <= 45 and len(error.message) < 300, error
            assert "\x1b" not in str(error)
            str(error).encode("utf-8")
        return
    for row in rows:
        assert set(row.values) <= set(spec.names)
        assert all(isinstance(v, str) for v in row.values.values())


@settings(max_examples=60, **FUZZ)
@given(data=csv_bytes)
def test_importing_any_bytes_raises_nothing_but_a_service_error(world: dict[str, int], tmp_path: Path,
                                                                data: bytes) -> None:
    path = tmp_path / "companies.csv"
    path.write_bytes(b"name,notes,website\n" + data)
    with rolled_back():
        counts = row_counts()
        try:
            result = import_file("companies", path, today=TODAY)
        except ServiceError:
            assert row_counts() == counts
            return
        if result.errors:
            assert row_counts() == counts


# --- plain regression tests -------------------------------------------------------------------


def test_an_unknown_header_is_named_short_and_printable(tmp_path: Path) -> None:
    path = tmp_path / "companies.csv"
    path.write_text("name,\x1b[31mred" + "y" * 3_000_000 + "\nAcme,1\n", encoding="utf-8")
    with pytest.raises(CsvError) as caught:
        csvfile.read_csv(path, SPECS["companies"].names, ["name"])
    assert caught.value.errors[0].column == ("\\x1b[31mred" + "y" * 40)[:40] + "…"


def test_a_lone_surrogate_in_a_row_is_an_error_naming_the_column_and_nothing_is_written(
        world: dict[str, int]) -> None:
    counts = row_counts()
    result = import_rows("companies", [SourceRow(2, {"name": "Good"}), SourceRow(3, {"name": "Bad\ud800"})])
    assert [(e.line, e.column) for e in result.errors] == [(3, "name")]
    assert "lone surrogate" in result.errors[0].message
    assert row_counts() == counts


def test_skipping_bad_rows_writes_the_good_ones_only(world: dict[str, int]) -> None:
    result = import_rows("interviews", [
        SourceRow(2, {"company": "Acme", "role": "Dev", "date": "2024-02-30"}),
        SourceRow(3, {"company": "Acme", "role": "Dev", "date": "2024-05-01", "notes": "x\udfff"}),
        SourceRow(4, {"company": "Acme", "role": "Dev", "date": "2024-05-02", "self_rating": "6"}),
        SourceRow(5, {"company": "Acme", "role": "Dev", "date": "2024-05-03",
                      "notes": "Bobby'); DROP TABLE interview;--"}),
    ], skip_bad_rows=True, today=TODAY)
    assert [(e.line, e.column) for e in result.errors] == [(2, "date"), (3, "notes"), (4, "self_rating")]
    assert result.created == 1
    assert records.get("interview", result.change.primary_id)["debrief_notes"] == "Bobby'); DROP TABLE interview;--"


@pytest.mark.parametrize(("column", "cell", "message"), [
    ("salary_min", str(2**64), "out of range"), ("salary_min", "-5", "out of range"),
    ("salary_max", "9" * 5000, "out of range"), ("currency", "€", "ISO 4217"),
])
def test_money_and_currency_cells_are_refused_naming_the_column(world: dict[str, int], column: str, cell: str,
                                                                message: str) -> None:
    row: dict[str, Any] = GOOD["opportunities"] | {column: cell}
    result = import_rows("opportunities", [SourceRow(2, row)], today=TODAY)
    assert [e.column for e in result.errors] == [column]
    assert message in result.errors[0].message and len(result.errors[0].message) < 120
