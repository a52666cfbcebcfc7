"""Exporting one kind: every field, formula escaping, whole files only."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from desktop_app.services import exporter, records
from desktop_app.services.errors import ServiceError
from desktop_app.services.interchange import SPECS, escape_text, unescape_text

pytestmark = pytest.mark.usefixtures("database")


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("=1+1", "'=1+1"), ("+49 30", "'+49 30"), ("-x", "'-x"), ("@me", "'@me"), ("\tx", "'\tx"),
     ("'q", "''q"), ("plain", "plain"), ("", ""), ("a=b", "a=b")],
)
def test_escape_round_trip(text: str, escaped: str) -> None:
    assert escape_text(text) == escaped
    assert unescape_text(escaped) == text


def test_every_field_of_every_kind_has_a_column() -> None:
    names_by_kind = {s.kind.name: {c.target for c in s.columns if c.target} for s in SPECS.values()}
    for spec in SPECS.values():
        missing = [f.name for f in spec.kind.fields if f.name not in names_by_kind[spec.kind.name] and not f.ref]
        assert missing == [], spec.name


def test_headers_are_the_spec_columns(tmp_path: Path) -> None:
    for name, spec in SPECS.items():
        path = tmp_path / f"{name}.csv"
        assert exporter.export_file(name, path) == 0
        assert read(path) == [list(spec.names)]


def test_text_is_escaped_and_numbers_are_not(tmp_path: Path) -> None:
    company = records.create("company", {"name": "=Acme", "notes": "-careful", "location": "@home"}).primary_id
    opportunity = records.create("opportunity", {"company": company, "title": "Dev", "salary_min": 0,
                                                 "salary_max": 100, "salary_currency": "EUR"}).primary_id
    records.create("offer", {"opportunity": opportunity, "received_on": "2024-01-01", "base_salary": 0,
                             "benefits": "+gym", "currency": "EUR"})
    path = tmp_path / "companies.csv"
    exporter.export_file("companies", path)
    header, row = read(path)
    values = dict(zip(header, row))
    assert (values["name"], values["notes"], values["location"]) == ("'=Acme", "'-careful", "'@home")
    exporter.export_file("offers", path)
    header, row = read(path)
    values = dict(zip(header, row))
    assert (values["company"], values["base"], values["benefits"], values["received_on"]) == (
        "'=Acme", "0", "'+gym", "2024-01-01")


def test_bom_is_optional(tmp_path: Path) -> None:
    records.create("company", {"name": "Ärger"})
    plain, marked = tmp_path / "plain.csv", tmp_path / "bom.csv"
    exporter.export_file("companies", plain)
    exporter.export_file("companies", marked, bom=True)
    assert plain.read_bytes().startswith(b"name,")
    assert marked.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()


def test_a_failed_export_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records.create("company", {"name": "Acme"})
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "out.csv"
    target.write_text("old content")

    def broken(kind: str):
        yield ["name"]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(exporter, "rows", broken)
    with pytest.raises(RuntimeError):
        exporter.export_file("companies", target)
    assert target.read_text() == "old content"
    assert [p.name for p in target.parent.iterdir()] == ["out.csv"]


def test_refuses_a_folder_as_target(tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="is a folder"):
        exporter.export_file("companies", tmp_path)


def test_a_cancelled_export_leaves_no_file_and_keeps_an_old_one(database, tmp_path) -> None:
    from desktop_app.services import archive, exporter, records
    from desktop_app.services.errors import Cancelled

    records.create("company", {"name": "Acme"})
    target = tmp_path / "companies.csv"
    target.write_text("old contents\n", encoding="utf-8")
    with pytest.raises(Cancelled):
        exporter.export_file("companies", target, cancel=lambda: True)
    assert target.read_text(encoding="utf-8") == "old contents\n"
    assert not list(tmp_path.glob(".companies.csv.*"))  # no temporary file left
    with pytest.raises(Cancelled):
        archive.export_all(tmp_path / "archive", cancel=lambda: True)
    assert not (tmp_path / "archive").exists()
    assert exporter.export_file("companies", target, cancel=lambda: False) == 1
