"""`campaignkit hub init | keys | status | forget` on a real PostgreSQL cluster in the hub
folder, started for each command and stopped after (no hub server running)."""

from __future__ import annotations

import json

from hub_cli import hub

from campaignkit.hub.cluster import Cluster
from campaignkit.hub.folder import database


def test_init_makes_a_folder_with_its_own_database_and_refuses_twice(reachable):
    done = hub("init", str(reachable / "hub"))
    assert "已建好中心文件夹" in done.stdout
    assert Cluster(reachable / "hub").exists()
    assert not Cluster(reachable / "hub").running()  # stopped again after the command
    again = hub("init", str(reachable / "hub"), check=False)
    assert again.returncode == 2
    assert "已经是一个中心文件夹" in again.stderr


def test_a_key_is_printed_alone_on_the_last_line_and_only_its_hash_is_kept(hub_dir):
    key = hub("keys", "add", "无定河镇", str(hub_dir)).stdout.strip().splitlines()[-1]
    assert len(key) == 26
    assert key.isalnum()
    with database(hub_dir) as connection:
        stored = [r[0] for r in connection.execute("SELECT key_hash FROM keys").fetchall()]
    assert key not in stored
    assert len(stored) == 1
    listed = hub("keys", "list", str(hub_dir)).stdout
    assert "无定河镇" in listed
    assert key not in listed


def test_a_revoked_key_is_refused(hub_dir):
    from campaignkit.hub.errors import HubError
    from campaignkit.hub.keys import town_of

    key = hub("keys", "add", "无定河镇", str(hub_dir)).stdout.strip().splitlines()[-1]
    with database(hub_dir) as connection:
        assert town_of(connection, key) == "无定河镇"
    hub("keys", "revoke", key, str(hub_dir))
    with database(hub_dir) as connection:
        try:
            town_of(connection, key)
        except HubError as exc:
            assert "作废" in str(exc)
        else:
            raise AssertionError("a revoked key was taken")
    assert hub("keys", "revoke", key, str(hub_dir), check=False).returncode == 2


def test_status_lists_towns_and_counts_only_stored_records(hub_dir):
    hub("keys", "add", "无定河镇", str(hub_dir))
    hub("keys", "add", "图克镇", str(hub_dir))
    with database(hub_dir) as connection:
        connection.execute(
            "INSERT INTO records (kind, record_id, town, unit, payload) VALUES ('visits', 'r1', '图克镇', '红柳嘎查', '{}')"
        )
    status = json.loads(hub("status", str(hub_dir), "--format", "json").stdout)
    assert status == {
        "units": [
            {"unit": "图克镇", "last_received": None, "records": {"visits": 1}},
            {"unit": "无定河镇", "last_received": None, "records": {}},
        ]
    }
    assert "还没有报送" in hub("status", str(hub_dir)).stdout


def test_forget_removes_a_town_its_keys_and_records(hub_dir):
    hub("keys", "add", "图克镇", str(hub_dir))
    with database(hub_dir) as connection:
        connection.execute("INSERT INTO records (kind, record_id, town, payload) VALUES ('visits', 'r1', '图克镇', '{}')")
    assert "1 条记录" in hub("forget", "图克镇", str(hub_dir)).stdout
    assert json.loads(hub("status", str(hub_dir), "--format", "json").stdout) == {"units": []}
    assert hub("forget", "图克镇", str(hub_dir), check=False).returncode == 2


def test_a_folder_that_is_not_a_hub_is_named(reachable):
    done = hub("status", str(reachable / "nothing"), check=False)
    assert done.returncode == 2
    assert "不是中心文件夹" in done.stderr


def test_a_backup_restores_what_was_there(hub_dir, reachable):
    hub("keys", "add", "无定河镇", str(hub_dir))
    with database(hub_dir) as connection:
        connection.execute("INSERT INTO records (kind, record_id, town, payload) VALUES ('visits', 'r1', '无定河镇', '{}')")
    hub("backup", str(hub_dir), "--out", str(reachable / "hub.dump"))
    hub("forget", "无定河镇", str(hub_dir))
    assert json.loads(hub("status", str(hub_dir), "--format", "json").stdout) == {"units": []}
    hub("restore", str(reachable / "hub.dump"), str(hub_dir))
    status = json.loads(hub("status", str(hub_dir), "--format", "json").stdout)
    assert [(u["unit"], u["records"]) for u in status["units"]] == [("无定河镇", {"visits": 1})]
    broken = reachable / "broken.dump"
    broken.write_bytes(b"not a dump")
    done = hub("restore", str(broken), str(hub_dir), check=False)
    assert done.returncode == 2
    assert "没有恢复" in done.stderr
    assert json.loads(hub("status", str(hub_dir), "--format", "json").stdout) == status


# A hub folder as campaignkit made it before schema steps 2 and 3 (household_visits, deliveries' units).
BACK_TO_STEP_1 = """
DROP TABLE household_visits;
DROP INDEX records_visit_household;
DROP INDEX records_visit_supersedes;
ALTER TABLE deliveries DROP COLUMN units;
DELETE FROM schema_version WHERE version > 1;
"""


def test_an_older_hub_is_upgraded_by_serve_with_its_data_kept(hub_dir, reachable):
    """A hub made by an older campaignkit: `hub serve` brings its tables up to date, what it
    stored stays, the per-household visit days are filled from it, and pushes are taken."""
    import shutil
    import subprocess
    import sys

    from hub_cli import folded_matches_visits, hub_served

    from helpers import SAMPLE

    key = hub("keys", "add", "无定河镇", str(hub_dir)).stdout.strip().splitlines()[-1]
    campaign = reachable / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    subprocess.run([sys.executable, "-m", "campaignkit", "bundle", str(campaign), "--out", str(reachable / "b.zip")], check=True)
    hub("import", str(reachable / "b.zip"), str(hub_dir))
    before = json.loads(hub("status", str(hub_dir), "--format", "json").stdout)["units"][0]["records"]
    with database(hub_dir) as connection:
        connection.execute(BACK_TO_STEP_1)
    with hub_served(hub_dir, reachable / "serve.log") as (url, _):
        visits = (campaign / "visits.csv").read_text(encoding="utf-8")
        (campaign / "visits.csv").write_text(visits + "V9999,HL-001,2024-03-30,乌云其其格,讲发展账,,,,,是\n", encoding="utf-8")
        pushed = subprocess.run(
            [sys.executable, "-m", "campaignkit", "push", str(campaign), "--hub", url, "--key", key],
            capture_output=True,
            text=True,
        )
        assert pushed.returncode == 0, pushed.stderr
    after = json.loads(hub("status", str(hub_dir), "--format", "json").stdout)["units"][0]["records"]
    assert after == {**before, "visits": before["visits"] + 1}
    folded_matches_visits(hub_dir)
    with database(hub_dir) as connection:
        units = connection.execute("SELECT units FROM deliveries ORDER BY id").fetchall()
    assert units[0][0] == sorted(
        ["红柳嘎查", "沙柳嘎查", "柠条嘎查", "杨树村", "阳光社区", "镇机关"]
    )  # the older delivery: all its town's units
