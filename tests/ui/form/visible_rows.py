"""How many rows of f01's tree a maximised window shows with the 问题 panel open.

Run in-process by the 100 % test and as ``python -m tests.ui.form.visible_rows W H`` by the 150 %
test, in a subprocess with ``QT_SCALE_FACTOR=1.5`` (the scale factor is read once, when the
QApplication starts). W×H is the window's client area in logical pixels: a maximised window on
Windows 10 at 1366×768 leaves 1366×697 (taskbar 40, title bar 31); at 150 % the screen is
910×512 logical pixels and the same taskbar and title bar leave 910×441.
"""
from __future__ import annotations

import sys
from typing import Callable

FULL_HD = (1366, 697)
AT_150 = (910, 441)


def settled(window, tree) -> "Callable[[], bool]":
    """True once the 问题 panel is shown and the tree's and the panel's sizes stayed the same from
    one look to the next (the panel is placed and sized by queued calls after it is shown)."""
    seen: list = []

    def check() -> bool:
        sizes = (tree.viewport().size(), window.issues_dock.size())
        stable = bool(seen) and seen[-1] == sizes and window.issues_dock.isVisible()
        seen.append(sizes)
        return stable
    return check


def count_rows(wait_until, width: int, height: int, form: str) -> int:
    """Open ``form`` in a window of ``width``×``height``, open the 问题 panel, and count the tree
    rows that are shown whole. ``wait_until(predicate)`` runs the event loop until it holds."""
    from ui.window.main_window import MainWindow

    window = MainWindow()
    window.resize(width, height)
    window.show()
    window.file_actions.open_file(form)
    window.show_issues()
    tab = window.current_tab()
    tree = tab.indicators.view
    wait_until(settled(window, tree))
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

    def wait_until(predicate: Callable[[], bool]) -> None:
        end = time.monotonic() + 30
        while not predicate():
            if time.monotonic() > end:
                raise SystemExit("the window did not settle in 30 s")
            QApplication.processEvents()
            time.sleep(0.01)  # a look every 10 ms, as qtbot.waitUntil does

    print(count_rows(wait_until, int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]))


if __name__ == "__main__":
    main()
