"""The printed labels of the paper form, shared by the Excel and the PDF export.

Both exports reproduce the same paper form, so its wording comes from one place: the template's
"labels" (parsed by :mod:`model.template`), with the guizhou-2024 wording as the default for anything a
template does not state. :func:`labels_for` gives a :class:`FormLabels` that both exporters print, so
the PDF and the workbook never disagree (the workbook said 联系人 where the PDF said 填表人).

The Excel reader also finds blocks by these texts (see :mod:`exporters.xlsx_layout`), so changing one
changes what an older workbook is matched against. Pure data: no openpyxl, no reportlab.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from model.template import Template

# The guizhou-2024 wording (the bureau's form in /work/shared/forms). Older code imports these names;
# they stay until the Excel export reads FormLabels (the integrator removes them then).
L_UNIT = "单位(盖章):"
L_FILL_DATE = "填报日期:"
L_PROJECT = "项目名称"
L_DEPARTMENT = "主管部门及代码"
L_IMPL_UNIT = "实施单位"
L_FUNDS_PREFIX = "项目资金"
L_FUNDS_HEADERS = ("资金来源", "年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率", "得分")
L_GOALS = "年度总体目标"
L_EXPECTED = "预期目标"
L_ACHIEVED = "实际完成情况"
L_INDICATORS = "绩效指标"
L_IND_HEADERS = ("一级指标", "二级指标", "三级指标", "年度指标值(A)", "实际完成值(B)", "分值", "得分")
L_TOTAL = "总分"
L_CONCLUSION = "自评结论"
L_CONTACT = "联系人:"
L_PHONE = "联系电话:"

# Where a label may break when its cell is too narrow for one line: the official form stacks
# 年度/总体/目标 and 主管部门/及代码, never 年度总体目/标. A label is cut into these words (longest
# first); characters outside them are words of their own.
LABEL_WORDS = (
    "主管部门", "实施单位", "项目资金", "项目名称", "资金来源", "原因分析", "偏差原因", "改进措施", "完成情况", "预期目标",
    "年度", "总体", "目标", "及代码", "项目", "名称", "资金", "年初", "全年", "预算数", "执行数", "执行率",
    "指标值", "完成值", "实际", "未完成", "分析及", "一级", "二级", "三级", "指标", "绩效", "自评", "结论",
    "分值", "得分", "备注", "产出", "效益", "满意度", "数量", "质量", "时效", "成本", "经济", "社会", "生态",
    "可持续", "影响", "服务对象", "(A)", "(B)", "(元)", "(万元)", "（A）", "（B）", "（元）", "（万元）",
)


@dataclass(frozen=True)
class ClosingLine:
    """One line under the 自评结论: its label and the draft field printed after it ("" = a blank to
    fill by hand, e.g. a signature)."""

    label: str
    field: str = ""


@dataclass(frozen=True)
class FormLabels:
    """Everything a form prints besides the user's texts and the figures, for one template."""

    title: str = "项目支出绩效目标自评表"
    year_line: str = "({year}年度)"
    unit: str = L_UNIT  # "" = no 单位(盖章) line
    fill_date: str = L_FILL_DATE
    project: str = L_PROJECT
    department: str = L_DEPARTMENT
    impl_unit: str = L_IMPL_UNIT
    funds: str = L_FUNDS_PREFIX
    funds_headers: tuple[str, ...] = L_FUNDS_HEADERS
    goals: str = L_GOALS
    expected: str = L_EXPECTED
    achieved: str = L_ACHIEVED
    indicators: str = L_INDICATORS
    indicator_headers: tuple[str, ...] = L_IND_HEADERS
    reason: str = "未完成原因分析"
    remark: Optional[str] = "备注"
    total: str = L_TOTAL
    conclusion: str = L_CONCLUSION
    closing: tuple[ClosingLine, ...] = (ClosingLine(L_CONTACT, "contact"),)
    show_fill_date: bool = True
    show_conclusion: bool = True

    def year(self, year: int) -> str:
        return self.year_line.replace("{year}", str(year))

    def funds_title(self, unit: str) -> str:
        return f"{self.funds}({unit})"

    def table_headers(self) -> tuple[str, ...]:
        """The indicator grid's column heads after 绩效指标: the seven fixed ones, the reason and the remark."""
        return self.indicator_headers + (self.reason,) + ((self.remark,) if self.remark is not None else ())


_DEFAULT = FormLabels()


def labels_for(template: Template) -> FormLabels:
    """The labels of a template's form: what its file states, the guizhou-2024 wording elsewhere."""
    data = template.labels
    texts = {key: data.text(key, getattr(_DEFAULT, key)) for key in (
        "year_line", "unit", "fill_date", "project", "department", "impl_unit", "funds", "goals", "expected",
        "achieved", "indicators", "total", "conclusion")}
    if data.closing is not None:
        closing = tuple(ClosingLine(label, field) for label, field in data.closing)
    else:
        closing = _DEFAULT.closing if template.show_contact else ()
    return FormLabels(
        title=template.title, funds_headers=data.funds_headers or _DEFAULT.funds_headers,
        indicator_headers=data.indicator_headers or _DEFAULT.indicator_headers,
        reason=template.reason_title, remark=template.remark_title, closing=closing,
        show_fill_date=template.show_fill_date, show_conclusion=template.show_conclusion, **texts)


def label_words(label: str) -> list[str]:
    """A label cut where it may wrap: ``"年度总体目标"`` → ``["年度", "总体", "目标"]``."""
    words: list[str] = []
    position = 0
    while position < len(label):
        word = next((w for w in _WORDS_LONGEST_FIRST if label.startswith(w, position)), label[position])
        words.append(word)
        position += len(word)
    return words


_WORDS_LONGEST_FIRST = tuple(sorted(set(LABEL_WORDS), key=len, reverse=True))
