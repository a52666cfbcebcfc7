"""The app icon: resources/icons/sayyes.svg when it is there, else the same drawing painted here."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap


def _candidates() -> list[Path]:
    here = Path(__file__).resolve()
    found = [here.parents[2] / "resources" / "icons" / "sayyes.svg"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.insert(0, Path(bundle) / "resources" / "icons" / "sayyes.svg")
    return found


def _painted(size: int = 256) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256, size / 256)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#2563eb"))
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 56, 56)
    painter.setBrush(QColor("#ffffff"))
    painter.drawRoundedRect(QRectF(36, 60, 184, 120), 28, 28)
    tail = QPainterPath(QPointF(92, 170))
    tail.lineTo(92, 212)
    tail.lineTo(140, 170)
    painter.drawPath(tail)
    pen = QPen(QColor("#16a34a"), 20, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    check = QPainterPath(QPointF(88, 121))
    check.lineTo(116, 149)
    check.lineTo(170, 93)
    painter.drawPath(check)
    painter.end()
    return pixmap


def app_icon() -> QIcon:
    for path in _candidates():
        if path.is_file():
            icon = QIcon(str(path))
            if not icon.isNull():
                return icon
    return QIcon(_painted())
