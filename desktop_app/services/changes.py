"""What a change did, row by row, so the window can refresh only what changed and undo can reverse it.

Every service that writes returns a Change: the rows it created, updated or deleted, each with its
state before and after. Undo applies the rows backwards, redo forwards, under the same ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..db import db
from ..db import models as m
from .changes_bulk import apply_steps

MODELS_BY_TABLE: dict[str, type[m.BaseModel]] = {model._meta.table_name: model for model in m.RECORD_MODELS}

Row = dict[str, Any]


@dataclass(frozen=True)
class RowChange:
    table: str
    id: int
    before: Row | None  # None: the row was created
    after: Row | None  # None: the row was deleted

    @property
    def action(self) -> str:
        return "create" if self.before is None else "delete" if self.after is None else "update"


@dataclass
class Change:
    """One user-visible step ("create interview", "import of 240 rows")."""

    label: str
    rows: list[RowChange] = field(default_factory=list)

    @property
    def tables(self) -> set[str]:
        return {r.table for r in self.rows}

    def ids(self, table: str, action: str | None = None) -> list[int]:
        return [r.id for r in self.rows if r.table == table and (action is None or r.action == action)]

    @property
    def primary_id(self) -> int | None:
        """The id of the record the step was about (the first row written)."""
        return self.rows[0].id if self.rows else None

    def __bool__(self) -> bool:
        return bool(self.rows)


def snapshot(model: type[m.BaseModel], ids: Iterable[int]) -> list[Row]:
    """The rows with these ids as plain dicts (foreign keys as ids), in id order."""
    ids = list(ids)
    rows: list[Row] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows.extend(model.select().where(model.id.in_(chunk)).order_by(model.id).dicts())
    return rows


def _write(table: str, record_id: int, target: Row | None, current: Row | None) -> None:
    model = MODELS_BY_TABLE[table]
    if target is None:
        model.delete().where(model.id == record_id).execute()
    elif current is None:
        model.insert(target).execute()
    else:
        model.update({k: v for k, v in target.items() if k != "id"}).where(model.id == record_id).execute()


def apply_forward(change: Change) -> None:
    """Write the change's rows in order (redo; also how deletes are carried out); long runs of
    creates or deletes in bulk (changes_bulk)."""
    with db.atomic():
        apply_steps(((row.table, row.id, row.after, row.before) for row in change.rows), _write)


def apply_backward(change: Change) -> None:
    """Put every row back as it was before the change (undo), under the same ids; long runs of
    creates or deletes in bulk (changes_bulk)."""
    with db.atomic():
        apply_steps(((row.table, row.id, row.before, row.after) for row in reversed(change.rows)), _write)
