"""Where the program keeps its files: bundled resources and the user's data folder.

Pure Python (no Qt) so the command line and the exporters agree with the window on every path.
The data folder can be moved with the environment variable ``PERF_EVAL_HOME`` (used by tests).
"""
from __future__ import annotations

import importlib.resources
import os
import sys
from pathlib import Path

APP_NAME = "绩效自评表编辑器"
APP_FOLDER = "perf-self-eval"


def project_root() -> Path:
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """The ``resources`` package's folder, wherever it is installed (checkout, site-packages or a
    PyInstaller bundle); the checkout's folder if that package cannot be found."""
    try:
        folder = Path(str(importlib.resources.files("resources")))
    except (ImportError, TypeError):  # TypeError: a namespace package without a single folder
        folder = None
    if folder is None or not (folder / "templates").is_dir():
        folder = project_root() / "resources"
    return folder


def bundled_templates_dir() -> Path:
    return resources_dir() / "templates"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def data_home() -> Path:
    """The per-user data folder: %APPDATA% on Windows, XDG data home elsewhere."""
    override = os.environ.get("PERF_EVAL_HOME")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_FOLDER


def user_templates_dir() -> Path:
    return data_home() / "templates"


def recovery_dir() -> Path:
    return data_home() / "recovery"


def log_dir() -> Path:
    return data_home() / "logs"
