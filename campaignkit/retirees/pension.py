"""What a retiree's pension was and is, year by year, and how much each year's raise added."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from ..core.fmt import yuan_exact
from .raises import SCHEME_OF, load_raises

yuan = yuan_exact  # a pension to the 分


@dataclass(frozen=True)
class PensionYear:
    year: int
    monthly: Decimal
    added: Decimal | None  # more a month than the year before (None: the first year, or a gap)
    said: str


def pension_history(rows: pd.DataFrame) -> list[PensionYear]:
    """One person's rows (year, monthly, scheme), in year order, each year said in words."""
    raises = load_raises()
    history: list[PensionYear] = []
    before: tuple[int, Decimal] | None = None
    for row in rows.sort_values("year").itertuples(index=False):
        year, monthly = int(row.year), Decimal(str(row.monthly))
        national = raises.get((SCHEME_OF.get(str(row.scheme), ""), year))
        text = f"{year}年：每月 {yuan(monthly)}"
        added = None
        if before is not None and before[0] == year - 1:
            added = monthly - before[1]
            share = f"，{added / before[1] * 100:+.1f}%" if before[1] else ""
            more = "多" if added > 0 else "少"
            text += (
                f"，和{year - 1}年一样"
                if added == 0
                else f"，比{year - 1}年{more} {yuan(abs(added))}（每年{more} {yuan(abs(added) * 12)}{share}）"
            )
        elif before is not None:
            text += f"（{before[0] + 1}—{year - 1}年没有数字，不比较）"
        if national is not None:
            text += f"；{national.said()}"
        history.append(PensionYear(year, monthly, added, text))
        before = (year, monthly)
    return history


def summary(history: list[PensionYear]) -> str:
    if len(history) < 2:
        return ""
    first, last = history[0], history[-1]
    more = last.monthly - first.monthly
    return (
        f"{first.year}年到{last.year}年，每月从 {yuan(first.monthly)} 到 {yuan(last.monthly)}，"
        f"{'多了' if more >= 0 else '少了'} {yuan(abs(more))}，一年{'多' if more >= 0 else '少'} {yuan(abs(more) * 12)}。"
    )
