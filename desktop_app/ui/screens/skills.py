"""Skills: what I want to grow, a target level for each, and dated ratings that show where it stands."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QWidget

from ...services import growth
from ...services.changes import Change
from ...services.list_specs import Column
from ..bus import ChangeBus
from ..table_model import RecordTableModel
from .questions_tab import GrowthTab
from .skills_ratings import RatingsPanel

LATEST = Column("latest_level", "Latest", None, "rating")


class SkillTableModel(RecordTableModel):
    """The skills list with one more column, the latest rating's level, read for the rows shown."""

    def __init__(self, kind_name: str, parent: Any = None) -> None:
        super().__init__(kind_name, parent)
        self.columns = (*self.columns, LATEST)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.columns) and self.columns[column] is LATEST:
            return  # computed per page of rows shown, so not sortable in SQL
        super().sort(column, order)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt name)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns) and self.columns[section] is LATEST):
            return "The level of the latest rating"
        return super().headerData(section, orientation, role)

    def _row(self, row: int) -> tuple[Any, ...] | None:
        values = super()._row(row)
        if values is None or len(values) == len(self.columns):
            return values
        page = self._pages[row // self.PAGE_SIZE]  # just read by super(): add the levels to all its rows
        levels = growth.latest_levels(page)
        for record_id, cells in page.items():
            if len(cells) < len(self.columns):
                page[record_id] = (*cells, levels.get(record_id))
        return page.get(self.id_at(row))


class SkillsTab(GrowthTab):
    key = "skills"
    title = "Skills"
    tab_title = "S&kills"
    kind_name = "skill"
    tables = frozenset({"skill", "skill_rating"})
    model_class = SkillTableModel
    form_fields = ("name", "category", "target_level")
    column_widths = {"category": 118, "target_level": 84, "latest_level": 84}
    stretch_column = "name"
    list_share = 0.42
    empty_text = (
        "Your gaps close one skill at a time. List the skills you want to grow, each with the level you "
        "aim for, and rate yourself now and then — after studying, after an interviewer's feedback, after "
        "a question went well or badly — to watch each level climb towards its target.\n\n"
        "Add your first skill with New skill (Ctrl+N)."
    )

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.form.input("category").setPlaceholderText("e.g. Backend, Cloud, People")
        header = self.list.view.horizontalHeader()
        header.sortIndicatorChanged.connect(self._keep_sort_indicator)

    def build_extras(self) -> QWidget | None:
        self.ratings = RatingsPanel(self.bus)
        return self.ratings

    def record_loaded(self, record_id: int | None) -> None:
        self.ratings.set_skill(record_id)

    def refresh(self, change: Change | None) -> None:
        super().refresh(change)
        if self.ratings.skill_id != self.form.record_id:  # the skill went (deleted, or its creation undone)
            self.ratings.set_skill(self.form.record_id)
        elif change is None:
            self.ratings.reload()
        else:
            self.ratings.on_change(change)

    def _keep_sort_indicator(self, section: int, _order: Qt.SortOrder) -> None:
        if self.model.columns[section] is LATEST:
            header = self.list.view.horizontalHeader()
            order = Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder
            with QSignalBlocker(header):
                header.setSortIndicator(self.model.sort_column(), order)
