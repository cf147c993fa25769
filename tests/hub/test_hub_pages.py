"""The hub's pages (issue 28): only the holder of the link ``hub serve`` prints sees them; they
hide every figure a town's own pages hide, and an attacker holding every period of the hub's
pages and every period of the town's own meeting pages together cannot work out a small
figure; the completeness page is readable on a projector, a phone and in 长辈模式."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pytest
from hub_cli import copy_hub, hub, hub_served, with_answers
from table_attacker import narrowed

from campaignkit.core.disclosure import MIN_COUNT, spans, stretches
from campaignkit.hub import page_data
from campaignkit.hub.disclosure import figure_keys as hub_figures
from campaignkit.hub.engines import postgres
from campaignkit.outreach.coverage import UNGRIDDED
from campaignkit.outreach.coverage import Period as LaptopPeriod
from campaignkit.outreach.data import OutreachData, periods
from campaignkit.outreach.disclosure import figure_keys as laptop_figures
from helpers import SAMPLE
from support import ELDER_MEASURE, ELDER_TARGETS, assert_readable, browser_page

FIRST, SECOND = "无定河镇", "图克镇"


def run(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "campaignkit", *args], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def hub_pages(template_hub):
    """A served hub with two towns' bundles: the sample, and a town whose visits are fewer."""
    folder = Path(tempfile.mkdtemp(prefix="ckhub-", dir="/tmp"))
    folder.chmod(0o711)
    hub_dir = folder / "hub"
    copy_hub(template_hub, hub_dir)
    for town in (FIRST, SECOND, "河南镇"):
        hub("keys", "add", town, str(hub_dir))
    first, second = folder / "first", folder / "second"
    for campaign in (first, second):
        shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    toml = (second / "campaign.toml").read_text(encoding="utf-8").replace(f'town = "{FIRST}"', f'town = "{SECOND}"')
    (second / "campaign.toml").write_text(toml, encoding="utf-8")
    visits = (second / "visits.csv").read_text(encoding="utf-8").splitlines()
    (second / "visits.csv").write_text("\n".join(visits[:150]) + "\n", encoding="utf-8")
    with_answers(first)  # the second town's answers would be the same answers, refused as another town's
    for campaign in (first, second):
        run("bundle", str(campaign), "--out", str(folder / f"{campaign.name}.zip"))
        hub("import", str(folder / f"{campaign.name}.zip"), str(hub_dir))
    try:
        with hub_served(hub_dir, folder / "serve.log") as (_, link):
            yield link, hub_dir, first
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=120) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read().decode("utf-8")


def address(link: str, page: str) -> str:
    base, token = link.split("/hub/?token=")
    return f"{base}/hub/{page}{'&' if '?' in page else '?'}token={token}"


def test_the_pages_open_only_from_the_link_the_hub_prints(hub_pages):
    link, _, _ = hub_pages
    base = link.split("/hub/")[0]
    for anonymous in (f"{base}/hub/completeness", f"{base}/hub/coverage?token=wrong"):
        status, text = fetch(anonymous)
        assert status == 403
        assert "请用汇总中心给的链接打开" in text
        assert FIRST not in text
    status, text = fetch(address(link, "completeness"))
    assert status == 200
    assert FIRST in text


def test_a_towns_completeness_lists_its_villages_and_the_files_it_used(hub_pages):
    link, _, first = hub_pages
    status, html = fetch(address(link, "completeness"))
    assert f"completeness?town={quote(FIRST)}" in html  # each town opens its villages
    status, html = fetch(address(link, f"completeness?town={quote(FIRST)}"))
    assert status == 200
    rows = rows_of(html)
    assert set(rows) == {"红柳嘎查", "沙柳嘎查", "柠条嘎查", "杨树村", "阳光社区", "镇机关"}
    assert all(cells[0] == "✓ 已报" for cells in rows.values())
    import hashlib

    number = f"{int(hashlib.sha256((first / 'households.xlsx').read_bytes()).hexdigest()[:12], 16) % 10**8:08d}"
    assert f"households.xlsx</code>（指纹 {number[:4]} {number[4:]}）" in html


