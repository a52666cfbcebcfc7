"""File → Import, driven as a person would: pick a file, check the preview, match the columns, see the
problems by line, import as one undoable step (or cancel and find the data as it was)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWizard

from desktop_app.db import models as m
from desktop_app.ui import import_wizard
from desktop_app.ui.import_source import guess_kind
from desktop_app.ui.import_wizard import ImportWizard

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton
Button = QWizard.WizardButton


def open_wizard(qtbot: Any, window: Any) -> ImportWizard:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL)  # File → Import
    wizards = [w for w in window.findChildren(ImportWizard) if w.isVisible()]
    assert len(wizards) == 1
    return wizards[0]


def click(qtbot: Any, wizard: ImportWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), f"{button.text()} is not available"
    qtbot.mouseClick(button, LEFT)


def choose(qtbot: Any, combo: Any, text: str) -> None:
    """Pick an item by typing its first letters into the combo, as a keyboard user does."""
    combo.setFocus()
    combo.view().keyboardSearch("")  # a fresh search, as after a pause in typing
    qtbot.keyClicks(combo, text)
    assert combo.currentText().startswith(text), combo.currentText()


def tick(qtbot: Any, box: Any) -> None:
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))  # on the box itself


def pick_file(qtbot: Any, wizard: ImportWizard, path: Path, kind: str) -> None:
    page = wizard.file_page
    assert not wizard.button(Button.NextButton).isEnabled()
    qtbot.keyClicks(page.path_edit, str(path))
    choose(qtbot, page.kind_combo, kind)
    click(qtbot, wizard, Button.NextButton)


def interviews() -> list[tuple[str, str, str, str | None]]:
    query = (m.Interview.select(m.Company.name, m.Opportunity.title, m.Interview.scheduled_on, m.Interview.stage)
             .join(m.Opportunity).join(m.Company).order_by(m.Interview.scheduled_on))
    return [(c, r, str(d), s) for c, r, d, s in query.tuples()]


GERMAN = ("Firma;Rolle;Datum;Stufe;Kommentar\r\n"
          "Müller & Söhne;Entwickler;14.03.2026;technical;gut\r\n"
          "Ärger AG;QA;02.04.2026;Final;\r\n"
          "Müller & Söhne;Entwickler;21.03.2026;final;zäh\r\n")
GERMAN_MAPPING = {"Firma": "company", "Rolle": "role", "Datum": "date", "Stufe": "stage", "Kommentar": "notes"}


def test_a_remapped_windows_file_imports_as_one_undo_step(window: Any, qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "Bewerbungen.csv"
    path.write_bytes(GERMAN.encode("cp1252"))
    wizard = open_wizard(qtbot, window)
    pick_file(qtbot, wizard, path, "Interviews")

    options = wizard.options_page  # guessed from the file, shown live
    assert (options.encoding_combo.currentText(), options.delimiter_combo.currentData()) == ("Windows-1252", ";")
    assert options.date_combo.currentData() == "day-first"
    assert "“14.03.2026” is read as 14 March 2026" in options.date_note.text()
    preview = options.model
    assert [preview.headerData(i, Qt.Orientation.Horizontal) for i in range(preview.columnCount())] == [
        "Firma", "Rolle", "Datum", "Stufe", "Kommentar"]
    assert preview.rowCount() == 3 and preview.index(1, 0).data() == "Ärger AG"
    assert preview.headerData(0, Qt.Orientation.Vertical) == "2"  # rows are numbered by their line
    choose(qtbot, options.encoding_combo, "UTF-8")  # the wrong encoding says so at once
    assert "not UTF-8 text" in options.error_label.text() and not wizard.button(Button.NextButton).isEnabled()
    choose(qtbot, options.encoding_combo, "Windows")
    click(qtbot, wizard, Button.NextButton)

    mapping = wizard.mapping_page
    assert not wizard.button(Button.NextButton).isEnabled()
    assert "Interviews need columns for company, role and date" in mapping.problems_label.text()
    for source, target in GERMAN_MAPPING.items():
        choose(qtbot, mapping.combos[source], target)
    assert mapping.remember.isChecked()
    click(qtbot, wizard, Button.NextButton)

    check = wizard.check_page
    assert check.summary.text() == "3 rows in the file: 3 new."
    assert check.also.text() == "Also creates 2 companies, 2 opportunities."
    assert not check.view.isVisible()
    assert interviews() == []  # a check writes nothing
    assert wizard.button(Button.CommitButton).text() == "Import 3 rows"
    click(qtbot, wizard, Button.CommitButton)

    assert interviews() == [("Müller & Söhne", "Entwickler", "2026-03-14", "technical"),
                            ("Müller & Söhne", "Entwickler", "2026-03-21", "final"),
                            ("Ärger AG", "QA", "2026-04-02", "final")]
    assert "3 created" in wizard.done_page.text.text()
    click(qtbot, wizard, Button.FinishButton)
    assert window.undo_action.text().replace("&", "") == "Undo import of 3 rows"
    ids = sorted(i.id for i in m.Interview.select())

    window.undo()  # one step takes it all back, companies and opportunities too
    assert not m.Interview.select().exists() and not m.Company.select().exists()
    assert not m.Opportunity.select().exists()
    window.redo()
    assert sorted(i.id for i in m.Interview.select()) == ids and m.Company.select().count() == 2

    path.write_bytes(GERMAN.replace("zäh", "sehr zäh").encode("cp1252"))  # the same file, a month later
    again = open_wizard(qtbot, window)
    pick_file(qtbot, again, path, "Interviews")
    click(qtbot, again, Button.NextButton)
    assert {s: c.currentData() for s, c in again.mapping_page.combos.items()} == GERMAN_MAPPING  # remembered
    assert again.mapping_page.saved_note.isVisible()
    click(qtbot, again, Button.NextButton)
    assert again.check_page.summary.text() == "3 rows in the file: 0 new, 3 already here (skipped)."
    assert not again.button(Button.CommitButton).isEnabled()  # nothing to write
    tick(qtbot, again.check_page.update_box)
    assert again.check_page.summary.text() == "3 rows in the file: 0 new, 1 to update, 2 already here (skipped)."
    click(qtbot, again, Button.CommitButton)
    assert m.Interview.get(m.Interview.scheduled_on == dt.date(2026, 3, 21)).debrief_notes == "sehr zäh"
    assert window.undo_action.text().replace("&", "") == "Undo import of 1 row"


BAD = ('company,role,date,stage,notes\n'
       'Acme,Dev,2026-03-14,technical,"a note\nover two lines"\n'
       ',QA,2026-03-15,final,\n'
       'Globex,Ops,30/02/2026,final,\n'
       'Initech,SRE,2026-03-16,lunch,\n'
       'Hooli,PM,2026-03-17,,\n')


def test_a_bad_file_lists_errors_by_line_and_writes_only_when_told_to_skip(
        window: Any, qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "interviews.csv"
    path.write_text(BAD, encoding="utf-8")
    wizard = open_wizard(qtbot, window)
    pick_file(qtbot, wizard, path, "Interviews")
    choose(qtbot, wizard.options_page.date_combo, "ISO")
    click(qtbot, wizard, Button.NextButton)
    assert {s: c.currentData() for s, c in wizard.mapping_page.combos.items()} == {  # matched by name
        "company": "company", "role": "role", "date": "date", "stage": "stage", "notes": "notes"}
    click(qtbot, wizard, Button.NextButton)

    check = wizard.check_page
    assert check.summary.text() == "5 rows in the file: 2 new, 3 rows with errors."
    shown = [[check.model.index(r, c).data() for c in range(3)] for r in range(check.model.rowCount())]
    assert shown == [
        ["4", "company", "is required"],
        ["5", "date", "'30/02/2026' is not an ISO date (YYYY-MM-DD); it looks day first: choose that date order"],
        ["6", "stage", "'lunch' is not one of: recruiter screen, technical, coding, system design, behavioral, "
                       "take-home, onsite, final, other"],
    ]
    assert check.view.isVisible() and check.skip_box.text().replace("&", "") == (
        "Skip the 3 rows with errors and import the others")
    assert not wizard.button(Button.CommitButton).isEnabled()
    assert not m.Interview.select().exists()

    click(qtbot, wizard, Button.BackButton)  # fix the date order, and the error at line 5 becomes another
    click(qtbot, wizard, Button.BackButton)
    choose(qtbot, wizard.options_page.date_combo, "Day")
    click(qtbot, wizard, Button.NextButton)
    click(qtbot, wizard, Button.NextButton)
    assert [check.model.index(r, 2).data() for r in range(3)][1] == (
        "'30/02/2026' is not a date that exists (February has no day 30)")
    assert not check.skip_box.isChecked() and not wizard.button(Button.CommitButton).isEnabled()

    tick(qtbot, check.skip_box)  # explicitly
    assert wizard.button(Button.CommitButton).text() == "Import 2 rows"
    click(qtbot, wizard, Button.CommitButton)
    assert interviews() == [("Acme", "Dev", "2026-03-14", "technical"), ("Hooli", "PM", "2026-03-17", "other")]
    assert m.Interview.get(m.Interview.scheduled_on == dt.date(2026, 3, 14)).debrief_notes == "a note\nover two lines"
    assert "3 rows with errors were skipped, as you chose." in wizard.done_page.text.text()
    assert window.undo_action.text().replace("&", "") == "Undo import of 2 rows"


def test_an_excel_workbook_imports_from_the_sheet_chosen(window: Any, qtbot: Any, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Read me"
    book.active.append(["This workbook tracks my interviews"])
    sheet = book.create_sheet("Log")
    sheet.append(["Company", "Position", "When", "Salary"])
    sheet.append(["Acme", "Dev", dt.datetime(2026, 3, 14, 15, 30), 85000])
    sheet.append(["Globex", "Ops", dt.date(2026, 4, 2), 90000.0])
    path = tmp_path / "tracker.xlsx"
    book.save(path)

    wizard = open_wizard(qtbot, window)
    pick_file(qtbot, wizard, path, "Interviews")
    options = wizard.options_page
    assert options.sheet_combo.isVisible() and not options.encoding_combo.isVisible()
    assert options.model.columnCount() == 1
    choose(qtbot, options.sheet_combo, "Log")
    assert options.model.index(0, 2).data() == "2026-03-14 15:30" and options.model.index(1, 3).data() == "90000"
    click(qtbot, wizard, Button.NextButton)
    mapping = wizard.mapping_page
    assert mapping.combos["Company"].currentData() == "company"
    choose(qtbot, mapping.combos["Position"], "role")
    choose(qtbot, mapping.combos["When"], "date")
    click(qtbot, wizard, Button.NextButton)
    click(qtbot, wizard, Button.CommitButton)
    assert interviews() == [("Acme", "Dev", "2026-03-14", "other"), ("Globex", "Ops", "2026-04-02", "other")]
    assert m.Interview.get(m.Interview.scheduled_on == dt.date(2026, 3, 14)).scheduled_time == "15:30"


def dump() -> dict[str, list[tuple]]:
    return {model._meta.table_name: list(model.select().order_by(model.id).tuples()) for model in m.RECORD_MODELS}


def test_cancel_leaves_the_data_as_it_was(window: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any,
                                          dialogs: Any) -> None:
    path = tmp_path / "Bewerbungen.csv"
    path.write_bytes(GERMAN.encode("cp1252"))
    before = dump()
    wizard = open_wizard(qtbot, window)
    pick_file(qtbot, wizard, path, "Interviews")
    click(qtbot, wizard, Button.NextButton)
    for source, target in GERMAN_MAPPING.items():
        choose(qtbot, wizard.mapping_page.combos[source], target)
    mapping_saved = dict(wizard.state.mapping)
    click(qtbot, wizard, Button.NextButton)

    real = import_wizard.run_in_background  # the user presses Cancel on the progress dialog at once

    def cancelled_at_once(parent: Any, title: str, label: str, work: Any) -> Any:
        return real(parent, title, label, lambda progress, _cancel: work(progress, lambda: True))

    monkeypatch.setattr(import_wizard, "run_in_background", cancelled_at_once)
    click(qtbot, wizard, Button.CommitButton)
    assert dialogs.texts("information") == ["The import was cancelled; nothing was changed."]
    assert wizard.currentPage() is wizard.check_page
    assert dump() == before

    qtbot.mouseClick(wizard.button(Button.CancelButton), LEFT)
    assert not wizard.isVisible()
    assert dump() == before and not window.undo_action.isEnabled()
    assert mapping_saved["Firma"] == "company"


def test_the_kind_is_guessed_from_the_file_name() -> None:
    assert [guess_kind(n) for n in ("interview_questions", "My contacts 2025", "Company list", "Bewerbungen")] == [
        "questions", "contacts", "companies", None]
