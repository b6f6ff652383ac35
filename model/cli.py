"""The command line: a parser that speaks Chinese, `--version`, and the table of subcommands.

Pure standard library, so `--help`, `--version` and a mistyped option are answered without loading Qt
(no display needed) and never open a window. Without a command the program opens the editor with the
drafts it is given; with one, the command runs and its exit code is the program's.

A subcommand is one row of :data:`COMMANDS`: a name, a one-line help, a function that adds its
arguments and a handler ``(args, out, err) -> exit code``. Handlers import their modules when they
run, so parsing stays light and a new command (e.g. ``templates``) touches nothing else.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from typing import Any, Callable, Iterable, NamedTuple, NoReturn, Optional, Sequence, TextIO

from model.paths import APP_NAME, log_dir
from model.version import VERSION

PROG = "perf-self-eval"
EXIT_USAGE = 2  # argparse's code for a bad command line; commands use 2 for an unreadable input too

# argparse's English messages (Python 3.10 – 3.13), turned into Chinese. Matched in order; an
# unknown message is still shown, behind the Chinese "参数错误" prefix.
_MESSAGES: list[tuple[str, str]] = [
    (r"the following arguments are required: (.+)", r"缺少参数:\1"),
    (r"unrecognized arguments: (.+)", r"无法识别的参数:\1"),
    (r"argument (.+?): expected one argument", r"选项 \1 后面需要一个值"),
    (r"argument (.+?): expected at least one argument", r"选项 \1 后面至少需要一个值"),
    (r"argument (.+?): ignored explicit argument (.+)", r"选项 \1 不接受值(收到 \2)"),
    (r"argument (.+?): not allowed with argument (.+)", r"选项 \1 不能与 \2 同时使用"),
    (r"argument (.+?): invalid choice: (.+?) \(choose from (.+)\)", r"参数 \1 的值 \2 无效(可选:\3)"),
    (r"argument (.+?): invalid (.+?) value: (.+)", r"参数 \1 的值 \3 无效"),
    (r"one of the arguments (.+) is required", r"必须给出以下参数之一:\1"),
    (r"ambiguous option: (.+?) could match (.+)", r"选项 \1 有歧义,可能是:\2"),
]


def translate_error(message: str) -> str:
    for pattern, replacement in _MESSAGES:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's layout with a Chinese "用法:" and descriptions/epilogs kept as written."""

    def add_usage(self, usage: Optional[str], actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: Optional[str] = None) -> None:
        super().add_usage(usage, actions, groups, "用法:" if prefix is None else prefix)


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose every word a user can see is Chinese.

    Section titles and the help option are set here instead of patching argparse's gettext
    catalogue; error messages are translated in :meth:`error`.
    """

    def __init__(self, *args: Any, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        kwargs.setdefault("allow_abbrev", False)  # "--js" is an error, not a guess at "--json"
        kwargs["add_help"] = False  # our own -h with a Chinese help text, below
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="显示此帮助信息并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: 参数错误:{translate_error(message)}\n"
                              f"用 {self.prog} -h 查看帮助。\n")


# --- commands --------------------------------------------------------------------------------------

Handler = Callable[[argparse.Namespace, TextIO, TextIO], int]


class Command(NamedTuple):
    """A subcommand. A NamedTuple, not a dataclass: every start of the editor passes here, and
    importing dataclasses (which loads inspect) would cost the window 7 ms."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Handler


def _configure_check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="以 JSON 输出(无法读取的文件也列出,附错误说明)")
    parser.add_argument("files", nargs="+", metavar="草稿", help="草稿文件(.json)")


def _run_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from model.check_report import run_check

    return run_check(args.files, args.json, out, err)


def _configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="草稿", help="草稿文件(.json)")
    parser.add_argument("--xlsx", metavar="输出.xlsx", help="把全部表单导出到一个 Excel 工作簿")
    parser.add_argument("--pdf", metavar="输出.pdf", help="把全部表单导出到一个 PDF 文件")


def _run_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from exporters.commands import run_export

    return run_export(args.files, args.xlsx, args.pdf, out, err)


def _configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("book", metavar="工作簿.xlsx", help="本程序导出的工作簿(可以已在 Excel/WPS 中修改)")
    parser.add_argument("--out", required=True, metavar="文件夹", help="草稿写入的文件夹")


def _run_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from exporters.commands import run_import

    return run_import(args.book, args.out, out, err)


def _configure_templates(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="以 JSON 输出(格式有误的模板文件也列出,附错误说明)")


