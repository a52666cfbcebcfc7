"""The spreadsheets people really have, read for the import wizard (PRODUCT.md "CSV interchange").

A CSV file in UTF-8, UTF-16 or Windows-1252, comma-, semicolon- or tab-separated, with its header on
any row (or none), or the first (or a chosen) sheet of an .xlsx workbook. Its columns are mapped to
the CSV columns of a kind, its dates turned to ISO from the date order the user chose, and the result
is the SourceRows the importer takes, each with the line (or sheet row) it came from. Dates and
times are read by tabular_dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import settings
from .errors import ServiceError
from .interchange import RowError, SourceRow, spec as get_spec
from .tabular_dates import DATE_ORDERS, convert_date, convert_time, describe_date, guess_date_order
from .values import DateType, TimeType, normalise

__all__ = ["DATE_ORDERS", "DELIMITERS", "ENCODINGS", "Mapped", "Mapping", "Options", "Table", "TabularError",
           "convert_date", "convert_time", "describe_date", "guess_date_order", "guess_options", "load_mapping",
           "mapping_problems", "read_table", "save_mapping", "sheet_names", "suggest_mapping", "to_source_rows"]

ENCODINGS = {"utf-8": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252"}
DELIMITERS = {",": "Comma  ,", ";": "Semicolon  ;", "\t": "Tab"}
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
MAPPINGS_KEY = "import.mappings"
KEPT_MAPPINGS = 20  # per kind, the most recently saved

Mapping = dict[str, "str | None"]  # source column -> CSV column of the kind, None to ignore it
Record = tuple[int, tuple[str, ...]]  # (line or sheet row, cells)

_FIELD_LIMIT = 16 * 1024 * 1024


class TabularError(ServiceError):
    """The file cannot be read with these options; the message says why, and where."""


@dataclass(frozen=True)
class Options:
    encoding: str = "utf-8"
    delimiter: str = ","
    header_row: int = 1  # the line (sheet row) of the column names: the first record from there; 0: none
    sheet: str | None = None  # a workbook's sheet; None: the first
    date_order: str = "iso"


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]  # unique names: the header's cells, "Column 3" where blank
    rows: tuple[Record, ...]  # the non-blank records below the header
    header_line: int | None  # None when the file has no header row


@dataclass
class Mapped:
    rows: list[SourceRow] = field(default_factory=list)  # rows whose every cell could be converted
    errors: list[RowError] = field(default_factory=list)  # cells that could not (their rows are left out)
    total: int = 0  # rows read


# --- reading ------------------------------------------------------------------------------------


def is_workbook(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"PK\x03\x04"
    except OSError:
        return Path(path).suffix.lower() in WORKBOOK_SUFFIXES


def _read_bytes(path: Path) -> bytes:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise TabularError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise TabularError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise TabularError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TabularError(f"{Path(path).name} is an old Excel .xls workbook; save it as .xlsx or CSV first")
    return data


def _utf16_codec(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:4000]
    return "utf-16-be" if head[0::2].count(0) > head[1::2].count(0) else "utf-16-le"


def decode(data: bytes, encoding: str) -> str:
    """The text of a file's bytes in one of ENCODINGS; a BOM is dropped. Raises TabularError."""
    if encoding not in ENCODINGS:
        raise TabularError(f"unknown encoding {encoding!r}; use one of: {', '.join(ENCODINGS.values())}")
    codec = {"utf-8": "utf-8-sig", "cp1252": "cp1252"}.get(encoding) or _utf16_codec(data)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(codec, errors="replace").count("\n") + 1
        byte = data[exc.start : exc.start + 1].hex().upper()
        raise TabularError(f"this is not {ENCODINGS[encoding]} text (byte 0x{byte} on line {line}); "
                           "choose another encoding") from None


def _csv_records(text: str, delimiter: str, limit: int | None) -> Iterator[Record]:
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for count, cells in enumerate(reader):
            if limit is not None and count >= limit:
                return
            yield start, tuple(cells)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise TabularError(f"line {start} is not valid CSV ({exc})") from None


def cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a CSV file would hold: dates ISO, whole numbers without .0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.timedelta):
        return str(round(value.total_seconds() / 60))  # a duration: minutes, as SayYes keeps them
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _open_workbook(path: Path) -> Any:
    import openpyxl  # only when a workbook is opened: it takes a while to import

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise TabularError(f"{Path(path).name} cannot be read as an .xlsx workbook ({exc})") from None


