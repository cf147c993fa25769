"""Today as the campaign's people count days: in China's one time zone, whatever the zone of
the machine (a UTC container or Binder would otherwise call 7 a.m. in Ordos yesterday)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Asia/Shanghai")


def today() -> dt.date:
    return dt.datetime.now(ZONE).date()
