"""A town's report by USB stick: `campaignkit bundle` on the laptop, `campaignkit hub import` on
the hub. Stored once however often it is imported; a changed activity replaces the hub's copy
and a removed screening is removed; nothing that names a person travels; a town without a key,
a record of another town's unit and a broken file are refused with nothing stored."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hub_cli import copy_hub, folded_matches_visits, hub

from campaignkit.hub.cluster import Cluster
from helpers import SAMPLE


def bundle(campaign: Path, out: Path) -> Path:
    done = subprocess.run(
        [sys.executable, "-m", "campaignkit", "bundle", str(campaign), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    return out


def counts(hub_dir: Path) -> dict:
    (town,) = json.loads(hub("status", str(hub_dir), "--format", "json").stdout)["units"]
    return town["records"]


@pytest.fixture(scope="module")
def setting(template_hub):
    """A hub with a key for the sample's town, and a copy of the sample with its anonymous
    appraisal answers stored."""
    folder = Path(tempfile.mkdtemp(prefix="ckhub-", dir="/tmp"))
    folder.chmod(0o711)
    copy_hub(template_hub, folder / "hub")
    hub("keys", "add", "无定河镇", str(folder / "hub"))
    campaign = folder / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "campaignkit",
            "forms",
            "import",
            str(SAMPLE / "forms" / "appraisal_responses.csv"),
            str(campaign),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    yield folder / "hub", campaign, folder
    Cluster(folder / "hub").stop()
    shutil.rmtree(folder, ignore_errors=True)


def test_a_bundle_is_stored_once_however_often_imported(setting):
    hub_dir, campaign, folder = setting
    made = bundle(campaign, folder / "first.ckbundle")
    first = hub("import", str(made), str(hub_dir)).stdout
    assert "示例" in first
    stored = counts(hub_dir)
    assert stored["visits"] == len(pd.read_csv(campaign / "visits.csv"))
    assert stored["responses"] == 122
    assert stored["activities"] == len(pd.read_csv(campaign / "activities.csv"))
    again = hub("import", str(made), str(hub_dir)).stdout
    assert "新收 0 条" in again
    assert counts(hub_dir) == stored
    folded_matches_visits(hub_dir)


def test_nothing_that_names_a_person_travels(setting):
    _, campaign, folder = setting
    made = bundle(campaign, folder / "names.ckbundle")
    with zipfile.ZipFile(made) as archive:
        text = archive.read("records.jsonl").decode("utf-8")
    visits = pd.read_csv(campaign / "visits.csv", dtype=str)
    screenings = pd.read_csv(campaign / "screenings.csv", dtype=str)
    people = set(visits["走访干部"].dropna()) | set(visits["诉求"].dropna())
    people |= set(screenings["联系电话"].dropna())
    assert people
    assert not [p for p in people if p in text]
    answers = [json.loads(line)["data"] for line in text.splitlines() if json.loads(line)["kind"] == "responses"]
    assert {tuple(sorted(a)) for a in answers} == {("answers", "form", "version")}  # no code, no day


def test_a_changed_activity_replaces_and_a_removed_screening_is_removed(setting):
    hub_dir, campaign, folder = setting
    hub("import", str(bundle(campaign, folder / "before.ckbundle")), str(hub_dir))
    before = counts(hub_dir)
    activities = (campaign / "activities.csv").read_text(encoding="utf-8").splitlines()
    header, first = activities[0].split(","), activities[1].split(",")
    first[header.index("人数") if "人数" in header else 7] = "999"
    (campaign / "activities.csv").write_text(
        "\n".join([activities[0], ",".join(first), *activities[2:]]) + "\n", encoding="utf-8"
    )
    screenings = (campaign / "screenings.csv").read_text(encoding="utf-8").splitlines()
    (campaign / "screenings.csv").write_text("\n".join(screenings[:-1]) + "\n", encoding="utf-8")
    said = hub("import", str(bundle(campaign, folder / "after.ckbundle")), str(hub_dir)).stdout
    assert "更新 1 条" in said
    assert "删去 1 条" in said
    after = counts(hub_dir)
    assert after["screenings"] == before["screenings"] - 1
    assert after["activities"] == before["activities"]


def test_a_town_without_a_key_is_refused_and_nothing_is_stored(setting):
    hub_dir, campaign, folder = setting
    other = folder / "other"
    shutil.copytree(campaign, other, ignore=shutil.ignore_patterns(".campaignkit"))
    toml = (other / "campaign.toml").read_text(encoding="utf-8").replace('town = "无定河镇"', 'town = "图克镇"')
    (other / "campaign.toml").write_text(toml, encoding="utf-8")
    before = json.loads(hub("status", str(hub_dir), "--format", "json").stdout)
    done = hub("import", str(bundle(other, folder / "other.ckbundle")), str(hub_dir), check=False)
    assert done.returncode == 2
    assert "没有给“图克镇”发过钥匙" in done.stderr
    assert json.loads(hub("status", str(hub_dir), "--format", "json").stdout) == before


def test_a_record_of_another_towns_unit_is_named_and_nothing_is_stored(setting):
    hub_dir, campaign, folder = setting
    made = bundle(campaign, folder / "ours.ckbundle")
    forged = folder / "forged.ckbundle"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(forged, "w") as out:
        out.writestr("manifest.json", source.read("manifest.json"))
        lines = source.read("records.jsonl").decode("utf-8").splitlines()
        stray = json.loads(lines[0])
        stray.update(unit="乌兰陶勒盖嘎查", record_id="X1")
        out.writestr("records.jsonl", "\n".join([*lines, json.dumps(stray, ensure_ascii=False)]) + "\n")
    before = counts(hub_dir)
    done = hub("import", str(forged), str(hub_dir), check=False)
    assert done.returncode == 2
    assert "乌兰陶勒盖嘎查" in done.stderr
    assert "X1" in done.stderr
    assert counts(hub_dir) == before


def test_a_broken_file_is_refused(setting):
    hub_dir, _, folder = setting
    broken = folder / "broken.ckbundle"
    broken.write_bytes(b"PK\x03\x04 not a whole zip")
    done = hub("import", str(broken), str(hub_dir), check=False)
    assert done.returncode == 2
    assert "不是完整的报送文件" in done.stderr
