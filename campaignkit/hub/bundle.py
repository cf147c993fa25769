"""A bundle: what a laptop reports, in one file for a USB stick (``campaignkit bundle``), read
back by ``hub import``. A zip of ``manifest.json`` and ``records.jsonl`` (one record a line,
in the order of their ids)."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import asdict
from pathlib import Path

from ..hookspecs import HubRecord
from .errors import HubError
from .reported import Report

# The kinds of record a hub takes, and how a message names them.
KINDS = {
    "households": "各网格户数",
    "visits": "入户走访",
    "activities": "宣讲活动",
    "screenings": "放映演出场次",
    "responses": "问卷答卷",
    "hidden": "页面隐藏规则",
    "evaluation": "按五条标准的问卷汇总",
    "selections": "评选的票数和当选名单",
    "quiz": "课堂测验按班汇总",
}


def write_bundle(report: Report, out: Path | io.BytesIO) -> Path | io.BytesIO:
    """The report as a zip (a file, or bytes for a push)."""
    lines = "".join(json.dumps(asdict(r), ensure_ascii=False, sort_keys=True) + "\n" for r in report.records)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(report.manifest(), ensure_ascii=False, indent=1))
        archive.writestr("records.jsonl", lines)
        if report.keep is not None:
            archive.writestr("keep.json", json.dumps(report.keep, ensure_ascii=False))
    return out


def bundle_bytes(report: Report) -> bytes:
    buffer = io.BytesIO()
    write_bundle(report, buffer)
    return buffer.getvalue()


def read_bundle(path: Path | io.BytesIO, name: str | None = None) -> Report:
    """A bundle (a file, or a push's body); ``name``: how a message names it."""
    name = name or Path(str(path)).name
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json").decode("utf-8"))
            lines = archive.read("records.jsonl").decode("utf-8").splitlines()
            keep = json.loads(archive.read("keep.json").decode("utf-8")) if "keep.json" in archive.namelist() else None
    except (zipfile.BadZipFile, KeyError, OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HubError(f"{name} 不是完整的报送文件（{type(exc).__name__}）：请在那台电脑上重新 campaignkit bundle") from None
    if manifest.get("format") != 1 or not isinstance(manifest.get("town"), str):
        raise HubError(f"{name} 不是 campaignkit 的报送文件，或是更新版本的软件做的")
    records = [_record(name, number, line) for number, line in enumerate(lines, start=1) if line.strip()]
    return Report(
        town=manifest["town"],
        campaign=str(manifest.get("campaign", "")),
        illustrative=bool(manifest.get("illustrative")),
        units={str(k): [str(g) for g in v] for k, v in dict(manifest.get("units", {})).items()},
        fingerprints={str(k): str(v) for k, v in dict(manifest.get("fingerprints", {})).items()},
        records=records,
        keep=_keep(name, keep),
    )


def _keep(name: str, keep) -> dict[str, list[tuple[str, str]]] | None:
    if keep is None:
        return None
    try:
        return {str(kind): [(str(unit), str(rid)) for unit, rid in pairs] for kind, pairs in dict(keep).items()}
    except (TypeError, ValueError):
        raise HubError(f"{name} 的 keep.json 读不了：文件可能坏了") from None


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
        raise HubError(f"{file} 的第 {number} 条记录是这个中心不收的种类“{record.kind}”（软件版本不一致？）")
    return record