def table_rows(html: str) -> list[list[str]]:
    """A table's rows as the viewer reads them (cells' text)."""
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, flags=re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
        if cells:
            rows.append(cells)
    return rows


def rows_of(html: str) -> dict[str, list[str]]:
    """A table as the viewer reads it: the row's name → its other cells."""
    out: dict[str, list[str]] = {}
    for cells in table_rows(html):
        out.setdefault(cells[0], cells[1:])
    return out


def test_a_grid_the_towns_own_pages_hide_is_hidden_on_the_hub(hub_pages):
    link, _, first = hub_pages
    december = LaptopPeriod(*(dt for dt in (_day("2023-12-01"), _day("2023-12-31"))))
    laptop = OutreachData(first).hidden(december)
    assert ("grid", "阳光社区", "第一网格") in laptop  # the sample's month where the laptop hides it
    status, html = fetch(address(link, f"coverage?town={quote(FIRST)}&period=2023-12-01..2023-12-31"))
    assert status == 200
    rows = rows_of(html)
    assert rows["第一网格"] == ["14 户", "不公开", "不公开"]
    assert rows["杨树村"][2].endswith("%")  # a large village is shown
    assert "示例" in html  # the sample is invented: so says its town's page on the hub


def _day(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)


def test_no_small_figure_is_worked_out_from_the_hub_and_the_towns_pages_together(hub_pages):
    """The attacker: a linear program over every period of the hub's pages (banner, towns,
    villages, grids) and of the first town's own meeting pages (with its groups, which the hub
    never sees), granted even the households visited in more than one stretch of time."""
    _, hub_dir, first = hub_pages
    con = postgres(hub_dir)
    try:
        patterns = page_data.hidden_records(con)
        offered = page_data.periods(patterns)
        hub_hidden = page_data.coverage_patterns(con, patterns, offered)
        outreach = OutreachData(first)
        laptop_offered = [p for _, p in periods(outreach)]
        bounds = stretches([*offered, *laptop_offered])
        hub_parts = [page_data.grid_cells(con, page_data.Period(a, b)) for a, b in bounds]
    finally:
        con.disconnect()
    laptop_parts = [outreach.store.cells(period=LaptopPeriod(a, b)) for a, b in bounds]
    cells = laptop_parts[0]
    second = hub_parts[0][hub_parts[0]["town"] == SECOND].index.tolist()
    block = len(cells) + len(second)  # per stretch: the first town's laptop cells, then the second town's grids
    registered = np.concatenate([cells["registered"].to_numpy(float), hub_parts[0].loc[second, "registered"].to_numpy(float)])
    visited = np.concatenate(
        [
            np.concatenate([lp["visited"].to_numpy(float), hp.loc[second, "visited"].to_numpy(float)])
            for lp, hp in zip(laptop_parts, hub_parts)
        ]
    )
    # Each hub grid row as base cells of one stretch.
    grid_row = {
        i: [
            j
            for j, c in enumerate(cells.itertuples())
            if c.unit == row.unit and ("" if c.grid == UNGRIDDED else c.grid) == row.grid
        ]
        if row.town == FIRST
        else [len(cells) + second.index(i)]
        for i, row in hub_parts[0].iterrows()
    }
    shown: dict[frozenset, float] = {}
    targets: dict[frozenset, tuple] = {}

    def publish(period, key, members, hidden, small_primary: bool):
        index = frozenset(s * block + m for s in spans(period, bounds) for m in members)
        count = registered[list(members)].sum()
        if not index or count == 0:
            return
        if key in hidden:
            if small_primary and 0 < count < MIN_COUNT:
                targets[index] = (period, key, count * len(spans(period, bounds)))
        else:
            shown[index] = visited[list(index)].sum()

    for period in laptop_offered:
        pattern = outreach.hidden(period)
        for key, members in laptop_figures(cells).items():
            publish(period, key, members, pattern, pattern.get(key) == "primary")
    for period in offered:
        for key, rows in hub_figures(hub_parts[0]).items():
            members = [m for r in rows for m in grid_row[r]]
            publish(period, key, members, hub_hidden[period], True)
    assert targets, "no small figure in the sample: the attacker tested nothing"
    assert narrowed(shown, targets, visited, np.tile(registered, len(bounds))) == []


