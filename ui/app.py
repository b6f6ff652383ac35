"""Application set-up: names, Chinese UI, a CJK font, the icon and a last-resort error handler.

``run_editor(files)`` is what ``main.py`` calls. Qt's own dialogs (file chooser, message box
buttons) are switched to Chinese with the translations that ship with Qt. If the system has no
font with Chinese glyphs (a bare Linux install), the bundled font in ``resources/fonts`` is
registered so the UI never shows empty boxes. On a fcitx desktop the input method is reached
through Qt's ibus plugin or, where fcitx offers no IBus portal (fcitx 4), the window's own bridge
(:mod:`ui.input_method`).
"""
from __future__ import annotations

import sys
import weakref
from pathlib import Path
from typing import Any, Optional, cast

from ui.qt import QApplication, QCoreApplication, QFont, QFontDatabase, QIcon, QLibraryInfo, QLocale, QTranslator

from model.paths import APP_NAME, fonts_dir, log_dir, resources_dir
from ui.input_method import bridge_started, prepare_input_method
from ui.system_locale import chinese_dates

ORGANISATION = "perf-self-eval"
PREFERRED_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
                   "Source Han Sans CN", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans SC", "SimHei",
                   "SimSun", "Noto Serif CJK SC", "AR PL UMing CN")
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")

_windows: "weakref.WeakSet[Any]" = weakref.WeakSet()  # main windows (ui.window.main_window)
_translators: list[QTranslator] = []
_in_hook = False


# --- fonts -----------------------------------------------------------------------------------------

def chinese_families() -> list[str]:
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def load_bundled_fonts(folder: Optional[Path] = None) -> list[str]:
    """Register every font file of ``resources/fonts``; returns the families they provide."""
    folder = folder or fonts_dir()
    families: list[str] = []
    if not folder.is_dir():
        return families
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in FONT_SUFFIXES:
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def choose_font_family(available: list[str]) -> Optional[str]:
    """The first preferred family present, else any family that covers Chinese."""
    lookup = {name.lower(): name for name in available}
    for name in PREFERRED_FONTS:
        if name.lower() in lookup:
            return lookup[name.lower()]
    sans = [name for name in available if "mono" not in name.lower()]
    candidates = sans or available
    return candidates[0] if candidates else None


def setup_fonts(app: QApplication) -> Optional[str]:
    """Use a font that shows Chinese; load the bundled one only when the system has none."""
    families = chinese_families()
    if not families:
        families = load_bundled_fonts() or chinese_families()
    family = choose_font_family(families)
    if family and sys.platform != "win32":  # Windows already uses Microsoft YaHei UI for Chinese
        font = QFont(app.font())
        font.setFamily(family)
        font.setPointSizeF(max(font.pointSizeF(), 10.0))
        app.setFont(font)
    return family


# --- translations and icon -----------------------------------------------------------------------

def translation_folders() -> list[str]:
    """Where Qt's Chinese catalogues may be: Qt's own path first, then where the PySide6 wheels put
    them (``PySide6/Qt/translations`` on Linux and macOS, ``PySide6/translations`` on Windows),
    then a distribution's Qt 6 (UOS/Kylin packages)."""
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    try:
        import PySide6

        base = Path(PySide6.__file__).resolve().parent
        folders += [str(base / "Qt" / "translations"), str(base / "translations")]
    except (ImportError, TypeError):
        pass
    folders += ["/usr/share/qt6/translations", "/usr/lib/qt6/translations"]
    return list(dict.fromkeys(f for f in folders if f and Path(f).is_dir()))


# Strings of Qt's own dialogs that qtbase_zh_CN.qm (as shipped with PySide6 6.11) lacks: the file
# chooser's labels changed in Qt (an accelerator was added) and the catalogue still has the old ones.
MISSING_TEXTS = {
    ("QFileDialog", "&Look in:"): "查找范围(&L):",
    ("QFileDialog", "Files of &type:"): "文件类型(&T):",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File"): "文件",
}


