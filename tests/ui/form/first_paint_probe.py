"""What a form page has loaded when it is first painted, in a process of its own.

Run as ``python -m tests.ui.form.first_paint_probe FORM`` (offscreen, whose screen is of laptop
height, so the header section starts folded): builds the page, shows it and prints, as JSON, which
of the modules and Qt classes a start must not wait for were loaded at its first paint. A fresh
process, because PySide6 builds a class once per process, when it is first named.
"""
from __future__ import annotations

import json
import sys

from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QObject, QTimer

PUT_OFF_MODULES = ("ui.form.header_panel", "ui.form.funds_table", "ui.dialog_windows")
# Classes the page does not use; PySide6 builds all of them when it must find the class of a
# widget Qt made (a default viewport), so any of them there means a start paid for that.
UNUSED_CLASSES = ("QWizard", "QMdiArea", "QCalendarWidget", "QMessageBox", "QFileDialog")


def loaded() -> dict[str, list[str]]:
    return {"modules": [name for name in PUT_OFF_MODULES if name in sys.modules],
            "classes": [name for name in UNUSED_CLASSES if name in vars(QtWidgets)]}


class FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen: dict[str, list[str]] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = loaded()
            self.wait_for_header(50)
        return False

    def wait_for_header(self, looks: int) -> None:
        """Quit once the page has made its header section (or after ``looks`` more looks)."""
        if looks == 0 or "ui.form.header_panel" in sys.modules:
            QtWidgets.QApplication.quit()
        else:
            QTimer.singleShot(20, lambda: self.wait_for_header(looks - 1))


def main(form: str) -> None:
    app = QtWidgets.QApplication([])
    from model.draft import load_draft
    from ui.document import FormDocument
    from ui.form.tab import FormTab

    tab = FormTab(FormDocument(load_draft(form)), "probe")
    probe = FirstPaint()
    tab.installEventFilter(probe)
    tab.resize(1366, 700)
    tab.show()
    app.exec()
    print(json.dumps({"at_first_paint": probe.seen, "after": loaded()}))


if __name__ == "__main__":
    main(sys.argv[1])
