"""The paper form's wording per template, as both exports print it (exporters.form_labels)."""
from __future__ import annotations

import dataclasses

from exporters import form_labels
from exporters.form_labels import ClosingLine, FormLabels, label_words, labels_for
from model.template_parse import template_from_dict
from model.template_registry import get_template
from tests.model.test_template import _template_data


def test_guizhou_2024_wording():
    labels = labels_for(get_template("guizhou-2024"))
    assert labels.title == "项目支出绩效目标自评表" and labels.year(2024) == "(2024年度)"
    assert labels.unit == "单位(盖章):" and labels.fill_date == "填报日期:"
    assert labels.department == "主管部门及代码" and labels.funds_title("元") == "项目资金(元)"
    assert labels.closing == (ClosingLine("联系人:", "contact"),)  # no 填表人, no signature lines
    assert labels.table_headers()[-2:] == ("未完成原因分析", "备注")


def test_mof_2020_has_the_national_wording():
    labels = labels_for(get_template("mof-2020"))
    assert labels.title == "项目支出绩效自评表" and labels.department == "主管部门"
    assert labels.indicator_headers[3:5] == ("年度指标值", "实际完成值")
    assert labels.table_headers()[-1] == "偏差原因分析及改进措施" and labels.remark is None
    assert labels.closing == () and labels.unit == "" and not labels.show_conclusion


def test_a_template_without_labels_gets_the_guizhou_wording():
    data = _template_data()
    data.pop("labels")
    data["fields"]["contact"] = False
    labels = labels_for(template_from_dict(data))
    default = FormLabels()
    assert dataclasses.replace(labels, closing=default.closing) == default
    assert labels.closing == ()  # a template that hides the contact has no 联系人 line


def test_old_constants_stay_for_the_workbook():
    assert form_labels.L_UNIT == FormLabels().unit and form_labels.L_CONTACT == "联系人:"
    assert form_labels.L_IND_HEADERS == FormLabels().indicator_headers


def test_label_words():
    assert label_words("年度总体目标") == ["年度", "总体", "目标"]
    assert label_words("主管部门及代码") == ["主管部门", "及代码"]
    assert label_words("可持续影响指标") == ["可持续", "影响", "指标"]
    assert "".join(label_words("任意的新标签")) == "任意的新标签"
