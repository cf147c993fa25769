"""``hub status``: per town, when it last delivered and how many records of each kind are
stored (counts of stored records only)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from .bundle import KINDS

BEIJING = ZoneInfo("Asia/Shanghai")  # the banner's offices read times in Beijing time


def hub_status(connection) -> dict:
    towns = [r[0] for r in connection.execute("SELECT town FROM towns ORDER BY town").fetchall()]
    last = dict(connection.execute("SELECT town, max(received) FROM deliveries GROUP BY town").fetchall())
    counts: dict[str, dict[str, int]] = {}
    for town, kind, n in connection.execute("SELECT town, kind, count(*) FROM records GROUP BY town, kind ORDER BY kind"):
        counts.setdefault(town, {})[kind] = n
    return {
        "units": [
            {
                "unit": town,
                "last_received": last[town].astimezone(BEIJING).isoformat(timespec="seconds") if last.get(town) else None,
                "records": counts.get(town, {}),
            }
            for town in towns
        ]
    }


def status_text(status: dict) -> str:
    if not status["units"]:
        return "中心里还没有镇：campaignkit hub keys add 镇名 中心文件夹"
    lines = []
    for unit in status["units"]:
        when = unit["last_received"][:16].replace("T", " ") + "（北京时间）" if unit["last_received"] else "还没有报送"
        records = "，".join(f"{KINDS.get(k, k)} {v} 条" for k, v in unit["records"].items()) or "没有记录"
        lines.append(f"{unit['unit']}：最近一次报送 {when}；{records}")
    return "\n".join(lines)