@pytest.mark.browser
def test_the_hubs_pages_read_on_a_projector_a_phone_and_in_elders_mode(hub_pages):
    link, _, _ = hub_pages
    url = address(link, "completeness")
    for width, height in ((1024, 768), (390, 844)):
        with browser_page(width=width, height=height) as page:
            page.goto(url)
            headline = page.locator(".ck-headline").inner_text()
            assert "3 个镇中 2 个本周已报送；本周还没有报送的：河南镇。" in headline
            never = page.locator("#ck-completeness tr", has_text="河南镇").inner_text()
            assert "未报" in never
            assert "从未报送" in never
            assert_readable(page, f"completeness {width}px")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.goto(address(link, "evaluation?form=survey"))  # five criteria × waves: cards below 1100 px
            assert_readable(page, f"evaluation {width}px")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            assert page.external_requests == []
    with browser_page(width=390, height=844) as page:
        others = (
            "evaluation?form=survey",
            f"coverage?town={quote(FIRST)}&period=2023-12-01..2023-12-31",
            "selections",
            "quiz",
            "activities",
        )
        for where in (url, address(link, f"completeness?town={quote(FIRST)}"), *(address(link, o) for o in others)):
            page.goto(where + "&mode=elder")
            assert page.evaluate("document.documentElement.classList.contains('ck-elder')")
            for text in page.evaluate(ELDER_MEASURE):
                assert text["size"] >= (40 if text["tag"] == "H1" else 24) - 0.01, text
                assert text["line"] >= 1.3 * text["size"] - 0.5, text
                assert text["contrast"] >= 4.5, text
            for target in page.evaluate(ELDER_TARGETS):
                assert target["w"] >= 60, target
                assert target["h"] >= 60, target
            assert_readable(page, f"{where} in elders' mode")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_towns_own_roll_up_without_a_server_equals_the_hubs(hub_pages):
    """The dashboard's roll-up of bundles on a laptop (DuckDB, no server) shows what the hub's
    PostgreSQL shows, period by period, hidden figures included."""
    from campaignkit.hub.local import local_hub
    from campaignkit.hub.reported import report

    _, hub_dir, first = hub_pages
    local = local_hub([report(first), report(first.parent / "second")])
    con = postgres(hub_dir)
    try:
        on_hub = page_data.hidden_records(con)
        offered = page_data.periods(on_hub)
        assert [p.label for p in page_data.periods(page_data.hidden_records(local))] == [p.label for p in offered]
        hidden = page_data.coverage_patterns(con, on_hub, offered)
        assert page_data.coverage_patterns(local, page_data.hidden_records(local), offered) == hidden
        for period in offered:
            assert page_data.grid_cells(local, period).equals(page_data.grid_cells(con, period)), period.label
    finally:
        con.disconnect()


def test_the_evaluation_page_shows_each_towns_waves_by_the_five_criteria(hub_pages):
    """What the town's laptop sums from the questions its own evaluation page shows, wave beside
    wave; a question that page hides in a wave (the sample's appraisal, 为民服务更有效, 2023-12)
    is not in the hub's figure for that wave."""
    from campaignkit.evaluation.hub_records import hub_records

    link, _, first = hub_pages
    sent = {r.record_id: r.data for r in hub_records(first)}
    status, html = fetch(address(link, "evaluation?form=survey"))
    assert status == 200
    rows = rows_of(html)
    criteria = re.findall(r"<th>([^<]+)</th>", html)[1:]
    policy = dict(zip(criteria, rows[f"{FIRST}示例"]))["思想觉悟有提高"]
    expected = [
        f"{wave}：{d['positive'] / d['answered'] * 100:.0f}%（{d['respondents']} 人）"
        for wave, d in (
            ("2023年12月", sent["survey#2023-12#思想觉悟有提高"]),
            ("2024年3月", sent["survey#2024-03#思想觉悟有提高"]),
        )
    ]
    assert policy == " → ".join(expected)
    assert "全旗" not in rows  # the second town sent no answers: the one town's row is the total
    status, html = fetch(address(link, "evaluation?form=appraisal"))
    rows = rows_of(html)
    served = dict(zip(re.findall(r"<th>([^<]+)</th>", html)[1:], rows[f"{FIRST}示例"]))["为民服务更有效"]
    assert "appraisal#2023-12#为民服务更有效" not in sent
    assert served.startswith("2024年3月：")


