"""Application set-up: Chinese translations, a CJK font, and the last-resort error handler."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.ui.window_helpers import ensure_indicator_view

ensure_indicator_view()

from model.paths import log_dir, recovery_dir  # noqa: E402
from ui import app as app_module  # noqa: E402
from ui import dialogs  # noqa: E402
from ui.window.main_window import MainWindow  # noqa: E402
from ui.qt import QApplication, QFontDatabase  # noqa: E402


def test_choose_font_family_prefers_known_cjk_fonts():
    assert app_module.choose_font_family(["Noto Sans Mono CJK SC", "AR PL UMing CN", "Noto Sans CJK SC"]) == \
        "Noto Sans CJK SC"
    assert app_module.choose_font_family(["Foo Mono", "Bar Hei"]) == "Bar Hei"
    assert app_module.choose_font_family([]) is None


def test_setup_fonts_gives_a_font_that_shows_chinese(qapp):
    family = app_module.setup_fonts(qapp)
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        assert family in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def test_bundled_font_folder_is_optional(tmp_path):
    assert app_module.load_bundled_fonts(tmp_path / "missing") == []
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert app_module.load_bundled_fonts(tmp_path) == []


def test_translations_and_icon(qapp):
    assert app_module.install_translations(qapp)
    assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"
    icon = app_module.app_icon()
    assert not icon.isNull() and {32, 256} <= {size.width() for size in icon.availableSizes()}  # the PNGs


def test_the_icon_is_drawn_when_its_files_are_missing(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(app_module, "resources_dir", lambda: tmp_path)
    icon = app_module.app_icon()
    assert not icon.isNull() and 256 not in {size.width() for size in icon.availableSizes()}  # drawn: up to 128


def test_exception_hook_logs_saves_recovery_and_tells_user(qtbot, forms_dir, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(app_module, "show_error_dialog", lambda text, details: shown.append((text, details)))
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "ask_save_all", lambda parent, names: dialogs.DISCARD)
    window = MainWindow()
    qtbot.addWidget(window)
    app_module.register_window(window)
    path = tmp_path / "f01.json"
    shutil.copy(forms_dir / "f01.json", path)
    window.file_actions.open_file(path)
    window.current_tab().panel.funds.commit_money(0, "executed", "1")
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError:
        app_module.handle_exception(*sys.exc_info())
    assert shown and "意外错误" in shown[0][0] and "恢复副本" in shown[0][0]
    assert "ZeroDivisionError" in shown[0][1]
    logs = list(log_dir().glob("editor-*.log"))
    assert logs and "boom" in logs[0].read_text(encoding="utf-8")
    assert any(p.name.endswith(".meta.json") for p in recovery_dir().iterdir())


def test_exception_hook_passes_keyboard_interrupt(monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "__excepthook__", lambda *args: seen.append(args[0]))
    app_module.handle_exception(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert seen == [KeyboardInterrupt]


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: not our warning
def test_run_editor_shows_the_window_then_opens_the_files_and_offers_recovery(qtbot, f17, monkeypatch):
    """What main.py starts: the window on screen at once, naming the file it opens and with its
    menus switched off; once it has been painted, the named files open, the recovery offer
    follows and ``startFinished`` says so (the event loop itself is replaced: it would run until a
    user closes the window)."""
    offered = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_editor installs the handler
    monkeypatch.setattr(QApplication, "exec", lambda *args: 0)
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "ask_save_all", lambda parent, names: dialogs.DISCARD)
    monkeypatch.setattr(MainWindow, "restore_geometry", lambda self: self.resize(1000, 700))
    from ui.window.file_actions import FileActions
    monkeypatch.setattr(FileActions, "offer_recovery", lambda self: offered.append(self) or 0)
    before = set(app_module._windows)
    assert app_module.run_editor([str(f17)]) == 0
    (window,) = set(app_module._windows) - before
    qtbot.addWidget(window)
    assert sys.excepthook is app_module.handle_exception
    assert window.isVisible() and not window.ready and window.tab_widgets() == []
    assert "正在打开 f17.json" in window.welcome.text()
    assert not window.act.save.isEnabled() and not window.act.open.isEnabled()
    with qtbot.waitSignal(window.startFinished):
        pass
    assert window.ready and window.act.open.isEnabled()
    assert [tab.document.path for tab in window.tab_widgets()] == [f17.resolve()]
    qtbot.waitUntil(lambda: offered == [window.file_actions])


def test_standard_buttons_and_dates_are_chinese(qapp):
    from ui.qt import QDate, QDialogButtonBox, QLocale
    assert app_module.install_translations(qapp)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Open)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    assert "打开" in box.button(QDialogButtonBox.StandardButton.Open).text()
    for source in ("&Look in:", "Files of &type:", "File &name:"):  # the file chooser, label by label
        assert QApplication.translate("QFileDialog", source) != source
    assert QLocale().toString(QDate(2026, 12, 1), QLocale.FormatType.LongFormat).startswith("2026年12月1日")
    assert app_module.translation_folders()


def run_fresh(code: str) -> list[str]:
    """The lines ``code`` prints in a fresh interpreter (what a start of the program has loaded)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(ROOT), env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()


