"""A bundle: what a laptop reports, in one file for a USB stick (``campaignkit bundle``), read
back by ``hub import``. A zip of ``manifest.json`` and ``records.jsonl`` (one record a line,
in the order of their ids)."""

from __future__ import annotations

import json
import zipfile
from dataclasses import asdict
from pathlib import Path

from ..hookspecs import HubRecord
from .errors import HubError
from .reported import Report

KINDS = {"visits", "activities", "screenings", "responses"}


def write_bundle(report: Report, out: Path) -> Path:
    out = Path(out)
    lines = "".join(json.dumps(asdict(r), ensure_ascii=False, sort_keys=True) + "\n" for r in report.records)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(report.manifest(), ensure_ascii=False, indent=1))
        archive.writestr("records.jsonl", lines)
    return out


def read_bundle(path: Path) -> Report:
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json").decode("utf-8"))
            lines = archive.read("records.jsonl").decode("utf-8").splitlines()
    except (zipfile.BadZipFile, KeyError, OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HubError(f"{path.name} 不是完整的报送文件（{type(exc).__name__}）：请在那台电脑上重新 campaignkit bundle") from None
    if manifest.get("format") != 1 or not isinstance(manifest.get("town"), str):
        raise HubError(f"{path.name} 不是 campaignkit 的报送文件，或是更新版本的软件做的")
    records = [_record(path.name, number, line) for number, line in enumerate(lines, start=1) if line.strip()]
    return Report(
        town=manifest["town"],
        campaign=str(manifest.get("campaign", "")),
        illustrative=bool(manifest.get("illustrative")),
        units={str(k): [str(g) for g in v] for k, v in dict(manifest.get("units", {})).items()},
        fingerprints={str(k): str(v) for k, v in dict(manifest.get("fingerprints", {})).items()},
        records=records,
    )


def _record(file: str, number: int, line: str) -> HubRecord:
    try:
        raw = json.loads(line)
        record = HubRecord(
            kind=str(raw["kind"]),
            record_id=str(raw["record_id"]),
            unit=str(raw["unit"]),
            data=dict(raw["data"]),
            replaceable=bool(raw.get("replaceable", False)),
        )
    except (json.JSONDecodeError, KeyError, TypeError, ValueError):
        raise HubError(f"{file} 的第 {number} 条记录读不了：文件可能坏了，请重新 campaignkit bundle") from None
    if record.kind not in KINDS:
        raise HubError(f"{file} 的第 {number} 条记录是这个中心不收的种类“{record.kind}”")
    return record
