"""The printed labels of the paper form, shared by the Excel and the PDF export.

Both exports reproduce the same paper form, so its wording lives in one place: a label corrected
here is corrected in both. The Excel reader also finds blocks by these texts (see
:mod:`exporters.xlsx_layout`), so changing one changes what an older workbook is matched against.
Pure data: no openpyxl, no reportlab.
"""
from __future__ import annotations

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
L_PHONE = "联系电话:"