def test_a_town_whose_answers_come_from_few_people_is_hidden_with_what_gives_it_back():
    import pandas as pd

    from campaignkit.hub.disclosure import evaluation_hidden

    frame = pd.DataFrame(
        {
            "town": ["甲镇", "乙镇", "丙镇"],
            "form": ["survey"] * 3,
            "wave": ["2024-03"] * 3,
            "criterion": ["思想觉悟有提高"] * 3,
            "respondents": [3, 40, 60],
            "answered": [3, 40, 60],
            "positive": [2, 30, 41],
        }
    )
    hidden = {key[3] for key in evaluation_hidden(frame)}
    assert "甲镇" in hidden
    assert len(hidden) >= 2  # the banner or another town too: 甲镇 is not the banner less the rest


def test_the_selections_page_shows_a_tally_only_once_voting_has_closed(hub_pages):
    link, _, first = hub_pages
    status, html = fetch(address(link, "selections"))
    assert status == 200
    rows = {cells[1]: cells[2:] for cells in table_rows(html)}  # keyed by the selection's name
    closed = rows["致富能手（红柳嘎查，2 个名额）"]
    assert closed[1] == "已截止"
    assert closed[2] == "发出投票码 6 张，收回选票 6 张（废票 1 张），投票率 100%"
    assert closed[3] == "段丽娟、徐建国"
    open_ = rows["文明家庭（阳光社区，2 个名额）"]
    assert open_[1] == "投票中"
    assert open_[3] == "投票截止后公布"
    codes = (first.parent / "codes.csv").read_text(encoding="utf-8-sig").split()[1:]
    assert codes
    assert not any(code in html for code in codes)  # never a ballot or its code


def test_the_quiz_page_shows_classes_of_five_pupils_or_more(hub_pages):
    link, hub_dir, _ = hub_pages
    status, html = fetch(address(link, "quiz"))
    assert status == 200
    rows = {cells[2]: cells[3:] for cells in table_rows(html)}  # keyed by the class
    assert rows["7A"][:2] == ["6 人", "0.67 分（满分 10 分）"]
    assert rows["7B"][:2] == ["3 人", "交卷不足 5 人，不显示"]
    from campaignkit.hub.folder import connect

    with connect(hub_dir) as connection:
        (small,) = connection.execute("SELECT payload FROM records WHERE kind = 'quiz' AND payload->>'class' = '7B'").fetchone()
    assert set(small) == {"form", "title", "class", "pupils", "full"}  # a small class's results stay at school


def test_the_activities_page_counts_each_towns_activities_by_method_in_a_phase(hub_pages):
    """The phase's activities by the plan's methods, as the town's own records count them; the
    banner's row is the towns' sum."""
    link, _, first = hub_pages
    activities = OutreachData(first).activities()
    phase = activities[(activities["date"] >= "2023-12-01") & (activities["date"] <= "2024-03-31")]
    expected = phase.groupby("method").size()
    status, html = fetch(address(link, "activities?period=2023-12-01..2024-03-31"))
    assert status == 200
    by_method = html.split("<h2>按方式</h2>")[1].split("<h2>")[0]
    methods = re.findall(r"<th>([^<]+)</th>", by_method)[1:]
    rows = rows_of(by_method)
    town = dict(zip(methods, rows[f"{FIRST}示例"]))
    banner = dict(zip(methods, rows["全旗"]))
    for method, n in expected.items():
        assert town[method].startswith(f"{n} 场"), method
        assert banner[method].startswith(f"{2 * n} 场"), method  # the second town is a copy with the same activities
    weeks = table_rows(html.split("<h2>全旗按周</h2>")[1])
    assert sum(int(row[-1].removesuffix(" 场")) for row in weeks) == 2 * len(phase)  # every activity in one week
