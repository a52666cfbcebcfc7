"""Importing rows of one kind: the engine behind `sayyes import` and the GUI import wizard.

The rows come already mapped to CSV column names (from a CSV file, a spreadsheet, a wizard's
mapping). Every row is parsed and planned before anything is written; then, unless there are errors
(and bad rows were not explicitly skipped), everything is written in one transaction and returned as
one Change, so undo reverses the whole import in one step.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

from peewee import ForeignKeyField, IntegrityError, fn

from ..db import db
from ..db.models import RECORD_MODELS, BaseModel, InterviewContact
from . import csvfile, search_index
from .bulk import collector_paused
from .backup import backup_open_folder
from .changes import Change, Row, RowChange
from .errors import Cancelled, ServiceError
from .import_plan import Cells, Op, Planned, Planner, Unlink, Update
from .interchange import CsvError, CsvSpec, RowError, SourceRow, spec as get_spec
from .kinds import INTERVIEW_CONTACT, KINDS, OFFER_REVISION
from .values import LONGTEXT, normalise

__all__ = ["SourceRow", "RowError", "ImportResult", "import_rows", "import_file", "read_file", "parse_row", "CsvError"]

Progress = Callable[[int, int], None]
_EVERY = 200
_PARAMETERS = 30_000  # values per INSERT statement (SQLite takes up to 32,766)


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


class _RowParser:
    """Parses the rows of one import. A short cell's value is worked out once per distinct text of its
    column (imports repeat company names, roles, dates, stages ...); free text is parsed every time."""

    _MEMO = 20_000  # distinct texts remembered per column

    def __init__(self, spec: CsvSpec):
        self.spec = spec
        self.known = frozenset(spec.names)
        self.columns: list[tuple[str, Callable[[str], Any], dict[str | None, Any], bool]] = []
        for c in spec.columns:
            known: dict[str | None, Any] = {None: None} if c.required else {None: None, "": None}
            self.columns.append((c.name, c.parse, known, c.field.type is not LONGTEXT))

    def __call__(self, row: SourceRow) -> tuple[Cells, list[RowError]]:
        cells: Cells = {}
        errors: list[RowError] = []
        values = row.values
        if not self.known.issuperset(values):
            for name in values:
                if name not in self.known:
                    errors.append(RowError(row.line, name,
                                           f"unknown column; known columns are {', '.join(self.spec.names)}"))
        complete = len(values) == len(self.columns) and not errors  # every column, so no .get()
        for name, parse, known, remember in self.columns:
            cell = values[name] if complete else values.get(name, "")
            value = known.get(cell, _UNSEEN)
            if value is _UNSEEN:
                try:
                    value = parse(cell)
                except ValueError as exc:
                    errors.append(RowError(row.line, name, str(exc)))
                    continue
                if remember and len(known) < self._MEMO:
                    known[cell] = value
            if value is not None:
                cells[name] = value
        return cells, errors


_UNSEEN = object()


def parse_row(spec: CsvSpec, row: SourceRow) -> tuple[Cells, list[RowError]]:
    """The typed values of a row's non-empty cells, and an error for every cell that is wrong."""
    return _RowParser(spec)(row)


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
    with collector_paused():
        return _import_rows(kind, rows, update=update, skip_bad_rows=skip_bad_rows, today=today,
                            progress=progress, cancel=cancel, dry_run=dry_run)


