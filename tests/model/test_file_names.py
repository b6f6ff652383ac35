"""Free file names for many files named at once."""
from __future__ import annotations

from model.file_names import unique_file_names


def test_taken_names_and_each_others_get_a_number_compared_without_case():
    taken = ["项目A.json", "b.JSON", "readme.txt"]
    assert unique_file_names(["项目A", "B", "项目A", "c"], taken) == ["项目A(2).json", "B(2).json", "项目A(3).json",
                                                                     "c.json"]


def test_a_suffix_of_ones_own():
    assert unique_file_names(["汇总", "汇总"], ["汇总.pdf"], ".pdf") == ["汇总(2).pdf", "汇总(3).pdf"]
