"""UI tests run in the application as the editor sets it up (Chinese font, Chinese Qt texts).

Widget sizes depend on that font (a reason wraps to so many lines at so many pixels), so the tests
must not depend on whether some earlier test happened to call ``create_app`` first.
"""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def editor_app(qapp):
    from ui.app import create_app

    return create_app()


@pytest.fixture(autouse=True)
def no_thread_outlives_its_test(qapp):
    """A test that ends while a background task still runs (a workspace still scoring) stops it
    and waits for its thread, as quitting the editor does: otherwise the thread ran on into the
    next tests while the widgets it reports to were being deleted and collected."""
    yield
    from ui.output.background import BackgroundTask, stop_all

    if BackgroundTask._running:
        stop_all()
        qapp.processEvents()