class MissingTranslations(QTranslator):
    """Answers only for :data:`MISSING_TEXTS`; installed after Qt's catalogue, so it is asked first
    and passes everything else on (None, a null string to Qt, means "not mine")."""

    def translate(self, context: str, source: str, disambiguation: Optional[str] = None,  # type: ignore[override]
                  n: int = -1) -> Optional[str]:
        return MISSING_TEXTS.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 (Qt naming)
        return False


def install_translations(app: QApplication) -> bool:
    """Qt's own texts (dialog buttons, the file chooser, the print dialogs) in Chinese, and dates
    and numbers written the Chinese way (2026年12月1日)."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    for folder in translation_folders():
        translator = QTranslator(app)
        if translator.load("qtbase_zh_CN", folder) or translator.load("qt_zh_CN", folder):
            app.installTranslator(translator)
            _translators.append(translator)
            extra = MissingTranslations(app)
            app.installTranslator(extra)
            _translators.append(extra)
            return True
    return False


def app_icon() -> QIcon:
    """The program icon from ``resources/icons`` (what the menu entry and the bundle show; Qt
    reads the files when the icon is first painted), drawn here if the files are missing."""
    folder = resources_dir() / "icons"
    sizes = [folder / f"perf-self-eval-{size}.png" for size in (16, 24, 32, 48, 64, 128, 256)]
    if all(path.is_file() for path in sizes):
        icon = QIcon()
        for path in sizes:
            icon.addFile(str(path))
        return icon
    return drawn_icon()


def drawn_icon() -> QIcon:
    """A seal-red square with 评 (the design of installer/make_icon.py), so no file is needed."""
    from ui.qt import QColor, QPainter, QPixmap, Qt

    icon = QIcon()
    for size in (16, 32, 48, 64, 128):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor("#b3261e"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(0, 0, size, size, size * 0.18, size * 0.18)
        painter.setPen(QColor("white"))
        font = QFont(QApplication.font())
        font.setPixelSize(int(size * 0.7))
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "评")
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def create_app(argv: Optional[list[str]] = None) -> QApplication:
    existing = QApplication.instance()
    bridge: tuple[str, ...] = ()
    if existing is None:
        # The file chooser's dates: Qt reads the system locale once, at its first call (here
        # libraryPaths); the input method too, as the application starts; a bridge to fcitx after.
        with chinese_dates():
            bridge = prepare_input_method(QCoreApplication.libraryPaths())
            app = QApplication(argv if argv is not None else sys.argv[:1])
            QLocale.system()
    else:
        app = cast(QApplication, existing)
    if bridge:
        connect_fcitx(app, bridge)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    install_translations(app)
    setup_fonts(app)
    app.setWindowIcon(app_icon())
    return app


def connect_fcitx(app: QApplication, dialects: tuple[str, ...]) -> bool:
    """Start the bridge to fcitx in the first of ``dialects`` that opens an input context (the
    bridge is a child of the application and lives as long as it does); if none does, say so in
    the 关于 dialog and go on without it."""
    from ui.fcitx_bridge import start_bridge

    for dialect in dialects:
        if start_bridge(app, dialect) is not None:
            bridge_started(dialect)
            return True
    bridge_started(None)
    return False


# --- errors ----------------------------------------------------------------------------------------

def register_window(window) -> None:
    _windows.add(window)


def write_console(text: str) -> None:
    """The console: where details go when the log file cannot take them. There is none in a
    windowed start on Windows (``sys.stderr`` is None), and then there is nowhere left."""
    if sys.stderr is not None:
        sys.stderr.write(text)


def write_log(text: str) -> Optional[Path]:
    """Append to today's log file; None when it cannot be written (that is said on the console)."""
    import datetime  # the error path's modules load when an error happens, not at start-up

    folder = log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"editor-{datetime.date.today():%Y%m%d}.log"
        with path.open("a", encoding="utf-8") as stream:
            stream.write(f"\n=== {datetime.datetime.now():%Y-%m-%d %H:%M:%S} ===\n{text}")
        return path
    except OSError as exc:
        write_console(f"无法写入日志文件({folder}):{exc}\n")
        return None


