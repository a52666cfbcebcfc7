"""The Dashboard's charts, in the order the screen lays them out (two to a row; a wide chart takes a row).

Importing this package imports pyqtgraph: only the Dashboard does, when it is first shown.
"""

from __future__ import annotations

from .base import Chart, ChartContext
from .calibration import CalibrationChart
from .ranking import FitChart, FunnelChart, TopicsChart
from .skills import SkillsChart
from .timeline import InterviewsChart, NetworkChart, OffersChart

CHARTS: tuple[type[Chart], ...] = (
    InterviewsChart, FunnelChart,
    CalibrationChart,  # wide: a row of its own
    TopicsChart, FitChart,
    SkillsChart,  # wide
    OffersChart, NetworkChart,
)

__all__ = ["CHARTS", "CalibrationChart", "Chart", "ChartContext", "FitChart", "FunnelChart", "InterviewsChart",
           "NetworkChart", "OffersChart", "SkillsChart", "TopicsChart"]
