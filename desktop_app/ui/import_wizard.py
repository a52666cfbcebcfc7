"""File → Import: placeholder until it is built (issue 3)."""

from __future__ import annotations

from typing import Any

from . import dialogs


def run_import_wizard(window: Any) -> None:
    dialogs.info(window, "Import", "Import is coming in the next version.")
