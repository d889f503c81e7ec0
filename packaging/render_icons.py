"""Render the hand-drawn app icon (resources/icons/hotline.svg) to PNGs and a Windows .ico.

Qt's SVG renderer draws each size from the vector (sharper than scaling one bitmap down);
Pillow writes the .ico with every rendered size inside. The outputs are committed, so a build
never needs this script; run it again after editing the SVG:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)


def render(svg: Path, size: int) -> bytes:
    """The icon at `size`×`size` pixels as PNG bytes (transparent corners)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _qt = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = ICONS / "hotline.svg"
    images: dict[int, Image.Image] = {}
    for size in SIZES:
        image = Image.open(io.BytesIO(render(svg, size)))
        image.load()
        image = image.convert("RGBA")
        out = ICONS / f"hotline-{size}.png"
        image.save(out, optimize=True)
        images[size] = image
        print(f"{out.relative_to(ICONS.parent.parent)}  {out.stat().st_size} bytes")
    ico = ICONS / "hotline.ico"
    largest = images[max(SIZES)]
    # Each size is the one rendered from the vector, not Pillow's downscale of the largest.
    largest.save(ico, format="ICO", sizes=[(s, s) for s in SIZES],
                 append_images=[images[s] for s in SIZES if s != max(SIZES)])
    print(f"{ico.relative_to(ICONS.parent.parent)}  {ico.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
