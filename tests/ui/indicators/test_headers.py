"""The tree's column titles are the template's printed ones; split targets say how they print."""
from __future__ import annotations

from model.template_registry import get_template
from ui.indicators.headers import NAME_TIP, tree_header


def test_the_bureaus_form_keeps_its_printed_titles_and_sentences_drop_the_column_letter():
    header = tree_header(get_template("guizhou-2024"))
    assert header.titles == ("指标", "年度指标值(A)", "实际完成值(B)", "分值", "得分", "未完成原因分析", "备注")
    assert [header.words(n) for n in (1, 2)] == ["年度指标值", "实际完成值"]
    assert header.tips == (NAME_TIP, None, None, None, None, None, None)


def test_sichuan_reads_its_own_words_and_the_split_cells_say_how_they_print():
    header = tree_header(get_template("sichuan-2023"))
    assert header.titles == ("指标", "指标值", "完成值", "权重", "得分", "未完成原因分析")
    assert header.tips[1] is not None and "指标性质 | 指标值 | 度量单位 3 栏" in header.tips[1]
    assert "整行可直接粘贴" in header.tips[1]  # model.split_rows joins such rows
    assert header.tips[2] is not None and "完成值 和 度量单位" in header.tips[2]


def test_the_national_split_layout_names_its_four_target_columns():
    header = tree_header(get_template("mof-2020-split"))
    assert header.titles[:3] == ("指标", "年度指标值", "实际完成值")
    assert header.tips[1] is not None and "指标性质 | 指标方向 | 年度指标值 | 计量单位 4 栏" in header.tips[1]
    assert len(header.titles) == 6  # no 备注 column on this layout


def test_a_layout_with_one_target_cell_needs_no_explanation():
    header = tree_header(get_template("hubei-2021"))
    assert header.titles[1:3] == ("年初目标值(A)", "实际完成值(B)") and header.tips[1:3] == (None, None)
    assert header.words(1) == "年初目标值"


def test_a_deduction_column_is_told_on_the_score_header():
    from dataclasses import replace

    from model.template_layout import Column

    template = get_template("guizhou-2024")
    columns = template.layout.indicator_columns
    at = next(n for n, c in enumerate(columns) if c.key == "score") + 1
    layout = replace(template.layout, indicator_columns=columns[:at] + (Column("deduction", "扣分"),) + columns[at:])
    header = tree_header(replace(template, layout=layout))
    assert header.titles[4] == "得分" and len(header.titles) == 7  # the window shows no column of its own
    assert header.tips[4] == "打印时另有“扣分”栏:分值 − 得分,自动计算"
