"""What the two tabs of Questions & Skills share: a record screen that lives inside a tab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QWidget

from ...services import records
from ...services.changes import Change
from ..bus import ChangeBus
from ..record_screen import RecordScreen


class GrowthTab(RecordScreen):
    """A RecordScreen shown as a tab; it refreshes itself by the change bus like a whole screen."""

    tab_title = ""
    stretch_column = ""  # the list column that takes the width left over (the others keep theirs)

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        if self.stretch_column:
            header = self.list.view.horizontalHeader()
            header.setStretchLastSection(False)
            column = [c.key for c in self.model.columns].index(self.stretch_column)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def refresh(self, change: Change | None) -> None:
        super().refresh(change)
        record_id = self.form.record_id
        if change is None and record_id is not None and not self.form.is_dirty():
            # shown again after changes made while hidden: the record may have changed or gone
            if records.exists(self.kind_name, record_id):
                self._load(record_id)
            else:
                self._show_record_pane(False)

    def take_focus(self) -> None:
        """Where the keyboard goes when the tab is switched to: the list, or the empty state's button."""
        if self.pages.currentWidget() is self.empty_page:
            self.empty_button.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.list.view.setFocus(Qt.FocusReason.TabFocusReason)
