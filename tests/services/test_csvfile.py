"""Strict CSV reading: header matching, line numbers, and the files it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.services.csvfile import read_csv
from desktop_app.services.interchange import CsvError

COLUMNS = ("name", "size", "notes")


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "f.csv"
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


def problems(path: Path, required: tuple[str, ...] = ("name",)) -> list[str]:
    with pytest.raises(CsvError) as caught:
        read_csv(path, COLUMNS, required, shown="f.csv")
    return [str(e) for e in caught.value.errors]


def test_header_is_trimmed_and_case_insensitive(tmp_path: Path) -> None:
    rows = read_csv(write(tmp_path, " NAME ,Size\r\nAcme,11-50\r\n"), COLUMNS, ("name",))
    assert [(r.line, r.values) for r in rows] == [(2, {"name": "Acme", "size": "11-50"})]


def test_bom_is_accepted(tmp_path: Path) -> None:
    rows = read_csv(write(tmp_path, b"\xef\xbb\xbfname\nAcme\n"), COLUMNS)
    assert rows[0].values == {"name": "Acme"}


def test_lines_are_those_an_editor_shows(tmp_path: Path) -> None:
    content = 'name,notes\nA,"one\ntwo"\n\nB,\r\nC,"x\r\ny\r\nz"\nD,\n'
    rows = read_csv(write(tmp_path, content), COLUMNS)
    assert [(r.line, r.values["name"]) for r in rows] == [(2, "A"), (5, "B"), (6, "C"), (9, "D")]
    assert rows[0].values["notes"] == "one\ntwo"


def test_short_rows_are_padded_and_empty_extra_cells_ignored(tmp_path: Path) -> None:
    rows = read_csv(write(tmp_path, "name,size,notes\nA\nB,1-10,n,,\n"), COLUMNS)
    assert [r.values for r in rows] == [{"name": "A", "size": "", "notes": ""},
                                        {"name": "B", "size": "1-10", "notes": "n"}]


def test_extra_cells_with_values_are_errors(tmp_path: Path) -> None:
    assert problems(write(tmp_path, "name\nA,b\nC\nD,,e\n")) == [
        "f.csv:2: has 2 cells but the header row has 1 columns",
        "f.csv:4: has 3 cells but the header row has 1 columns",
    ]


def test_all_header_problems_at_once(tmp_path: Path) -> None:
    assert problems(write(tmp_path, "Size,colour,size\n1,2,3\n")) == [
        "f.csv:1: column colour: unknown column; known columns are name, size, notes",
        "f.csv:1: column size: appears twice in the header row",
        "f.csv:1: column name: required column is missing",
    ]


def test_unnamed_columns(tmp_path: Path) -> None:
    assert read_csv(write(tmp_path, "name,,\nA,,\n"), COLUMNS)[0].values == {"name": "A"}
    assert problems(write(tmp_path, "name,\nA,x\n")) == ["f.csv:1: column 2: has values but no name in the header row"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "f.csv: is empty (no header row)"),
        (b"\xef\xbb\xbf\r\n", "f.csv: is empty (no header row)"),
        (b"name\x00\x01\x02", "f.csv: is not a text CSV file"),
        ("name\nA\n".encode("utf-16"), "f.csv: is UTF-16 text; save it as UTF-8 CSV"),
        (b"PK\x03\x04rest-of-a-zip", "f.csv: is not a text CSV file (it looks like a spreadsheet workbook; "
                                      "save it as CSV UTF-8)"),
        (b"name\nok\nM\xfcller\n", "f.csv:3: is not UTF-8 text (byte 0xFC); save the file as UTF-8"),
        (b",,\nA,,\n", "f.csv:1: the header row is empty"),
    ],
)
def test_refused_files(tmp_path: Path, content: bytes, message: str) -> None:
    assert problems(write(tmp_path, content)) == [message]


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert problems(tmp_path / "none.csv") == ["f.csv: no such file"]
    assert problems(tmp_path) == ["f.csv: is a folder, not a CSV file"]


def test_long_cells_are_read(tmp_path: Path) -> None:
    text = "x" * 150_000
    assert read_csv(write(tmp_path, f"name,notes\nA,{text}\n"), COLUMNS)[0].values["notes"] == text


def test_lines_count_blank_lines_when_every_record_is_one_line(tmp_path: Path) -> None:
    rows = read_csv(write(tmp_path, "name,size\nA,1-10\n\n,\nB,\r\nC,11-50"), COLUMNS)
    assert [(r.line, r.values["name"]) for r in rows] == [(2, "A"), (5, "B"), (6, "C")]


def test_bad_csv_names_the_line_its_record_starts_on(tmp_path: Path) -> None:
    assert problems(write(tmp_path, 'name,notes\nA,"one\ntwo"\nB,"x"y\n')) == [
        "f.csv:4: is not valid CSV here (',' expected after '\"')"]
    assert problems(write(tmp_path, 'name,notes\nA,x\nB,"x"y\n')) == [
        "f.csv:3: is not valid CSV here (',' expected after '\"')"]


def test_columns_in_another_order_than_the_kind_s(tmp_path: Path) -> None:
    rows = read_csv(write(tmp_path, "notes,NAME\nn,A\n"), COLUMNS)
    assert [(r.line, r.values) for r in rows] == [(2, {"notes": "n", "name": "A"})]
