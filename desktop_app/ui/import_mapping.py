"""The import wizard's mapping page: each column of the file, its first values, and the field it fills."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget, QWizardPage,
)

from ..services import tabular
from ..services.interchange import spec as get_spec
from .import_source import columns_text, hint_label
from .import_wizard import KIND_LABELS, ImportState
from .screen import ElidedLabel

IGNORE = "— ignore —"
SAMPLES = 3


def samples(table: tabular.Table, column: int) -> str:
    """The first few different non-empty values of a column, one line."""
    seen: list[str] = []
    for _, cells in table.rows:
        value = " ".join(cells[column].split()) if column < len(cells) else ""
        if value and value not in seen:
            seen.append(value)
            if len(seen) == SAMPLES:
                break
    return " · ".join(seen)


class MappingPage(QWizardPage):
    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self._built: tuple[str, tuple[str, ...]] | None = None
        self.combos: dict[str, QComboBox] = {}
        self.setTitle("Match the columns")
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.saved_note = hint_label()
        self.problems_label = hint_label(name="fieldError")
        self.remember = QCheckBox("&Remember this mapping for files with these columns")
        self.remember.setToolTip("Kept once the import is done, and filled in the next time")
        self.remember.setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.saved_note)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.remember)

    def initializePage(self) -> None:  # noqa: N802
        table = self.state.preview
        assert table is not None
        key = (self.state.kind, table.columns)
        spec = get_spec(self.state.kind)
        self.setSubTitle(f"Choose the field each column of the file fills, or ignore it. "
                         f"{KIND_LABELS[self.state.kind]} need {columns_text(spec.required)}.")
        if key != self._built:
            self._built = key
            saved = tabular.load_mapping(self.state.kind, table.columns)
            self.state.mapping_from_saved = saved is not None
            self.state.mapping = saved or tabular.suggest_mapping(self.state.kind, table.columns)
            self._build(table)
        self.saved_note.setText("Filled in from the mapping you saved for files with these columns."
                                if self.state.mapping_from_saved else "")
        self.saved_note.setVisible(self.state.mapping_from_saved)
        self._update_problems()

    def _build(self, table: tabular.Table) -> None:
        spec = get_spec(self.state.kind)
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        for col, text in enumerate(("Column in the file", "First values", "Import as")):
            heading = QLabel(text)
            heading.setObjectName("fieldLabel")
            grid.addWidget(heading, 0, col)
        self.combos = {}
        for row, source in enumerate(table.columns, start=1):
            name = QLabel(source)
            name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            values = ElidedLabel(samples(table, row - 1))
            values.setObjectName("hint")
            values.setMinimumWidth(120)
            combo = QComboBox()
            combo.setAccessibleName(f"Import {source} as")
            combo.addItem(IGNORE, None)
            for column in spec.columns:
                combo.addItem(f"{column.name} (required)" if column.required else column.name, column.name)
                tip = column.field.label + (f" — {column.field.help}" if column.field.help else "")
                combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(max(0, combo.findData(self.state.mapping.get(source))))
            combo.setMinimumWidth(220)
            combo.currentIndexChanged.connect(lambda _i, s=source, c=combo: self._on_choice(s, c))
            name.setBuddy(combo)
            grid.addWidget(name, row, 0)
            grid.addWidget(values, row, 1)
            grid.addWidget(combo, row, 2)
            self.combos[source] = combo
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(table.columns) + 1, 1)
        self.scroll.setWidget(grid_widget)

    def _on_choice(self, source: str, combo: QComboBox) -> None:
        self.state.mapping[source] = combo.currentData()
        self.state.mapping_from_saved = False
        self._update_problems()

    def _update_problems(self) -> None:
        problems = tabular.mapping_problems(self.state.kind, self.state.mapping)
        self.problems_label.setText("\n".join(problems))
        self.problems_label.setVisible(bool(problems))
        targets = [t for t in self.state.mapping.values() if t]
        for source, combo in self.combos.items():
            invalid = targets.count(self.state.mapping.get(source)) > 1 if self.state.mapping.get(source) else False
            if combo.property("invalid") != invalid:
                combo.setProperty("invalid", invalid)
                combo.style().unpolish(combo)
                combo.style().polish(combo)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return not tabular.mapping_problems(self.state.kind, self.state.mapping)

    def validatePage(self) -> bool:  # noqa: N802
        self.state.remember_mapping = self.remember.isChecked()
        return True
