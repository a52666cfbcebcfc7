"""File → Settings: placeholder until it is built (issue 3)."""

from __future__ import annotations

from typing import Any

from . import dialogs


def run_settings_dialog(window: Any) -> None:
    dialogs.info(window, "Settings", "Settings is coming in the next version.")
