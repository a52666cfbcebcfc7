"""Nothing below ui/ imports Qt: the domain runs, is tested and benchmarked without a display."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import importlib, pkgutil, sys
import desktop_app, desktop_app.db, desktop_app.services, desktop_app.settings, desktop_app.paths, desktop_app.cli
for package in (desktop_app.db, desktop_app.services):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
qt = sorted(n for n in sys.modules if n.split(".")[0] in {"PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6"})
print(",".join(qt))
"""


def test_core_imports_no_qt() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Qt modules imported below ui/: {result.stdout.strip()}"


def test_no_source_file_below_ui_imports_qt() -> None:
    offenders = []
    for folder in ("db", "services"):
        for path in (ROOT / "desktop_app" / folder).rglob("*.py"):
            for line in path.read_text(encoding="utf-8").splitlines():
                stripped = line.strip()
                if stripped.startswith(("import ", "from ")) and any(
                    name in stripped.split("#")[0] for name in ("PySide6", "pyqtgraph", "shiboken6")
                ):
                    offenders.append(f"{path.relative_to(ROOT)}: {stripped}")
    assert not offenders, offenders


def test_each_layer_imports_only_the_layers_below_it() -> None:
    """db/ never reaches up into services/ or ui/; services/ never into ui/ (errors.py is below them all)."""
    above = {"db": ("services", "ui"), "services": ("ui",)}
    offenders = []
    for folder, forbidden in above.items():
        for path in (ROOT / "desktop_app" / folder).rglob("*.py"):
            for line in path.read_text(encoding="utf-8").splitlines():
                stripped = line.strip().split("#")[0]
                if not stripped.startswith(("import ", "from ")):
                    continue
                module = stripped.split()[1]
                parts = module.lstrip(".").split(".")
                if any(part in forbidden for part in parts[:2]) or any(f"desktop_app.{f}" in module for f in forbidden):
                    offenders.append(f"{path.relative_to(ROOT)}: {stripped}")
    assert not offenders, offenders
