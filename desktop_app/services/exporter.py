"""Exporting one kind as CSV: every field, in the columns `import` accepts (interchange.SPECS)."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ..db import db
from ..db import models as m
from .backup_files import explain
from .errors import Cancelled, ServiceError
from .interchange import INTERVIEWER_SEPARATOR, CsvSpec, spec as get_spec


def _interviewers() -> dict[int, str]:
    """Interview id -> its interviewers' names, joined by the separator the importer splits on."""
    names: dict[int, list[str]] = {}
    query = (m.InterviewContact.select(m.InterviewContact.interview, m.Contact.name)
             .join(m.Contact, on=(m.InterviewContact.contact == m.Contact.id))
             .order_by(m.InterviewContact.interview, m.InterviewContact.id))
    for interview_id, name in query.tuples().iterator():
        names.setdefault(interview_id, []).append(name)
    return {i: f"{INTERVIEWER_SEPARATOR} ".join(n) for i, n in names.items()}


def rows(kind: str) -> Iterator[list[str]]:
    """The header, then one list of cells per record of the kind, in id order."""
    s: CsvSpec = get_spec(kind)
    model = s.kind.model
    selected = [c for c in s.columns if c.expr is not None]
    yield list(s.names)
    people = _interviewers() if "interviewers" in s.names else {}
    query = s.join(model.select(model.id, *[c.expr for c in selected])).order_by(model.id)
    for record in query.tuples().iterator():
        values: dict[str, Any] = {c.name: v for c, v in zip(selected, record[1:])}
        values["interviewers"] = people.get(record[0])
        yield [c.format(values[c.name]) for c in s.columns]


@contextmanager
def private_output(path: Path, *, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """A text file written whole or not at all (a temporary file renamed into place), owner-only."""
    path = Path(path)
    if path.is_dir():
        raise ServiceError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise ServiceError(f"{path}: the folder {path.parent} does not exist")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise unwritable(path, exc) from None
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise unwritable(path, exc) from None
        raise


def unwritable(path: Path, exc: OSError) -> ServiceError:
    """The disk is full, permission denied ...: what an export says when its file cannot be written."""
    return ServiceError(f"{path}: could not be written ({explain(exc)}); nothing was exported")


def write_csv(out: IO[str], lines: Iterator[list[str]], cancel: Callable[[], bool] | None = None) -> int:
    """Write the header and rows; return the number of rows (not counting the header).

    cancel() is asked every 1,000 rows; True raises Cancelled (the caller's file is then not kept).
    """
    writer = csv.writer(out, lineterminator="\n")
    # Python's csv quotes a cell for "\n" (the line terminator) but not for a lone "\r", which a
    # reader then takes for a line break; a row holding one is written with every cell quoted.
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    count = -1
    for count, line in enumerate(lines):
        if cancel is not None and count % 1000 == 0 and cancel():
            raise Cancelled()
        (quoted if any("\r" in cell for cell in line if isinstance(cell, str)) else writer).writerow(line)
    return max(count, 0)


def export_file(kind: str, path: Path, *, bom: bool = False, cancel: Callable[[], bool] | None = None) -> int:
    """Write every record of a kind ("interviews" ...) to a CSV file; return how many were written.

    `bom` puts a UTF-8 byte order mark first, which some spreadsheet programs need to see UTF-8.
    A cancelled export leaves no file behind (and an existing file as it was).
    """
    with db.atomic("DEFERRED"), private_output(path, encoding="utf-8-sig" if bom else "utf-8") as out:
        return write_csv(out, rows(kind), cancel)
