"""The first-run page: what each screen is for, and a choice between one's own data and the demo."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from .screens import SCREENS

WIDTH = 720
MARGIN = 36
NAME_WIDTH = 150
KEY_WIDTH = 52
PURPOSES = {
    "dashboard": "Your progress in charts: interviews per month against your habit, the funnel from "
                 "invitation to offer, how well you judge yourself, your weakest topics.",
    "opportunities": "Every role you were invited to, from the first message to its close — as a list "
                     "or as a board by status.",
    "interviews": "Each round: when, how confident you were, how it went, what they said, and the "
                  "questions they asked.",
    "questions": "What you were asked and how well you answered, and the skills to study next.",
    "contacts": "The people you met — recruiters, interviewers, future colleagues — and when to follow up.",
    "offers": "Offers and counter-offers, side by side with your current job, per year in one currency.",
    "companies": "The companies you saw from the inside, scored against your own workplace standards.",
    "tasks": "What is due: follow-ups, study items, offer deadlines, upcoming interviews.",
}
INTRO = (
    "Every interview pays, whatever its outcome: opportunities, people, a realistic view of your level, "
    "the gaps to close, offers in hand and a sharper eye for a good workplace. SayYes keeps all of it "
    "here, on this computer. Your data folder is empty for now; this is what each screen is for."
)
DEMO_NOTE = (
    "Demo data opens in a folder of its own, under a yellow banner: nothing you do there touches your "
    "data. File → Explore demo data brings it back at any time."
)


def _wrapped(text: str, width: int, object_name: str = "emptyBody") -> QLabel:
    """A word-wrapped label of a fixed width, as tall as its text (see screen.card_text)."""
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setFixedWidth(width)
    label.setMinimumHeight(label.heightForWidth(width) + 2)
    return label


class WelcomePage(QWidget):
    """Shown in place of the screens while the data folder has no records."""

    startRequested = Signal()  # "Start with my own data": the screens, with their own empty states
    demoRequested = Signal()  # "Explore with demo data"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        card = QFrame()
        card.setObjectName("emptyCard")
        card.setFixedWidth(WIDTH)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(MARGIN, 30, MARGIN, 30)
        inner.setSpacing(14)
        text_width = WIDTH - 2 * MARGIN
        heading = QLabel("Welcome to SayYes")
        heading.setObjectName("emptyTitle")
        inner.addWidget(heading)
        inner.addWidget(_wrapped(INTRO, text_width))

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        purpose_width = text_width - NAME_WIDTH - KEY_WIDTH - 2 * grid.horizontalSpacing()
        self.screen_rows: dict[str, QLabel] = {}
        for number, entry in enumerate(SCREENS, start=1):
            name = QLabel(f"<b>{entry.title}</b>")
            name.setFixedWidth(NAME_WIDTH)
            key = QLabel(f"Ctrl+{number}")
            key.setObjectName("hint")
            key.setFixedWidth(KEY_WIDTH)
            purpose = _wrapped(PURPOSES.get(entry.key, ""), purpose_width)
            for column, label in enumerate((name, key, purpose)):
                grid.addWidget(label, number - 1, column, Qt.AlignmentFlag.AlignTop)
            self.screen_rows[entry.key] = purpose
        inner.addLayout(grid)
        inner.addSpacing(6)

        self.start_button = QPushButton("Start with my own data")
        self.start_button.setObjectName("primaryButton")
        self.start_button.setToolTip("Go to the screens and add your first records")
        self.start_button.clicked.connect(self.startRequested.emit)
        self.demo_button = QPushButton("Explore with demo data")
        self.demo_button.setToolTip("Open a separate folder of realistic demo data")
        self.demo_button.clicked.connect(self.demoRequested.emit)
        for button in (self.start_button, self.demo_button):
            button.setAutoDefault(True)
            button.setMinimumHeight(30)
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        inner.addLayout(buttons)
        inner.addWidget(_wrapped(DEMO_NOTE, text_width, "hint"))

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(24, 24, 24, 24)
        column.addStretch(1)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(card)
        centre.addStretch(1)
        column.addLayout(centre)
        column.addStretch(2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setFocusProxy(self.start_button)
