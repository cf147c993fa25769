"""Lessons by age band, each with the timeline events it tells. Pure functions over the
``lessons`` and ``timeline`` tables."""

from __future__ import annotations

import re

import pandas as pd

from ..core.vocab import split_items
from ..timeline import placed
from .tables import BANDS


def bands_of(lessons: pd.DataFrame) -> list[str]:
    """The age bands that have lessons, youngest first."""
    used = set(lessons["band"].dropna()) if len(lessons) else set()
    return [b for b in BANDS if b in used]


def lessons_for(lessons: pd.DataFrame, band: str | None) -> pd.DataFrame:
    """The lessons of ``band`` (None: all), in 编号 order."""
    rows = lessons if band is None else lessons[lessons["band"] == band]
    return rows.sort_values("code", kind="stable").reset_index(drop=True)


def events_of(lesson: pd.Series, timeline: pd.DataFrame) -> pd.DataFrame:
    """The timeline events a lesson tells, in the order it names them, placed (time said as people say it)."""
    codes = split_items(lesson.get("events"))
    events = placed(timeline)
    if not codes or events.empty:
        return events.iloc[0:0]
    found = events.set_index("code", drop=False)
    return found.loc[[c for c in codes if c in found.index]].reset_index(drop=True)


def questions_of(lesson: pd.Series) -> list[str]:
    """The discussion questions: one per line or per ；/; in the cell."""
    text = lesson.get("questions")
    if not isinstance(text, str):
        return []
    return [q.strip() for q in re.split(r"[；;\n]+", text) if q.strip()]
