"""绩效自评表编辑器 — start the editor, or run a command (check, export, import).

Thin by design: parse the command line, then hand over to the window or to a command module.
"""
from __future__ import annotations

import argparse
import sys

COMMANDS = ("check", "export", "import", "templates")


class ChineseParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would exit with an English message
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 参数错误:{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseParser(prog="main.py", description="绩效自评表编辑器")
    sub = parser.add_subparsers(dest="command", parser_class=ChineseParser)
    check = sub.add_parser("check", help="计算并检查表单")
    check.add_argument("--json", action="store_true", help="以 JSON 输出")
    check.add_argument("files", nargs="+", metavar="FILE")
    export = sub.add_parser("export", help="导出为 Excel 和/或 PDF")
    export.add_argument("files", nargs="+", metavar="FILE")
    export.add_argument("--xlsx", metavar="OUT.xlsx")
    export.add_argument("--pdf", metavar="OUT.pdf")
    imp = sub.add_parser("import", help="把本程序导出的工作簿导入为草稿")
    imp.add_argument("book", metavar="BOOK.xlsx")
    imp.add_argument("--out", required=True, metavar="DIR")
    templates = sub.add_parser("templates", help="列出可用的模板(内置的和用户自己的)")
    templates.add_argument("--json", action="store_true", help="以 JSON 输出")
    return parser


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help"):
        from ui.app import run_editor  # Qt is loaded only for the window

        return run_editor(argv)
    args = build_parser().parse_args(argv)
    if args.command == "check":
        from model.check_report import run_check

        return run_check(args.files, args.json, sys.stdout, sys.stderr)
    if args.command == "templates":
        from model.template_report import run_templates

        return run_templates(args.json, sys.stdout, sys.stderr)
    from exporters import commands

    if args.command == "export":
        return commands.run_export(args.files, args.xlsx, args.pdf, sys.stdout, sys.stderr)
    return commands.run_import(args.book, args.out, sys.stdout, sys.stderr)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
