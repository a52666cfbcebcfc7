"""Strict CSV reading for the command line (PRODUCT.md "CSV interchange").

UTF-8 (a BOM is accepted), comma-separated, one header row. Header names are matched trimmed and
case-insensitively; an unknown, duplicate or missing required column is an error naming it. Every
problem is a RowError with the line an editor shows (the header is line 1; a record spanning
several lines is named by the line it starts on).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from operator import itemgetter
from pathlib import Path

from .interchange import CsvError, RowError, SourceRow
from .values import shown as shown_value

_BOM = b"\xef\xbb\xbf"
_FIELD_LIMIT = 16 * 1024 * 1024


def _fail(shown: str, message: str, line: int | None = None, column: str = "") -> CsvError:
    return CsvError([RowError(line, column, message, shown)])


def read_text(path: Path, shown: str | None = None) -> str:
    """The file's text; raises CsvError when it is missing, empty, binary or not UTF-8."""
    shown = str(path) if shown is None else shown
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise _fail(shown, "no such file") from None
    except IsADirectoryError:
        raise _fail(shown, "is a folder, not a CSV file") from None
    except PermissionError:
        raise _fail(shown, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise _fail(shown, f"cannot be read ({exc.strerror or exc})") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(shown, "is UTF-16 text; save it as UTF-8 CSV")
    if data.startswith(b"PK\x03\x04"):
        raise _fail(shown, "is not a text CSV file (it looks like a spreadsheet workbook; save it as CSV UTF-8)")
    if b"\x00" in data:
        raise _fail(shown, "is not a text CSV file")
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    if not data.strip():
        raise _fail(shown, "is empty (no header row)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex().upper()
        raise _fail(shown, f"is not UTF-8 text (byte 0x{byte}); save the file as UTF-8", line) from None


def _records(text: str, shown: str) -> tuple[list[int], list[list[str]]]:
    """The line every record of the text starts on, and its cells."""
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        every = list(reader)
        if reader.line_num == len(every):  # a line per record
            return list(range(1, len(every) + 1)), every
    except csv.Error:
        pass  # read again below, to name the line the bad record starts on
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    lines: list[int] = []
    records: list[list[str]] = []
    start = 1
    try:
        for cells in reader:
            lines.append(start)
            records.append(cells)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _fail(shown, f"is not valid CSV here ({exc})", start) from None
    return lines, records


def read_csv(
    path: Path,
    columns: Sequence[str],
    required: Sequence[str] = (),
    *,
    shown: str | None = None,
) -> list[SourceRow]:
    """The rows of a CSV file keyed by the canonical column names (those of `columns` it has).

    Blank lines are skipped; a short row's missing cells are empty. Raises CsvError listing every
    problem of the header, or of the row shapes.
    """
    shown = str(path) if shown is None else shown
    lines, records = _records(read_text(path, shown), shown)
    header_line, header = lines[0], records[0]
    if not any(cell.strip() for cell in header):
        raise _fail(shown, "the header row is empty", header_line)
    body = records[1:]
    known = {name.casefold(): name for name in columns}
    index_of: dict[str, int] = {}
    errors: list[RowError] = []
    for i, raw in enumerate(header):
        name = raw.strip()
        if not name:
            if any(i < len(cells) and cells[i].strip() for cells in body):
                errors.append(RowError(header_line, f"{i + 1}", "has values but no name in the header row", shown))
            continue
        canonical = known.get(name.casefold())
        if canonical is None:
            errors.append(RowError(header_line, shown_value(name),
                                   f"unknown column; known columns are {', '.join(columns)}", shown))
        elif canonical in index_of:
            errors.append(RowError(header_line, shown_value(name), "appears twice in the header row", shown))
        else:
            index_of[canonical] = i
    for name in required:
        if name not in index_of:
            errors.append(RowError(header_line, name, "required column is missing", shown))
    if errors:
        raise CsvError(errors)

    width = len(header)
    names = tuple(index_of)
    positions = list(index_of.values())
    if positions == list(range(width)):
        pick = None  # every column known, in order: the cells as they are
    elif len(positions) > 1:
        pick = itemgetter(*positions)
    else:
        pick = lambda cells: tuple(cells[i] for i in positions)  # noqa: E731
    rows: list[SourceRow] = []
    for line, cells in zip(lines[1:], body):
        if len(cells) != width:
            if not "".join(cells).strip():
                continue
            if "".join(cells[width:]).strip():
                errors.append(RowError(line, "", f"has {len(cells)} cells but the header row has {width} columns",
                                       shown))
                continue
            cells = cells[:width] + [""] * (width - len(cells))
        elif not cells[0].strip() and not "".join(cells).strip():
            continue
        rows.append(SourceRow(line, dict(zip(names, cells if pick is None else pick(cells)))))
    if errors:
        raise CsvError(errors)
    return rows
