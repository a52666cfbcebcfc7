"""Create, read, update and delete any record kind, with validation that names the field and reason.

Every write runs in one transaction and returns a Change (rows before and after).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..db import db
from ..db import models as m
from .changes import Change, Row, RowChange, apply_forward, snapshot
from .errors import DeleteRefusedError, FieldError, NotFoundError, ValidationError
from .kinds import BY_TABLE, KINDS, OFFER_FIGURES, Kind, kind as get_kind
from .values import normalise


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def get(kind_name: str, record_id: int) -> Row:
    k = get_kind(kind_name)
    row = k.model.select().where(k.model.id == record_id).dicts().first()
    if row is None:
        raise NotFoundError(k.label, record_id)
    return row


def exists(kind_name: str, record_id: int) -> bool:
    k = get_kind(kind_name)
    return k.model.select(k.model.id).where(k.model.id == record_id).exists()


def defaults(kind_name: str) -> Row:
    """The values a new record of this kind starts with."""
    return {f.name: f.default for f in get_kind(kind_name).fields}


# --- validation -------------------------------------------------------------------------------


def _key_value(k: Kind, name: str, value: Any) -> tuple[str, Any]:
    """The column and value a natural-key field is compared by (normalised for text)."""
    for column, source in k.key_columns:
        if source == name:
            return column, None if value is None else normalise(value)
    return name, value


def find_by_natural_key(k: Kind, values: Mapping[str, Any], exclude_id: int | None = None) -> int | None:
    """The id of the record whose natural key equals these (cleaned) values, if any."""
    model = k.model
    query = model.select(model.id)
    for name in k.natural_key:
        column, value = _key_value(k, name, values.get(name))
        field = model._meta.fields[column]
        query = query.where(field.is_null() if value is None else field == value)
    if exclude_id is not None:
        query = query.where(model.id != exclude_id)
    row = query.order_by(model.id).tuples().first()
    return row[0] if row else None


def cross_field_errors(k: Kind, merged: Mapping[str, Any]) -> list[FieldError]:
    errors: list[FieldError] = []

    def before(later: str, earlier: str, label: str) -> None:
        a, b = merged.get(later), merged.get(earlier)
        if a is not None and b is not None and a < b:
            errors.append(FieldError(later, f"{a.isoformat()} is before {label} ({b.isoformat()})"))

    if k.name == "opportunity":
        low, high = merged.get("salary_min"), merged.get("salary_max")
        if low is not None and high is not None and low > high:
            errors.append(FieldError("salary_max", f"{high} is below the lower end of the range ({low})"))
        if (low is not None or high is not None) and not merged.get("salary_currency"):
            errors.append(FieldError("salary_currency", "is required when a salary is given"))
        before("closed_on", "invited_on", "the invitation")
    elif k.name == "offer":
        before("respond_by", "received_on", "the day the offer came")
    return errors


def validate(kind_name: str, values: Mapping[str, Any], record_id: int | None = None) -> dict[str, Any]:
    """Clean and check values for a new record (record_id None) or for changes to an existing one.

    Returns the cleaned values of the fields given (all fields, with defaults, for a new record).
    Raises ValidationError listing every field that is wrong.
    """
    k = get_kind(kind_name)
    unknown = set(values) - set(k.field_names)
    if unknown:
        raise ValidationError([FieldError(n, f"is not a field of {k.label}") for n in sorted(unknown)])
    errors: list[FieldError] = []
    cleaned: dict[str, Any] = {}
    if record_id is None:
        source = {**defaults(kind_name), **values}
        existing: Row = {}
    else:
        source = dict(values)
        existing = get(kind_name, record_id)
    for f in k.fields:
        if f.name not in source:
            continue
        try:
            cleaned[f.name] = f.clean(source[f.name])
        except ValueError as exc:
            errors.append(FieldError(f.name, str(exc)))
            continue
        target = cleaned[f.name]
        if f.ref and target is not None and not exists(f.ref, target):
            errors.append(FieldError(f.name, f"the {f.ref.replace('_', ' ')} chosen (id {target}) does not exist"))
    merged = {**existing, **cleaned}
    if not errors:
        errors.extend(cross_field_errors(k, merged))
    if not errors and k.unique:
        clash = find_by_natural_key(k, merged, exclude_id=record_id)
        if clash is not None:
            errors.append(_duplicate_error(k, merged))
    if errors:
        raise ValidationError(errors)
    return cleaned


def _duplicate_error(k: Kind, merged: Mapping[str, Any]) -> FieldError:
    own = [n for n in k.natural_key if not k.field(n).ref] or list(k.natural_key)
    where = own[-1]
    labels = " and ".join(k.field(n).label.lower() for n in k.natural_key)
    article = "an" if k.label[0] in "aeiou" else "a"
    shown = merged.get(where)
    shown_text = f" ('{k.field(where).to_text(shown)}')" if shown is not None and not k.field(where).ref else ""
    return FieldError(where, f"there is already {article} {k.label} with the same {labels}{shown_text}")


def _with_keys(k: Kind, values: Mapping[str, Any]) -> dict[str, Any]:
    row = dict(values)
    for column, source in k.key_columns:
        if source in row:
            row[column] = normalise(row[source]) if row[source] is not None else None
    return row


# --- writes -----------------------------------------------------------------------------------


def create(kind_name: str, values: Mapping[str, Any]) -> Change:
    k = get_kind(kind_name)
    with db.atomic():
        cleaned = validate(kind_name, values)
        now = _now()
        new_id = k.model.insert(_with_keys(k, cleaned) | {"created_at": now, "updated_at": now}).execute()
        after = snapshot(k.model, [new_id])[0]
    return Change(f"create {k.label}", [RowChange(k.model._meta.table_name, new_id, None, after)])


def update(kind_name: str, record_id: int, values: Mapping[str, Any]) -> Change:
    """Change some fields of a record; an unchanged record gives an empty Change."""
    k = get_kind(kind_name)
    table = k.model._meta.table_name
    with db.atomic():
        before = get(kind_name, record_id)
        cleaned = validate(kind_name, values, record_id)
        changed = {n: v for n, v in cleaned.items() if before.get(n) != v}
        if not changed:
            return Change(f"edit {k.label}")
        rows: list[RowChange] = []
        if k.name == "offer" and any(n in changed for n in OFFER_FIGURES):
            rows.append(_offer_revision(before))
        update_values = _with_keys(k, changed) | {"updated_at": _now()}
        k.model.update(update_values).where(k.model.id == record_id).execute()
        after = snapshot(k.model, [record_id])[0]
        rows.insert(0, RowChange(table, record_id, before, after))
    return Change(f"edit {k.label}", rows)


def _offer_revision(before: Row) -> RowChange:
    """Keep the figures an offer had before they change (a counter-offer or a revision)."""
    now = _now()
    values = {n: before[n] for n in OFFER_FIGURES} | {
        "offer": before["id"],
        "revised_on": dt.date.today(),
        "note": "figures before this revision",
        "created_at": now,
        "updated_at": now,
    }
    new_id = m.OfferRevision.insert(values).execute()
    return RowChange("offer_revision", new_id, None, snapshot(m.OfferRevision, [new_id])[0])


def _plural(table: str, count: int) -> str:
    k = BY_TABLE[table]
    return (k.label if count == 1 else k.plural).replace("_", " ")


def delete_plan(kind_name: str, record_ids: list[int]) -> Change:
    """What deleting these records does: the rows that go with them and the links that are cleared.

    Raises DeleteRefusedError when records that do not belong to them (RESTRICT) still point at them.
    """
    k = get_kind(kind_name)
    cleared: dict[tuple[str, int], RowChange] = {}
    deleted: dict[tuple[str, int], RowChange] = {}
    blockers: dict[str, int] = {}

    def visit(model: type[m.BaseModel], ids: list[int]) -> None:
        if not ids:
            return
        for fk, child in model._meta.backrefs.items():
            child_table = child._meta.table_name
            rows = [r for start in range(0, len(ids), 500)
                    for r in child.select().where(fk.in_(ids[start:start + 500])).dicts()]
            if not rows:
                continue
            if fk.on_delete == "CASCADE":
                visit(child, [r["id"] for r in rows])
            elif fk.on_delete == "SET NULL":
                for r in rows:
                    key = (child_table, r["id"])
                    previous = cleared.get(key)
                    after = dict(previous.after if previous else r, **{fk.name: None})
                    cleared[key] = RowChange(child_table, r["id"], r if previous is None else previous.before, after)
            else:
                blockers[child_table] = blockers.get(child_table, 0) + len(rows)
        table = model._meta.table_name
        for r in snapshot(model, ids):
            deleted.setdefault((table, r["id"]), RowChange(table, r["id"], r, None))

    visit(k.model, list(record_ids))
    if len(deleted) < len(set(record_ids)):
        missing = sorted(set(record_ids) - {i for (t, i) in deleted if t == k.model._meta.table_name})
        raise NotFoundError(k.label, missing[0])
    if blockers:
        raise DeleteRefusedError(k.label, record_ids[0], {_plural(t, n): n for t, n in blockers.items()})
    # rows that are deleted anyway need no cleared link
    rows = [c for key, c in cleared.items() if key not in deleted] + list(deleted.values())
    label = f"delete {k.label}" if len(record_ids) == 1 else f"delete {len(record_ids)} {k.plural}"
    return Change(label, rows)


def delete_impact(kind_name: str, record_id: int) -> dict[str, int]:
    """What else a delete takes with it, e.g. {"interviews": 3, "questions": 12} (for the confirm dialog)."""
    k = get_kind(kind_name)
    counts: dict[str, int] = {}
    for row in delete_plan(kind_name, [record_id]).rows:
        if row.action == "delete" and not (row.table == k.model._meta.table_name and row.id == record_id):
            counts[row.table] = counts.get(row.table, 0) + 1
    order = [model._meta.table_name for model in m.RECORD_MODELS]
    return {_plural(t, counts[t]): counts[t] for t in sorted(counts, key=order.index)}


def delete(kind_name: str, record_id: int) -> Change:
    with db.atomic():
        change = delete_plan(kind_name, [record_id])
        apply_forward(change)
    return change


__all__ = [
    "KINDS", "create", "update", "delete", "delete_plan", "delete_impact", "get", "exists",
    "defaults", "validate", "find_by_natural_key", "cross_field_errors",
]
