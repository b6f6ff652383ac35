"""The questions the window asks, in the words of the work they are about."""
from __future__ import annotations

from ui import dialogs


def test_the_errors_question_names_the_forms_and_speaks_of_printing_when_printing(monkeypatch):
    asked = []

    def choose(parent, icon, text, choices, default, title=""):
        asked.append((text, [label for label, _value in choices], default))
        return choices[0][1]

    monkeypatch.setattr(dialogs, "_choose", choose)
    assert dialogs.ask_export_with_errors(None, ["城乡低保资金"], 30, "打印") is True
    text, labels, default = asked[0]
    assert text.startswith("要打印的 30 份表单中,有 1 份仍有错误:\n· 城乡低保资金") and "打印出的表上" in text
    assert labels == ["仍然打印", "取消"] and default == dialogs.CANCEL
    dialogs.ask_export_with_errors(None, [f"项目{n}" for n in range(20)], 20)
    text, labels, _default = asked[1]
    assert text.startswith("要导出的 20 份表单中,有 20 份仍有错误") and "……等共 20 份" in text
    assert labels == ["仍然导出", "取消"] and "项目12" not in text  # the first twelve are named


def test_a_form_alone_is_asked_about_with_its_first_errors(monkeypatch):
    asked = []
    monkeypatch.setattr(dialogs, "_choose", lambda parent, icon, text, choices, default, title="":
                        asked.append(text) or dialogs.CANCEL)
    errors = [f"产出指标/数量指标/指标{n}:须填写未完成原因分析" for n in range(10)]
    assert dialogs.ask_export_with_errors(None, ["城乡低保资金"], 1, "导出", errors) is False
    text = asked[0]
    assert text.startswith("“城乡低保资金”还有 10 个错误:\n· 产出指标/数量指标/指标0:须填写")
    assert "指标7" in text and "指标8" not in text and "……等共 10 个" in text and text.endswith("的得分可能不正确)")
