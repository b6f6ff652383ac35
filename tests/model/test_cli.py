"""model/cli.py: Chinese argparse messages, the command table, no traceback from a failing command."""
from __future__ import annotations

import argparse
import io

import pytest

from model import cli


@pytest.mark.parametrize("english, chinese", [
    ("the following arguments are required: 草稿", "缺少参数:草稿"),
    ("unrecognized arguments: --foo --bar", "无法识别的参数:--foo --bar"),
    ("argument --pdf: expected one argument", "选项 --pdf 后面需要一个值"),
    ("argument --json: ignored explicit argument 'yes'", "选项 --json 不接受值(收到 'yes')"),
    ("argument 命令: invalid choice: 'chek' (choose from 'check', 'export')",
     "参数 命令 的值 'chek' 无效(可选:'check', 'export')"),
])
def test_argparse_messages_are_translated(english, chinese):
    assert cli.translate_error(english) == chinese


def test_an_unknown_message_is_kept_rather_than_lost():
    assert cli.translate_error("something new in Python 3.15") == "something new in Python 3.15"


def test_parse_tells_a_window_start_from_a_command():
    command, args = cli.parse(["a.json", "b.json"])
    assert command is None and args.files == ["a.json", "b.json"]
    command, args = cli.parse(["check", "--json", "a.json"])
    assert command.name == "check" and args.json and args.files == ["a.json"]
    command, args = cli.parse([])
    assert command is None and args.files == []


def test_every_command_has_chinese_help():
    for command in cli.COMMANDS:
        parser = cli.build_command_parser(command)
        text = parser.format_help()
        assert text.startswith(f"用法:perf-self-eval {command.name}")
        assert "选项" in text and "usage" not in text and "positional" not in text
        takes_files = any(not action.option_strings for action in parser._actions)
        assert ("位置参数" in text) == takes_files, command.name


def test_a_failing_command_prints_chinese_and_logs_the_details(isolated_data_home):
    def broken(args, out, err):
        raise ZeroDivisionError("division by zero")

    out, err = io.StringIO(), io.StringIO()
    code = cli.run_command(cli.Command("broken", "", lambda p: None, broken), argparse.Namespace(), out, err)
    assert code == 2
    assert err.getvalue().startswith("错误:程序内部出错") and "Traceback" not in err.getvalue()
    logs = list((isolated_data_home / "logs").glob("command-*.log"))
    assert len(logs) == 1 and "ZeroDivisionError" in logs[0].read_text(encoding="utf-8")
