"""Schema 2's full-text indexes: they hold what the lists search, stay in step with their tables through
every write (create, edit, delete, undo, merge, import, demo data), and the search box uses them."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from desktop_app.db import open_data_file
from desktop_app.services import listing, records, search_index
from desktop_app.services.changes import apply_backward, apply_forward
from desktop_app.services.demo import generate
from desktop_app.services.list_specs import SPECS
from tests.search_checks import found, in_step

FIXTURES = Path(__file__).parent / "fixtures"


def indexed_columns(database: Any, table: str) -> tuple[str, ...]:
    index = search_index.index_name(table)
    return tuple(row[1] for row in database.execute_sql(f'PRAGMA table_info("{index}")'))


def test_the_indexes_hold_the_columns_the_code_expects(database: Any) -> None:
    for table, columns in search_index.SEARCH_INDEXES.items():
        assert indexed_columns(database, table) == columns


def test_every_searched_column_of_the_big_lists_is_indexed() -> None:
    for kind in ("company", "opportunity", "interview", "contact", "question", "task", "offer"):
        for expr in SPECS[kind].search:
            field = getattr(expr, "field", expr)
            assert field.column_name in search_index.SEARCH_INDEXES[field.model._meta.table_name], (kind, expr)


def test_migrating_schema_1_indexes_the_rows_it_has(tmp_path: Path) -> None:
    path = tmp_path / "data.sqlite3"
    shutil.copy(FIXTURES / "schema_v1.sqlite3", path)
    database = open_data_file(path)
    try:
        in_step(database)
        assert found("company", "acme") and found("question", "mvcc") and found("interview", "sql")
    finally:
        database.close()


def test_writes_keep_the_index_in_step(database: Any) -> None:
    acme = records.create("company", {"name": "Acme Robotics", "industry": "Logistics"}).primary_id
    assert found("company", "robot") == [acme]
    edit = records.update("company", acme, {"name": "Globex", "location": "Zürich"})
    assert found("company", "robot") == [] and found("company", "globex") == [acme]
    assert found("company", "zürich") == [acme] == found("company", "ZÜRICH")
    apply_backward(edit)
    assert found("company", "robot") == [acme] and found("company", "globex") == []
    apply_forward(edit)
    removal = records.delete("company", acme)
    assert found("company", "globex") == []
    apply_backward(removal)
    assert found("company", "globex") == [acme]
    in_step(database)


def test_demo_data_and_its_replacement_stay_in_step(database: Any) -> None:
    generate(40)
    generate(30, seed=3, replace=True)
    in_step(database)


def test_a_search_of_three_characters_or_more_reads_the_index(database: Any) -> None:
    from desktop_app.db import db

    generate(40)
    for kind in ("interview", "question", "contact", "company", "opportunity", "task", "offer"):
        for term, indexed in (("ing", True), ("in", False)):
            sql = listing._ids_query(SPECS[kind], records.KINDS[kind].model, term, None).sql()
            plan = " ".join(str(row[3]) for row in db.execute_sql("EXPLAIN QUERY PLAN " + sql[0], sql[1]))
            assert ("VIRTUAL TABLE" in plan) is indexed, (kind, term, plan)


@pytest.mark.parametrize("term", ['say "yes"', "100%", "a*b", "x: y", "NEAR(", "o'neil"])
def test_any_text_is_a_literal_term(database: Any, term: str) -> None:
    company = records.create("company", {"name": f"Corp {term} Ltd"}).primary_id
    assert listing.list_ids("company", search=term) == [company]
