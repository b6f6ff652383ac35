"""How many rows of f01's tree a maximised window shows with the 问题 panel open.

Run in-process by the 100 % test and as ``python -m tests.ui.form.visible_rows W H`` by the 150 %
test, in a subprocess with ``QT_SCALE_FACTOR=1.5`` (the scale factor is read once, when the
QApplication starts). W×H is the window's client area in logical pixels: a maximised window on
Windows 10 at 1366×768 leaves 1366×697 (taskbar 40, title bar 31); at 150 % the screen is
910×512 logical pixels and the same taskbar and title bar leave 910×441.
"""
from __future__ import annotations

import sys

FULL_HD = (1366, 697)
AT_150 = (910, 441)


def count_rows(qtbot_wait, width: int, height: int, form: str) -> int:
    """Open ``form`` in a window of ``width``×``height``, open the 问题 panel, and count the tree
    rows that are shown whole. ``qtbot_wait(ms)`` lets the event loop run (layout, re-measure)."""
    from ui.window.main_window import MainWindow

    window = MainWindow()
    window.resize(width, height)
    window.show()
    window.file_actions.open_file(form)
    qtbot_wait(100)
    window.show_issues()
    qtbot_wait(300)
    tab = window.current_tab()
    tree = tab.indicators.view
    tree.doItemsLayout()
    port = tree.viewport().rect()
    rows = 0
    index = tree.indexAt(port.topLeft())
    while index.isValid() and tree.visualRect(index).bottom() <= port.bottom():
        rows += 1
        index = tree.indexBelow(index)
    window.file_actions.settle_all()
    window.deleteLater()
    return rows


def main() -> None:
    import time

    from ui.app import create_app
    from ui.qt import QApplication

    create_app()

    def wait(ms: int) -> None:
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            QApplication.processEvents()

    print(count_rows(wait, int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]))


if __name__ == "__main__":
    main()
