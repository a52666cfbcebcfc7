"""Applying the rows of a large Change (undo or redo of an import, of a big delete) set by set, not row by row.

A Change is applied as a sequence of steps (table, id, target, current): write `target` where `current`
is. Consecutive steps that all create rows, or all delete rows, form a run; a run of at least
`BULK_MIN` steps is written with a few statements per table instead of one per row:

- creates: multi-row INSERTs, parents' tables first; a table's full-text index is filled in one pass
  (search_index.bulk_insert) when every id the run gives it is above the table's largest, else its
  trigger indexes each row as usual;
- deletes: chunked `DELETE ... WHERE id IN (...)`, children's tables first.

Within a run the rows' order only changes across tables, in the order foreign keys allow (RECORD_MODELS
lists parents before children), so the result is the row-by-row result: the same rows, indexes and
ON DELETE effects. Updates, shorter runs and rows not holding every column are written one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from itertools import chain
from typing import Any

from peewee import ForeignKeyField

from ..db import db
from ..db import models as m
from . import search_index

Row = dict[str, Any]
Step = tuple[str, int, "Row | None", "Row | None"]  # (table, id, target, current)
WriteOne = Callable[[str, int, "Row | None", "Row | None"], None]

BULK_MIN = 64  # a shorter run is written row by row
_PARAMETERS = 30_000  # values per statement (SQLite takes up to 32,766)

_MODELS: dict[str, type[m.BaseModel]] = {model._meta.table_name: model for model in m.RECORD_MODELS}
_RANK: dict[str, int] = {table: rank for rank, table in enumerate(_MODELS)}


def _parents_first() -> bool:
    """Whether every foreign key of a record table points to a table listed before it."""
    for table, model in _MODELS.items():
        for field in model._meta.sorted_fields:
            if isinstance(field, ForeignKeyField):
                parent = _RANK.get(field.rel_model._meta.table_name, _RANK[table])
                if parent >= _RANK[table]:
                    return False
    return True


_ORDERED = _parents_first()  # if not, nothing is reordered: every row is written one by one
_COLUMNS: dict[str, frozenset[str]] = {table: frozenset(f.name for f in model._meta.sorted_fields)
                                       for table, model in _MODELS.items()}


def _kind(step: Step) -> str | None:
    """"create" or "delete" when the step can join a run, else None."""
    table, _, target, current = step
    if not _ORDERED or table not in _MODELS:
        return None
    if target is None:
        return "delete"
    if current is None and target.keys() == _COLUMNS[table]:
        return "create"
    return None


def apply_steps(steps: Iterable[Step], write_one: WriteOne) -> None:
    """Write the steps in order (inside the caller's transaction), runs of creates or deletes in bulk."""
    run: list[Step] = []
    run_kind: str | None = None
    for step in steps:
        kind = _kind(step)
        if run and kind != run_kind:
            _flush(run, run_kind, write_one)
            run = []
        run_kind = kind
        if kind is None:
            write_one(*step)
        else:
            run.append(step)
    if run:
        _flush(run, run_kind, write_one)


def _flush(run: list[Step], kind: str | None, write_one: WriteOne) -> None:
    if len(run) < BULK_MIN:
        for step in run:
            write_one(*step)
    elif kind == "create":
        _create(run)
    else:
        _delete(run)


def _by_table(run: Sequence[Step], children_first: bool) -> list[tuple[str, list[Step]]]:
    tables: dict[str, list[Step]] = {}
    for step in run:
        tables.setdefault(step[0], []).append(step)
    return sorted(tables.items(), key=lambda item: _RANK[item[0]], reverse=children_first)


def _largest(table: str) -> int:
    return db.execute_sql(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"').fetchone()[0]


def _create(run: Sequence[Step]) -> None:
    tables = _by_table(run, children_first=False)
    fresh = [table for table, steps in tables
             if table in search_index.SEARCH_INDEXES and min(s[1] for s in steps) > _largest(table)]
    with search_index.bulk_insert(fresh) if fresh else nullcontext():
        for table, steps in tables:
            _insert(_MODELS[table], [s[2] for s in steps])  # type: ignore[misc]


def _insert(model: type[m.BaseModel], rows: list[Row]) -> None:
    """The rows as multi-row INSERTs, each value converted as peewee's insert() converts it."""
    fields = model._meta.sorted_fields
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    head = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES '
    marks = "(" + ", ".join("?" * len(fields)) + ")"
    converters = [(f.name, f.db_value) for f in fields]
    batch = max(1, _PARAMETERS // len(fields))
    sql = ""
    for start in range(0, len(rows), batch):
        chunk = rows[start : start + batch]
        if len(chunk) != batch or not sql:
            sql = head + ", ".join([marks] * len(chunk))
        db.execute_sql(sql, list(chain.from_iterable(
            [convert(row[name]) for name, convert in converters] for row in chunk)))


def _delete(run: Sequence[Step]) -> None:
    batch = _PARAMETERS // 3
    for table, steps in _by_table(run, children_first=True):
        ids = sorted({s[1] for s in steps})
        with _index_rebuilt(table, len(ids)):
            for start in range(0, len(ids), batch):
                chunk = ids[start : start + batch]
                marks = ", ".join("?" * len(chunk))
                db.execute_sql(f'DELETE FROM "{table}" WHERE id IN ({marks})', chunk)


@contextmanager
def _index_rebuilt(table: str, deleting: int) -> Iterator[None]:
    """When most of a table's rows go, its full-text index is rebuilt from the rows left after the
    block instead of taking each deleted row out (a trigger per row): its delete trigger is dropped
    inside the block and created again from the SQL it had."""
    if table not in search_index.SEARCH_INDEXES:
        yield
        return
    trigger = f"{search_index.index_name(table)}_delete"
    sql = search_index.trigger_sql(trigger, table)
    rows = db.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    if sql is None or rows - deleting >= deleting:
        yield
        return
    with db.atomic():
        db.execute_sql(f'DROP TRIGGER "{trigger}"')
        yield
        index = search_index.index_name(table)
        db.execute_sql(f'INSERT INTO "{index}" ("{index}") VALUES (\'rebuild\')')
        db.execute_sql(sql)


__all__ = ["BULK_MIN", "Step", "apply_steps"]
