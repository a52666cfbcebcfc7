"""File → Export: placeholder until it is built (issue 3)."""

from __future__ import annotations

from typing import Any

from . import dialogs


def run_export_dialog(window: Any) -> None:
    dialogs.info(window, "Export", "Export is coming in the next version.")
