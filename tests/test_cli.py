import json
import re

import pytest

from campaignkit.cli import main
from helpers import SAMPLE, append_line, write_csv


def test_validate_sample_exits_0(capsys):
    assert main(["validate", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "没有错误" in out
    assert "payments.csv" in out


def test_validate_json_contract(capsys, campaign_copy):
    append_line(campaign_copy / "payments.csv", "HL-001,2022-06-30,2022,禁牧补助,约100,中央,99990000,")
    assert main(["validate", str(campaign_copy), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"ok", "tables", "problems"}
    assert report["ok"] is False
    assert set(report["tables"][0]) == {
        "table",
        "file",
        "rows_read",
        "rows_skipped",
        "rows_rejected",
        "rows_loaded",
        "records_loaded",
    }
    problem = [p for p in report["problems"] if p["severity"] == "error"][0]
    assert set(problem) == {"severity", "table", "file", "sheet", "row", "column", "value", "message", "count"}
    assert (problem["file"], problem["column"], problem["value"]) == ("payments.csv", "金额", "约100")


def test_validate_single_file_and_table_filter(capsys, tmp_path):
    path = write_csv(tmp_path / "x.csv", [["时间", "事件"], ["1949", "成立"]])
    assert main(["validate", str(path), "--table", "timeline", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["tables"][0]["records_loaded"] == 1


def test_validate_unreadable_path_exits_2(capsys, tmp_path):
    assert main(["validate", str(tmp_path / "missing")]) == 2
    bogus = tmp_path / "payments.xlsx"
    bogus.write_text("not excel")
    assert main(["validate", str(bogus), "--format", "json"]) == 2
    assert "Traceback" not in capsys.readouterr().out


def test_validate_never_prints_a_traceback_for_bad_data(capsys, tmp_path):
    path = tmp_path / "payments.csv"
    path.write_bytes('户编号,金额\n"未闭合,1\n'.encode("gb18030"))
    # The file reads (GB18030, one unclosed quote); its headers lack 项目: a data error, exit 1.
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "缺少必需的列“项目”" in out
    assert "Traceback" not in out


def test_serve_and_lab_say_in_chinese_what_stops_them(capsys, tmp_path):
    import socket

    with socket.socket() as holder:  # another program on the port
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        assert main(["serve", str(SAMPLE), "--port", str(port)]) == 2
    assert f"端口 {port} 已被占用" in capsys.readouterr().err
    assert main(["lab", str(SAMPLE), "--notebooks", str(tmp_path / "missing"), "--no-browser"]) == 2
    assert main(["serve", str(SAMPLE), "--notebooks", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert err.count("找不到看板笔记本文件夹") == 2
    assert "Traceback" not in err


def test_help_and_mistakes_are_in_chinese(capsys):
    """argparse's own words (usage, positional arguments, options, its errors) are said in
    Chinese, for the command and its subcommands."""
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    assert shown.startswith("用法：campaignkit")
    assert "选项" in shown
    assert not re.search(r"usage|positional arguments|options|show this help", shown)
    with pytest.raises(SystemExit) as wrong:
        main(["serve", "--port", "八八六六"])
    assert wrong.value.code == 2
    said = capsys.readouterr().err
    assert "campaignkit serve：--port：“八八六六”不是有效的值" in said
    with pytest.raises(SystemExit):
        main(["talk"])
    assert "缺少：子命令" in capsys.readouterr().err
