"""The Dashboard: each chart's plotted arrays against figures worked out by hand for a small dataset,
the range control, empty states, hover read-outs, Export PNG, themes, and refreshing only what changed."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication

from desktop_app import settings
from desktop_app.services import records
from tests.ui.helpers import company, interview, opportunity, question

TODAY = dt.date(2026, 3, 16)
DAY = 86400


def utc(year: int, month: int, day: int, hour: int = 0) -> float:
    return dt.datetime(year, month, day, hour, tzinfo=dt.UTC).timestamp()


def make_records() -> dict[str, int]:
    """Four opportunities, five interviews, questions, skills, two offers, scores and two contacts.

    Worked out by hand (today 2026-03-16, habit target 2, display currency EUR):
    held per month Nov 2025..Mar 2026: 1, 0, 2, 0, 1 (the 20 March interview is still scheduled).
    """
    o1 = opportunity("Acme", "Backend", invited_on="2026-01-05", said_yes=True)
    o2 = opportunity("Globex", "Platform", invited_on="2026-02-10", said_yes=True)
    opportunity("Acme", "Data", invited_on="2026-03-01", said_yes=False)
    o4 = opportunity("Initech", "SRE", invited_on="2025-11-01", said_yes=True)
    jan12 = interview(o1, "2026-01-12", outcome="passed", self_rating_after=4)
    interview(o1, "2026-01-20", outcome="failed", self_rating_after=2)
    mar3 = interview(o2, "2026-03-03", outcome="passed", self_rating_after=4)
    interview(o2, "2026-03-20", outcome="scheduled")
    nov10 = interview(o4, "2025-11-10", outcome="failed", self_rating_after=3)
    question(jan12, "Index a join", topic="SQL", answer_quality=2)
    question(jan12, "Design a feed", topic="Design", answer_quality=4)
    question(nov10, "Window functions", topic="SQL", answer_quality=3)
    question(mar3, "Design a cache", topic="Design", answer_quality=5)
    question(mar3, "A conflict you solved", topic="Behavioural", answer_quality=3)
    python = records.create("skill", {"name": "Python", "target_level": 4}).primary_id
    sql = records.create("skill", {"name": "SQL"}).primary_id
    for skill, day, level in ((python, "2025-10-01", 2), (python, "2026-02-01", 3), (sql, "2026-01-15", 3)):
        records.create("skill_rating", {"skill": skill, "rated_on": day, "level": level})
    offer = records.create("offer", {"opportunity": o2, "received_on": "2026-03-10", "currency": "EUR",
                                     "base_salary": 90000, "bonus": 10000}).primary_id
    records.create("offer", {"opportunity": o4, "received_on": "2025-11-20", "currency": "USD",
                             "base_salary": 100000})
    culture = records.create("criterion", {"name": "Culture", "weight": 2}).primary_id
    pay = records.create("criterion", {"name": "Pay", "weight": 1}).primary_id
    for name, criterion, score in (("Acme", culture, 4), ("Acme", pay, 1), ("Globex", culture, 5)):
        records.create("score", {"company": company(name), "criterion": criterion, "score": score,
                                 "scored_on": "2026-02-01"})
    ann = records.create("contact", {"name": "Ann", "met_on": "2026-01-12", "how_met": jan12}).primary_id
    records.create("contact", {"name": "Bob", "met_on": "2025-12-05"})
    current = settings.load()
    current.current_base = 80000
    current.current_currency = "EUR"
    settings.save(current)
    return {"jan12": jan12, "offer": offer, "ann": ann, "python": python}


def show_dashboard(window: Any, qtbot: Any, months: int | None = None) -> Any:
    screen = window.screen("dashboard")
    screen.today = lambda: TODAY
    screen.next_up.today = lambda: TODAY
    window.show_screen("dashboard")
    qtbot.waitUntil(lambda: screen.built, timeout=10000)
    screen.set_range(months)
    screen.refresh(None)
    qtbot.waitUntil(lambda: screen.idle, timeout=10000)
    return screen


@pytest.fixture
def dashboard(window: Any, qtbot: Any) -> Any:
    make_records()
    return show_dashboard(window, qtbot)


def test_interviews_per_month_bars_target_line_and_streak(dashboard: Any) -> None:
    chart = dashboard.chart("interviews_per_month")
    x, heights = chart.plotted()
    # the middle of each month, Nov 2025 to Mar 2026 (30, 31, 31, 28, 31 days)
    assert x == [utc(2025, 11, 16), utc(2025, 12, 16, 12), utc(2026, 1, 16, 12), utc(2026, 2, 15), utc(2026, 3, 16, 12)]
    assert heights == [1, 0, 2, 0, 1]
    assert list(chart.target.getData()[1]) == [2, 2]
    assert "Streak: 0 months" in chart.headline.text()
    assert "4 held in all" in chart.headline.text()


def test_funnel_bars_and_yes_rate(dashboard: Any) -> None:
    chart = dashboard.chart("funnel")
    names, widths = chart.plotted()
    assert names == ["Opportunities", "Said yes", "Interviewed", "Got an offer", "Accepted"]
    assert widths == [4, 3, 3, 2, 0]
    assert chart.label_texts() == ["4", "3 (75%)", "3 (75%)", "2 (50%)", "0 (0%)"]
    assert "Yes rate 75%" in chart.headline.text()


def test_calibration_shares_and_quarters(dashboard: Any) -> None:
    chart = dashboard.chart("calibration")
    plotted = chart.plotted()
    # rating 2: 0 of 1 passed; 3: 0 of 1; 4: 2 of 2; 1 and 5: none decided
    assert plotted["pass_share"] == [0, 0, 0, 100, 0]
    assert [label.textItem.toPlainText() for label in chart.counts] == ["–", "0/1", "0/1", "2/2", "–"]
    # 2025-Q4: the November interview (failed, rated 3); 2026-Q1: rated 4, 2, 4, two of three passed
    assert plotted["pass_rate"] == pytest.approx([0, 67])
    assert plotted["self_rating"] == pytest.approx([3.0, 3.33])


def test_skill_lines_with_targets(dashboard: Any) -> None:
    chart = dashboard.chart("skills")
    plotted = chart.plotted()
    assert set(plotted) == {"Python", "SQL"}
    assert plotted["Python"][0] == [utc(2025, 10, 1, 12), utc(2026, 2, 1, 12)]
    assert plotted["Python"][1] == [2, 3]
    assert plotted["Python"][2] == [4, 4]
    assert plotted["SQL"][:2] == ([utc(2026, 1, 15, 12)], [3])
    assert plotted["SQL"][2] == []
    assert "0 of 1 shown skills at their target" in chart.headline.text()
    line = chart.lines["Python"][0].getData()  # level 2 until February, then 3 to the right edge
    right = chart.plot.vb.viewRange()[0][1]
    assert list(line[0]) == [utc(2025, 10, 1, 12), utc(2026, 2, 1, 12), utc(2026, 2, 1, 12), right]
    assert list(line[1]) == [2, 2, 3, 3]


def test_weakest_topics_worst_first(dashboard: Any) -> None:
    chart = dashboard.chart("weakest_topics")
    names, widths = chart.plotted()
    assert names == ["SQL", "Behavioural", "Design"]
    assert widths == [2.5, 3.0, 4.5]
    assert chart.label_texts() == ["2.50 · 2", "3.00 · 1", "4.50 · 2"]


def test_offers_against_current_pay_leave_out_a_currency_without_rate(dashboard: Any) -> None:
    chart = dashboard.chart("offers")
    x, totals, current = chart.plotted()
    assert x == [utc(2026, 3, 10, 12)]
    assert totals == [100000]
    assert current == [80000, 80000]
    assert "25% above your current pay" in chart.headline.text()
    assert "USD" in chart.note.text() and chart.note.isVisibleTo(chart)


def test_company_fit_best_first(dashboard: Any) -> None:
    names, widths = dashboard.chart("company_fit").plotted()
    # Globex: culture 5 alone; Acme: (2 * 4 + 1 * 1) / 3
    assert names == ["Globex", "Acme"]
    assert widths == [5.0, 3.0]


def test_network_growth_by_month_met(dashboard: Any) -> None:
    chart = dashboard.chart("network")
    x, heights = chart.plotted()
    assert x == [utc(2025, 12, 16, 12), utc(2026, 1, 16, 12), utc(2026, 2, 15), utc(2026, 3, 16, 12)]
    assert heights == [1, 1, 0, 0]
    assert "25%" in chart.headline.text()  # one of four held interviews produced a contact


def test_three_months_range_recomputes_every_chart(dashboard: Any, qtbot: Any) -> None:
    qtbot.mouseClick(dashboard.range_switch.button(0), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dashboard.idle, timeout=10000)
    assert dashboard.months == 3 and settings.get_value("ui.dashboard_months") == 3
    assert dashboard.chart("funnel").plotted()[1] == [3, 2, 2, 1, 0]  # invited since 1 January
    assert dashboard.chart("interviews_per_month").plotted()[1] == [2, 0, 1]
    assert dashboard.chart("weakest_topics").plotted() == (["SQL", "Behavioural", "Design"], [2.0, 3.0, 4.5])
    # Python enters the range at level 2 (its last rating before it, drawn from off the left edge)
    assert dashboard.chart("skills").plotted()["Python"][:2] == ([utc(2025, 10, 1, 12), utc(2026, 2, 1, 12)], [2, 3])
    left, right = dashboard.chart("interviews_per_month").plot.vb.viewRange()[0]
    assert left < utc(2026, 1, 1) < utc(2026, 3, 31) < right < utc(2026, 4, 15)
    assert dashboard.chart("company_fit").plotted()[1] == [5.0, 3.0]  # a standing assessment


def test_an_edit_redraws_only_the_charts_it_changes(dashboard: Any, qtbot: Any) -> None:
    draws = {chart.title: chart.draws for chart in dashboard.charts}
    interview_id = make_ids(dashboard)
    change = records.create("question", {"interview": interview_id, "text": "Normalise this", "topic": "SQL",
                                          "answer_quality": 5})
    dashboard.bus.publish(change)
    qtbot.waitUntil(lambda: dashboard.idle and dashboard.chart("weakest_topics").draws > draws["Weakest topics"])
    redrawn = {chart.title for chart in dashboard.charts if chart.draws != draws[chart.title]}
    assert redrawn == {"Weakest topics"}
    assert dashboard.chart("weakest_topics").plotted() == (["Behavioural", "SQL", "Design"], [3.0, 3.33, 4.5])

    draws = {chart.title: chart.draws for chart in dashboard.charts}
    dashboard.bus.undo()
    qtbot.waitUntil(lambda: dashboard.idle and dashboard.chart("weakest_topics").draws > draws["Weakest topics"])
    assert dashboard.chart("weakest_topics").plotted()[0] == ["SQL", "Behavioural", "Design"]
    assert {chart.title for chart in dashboard.charts if chart.draws != draws[chart.title]} == {"Weakest topics"}


def make_ids(dashboard: Any) -> int:
    from desktop_app.db import models as m

    return m.Interview.select(m.Interview.id).where(m.Interview.scheduled_on == dt.date(2026, 3, 3)).scalar()


def test_an_edit_that_changes_no_figure_redraws_nothing(dashboard: Any, qtbot: Any) -> None:
    from desktop_app.db import models as m

    draws = {chart.title: chart.draws for chart in dashboard.charts}
    computed = dashboard.loader.number
    acme = m.Company.select(m.Company.id).where(m.Company.name == "Initech").scalar()
    dashboard.bus.publish(records.update("company", acme, {"website": "https://initech.example"}))
    qtbot.waitUntil(lambda: dashboard.loader.number > computed and dashboard.idle)
    assert {chart.title: chart.draws for chart in dashboard.charts} == draws


def test_figures_are_computed_off_the_ui_thread(window: Any, qtbot: Any, monkeypatch: Any) -> None:
    from desktop_app.services import stats

    threads: list[str] = []
    original = stats.compute

    def recording(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(stats, "compute", recording)
    show_dashboard(window, qtbot)
    assert threads and all(name.startswith("sayyes-stats") for name in threads)


def test_settings_change_redraws_the_habit_target(dashboard: Any, qtbot: Any) -> None:
    current = settings.load()
    current.habit_target_per_month = 1
    settings.save(current)
    draws = {chart.title: chart.draws for chart in dashboard.charts}
    dashboard.bus.publish(settings_change(), undoable=False)  # what the settings dialog announces
    chart = dashboard.chart("interviews_per_month")
    qtbot.waitUntil(lambda: dashboard.idle and chart.draws > draws["Interviews per month"])
    assert list(chart.target.getData()[1]) == [1, 1]
    assert "Streak: 1 month" in chart.headline.text()  # March (1) meets it, February (0) does not
    redrawn = {c.title for c in dashboard.charts if c.draws != draws[c.title]}
    assert redrawn == {"Interviews per month"}  # the offers' currencies and current pay did not change


def test_every_chart_says_what_to_record_when_there_is_nothing(window: Any, qtbot: Any) -> None:
    screen = show_dashboard(window, qtbot)
    assert len(screen.charts) == 8
    for chart in screen.charts:
        assert chart.is_empty, chart.title
        assert chart.empty.isVisibleTo(screen) and len(chart.empty.text()) > 60
    assert "Record your interviews" in screen.chart("interviews_per_month").empty.text()
    assert "offers" in screen.chart("offers").empty.text()


def test_hover_shows_the_value_under_the_mouse(dashboard: Any, qtbot: Any) -> None:
    chart = dashboard.chart("funnel")
    view = chart.graph
    scene_point = chart.plot.vb.mapViewToScene(QPointF(1.0, 3.0))  # the "Said yes" bar
    where = view.mapFromScene(scene_point)
    event = QMouseEvent(QEvent.Type.MouseMove, QPointF(where), QPointF(view.viewport().mapToGlobal(where)),
                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), event)
    assert chart.hover_text == "Said yes: 3 of 4 opportunities"
    offers = dashboard.chart("offers")
    point = offers.graph.mapFromScene(offers.plot.vb.mapViewToScene(QPointF(utc(2026, 3, 10, 12), 100000)))
    event = QMouseEvent(QEvent.Type.MouseMove, QPointF(point + QPoint(2, 1)), QPointF(point),
                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(offers.graph.viewport(), event)
    assert offers.hover_text is not None and "Globex — Platform" in offers.hover_text
    assert "100,000 EUR a year" in offers.hover_text


def test_export_png_saves_the_chart(dashboard: Any, qtbot: Any, monkeypatch: Any, tmp_path: Path,
                                    dialogs: Any) -> None:
    from desktop_app.ui.screens import dashboard as module

    target = tmp_path / "funnel"
    asked: list[str] = []
    monkeypatch.setattr(module, "ask_png_path", lambda parent, suggested: asked.append(suggested) or str(target))
    chart = dashboard.chart("funnel")
    qtbot.mouseClick(chart.export_button, Qt.MouseButton.LeftButton)
    assert asked == ["sayyes-funnel-2026-03-16.png"]
    image = QImage(str(tmp_path / "funnel.png"))
    assert not image.isNull() and image.width() == chart.width()
    assert chart.export_button.isVisible()

    monkeypatch.setattr(module, "ask_png_path", lambda parent, suggested: str(tmp_path / "missing" / "x.png"))
    qtbot.mouseClick(chart.export_button, Qt.MouseButton.LeftButton)
    assert dialogs.asked and dialogs.asked[-1][1] == "Chart not saved"
    assert "missing" in dialogs.asked[-1][2]


def test_dark_theme_recolours_the_charts(dashboard: Any, window: Any, qtbot: Any) -> None:
    from desktop_app.ui.theme import DARK, LIGHT

    window.apply_theme("light", store=False)
    chart = dashboard.chart("funnel")
    qtbot.waitUntil(lambda: chart.colors.theme == "light")
    assert chart.graph.backgroundBrush().color().name() == LIGHT["card"]
    window.apply_theme("dark", store=False)
    qtbot.waitUntil(lambda: chart.colors.theme == "dark")
    assert chart.graph.backgroundBrush().color().name() == DARK["card"]
    assert chart.plotted()[1] == [4, 3, 3, 2, 0]  # the data stays
    window.apply_theme("light", store=False)


def test_next_up_opens_records_and_all_that_is_due(dashboard: Any, window: Any, qtbot: Any) -> None:
    panel = dashboard.next_up
    panel.openRequested.emit("contact", records_id("contact", "Ann"))
    assert window.current_screen.key == "contacts"
    window.show_screen("dashboard")
    panel.showAllRequested.emit()
    assert window.current_screen.key == "tasks"


def records_id(kind: str, name: str) -> int:
    from desktop_app.db import models as m

    return m.Contact.select(m.Contact.id).where(m.Contact.name == name).scalar()


def settings_change() -> Any:
    from desktop_app.services.changes import Change, RowChange

    return Change("settings", [RowChange("setting", 0, None, None)])
