"""Render every screen of SayYes to PNG, in the light and the dark theme, to look at what was built.

    python tools/screenshots.py DATA_DIR OUT_DIR [--demo] [--size N] [--empty]

DATA_DIR is opened as the app would open it (created if missing). --demo fills it with demo data first
when it holds no records (services.demo, or a few hand-written records when that is not available).
--empty also renders the empty states, from a throw-away empty data folder. Runs headless unless
QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WIDTH, HEIGHT = 1280, 800


def _headless() -> None:
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    config = Path(tempfile.gettempdir()) / "sayyes-screenshots-screen.json"
    screen = {"name": "shots", "x": 0, "y": 0, "width": 1920, "height": 1200, "logicalDpi": 96,
              "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def fill_by_hand() -> None:
    """A few realistic records, when the demo generator is not there."""
    from desktop_app.services import records

    def company(name: str, **values: Any) -> int:
        return records.create("company", {"name": name, **values}).primary_id

    acme, globex = company("Acme Robotics", industry="Robotics"), company("Globex", industry="Fintech")
    backend = records.create("opportunity", {
        "company": acme, "title": "Senior backend engineer", "status": "interviewing", "source": "referral",
        "invited_on": "2026-02-03", "said_yes": True, "work_mode": "hybrid", "salary_min": 95000,
        "salary_max": 120000, "salary_currency": "EUR", "tech_stack": "Python, PostgreSQL, Kafka"}).primary_id
    records.create("opportunity", {"company": globex, "title": "Staff engineer, payments", "status": "invited",
                                   "source": "recruiter outreach", "invited_on": "2026-03-01", "said_yes": True})
    screen = records.create("interview", {"opportunity": backend, "scheduled_on": "2026-02-10", "stage":
                                          "recruiter screen", "outcome": "passed", "self_rating_after": 4}).primary_id
    records.create("interview", {"opportunity": backend, "scheduled_on": "2026-02-20", "scheduled_time": "14:00",
                                 "stage": "system design", "outcome": "pending", "confidence_before": 3})
    for text, topic, quality in (("How would you shard a queue?", "Distributed systems", 3),
                                 ("Tell me about a conflict in your team", "Teamwork", 4)):
        records.create("question", {"interview": screen, "text": text, "topic": topic, "answer_quality": quality})


def fill(size: int) -> str:
    from desktop_app.services import datafolder

    if datafolder.has_records():
        return "kept the records already there"
    try:
        from desktop_app.services import demo
    except ImportError:
        fill_by_hand()
        return "filled by hand (no demo generator)"
    counts = demo.generate(size)
    return f"demo data: {sum(counts.values()) if isinstance(counts, dict) else counts} rows"


def _interesting(screen: Any, row: int) -> int:
    """The record to show: for interviews, a decided one with questions (the debrief view)."""
    from desktop_app.services import listing

    if screen.kind_name == "interview":
        for candidate in range(min(screen.model.rowCount(), 200)):
            record_id = screen.model.id_at(candidate)
            if listing.count("question", filters={"interview": record_id}) >= 3:
                return record_id
    return screen.model.id_at(row)


def shoot(window: Any, out: Path, prefix: str, select_row: int = 1) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.record_screen import RecordScreen

    app = QApplication.instance()
    saved: list[Path] = []
    for theme in ("light", "dark"):
        window.apply_theme(theme, store=False)
        for index, screen in enumerate(window.screens):
            window.switch_to(index)
            if isinstance(screen, RecordScreen) and screen.model.rowCount() > select_row:
                screen.show_record(_interesting(screen, select_row))
            window.statusBar().clearMessage()
            app.processEvents()
            path = out / f"{prefix}{index + 1:02d}-{screen.key}-{theme}.png"
            window.grab().save(str(path))
            saved.append(path)
        # a form showing validation errors
        screen = window.screen("opportunities")
        window.switch_to(window.screens.index(screen))
        screen.new_record()
        screen.form.input("company").lineEdit().setText("Nimbus Cloud Labs")
        screen.form.editor("company").edited.emit()
        screen.form.input("title").setText("Principal engineer")
        screen.form.input("salary_currency").setEditText("EUR")
        screen.form.input("salary_min").setText("200000")
        screen.form.input("salary_max").setText("90000")
        screen.save()
        app.processEvents()
        path = out / f"{prefix}90-opportunity-errors-{theme}.png"
        window.grab().save(str(path))
        saved.append(path)
        screen.form.load(None)
        screen.revert()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--demo", action="store_true", help="fill an empty data folder with demo data first")
    parser.add_argument("--size", type=int, default=300, help="interviews of demo data (default 300)")
    parser.add_argument("--empty", action="store_true", help="also render the empty states")
    args = parser.parse_args(argv)
    _headless()

    from PySide6.QtWidgets import QApplication

    from desktop_app.app import _configure, create_window
    from desktop_app.services.datafolder import open_folder

    app = QApplication.instance() or QApplication(sys.argv[:1])
    _configure(app)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    open_folder(args.data_dir)
    if args.demo:
        print(fill(args.size))
    window = create_window(args.data_dir)
    window.resize(WIDTH, HEIGHT)
    window.show()
    app.processEvents()
    saved = shoot(window, args.out_dir, "")
    window.hide()  # not close(): that would store this window's size in the data folder
    if args.empty:
        with tempfile.TemporaryDirectory() as empty:
            open_folder(Path(empty) / "data")
            window = create_window(Path(empty) / "data")
            window.resize(WIDTH, HEIGHT)
            window.show()
            app.processEvents()
            for theme in ("light", "dark"):
                window.apply_theme(theme, store=False)
                for key in ("opportunities", "interviews", "dashboard"):
                    window.switch_to([s.key for s in window.screens].index(key))
                    app.processEvents()
                    path = args.out_dir / f"empty-{key}-{theme}.png"
                    window.grab().save(str(path))
                    saved.append(path)
            window.hide()
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
