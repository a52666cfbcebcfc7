"""search_index.bulk_insert: rows inserted in bulk are indexed in one pass, and a failure leaves rows,
full-text index and trigger exactly as they were."""

from __future__ import annotations

import pytest

from desktop_app.db import db
from desktop_app.services import records, search_index
from tests.search_checks import found, in_step

pytestmark = pytest.mark.usefixtures("database")


def trigger_sql(table: str) -> str | None:
    row = db.execute_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                         (search_index.insert_trigger(table),)).fetchone()
    return None if row is None else row[0]


def add_companies(names: list[str], first_id: int | None = None) -> None:
    rows = [(None if first_id is None else first_id + i, n, n.casefold(), "Fintech", "Berlin")
            for i, n in enumerate(names)]
    db.connection().executemany(
        "INSERT INTO company (id, created_at, updated_at, name, name_key, industry, location) "
        "VALUES (?, '2024-01-01 10:00:00', '2024-01-01 10:00:00', ?, ?, ?, ?)", rows)


def test_rows_inserted_in_bulk_are_indexed_and_the_trigger_comes_back_unchanged() -> None:
    old = records.create("company", {"name": "Oldcorp", "industry": "Retail"}).primary_id
    before = {table: trigger_sql(table) for table in search_index.SEARCH_INDEXES}
    with db.atomic():
        with search_index.bulk_insert(["company", "interview", "company"]):
            assert trigger_sql("company") is None and trigger_sql("interview") is None
            assert trigger_sql("question") is not None
            add_companies([f"Zebrafish {i}" for i in range(50)])
            add_companies(["Quokka Labs"], first_id=1000)
            records.update("company", old, {"industry": "Shipping"})  # an older row: its triggers still work
        assert {table: trigger_sql(table) for table in search_index.SEARCH_INDEXES} == before
    in_step()
    assert len(found("company", "zebrafish")) == 50
    assert found("company", "quokka") == [1000]
    assert found("company", "shipping") == [old] and found("company", "retail") == []
    later = records.create("company", {"name": "Wombat Works"}).primary_id
    assert found("company", "wombat") == [later]
    in_step()


def test_an_error_inside_rolls_back_rows_index_and_trigger() -> None:
    records.create("company", {"name": "Oldcorp"})
    before = trigger_sql("company")
    with pytest.raises(RuntimeError):
        with db.atomic():
            with search_index.bulk_insert(["company"]):
                add_companies(["Zebrafish"])
                raise RuntimeError("boom")
    assert trigger_sql("company") == before
    assert [r[0] for r in db.execute_sql("SELECT name FROM company")] == ["Oldcorp"]
    assert found("company", "zebrafish") == [] and found("company", "oldcorp") != []
    in_step()
    new = records.create("company", {"name": "Zebrafish"}).primary_id
    assert found("company", "zebrafish") == [new]


def test_an_error_in_an_outer_transaction_after_the_block_undoes_it_too() -> None:
    before = trigger_sql("company")
    with pytest.raises(RuntimeError):
        with db.atomic():
            with search_index.bulk_insert(["company"]):
                add_companies(["Zebrafish"])
            assert found("company", "zebrafish") != []
            raise RuntimeError("boom")
    assert trigger_sql("company") == before
    assert found("company", "zebrafish") == []
    in_step()


def test_without_an_open_transaction_it_runs_in_its_own() -> None:
    with search_index.bulk_insert(["company", "setting"]):
        assert db.in_transaction()
        add_companies(["Zebrafish"])
    assert not db.in_transaction()
    assert trigger_sql("company") is not None and found("company", "zebrafish") != []
    in_step()
