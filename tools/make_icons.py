"""Rasterise the one source icon, resources/icons/sayyes.svg, into what each platform's installer needs.

    python tools/make_icons.py [--out build/icons]

writes sayyes-<N>.png for the hicolor sizes (16 ... 512, and 1024 for macOS), sayyes.ico (Windows: 16 ... 256)
and sayyes.icns (macOS). Qt's own SVG renderer draws every size from the vector source, so the 16 px icon
is drawn at 16 px rather than shrunk from a big one; Pillow only packs the PNGs into .ico and .icns.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image
    from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "sayyes.svg"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(source: Path, size: int) -> QImage:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise ValueError(f"{source}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def make_icons(out: Path, source: Path = SOURCE) -> list[Path]:
    """Write the PNGs, the .ico and the .icns into `out`; return the paths written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # alive while rendering
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    pngs: dict[int, Path] = {}
    for size in PNG_SIZES:
        path = out / f"sayyes-{size}.png"
        if not render(source, size).save(str(path), "PNG"):
            raise OSError(f"{path}: could not be written")
        pngs[size] = path
        written.append(path)
    images = {size: Image.open(path).convert("RGBA") for size, path in pngs.items()}
    for size in ICO_SIZES:
        if size not in images:
            images[size] = _pil(render(source, size))

    ico = out / "sayyes.ico"
    images[256].save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[images[s] for s in ICO_SIZES if s != 256])
    written.append(ico)
    icns = out / "sayyes.icns"
    images[1024].save(icns, format="ICNS", append_images=[images[s] for s in ICNS_SIZES if s != 1024])
    written.append(icns)
    svg = out / "sayyes.svg"
    svg.write_bytes(source.read_bytes())
    written.append(svg)
    return written


def _pil(image: QImage) -> Image:
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "icons", help="folder to write into")
    parser.add_argument("--source", type=Path, default=SOURCE, help="the SVG to rasterise")
    args = parser.parse_args(argv)
    for path in make_icons(args.out, args.source):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
