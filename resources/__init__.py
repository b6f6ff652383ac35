"""The program's data files (templates, the CJK font, icons), installed as package data.

A package so that ``importlib.resources`` finds them wherever the program is installed: a checkout,
a ``pip install .`` in site-packages, or a PyInstaller bundle (see ``model.paths.resources_dir``).
"""
