"""File → Export: one kind as CSV, or the full archive, chosen and written as a person would."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.services import records
from desktop_app.ui.export_dialog import ExportDialog
from tests.ui import helpers as h

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


def open_dialog(qtbot: Any, window: Any) -> ExportDialog:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)  # File → Export
    [dialog] = [d for d in window.findChildren(ExportDialog) if d.isVisible()]
    return dialog


def rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_export_a_kind_to_a_chosen_file(window: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any,
                                        dialogs: Any) -> None:
    h.company("Acme", industry="Robots")
    h.company("=Globex")
    target = tmp_path / "firmen.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV files (*.csv)"))
    dialog = open_dialog(qtbot, window)
    assert dialog.kind_radio.isChecked() and not dialog.folder_edit.isEnabled()
    dialog.kind_combo.setFocus()
    qtbot.keyClicks(dialog.kind_combo, "Comp")
    assert dialog.kind_combo.currentData() == "companies"
    assert Path(dialog.file_edit.text()).name == "companies.csv"  # follows the kind
    qtbot.mouseClick(dialog.file_button, LEFT)
    assert dialog.file_edit.text() == str(target)
    qtbot.mouseClick(dialog.export_button, LEFT)

    table = rows(target)
    assert table[0][:3] == ["name", "website", "industry"]
    assert [r[0] for r in table[1:]] == ["Acme", "'=Globex"] and table[1][2] == "Robots"
    assert dialog.status.text() == f"Wrote 2 companies to {target}."
    assert window.statusBar().currentMessage() == dialog.status.text()

    records.create("company", {"name": "Initech"})
    dialog.file_edit.clear()  # typed by hand over an existing file: asked first
    qtbot.keyClicks(dialog.file_edit, str(target))
    dialogs.answer(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(dialog.export_button, LEFT)
    assert "already exists" in dialogs.last and len(rows(target)) == 3  # kept
    dialogs.answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.export_button, LEFT)
    assert len(rows(target)) == 4 and dialog.status.text() == f"Wrote 3 companies to {target}."


def test_export_the_full_archive_into_a_new_folder(window: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    opp = h.opportunity("Acme", "Dev")
    h.interview(opp, "2026-03-14", stage="technical")
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "cv.pdf").write_bytes(b"%PDF")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(documents))
    dialog = open_dialog(qtbot, window)
    qtbot.mouseClick(dialog.archive_radio, LEFT, pos=QPoint(8, dialog.archive_radio.height() // 2))
    assert dialog.full_archive and dialog.folder_edit.isEnabled() and not dialog.file_edit.isEnabled()
    qtbot.mouseClick(dialog.folder_button, LEFT)
    folder = Path(dialog.folder_edit.text())
    assert folder.parent == documents and folder.name.startswith("sayyes-archive-")  # not into a full folder
    qtbot.mouseClick(dialog.export_button, LEFT)

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tables"]["interview"]["rows"] == 1
    companies = rows(folder / "company.csv")
    assert dict(zip(companies[0], companies[1]))["name"] == "Acme"
    assert dialog.status.text().startswith(f"Wrote 3 records in {len(manifest['tables'])} tables to {folder}")
    assert Path(dialog.folder_edit.text()) != folder  # the next archive gets a folder of its own

    dialog.folder_edit.setText(str(documents))  # a full folder typed by hand: refused, nothing written
    qtbot.mouseClick(dialog.export_button, LEFT)
    assert "Nothing was exported" in dialog.status.text() and "not an empty folder" in dialog.status.text()
    assert sorted(p.name for p in documents.iterdir()) == ["cv.pdf", folder.name]