def _run_templates(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from model.template_report import run_templates

    return run_templates(args.json, out, err)


COMMANDS: list[Command] = [
    Command("check", "计算并检查表单;退出码 0 无错误,1 有错误,2 有文件无法读取", _configure_check, _run_check),
    Command("export", "把表单导出为 Excel 工作簿和/或 PDF", _configure_export, _run_export),
    Command("import", "把本程序导出的工作簿导回为草稿;退出码 1 表示有工作表无法读取(其余已导入),2 表示未导入任何表",
            _configure_import, _run_import),
    Command("templates", "列出可用的模板(内置的和用户自己的);退出码 1 表示有模板文件格式有误", _configure_templates,
            _run_templates),
]

# The window, named here once: the command line is its only caller.
WINDOW_MODULE, WINDOW_FUNCTION = "ui.app", "run_editor"


# --- parsing ---------------------------------------------------------------------------------------

def _epilog() -> str:
    width = max(len(c.name) for c in COMMANDS)
    lines = ["命令:"] + [f"  {c.name.ljust(width)}  {c.help}" for c in COMMANDS]
    lines.append(f"\n每个命令的说明:{PROG} 命令 -h(例如 {PROG} check -h)")
    return "\n".join(lines)


def build_parser() -> ChineseParser:
    """The parser of a start without a command: options and the drafts to open."""
    parser = ChineseParser(
        prog=PROG, usage=f"{PROG} [-h] [--version] [草稿 ...]\n       {PROG} 命令 [参数 ...]",
        description=f"{APP_NAME}:填写、计算、检查和导出《项目支出绩效自评表》。\n不带命令时打开编辑窗口,"
                    "并打开给出的草稿。", epilog=_epilog())
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {VERSION}",
                        help="显示程序版本并退出")
    parser.add_argument("files", nargs="*", metavar="草稿", help="要打开的草稿文件(.json)")
    return parser


def build_command_parser(command: Command) -> ChineseParser:
    parser = ChineseParser(prog=f"{PROG} {command.name}", description=command.help)
    command.configure(parser)
    return parser


def find_command(name: str) -> Optional[Command]:
    return next((c for c in COMMANDS if c.name == name), None)


def parse(argv: Sequence[str]) -> tuple[Optional[Command], argparse.Namespace]:
    """The command (None: open the window) and its arguments; exits 2 on a bad command line."""
    command = find_command(argv[0]) if argv else None
    if command is None:
        return None, build_parser().parse_args(list(argv))
    return command, build_command_parser(command).parse_args(list(argv[1:]))


# --- running ---------------------------------------------------------------------------------------

def _usable_streams() -> tuple[TextIO, TextIO]:
    """stdout/stderr that cannot fail on a character: a Windows console in a legacy code page
    shows '?' instead of raising, and a windowed program (no console: None) writes nowhere."""
    streams = []
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            import io

            stream = io.StringIO()
        elif hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):
                pass
        streams.append(stream)
    sys.stdout, sys.stderr = streams
    return streams[0], streams[1]


def _log_unexpected(details: str) -> Optional[str]:
    import datetime  # loaded on the error path only: every start of the editor passes here

    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"command-{datetime.date.today():%Y%m%d}.log"
        with path.open("a", encoding="utf-8") as stream:
            stream.write(f"\n=== {datetime.datetime.now():%Y-%m-%d %H:%M:%S} ===\n{details}")
        return str(path)
    except OSError:
        return None


def run_command(command: Command, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run a command; an unexpected error becomes a Chinese message and a log entry, never a traceback."""
    try:
        return command.run(args, out, err)
    except KeyboardInterrupt:
        print("已中断。", file=err)
        return 130
    except Exception:  # noqa: BLE001 - the last line between a bug and a clerk's screen
        import traceback

        log = _log_unexpected(traceback.format_exc())
        where = f"详细信息已记录在:{log}" if log else "(无法写入日志文件)"
        print(f"错误:程序内部出错,命令未完成。{where}", file=err)
        return EXIT_USAGE


def has_display() -> bool:
    """False on a Linux terminal without a graphical session, where Qt would abort (exit 134)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_window(files: list[str], err: TextIO) -> int:
    if not has_display():
        print(f"错误:没有图形界面,无法打开编辑窗口。在终端中可以使用命令(见 {PROG} -h)。", file=err)
        return EXIT_USAGE
    import importlib

    return int(getattr(importlib.import_module(WINDOW_MODULE), WINDOW_FUNCTION)(files))


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point of `perf-self-eval` and of `python main.py`."""
    out, err = _usable_streams()
    command, args = parse(sys.argv[1:] if argv is None else argv)
    if command is None:
        return open_window(args.files, err)
    return run_command(command, args, out, err)
