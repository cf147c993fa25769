"""A campaign's outreach as the pages and commands use it: the tables read once (leniently),
the visit log (spreadsheet and stored records), every problem about them, and the query store."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..core import clock
from ..core.disclosure import spans, stretches
from ..core.problems import Problem
from ..features import registry
from ..load import check_campaign
from .coverage import ALL_TIME, FARMERS, OutreachStore, Period
from .disclosure import hidden_over_periods
from .records import VisitLog, visit_log


def outreach_tables() -> list[str]:
    """What the outreach data reads: its own tables (the feature's declaration), households and members."""
    return list(registry().tables_of("outreach"))


class OutreachData:
    """A campaign's outreach records, read once: the tables, the visit log, their problems, the query store."""

    def __init__(self, folder: str | Path | None = None, *, backend: str = "duckdb"):
        self.campaign = check_campaign(folder, tables=outreach_tables())
        self.folder = self.campaign.path
        self.config = self.campaign.config
        self.backend = backend

    def table(self, name: str) -> pd.DataFrame:
        return self.campaign.tables[name] if name in self.campaign.results else pd.DataFrame()

    @cached_property
    def log(self) -> VisitLog:
        return visit_log(self.campaign)

    @cached_property
    def problems(self) -> list[Problem]:
        own = [p for p in self.campaign.problems if p.table in registry().own_tables("outreach")]
        return own + self.log.problems

    @cached_property
    def period(self) -> Period:
        """The campaign's concentrated phase as campaign.toml gives it: [period] start and end,
        each a month ("2024-03": to its last day) or a day ("2024-03-15")."""
        return Period(self.config.start_date, _end_day(self.config.period_end))

    @cached_property
    def households(self) -> pd.DataFrame:
        """household_id, unit, grid and the plan's groups the register carries (农牧民 by 户类型,
        城镇低保户: a household of a 社区 with a member on 低保)."""
        h = self.table("households").reindex(columns=["household_id", "unit", "grid", "household_type"]).copy()
        h["farmer"] = h["household_type"].isin(FARMERS)
        members = self.table("members")
        communities = {u.name for u in self.config.units if u.kind == "社区"}
        on_dibao: set[str] = set()
        if "dibao" in members.columns:
            on_dibao = set(members.loc[members["dibao"].fillna(False).astype(bool), "household_id"])
        h["dibao"] = h["household_id"].isin(on_dibao) & h["unit"].isin(communities)
        return h

    def activities(self) -> pd.DataFrame:
        a = self.table("activities")
        if a.empty:
            return pd.DataFrame()
        a = a.copy()
        key = [f"{f}#{int(r)}" for f, r in zip(a["src_file"], a["src_row"])]
        given = a["activity_id"] if "activity_id" in a.columns else pd.Series(None, index=a.index)
        # Two villages may both number theirs A001: an activity is its unit's 活动编号.
        named = a["unit"].astype(str) + "#" + given.astype(str)
        a["activity"] = named.where(given.notna(), pd.Series(key, index=a.index))
        return a

    def screenings(self) -> pd.DataFrame:
        s = self.table("screenings")
        if s.empty:
            return pd.DataFrame()
        s = s.copy()
        s["row"] = s["src_row"].astype("int64")
        return s.dropna(subset=["start", "end"])

    def demands(self) -> pd.DataFrame:
        current = self.log.current
        return current[current["demand"].notna()].reset_index(drop=True)

    def grids(self) -> list[tuple[str, str]]:
        return [(u.name, g) for u in self.config.units for g in u.grids]

    @cached_property
    def store(self) -> OutreachStore:
        return OutreachStore(
            self.households,
            self.log.current[["household_id", "date"]],
            grids=self.grids(),
            units=self.config.unit_names,
            activities=self.activities(),
            demands=self.demands(),
            screenings=self.screenings(),
            backend=self.backend,
        )

    def hidden(self, period: Period) -> dict:
        """The figures meeting pages hide for this period: one pattern for every page and every
        period they offer (months add up to the phase; a viewer can add them)."""
        cache = self.__dict__.setdefault("_hidden", {})
        if period not in cache:
            wanted = list(dict.fromkeys([*(p for _, p in periods(self)), period]))
            parts = stretches(wanted)
            cells = [self.store.cells(period=Period(a, b)) for a, b in parts]
            cache.update(hidden_over_periods(cells, {p: spans(p, parts) for p in wanted}))
        return cache[period]

    @property
    def units(self) -> list[str]:
        return self.store.units

    def illustrative(self, *tables: str) -> bool:
        """Whether any row shown from these tables is invented (示例)."""
        for name in tables:
            frame = self.log.records if name == "visits" else self.table(name)
            if "illustrative" in frame.columns and frame["illustrative"].fillna(False).astype(bool).any():
                return True
        return bool(self.config.illustrative)


def periods(outreach: OutreachData, today: dt.date | None = None) -> list[tuple[str, Period]]:
    """The concentrated phase, then each month from the start to the last record, then all time."""
    today = today or clock.today()
    phase = outreach.period
    options: list[tuple[str, Period]] = []
    if phase.start and phase.end:
        options.append((f"集中教育阶段（{phase.label()}）", phase))
    dates = pd.concat(
        [outreach.log.current["date"], outreach.activities().get("date", pd.Series(dtype="datetime64[ns]"))]
    ).dropna()
    if phase.start and len(dates):
        last = min(dates.max().date(), today)
        for month in pd.date_range(pd.Timestamp(phase.start).replace(day=1), pd.Timestamp(last), freq="MS"):
            end = (month + pd.offsets.MonthEnd(0)).date()
            options.append((f"{month.year}年{month.month}月", Period(month.date(), end)))
    options.append(("全部时间", ALL_TIME))
    return options


def _end_day(text: str) -> dt.date | None:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", text.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        return dt.date(year, month, day or calendar.monthrange(year, month)[1])
    except ValueError:
        return None
