"""What the tests of the full-text indexes share: FTS5's own consistency check, and a lookup."""

from __future__ import annotations

from typing import Any

from desktop_app.db import db
from desktop_app.services import search_index


def in_step(database: Any = None) -> None:
    """FTS5's own check that every index holds exactly its table's rows; raises when it does not."""
    database = database or db
    for table in search_index.SEARCH_INDEXES:
        index = search_index.index_name(table)
        database.execute_sql(f"INSERT INTO \"{index}\" (\"{index}\", rank) VALUES ('integrity-check', 1)")


def found(table: str, term: str, columns: list[str] | None = None) -> list[int]:
    """The ids of `table`'s rows whose index holds `term` (in these columns; None: all)."""
    sql, params = db.get_sql_context().sql(search_index.matches(
        table, columns or list(search_index.SEARCH_INDEXES[table]), term)).query()
    return sorted(row[0] for row in db.execute_sql(sql[1:-1], params))
