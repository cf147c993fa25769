"""A retiree's pension account: each year's monthly pension, what it added over the year
before, the national raise of that year with its document; a card with the name masked."""

from __future__ import annotations

import csv
import json

from campaignkit.cli import main
from campaignkit.core.paths import reference_dir
from campaignkit.retirees import load_raises


def test_a_retirees_years_and_what_each_added(capsys):
    assert main(["pension", "--id", "YG-R01", "--format", "json"]) == 0
    said = json.loads(capsys.readouterr().out)
    years = {y["year"]: y for y in said["years"]}
    assert years[2020]["added"] is None
    assert years[2023]["added"] == 105.0
    assert years[2023]["said"] == (
        "2023年：每月 3,115元，比2022年多 105元（每年多 1,260元，+3.5%）；这一年全国退休人员基本养老金总体上调 3.8%"
        "（人力资源社会保障部 财政部《关于2023年调整退休人员基本养老金的通知》）"
    )
    assert said["summary"] == "2020年到2024年，每月从 2,800元 到 3,200元，多了 400元，一年多 4,800元。"


def test_a_gap_is_not_compared_and_a_resident_pension_says_only_sourced_national_figures(capsys):
    assert main(["pension", "--id", "HL-R01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("  2018年：每月 288元；这一年全国城乡居民基础养老金最低标准每月提高 18元")
    assert lines[1] == "  2019年：每月 288元，和2018年一样"
    assert lines[2] == "  2023年：每月 350元（2020—2022年没有数字，不比较）"  # no national figure for 2023: none sourced
    assert lines[3] == "  2024年：每月 370元，比2023年多 20元（每年多 240元，+5.7%）"


def test_every_raise_cites_a_read_source():
    with open(reference_dir() / "policy_sources.csv", encoding="utf-8") as handle:
        sources = {row["row"]: row for row in csv.DictReader(handle)}
    with open(reference_dir() / "pension_raises.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(load_raises())
    for row in rows:
        cited = [sources[key] for key in row["sources"].split(";")]
        assert all(s["source_url"].startswith("http") and s["read_on"] == "2026-12-06" for s in cited), row
        assert any(row["change"] in s["value"] or row["change"] in s["rule"] for s in cited), row  # a page shows the figure


def test_the_card_masks_the_name(tmp_path, capsys):
    from pypdf import PdfReader

    out = tmp_path / "养老金.pdf"
    assert main(["pension", "--id", "YG-R01", "--card", str(out)]) == 0
    text = PdfReader(out).pages[0].extract_text().replace("\n", "")
    assert "姓名：刘*英" in text
    assert "刘桂英" not in text
    assert "2024年：每月 3,200元，比2023年多 85元" in text
    assert main(["pension", "--id", "NOBODY"]) == 2
    assert "离退休人员表里没有人员编号“NOBODY”" in capsys.readouterr().err
