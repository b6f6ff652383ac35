"""Python's own words for a broken JSON file or a failed disk operation, said in Chinese.

``json`` explains a syntax error in English ("Expecting ',' delimiter") and the operating system
names a failed write in the language of its C library, English on most of our machines; a clerk
must be told in Chinese where the file is broken or why the disk refused.
"""
from __future__ import annotations

import errno
import json

_JSON_WORDS = {
    "Expecting value": "此处缺少一个值",
    "Expecting property name enclosed in double quotes": "此处应为用双引号括起的字段名(或多了一个逗号)",
    "Expecting ':' delimiter": "字段名后缺少冒号",
    "Expecting ',' delimiter": "缺少逗号",
    "Unterminated string starting at": "文字缺少结尾的双引号",
    "Invalid control character at": "文字中有无效的控制字符",
    "Invalid \\escape": "文字中有无效的转义符 \\",
    "Invalid \\uXXXX escape": "文字中有无效的 \\u 转义符",
    "Extra data": "JSON 结束后还有多余的内容",
}

_OS_WORDS = {
    errno.ENOSPC: "磁盘空间已满",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.EIO: "磁盘读写出错",
    errno.EEXIST: "同名的文件已存在",  # --out naming a file, not a folder
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.EBUSY: "文件正被使用",
}


def json_problem(exc: json.JSONDecodeError) -> str:
    """"第 3 行第 17 列:缺少逗号": where the file is broken and what is missing there."""
    return f"第 {exc.lineno} 行第 {exc.colno} 列:{_JSON_WORDS.get(exc.msg, exc.msg)}"


def os_reason(exc: OSError) -> str:
    """"磁盘空间已满": why the system refused, in Chinese where the reason is a common one."""
    if exc.errno in _OS_WORDS:
        return _OS_WORDS[exc.errno]
    return exc.strerror or str(exc)
