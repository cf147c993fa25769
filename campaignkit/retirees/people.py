"""A retiree's rows of the campaign's 离退休人员 table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import CampaignkitError
from ..load import check_campaign


class PersonNotFound(CampaignkitError):
    pass


def person_rows(campaign: str | Path | None, person_id: str) -> pd.DataFrame:
    loaded = check_campaign(campaign, tables=["retirees"])
    frame = loaded.tables["retirees"] if "retirees" in loaded.results else pd.DataFrame()
    rows = frame[frame["person_id"] == person_id] if not frame.empty else frame
    if rows.empty:
        raise PersonNotFound(f"离退休人员表里没有人员编号“{person_id}”（活动文件夹：{loaded.path}）")
    return rows
