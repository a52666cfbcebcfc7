"""The `sayyes` command line (PRODUCT.md "Command line").

No arguments opens the window; a command works on the data folder without Qt. Errors go to stderr as
`sayyes: FILE:LINE: column NAME: reason` with exit status 1 (2 for usage), never as a traceback, and
leave the data exactly as it was.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .paths import database_path, resolve_data_dir

if TYPE_CHECKING:
    from .services.interchange import RowError

IMPORT_KINDS = ("interviews", "opportunities", "companies", "contacts", "offers", "questions")
MAX_ERRORS_SHOWN = 50


class CommandError(Exception):
    """A command cannot run; the message is printed after `sayyes: `."""


def _err(message: str) -> None:
    print(f"sayyes: {message}", file=sys.stderr)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return value


def _iso_date(text: str) -> dt.date:
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date as YYYY-MM-DD") from None


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="data folder (default: $SAYYES_DATA_DIR or the platform's user data folder)")
    parser = argparse.ArgumentParser(prog="sayyes", parents=[common],
                                     description="SayYes: make every job interview pay. No command opens the app.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands: dict[str, argparse.ArgumentParser] = {}

    demo = commands["demo"] = sub.add_parser("demo", parents=[common], help="fill an empty data folder with demo data")
    demo.add_argument("--size", type=_positive, metavar="N", help="how many interviews")
    demo.add_argument("--force", action="store_true", help="replace the data the folder holds")

    kinds = ", ".join(IMPORT_KINDS)
    imp = commands["import"] = sub.add_parser(
        "import", parents=[common], help="import a CSV file of one kind, or restore an archive (`import all DIR`)")
    imp.add_argument("kind", metavar="KIND", choices=(*IMPORT_KINDS, "all"), help=f"{kinds}, or all")
    imp.add_argument("file", metavar="FILE", help="the CSV file (for `all`: the archive folder)")
    imp.add_argument("--update", action="store_true", help="update existing records from the non-empty cells")

    exp = commands["export"] = sub.add_parser(
        "export", parents=[common], help="export every field of a kind as CSV, or a full archive (`export all DIR`)")
    exp.add_argument("kind", metavar="KIND", choices=(*IMPORT_KINDS, "all"), help=f"{kinds}, or all")
    exp.add_argument("file", metavar="FILE", help="the CSV file to write (for `all`: a new folder)")

    commands["check"] = sub.add_parser("check", parents=[common],
                                       help="integrity, foreign keys, schema version; exit 1 on any problem")

    stats = commands["stats"] = sub.add_parser("stats", parents=[common],
                                               help="the numbers behind the dashboard (all time or last N months)")
    stats.add_argument("--json", action="store_true", help="print every figure as JSON")
    stats.add_argument("--today", type=_iso_date, metavar="YYYY-MM-DD",
                       help="the date the figures are computed for (default: today)")
    stats.add_argument("--months", type=_positive, metavar="N",
                       help="only the last N months: this month and the N - 1 before it (default: all time)")

    bak = commands["backup"] = sub.add_parser(
        "backup", parents=[common], help="copy the data into the backups folder (keeping the newest N), or to FILE")
    bak.add_argument("file", metavar="FILE", nargs="?",
                     help="a new file, or a folder to put a new backup in (default: the data folder's backups/)")
    res = commands["restore"] = sub.add_parser(
        "restore", parents=[common], help="replace the data with a backup's; the current data is backed up first")
    res.add_argument("file", metavar="FILE", help="a backup, or another SayYes data file")
    return parser, commands


@contextmanager
def _data_folder(data_dir: Path, *, create: bool) -> Iterator[None]:
    """Open (and migrate) the data folder for one command; put back whatever was bound before."""
    from peewee import DatabaseError

    from .db import database as dbmodule
    from .db.migrations import SchemaError
    from .services.datafolder import open_folder

    if not create and not database_path(data_dir).is_file():
        raise CommandError(f"{data_dir}: no SayYes data here (no {database_path(data_dir).name})")
    previous = dbmodule.db.obj
    try:
        database = open_folder(data_dir)
    except SchemaError as exc:
        raise CommandError(f"{database_path(data_dir)}: {exc}") from None
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        raise CommandError(f"{database_path(data_dir)}: cannot be opened ({exc}); run `sayyes check`") from None
    try:
        yield
    finally:
        database.close()
        if previous is not None:
            dbmodule.bind(previous)


@contextmanager
def _exclusive(data_dir: Path, command: str) -> Iterator[None]:
    """Hold the data folder's lock (services/instance_lock.py) while a command replaces its data: refused
    while the app, or another such command, has the folder. Other commands need no lock (WAL)."""
    from .services.instance_lock import FolderLocked, InstanceLock

    lock = InstanceLock(data_dir, purpose=f"`sayyes {command}`")
    try:
        lock.acquire()
    except FolderLocked as exc:
        raise CommandError(f"{exc}; nothing was changed: run `sayyes {command}` again once it is closed") from None
    except OSError:
        pass  # no lock can be made in this folder; the command says what stops it
    try:
        yield
    finally:
        lock.release()


def _report(errors: Sequence[RowError], default_file: str) -> None:
    """One line per error, `FILE:LINE: column NAME: reason`, the first MAX_ERRORS_SHOWN of them."""
    for error in errors[:MAX_ERRORS_SHOWN]:
        _err(str(error if error.file else dataclasses.replace(error, file=default_file)))
    if len(errors) > MAX_ERRORS_SHOWN:
        _err(f"... and {len(errors) - MAX_ERRORS_SHOWN} more errors")


def _counted(table: str, count: int) -> str:
    """"3 companies", "1 offer revision" (a table name as words)."""
    from .services.kinds import BY_TABLE

    kind = BY_TABLE.get(table)
    words = table if kind is None else kind.label if count == 1 else kind.plural
    return f"{count} {words.replace('_', ' ')}"


def _demo(args: argparse.Namespace, data_dir: Path) -> int:
    from .services import demo
    from .services.datafolder import has_records

    with _data_folder(data_dir, create=True):
        if has_records() and not args.force:
            raise CommandError(f"{data_dir} already holds data; use --force to replace it with demo data")
        size = args.size if args.size is not None else demo.DEFAULT_SIZE
        counts = demo.generate(size, replace=args.force, progress=None)
    print(f"created demo data in {data_dir}: {', '.join(_counted(t, n) for t, n in counts.items())}")
    return 0


def _import(args: argparse.Namespace, data_dir: Path) -> int:
    from .services import archive, importer
    from .services.datafolder import has_records
    from .services.interchange import CsvError

    try:
        if args.kind == "all":
            archive.read_manifest(Path(args.file))
            with _exclusive(data_dir, "import all"), _data_folder(data_dir, create=True):
                if has_records():
                    raise CommandError(f"{data_dir} already holds data; `import all` restores an archive "
                                       "only into an empty data folder")
                counts = archive.import_all(Path(args.file))
            print(f"imported {args.file}: {sum(counts.values())} records in {len(counts)} tables")
            return 0
        rows = importer.read_file(args.kind, Path(args.file), shown=args.file)
        with _data_folder(data_dir, create=True):
            result = importer.import_rows(args.kind, rows, update=args.update)
    except CsvError as exc:
        _report(exc.errors, args.file)
        if any((e.line or 0) > 1 for e in exc.errors):
            _err(f"{args.file}: nothing was imported")
        return 1
    if result.errors:
        _report(result.errors, args.file)
        bad = result.bad_rows
        _err(f"{args.file}: {bad} {'row has' if bad == 1 else 'rows have'} errors; nothing was imported")
        return 1
    print(f"imported {args.file}: {result.summary()}")
    return 0


def _export(args: argparse.Namespace, data_dir: Path) -> int:
    from .services import archive, exporter

    with _data_folder(data_dir, create=False):
        if args.kind == "all":
            counts = archive.export_all(Path(args.file))
            print(f"exported {sum(counts.values())} records in {len(counts)} tables to {args.file}")
        else:
            count = exporter.export_file(args.kind, Path(args.file))
            print(f"exported {count} {args.kind} to {args.file}")
    return 0


def _check(args: argparse.Namespace, data_dir: Path) -> int:
    from .services.integrity import check_file
    from .services.network_fs import network_filesystem
    from .services.startup_check import access_problems

    path = database_path(data_dir)
    report = check_file(path)
    problems = [*report.problems, *access_problems(data_dir)]  # what the app's recovery dialog would say
    for passed in report.passed:
        print(f"ok: {passed}")
    for problem in problems:
        _err(f"{path}: {problem}")
    network = network_filesystem(data_dir)
    if network:
        _err(f"{data_dir}: warning: on a network file system ({network}), where SQLite cannot protect the data "
             "from damage; keep it on a local disk")
    return 1 if problems else 0


def _stats(args: argparse.Namespace, data_dir: Path) -> int:
    from .services import stats

    with _data_folder(data_dir, create=False):
        figures = stats.compute(args.today, months=args.months)
    if args.json:
        print(json.dumps(figures, sort_keys=True, indent=2))
    else:
        print(stats.summary(figures))
    return 0


def _backup(args: argparse.Namespace, data_dir: Path) -> int:
    from .services import backup

    made = backup.backup_to_file(data_dir, Path(args.file)) if args.file else backup.create_backup(data_dir)
    print(f"backed up {database_path(data_dir)} to {made.path} ({backup.format_size(made.size)})")
    return 0


def _restore(args: argparse.Namespace, data_dir: Path) -> int:
    from .services import backup

    with _exclusive(data_dir, "restore"):
        result = backup.restore(data_dir, Path(args.file))
    if result.before is None:
        print(f"nothing to back up first: {data_dir} held no data")
    else:
        print(f"backed up the current data to {result.before.path} ({backup.format_size(result.before.size)})")
    migrated = f", migrated from schema {result.from_version}" if result.migrated else ""
    print(f"restored {args.file}: {result.records} records in {len(result.counts)} tables{migrated}")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "demo": _demo, "import": _import, "export": _export, "check": _check, "stats": _stats,
    "backup": _backup, "restore": _restore,
}


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    return str(exc) or type(exc).__name__


def main(argv: Sequence[str] | None = None) -> int:
    parser, commands = build_parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
        if args.command == "import" and args.kind == "all" and args.update:
            commands["import"].error("--update does not apply to `import all`")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    if args.command is None:
        from .app import run_gui

        return run_gui(data_dir)
    try:
        return COMMANDS[args.command](args, data_dir)
    except KeyboardInterrupt:
        _err("interrupted; nothing was changed")
        return 130
    except CommandError as exc:
        _err(str(exc))
        return 1
    except Exception as exc:  # the last line of defence: a message, never a traceback
        _err(_describe(exc))
        return 1


if __name__ == "__main__":
    sys.exit(main())
