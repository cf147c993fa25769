"""The five-year blueprint (发展蓝图): for each target, base → latest → target,
progress, the yearly pace needed from now against the pace so far, and a status
in words (never colour alone)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.fmt import cn_quantity

REACHED, ON_TRACK, BEHIND, NO_DATA = "已达成", "按计划推进", "进度落后", "暂无最新数据"


def progress(blueprint: pd.DataFrame) -> pd.DataFrame:
    """One row per target with ``progress`` (% of the way from base to target),
    ``expected`` (% of the time elapsed), ``pace_so_far`` and ``pace_needed``
    (change per year), and ``status`` (已达成 / 按计划推进 / 进度落后 / 暂无最新数据).
    Works for targets that go down (危房存量 → 0) as well as up."""
    cols = [
        "domain",
        "indicator",
        "unit",
        "base_year",
        "base_value",
        "latest_year",
        "latest_value",
        "target_year",
        "target_value",
        "illustrative",
        "source",
    ]
    frame = blueprint.reindex(columns=cols).copy()
    if frame.empty:
        return frame.assign(progress=[], expected=[], pace_so_far=[], pace_needed=[], status=[])
    base, target = frame["base_value"].astype(float), frame["target_value"].astype(float)
    latest = frame["latest_value"].astype(float)
    base_year, target_year = frame["base_year"].astype(float), frame["target_year"].astype(float)
    latest_year = frame["latest_year"].astype(float)
    gap = target - base
    frame["progress"] = np.where(
        gap != 0, (latest - base) / gap.replace(0, np.nan) * 100, np.where(latest.notna(), 100.0, np.nan)
    )
    frame["expected"] = (latest_year - base_year) / (target_year - base_year) * 100
    elapsed = (latest_year - base_year).replace(0, np.nan)
    frame["pace_so_far"] = (latest - base) / elapsed
    remaining = (target_year - latest_year).replace(0, np.nan)
    frame["pace_needed"] = (target - latest) / remaining
    status = np.where(
        latest.isna(),
        NO_DATA,
        np.where(
            frame["progress"] >= 100, REACHED, np.where(frame["progress"] + 1e-9 >= frame["expected"].fillna(0), ON_TRACK, BEHIND)
        ),
    )
    frame["status"] = status
    return frame.reset_index(drop=True)


def explain(row: pd.Series) -> str:
    """The target in one sentence for a lecturer."""
    unit = row["unit"] or ""
    head = f"{row['indicator']}：{int(row['base_year'])}年 {cn_quantity(row['base_value'], unit)}，目标 {int(row['target_year'])}年 {cn_quantity(row['target_value'], unit)}"
    if row["status"] == NO_DATA:
        return f"{head}；暂无最新数据。"
    text = f"{head}；{int(row['latest_year'])}年已到 {cn_quantity(row['latest_value'], unit)}，完成 {row['progress']:.0f}%"
    if row["status"] == REACHED:
        return text + "，已达成目标。"
    needed = row["pace_needed"]
    so_far = row["pace_so_far"]
    pace = f"，今后每年需{_change_word(needed)} {cn_quantity(abs(needed), unit)}" if pd.notna(needed) else ""
    past = f"（此前每年{_change_word(so_far)} {cn_quantity(abs(so_far), unit)}）" if pd.notna(so_far) else ""
    return f"{text}{pace}{past}，{row['status']}。"


def overview(progress: pd.DataFrame) -> str:
    """All the targets in one sentence: how many stand where (the board names each one)."""
    counts = progress["status"].value_counts()
    parts = [f"{status} {counts[status]} 项" for status in (REACHED, ON_TRACK, BEHIND, NO_DATA) if counts.get(status)]
    return f"共 {len(progress)} 项目标：" + "，".join(parts) + "。"


def _change_word(value: float) -> str:
    return "增加" if value >= 0 else "减少"
