"""绩效自评表编辑器 — start the editor, or run a command (check, export, import, templates).

Thin by design: the command line lives in `model/cli.py` (also the `perf-self-eval` command's entry
point), the window in `ui/`, the commands in `model/check_report.py` and `exporters/commands.py`.
"""
from __future__ import annotations

import sys

from model.cli import main

if __name__ == "__main__":
    sys.exit(main())
