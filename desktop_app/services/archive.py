"""A full archive of a data folder: one CSV per table with every column (ids, foreign-key ids,
created_at / updated_at), and manifest.json with the schema version and row counts.

`export all` writes it; `import all` restores it, under the same ids, into an empty data folder only,
all or nothing, checking every cell as the forms would (PRODUCT.md "Command line").
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee

from .. import __version__
from ..db import db
from ..db import models as m
from ..db.migrations import LATEST_VERSION
from . import csvfile
from .backup import backup_open_folder
from .datafolder import has_records
from .errors import ServiceError
from .exporter import unwritable, write_csv
from .interchange import CsvError, RowError, format_cell, parse_cell
from .kinds import BY_TABLE
from .values import BOOL, DATE, INT, LONGTEXT, REF, TEXT, Field, FieldType, TextType, normalise, shown

MANIFEST = "manifest.json"
FORMAT = "sayyes-archive"


class _DateTimeType(FieldType):
    def parse(self, raw: Any, spec: Field) -> dt.datetime:
        try:
            value = dt.datetime.fromisoformat(str(raw).strip())
        except ValueError:
            raise ValueError(f"'{shown(raw)}' is not a date and time; use YYYY-MM-DD HH:MM:SS") from None
        if value.tzinfo is not None:  # SayYes keeps local times; an aware one cannot be compared with them
            raise ValueError(f"'{shown(raw)}' has a time zone; use local time, YYYY-MM-DD HH:MM:SS")
        return value

    def to_text(self, value: Any) -> str:
        if value is None:
            return ""
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else str(value)


class _JsonType(FieldType):
    def parse(self, raw: Any, spec: Field) -> str:
        try:
            json.loads(raw)
        except ValueError:
            raise ValueError("is not valid JSON") from None
        return str(raw)


DATETIME = _DateTimeType("datetime")
JSON = _JsonType("json")

_BY_PEEWEE_TYPE: tuple[tuple[type[peewee.Field], FieldType], ...] = (
    (peewee.ForeignKeyField, REF), (peewee.BooleanField, BOOL), (peewee.DateTimeField, DATETIME),
    (peewee.DateField, DATE), (peewee.IntegerField, INT), (peewee.TextField, LONGTEXT), (peewee.CharField, TEXT),
)


@dataclass(frozen=True)
class ArchiveColumn:
    name: str  # the header: the database column ("company_id")
    field_name: str  # the model's field ("company")
    field: Field
    derived_from: str | None = None  # a normalised key column, recomputed on import

    @property
    def is_text(self) -> bool:
        return isinstance(self.field.type, TextType)

    def format(self, value: Any) -> str:
        return format_cell(self.field, value)

    def parse(self, cell: str) -> Any:
        return parse_cell(self.field, cell)


def _field_for(model: type[m.BaseModel], f: peewee.Field) -> Field:
    kind = BY_TABLE.get(model._meta.table_name)
    if f.primary_key:
        return Field(f.name, "Id", INT, required=True, minimum=1)
    if kind is not None and f.name in kind.field_names:
        return kind.field(f.name)
    if model is m.Setting and f.name == "value":
        return Field(f.name, "Value", JSON, required=True)
    field_type = next(t for cls, t in _BY_PEEWEE_TYPE if isinstance(f, cls))
    return Field(f.name, f.name, field_type, required=not f.null)


def columns(model: type[m.BaseModel]) -> list[ArchiveColumn]:
    kind = BY_TABLE.get(model._meta.table_name)
    derived = dict(kind.key_columns) if kind else {}
    return [ArchiveColumn(f.column_name, f.name, _field_for(model, f), derived.get(f.name))
            for f in model._meta.sorted_fields]


def _table_rows(model: type[m.BaseModel]) -> Any:
    cols = columns(model)
    yield [c.name for c in cols]
    for record in model.select().order_by(model.id).tuples().iterator():
        yield [c.format(v) for c, v in zip(cols, record)]


def export_all(dest: Path, *, cancel: Callable[[], bool] | None = None) -> dict[str, int]:
    """Write the archive into `dest` (a new or empty folder); return the row count of every table.

    A cancelled export (cancel() returning True) leaves no folder behind."""
    dest = Path(dest)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise ServiceError(f"{dest}: already exists and is not an empty folder; choose a new folder")
    if not dest.parent.is_dir():
        raise ServiceError(f"{dest}: the folder {dest.parent} does not exist")
    try:
        temp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    except OSError as exc:
        raise unwritable(dest, exc) from None
    try:
        counts: dict[str, int] = {}
        tables: dict[str, Any] = {}
        with db.atomic("DEFERRED"):
            for model in m.RECORD_MODELS:
                table = model._meta.table_name
                fd = os.open(temp / f"{table}.csv", os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                    counts[table] = write_csv(out, _table_rows(model), cancel)
                tables[table] = {"file": f"{table}.csv", "rows": counts[table],
                                 "columns": [c.name for c in columns(model)]}
        manifest = {"format": FORMAT, "schema_version": LATEST_VERSION, "app_version": __version__,
                    "exported_at": dt.datetime.now().replace(microsecond=0).isoformat(), "tables": tables}
        (temp / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        if dest.exists():
            dest.rmdir()
        os.replace(temp, dest)
    except BaseException as exc:
        shutil.rmtree(temp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise unwritable(dest, exc) from None
        raise
    return counts


def _fail(path: Path, message: str) -> CsvError:
    return CsvError([RowError(None, "", message, str(path))])


def read_manifest(src: Path) -> dict[str, Any]:
    path = Path(src) / MANIFEST
    if not Path(src).is_dir():
        raise _fail(Path(src), "no such folder" if not Path(src).exists() else "is not a folder")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _fail(path, "no such file; is this a folder written by `sayyes export all`?") from None
    except (ValueError, OSError) as exc:
        raise _fail(path, f"cannot be read ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(
            manifest.get("tables"), dict):
        raise _fail(path, "is not the manifest of a SayYes archive")
    version = manifest.get("schema_version")
    if version != LATEST_VERSION:
        raise _fail(path, f"the archive has schema version {version}; this version of SayYes restores "
                          f"schema version {LATEST_VERSION} only")
    return manifest


def _read_table(src: Path, model: type[m.BaseModel], info: Any, errors: list[RowError]) -> list[tuple[int, dict]]:
    """(line, values by field name) of one table's file; problems go to `errors`."""
    table = model._meta.table_name
    name = info.get("file") if isinstance(info, dict) else None
    if not isinstance(name, str) or Path(name).name != name:
        errors.append(RowError(None, "", f"does not name the file of table {table}", str(src / MANIFEST)))
        return []
    path = src / name
    cols = columns(model)
    try:
        rows = csvfile.read_csv(path, [c.name for c in cols], [c.name for c in cols if not c.derived_from],
                                shown=str(path))
    except CsvError as exc:
        errors.extend(exc.errors)
        return []
    if info.get("rows") != len(rows):
        errors.append(RowError(None, "", f"has {len(rows)} rows but {MANIFEST} says {info.get('rows')}", str(path)))
    parsed: list[tuple[int, dict]] = []
    for row in rows:
        values: dict[str, Any] = {}
        bad = False
        for c in cols:
            if c.derived_from:
                continue
            try:
                values[c.field_name] = c.parse(row.values.get(c.name, ""))
            except ValueError as exc:
                errors.append(RowError(row.line, c.name, str(exc), str(path)))
                bad = True
        if bad:
            continue
        for c in cols:
            if c.derived_from:
                source = values.get(c.derived_from)
                values[c.field_name] = None if source is None else normalise(source)
        parsed.append((row.line, values))
    errors.extend(_duplicates(model, path, parsed))
    return parsed


