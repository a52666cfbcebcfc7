"""The demo folder: beside the user's data file, filled once, marked, and never filled over real records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services import datafolder, demo_folder, listing, records
from desktop_app.services.errors import Cancelled, ServiceError

TODAY = dt.date(2026, 3, 16)


def test_the_demo_folder_is_inside_the_data_folder_and_never_the_folder_itself(tmp_path: Path) -> None:
    assert demo_folder.demo_dir(tmp_path / "data") == tmp_path / "data" / "demo"
    assert demo_folder.demo_dir(tmp_path / "data") != tmp_path / "data"


def test_fill_writes_demo_data_once_and_marks_the_file(database: Any) -> None:
    assert not demo_folder.is_demo_data()
    counts = demo_folder.fill(40, today=TODAY)
    assert counts["interview"] == 40 and listing.count("interview") == 40
    assert demo_folder.is_demo_data()
    assert demo_folder.fill(40, today=TODAY) == {}  # kept as it was left
    assert listing.count("interview") == 40


def test_the_same_seed_and_day_give_the_same_demo(tmp_path: Path) -> None:
    def names(folder: Path) -> list[str]:
        database = datafolder.open_folder(folder)
        try:
            demo_folder.fill(30, today=TODAY)
            return [records.get("company", i)["name"] for i in listing.list_ids("company", sort="name")]
        finally:
            database.close()

    assert names(tmp_path / "a") == names(tmp_path / "b")


def test_real_records_are_never_filled_over(database: Any) -> None:
    records.create("company", {"name": "Initech"})
    with pytest.raises(ServiceError, match="not demo data"):
        demo_folder.fill(10, today=TODAY)
    assert listing.count("company") == 1 and not demo_folder.is_demo_data()


def test_a_cancelled_fill_writes_no_record_and_is_filled_next_time(database: Any) -> None:
    with pytest.raises(Cancelled):
        demo_folder.fill(30, today=TODAY, cancel=lambda: True)
    assert not datafolder.has_records()
    assert demo_folder.fill(30, today=TODAY)["interview"] == 30
