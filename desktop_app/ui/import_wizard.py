"""File → Import: a wizard for the files people really have (PRODUCT.md "CSV interchange").

Pick a CSV or .xlsx file and what its rows are, check how it is read in a live preview, match its
columns to fields, see every problem by line before anything is written, then import it all as one
undoable step. The rows go through the same importer as `sayyes import`; services.tabular reads the
file and turns its dates into ISO first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget, QWizard

from ..services import importer, tabular
from ..services.errors import Cancelled
from ..services.importer import ImportResult
from ..services.interchange import RowError
from .worker import run_in_background

KIND_LABELS = {"interviews": "Interviews", "opportunities": "Opportunities", "companies": "Companies",
               "contacts": "Contacts", "offers": "Offers", "questions": "Questions"}


@dataclass
class Outcome:
    """A check (dry run) or an import of the whole file: the importer's result and the cells that
    could not be read before it (dates in another order, rows too wide)."""

    mapped: tabular.Mapped
    result: ImportResult

    @property
    def errors(self) -> list[RowError]:
        return sorted(self.mapped.errors + self.result.errors, key=lambda e: (e.line or 0, e.column))

    @property
    def bad_rows(self) -> int:
        return len({e.line for e in self.errors})

    @property
    def rows(self) -> int:
        return self.mapped.total

    @property
    def to_write(self) -> int:
        return self.result.created + self.result.updated


@dataclass
class ImportState:
    """What the pages have chosen so far; the pages read and write it, the wizard runs the import."""

    path: Path | None = None
    kind: str = "interviews"
    options: tabular.Options = field(default_factory=tabular.Options)
    preview: tabular.Table | None = None  # the header and the first rows, as the options read them
    mapping: tabular.Mapping = field(default_factory=dict)
    mapping_from_saved: bool = False
    remember_mapping: bool = True  # saved once the import is done (a cancelled one leaves no trace)
    update: bool = False
    skip_bad_rows: bool = False
    checked: Outcome | None = None
    imported: Outcome | None = None


def run_import(state: ImportState, *, dry_run: bool, parent: QWidget | None) -> Outcome:
    """Read the whole file, map it and import it on a worker (dry_run: check only, write nothing).
    Raises Cancelled, TabularError or a ServiceError."""
    path, kind, options, mapping = state.path, state.kind, state.options, dict(state.mapping)
    update, skip = state.update, state.skip_bad_rows
    assert path is not None

    def work(progress: Any, cancel: Any) -> Outcome:
        table = tabular.read_table(path, options)
        mapped = tabular.to_source_rows(kind, table, mapping, options.date_order)
        if cancel():
            raise Cancelled()
        blocked = bool(mapped.errors) and not skip  # never write past rows the user has not agreed to skip
        result = importer.import_rows(kind, mapped.rows, update=update, skip_bad_rows=skip, progress=progress,
                                      cancel=cancel, dry_run=dry_run or blocked)
        return Outcome(mapped, result)

    what = "Checking" if dry_run else "Importing"
    return run_in_background(parent, "Import", f"{what} {path.name}…", work)


class ImportWizard(QWizard):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        from .import_check import CheckPage, DonePage
        from .import_mapping import MappingPage
        from .import_source import FilePage, OptionsPage

        self.window_ = window
        self.state = ImportState()
        self.setWindowTitle("Import")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.file_page = FilePage(self.state)
        self.options_page = OptionsPage(self.state)
        self.mapping_page = MappingPage(self.state)
        self.check_page = CheckPage(self.state, self)
        self.done_page = DonePage(self.state)
        for page in (self.file_page, self.options_page, self.mapping_page, self.check_page, self.done_page):
            self.addPage(page)
        self.resize(900, 640)

    def publish(self, outcome: Outcome) -> None:
        """Announce the import to the window: one undo step, and the screens refresh. Remember the
        mapping when asked to."""
        self.window_.bus.publish(outcome.result.change)
        if self.state.remember_mapping and self.state.preview is not None:
            tabular.save_mapping(self.state.kind, self.state.preview.columns, self.state.mapping)
        self.window_.statusBar().showMessage(f"Imported {self.state.path.name if self.state.path else ''}: "
                                             f"{outcome.result.summary()}", 8000)


def open_import_wizard(window: Any) -> ImportWizard:
    """Show the wizard over the window (window-modal, not blocking) and return it."""
    wizard = ImportWizard(window)
    wizard.open()
    return wizard


def run_import_wizard(window: Any) -> None:
    if window.current_screen.can_leave():  # unsaved edits first: an import may change the record shown
        open_import_wizard(window)
