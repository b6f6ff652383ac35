"""Print preview and printing of the SAME PDF the exporter writes.

The forms are laid out once by :func:`exporters.pdf_writer.pdf_bytes`; each PDF page is rasterised with
pypdfium2 and painted onto the QPrinter page (QtPdf is not part of PySide6-Essentials). So the preview,
the paper and the exported file cannot disagree about a line break or a page break.

Resolution: printing uses the printer's resolution up to 300 dpi (sharp text on office laser printers);
the preview keeps every page as an image in memory, so it uses a lower resolution, lower still for long
batches.
"""
from __future__ import annotations

import queue
from typing import Callable, Optional, Sequence

import pypdfium2 as pdfium

from exporters.pdf_writer import document_title, pdf_bytes
from model.paths import APP_NAME
from model.report import AssessedForm
from ui.output.background import BackgroundTask, Reporter, with_progress_dialog
from ui import dialogs
from ui.qt import (QGuiApplication, QImage, QPageLayout, QPageSize, QPaintEngine, QPainter, QPrintDialog, QPrinter,
                   QPrintPreviewDialog, QPrintPreviewWidget, QRect, QSize, Qt, QWidget)

PRINT_DPI = 300
PREVIEW_DPI = 150
PREVIEW_DPI_LONG = 96  # more than LONG_PAGES pages: grey images at 96 dpi, under 1 MB a page
LONG_PAGES = 40
PREVIEW_MAXIMISED_BELOW = 900  # as the window: on a 1366×768 laptop the preview takes the whole screen

__all__ = ["build_print_preview", "build_print_dialog", "print_forms", "render_pdf_to_printer",
           "show_print_preview", "QPrinter", "QPrintPreviewDialog", "QPrintPreviewWidget"]


class PreviewDialog(QPrintPreviewDialog):
    """The preview with the printer it paints on (the dialog does not own it: kept alive as long as
    the dialog) and the number of PDF pages."""

    _printer: QPrinter
    _pdf_pages: int


class PrintDialog(QPrintDialog):
    """The print dialog with its printer, kept alive as long as the dialog."""

    _printer: QPrinter


def _orientation(width: float, height: float) -> QPageLayout.Orientation:
    return QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait


def prepare_printer(printer: QPrinter, data: bytes, title: str) -> int:
    """A4, no margins added by Qt (the PDF has its own), orientation of the first page; returns
    the number of pages (read while the PDF is open anyway)."""
    printer.setDocName(title)
    printer.setCreator(APP_NAME)
    printer.setFullPage(True)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    pdf = pdfium.PdfDocument(data)
    try:
        pages = len(pdf)
        if pages:
            printer.setPageOrientation(_orientation(*pdf[0].get_size()))
    finally:
        pdf.close()
    return pages


def _page_image(page: "pdfium.PdfPage", dpi: float) -> QImage:
    """The page as an image; grey (a quarter of the memory) in the preview of a long batch."""
    if dpi <= PREVIEW_DPI_LONG:
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        image_format = QImage.Format.Format_Grayscale8
    else:
        bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
        image_format = QImage.Format.Format_RGBX8888
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, image_format)
    return image.copy()  # detach from pdfium's buffer, which is freed with the bitmap


