"""The screens of the main window, in navigation order.

To add a screen: write a RecordScreen subclass (kind, filters, form fields, empty-state text) in its
own module, and put its class in SCREENS in place of its placeholder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from ..bus import ChangeBus
from ..screen import PlaceholderScreen, Screen
from .interviews import InterviewsScreen
from .opportunities import OpportunitiesScreen


@dataclass(frozen=True)
class ScreenEntry:
    key: str
    title: str
    make: Callable[[ChangeBus, QWidget | None], Screen]


def _placeholder(key: str, title: str, purpose: str) -> ScreenEntry:
    return ScreenEntry(key, title, lambda bus, parent: PlaceholderScreen(bus, key, title, purpose, parent))


SCREENS: tuple[ScreenEntry, ...] = (
    _placeholder(
        "dashboard", "Dashboard",
        "Your progress at a glance: interviews per month against your habit target, the funnel from "
        "invitation to offer, how well your self-ratings predict the verdicts, your weakest topics, "
        "skills over time, offers against your current pay, company fit and network growth — with "
        "what is due this week beside them.",
    ),
    ScreenEntry("opportunities", "Opportunities", OpportunitiesScreen),
    ScreenEntry("interviews", "Interviews", InterviewsScreen),
    _placeholder(
        "questions", "Questions & Skills",
        "Every question you were asked, in one bank: how well you answered, a better answer, and "
        "what to study next — beside your skills and how their levels move over time.",
    ),
    _placeholder(
        "contacts", "Contacts",
        "The people you meet in interviews — future colleagues, referrers and hiring managers — with "
        "where you met, your conversations since, and when to follow up.",
    ),
    _placeholder(
        "offers", "Offers",
        "Offers and their revisions, compared side by side with your current job in your display "
        "currency, totals per year, and their deadlines — your safety net and your leverage.",
    ),
    _placeholder(
        "companies", "Companies",
        "Every company you have seen from the inside: strengths, weaknesses and red flags, scored "
        "against your own workplace standards with a weighted fit score.",
    ),
    _placeholder(
        "tasks", "Tasks",
        "What is due: follow-ups with contacts, topics to study, offer deadlines and upcoming "
        "interviews, in one list you can tick off.",
    ),
)

__all__ = ["SCREENS", "ScreenEntry"]
