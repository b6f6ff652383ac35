"""The editor window (PySide6). ``ui/qt.py`` is the one Qt import point.

Top level: ``app`` (start-up, fonts, last-resort error handler), ``document`` (one open form and
its undo stack), ``commands`` (structural undo commands), ``severity`` (how errors and warnings
look), ``dialogs`` (the questions the editor asks). Feature folders:

- ``indicators/``: the indicator tree: model, cells, delegates, view, structural edits, clipboard;
- ``form/``: one open form: its tab, header panel, funds table, conclusion, summary strip, issues;
- ``output/``: export, import and printing, run on demand;
- ``window/``: the main window: its actions and menus, files, workspace, draft locks and watching,
  the single-instance channel.

Lower folders never import higher ones: indicators < form < output < window.
"""