def _page_range(printer: QPrinter, pages: int) -> range:
    """The pages the user chose in the print dialog (1-based there; 0 means "all")."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:
        return range(pages)
    return range(min(first, pages) - 1, min(last, pages))


def _resolution(painter: QPainter, printer: QPrinter, pages: int) -> float:
    """Printer resolution (at most 300 dpi) on paper; less in the preview, which keeps every page image.

    The preview dialog paints through the same signal for its preview and for its print button; only the
    paint engine tells them apart (the preview records pictures)."""
    if painter.paintEngine().type() == QPaintEngine.Type.Picture:
        return PREVIEW_DPI if pages <= LONG_PAGES else PREVIEW_DPI_LONG
    return min(printer.resolution(), PRINT_DPI)


def render_pdf_to_printer(data: bytes, printer: QPrinter, dpi: Optional[float] = None) -> int:
    """Paint every page of a PDF onto the printer, one printer page each; returns the number of pages.

    ``dpi`` defaults to the printer's resolution capped at 300 (less in a preview). Each page's orientation
    follows the PDF page, so a batch mixing landscape and portrait forms prints each the right way round.
    """
    pdf = pdfium.PdfDocument(data)
    painter = QPainter()
    count = 0
    resolution = dpi or 0.0  # 0: chosen when painting starts
    try:
        for index in _page_range(printer, len(pdf)):
            page = pdf[index]
            width, height = page.get_size()
            printer.setPageOrientation(_orientation(width, height))  # takes effect on the next page
            if count == 0:
                if not painter.begin(printer):
                    raise OSError("无法开始打印:打印机不可用或输出文件无法写入。")
                resolution = resolution or _resolution(painter, printer, len(pdf))
            elif not printer.newPage():
                raise OSError("打印时无法换页。")
            target = painter.viewport()
            painter.drawImage(QRect(0, 0, target.width(), target.height()), _page_image(page, resolution))
            page.close()
            count += 1
    finally:
        if painter.isActive():
            painter.end()
        pdf.close()
    return count


def build_print_preview(parent: Optional[QWidget], forms: Sequence[AssessedForm],
                        data: Optional[bytes] = None) -> PreviewDialog:
    """The preview dialog, ready to show (not executed): tests and the window both use this.
    ``data``: the forms' PDF if the window laid it out already (on a worker thread)."""
    data = data if data is not None else pdf_bytes(list(forms))
    title = document_title(list(forms))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    pages = prepare_printer(printer, data, title)
    dialog = PreviewDialog(printer, parent)
    dialog.setWindowTitle(f"打印预览 - {title}")
    dialog.paintRequested.connect(lambda target: render_pdf_to_printer(data, target))
    dialog._printer = printer  # the dialog does not own the printer: keep it alive as long as the dialog
    dialog._pdf_pages = pages
    _place_preview(dialog, parent)
    return dialog


def preview_size(area: QRect) -> Optional[QSize]:
    """The preview's size in the screen's free ``area``: None (maximised) on a short screen, where
    Qt's default half-screen dialog shows an A4 page at 38 % and its text cannot be read; else most
    of the screen."""
    if area.height() < PREVIEW_MAXIMISED_BELOW:
        return None
    return QSize(int(area.width() * 0.8), int(area.height() * 0.88))


def _place_preview(dialog: QPrintPreviewDialog, parent: Optional[QWidget]) -> None:
    screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    if screen is None:
        return
    size = preview_size(screen.availableGeometry())
    if size is None:
        dialog.setWindowState(dialog.windowState() | Qt.WindowState.WindowMaximized)
    else:
        dialog.resize(size)


def show_print_preview(parent: Optional[QWidget], forms: Sequence[AssessedForm],
                       data: Optional[bytes] = None) -> None:
    if not forms:
        return
    dialog = build_print_preview(parent, forms, data)
    dialog.exec()
    dialog.deleteLater()


def build_print_dialog(parent: Optional[QWidget], forms: Sequence[AssessedForm],
                       data: Optional[bytes] = None) -> tuple[PrintDialog, bytes]:
    """The system print dialog for the forms and the PDF bytes it will print (not executed)."""
    data = data if data is not None else pdf_bytes(list(forms))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, data, document_title(list(forms)))
    dialog = PrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    dialog._printer = printer
    return dialog, data


def print_forms(parent: Optional[QWidget], forms: Sequence[AssessedForm], data: Optional[bytes] = None,
                done: Optional[Callable[[str], None]] = None) -> None:
    """Ask for a printer and print (in the background, with progress and 取消); cancelling the
    dialog prints nothing. Once every page went out, ``done`` gets :func:`printed_message`."""
    if not forms:
        return
    dialog, data = build_print_dialog(parent, forms, data)
    try:
        if dialog.exec():  # 1 = accepted
            def report(error: BaseException) -> None:
                dialogs.error(parent, f"打印失败:{error}")

            printer = dialog._printer
            task = print_in_background(data, printer, report)
            with_progress_dialog(task, parent, "正在打印")
            task.failed.connect(report)
            if done is not None:
                task.succeeded.connect(lambda pages: done(printed_message(printer, pages)))
            task.start()
    finally:
        dialog.deleteLater()


