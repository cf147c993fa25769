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
