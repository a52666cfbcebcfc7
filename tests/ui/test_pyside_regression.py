"""PySide6 6.12.0 on Python 3.11 drops a reference to None in QStandardItemModel.setItem and the
process aborts after ~5,000 calls ("Fatal Python error: none_dealloc"). Run 20,000 calls in a child
process so an upgrade that brings the crash back fails CI instead of killing the test run."""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = """
import sys
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication
app = QApplication([])
model = QStandardItemModel(200, 100)
for i in range(20_000):
    model.setItem(i % 200, (i // 200) % 100, QStandardItem(str(i)))
assert model.item(199, 99).text() == "19999", model.item(199, 99).text()
print("ok", sys.getrefcount(None) > 0)
"""


def test_20000_setitem_calls_do_not_abort() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, (
        f"child exited with {result.returncode} (a PySide6 upgrade may have brought back the "
        f"none_dealloc crash; stay below 6.12):\n{result.stderr[-2000:]}"
    )
    assert result.stdout.startswith("ok")


def test_installed_pyside_is_below_612() -> None:
    import PySide6

    major, minor = (int(x) for x in PySide6.__version__.split(".")[:2])
    assert (major, minor) < (6, 12), f"PySide6 {PySide6.__version__} is not verified; see DEVELOPERS.md"
