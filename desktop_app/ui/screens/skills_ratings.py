"""A skill's dated ratings, shown and edited inline under its form, with where the level is heading.

Ctrl+Shift+N puts the cursor on the level of a new rating (today, the latest level, by myself); Enter
adds it — two keystrokes — or type a digit first to pick the level. Cells are edited in place (F2,
double click, or just start typing) and each edit is saved through the services.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QTableView, QWidget

from ...services import growth, records
from ...services.changes import Change
from ...services.errors import ValidationError
from ...services.kinds import SKILL_RATING
from ..editors import FieldEditor, make_editor
from ..formatting import choice_text
from .inline_panel import InlineRecordsPanel

ADD_SHORTCUT = "Ctrl+Shift+N"
ADD_FIELDS = ("level", "rated_on", "source")
JOINING_WORDS = {"rated_on": "on", "source": "from"}  # "Add rating: 4 on 2026-03-14 from Self"


class RatingsPanel(InlineRecordsPanel):
    kind = "skill_rating"
    parent_filter = "skill"
    tables = frozenset({"skill", "skill_rating"})
    title = "Ratings"
    noun = "rating"
    add_label = "Add rating:"
    add_tooltip = f"Add the rating ({ADD_SHORTCUT}, then Enter)"
    hint_text = "F2 or typing edits a cell; Delete removes a rating."
    widths = {"rated_on": 110, "level": 120, "source": 150}
    hidden = ("skill",)  # they are all of this skill
    view_stretch = 1
    add_shortcut = ADD_SHORTCUT
    keep_column_after_delete = True

    @property
    def skill_id(self) -> int | None:
        return self.parent_id

    def set_skill(self, skill_id: int | None) -> None:
        self.set_parent(skill_id)

    def _build_heading(self, layout: QBoxLayout) -> None:
        top = QHBoxLayout()
        self.trend = QLabel()
        self.trend.setObjectName("trend")
        self.trend.setAccessibleName("Trend")
        top.addWidget(self.heading)
        top.addSpacing(12)
        top.addWidget(self.trend, 1, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)

    def _build_add_inputs(self, row: QHBoxLayout) -> list[QWidget]:
        row.setSpacing(6)
        self.add_editors: dict[str, FieldEditor] = {}
        for name in ADD_FIELDS:
            editor = make_editor(SKILL_RATING.field(name))
            editor.input.installEventFilter(self)
            self.add_editors[name] = editor
            if name in JOINING_WORDS:
                row.addWidget(QLabel(JOINING_WORDS[name]))
            row.addWidget(editor, 0)
        self.add_label_widget.setBuddy(self.add_editors["level"].input)
        return list(self.add_editors.values())

    def _finish_add_row(self, row: QHBoxLayout) -> None:
        row.addStretch(1)

    def _setup_view(self, view: QTableView) -> None:
        super()._setup_view(view)
        view.setAccessibleName("Ratings")
        view.horizontalHeader().setStretchLastSection(True)

    def _parent_changed(self) -> None:
        self.reset_add_row()

    def reset_add_row(self) -> None:
        """Today's self-rating at the latest level (3 when not rated yet)."""
        values: dict[str, Any] = growth.rating_defaults(self.skill_id) if self.skill_id is not None else {
            "rated_on": None, "level": 3, "source": "self"}
        for name, editor in self.add_editors.items():
            editor.set_value(values[name])

    def _reloaded(self, count: int) -> None:
        if self.skill_id is None:
            self.trend.setText("Save the skill first, then rate it here")
        else:
            trend = growth.trend(self.skill_id)
            self.trend.setText(("✓ " if trend.reached else "") + trend.text)

    def _publish(self, change: Change) -> None:
        super()._publish(change)
        if self.skill_id is not None:
            self.reload()  # the trend follows the edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and any(watched is e.input for e in self.add_editors.values())):
            self.add()
            return True
        return super().eventFilter(watched, event)

    def focus_add(self) -> None:
        level = self.add_editors["level"].input
        if level.isEnabled():
            level.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def new_values(self) -> dict[str, Any]:
        return {n: e.value() for n, e in self.add_editors.items()}

    def add_error(self, exc: ValidationError) -> str:
        return "; ".join(f"{SKILL_RATING.field(e.field).label}: {e.message}"
                         if e.field in SKILL_RATING.field_names else e.message for e in exc.errors)

    def _added(self) -> None:
        pass

    def describe(self, row: int, record_id: int) -> str:
        rating = records.get("skill_rating", record_id)
        return f"{rating['rated_on']} · level {rating['level']} · {choice_text(rating['source'])}"
