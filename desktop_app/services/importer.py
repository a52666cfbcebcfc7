"""Importing rows of one kind: the engine behind `sayyes import` and the GUI import wizard.

The rows come already mapped to CSV column names (from a CSV file, a spreadsheet, a wizard's
mapping). Every row is parsed and planned before anything is written; then, unless there are errors
(and bad rows were not explicitly skipped), everything is written in one transaction and returned as
one Change, so undo reverses the whole import in one step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from peewee import IntegrityError, fn

from ..db import db
from ..db.models import RECORD_MODELS, InterviewContact
from . import csvfile
from .backup import backup_open_folder
from .changes import Change, Row, RowChange
from .errors import Cancelled, ServiceError
from .import_plan import Cells, Op, Planned, Planner, Unlink, Update
from .interchange import CsvError, CsvSpec, RowError, SourceRow, spec as get_spec
from .kinds import INTERVIEW_CONTACT, KINDS, OFFER_REVISION
from .values import normalise

__all__ = ["SourceRow", "RowError", "ImportResult", "import_rows", "import_file", "read_file", "parse_row", "CsvError"]

Progress = Callable[[int, int], None]
_EVERY = 200


@dataclass
class ImportResult:
    kind: str  # "interviews"
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    change: Change = field(default_factory=lambda: Change("import"))
    # linked records created on the way, by kind name, e.g. {"company": 3, "opportunity": 4}
    also_created: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def bad_rows(self) -> int:
        return len({e.line for e in self.errors})

    def summary(self) -> str:
        text = f"{self.created} created, {self.updated} updated, {self.skipped} skipped"
        if self.errors:
            text += f", {self.bad_rows} with errors"
        if self.also_created:
            made = ", ".join(f"{n} {KINDS[name].label if n == 1 else KINDS[name].plural}"
                             for name, n in self.also_created.items())
            text += f" (also created {made})"
        return text


def parse_row(spec: CsvSpec, row: SourceRow) -> tuple[Cells, list[RowError]]:
    """The typed values of a row's non-empty cells, and an error for every cell that is wrong."""
    cells: Cells = {}
    errors: list[RowError] = []
    for name in row.values:
        if name not in spec.names:
            errors.append(RowError(row.line, name, f"unknown column; known columns are {', '.join(spec.names)}"))
    for column in spec.columns:
        try:
            value = column.parse(row.values.get(column.name, ""))
        except ValueError as exc:
            errors.append(RowError(row.line, column.name, str(exc)))
            continue
        if value is not None:
            cells[column.name] = value
    return cells, errors


def _tick(i: int, done: int, total: int, progress: Progress | None, cancel: Callable[[], bool] | None) -> None:
    """Every _EVERY steps: stop if cancelled, else report progress."""
    if i % _EVERY:
        return
    if cancel is not None and cancel():
        raise Cancelled()
    if progress is not None:
        progress(done, total)


