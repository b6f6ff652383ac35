"""Chinese line breaking of the PDF cells: whole units, closing marks never first, opening marks never last."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from exporters.pdf_fonts import register_cjk_font
from exporters.pdf_lines import CANNOT_END, CANNOT_START, break_lines, text_width, units


def test_marks_stick_to_their_neighbours():
    pieces = units("号）文件，及（州）的300,000元，≥100人“三支一扶”")
    assert "号）" in pieces and "件，" in pieces and "（州）" in pieces and "“三" in pieces and "扶”" in pieces
    assert "300,000元，" in pieces and "≥100人" in pieces  # a quantity keeps its separators and unit


def test_the_bureau_sentence_breaks_without_a_leading_comma():
    font = register_cjk_font()
    text = ("号）文件，及省财政厅、州财政局有关工作安排，2024年起创业担保贷款贴息资金由中央财政贴息，"
            "资金仅下达市（州）级，由各县市按季度申报。经共同协商，故该项停止开展，")
    for width in range(40, 260, 3):
        lines = break_lines(text, width, font, 9)
        assert "".join(lines) == text
        assert all(line[0] not in CANNOT_START for line in lines), (width, lines)
        assert all(line[-1] not in CANNOT_END for line in lines), (width, lines)


def test_labels_break_between_words_and_stack():
    font = register_cjk_font()
    assert break_lines("年度总体目标", 40, font, 9, words=True, stack=True) == ["年度", "总体", "目标"]
    assert break_lines("主管部门及代码", 40, font, 9, words=True, stack=True) == ["主管部门", "及代码"]
    assert break_lines("项目名称", 40, font, 9, words=True, stack=True) == ["项目名称"]  # fits: one line
    assert break_lines("年度指标值(A)", 40, font, 9, words=True) == ["年度", "指标值", "(A)"]


TEXT = st.text(alphabet=st.sampled_from(list("因参考人员少考试规模不大，。、；：）》”（《“ab12 .,\n")), max_size=400)


@settings(max_examples=150, deadline=None)
@given(TEXT, st.integers(min_value=20, max_value=300))
def test_any_text_any_width_keeps_the_rules(text, width):
    font = register_cjk_font()
    lines = break_lines(text, width, font, 9)
    squash = lambda t: "".join(t.split())  # noqa: E731 - breaks may drop spaces, never characters
    assert squash("".join(lines)) == squash(text)
    paragraph_starts = {squash(p)[:1] for p in text.split("\n")}
    paragraph_ends = {squash(p)[-1:] for p in text.split("\n")}
    for line in lines:
        if not line:
            continue
        body = line.strip()
        if body and body[0] in CANNOT_START:  # only where the text itself starts a paragraph so
            assert body[0] in paragraph_starts
        if body and body[-1] in CANNOT_END:  # only where the text itself ends a paragraph so
            assert body[-1] in paragraph_ends
        pieces = units(body)
        # a line is wider than the column only when it is a single unit too long to cut cleanly
        assert text_width(line, font, 9) <= width + 1e-6 or len(pieces) == 1
