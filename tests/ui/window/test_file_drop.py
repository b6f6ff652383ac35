"""Files dragged from the file manager onto the window: drafts open, workbooks import, a folder
becomes the workspace, anything else is refused with a message."""
from __future__ import annotations

import pytest

from tests.ui.window_helpers import ensure_indicator_view, new_window

ensure_indicator_view()

from ui.qt import QApplication, QDragEnterEvent, QDropEvent, QMimeData, QPoint, QPointF, Qt, QUrl  # noqa: E402
from ui.window.file_drop import sort_dropped  # noqa: E402


@pytest.fixture
def window(qtbot, monkeypatch):
    return new_window(qtbot, monkeypatch)


def mime_of(*paths) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drag_enter(window, mime: QMimeData) -> bool:
    event = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    return event.isAccepted()


def drop(window, mime: QMimeData) -> bool:
    """Entered, then dropped: Qt delivers a drop to the widget that took the drag's entry."""
    drag_enter(window, mime)
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    return event.isAccepted()


def test_dropped_paths_are_sorted_by_what_the_window_does(tmp_path):
    (tmp_path / "a.JSON").write_text("{}", encoding="utf-8")
    (tmp_path / "b.xlsx").write_bytes(b"")
    (tmp_path / "c.docx").write_bytes(b"")
    (tmp_path / "d").mkdir()
    dropped = sort_dropped([str(tmp_path / name) for name in ("a.JSON", "b.xlsx", "c.docx", "d")])
    assert [len(group) for group in dropped] == [1, 1, 1, 1]
    assert dropped.drafts[0].endswith("a.JSON") and dropped.folders[0].endswith("d")


def test_dropped_drafts_open_in_tabs(qtbot, window, f17, forms_dir, tmp_path):
    other = tmp_path / "f23.json"
    other.write_bytes((forms_dir / "f23.json").read_bytes())
    mime = mime_of(f17, other)
    assert drag_enter(window, mime)  # the cursor says it can be dropped
    assert drop(window, mime)
    assert window.tabs.count() == 0  # opened after the drop returned, never inside it
    qtbot.waitUntil(lambda: window.tabs.count() == 2, timeout=10_000)
    assert {d.path.name for d in window.documents()} == {"f17.json", "f23.json"}


def test_a_dropped_folder_becomes_the_workspace(qtbot, window, forms_dir):
    assert drop(window, mime_of(forms_dir))
    qtbot.waitUntil(lambda: window.workspace.folder == forms_dir, timeout=10_000)
    assert not window.workspace_dock.isHidden()


def test_a_dropped_workbook_is_imported(qtbot, window, monkeypatch, tmp_path):
    imported = []
    monkeypatch.setattr(window.output, "import_excel", lambda path=None: imported.append(path))
    window.file_drop.import_workbook = window.output.import_excel
    book = tmp_path / "汇总.xlsx"
    book.write_bytes(b"")
    assert drop(window, mime_of(book))
    qtbot.waitUntil(lambda: imported == [[str(book)]], timeout=10_000)


def test_other_files_and_links_are_refused_with_a_message(qtbot, window, tmp_path):
    letter = tmp_path / "通知.docx"
    letter.write_bytes(b"")
    web = QMimeData()
    web.setUrls([QUrl("https://example.invalid/form.json")])
    assert not drag_enter(window, web)  # a link is not a file: the cursor says no
    assert drop(window, mime_of(letter))
    qtbot.waitUntil(lambda: "通知.docx" in window.statusBar().currentMessage(), timeout=10_000)
    assert "可以拖入草稿" in window.statusBar().currentMessage() and window.tabs.count() == 0
