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
