"""Merging two records of a kind that were entered twice (companies, contacts): one step, every link kept.

Everything that pointed at the duplicate is pointed at the record kept; the kept record's empty fields
are filled from the duplicate; then the duplicate is deleted. Undo puts all of it back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..db import db
from ..db import models as m
from .changes import Change, RowChange, apply_forward, snapshot
from .errors import ServiceError
from .kinds import BY_TABLE
from .kinds import kind as get_kind
from .records import get

MERGEABLE = ("company", "contact")
# link tables whose duplicate rows are simply dropped (the link exists already)
_PURE_LINKS = (m.InterviewContact,)


def _unique_columns(model: type[m.BaseModel], fk_name: str) -> list[tuple[str, ...]]:
    found = []
    for fields, unique in model._meta.indexes:
        names = tuple(f if isinstance(f, str) else f.name for f in fields)
        if unique and fk_name in names:
            found.append(names)
    return found


def merge(kind_name: str, keep_id: int, other_id: int) -> Change:
    """Merge record `other_id` into `keep_id`. Raises ServiceError when the two cannot be merged."""
    if kind_name not in MERGEABLE:
        raise ServiceError(f"{kind_name.replace('_', ' ')} records cannot be merged")
    if keep_id == other_id:
        raise ServiceError("Choose two different records to merge")
    k = get_kind(kind_name)
    table = k.model._meta.table_name
    now = dt.datetime.now().replace(microsecond=0)
    with db.atomic():
        keep, other = get(kind_name, keep_id), get(kind_name, other_id)
        moved: list[RowChange] = []
        dropped: list[RowChange] = []
        for fk, child in k.model._meta.backrefs.items():
            child_table = child._meta.table_name
            rows = list(child.select().where(fk == other_id).dicts())
            uniques = _unique_columns(child, fk.name)
            for row in rows:
                clash = None
                for columns in uniques:
                    query = child.select(child.id).where(fk == keep_id)
                    for column in columns:
                        if column != fk.name:
                            query = query.where(child._meta.fields[column] == row[column])
                    clash = clash or query.first()
                if clash is not None:
                    if child in _PURE_LINKS:
                        dropped.append(RowChange(child_table, row["id"], row, None))
                        continue
                    what = BY_TABLE[child_table].label
                    shown = row.get("title") or row.get("name") or row["id"]
                    raise ServiceError(
                        f"Both have {'an' if what[0] in 'aeiou' else 'a'} {what} '{shown}'; "
                        f"merge or rename one of them first"
                    )
                moved.append(RowChange(child_table, row["id"], row, dict(row, **{fk.name: keep_id}, updated_at=now)))
        filled = {f.name: other[f.name] for f in k.fields
                  if keep.get(f.name) in (None, "") and other.get(f.name) not in (None, "")}
        rows: list[RowChange] = []
        if filled:
            rows.append(RowChange(table, keep_id, keep, dict(keep, **filled, updated_at=now)))
        rows += moved + dropped + [RowChange(table, other_id, other, None)]
        change = Change(f"merge {k.plural}", rows)
        apply_forward(change)
        after = snapshot(k.model, [keep_id])[0]
        if filled:
            change.rows[0] = RowChange(table, keep_id, keep, after)
    return change


def merge_preview(kind_name: str, keep_id: int, other_id: int) -> dict[str, Any]:
    """What a merge would move, for the confirm dialog: {"opportunities": 3, "contacts": 1}."""
    k = get_kind(kind_name)
    counts: dict[str, int] = {}
    for fk, child in k.model._meta.backrefs.items():
        n = child.select().where(fk == other_id).count()
        if n:
            label = BY_TABLE[child._meta.table_name]
            counts[(label.label if n == 1 else label.plural).replace("_", " ")] = n
    return counts