def _import_rows(kind: str, rows: Iterable[SourceRow], *, update: bool, skip_bad_rows: bool,
                 today: dt.date | None, progress: Progress | None, cancel: Callable[[], bool] | None,
                 dry_run: bool) -> ImportResult:
    spec = get_spec(kind)
    rows = list(rows)
    total = 2 * len(rows)
    result = ImportResult(spec.name, rows=len(rows))
    planner = Planner(spec, update=update, today=today or dt.date.today())
    ops: list[Op] = []
    with db.atomic():
        parsed: list[tuple[int, Cells]] = []
        parse_row = _RowParser(spec)
        for i, row in enumerate(rows):
            if not i % _EVERY:
                _tick(i, i // 2, total, progress, cancel)
            cells, errors = parse_row(row)
            if errors:
                result.errors.extend(errors)
            else:
                parsed.append((row.line, cells))
        planner.preload([cells for _, cells in parsed])
        outcomes = {"created": 0, "updated": 0, "skipped": 0}
        for i, (line, cells) in enumerate(parsed):
            if not i % _EVERY:
                _tick(i, (len(rows) + i) // 2, total, progress, cancel)
            plan = planner.plan(line, cells)
            if plan.errors:
                result.errors.extend(plan.errors)
                continue
            for commit in plan.commits:
                commit()
            ops.extend(plan.ops)
            outcomes[plan.outcome] += 1
        result.created, result.updated, result.skipped = outcomes["created"], outcomes["updated"], outcomes["skipped"]
        result.errors.sort(key=lambda e: (e.line or 0, spec.position.get(e.column, 99)))
        ops = [op for op in ops if type(op) is not Planned or not op.dropped]
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
    made = Counter(op.kind.name for op in ops if type(op) is Planned)
    for name, count in made.items():
        if name not in (spec.kind.name, INTERVIEW_CONTACT.name, OFFER_REVISION.name):
            result.also_created[name] = count


def _rows(model: type[BaseModel], planned: list[Planned], stamp: Any) -> list[Row]:
    """Every column of the records Planned ops of one model create, links resolved to ids (as
    snapshot() shows them), created_at and updated_at set to `stamp`. Gives each op its id: the
    transaction holds the write lock, so max(id) + 1 onwards are free."""
    fields = model._meta.sorted_fields
    template: Row = {f.name: f.default() if callable(f.default) else f.default for f in fields}
    template["id"], template["created_at"], template["updated_at"] = None, stamp, stamp
    links = [f.name for f in fields if isinstance(f, ForeignKeyField)]
    keys = planned[0].kind.key_columns
    next_id = (model.select(fn.MAX(model.id)).scalar() or 0) + 1
    rows: list[Row] = []
    for op in planned:
        row = op.values  # the kind's fields and links (import_plan builds no others): it becomes the row
        row["id"], row["created_at"], row["updated_at"] = next_id, stamp, stamp
        for column, _ in keys:
            row[column] = None
        if len(row) != len(template):  # some columns left to their defaults
            row = {name: row.get(name, value) for name, value in template.items()}
        op.id = next_id
        next_id += 1
        for name in links:
            if type(row[name]) is Planned:
                row[name] = row[name].id
        for column, source in keys:
            row[column] = None if row[source] is None else normalise(row[source])
        rows.append(row)
    return rows


def _insert(model: type[BaseModel], rows: list[Row], tick: Callable[[int], None]) -> None:
    """The rows as a few multi-row INSERTs through the database (its error handling included), the
    values handed to sqlite3 as peewee would hand them (a date as the adapter writes it), without
    building SQL per row."""
    fields = model._meta.sorted_fields
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    head = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES '
    marks = "(" + ", ".join("?" * len(fields)) + ")"
    values = itemgetter(*(f.name for f in fields))
    batch = max(1, _PARAMETERS // len(fields))
    sql = ""
    for start in range(0, len(rows), batch):
        tick(start)
        chunk = rows[start : start + batch]
        if len(chunk) != batch or not sql:
            sql = head + ", ".join([marks] * len(chunk))
        db.execute_sql(sql, list(chain.from_iterable(map(values, chunk))))


def _write(ops: list[Op], done: int, total: int, progress: Progress | None,
           cancel: Callable[[], bool] | None) -> list[RowChange]:
    """Write the planned ops inside the caller's transaction and return what changed, in op order.

    New records get their ids up front, which lets each table be written with a few multi-row
    INSERTs, parents first, and its full-text index filled in one pass (search_index.bulk_insert).
    """
    now = dt.datetime.now().replace(microsecond=0)
    stamp = now.isoformat(" ")  # what sqlite3 writes for `now`, without adapting it row by row
    created: dict[type, list[Planned]] = {}
    others: list[Update | Unlink] = []
    for op in ops:
        if type(op) is Planned:
            created.setdefault(op.kind.model, []).append(op)
        else:
            others.append(op)  # type: ignore[arg-type]
    after: dict[int, Row] = {}  # id(op) -> its row after the import
    steps = max(len(ops), 1)
    written = 0

    def tick(i: int) -> None:
        _tick(0, done + (written + i) * (total - done) // steps, total, progress, cancel)

    try:
        with search_index.bulk_insert(model._meta.table_name for model in created):
            for model in RECORD_MODELS:
                planned = created.get(model, [])
                if not planned:
                    continue
                rows = _rows(model, planned, stamp)
                _insert(model, rows, tick)
                written += len(rows)
                for row in rows:
                    row["created_at"] = row["updated_at"] = now
                after.update(zip(map(id, planned), rows))
        for i, op in enumerate(others):
            _tick(i, done + (written + i) * (total - done) // steps, total, progress, cancel)
            if isinstance(op, Update):
                values = {n: v.id if isinstance(v, Planned) else v for n, v in op.values.items()}
                for column, source in op.kind.key_columns:
                    if source in values:
                        values[column] = None if values[source] is None else normalise(values[source])
                values["updated_at"] = now
                op.kind.model.update(values).where(op.kind.model.id == op.id).execute()
                after[id(op)] = {**op.before, **values}
            else:
                InterviewContact.delete().where(InterviewContact.id == op.row["id"]).execute()
    except IntegrityError as exc:
        raise ServiceError(f"a record could not be written ({exc}); nothing was imported") from None
    tables = {model: model._meta.table_name for model in RECORD_MODELS}
    changes: list[RowChange] = []
    for op in ops:
        if type(op) is Planned:
            changes.append(RowChange(tables[op.kind.model], op.id, None, after[id(op)]))  # type: ignore[arg-type]
        elif type(op) is Update:
            changes.append(RowChange(tables[op.kind.model], op.id, op.before, after[id(op)]))
        else:
            changes.append(RowChange("interview_contact", op.row["id"], op.row, None))
    return changes


def read_file(kind: str, path: Path, *, shown: str | None = None) -> list[SourceRow]:
    """The rows of a strict CSV file of a kind. Raises CsvError when the file cannot be read
    (missing, empty, binary, not UTF-8, bad header)."""
    spec = get_spec(kind)
    with collector_paused():
        return csvfile.read_csv(path, spec.names, spec.required, shown=shown)


def import_file(
    kind: str, path: Path, *, update: bool = False, today: dt.date | None = None, shown: str | None = None
) -> ImportResult:
    """Import a strict CSV file (PRODUCT.md "CSV interchange"); row errors come back in the result."""
    return import_rows(kind, read_file(kind, path, shown=shown), update=update, today=today)