def printed_message(printer: QPrinter, pages: int) -> str:
    """What the status bar says once printing is done: a file printed to is named (the user
    did not choose where Qt put it), a printer by its name."""
    if printer.outputFileName():
        return f"已打印 {pages} 页到文件 {printer.outputFileName()}"
    return f"已把 {pages} 页发送到打印机 {printer.printerName()}".rstrip()


Raster = tuple[bytes, int, int, int, bool]  # pixels (RGBX), width, height, bytes per line, landscape


def _rasterise(data: bytes, indices: list[int], dpi: float, pages: "queue.Queue[Raster]", reporter: Reporter) -> int:
    """On the worker thread: each chosen page as plain pixels (pdfium is C, called through ctypes,
    which lets the window thread run meanwhile). At most two pages wait in ``pages``."""
    pdf = pdfium.PdfDocument(data)
    try:
        for done, index in enumerate(indices, start=1):
            page = pdf[index]
            width, height = page.get_size()
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
            raster = (bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, width > height)
            page.close()
            while True:
                reporter.check()
                try:
                    pages.put(raster, timeout=0.1)
                    break
                except queue.Full:
                    continue
            reporter.progress(done, len(indices))
    finally:
        pdf.close()
    return len(indices)


class _PagePainter:
    """On the window thread: paints each page the worker hands over onto the printer."""

    def __init__(self, printer: QPrinter, pages: "queue.Queue[Raster]") -> None:
        self.printer = printer
        self.pages = pages
        self.painter = QPainter()
        self.count = 0
        self.failed = False
        self.on_error: Callable[[OSError], None] = lambda error: None

    def take(self) -> None:
        while not self.failed:
            try:
                raster = self.pages.get_nowait()
            except queue.Empty:
                return
            try:
                self.paint(raster)
            except OSError as exc:  # the printer went away: stop, say so once
                self.failed = True
                self.on_error(exc)

    def paint(self, raster: Raster) -> None:
        pixels, width, height, stride, landscape = raster
        self.printer.setPageOrientation(_orientation(2, 1) if landscape else _orientation(1, 2))
        if self.count == 0:
            if not self.painter.begin(self.printer):
                raise OSError("无法开始打印:打印机不可用或输出文件无法写入。")
        elif not self.printer.newPage():
            raise OSError("打印时无法换页。")
        image = QImage(pixels, width, height, stride, QImage.Format.Format_RGBX8888)
        target = self.painter.viewport()
        self.painter.drawImage(QRect(0, 0, target.width(), target.height()), image)
        self.count += 1

    def finish(self, complete: bool) -> None:
        if complete:
            self.take()
        elif self.painter.isActive():
            self.printer.abort()  # 取消: nothing more goes to the printer
        if self.painter.isActive():
            self.painter.end()


def print_in_background(data: bytes, printer: QPrinter,
                        on_error: Optional[Callable[[BaseException], None]] = None) -> BackgroundTask:
    """Print ``data`` onto ``printer``: pages rasterised on a worker thread, painted here as they
    come, so the window stays responsive through a long batch. Not started: the caller connects
    its signals, then calls ``start()``."""
    pdf = pdfium.PdfDocument(data)
    try:
        indices = list(_page_range(printer, len(pdf)))
    finally:
        pdf.close()
    dpi = min(printer.resolution(), PRINT_DPI)
    pages: "queue.Queue[Raster]" = queue.Queue(maxsize=2)
    task = BackgroundTask(lambda reporter: _rasterise(data, indices, dpi, pages, reporter))
    painter = _PagePainter(printer, pages)

    def stop(error: OSError) -> None:
        task.cancel()
        if on_error is not None:
            on_error(error)

    painter.on_error = stop
    task.progressed.connect(lambda _done, _total: painter.take())
    task.succeeded.connect(lambda _count: painter.finish(True))
    task.failed.connect(lambda _error: painter.finish(False))
    task.cancelled.connect(lambda: painter.finish(False))
    return task  # the connected lambdas keep the painter alive as long as the task
