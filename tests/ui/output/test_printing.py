"""Print preview and printing render the exported PDF's pages onto the QPrinter."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from exporters.pdf_writer import pdf_bytes
from model.draft import load_draft
from model.report import assess_form, load_assessed
from tests.exporters.test_pdf_helpers import page_texts, reader
from ui.output.printing import (QPrinter, QPrintPreviewWidget, build_print_dialog, build_print_preview, preview_size,
                                render_pdf_to_printer)
from ui.qt import QRect, QSize, Qt


@pytest.fixture
def two_forms(real_form_paths):
    return [load_assessed(path) for path in real_form_paths[:2]]


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setFullPage(True)
    return printer


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen: the maximised preview
def test_print_preview_opens_with_every_page(qtbot, two_forms):
    dialog = build_print_preview(None, two_forms)
    qtbot.addWidget(dialog)
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    widget.updatePreview()  # what showing the dialog does first (showing it offscreen only adds a warning)
    expected = len(reader(pdf_bytes(two_forms)).pages)
    assert widget.pageCount() == expected == dialog._pdf_pages
    assert dialog.windowTitle().startswith("打印预览")
    assert dialog.windowState() & Qt.WindowState.WindowMaximized  # the offscreen screen is 800×600: short
    dialog.close()


def test_the_preview_is_big_enough_to_read_a_page():
    """Maximised on a 1366×768 laptop; most of a tall screen, not Qt's half-screen default."""
    assert preview_size(QRect(0, 0, 1366, 728)) is None
    assert preview_size(QRect(0, 0, 1920, 1040)) == QSize(1536, 915)


def test_render_into_pdf_printer_keeps_page_count_and_orientation(tmp_path, two_forms):
    data = pdf_bytes(two_forms)
    target = tmp_path / "printed.pdf"
    printer = _pdf_printer(target)
    pages = render_pdf_to_printer(data, printer, dpi=60)
    assert pages == len(reader(data).pages)
    printed = reader(target.read_bytes())
    assert len(printed.pages) == pages
    for original, page in zip(reader(data).pages, printed.pages):  # A4, each page the PDF's way round
        size = (842, 595) if original.mediabox.width > original.mediabox.height else (595, 842)
        assert float(page.mediabox.width) == pytest.approx(size[0], abs=2)
        assert float(page.mediabox.height) == pytest.approx(size[1], abs=2)
    assert float(printed.pages[-1].mediabox.height) == pytest.approx(842, abs=2)  # guizhou-2024: portrait


def test_mixed_orientation_batch_prints_each_page_its_way(tmp_path, real_form_paths):
    form = load_draft(real_form_paths[2])
    form.template = "mof-2020"
    landscape = load_assessed(real_form_paths[0])
    landscape.template = dataclasses.replace(landscape.template, orientation="landscape")
    forms = [landscape, assess_form(form)]  # a landscape region's form, then a portrait one (mof-2020)
    data = pdf_bytes(forms, summary=False)
    source = reader(data).pages
    target = tmp_path / "mixed.pdf"
    render_pdf_to_printer(data, _pdf_printer(target), dpi=50)
    printed = reader(target.read_bytes()).pages
    assert len(printed) == len(source)
    for original, copy in zip(source, printed):
        landscape = original.mediabox.width > original.mediabox.height
        assert (copy.mediabox.width > copy.mediabox.height) == landscape


def test_page_range_from_the_print_dialog_is_honoured(tmp_path, two_forms):
    data = pdf_bytes(two_forms)
    target = tmp_path / "range.pdf"
    printer = _pdf_printer(target)
    printer.setFromTo(2, 3)
    assert render_pdf_to_printer(data, printer, dpi=50) == 2
    assert len(reader(target.read_bytes()).pages) == 2


def test_rendered_page_is_not_blank(tmp_path, two_forms):
    """The printed page is an image of the PDF page: it must have dark pixels (text and rules)."""
    from ui.qt import QImage
    data = pdf_bytes(two_forms[:1])
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "one.pdf"))
    render_pdf_to_printer(data, printer, dpi=40)
    import pypdfium2 as pdfium
    page = pdfium.PdfDocument(str(tmp_path / "one.pdf"))[0]
    bitmap = page.render(scale=0.5, rev_byteorder=True, prefer_bgrx=True)
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888)
    dark = sum(1 for y in range(0, image.height(), 3) for x in range(0, image.width(), 3)
               if image.pixelColor(x, y).lightness() < 128)
    assert dark > 100
    assert two_forms[0].template.title in page_texts(data)[0]  # the source page the image came from


