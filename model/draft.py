"""Draft files, format versions 1 and 2: strict loading with located errors, atomic saving.

Version 2 adds the texts other regions' layouts need: ``funds.reason`` (the funds block's 原因),
``header`` (extra header fields and ticked boxes, by the template's keys) and ``closing`` (closing
blocks other than the 自评结论). A form that uses none of them is still written as version 1, byte
for byte as before, so files stay readable by the previous release whenever they can be.

Loading never half-reads: a file is either turned into a whole :class:`Form` or refused with a
message naming the file and the place (JSON line and column, or the field path). Computed values
that a file may carry (rates, totals, grades) are ignored: they are always derived.
"""
from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Optional

from model.atomic import WriteError, atomic_write_bytes
from model.messages import json_problem, os_reason
from model.form import (FORMAT_NAME, FORMAT_VERSION, Category, Dimension, Form, Funds, FundsRow, Goals, Leaf,
                        Project)
# MAX_NUMBER, MAX_DECIMALS and number_problem are imported from here by older callers
from model.values import (MAX_DECIMALS, MAX_NUMBER, NumberError, is_blank, number_problem,  # noqa: F401
                          read_money, read_recorded_score, read_weight)

MAX_FILE_BYTES = 20 * 1024 * 1024  # a real form is a few kB; anything this big is not a draft
MAX_TEXT = 100_000
_MAX_INT_DIGITS = 40  # longer integer literals are read as Decimal (int() refuses > 4300 digits)


class DraftError(ValueError):
    """A draft that cannot be opened; ``str()`` is a complete Chinese message."""


class _FieldError(Exception):
    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}:{message}")
        self.path = path
        self.message = message


class _NotADraft(Exception):
    """Some other JSON file (another program's, a list of expected figures): said as such, not as a
    field of a draft gone wrong."""


def _parse_int(text: str) -> Any:
    return int(text) if len(text) <= _MAX_INT_DIGITS else Decimal(text)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"不允许的数值 {name}")


MAX_KEYS = 200  # header fields / closing blocks of one template: a handful in practice


