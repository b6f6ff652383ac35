"""Reading several workbooks for one import: each in turn, the bad ones listed, one progress."""
from __future__ import annotations

import pytest

from exporters.xlsx_writer import write_workbook
from model.report import load_assessed
from ui.output import runner


@pytest.fixture
def books(tmp_path, real_form_paths):
    """Two workbooks this program wrote (two forms, then one) and a file that is not one."""
    two, one, bad = tmp_path / "教育局.xlsx", tmp_path / "民政局.xlsx", tmp_path / "损坏.xlsx"
    write_workbook([load_assessed(p) for p in real_form_paths[:2]], two)
    write_workbook([load_assessed(real_form_paths[2])], one)
    bad.write_bytes(b"PK\x03\x04 not a workbook")
    return str(two), str(one), str(bad)


def test_every_workbook_is_read_in_turn_and_a_bad_one_is_listed(books, real_form_paths):
    two, one, bad = books
    seen: list[tuple[int, int]] = []
    result = runner.read_workbooks([two, bad, one], lambda done, total: seen.append((done, total)))
    assert [(path, len(forms)) for path, forms in result.read] == [(two, 2), (one, 1)]
    assert [path for path, _reason in result.failed] == [bad] and result.failed[0][1]
    assert all(total == 3 for _done, total in seen)  # workbooks, as the dialog counts them
    assert [done for done, _total in seen] == sorted(done for done, _total in seen) and seen[-1] == (3, 3)
    alone: list[tuple[int, int]] = []
    runner.read_workbooks([two], lambda done, total: alone.append((done, total)))
    assert alone[-1] == (3, 3)  # one workbook: its sheets (汇总 and the two forms)


def test_one_workbook_alone_that_fails_raises_as_before(books):
    with pytest.raises(runner.USER_ERRORS):
        runner.read_workbooks([books[2]], lambda done, total: None)
