"""model/paths.py and the packaging of resources/: what `pip install .` carries must be all there is."""
from __future__ import annotations

import fnmatch

import pytest

from model.paths import bundled_templates_dir, fonts_dir, resources_dir
from tests.conftest import ROOT


def test_resources_are_found_as_the_resources_package():
    assert resources_dir() == (ROOT / "resources").resolve()
    assert (bundled_templates_dir() / "guizhou-2024.json").is_file()
    assert (fonts_dir() / "uming.ttc").is_file()


def test_every_resource_file_is_package_data():
    """A file under resources/ that no package-data pattern names would be missing from a plain
    `pip install .` (templates, font or icons gone, as in issue #14)."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["resources"]
    files = [path.relative_to(ROOT / "resources").as_posix() for path in (ROOT / "resources").rglob("*")
             if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".py"]
    assert files
    missing = [name for name in files if not any(fnmatch.fnmatch(name, pattern) for pattern in patterns)]
    assert missing == []
