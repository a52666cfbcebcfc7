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
from .companies import CompaniesScreen
from .contacts import ContactsScreen
from .interviews import InterviewsScreen
from .offers import OffersScreen
from .opportunities import OpportunitiesScreen
from .questions import QuestionsScreen
from .tasks import TasksScreen


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
    ScreenEntry("questions", "Questions & Skills", QuestionsScreen),
    ScreenEntry("contacts", "Contacts", ContactsScreen),
    ScreenEntry("offers", "Offers", OffersScreen),
    ScreenEntry("companies", "Companies", CompaniesScreen),
    ScreenEntry("tasks", "Tasks", TasksScreen),
)

__all__ = ["SCREENS", "ScreenEntry"]