def import_rows(
    kind: str,
    rows: Iterable[SourceRow],
    *,
    update: bool = False,
    skip_bad_rows: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import rows of one kind ("interviews", "companies" ...), all or nothing.

    A row whose natural key exists is skipped, or with `update` its non-empty cells update the record.
    With errors nothing is written unless `skip_bad_rows`, which writes the good rows. `dry_run`
    plans and counts without writing (a preview). Raises Cancelled when cancel() returns True.
    """
    spec = get_spec(kind)
    rows = list(rows)
    total = 2 * len(rows)
    result = ImportResult(spec.name, rows=len(rows))
    planner = Planner(spec, update=update, today=today or dt.date.today())
    ops: list[Op] = []
    with db.atomic():
        parsed: list[tuple[int, Cells]] = []
        for i, row in enumerate(rows):
            _tick(i, i // 2, total, progress, cancel)
            cells, errors = parse_row(spec, row)
            result.errors.extend(errors)
            if not errors:
                parsed.append((row.line, cells))
        planner.preload([cells for _, cells in parsed])
        for i, (line, cells) in enumerate(parsed):
            _tick(i, (len(rows) + i) // 2, total, progress, cancel)
            plan = planner.plan(line, cells)
            if plan.errors:
                result.errors.extend(plan.errors)
                continue
            for commit in plan.commits:
                commit()
            ops.extend(plan.ops)
            setattr(result, plan.outcome, getattr(result, plan.outcome) + 1)
        result.errors.sort(key=lambda e: (e.line or 0, spec.names.index(e.column) if e.column in spec.names else 99))
        ops = [op for op in ops if not (isinstance(op, Planned) and op.dropped)]
        _count_linked(result, spec, ops)
        if dry_run or (result.errors and not skip_bad_rows):
            return result
        written = result.created + result.updated
        backup_open_folder("before-import")
        result.change = Change(f"import of {written} {'row' if written == 1 else 'rows'}",
                               _write(ops, len(rows), total, progress, cancel))
    if progress is not None:
        progress(total, total)
    return result


def _count_linked(result: ImportResult, spec: CsvSpec, ops: list[Op]) -> None:
    for op in ops:
        if isinstance(op, Planned) and op.kind not in (spec.kind, INTERVIEW_CONTACT, OFFER_REVISION):
            result.also_created[op.kind.name] = result.also_created.get(op.kind.name, 0) + 1


def _row(op: Planned, now: dt.datetime) -> Row:
    """Every column of the record a Planned op creates, links resolved to ids (as snapshot() shows it)."""
    values = {n: v.id if isinstance(v, Planned) else v for n, v in op.values.items()}
    for column, source in op.kind.key_columns:
        values[column] = None if values.get(source) is None else normalise(values[source])
    row: Row = {"id": op.id, "created_at": now, "updated_at": now}
    for f in op.kind.model._meta.sorted_fields:
        if f.name not in row:
            row[f.name] = values[f.name] if f.name in values else f.default() if callable(f.default) else f.default
    return row


def _write(ops: list[Op], done: int, total: int, progress: Progress | None,
           cancel: Callable[[], bool] | None) -> list[RowChange]:
    """Write the planned ops inside the caller's transaction and return what changed, in op order.

    New records get their ids up front (the transaction holds the write lock, so max(id) + 1 is
    free), which lets each table be written with a few multi-row INSERTs, parents first.
    """
    now = dt.datetime.now().replace(microsecond=0)
    created: dict[type, list[Planned]] = {}
    for op in ops:
        if isinstance(op, Planned):
            created.setdefault(op.kind.model, []).append(op)
    for model, planned in created.items():
        next_id = (model.select(fn.MAX(model.id)).scalar() or 0) + 1
        for offset, op in enumerate(planned):
            op.id = next_id + offset
    after: dict[int, Row] = {}  # id(op) -> its row after the import
    steps = max(len(ops), 1)
    written = 0
    try:
        for model in RECORD_MODELS:
            rows = [_row(op, now) for op in created.get(model, [])]
            batch = max(1, 30_000 // len(model._meta.sorted_fields))
            for start in range(0, len(rows), batch):
                _tick(0, done + written * (total - done) // steps, total, progress, cancel)
                model.insert_many(rows[start : start + batch]).execute()
                written += len(rows[start : start + batch])
            after.update({id(op): row for op, row in zip(created.get(model, []), rows)})
        for i, op in enumerate(ops):
            _tick(i, done + written * (total - done) // steps, total, progress, cancel)
            if isinstance(op, Update):
                values = {n: v.id if isinstance(v, Planned) else v for n, v in op.values.items()}
                for column, source in op.kind.key_columns:
                    if source in values:
                        values[column] = None if values[source] is None else normalise(values[source])
                values["updated_at"] = now
                op.kind.model.update(values).where(op.kind.model.id == op.id).execute()
                after[id(op)] = {**op.before, **values}
            elif isinstance(op, Unlink):
                InterviewContact.delete().where(InterviewContact.id == op.row["id"]).execute()
    except IntegrityError as exc:
        raise ServiceError(f"a record could not be written ({exc}); nothing was imported") from None
    changes: list[RowChange] = []
    for op in ops:
        if isinstance(op, Unlink):
            changes.append(RowChange("interview_contact", op.row["id"], op.row, None))
        else:
            before = op.before if isinstance(op, Update) else None
            table = op.kind.model._meta.table_name
            changes.append(RowChange(table, op.id, before, after[id(op)]))  # type: ignore[arg-type]
    return changes


def read_file(kind: str, path: Path, *, shown: str | None = None) -> list[SourceRow]:
    """The rows of a strict CSV file of a kind. Raises CsvError when the file cannot be read
    (missing, empty, binary, not UTF-8, bad header)."""
    spec = get_spec(kind)
    return csvfile.read_csv(path, spec.names, spec.required, shown=shown)


def import_file(
    kind: str, path: Path, *, update: bool = False, today: dt.date | None = None, shown: str | None = None
) -> ImportResult:
    """Import a strict CSV file (PRODUCT.md "CSV interchange"); row errors come back in the result."""
    return import_rows(kind, read_file(kind, path, shown=shown), update=update, today=today)
