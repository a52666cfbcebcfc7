"""The full-text indexes (FTS5, trigram) that schema 2 keeps of the columns the lists search.

A term of three or more characters is looked up in an index (`<table>_search`, kept in step with its
table by triggers): `matches` gives the ids of the rows holding it, so a search of 200,000 questions
costs what its matches cost (list_search.py builds a list's whole search condition from these). Bulk
writers (an import, demo data) fill an index once at the end instead of a trigger per row: `bulk_insert`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from peewee import SQL, EnclosedNodeList

from ..db import db

# table -> the columns its full-text index holds (db/migrations.py, schema 2)
SEARCH_INDEXES: dict[str, tuple[str, ...]] = {
    "company": ("name_key", "industry", "location"),
    "opportunity": ("title_key", "tech_stack", "notes"),
    "interview": ("stage", "debrief_notes", "employer_feedback"),
    "contact": ("name_key", "role", "email"),
    "question": ("text_key", "topic"),
    "task": ("title",),
}
MIN_TERM = 3  # a trigram index finds terms of three characters or more


def index_name(table: str) -> str:
    return f"{table}_search"


def matches(table: str, columns: list[str], term: str) -> Any:
    """The rowids of `table` whose indexed `columns` contain `term`, as an SQL subquery."""
    phrase = '"' + term.replace('"', '""') + '"'
    if set(columns) != set(SEARCH_INDEXES[table]):
        phrase = "{" + " ".join(columns) + "} : " + phrase
    index = index_name(table)
    return EnclosedNodeList([SQL(f'SELECT rowid FROM "{index}" WHERE "{index}" MATCH ?', [phrase])])


def insert_trigger(table: str) -> str:
    return f"{index_name(table)}_insert"


def trigger_sql(trigger: str, table: str) -> str | None:
    """The SQL a trigger of `table` was created with (to create it again after pausing it); None when
    there is no such trigger."""
    found = db.execute_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ? AND tbl_name = ?",
                           (trigger, table)).fetchone()
    return None if found is None else found[0]


@contextmanager
def bulk_insert(tables: Iterable[str]) -> Iterator[None]:
    """Index the rows inserted inside the block in one pass per table instead of one trigger per row.

    For each table with a full-text index, its insert trigger is dropped and the largest id noted; on
    leaving, the rows above that id go into the index with one INSERT ... SELECT and the trigger is
    created again from the very SQL it had. It all runs in one savepoint (a transaction of its own
    when none is open): an exception, a rollback or a killed process leaves rows, index and trigger as
    they were. Rows inserted inside must get ids above the table's largest (SQLite's default, or
    max(id) + 1 onwards) and must not be updated or deleted in the block (their index entries do not
    exist yet); other rows may be updated or deleted as usual, their triggers stay.
    """
    paused: list[tuple[str, str, int]] = []  # (table, its trigger's SQL, largest id before)
    with db.atomic():
        for table in dict.fromkeys(tables):
            if table not in SEARCH_INDEXES:
                continue
            sql = trigger_sql(insert_trigger(table), table)
            if sql is None:
                continue
            largest = db.execute_sql(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"').fetchone()[0]
            db.execute_sql(f'DROP TRIGGER "{insert_trigger(table)}"')
            paused.append((table, sql, largest))
        yield
        for table, sql, largest in paused:
            index = index_name(table)
            names = ", ".join(f'"{c}"' for c in SEARCH_INDEXES[table])
            db.execute_sql(f'INSERT INTO "{index}" (rowid, {names}) SELECT id, {names} FROM "{table}" WHERE id > ?',
                           (largest,))
            db.execute_sql(sql)


__all__ = ["MIN_TERM", "SEARCH_INDEXES", "bulk_insert", "index_name", "insert_trigger", "matches",
           "trigger_sql"]