def _obj(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _FieldError(path, "应为 JSON 对象")
    return value


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise _FieldError(path, "应为列表")
    return value


def _text(data: dict[str, Any], key: str, path: str) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _FieldError(f"{path}.{key}", "应为文字")
    if len(value) > MAX_TEXT:
        raise _FieldError(f"{path}.{key}", f"文字过长(超过 {MAX_TEXT} 字)")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\\ud800"): it could be shown but never saved
        raise _FieldError(f"{path}.{key}", "含有无效字符(不成对的代理字符)") from None
    return value


def _weight(value: Any, path: str) -> Decimal:
    """A weight by the one reader the window, the paste and the workbook import also use."""
    try:
        return read_weight(value, "")
    except NumberError as exc:
        raise _FieldError(path, str(exc)) from None


def _optional(read: Callable[[object, str], Optional[Decimal]], value: Any, path: str) -> Optional[Decimal]:
    """A hand-set score or an amount; None when the file leaves it empty."""
    try:
        return read(value, "")
    except NumberError as exc:
        raise _FieldError(path, str(exc)) from None


def _leaf(data: Any, path: str) -> Leaf:
    data = _obj(data, path)
    if not is_blank(data.get("children")) and data.get("children") != []:
        raise _FieldError(f"{path}.children", "三级指标之下不能再有下级指标(本表只有三级)")
    return Leaf(name=_text(data, "name", path), target=_text(data, "target", path),
                actual=_text(data, "actual", path), weight=_weight(data.get("weight"), f"{path}.weight"),
                score=_optional(read_recorded_score, data.get("score"), f"{path}.score"),
                reason=_text(data, "reason", path), remark=_text(data, "remark", path))


# What only a 三级指标 holds; on a group with nothing under it the file meant a leaf there.
LEAF_VALUE_KEYS = ("target", "actual", "score", "reason")


def _group_children(data: dict[str, Any], path: str, level: str) -> list[Any]:
    """The children of a 一级 or 二级 node. A group with none that carries a leaf's values
    (another program's two-level hierarchy) is refused: reading it would drop those values."""
    children = _list(data.get("children", []), f"{path}.children")
    if not children and any(not is_blank(data.get(key)) for key in LEAF_VALUE_KEYS):
        raise _FieldError(path, f"是{level}指标,其下没有三级指标,却写有指标值或得分;"
                                "指标值、完成值和得分应写在三级指标中")
    return children


def _category(data: Any, path: str) -> Category:
    data = _obj(data, path)
    children = _group_children(data, path, "二级")
    return Category(_text(data, "name", path),
                    [_leaf(c, f"{path}.children[{k}]") for k, c in enumerate(children)])


def _dimension(data: Any, path: str) -> Dimension:
    """A level-1 node. A null or missing weight is 0, as the editor writes it under a template that
    leaves the split free (四川, 湖北: null there too); under a fixed split, weight-mismatch flags it."""
    data = _obj(data, path)
    children = _group_children(data, path, "一级")
    weight = data.get("weight")
    return Dimension(_text(data, "name", path), Decimal(0) if is_blank(weight) else _weight(weight, f"{path}.weight"),
                     [_category(c, f"{path}.children[{j}]") for j, c in enumerate(children)])


def _funds_defaults(template_id: str) -> tuple[str, Decimal]:
    """(money unit, funds weight) for a draft that leaves them out: its template's (湖北 20, 四川 万元),
    or 元 and 10 when the template is not installed here (opening it then says so)."""
    from model.template import TemplateError
    from model.template_registry import get_template

    try:
        template = get_template(template_id)
    except TemplateError:
        return "元", Decimal(10)
    return template.money_unit, template.funds_weight


def _funds(data: Any, template_id: str) -> Funds:
    data = _obj(data, "funds")
    rows = []
    for n, row in enumerate(_list(data.get("rows", []), "funds.rows")):
        path = f"funds.rows[{n}]"
        row = _obj(row, path)
        rows.append(FundsRow(_text(row, "label", path),
                             *(_optional(read_money, row.get(key), f"{path}.{key}")
                               for key in ("initial", "budget", "executed"))))
    unit, weight = _text(data, "unit", "funds"), data.get("weight")
    if not unit or weight is None:
        default_unit, default_weight = _funds_defaults(template_id)
        unit, weight = unit or default_unit, default_weight if weight is None else weight
    return Funds(unit=unit, weight=_weight(weight, "funds.weight"), rows=rows,
                 reason=_text(data, "reason", "funds"))


def _texts(data: dict[str, Any], key: str) -> dict[str, str]:
    """A version-2 map of texts by template key (``header``, ``closing``)."""
    value = _obj(data.get(key) or {}, key)
    if len(value) > MAX_KEYS:
        raise _FieldError(key, f"项目过多(超过 {MAX_KEYS} 项)")
    return {str(name): _text(value, name, key) for name in value}


def form_from_dict(data: Any) -> Form:
    """Build a form from parsed JSON; raises :class:`_FieldError` with the field path."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:  # a JSON list: another program's
        raise _NotADraft(f"不是绩效自评表草稿文件(草稿的 format 字段应为 “{FORMAT_NAME}”)")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _FieldError("version", "版本号无效")
    if version > FORMAT_VERSION:  # never half-read a file whose new fields we would drop
        raise _FieldError("version", f"此文件为第 {version} 版格式,由更新版本的程序保存;本程序只能打开第 "
                                     f"{FORMAT_VERSION} 版。请升级程序后再打开。")
    year = data.get("year", 2024)
    if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2999:
        raise _FieldError("year", "年度应为 1900 到 2999 之间的整数")
    template = data.get("template")
    if not isinstance(template, str) or not template:
        raise _FieldError("template", "缺少模板名称")
    project = _obj(data.get("project", {}), "project")
    goals = _obj(data.get("goals", {}), "goals")
    indicators = _list(data.get("indicators", []), "indicators")
    return Form(
        template=template, year=year,
        project=Project(**{key: _text(project, key, "project")
                           for key in ("name", "department", "unit", "contact", "phone", "fill_date")}),
        funds=_funds(data.get("funds", {}), template),
        goals=Goals(_text(goals, "expected", "goals"), _text(goals, "achieved", "goals")),
        indicators=[_dimension(d, f"indicators[{i}]") for i, d in enumerate(indicators)],
        conclusion=_text(data, "conclusion", "文件"),
        header=_texts(data, "header"),
        closing=_texts(data, "closing"),
    )


def parse_draft(text: str, source: str = "") -> Form:
    label = source or "草稿"
    try:
        data = json.loads(text, parse_float=Decimal, parse_int=_parse_int, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise DraftError(f"{label}:不是有效的草稿文件(JSON 格式错误,{json_problem(exc)})") from None
    except ValueError as exc:
        raise DraftError(f"{label}:{exc}") from None
    except RecursionError:
        raise DraftError(f"{label}:文件嵌套层次过深,不是有效的草稿文件") from None
    try:
        return form_from_dict(data)
    except _NotADraft as exc:
        raise DraftError(f"{label}:{exc}") from None
    except _FieldError as exc:
        from model.draft_places import describe  # only for a refused file: not on every start's path

        place = describe(exc.path, data)
        raise DraftError(f"{label}:字段 {exc.path}{f'({place})' if place else ''} {exc.message}") from None
    except RecursionError:
        raise DraftError(f"{label}:文件嵌套层次过深,不是有效的草稿文件") from None


def load_draft(path: "os.PathLike[str] | str") -> Form:
    path = Path(path)
    if path.is_dir():
        raise DraftError(f"{path}:这是一个文件夹,不是草稿文件")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DraftError(f"{path}:文件过大({size // (1024 * 1024)} MB),不是草稿文件")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DraftError(f"{path}:文件不存在") from None
    except PermissionError:
        raise DraftError(f"{path}:没有读取权限") from None
    except OSError as exc:
        raise DraftError(f"{path}:无法读取({os_reason(exc)})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DraftError(f"{path}:不是 UTF-8 文本文件,无法作为草稿打开") from None
    if not text.strip():
        raise DraftError(f"{path}:文件是空的")
    return parse_draft(text, str(path))


# --- saving -------------------------------------------------------------------------------

def _filled(texts: dict[str, str]) -> dict[str, str]:
    return {key: text for key, text in texts.items() if text}


def uses_version_2(form: Form) -> bool:
    """Whether the form holds a text only version 2 can store."""
    return bool(form.funds.reason or _filled(form.header) or _filled(form.closing))


def form_to_dict(form: Form) -> dict[str, Any]:
    """The file structure, with Decimals kept exact (written by :func:`dumps`): version 1 when the
    form uses nothing of version 2, else version 2 with its extra keys."""
    data = _v1_dict(form)
    if uses_version_2(form):
        data["version"] = FORMAT_VERSION
        if form.funds.reason:
            data["funds"]["reason"] = form.funds.reason
        data["header"] = _filled(form.header)
        data["closing"] = _filled(form.closing)
    return data


def _v1_dict(form: Form) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME, "version": 1, "template": form.template, "year": form.year,
        "project": {key: getattr(form.project, key)
                    for key in ("name", "department", "unit", "contact", "phone", "fill_date")},
        "funds": {"unit": form.funds.unit, "weight": form.funds.weight,
                  "rows": [{"label": r.label, "initial": r.initial, "budget": r.budget, "executed": r.executed}
                           for r in form.funds.rows]},
        "goals": {"expected": form.goals.expected, "achieved": form.goals.achieved},
        "indicators": [
            {"name": d.name, "weight": d.weight, "children": [
                {"name": c.name, "children": [
                    {"name": leaf.name, "target": leaf.target, "actual": leaf.actual, "weight": leaf.weight,
                     "score": leaf.score, "reason": leaf.reason, "remark": leaf.remark}
                    for leaf in c.children]}
                for c in d.children]}
            for d in form.indicators],
        "conclusion": form.conclusion,
    }


def _scalar(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    return json.dumps(value, ensure_ascii=False)


def dumps(data: Any, indent: int = 0) -> str:
    """JSON text with Decimals written as exact numbers (the json module would need floats)."""
    pad, inner = " " * indent, " " * (indent + 1)
    if isinstance(data, dict):
        if not data:
            return "{}"
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {dumps(v, indent + 1)}" for k, v in data.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(data, list):
        if not data:
            return "[]"
        return "[\n" + ",\n".join(f"{inner}{dumps(v, indent + 1)}" for v in data) + "\n" + pad + "]"
    return _scalar(data)


def draft_bytes(form: Form) -> bytes:
    # "replace": an unpaired surrogate from a paste must not make the whole form unsavable
    return (dumps(form_to_dict(form)) + "\n").encode("utf-8", "replace")


def check_loadable(data: bytes) -> None:
    """Raise WriteError unless ``data`` loads again: the editor accepts text of any length, the
    loader does not (a 200 000-character paste), and a save that cannot be reopened loses the work."""
    problem = f"文件过大(超过 {MAX_FILE_BYTES // (1024 * 1024)} MB)" if len(data) > MAX_FILE_BYTES else ""
    if not problem:
        try:
            parse_draft(data.decode("utf-8"), "表单")
        except DraftError as exc:
            problem = str(exc)
    if problem:
        raise WriteError(f"无法保存:{problem}。保存后将无法再次打开,因此没有写入文件;请修改后再保存。")


def save_draft(form: Form, path: "os.PathLike[str] | str", *, backup: bool = True, check: bool = True) -> None:
    """Atomically replace ``path``; the previous version stays as ``path.bak``.

    With ``check`` (the default) a form that would not load again is refused before anything is
    written; recovery copies pass ``check=False``: whatever they hold is better than nothing."""
    data = draft_bytes(form)
    if check:
        check_loadable(data)
    atomic_write_bytes(path, data, backup=backup)
