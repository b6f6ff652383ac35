"""打开文件夹: handed to the file manager, or said when the system has none."""
from __future__ import annotations

from ui import dialogs
from ui.output import desktop


def test_a_folder_the_system_cannot_show_is_said_not_dropped(qapp, monkeypatch, tmp_path):
    warned: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda parent, text, title="": warned.append(text))
    monkeypatch.setattr(desktop, "open_folder", lambda folder: False)  # no xdg-open, no file manager
    assert desktop.show_folder(None, str(tmp_path)) is False
    assert len(warned) == 1 and str(tmp_path) in warned[0] and "文件管理器" in warned[0]
    monkeypatch.setattr(desktop, "open_folder", lambda folder: True)
    assert desktop.show_folder(None, str(tmp_path)) is True and len(warned) == 1