def test_print_dialog_is_built_for_the_same_pdf(qtbot, two_forms):
    dialog, data = build_print_dialog(None, two_forms)
    qtbot.addWidget(dialog)
    assert data.startswith(b"%PDF")
    assert len(reader(data).pages) == len(reader(pdf_bytes(two_forms)).pages)
    assert dialog.windowTitle() == "打印"


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen: the maximised preview
def test_preview_renders_at_preview_resolution(qtbot, two_forms, monkeypatch, tmp_path):
    """The preview keeps page images in memory: it must not render them at print resolution."""
    import ui.output.printing as printing
    seen = []
    original = printing._page_image
    monkeypatch.setattr(printing, "_page_image", lambda page, dpi: seen.append(dpi) or original(page, dpi))
    dialog = build_print_preview(None, two_forms)
    qtbot.addWidget(dialog)
    dialog.findChild(QPrintPreviewWidget).updatePreview()
    assert seen and set(seen) == {printing.PREVIEW_DPI}
    seen.clear()
    printer = _pdf_printer(tmp_path / "p.pdf")  # a real (PDF) printer: print resolution, capped
    printer.setResolution(600)
    render_pdf_to_printer(pdf_bytes(two_forms[:1]), printer)
    assert set(seen) == {printing.PRINT_DPI}
    assert (tmp_path / "p.pdf").stat().st_size > 0


def test_long_batch_preview_uses_small_grey_pages(tmp_path, two_forms):
    import ui.output.printing as printing
    import pypdfium2 as pdfium
    page = pdfium.PdfDocument(pdf_bytes(two_forms[:1]))[0]
    grey = printing._page_image(page, printing.PREVIEW_DPI_LONG)
    colour = printing._page_image(page, printing.PREVIEW_DPI)
    assert grey.format() == grey.Format.Format_Grayscale8 and grey.sizeInBytes() < 1_000_000
    assert colour.width() == pytest.approx(page.get_size()[0] * printing.PREVIEW_DPI / 72, abs=1)
    target = tmp_path / "grey.pdf"
    assert render_pdf_to_printer(pdf_bytes(two_forms), _pdf_printer(target), dpi=printing.PREVIEW_DPI_LONG) > 1


def test_printing_in_the_background_prints_every_chosen_page(qtbot, tmp_path, two_forms):
    from ui.output.printing import print_in_background
    data = pdf_bytes(two_forms)
    target = tmp_path / "background.pdf"
    printer = _pdf_printer(target)
    printer.setResolution(40)
    task = print_in_background(data, printer)
    seen = []
    task.progressed.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(task.finished, timeout=60_000):
        task.start()
    pages = len(reader(data).pages)
    assert task.outcome == "succeeded" and task.result == pages and seen[-1] == (pages, pages)
    assert len(reader(target.read_bytes()).pages) == pages


def test_cancelled_printing_stops(qtbot, tmp_path, two_forms):
    from ui.output.printing import print_in_background
    printer = _pdf_printer(tmp_path / "cancelled.pdf")
    printer.setResolution(40)
    task = print_in_background(pdf_bytes(two_forms), printer)
    with qtbot.waitSignal(task.finished, timeout=60_000):
        task.start()
        task.cancel()  # 取消 while the first page is being rasterised: the second is never made
    assert task.outcome == "cancelled"


def test_print_forms_prints_after_the_dialog_without_blocking(qtbot, tmp_path, two_forms, monkeypatch):
    import ui.output.printing as printing
    from ui.output.background import BackgroundTask
    target = tmp_path / "via-dialog.pdf"

    def accept(dialog):
        dialog._printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog._printer.setOutputFileName(str(target))
        dialog._printer.setResolution(40)
        return 1

    monkeypatch.setattr(printing.PrintDialog, "exec", accept)
    said: list[str] = []
    printing.print_forms(None, two_forms, done=said.append)
    running = list(BackgroundTask._running)
    assert running and not said  # print_forms returned while the pages are still being printed
    qtbot.waitUntil(lambda: not any(task.is_running() for task in running), timeout=60_000)
    pages = len(reader(pdf_bytes(two_forms)).pages)
    assert len(reader(target.read_bytes()).pages) == pages
    assert said == [f"已打印 {pages} 页到文件 {target}"]  # Qt chose the file's folder: the status bar names it
