import shutil

from campaignkit import check_campaign
from campaignkit.health.view import DataHealthView, data_health_view
from helpers import SAMPLE, append_line


def _campaign_with_bad_id(tmp_path):
    folder = tmp_path / "c"
    shutil.copytree(SAMPLE, folder)
    with open(folder / "members.csv", "a", encoding="utf-8") as fh:
        fh.write("HL-001,测试人,999999195001010010,1950-01,子女,否,否,\r\n")  # wrong check digit: a warning
        fh.write("HL-999,测试人,,1950-01,子女,否,否,\r\n")  # no such household: an error
    return check_campaign(folder)


def test_board_shows_every_table_with_counts():
    board = data_health_view(SAMPLE)
    assert isinstance(board, DataHealthView)
    counts = board.counts.value
    payments = board.campaign.results["payments"].counts.rows_read
    for label in ("发展账指标", "一卡通发放明细", f"{payments:,}"):
        assert label in counts
    assert "示例" in board.header.value


def test_filters_and_forged_values(tmp_path):
    board = DataHealthView(_campaign_with_bad_id(tmp_path))
    assert "错误" in board.verdict.value
    board.severity_picker.value = "error"
    assert all(p.severity == "error" for p in board.shown_problems())
    assert "户表中没有这个户编号" in board.problem_list.value
    assert "校验位" not in board.problem_list.value
    board.severity_picker.value = "warning"
    assert "校验位" in board.problem_list.value
    board.table_picker.value = "timeline"
    assert "这里没有问题" in board.problem_list.value
    # A forged value from the browser: no traceback, a status line, a safe default.
    board._on_table({"new": "../../etc/passwd"})
    assert board.table == "all"
    assert "无法识别" in board.status.value
    board._on_severity({"new": "<script>"})
    assert board.severity == "all"


def test_id_numbers_and_names_are_masked_in_the_report(tmp_path):
    board = DataHealthView(_campaign_with_bad_id(tmp_path))
    page = board.problem_list.value
    assert "999999195001010010" not in page
    assert "999999********0010" in page


def test_missing_folder_gives_a_message_not_a_traceback(tmp_path):
    widget = data_health_view(tmp_path / "nope")
    assert "找不到" in widget.value


def test_presets_open_one_table_and_refuse_unknown_ones(campaign_copy):
    append_line(campaign_copy / "payments.csv", "HL-001,2022-06-30,2022,禁牧补助,很多,中央,99990000,")
    board = data_health_view(campaign_copy, table="payments", severity="error")
    assert board.table == "payments"
    assert board.severity == "error"
    assert board.status.value == ""
    assert "很多" in board.problem_list.value
    assert all(p.table == "payments" for p in board.shown_problems())
    unknown = data_health_view(campaign_copy, table="没有这张表")
    assert "没有表“没有这张表”" in unknown.status.value
    assert unknown.table == "all"


def test_a_familys_warnings_are_grouped_so_they_are_fixed_in_one_pass(tmp_path):
    folder = tmp_path / "c"
    shutil.copytree(SAMPLE, folder)
    with open(folder / "members.csv", "a", encoding="utf-8") as fh:
        fh.write("HL-003,测试人甲,999999195001010010,1950-01,父亲,否,否,\r\n")  # wrong check digit
        fh.write("HL-003,测试人乙,,1952-02,表舅的邻居,否,否,\r\n")  # no such relation
    board = DataHealthView(check_campaign(folder))
    assert "HL-003：这一户有 2 处资料待核" in board.households.value
    assert "测试人" not in board.households.value
    assert "999999195001010010" not in board.households.value
