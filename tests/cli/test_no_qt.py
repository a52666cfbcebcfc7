"""The command line and the services it uses never import Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

MODULES = [
    "desktop_app.cli", "desktop_app.services.importer", "desktop_app.services.exporter",
    "desktop_app.services.archive", "desktop_app.services.integrity", "desktop_app.services.csvfile",
    "desktop_app.services.interchange", "desktop_app.services.import_plan",
]


def test_cli_commands_do_not_import_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        f"for name in {MODULES!r}: __import__(name)\n"
        "from desktop_app.cli import main\n"
        f"assert main(['--data-dir', {str(tmp_path / 'data')!r}, 'check']) == 1\n"
        "qt = sorted(n for n in sys.modules if n.startswith(('PySide6', 'pyqtgraph', 'shiboken')))\n"
        "assert not qt, qt\n"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=60)
    assert result.returncode == 0, result.stderr
