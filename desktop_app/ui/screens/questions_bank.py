"""The question bank: every question asked (or saved to practise), how I answered, and what to study.

A question may belong to an interview (added while debriefing) or live in the bank on its own. The
topic filter offers the topics found in the data; a question marked "to study" becomes a study task.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QSignalBlocker, QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QPushButton, QWidget

from ...services import growth, records
from ...services.changes import Change
from ...services.choices import FOLLOW_UPS, QUESTION_KINDS
from ...services.errors import ServiceError
from .. import dialogs
from ..bus import ChangeBus
from ..editors import RefEditor
from ..record_list import FilterSpec
from .questions_tab import GrowthTab

ALL_TOPICS = "All topics"


class QuestionBankTab(GrowthTab):
    key = "question-bank"
    title = "Question bank"
    tab_title = "&Question bank"
    kind_name = "question"
    tables = frozenset({"question", "interview", "opportunity", "company", "task"})
    filter_specs = (
        FilterSpec("kind", "All kinds", QUESTION_KINDS),
        FilterSpec("follow_up", "All follow-ups", FOLLOW_UPS),
    )
    form_fields = ("text", "interview", "topic", "kind", "answer_quality", "follow_up", "my_answer",
                   "better_answer")
    form_wide = ("interview", "topic", "follow_up")
    column_widths = {"kind": 104, "topic": 112, "answer_quality": 80, "follow_up": 78}
    stretch_column = "text"
    list_share = 0.55
    empty_text = (
        "The questions you could not answer show your gaps, and the knowledge that has gone stale. "
        "Keep every question here — the ones interviewers asked (added while you debrief on the "
        "Interviews screen) and ones you save to practise — with how well you answered, what you "
        "said, a better answer, and whether to study it.\n\n"
        "Add your first one with New question (Ctrl+N); it needs no interview."
    )

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.topic_box = QComboBox()
        self.topic_box.setAccessibleName(ALL_TOPICS)
        self.topic_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.topic_box.setMaximumWidth(160)
        self.topic_box.addItem(ALL_TOPICS, None)
        self.list.add_filter_box("topic", self.topic_box)
        self._topics = QStringListModel(self)
        completer = QCompleter(self._topics, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.form.input("topic").setCompleter(completer)
        self.form.input("topic").setPlaceholderText("e.g. Concurrency")

        self.interview_editor = self.form.editor("interview")
        assert isinstance(self.interview_editor, RefEditor)
        self.interview_editor.combo.lineEdit().setPlaceholderText("None: the question lives in the bank")
        self.open_interview_button = QPushButton("Open interview")
        self.open_interview_button.setAutoDefault(False)
        self.open_interview_button.setToolTip("Show this interview on the Interviews screen")
        self.open_interview_button.clicked.connect(self.open_interview)
        self.form.add_beside("interview", self.open_interview_button)
        self.interview_editor.edited.connect(self._update_links)

        self.study_button = QPushButton("Make a study task")
        self.study_button.setAutoDefault(False)
        self.study_button.setToolTip(f"A task to study this, due in {growth.STUDY_DAYS} days")
        self.study_button.clicked.connect(self.make_study_task)
        self.study_link = QLabel()
        self.study_link.setObjectName("hint")
        self.study_link.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.study_link.linkActivated.connect(self._open_task)
        follow_up = self.form.editor("follow_up")
        follow_up.input.setFixedWidth(150)
        follow_up.row.setStretch(0, 0)
        self.form.add_beside("follow_up", self.study_button)
        self.form.add_beside("follow_up", self.study_link)
        follow_up.row.addStretch(1)
        follow_up.edited.connect(self._update_links)
        self._study_task: growth.StudyTask | None = None

        # the question first (Ctrl+N puts the cursor in it), then the fields above it row by row, with
        # the buttons beside them, then the other long texts
        inputs = self.form.input
        order = [inputs("text"), inputs("interview"), self.open_interview_button, inputs("topic"), inputs("kind"),
                 inputs("answer_quality"), inputs("follow_up"), self.study_button, self.study_link,
                 inputs("my_answer"), inputs("better_answer")]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        self._fill_topics()
        self._update_links()

    # --- hooks ----------------------------------------------------------------------------------

    def new_defaults(self) -> dict[str, Any]:
        """A new question starts in the kind, follow-up and topic the list is filtered by."""
        return dict(self.list.filters())

    def record_title(self, record_id: int) -> str:
        return " ".join(str(records.get("question", record_id)["text"]).split())

    def record_loaded(self, record_id: int | None) -> None:
        self.interview_editor.combo.lineEdit().setCursorPosition(0)  # the date and stage first
        if record_id is None:
            self.form.reveal("text")  # a new question is typed first
        self._study_task = growth.study_task(record_id) if record_id is not None else None
        self._update_links()

    def refresh(self, change: Change | None) -> None:
        if change is None or "question" in change.tables:
            self._fill_topics()
        super().refresh(change)

    # --- topics ---------------------------------------------------------------------------------

    def _fill_topics(self) -> None:
        topics = growth.topics()
        self._topics.setStringList(topics)
        chosen = self.topic_box.currentData()
        with QSignalBlocker(self.topic_box):
            self.topic_box.clear()
            self.topic_box.addItem(ALL_TOPICS, None)
            for topic in topics:
                self.topic_box.addItem(topic, topic)
            if chosen is not None and chosen not in topics:
                self.topic_box.addItem(chosen, chosen)  # keep the filter until it is changed
            self.topic_box.setCurrentIndex(max(self.topic_box.findData(chosen), 0))

    # --- links ----------------------------------------------------------------------------------

    def _update_links(self) -> None:
        interview_id, _text = self.interview_editor.resolve()
        self.open_interview_button.setVisible(interview_id is not None)
        saved = self.form.record_id is not None
        to_study = self.form.editor("follow_up").value() == "to study"
        task = self._study_task
        self.study_button.setVisible(saved and to_study and task is None)
        if task is not None:
            due = "" if task.due_on is None else (
                f" overdue since {task.due_on.isoformat()}" if task.due_on < dt.date.today()
                else f" due {task.due_on.isoformat()}")
            self.study_link.setText(f'<a href="task:{task.id}">Study task{due}</a>')
            self.study_link.setToolTip(task.title)
        self.study_link.setVisible(saved and task is not None)

    def open_interview(self) -> None:
        interview_id, _text = self.interview_editor.resolve()
        if interview_id is not None:
            self.openRequested.emit("interview", interview_id)

    def _open_task(self, link: str) -> None:
        self.openRequested.emit("task", int(link.split(":", 1)[1]))

    def make_study_task(self) -> None:
        if self.form.is_dirty() and not self.save():
            return
        question_id = self.form.record_id
        if question_id is None:
            return
        try:
            change = growth.create_study_task(question_id)
        except ServiceError as exc:
            dialogs.problem(self, "Could not make the study task", str(exc))
            return
        self.bus.publish(change)
        self._study_task = growth.study_task(question_id)
        self._update_links()
        task = self._study_task
        due = f", due {task.due_on.isoformat()}" if task is not None and task.due_on else ""
        self.message.emit(f"Made a study task{due}")
