"""The program's version, in one place: pyproject.toml, `--version`, the Windows file properties and the
.deb file name all read it from here (the bundle carries no package metadata to ask)."""
from __future__ import annotations

VERSION = "0.1.0"
