"""An interview's questions, shown and edited inline under its form, so a debrief stays in one place.

Ctrl+Shift+N (or Alt+Q) puts the cursor in "Add question"; type the question and press Enter: it is
saved at once and the cursor stays there for the next one. Cells are edited in place (F2, double
click, or just start typing) and each edit is saved through the services.
"""

from __future__ import annotations

from ...services.errors import ValidationError
from ..inline_table import EditableRecordTableModel
from .inline_panel import InlineRecordsPanel

ADD_SHORTCUT = "Ctrl+Shift+N"


class QuestionsPanel(InlineRecordsPanel):
    kind = "question"
    parent_filter = "interview"
    tables = frozenset({"question"})
    title = "Questions asked"
    noun = "question"
    add_label = "Add &question:"
    add_tooltip = f"Add the question ({ADD_SHORTCUT}, type, Enter)"
    placeholder = f"Type what they asked and press Enter  ({ADD_SHORTCUT})"
    unsaved_placeholder = "Save the interview first, then add its questions here"
    hint_text = "F2 or typing edits a cell; Delete removes a question."
    widths = {"text": 300, "kind": 104, "topic": 110, "answer_quality": 76, "follow_up": 84}
    stretch = "text"
    add_shortcut = ADD_SHORTCUT
    clear_error_on_same_parent = True

    @property
    def interview_id(self) -> int | None:
        return self.parent_id

    def set_interview(self, interview_id: int | None) -> None:
        self.set_parent(interview_id)

    def _make_model(self) -> EditableRecordTableModel:
        model = EditableRecordTableModel(self.kind, self)
        model.sort_key, model.descending = "id", False
        return model

    def add_error(self, exc: ValidationError) -> str:
        return f"Question: {exc.for_field('text') or exc}"
