"""The screens of the main window, in navigation order.

To add a screen: write a RecordScreen subclass (kind, filters, form fields, empty-state text) in its
own module, and add an entry to SCREENS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from ..bus import ChangeBus
from ..screen import Screen
from .companies import CompaniesScreen
from .contacts import ContactsScreen
from .dashboard import DashboardScreen
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


SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry("dashboard", "Dashboard", DashboardScreen),
    ScreenEntry("opportunities", "Opportunities", OpportunitiesScreen),
    ScreenEntry("interviews", "Interviews", InterviewsScreen),
    ScreenEntry("questions", "Questions & Skills", QuestionsScreen),
    ScreenEntry("contacts", "Contacts", ContactsScreen),
    ScreenEntry("offers", "Offers", OffersScreen),
    ScreenEntry("companies", "Companies", CompaniesScreen),
    ScreenEntry("tasks", "Tasks", TasksScreen),
)

__all__ = ["SCREENS", "ScreenEntry"]
