"""JSON syntax errors and refused disk operations are told in Chinese."""
from __future__ import annotations

import errno
import json

import pytest

from model.draft import DraftError, parse_draft
from model.messages import json_problem, os_reason

BROKEN = {  # text -> what the clerk reads
    "": "第 1 行第 1 列:此处缺少一个值",
    '{"a": 1,}': "此处应为用双引号括起的字段名(或多了一个逗号)",
    '{"a" 1}': "字段名后缺少冒号",
    '{"a": 1\n "b": 2}': "第 2 行第 2 列:缺少逗号",
    '{"a": "abc': "文字缺少结尾的双引号",
    '"a\tb"': "文字中有无效的控制字符",
    '"\\q"': "文字中有无效的转义符",
    '"\\u12"': "文字中有无效的 \\u 转义符",
    '{"a": 1} x': "JSON 结束后还有多余的内容",
}


@pytest.mark.parametrize("text", list(BROKEN))
def test_every_json_syntax_error_reads_in_chinese(text):
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(text)
    said = json_problem(caught.value)
    assert BROKEN[text] in said and said.isascii() is False
    assert not any(word in said for word in ("Expecting", "Unterminated", "Invalid", "Extra"))


def test_a_broken_draft_says_where_in_chinese():
    with pytest.raises(DraftError) as caught:
        parse_draft('{"format": "perf-self-eval",\n "version": 1 "year": 2024}', "a.json")
    assert str(caught.value) == "a.json:不是有效的草稿文件(JSON 格式错误,第 2 行第 15 列:缺少逗号)"


def test_another_programs_json_is_said_to_be_no_draft_not_a_bad_field():
    with pytest.raises(DraftError) as caught:
        parse_draft('{"forms": []}', "expected.json")
    assert str(caught.value).startswith("expected.json:不是绩效自评表草稿文件") and "字段 format" not in str(caught.value)


def test_a_refused_disk_operation_reads_in_chinese():
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘空间已满"
    assert os_reason(OSError(errno.EROFS, "Read-only file system")) == "磁盘或文件夹是只读的"
    assert os_reason(FileExistsError(errno.EEXIST, "File exists")) == "同名的文件已存在"
    assert os_reason(OSError(errno.ENOTEMPTY, "Directory not empty")) == "文件夹不是空的"
    assert os_reason(OSError(errno.ELOOP, "Too many links")) == "Too many links"  # rare: as given
