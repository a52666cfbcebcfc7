"""Every way `sayyes import` refuses a file: the exact message, exit status 1, and the data unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli import main

from .conftest import INTERVIEWS_HEADER, dump

pytestmark = pytest.mark.usefixtures("seeded")


@pytest.fixture
def refused(tmp_path: Path, data_dir: Path, sayyes):
    """Import `content` as an interviews file; assert exit 1 and no change to the data; return stderr lines."""

    def run(content: str | bytes, kind: str = "interviews", name: str = "in.csv") -> list[str]:
        path = tmp_path / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        before = dump(data_dir)
        result = sayyes("import", kind, path)
        assert result.code == 1
        assert result.out == ""
        assert dump(data_dir) == before
        return [line.replace(str(path), "FILE") for line in result.err_lines]

    return run


def test_missing_file(tmp_path: Path, data_dir: Path, sayyes) -> None:
    before = dump(data_dir)
    missing = tmp_path / "nope.csv"
    result = sayyes("import", "interviews", missing)
    assert result.code == 1
    assert result.err_lines == [f"sayyes: {missing}: no such file"]
    assert dump(data_dir) == before


def test_empty_file(refused) -> None:
    assert refused("") == ["sayyes: FILE: is empty (no header row)"]
    assert refused("\n  \n") == ["sayyes: FILE: is empty (no header row)"]


def test_not_utf8_names_the_line(refused) -> None:
    content = (INTERVIEWS_HEADER + "Acme,Dev,2024-01-01,,,,,\nCaf\xe9 Ltd,Dev,2024-01-02,,,,,\n").encode("latin-1")
    lines = refused(content)
    assert lines[0].startswith("sayyes: FILE:3: is not UTF-8 text (byte 0xE9)")


def test_binary_file(refused) -> None:
    assert refused(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") == ["sayyes: FILE: is not a text CSV file"]


def test_missing_required_column(refused) -> None:
    assert refused("company,date\nAcme,2024-01-01\n") == ["sayyes: FILE:1: column role: required column is missing"]


def test_unknown_column(refused) -> None:
    lines = refused("company,role,date,colour\nAcme,Dev,2024-01-01,red\n")
    assert len(lines) == 1
    assert lines[0].startswith("sayyes: FILE:1: column colour: unknown column; known columns are company, role, date,")


def test_duplicate_column(refused) -> None:
    assert refused("company,role,date,Date\nAcme,Dev,2024-01-01,2024-01-01\n") == [
        "sayyes: FILE:1: column Date: appears twice in the header row"
    ]


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        ("Acme,Dev,2024-02-30,,,,,", "date", "'2024-02-30' is not a date; use YYYY-MM-DD"),
        ("Acme,Dev,14/03/2024,,,,,", "date", "'14/03/2024' is not a date"),
        ("Acme,Dev,1969-12-31,,,,,", "date", "1969-12-31 is outside 1970-01-01 to 2100-12-31"),
        ("Acme,Dev,2101-01-01,,,,,", "date", "2101-01-01 is outside 1970-01-01 to 2100-12-31"),
        ("Acme,Dev,2024-01-01,25:00,,,,", "time", "'25:00' is not a 24-hour time"),
        ("Acme,Dev,2024-01-01,,,,6,", "self_rating", "'6' is not a rating; use a whole number from 1 to 5"),
        ("Acme,Dev,2024-01-01,,,,0,", "self_rating", "'0' is not a rating"),
        ("Acme,Dev,2024-01-01,,lunch,,,", "stage", "'lunch' is not one of: recruiter screen, technical"),
        ("Acme,Dev,2024-01-01,,,won,,", "outcome", "'won' is not one of: scheduled, passed, failed"),
        (",Dev,2024-01-01,,,,,", "company", "is required"),
        ("Acme,  ,2024-01-01,,,,,", "role", "is required"),
        ("Acme,Dev,,,,,,", "date", "is required"),
    ],
)
def test_bad_cell(refused, row: str, column: str, reason: str) -> None:
    lines = refused(INTERVIEWS_HEADER + "Acme,Dev,2024-01-01,,,,,\n" + row + "\n")
    assert lines[0].startswith(f"sayyes: FILE:3: column {column}: {reason}")
    assert lines[-1] == "sayyes: FILE: 1 row has errors; nothing was imported"


def test_every_bad_row_is_reported(refused) -> None:
    content = INTERVIEWS_HEADER + (
        "Acme,Dev,2024-13-01,,,,,\n"
        "Acme,Dev,2024-01-02,,,,9,\n"
        "Acme,Dev,2024-01-03,,,,,ok\n"
        ",Dev,2024-01-04,,nope,,,\n"
    )
    assert refused(content) == [
        "sayyes: FILE:2: column date: '2024-13-01' is not a date; use YYYY-MM-DD, e.g. 2026-03-14",
        "sayyes: FILE:3: column self_rating: '9' is not a rating; use a whole number from 1 to 5, or leave it empty",
        "sayyes: FILE:5: column company: is required",
        "sayyes: FILE:5: column stage: 'nope' is not one of: recruiter screen, technical, coding, system design, "
        "behavioral, take-home, onsite, final, other",
        "sayyes: FILE: 3 rows have errors; nothing was imported",
    ]


def test_row_spanning_lines_is_named_by_its_first_line(refused) -> None:
    content = INTERVIEWS_HEADER + 'Acme,Dev,2024-01-01,,,,,"one\ntwo\nthree"\nAcme,Dev,2024-01-02,,,,7,\n'
    assert refused(content)[0].startswith("sayyes: FILE:5: column self_rating:")


def test_errors_are_capped(refused) -> None:
    content = INTERVIEWS_HEADER + "".join(f"Acme,Dev,2024-01-{1 + i % 28:02d},,,,9,\n" for i in range(60))
    lines = refused(content)
    assert len(lines) == 52
    assert lines[50] == "sayyes: ... and 10 more errors"
    assert lines[51] == "sayyes: FILE: 60 rows have errors; nothing was imported"


def test_a_bad_row_stops_the_good_ones(refused) -> None:
    content = INTERVIEWS_HEADER + "New Co,Dev,2024-01-01,,,,,\nNewer Co,Dev,2024-01-01,,,,8,\n"
    assert refused(content)[0].startswith("sayyes: FILE:3: column self_rating:")


def test_too_many_cells(refused) -> None:
    lines = refused("company,role,date\nAcme,Dev,2024-01-01,extra\n")
    assert lines == ["sayyes: FILE:2: has 4 cells but the header row has 3 columns",
                     "sayyes: FILE: nothing was imported"]


def test_broken_quoting(refused) -> None:
    lines = refused('company,role,date\nAcme,"Dev,2024-01-01\n')
    assert lines[0].startswith("sayyes: FILE:2: is not valid CSV here")


def test_offer_for_unknown_opportunity(refused) -> None:
    assert refused("company,role,received_on\nAcme,Astronaut,2024-05-01\n", kind="offers") == [
        "sayyes: FILE:2: column role: 'Acme' has no role 'Astronaut'; import the opportunity first",
        "sayyes: FILE: 1 row has errors; nothing was imported",
    ]
    assert refused("company,role,received_on\nNowhere,Dev,2024-05-01\n", kind="offers")[0] == (
        "sayyes: FILE:2: column company: there is no company named 'Nowhere'; import its opportunity first"
    )


def test_question_naming_no_interview(refused) -> None:
    lines = refused("text,company,role,date\nWhy?,Acme,Backend engineer,2024-03-02\n", kind="questions")
    assert lines[0] == ("sayyes: FILE:2: column date: there is no interview for 'Backend engineer' at 'Acme' "
                        "on 2024-03-02")


def test_opportunity_salary_checks(refused) -> None:
    lines = refused("company,role,salary_min,salary_max,currency\nAcme,Dev,90000,80000,EUR\nAcme,Ops,1000,,\n",
                    kind="opportunities")
    assert lines[:2] == [
        "sayyes: FILE:2: column salary_max: 80000 is below the lower end of the range (90000)",
        "sayyes: FILE:3: column currency: is required when a salary is given",
    ]


@pytest.mark.parametrize(
    "argv",
    [
        ["import"],
        ["import", "interviews"],
        ["import", "pets", "x.csv"],
        ["export", "interviews"],
        ["frobnicate"],
        ["import", "all", "dir", "--update"],
        ["demo", "--size", "0"],
    ],
)
def test_usage_errors_exit_2(data_dir: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    before = dump(data_dir)
    assert main(["--data-dir", str(data_dir), *argv]) == 2
    err = capsys.readouterr().err
    assert "usage: sayyes" in err
    assert "Traceback" not in err
    assert dump(data_dir) == before
