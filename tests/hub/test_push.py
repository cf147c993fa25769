"""`campaignkit push` to a real `campaignkit hub serve` on loopback: a town's records arrive
once however often it pushes; a push cut after its first chunk resumes and sends only the
rest; a wrong key, another town's key and plain HTTP beyond the town's network are refused."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hub_cli import copy_hub, folded_matches_visits, hub, hub_served

from campaignkit.hub import push as pushing
from campaignkit.hub.errors import HubError
from helpers import SAMPLE


def push(campaign: Path, url: str, key: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "campaignkit", "push", str(campaign), "--hub", url, "--key", key],
        capture_output=True,
        text=True,
        timeout=180,
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def stored(hub_dir: Path) -> dict:
    units = json.loads(hub("status", str(hub_dir), "--format", "json").stdout)["units"]
    return {u["unit"]: u["records"] for u in units}


@pytest.fixture(scope="module")
def served(template_hub):
    folder = Path(tempfile.mkdtemp(prefix="ckhub-", dir="/tmp"))
    folder.chmod(0o711)
    hub_dir = folder / "hub"
    copy_hub(template_hub, hub_dir)
    keys = {
        town: hub("keys", "add", town, str(hub_dir)).stdout.strip().splitlines()[-1] for town in ("无定河镇", "图克镇", "河南镇")
    }
    with hub_served(hub_dir, folder / "serve.log") as (url, _):
        yield url, keys, hub_dir, folder
    shutil.rmtree(folder, ignore_errors=True)


def campaign_copy(folder: Path, name: str) -> Path:
    campaign = folder / name
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    return campaign


def test_a_push_arrives_once_however_often_repeated(served):
    url, keys, hub_dir, folder = served
    campaign = campaign_copy(folder, "repeat")
    first = push(campaign, url, keys["无定河镇"]).stdout
    assert "中心新收" in first
    after_first = stored(hub_dir)["无定河镇"]
    assert after_first["visits"] > 200
    assert "没有新的记录" in push(campaign, url, keys["无定河镇"]).stdout
    assert stored(hub_dir)["无定河镇"] == after_first
    sent = list((campaign / ".campaignkit").glob("pushed-*.json"))
    assert len(sent) == 1
    assert all(len(x) == 32 for x in json.loads(sent[0].read_text()))  # fingerprints only: no time, no order


def test_a_cut_push_resumes_with_only_the_rest(served, monkeypatch):
    url, keys, hub_dir, folder = served
    campaign = campaign_copy(folder, "cut")
    visits = (campaign / "visits.csv").read_text(encoding="utf-8")
    (campaign / "visits.csv").write_text(visits.replace("V0259,HL-007,2024-02-22", "V0259,HL-007,2024-03-01"), encoding="utf-8")
    (campaign / "campaign.toml").write_text(
        (campaign / "campaign.toml").read_text(encoding="utf-8").replace('town = "无定河镇"', 'town = "图克镇"'), encoding="utf-8"
    )
    real_post, bodies = pushing.post, []

    def cut_after_two(hub_url, key, body):
        if len(bodies) == 2:
            raise HubError("网络断了")
        bodies.append(body)
        return real_post(hub_url, key, body)

    monkeypatch.setattr(pushing, "post", cut_after_two)
    with pytest.raises(HubError, match="网络断了"):
        pushing.push(campaign, url, keys["图克镇"], chunk=100)
    partial = sum(stored(hub_dir)["图克镇"].values())
    assert partial == 200
    monkeypatch.setattr(pushing, "post", real_post)
    resumed = pushing.push(campaign, url, keys["图克镇"], chunk=100)
    total = sum(stored(hub_dir)["图克镇"].values())
    assert resumed.sent == total - 200
    assert resumed.added == total - 200
    folded_matches_visits(hub_dir)  # corrections came in later chunks than what they correct
    from campaignkit.hub.folder import database

    with database(hub_dir) as connection:
        (days,) = connection.execute(
            "SELECT days FROM household_visits WHERE town = '图克镇' AND household_id = 'HL-007'"
        ).fetchone()
    assert dt.date(2024, 2, 22) not in days  # the corrected visit's day is gone with it
    assert dt.date(2024, 3, 1) in days


def test_a_laptop_whose_clock_is_wrong_is_counted_by_the_hubs_clock(served, monkeypatch):
    """Receipt times are the hub's; the laptop remembers ids, not times: a clock years ahead,
    then set back, neither doubles nor drops a record, and the town counts as reporting today."""
    from campaignkit.core import clock
    from campaignkit.hub.status import BEIJING

    url, keys, hub_dir, folder = served
    campaign = campaign_copy(folder, "clock")
    (campaign / "campaign.toml").write_text(
        (campaign / "campaign.toml").read_text(encoding="utf-8").replace('town = "无定河镇"', 'town = "河南镇"'), encoding="utf-8"
    )
    monkeypatch.setattr(clock, "today", lambda: dt.date(2031, 6, 1))
    ahead = pushing.push(campaign, url, keys["河南镇"])
    assert ahead.added == ahead.sent > 200
    units = {u["unit"]: u for u in json.loads(hub("status", str(hub_dir), "--format", "json").stdout)["units"]}
    hub_today = dt.datetime.now(BEIJING).date()
    assert dt.date.fromisoformat(units["河南镇"]["last_received"][:10]) in (hub_today, hub_today - dt.timedelta(days=1))
    before = stored(hub_dir)["河南镇"]
    monkeypatch.setattr(clock, "today", lambda: dt.date(2019, 1, 1))  # set back, before the campaign began
    again = pushing.push(campaign, url, keys["河南镇"])
    assert again.added == 0
    after = stored(hub_dir)["河南镇"]
    assert {k: v for k, v in after.items() if k != "hidden"} == {k: v for k, v in before.items() if k != "hidden"}
    # What moves with the laptop's clock is only which months its own pages offer (none before
    # the campaign): the hub then shows nothing of this town for those months.
    assert after["hidden"] < before["hidden"]


def test_a_wrong_key_another_towns_key_and_plain_http_outside_are_refused(served):
    url, keys, hub_dir, folder = served
    campaign = campaign_copy(folder, "refused")
    before = stored(hub_dir)
    wrong = push(campaign, url, "WRONGKEYWRONGKEYWRONGKEY12", check=False)
    assert wrong.returncode == 2
    assert "钥匙不对" in wrong.stderr
    other = push(campaign, url, keys["图克镇"], check=False)
    assert other.returncode == 2
    assert "这把钥匙是“图克镇”的" in other.stderr
    outside = push(campaign, "http://8.8.8.8:9", keys["无定河镇"], check=False)
    assert outside.returncode == 2
    assert "https" in outside.stderr
    assert stored(hub_dir) == before
