"""Reading the files people really have: encodings, delimiters, header rows, date orders, workbooks,
and mappings from their columns to a kind's CSV columns (remembered per layout)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from desktop_app.services import tabular as t
from desktop_app.services.importer import import_rows
from desktop_app.services.interchange import RowError, SourceRow


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


GERMAN = "Firma;Rolle;Datum;Stufe\r\nMüller & Söhne;Entwickler;14.03.2026;technical\r\nÄrger AG;QA;02.04.2026;final\r\n"


def test_windows_1252_semicolons_are_guessed_and_read(tmp_path: Path) -> None:
    path = write(tmp_path / "log.csv", GERMAN, "cp1252")
    options = t.guess_options(path)
    assert (options.encoding, options.delimiter, options.header_row, options.date_order) == (
        "cp1252", ";", 1, "day-first")
    table = t.read_table(path, options)
    assert table.columns == ("Firma", "Rolle", "Datum", "Stufe")
    assert table.header_line == 1
    assert table.rows == ((2, ("Müller & Söhne", "Entwickler", "14.03.2026", "technical")),
                          (3, ("Ärger AG", "QA", "02.04.2026", "final")))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig", "utf-8"])
def test_unicode_files_with_or_without_a_bom(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path / "log.csv", "company\trole\nÄrger AG\tDev ✓\n", encoding)
    options = t.guess_options(path)
    assert options.encoding == ("utf-16" if encoding.startswith("utf-16") else "utf-8")
    assert options.delimiter == "\t"
    assert t.read_table(path, options).rows == ((2, ("Ärger AG", "Dev ✓")),)


def test_the_wrong_encoding_says_where_and_what_to_do(tmp_path: Path) -> None:
    path = write(tmp_path / "log.csv", GERMAN, "cp1252")
    with pytest.raises(t.TabularError, match=r"not UTF-8 text \(byte 0xFC on line 2\); choose another encoding"):
        t.read_table(path, t.Options(encoding="utf-8", delimiter=";"))


def test_a_chosen_delimiter_and_header_row(tmp_path: Path) -> None:
    text = "Job search export\nexported 2026-03-01\n\ncompany,role,notes\nAcme,Dev,\"two\nlines\"\n\nGlobex,Ops,x\n"
    path = write(tmp_path / "log.csv", text)
    table = t.read_table(path, t.Options(delimiter=",", header_row=4))
    assert table.columns == ("company", "role", "notes")
    assert table.rows == ((5, ("Acme", "Dev", "two\nlines")), (8, ("Globex", "Ops", "x")))  # lines as an editor shows
    assert t.read_table(path, t.Options(header_row=3)).header_line == 4  # a blank line: the next record is the header
    assert t.read_table(path, t.Options(header_row=4), limit=1).rows == ((5, ("Acme", "Dev", "two\nlines")),)
    whole = t.read_table(path, t.Options(delimiter=";", header_row=4))
    assert whole.columns == ("company,role,notes",)
    with pytest.raises(t.TabularError, match="nothing at line 9"):
        t.read_table(path, t.Options(header_row=9))


def test_no_header_row_and_awkward_header_names(tmp_path: Path) -> None:
    path = write(tmp_path / "log.csv", "Acme,Dev\nGlobex,Ops,extra\n")
    table = t.read_table(path, t.Options(header_row=0))
    assert table.columns == ("Column 1", "Column 2", "Column 3") and table.header_line is None
    assert [line for line, _ in table.rows] == [1, 2]
    named = t.read_table(write(tmp_path / "h.csv", "Notes, ,notes,  Role \n1,2,3,4\n"), t.Options())
    assert named.columns == ("Notes", "Column 2", "notes (2)", "Role")


@pytest.mark.parametrize(("cell", "order", "iso"), [
    ("2026-03-14", "iso", "2026-03-14"),
    ("2026-03-14", "month-first", "2026-03-14"),  # ISO is read whatever the order
    ("2026/3/4", "day-first", "2026-03-04"),
    ("14/03/2026", "day-first", "2026-03-14"),
    ("14.03.2026", "day-first", "2026-03-14"),
    ("4-3-2026", "day-first", "2026-03-04"),
    ("03/14/2026", "month-first", "2026-03-14"),
    ("14.3.26", "day-first", "2026-03-14"),
    ("1.1.70", "day-first", "1970-01-01"),  # two-digit years: 69-99 are 19xx
    ("14/03/2026 15:30", "day-first", "2026-03-14 15:30"),
    ("3/14/2026 3:30 PM", "month-first", "2026-03-14 15:30"),
])
def test_dates_in_each_order(cell: str, order: str, iso: str) -> None:
    assert t.convert_date(cell, order) == iso


@pytest.mark.parametrize(("cell", "order", "reason"), [
    ("03/04/2026", "iso", "could be 3 April or 4 March; choose the date order"),
    ("14/03/2026", "iso", "not an ISO date (YYYY-MM-DD); it looks day first"),
    ("03/14/2026", "day-first", "has no month 14 when read day first (DD/MM/YYYY); is the file month first?"),
    ("31/02/2026", "day-first", "not a date that exists (February has no day 31)"),
    ("2026-02-30", "day-first", "not a date that exists"),
    ("next Tuesday", "month-first", "is not a date; write it as MM/DD/YYYY"),
])
def test_dates_that_cannot_be_read_say_why(cell: str, order: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        t.convert_date(cell, order)


def test_the_date_order_is_guessed_from_the_dates() -> None:
    assert t.guess_date_order(["x", "03/04/2026", "14/03/2026"]) == "day-first"
    assert t.guess_date_order(["03/14/2026", "1/2/2026"]) == "month-first"
    assert t.guess_date_order(["03/04/2026"]) is None
    assert t.guess_date_order(["2026-03-04", "hello"]) == "iso"


def test_times_are_read_as_24_hour() -> None:
    assert [t.convert_time(c) for c in ("15:30:00", "3:05 pm", "12:10 AM", "2026-03-14 09:15", "soon")] == [
        "15:30", "15:05", "00:10", "09:15", "soon"]


def test_workbook_cells_become_text_sensibly(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Log"
    sheet.append(["Company", "Date", "Time", "Salary", "Rating", "Said yes", "When"])
    sheet.append(["Acme", dt.date(2026, 3, 14), dt.time(15, 30), 85000, 3.5, True, dt.datetime(2026, 3, 14, 9, 5)])
    sheet.append([])
    sheet.append(["Globex", dt.datetime(2026, 4, 2), None, 90000.0, 4, False])
    other = book.create_sheet("Offers")
    other.append(["company", "role"])
    other.append(["Initech", "Dev"])
    path = tmp_path / "log.xlsx"
    book.save(path)

    assert t.sheet_names(path) == ["Log", "Offers"]
    table = t.read_table(path, t.guess_options(path))
    assert table.columns == ("Company", "Date", "Time", "Salary", "Rating", "Said yes", "When")
    assert table.rows == (
        (2, ("Acme", "2026-03-14", "15:30", "85000", "3.5", "yes", "2026-03-14 09:05")),
        (4, ("Globex", "2026-04-02", "", "90000", "4", "no")),  # sheet rows, blank ones counted
    )
    assert t.read_table(path, t.Options(sheet="Offers")).rows == ((2, ("Initech", "Dev")),)
    with pytest.raises(t.TabularError, match="no sheet 'Nope'"):
        t.read_table(path, t.Options(sheet="Nope"))


def test_an_old_xls_or_a_damaged_workbook_is_named(tmp_path: Path) -> None:
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(t.TabularError, match="old Excel .xls workbook; save it as .xlsx or CSV"):
        t.read_table(old, t.Options())
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(t.TabularError, match="cannot be read as an .xlsx workbook"):
        t.read_table(broken, t.Options())


def test_a_mapping_is_suggested_from_names_and_labels() -> None:
    mapping = t.suggest_mapping("interviews", ["COMPANY", " Role ", "Date", "Self rating", "Name", "Notes", "notes"])
    assert mapping == {"COMPANY": "company", " Role ": "role", "Date": "date", "Self rating": "self_rating",
                       "Name": None, "Notes": "notes", "notes": None}  # each CSV column once
    assert t.suggest_mapping("offers", ["Received on", "Base salary"]) == {"Received on": "received_on",
                                                                          "Base salary": "base"}


def test_mapping_problems_name_the_fields() -> None:
    assert t.mapping_problems("interviews", {"A": "company", "B": "role", "C": "date"}) == []
    problems = t.mapping_problems("interviews", {"A": "company", "B": "company", "C": None})
    assert problems == ["A and B are both mapped to company; keep one",
                        "Interviews need columns for role and date; choose them for columns of the file"]
    assert t.mapping_problems("companies", {"A": "website"}) == [
        "Companies need a column for name; choose it for a column of the file"]


def test_rows_are_mapped_with_their_lines_and_dates_in_iso(tmp_path: Path) -> None:
    path = write(tmp_path / "log.csv", "Firma;Rolle;Datum;Stufe;Egal\nAcme;Dev;14.03.2026 10:30;technical;x\n"
                 "Globex;Ops;03/14/2026;final;y\nInitech;QA;;;\nHooli;SRE;1.2.2026;;;;extra\n")
    table = t.read_table(path, t.Options(delimiter=";"))
    mapping = {"Firma": "company", "Rolle": "role", "Datum": "date", "Stufe": "stage", "Egal": None}
    mapped = t.to_source_rows("interviews", table, mapping, "day-first")
    assert mapped.total == 4
    assert mapped.rows == [
        SourceRow(2, {"company": "Acme", "role": "Dev", "date": "2026-03-14", "time": "10:30", "stage": "technical"}),
        SourceRow(4, {"company": "Initech", "role": "QA", "date": "", "stage": ""}),
    ]
    assert mapped.errors == [
        RowError(3, "date", "'03/14/2026' has no month 14 when read day first (DD/MM/YYYY); is the file month first?"),
        RowError(5, "", "has 7 cells but the header row has 5 columns"),
    ]


@pytest.mark.usefixtures("database")
def test_mapped_rows_import_with_the_lines_of_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "log.csv", "Firma;Rolle;Datum\nAcme;Dev;14.03.2026\n;Ops;15.03.2026\n", "cp1252")
    table = t.read_table(path, t.guess_options(path))
    mapped = t.to_source_rows("interviews", table, {"Firma": "company", "Rolle": "role", "Datum": "date"}, "day-first")
    result = import_rows("interviews", mapped.rows, dry_run=True, today=dt.date(2026, 1, 1))
    assert result.created == 1
    assert [(e.line, e.column, e.message) for e in result.errors] == [(3, "company", "is required")]


@pytest.mark.usefixtures("database")
def test_mappings_are_remembered_per_kind_and_layout() -> None:
    columns = ("Firma", "Rolle", "Datum", "Extra")
    assert t.load_mapping("interviews", columns) is None
    t.save_mapping("interviews", columns, {"Firma": "company", "Rolle": "role", "Datum": "date", "Extra": None})
    assert t.load_mapping("interviews", columns) == {"Firma": "company", "Rolle": "role", "Datum": "date",
                                                     "Extra": None}
    assert t.load_mapping("interviews", ("firma", " Rolle", "DATUM", "extra")) == {  # the same layout
        "firma": "company", " Rolle": "role", "DATUM": "date", "extra": None}
    assert t.load_mapping("interviews", ("Firma", "Rolle", "Datum")) is None  # another layout
    assert t.load_mapping("opportunities", columns) is None
    assert t.signature(("Firma", " Rolle")) == t.signature(("firma", "ROLLE"))
    for n in range(t.KEPT_MAPPINGS + 3):
        t.save_mapping("companies", (f"name {n}",), {f"name {n}": "name"})
    from desktop_app import settings

    assert len(settings.get_value(t.MAPPINGS_KEY)["companies"]) == t.KEPT_MAPPINGS
    assert t.load_mapping("interviews", columns) is not None


def test_dates_that_could_be_read_either_way_take_the_order_given(tmp_path: Path) -> None:
    path = write(tmp_path / "log.csv", "company,date\nAcme,03/04/2026\n")
    assert t.guess_options(path).date_order == "day-first"
    assert t.guess_options(path, ambiguous="month-first").date_order == "month-first"
    assert t.guess_options(write(tmp_path / "iso.csv", "company,date\nAcme,2026-03-04\n")).date_order == "iso"
