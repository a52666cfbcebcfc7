"""Importing rows of one kind: the engine behind `sayyes import` and the GUI import wizard.

The rows come already mapped to CSV column names (from a CSV file, a spreadsheet, a wizard's
mapping). Every row is parsed and planned before anything is written; then, unless there are errors
(and bad rows were not explicitly skipped), everything is written in one transaction and returned as
one Change, so undo reverses the whole import in one step.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

from peewee import DateField, ForeignKeyField, IntegrityError, fn

from ..db import db
from ..db.models import RECORD_MODELS, BaseModel, InterviewContact
from . import csvfile, search_index
from .bulk import collector_paused
from .backup import backup_open_folder
from .changes import Change, Row, RowChange
from .errors import Cancelled, ServiceError
from .import_ops import Cells, Op, Planned, Unlink, Update
from .import_plan import Planner
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


class _Memo(dict):
    """One column's parsed values by cell text: a cell not seen yet is parsed on lookup, and kept
    while the column has fewer than _MEMO texts (free text only when short); a wrong cell raises
    ValueError."""

    __slots__ = ("parse", "longest")

    def __init__(self, parse: Callable[[str], Any], longest: int, required: bool):
        super().__init__({None: None} if required else {None: None, "": None})
        self.parse, self.longest = parse, longest

    def __missing__(self, cell: str) -> Any:
        value = self.parse(cell)
        if len(self) < _RowParser._MEMO and len(cell) <= self.longest:
            self[cell] = value
        return value


class _RowParser:
    """Parses the rows of one import. A cell's value is worked out once per distinct text of its
    column (imports repeat company names, roles, dates, stages, short notes ...); long free text is
    parsed every time.

    Rows with the same columns in the same order (every row of a file) are parsed by one map over
    their cells; a row with a wrong cell, or without a required column, goes the long way, which names
    every problem."""

    _MEMO = 20_000  # distinct texts remembered per column
    _FREE_TEXT = 256  # free text remembered up to this length (notes, feedback and interviewers repeat too)

    def __init__(self, spec: CsvSpec):
        self.spec = spec
        self.known = frozenset(spec.names)
        self.columns: list[tuple[str, _Memo]] = []
        for c in spec.columns:
            longest = self._FREE_TEXT if c.field.type is LONGTEXT else sys.maxsize
            self.columns.append((c.name, _Memo(c.parse, longest, c.required)))
        self.orders = _Orders(self)

    def __call__(self, row: SourceRow) -> tuple[Cells, list[RowError]]:
        cells = self.fast(row)
        return (cells, []) if cells is not None else self.slow(row)

    def fast(self, row: SourceRow) -> Cells | None:
        """The row's cells, or None when it has a wrong cell or is not of a shape parsed quickly."""
        values = row.values
        order = self.orders[tuple(values)]
        if order is None:
            return None
        try:
            return {name: value for name, value in zip(order[1], map(_Memo.__getitem__, order[0], values.values()))
                    if value is not None}
        except ValueError:
            return None

    def slow(self, row: SourceRow) -> tuple[Cells, list[RowError]]:
        cells: Cells = {}
        errors: list[RowError] = []
        values = row.values
        if not self.known.issuperset(values):
            for name in values:
                if name not in self.known:
                    errors.append(RowError(row.line, name,
                                           f"unknown column; known columns are {', '.join(self.spec.names)}"))
        for name, memo in self.columns:
            try:
                value = memo[values.get(name, "")]
            except ValueError as exc:
                errors.append(RowError(row.line, name, str(exc)))
                continue
            if value is not None:
                cells[name] = value
        return cells, errors


