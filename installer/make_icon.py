"""Draw the program icon into resources/icons/ (run again only to change the design).

The same design as the window's drawn icon (``ui.app.app_icon``): a seal-red rounded square with a
white 评, here set in the bundled font so the files come out the same on every machine. Writes
PNGs for the Linux menu (hicolor sizes) and a multi-size ``perf-self-eval.ico`` for the Windows
program file, whose images are PNG-compressed (read by Windows Vista and later).

    QT_QPA_PLATFORM=offscreen python installer/make_icon.py
"""
from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
NAME = "perf-self-eval"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 256)
SEAL_RED = "#b3261e"


def draw(size: int, family: str) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(SEAL_RED))
    margin = size / 32
    painter.drawRoundedRect(QRectF(margin, margin, size - 2 * margin, size - 2 * margin), size * 0.18, size * 0.18)
    font = QFont(family)
    font.setPixelSize(max(8, round(size * 0.72)))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, size, size * 0.97), Qt.AlignmentFlag.AlignCenter, "评")
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(images: list[tuple[int, bytes]]) -> bytes:
    """An ICO file of PNG images: 6-byte header, one 16-byte entry per image, then the PNGs."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in images:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    font_id = QFontDatabase.addApplicationFont(str(ROOT / "resources" / "fonts" / "uming.ttc"))
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        print("找不到 resources/fonts/uming.ttc", file=sys.stderr)
        return 1
    ICONS.mkdir(parents=True, exist_ok=True)
    pngs = {size: png_bytes(draw(size, families[0])) for size in sorted(set(PNG_SIZES) | set(ICO_SIZES))}
    for size in PNG_SIZES:
        (ICONS / f"{NAME}-{size}.png").write_bytes(pngs[size])
    (ICONS / f"{NAME}.ico").write_bytes(ico_bytes([(size, pngs[size]) for size in ICO_SIZES]))
    print(f"已写入 {ICONS}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
