"""A contact's interactions (date, channel, summary), shown and edited inline under the contact's form.

Ctrl+Shift+N (or Alt+I) puts the cursor in "Add interaction"; type what you talked about and press
Enter: it is saved at once, dated today, and the cursor stays there. Cells are edited in place (F2,
double click, or just start typing); each edit is saved through the services and can be undone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QTableView, QWidget

from ...services.choices import INTERACTION_CHANNELS
from ...services.values import Field
from ..formatting import choice_text
from ..inline_table import EditableRecordTableModel
from .contacts_widgets import rows_high
from .inline_panel import InlineRecordsPanel, shortened

ADD_SHORTCUT = "Ctrl+Shift+N"


class InteractionModel(EditableRecordTableModel):
    """The interactions of one contact; every cell but the (hidden) contact can be edited."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("interaction", parent)

    def field_at(self, column: int) -> Field | None:
        field = super().field_at(column)
        return None if field is not None and field.name == "contact" else field


class InteractionsPanel(InlineRecordsPanel):
    kind = "interaction"
    parent_filter = "contact"
    tables = frozenset({"interaction"})
    title = "Interactions"
    noun = "interaction"
    add_label = "Add &interaction:"
    add_tooltip = f"Add the interaction, dated today ({ADD_SHORTCUT}, type, Enter)"
    placeholder = f"What you talked about, then Enter  ({ADD_SHORTCUT})"
    unsaved_placeholder = "Save the contact first, then note your conversations here"
    hint_text = "F2 or typing edits a cell; Delete removes an interaction."
    widths = {"occurred_on": 96, "channel": 96, "summary": 300}
    stretch = "summary"
    hidden = ("contact",)
    view_stretch = 1
    add_shortcut = ADD_SHORTCUT
    add_step_label = "add interaction"
    clear_error_on_same_parent = True

    @property
    def contact_id(self) -> int | None:
        return self.parent_id

    def set_contact(self, contact_id: int | None) -> None:
        self.set_parent(contact_id)

    def _build_add_inputs(self, row: QHBoxLayout) -> list[QWidget]:
        inputs = super()._build_add_inputs(row)
        self.channel = QComboBox()
        self.channel.setAccessibleName("Channel of the new interaction")
        self.channel.setToolTip("How you were in touch")
        self.channel.addItem("Channel…", None)
        for channel in INTERACTION_CHANNELS:
            self.channel.addItem(choice_text(channel), channel)
        row.addWidget(self.channel)
        return [*inputs, self.channel]

    def _make_model(self) -> InteractionModel:
        return InteractionModel(self)

    def _setup_view(self, view: QTableView) -> None:
        view.setMinimumHeight(rows_high(view, 3))

    def new_values(self) -> dict[str, Any] | None:
        summary = self.add_edit.text().strip()
        if not summary:
            return None
        return {"occurred_on": dt.date.today(), "channel": self.channel.currentData(), "summary": summary}

    def describe(self, row: int, record_id: int) -> str:
        columns = [c.key for c in self.model.columns]
        day = self.model.index(row, columns.index("occurred_on")).data() or ""
        summary = self.model.index(row, columns.index("summary")).data() or ""
        return f"{day}  {shortened(summary)}"