class _Orders(dict):
    """By the column names of a row, in its order: the memos its cells go through and the names
    again, or None when such rows go the long way (an unknown column, a required one missing)."""

    def __init__(self, parser: _RowParser):
        super().__init__()
        self.parser = parser

    def __missing__(self, names: tuple[str, ...]) -> tuple[list[_Memo], tuple[str, ...]] | None:
        spec = self.parser.spec
        fast = set(spec.names).issuperset(names) and set(spec.required).issubset(names)
        order = ([dict(self.parser.columns)[name] for name in names], names) if fast else None
        self[names] = order
        return order


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
        lines: list[int] = []
        parsed: list[Cells] = []
        parser = _RowParser(spec)
        fast = parser.fast
        for start in range(0, len(rows), _EVERY):
            _tick(0, start // 2, total, progress, cancel)
            for row in rows[start : start + _EVERY]:
                cells = fast(row)
                if cells is None:
                    cells, errors = parser.slow(row)
                    if errors:
                        result.errors.extend(errors)
                        continue
                lines.append(row.line)
                parsed.append(cells)
        planner.preload(parsed)
        outcomes = {"created": 0, "updated": 0, "skipped": 0}
        plan_row = planner.plan
        for start in range(0, len(parsed), _EVERY):
            _tick(0, (len(rows) + start) // 2, total, progress, cancel)
            for line, cells in zip(lines[start : start + _EVERY], parsed[start : start + _EVERY]):
                plan = plan_row(line, cells)
                if plan.errors:
                    result.errors.extend(plan.errors)
                    continue
                for commit in plan.commits:
                    commit()
                ops += plan.ops
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


def _rows(model: type[BaseModel], planned: list[Planned], now: dt.datetime) -> list[Row]:
    """Every column of the records Planned ops of one model create, links resolved to ids (as
    snapshot() shows them), created_at and updated_at set to `now`. Gives each op its id: the
    transaction holds the write lock, so max(id) + 1 onwards are free."""
    fields = model._meta.sorted_fields
    template: Row = {f.name: f.default() if callable(f.default) else f.default for f in fields}
    template["id"], template["created_at"], template["updated_at"] = None, now, now
    links = [f.name for f in fields if isinstance(f, ForeignKeyField)]
    keys = planned[0].kind.key_columns
    next_id = (model.select(fn.MAX(model.id)).scalar() or 0) + 1
    rows: list[Row] = []
    append = rows.append
    for op in planned:
        row = op.values  # the kind's fields and links (import_plan builds no others): it becomes the row
        row["id"] = op.id = next_id
        row["created_at"] = row["updated_at"] = now
        next_id += 1
        for column, _ in keys:
            row[column] = None
        if len(row) != len(template):  # some columns left to their defaults
            row = op.values = {name: row.get(name, value) for name, value in template.items()}
        for name in links:
            if type(row[name]) is Planned:
                row[name] = row[name].id
        for column, source in keys:
            row[column] = None if row[source] is None else normalise(row[source])
        append(row)
    return rows


def _insert(model: type[BaseModel], rows: list[Row], tick: Callable[[int], None], same: dict[str, str]) -> None:
    """The rows as a few multi-row INSERTs through the database (its error handling included), the
    values handed to sqlite3 as peewee would hand them (a date as the adapter writes it), without
    building SQL per row. `same`: the text of fields every row has the same value in, written once
    in the SQL."""
    columns = ", ".join(f'"{f.column_name}"' for f in model._meta.sorted_fields)
    head = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES '
    marks = "(" + ", ".join("'" + same[f.name].replace("'", "''") + "'" if f.name in same else "?"
                            for f in model._meta.sorted_fields) + ")"
    fields = [f for f in model._meta.sorted_fields if f.name not in same]
    values = itemgetter(*(f.name for f in fields))
    dates = [i for i, f in enumerate(fields) if isinstance(f, DateField)]
    date_text = _DateText()
    width = len(fields)
    batch = max(1, _PARAMETERS // width)
    sql = ""
    for start in range(0, len(rows), batch):
        tick(start)
        chunk = rows[start : start + batch]
        if len(chunk) != batch or not sql:
            sql = head + ", ".join([marks] * len(chunk))
        params = list(chain.from_iterable(map(values, chunk)))
        for i in dates:  # as sqlite3's date adapter writes them, once per distinct date
            params[i::width] = [date_text[v] if type(v) is dt.date else v for v in params[i::width]]
        db.execute_sql(sql, params)


class _DateText(dict):
    """day -> day.isoformat(), worked out once per day."""

    def __missing__(self, day: dt.date) -> str:
        text = self[day] = day.isoformat()
        return text


def _write(ops: list[Op], done: int, total: int, progress: Progress | None,
           cancel: Callable[[], bool] | None) -> list[RowChange]:
    """Write the planned ops inside the caller's transaction and return what changed, in op order.

    New records get their ids up front, which lets each table be written with a few multi-row
    INSERTs, parents first, and its full-text index filled in one pass (search_index.bulk_insert).
    """
    now = dt.datetime.now().replace(microsecond=0)
    stamp = now.isoformat(" ")  # what sqlite3 writes for `now`
    same = {"created_at": stamp, "updated_at": stamp}
    created: dict[type, list[Planned]] = {model: [] for model in RECORD_MODELS}
    others: list[Update | Unlink] = []
    for op in ops:
        if type(op) is Planned:
            created[op.kind.model].append(op)
        else:
            others.append(op)  # type: ignore[arg-type]
    after: dict[int, Row] = {}  # id(op) -> its row after the import, for updates
    steps = max(len(ops), 1)
    written = 0

    def tick(i: int) -> None:
        _tick(0, done + (written + i) * (total - done) // steps, total, progress, cancel)

    tables = {model: model._meta.table_name for model in RECORD_MODELS}
    try:
        with search_index.bulk_insert(model._meta.table_name for model in created if created[model]):
            for model in RECORD_MODELS:
                planned = created[model]
                if not planned:
                    continue
                rows = _rows(model, planned, now)
                _insert(model, rows, tick, same)
                written += len(rows)
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
    made: list[RowChange | None] = [RowChange(tables[op.kind.model], op.id, None, op.values)
                                    if type(op) is Planned else None for op in ops]
    if others:  # the updates' and unlinks' places in op order
        for i, op in enumerate(ops):
            if type(op) is Update:
                made[i] = RowChange(tables[op.kind.model], op.id, op.before, after[id(op)])
            elif type(op) is Unlink:
                made[i] = RowChange("interview_contact", op.row["id"], op.row, None)
    return made  # type: ignore[return-value]


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