def test_the_file_choosers_dates_are_chinese_on_a_system_left_at_c(tmp_path):
    """Qt's file chooser writes dates in the system locale: on a PC left at C it read
    "1 12 2026 13:35". The program starts with Chinese dates and leaves the environment of the
    programs it starts (a file manager) as the user set it."""
    code = ("import os\n"
            "from ui.app import create_app\n"
            "from PySide6.QtCore import QDate, QDateTime, QLocale, QTime\n"
            "app = create_app()\n"
            "when = QDateTime(QDate(2026, 12, 1), QTime(13, 35))\n"
            "print(QLocale.system().toString(when, QLocale.FormatType.ShortFormat))\n"
            "print(os.environ.get('LC_TIME', '-'))\n")
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_")}
    env.update(LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen", PERF_EVAL_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(ROOT), env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["2026/12/1", "13:35", "-"]


def test_the_window_path_loads_no_export_or_print_library():
    """What main.py imports to show the window loads neither the Excel, PDF nor print libraries:
    they cost start-up time and are imported when first used."""
    code = ("import sys\n"
            "from ui.app import create_app\n"
            "app = create_app()\n"
            "from ui.window.main_window import MainWindow\n"
            "window = MainWindow()\n"
            "heavy = ('openpyxl', 'xlsxwriter', 'reportlab', 'pypdfium2', 'PySide6.QtPrintSupport')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n")
    assert run_fresh(code) == ["[]"]


def test_the_window_frame_shows_before_the_form_modules_and_qt_namespace_load():
    """The frame a start shows first (title, menus, toolbar, the file being opened named) needs
    neither the form's modules nor Qt's namespace enum (``Qt``, which PySide6 builds, with ~100
    enums, in 25 ms the first time anything asks for it); :meth:`complete` then loads them. This is
    what keeps the window on screen within 1.5 times a bare window's start (bench/run.py)."""
    code = ("import sys\n"
            "from PySide6 import QtCore\n"
            "from ui.app import create_app\n"
            "app = create_app()\n"
            "from ui.window.main_window import MainWindow\n"
            "window = MainWindow(frame_only=True)\n"
            "window.show()\n"
            "app.processEvents()\n"
            "form = ('ui.form.tab', 'ui.document', 'ui.dialogs', 'model.template', 'model.scoring')\n"
            "def loaded(): return sorted(m for m in form if m in sys.modules) + ['Qt'] * ('Qt' in vars(QtCore))\n"
            "print(loaded())\n"
            "window.complete()\n"
            "print(loaded())\n")
    frame, complete = run_fresh(code)
    assert frame == "[]"
    assert complete == "['model.scoring', 'model.template', 'ui.dialogs', 'ui.document', 'ui.form.tab', 'Qt']"


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: not our warning
def test_files_handed_over_while_the_window_starts_open_once_it_is_ready(qtbot, f17, forms_dir, monkeypatch):
    """A second start that hands over its files while the first window is still loading: they
    open once the window is ready, after the window's own."""
    monkeypatch.setattr(MainWindow, "restore_geometry", lambda self: self.resize(1000, 700))
    from ui.window.file_actions import FileActions
    monkeypatch.setattr(FileActions, "offer_recovery", lambda self: 0)
    window = MainWindow(frame_only=True)
    qtbot.addWidget(window)
    window.show()
    window.finish_start([str(f17)])
    app_module.receive_files(window, [str(forms_dir / "f23.json")])
    assert window.tab_widgets() == []
    with qtbot.waitSignal(window.startFinished):
        pass
    qtbot.waitUntil(lambda: len(window.tab_widgets()) == 2)
    assert [tab.document.path.name for tab in window.tab_widgets()] == ["f17.json", "f23.json"]