def save_recovery_copies() -> int:
    """Recovery copies of every registered window; a window whose autosave fails is skipped
    (the handler itself must never fail), and what went wrong is logged, never dropped."""
    import traceback

    count = 0
    for window in list(_windows):
        try:
            count += window.file_actions.autosave_now()
        except Exception:  # noqa: BLE001 - any failure here: log it and go on with the next window
            note = f"保存恢复副本时出错:\n{traceback.format_exc()}"
            if write_log(note) is None:
                write_console(note)
    return count


def handle_exception(kind, value, tb) -> None:
    """Last resort: log the details, save recovery copies, tell the user in Chinese, keep running."""
    global _in_hook
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    import traceback

    details = "".join(traceback.format_exception(kind, value, tb))
    if _in_hook:
        write_console(details)
        return
    _in_hook = True
    try:
        log = write_log(details)
        saved = save_recovery_copies()
        text = "程序遇到了意外错误。"
        if saved:
            text += f"\n已为 {saved} 份未保存的表单保存了恢复副本,下次启动时可以恢复。"
        text += "\n建议保存工作后重新启动程序。"
        if log:
            text += f"\n\n详细信息已记录在:{log}"
        else:
            write_console(details)  # no log file: the console is the only place left
        show_error_dialog(text, details)
    finally:
        _in_hook = False


def show_error_dialog(text: str, details: str) -> None:
    """The Chinese message only: the traceback goes to the log file the message names, never
    into the dialog (not even behind a "details" button)."""
    if QApplication.instance() is None:
        write_console(details)
        return
    from ui.qt import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, text)
    box.exec()


def install_exception_hook() -> None:
    sys.excepthook = handle_exception


# --- entry point -----------------------------------------------------------------------------------

def run_editor(files: list[str]) -> int:
    """Start the window with ``files`` open, offer crash recovery, run until the window closes.

    If the editor already runs in this session, hand ``files`` to it and return at once (#15)."""
    started = start_editor(files)
    if started is None:
        return 0
    app, window, server = started
    try:
        return app.exec()
    finally:
        server.close()


def start_editor(files: list[str]):
    """(app, window, server) of a new editor, or None when the running one took ``files``."""
    from ui.window import single_instance as channel

    if channel.may_be_running() and channel.hand_over(files) is channel.HandOver.DELIVERED:
        return None  # before any window: a second start costs a fraction of a second
    app = create_app()
    server = channel.InstanceServer(parent=app)
    if channel.CLAIM_BEFORE_WINDOW and channel.claim(server, files) is channel.HandOver.DELIVERED:
        return None
    install_exception_hook()
    from ui.window.main_window import MainWindow  # after the app exists: widgets need it
    window = MainWindow(frame_only=True)  # shown at once; the form's modules load once it is on screen
    register_window(window)
    window.restore_geometry()
    window.show_at_start()
    server.filesReceived.connect(lambda paths: receive_files(window, paths))

    def claimed() -> bool:
        """The channel, claimed once the window is on screen; False (the window closes) when an
        editor started at the same moment has it and took the files."""
        if channel.claim(server, files) is not channel.HandOver.DELIVERED:
            return True
        window.close()
        return False

    window.finish_start(files, first=None if channel.CLAIM_BEFORE_WINDOW else claimed)
    return app, window, server


def receive_files(window, paths: list[str]) -> None:
    """Files from a second start: the window comes to the front, then opens them (or shows
    their tabs), so any question about them appears over it. A window still starting opens them
    once it is ready."""
    from ui.window.single_instance import bring_to_front

    bring_to_front(window)
    if window.ready:
        window.file_actions.open_files(paths)
    else:
        window.startFinished.connect(lambda: window.file_actions.open_files(paths))