def _duplicates(model: type[m.BaseModel], path: Path, rows: list[tuple[int, dict]]) -> list[RowError]:
    """Rows that break the id or another unique constraint of the table."""
    meta = model._meta
    unique_sets = [(f.name,) for f in meta.sorted_fields if f.unique or f.primary_key]
    unique_sets += [tuple(names) for names, unique in meta.indexes if unique]
    errors: list[RowError] = []
    for names in unique_sets:
        seen: dict[tuple, int] = {}
        column = meta.fields[names[-1]].column_name
        for line, values in rows:
            key = tuple(values.get(n) for n in names)
            if None in key:
                continue
            if key in seen:
                shown = " and ".join(meta.fields[n].column_name for n in names)
                errors.append(RowError(line, column, f"has the same {shown} as line {seen[key]}", str(path)))
            else:
                seen[key] = line
    return errors


def _batch_size(width: int) -> int:
    limit = 32_000 if sqlite3.sqlite_version_info >= (3, 32) else 999
    return max(1, limit // max(width, 1))


def _broken_links(src: Path, lines: dict[str, dict[int, int]], manifest: dict[str, Any]) -> list[RowError]:
    errors: list[RowError] = []
    for table, rowid, parent, fkid in db.execute_sql("PRAGMA foreign_key_check").fetchall():
        links = {row[0]: row for row in db.execute_sql(f'PRAGMA foreign_key_list("{table}")').fetchall()}
        column = links[fkid][3] if fkid in links else ""
        target = db.execute_sql(f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()
        path = src / manifest["tables"][table]["file"]
        shown = target[0] if target else "?"
        errors.append(RowError(lines[table].get(rowid), column, f"there is no {parent} with id {shown}", str(path)))
    return errors


def import_all(src: Path) -> dict[str, int]:
    """Restore an archive into the open data folder, which must hold no records (its settings are
    replaced). All or nothing; raises CsvError naming every bad cell by file, line and column."""
    src = Path(src)
    manifest = read_manifest(src)
    if has_records():
        raise ServiceError("the data folder already holds records; `import all` restores only into an empty one")
    errors: list[RowError] = []
    tables: dict[type[m.BaseModel], list[tuple[int, dict]]] = {}
    for model in m.RECORD_MODELS:
        info = manifest["tables"].get(model._meta.table_name)
        if info is None:
            errors.append(RowError(None, "", f"does not list table {model._meta.table_name}", str(src / MANIFEST)))
            continue
        tables[model] = _read_table(src, model, info, errors)
    if errors:
        raise CsvError(errors)
    backup_open_folder("before-import")
    with db.atomic():
        db.execute_sql("PRAGMA defer_foreign_keys = ON")
        m.Setting.delete().execute()
        for model, rows in tables.items():
            size = _batch_size(len(model._meta.sorted_fields))
            for start in range(0, len(rows), size):
                model.insert_many([values for _, values in rows[start : start + size]]).execute()
        lines = {model._meta.table_name: {values["id"]: line for line, values in rows}
                 for model, rows in tables.items()}
        broken = _broken_links(src, lines, manifest)
        if broken:
            raise CsvError(broken)
    return {model._meta.table_name: len(rows) for model, rows in tables.items()}