def sheet_names(path: Path) -> list[str]:
    book = _open_workbook(path)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def _sheet_records(path: Path, sheet: str | None, limit: int | None) -> Iterator[Record]:
    book = _open_workbook(path)
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise TabularError(f"the workbook has no sheet {sheet!r}; it has {', '.join(book.sheetnames)}")
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        ws.reset_dimensions()  # the stored size is often wrong; read every row there is
        for count, values in enumerate(ws.iter_rows(values_only=True)):
            if limit is not None and count >= limit:
                return
            cells = [cell_text(v) for v in values]
            while cells and cells[-1] == "":
                cells.pop()
            yield count + 1, tuple(cells)
    finally:
        book.close()


def read_records(path: Path, options: Options, limit: int | None = None) -> Iterator[Record]:
    """Every record of the file (blank ones too) with its line or sheet row; at most `limit`."""
    if is_workbook(path):
        yield from _sheet_records(path, options.sheet, limit)
    else:
        yield from _csv_records(decode(_read_bytes(path), options.encoding), options.delimiter, limit)


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for i, raw in enumerate(names, start=1):
        name = " ".join(raw.split()) or f"Column {i}"
        candidate, n = name, 2
        while candidate.casefold() in seen:
            candidate, n = f"{name} ({n})", n + 1
        seen.add(candidate.casefold())
        out.append(candidate)
    return tuple(out)


def read_table(path: Path, options: Options, limit: int | None = None) -> Table:
    """The header and the non-blank rows below it (at most `limit` of them). Raises TabularError."""
    header: tuple[str, ...] | None = None
    header_line: int | None = None
    rows: list[Record] = []
    for line, cells in read_records(path, options):
        if not any(c.strip() for c in cells):
            continue
        if options.header_row and header is None:
            if line >= options.header_row:
                header, header_line = cells, line
            continue
        rows.append((line, cells))
        if limit is not None and len(rows) >= limit:
            break
    if options.header_row and header is None:
        raise TabularError("the file is empty" if options.header_row == 1 else
                           f"there is nothing at line {options.header_row} or below to be the header row")
    if header is None:
        header = ("",) * max((len(cells) for _, cells in rows), default=0)
    return Table(_unique(header), tuple(rows), header_line)


# --- guessing the options -----------------------------------------------------------------------


def _guess_encoding(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4000]:
        return "utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _guess_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:30])
    try:
        found = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        found = None
    if found in DELIMITERS:
        return found
    first = sample.split("\n", 1)[0]
    return max(DELIMITERS, key=lambda d: first.count(d))  # ties go to the comma, which comes first


def guess_options(path: Path, *, ambiguous: str = "day-first") -> Options:
    """Likely options for a file: its encoding and delimiter, header on line 1, and the date order
    its dates show (`ambiguous` when they could be read either way, like 03/04/2026)."""
    if is_workbook(path):
        options = Options()
    else:
        data = _read_bytes(path)
        encoding = _guess_encoding(data)
        try:
            text = decode(data, encoding)
        except TabularError:
            text = data.decode("cp1252", errors="replace")
            encoding = "cp1252"
        options = Options(encoding=encoding, delimiter=_guess_delimiter(text))
    try:
        cells = [c for _, row in read_records(path, options, limit=200) for c in row]
    except TabularError:
        return options
    return Options(options.encoding, options.delimiter, 1, None, guess_date_order(cells) or ambiguous)


# --- mapping columns to fields ------------------------------------------------------------------


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", normalise(text))


def suggest_mapping(kind: str, columns: Iterable[str]) -> Mapping:
    """Each source column matched, by name or label, trimmed and case-insensitively, to a CSV column of
    the kind (each used once); None where nothing matches."""
    spec = get_spec(kind)
    names: dict[str, str] = {}
    own = [c for c in spec.columns if c.target]  # a linked record's field label ("Name") would mislead
    aliases = [(c.name, c) for c in spec.columns] + [(c.target or "", c) for c in own] + \
        [(c.field.label, c) for c in own]
    for alias, column in aliases:
        names.setdefault(_key(alias), column.name)
    mapping: Mapping = {}
    used: set[str] = set()
    for source in columns:
        target = names.get(_key(source))
        mapping[source] = target if target and target not in used else None
        if target:
            used.add(target)
    return mapping


def mapping_problems(kind: str, mapping: Mapping) -> list[str]:
    """What keeps a mapping from being imported: a field mapped twice, required fields left unmapped."""
    spec = get_spec(kind)
    problems: list[str] = []
    by_target: dict[str, list[str]] = {}
    for source, target in mapping.items():
        if target is not None:
            by_target.setdefault(target, []).append(source)
    for target, sources in by_target.items():
        if len(sources) > 1:
            problems.append(f"{_and(sources)} are {'both' if len(sources) == 2 else 'all'} mapped to {target}; "
                            "keep one")
    missing = [name for name in spec.required if name not in by_target]
    if missing:
        one = len(missing) == 1
        problems.append(f"{kind.capitalize()} need {'a column' if one else 'columns'} for {_and(missing)}; "
                        f"choose {'it' if one else 'them'} for {'a column' if one else 'columns'} of the file")
    return problems


def _and(names: list[str]) -> str:
    return f"{', '.join(names[:-1])} and {names[-1]}" if len(names) > 1 else names[0]


def to_source_rows(kind: str, table: Table, mapping: Mapping, date_order: str) -> Mapped:
    """The table's rows keyed by CSV column, dates in ISO. A cell that cannot be converted is an error
    naming its line and CSV column, and its row is left out."""
    spec = get_spec(kind)
    dates = {c.name for c in spec.columns if isinstance(c.field.type, DateType)}
    times = {c.name for c in spec.columns if isinstance(c.field.type, TimeType)}
    targets = [(i, mapping.get(source)) for i, source in enumerate(table.columns)]
    mapped = {t for _, t in targets if t}
    time_from_date = "time" in times and "time" not in mapped
    result = Mapped(total=len(table.rows))
    width = len(table.columns)
    for line, cells in table.rows:
        errors: list[RowError] = []
        if any(c.strip() for c in cells[width:]):
            errors.append(RowError(line, "", f"has {len(cells)} cells but the header row has {width} columns"))
        values: dict[str, str] = {}
        for i, target in targets:
            cell = cells[i] if i < len(cells) else ""
            if target is None:
                continue
            if target in dates and cell.strip():
                try:
                    cell = convert_date(cell, date_order)
                except ValueError as exc:
                    errors.append(RowError(line, target, str(exc)))
                    continue
                cell, _, time = cell.partition(" ")
                if time and time_from_date and target == "date":
                    values["time"] = time
            elif target in times and cell.strip():
                cell = convert_time(cell)
            values[target] = cell
        if errors:
            result.errors.extend(errors)
        else:
            result.rows.append(SourceRow(line, values))
    return result


# --- remembered mappings ------------------------------------------------------------------------


def signature(columns: Iterable[str]) -> str:
    """What identifies a file's layout: its column names, normalised, in order."""
    return " | ".join(normalise(c) for c in columns)


def load_mapping(kind: str, columns: tuple[str, ...]) -> Mapping | None:
    """The mapping saved for files of this kind with these columns, if any (only fields that still exist)."""
    saved = settings.get_value(MAPPINGS_KEY, {})
    entry = saved.get(kind, {}).get(signature(columns)) if isinstance(saved, dict) else None
    if not isinstance(entry, dict) or not isinstance(entry.get("columns"), dict):
        return None
    names = set(get_spec(kind).names)
    stored = entry["columns"]
    return {c: stored[normalise(c)] if stored.get(normalise(c)) in names else None for c in columns}


def save_mapping(kind: str, columns: tuple[str, ...], mapping: Mapping) -> None:
    saved = settings.get_value(MAPPINGS_KEY, {})
    saved = saved if isinstance(saved, dict) else {}
    per_kind = saved.get(kind) if isinstance(saved.get(kind), dict) else {}
    per_kind[signature(columns)] = {"columns": {normalise(c): mapping.get(c) for c in columns},
                                    "saved_at": dt.datetime.now().replace(microsecond=0).isoformat()}
    newest = sorted(per_kind.items(), key=lambda item: str(item[1].get("saved_at", "")), reverse=True)
    saved[kind] = dict(newest[:KEPT_MAPPINGS])
    settings.set_value(MAPPINGS_KEY, saved)
