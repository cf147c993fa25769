"""What a policy's standard multiplies (计算依据), counted once per basis for one
household (with the words a lecturer says) and for many households at once (in
columns). :func:`~campaignkit.benefits.calculator.estimate` and
:func:`~campaignkit.benefits.calculator.expected_amounts` both use this table,
so the two can never count differently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..core.idnumber import birth_date
from .tables import POLICY_BASES


def value(record: Mapping[str, Any] | pd.Series, key: str) -> Any:
    """A field of a record, None when blank."""
    got = record.get(key) if hasattr(record, "get") else None
    return None if got is None or (pd.api.types.is_scalar(got) and pd.isna(got)) else got


def born(member: Mapping[str, Any]) -> dt.date | None:
    """Birth month from 出生年月, else from the ID number."""
    month = value(member, "birth_month")
    if month is not None:
        month = pd.Timestamp(month)
        return dt.date(month.year, month.month, 1)
    number = value(member, "id_number")
    return birth_date(str(number)) if number else None


def months_in_band(birth: dt.date | None, year: int, low: int, high: int | None) -> int:
    """Months of ``year`` in which a person is aged ``low`` or over (and under ``high``),
    counting from the month of the birthday."""
    if birth is None:
        return 0

    def months_from(age: int) -> int:  # months of the year at or past that birthday
        turns = birth.year + age
        if year < turns:
            return 0
        if year > turns:
            return 12
        return 13 - birth.month

    months = months_from(low)
    if high is not None:
        months -= months_from(high)
    return max(months, 0)


def _months_vectorised(born_year: pd.Series, born_month: pd.Series, year: int, low: int, high: int | None) -> pd.Series:
    """:func:`months_in_band` for a column of birth dates (NaN → 0 months)."""

    def months_from(age: int) -> pd.Series:
        turns = born_year + age
        out = pd.Series(0.0, index=born_year.index)
        out[year > turns] = 12.0
        this_year = year == turns
        out[this_year] = 13 - born_month[this_year]
        return out.where(born_year.notna(), 0.0)

    months = months_from(low)
    if high is not None:
        months = months - months_from(high)
    return months.clip(lower=0)


@dataclass(frozen=True)
class Count:
    """One household's count for one basis: how many (亩, 人, 户), and for age bands the
    person-months and who was counted for part of the year."""

    quantity: float
    unit: str
    months: int | None = None
    partial: tuple[tuple[Mapping[str, Any], int], ...] = ()
    counted: tuple[tuple[Mapping[str, Any], int], ...] = ()  # age bands: everyone counted, with months
    unknown: tuple[Mapping[str, Any], ...] = ()  # age bands: people whose age cannot be known (资料待核)


@dataclass(frozen=True)
class Basis:
    """How to count one 计算依据, for one household and for all of them.

    ``one(household, people, year)`` → :class:`Count`; ``many(households, people, year)``
    → a Series by household_id (quantity, or person-months for age bands).
    """

    name: str
    one: Callable[[Mapping[str, Any], list[dict], int], Count]
    many: Callable[[pd.DataFrame, pd.DataFrame, int], pd.Series]
    ages: tuple[int, int | None] | None = None
    # How the arithmetic is said: {name}, {quantity}, {unit}, {rate} (the standard with its unit).
    words: str = "{name} {quantity} {unit} × {rate}"

    @property
    def per_person_month(self) -> bool:
        return self.ages is not None


def _area(field: str) -> tuple[Callable, Callable]:
    def one(household, people, year):
        return Count(float(value(household, field) or 0), "亩")

    def many(hh, people, year):
        return hh[field].astype("float64").fillna(0.0) if field in hh else pd.Series(0.0, index=hh.index)

    return one, many


def _household(household, people, year):
    return Count(1.0, "户")


def _households(hh, people, year):
    return pd.Series(1.0, index=hh.index)


def _population(household, people, year):
    return Count(float(value(household, "persons") or len(people)), "人")


def _populations(hh, people, year):
    sizes = people.groupby("household_id").size().reindex(hh.index, fill_value=0)
    return hh["persons"].astype("float64").fillna(sizes) if "persons" in hh else sizes.astype(float)


def _members_where(test: Callable[[Mapping[str, Any]], bool], column: Callable[[pd.DataFrame], pd.Series]):
    def one(household, people, year):
        return Count(float(sum(1 for p in people if test(p))), "人")

    def many(hh, people, year):
        return column(people).groupby(people["household_id"]).sum().reindex(hh.index, fill_value=0).astype(float)

    return one, many


def _flag(field: str):
    return _members_where(
        lambda p: value(p, field) is True,
        lambda people: people[field].fillna(False).astype(bool) if field in people else pd.Series(False, index=people.index),
    )


_disabled = _members_where(
    lambda p: bool(value(p, "disability_grade")),
    lambda people: people["disability_grade"].notna() if "disability_grade" in people else pd.Series(False, index=people.index),
)


def _age_band(low: int, high: int | None):
    def one(household, people, year):
        counted, unknown = [], []
        for person in people:
            birth = born(person)
            if birth is None:
                unknown.append(person)
                continue
            m = months_in_band(birth, year, low, high)
            if m:
                counted.append((person, m))
        partial = tuple((p, m) for p, m in counted if m < 12)
        return Count(
            float(len(counted)),
            "人",
            months=sum(m for _, m in counted),
            partial=partial,
            counted=tuple(counted),
            unknown=tuple(unknown),
        )

    def many(hh, people, year):
        months = _months_vectorised(people["_by"], people["_bm"], year, low, high)
        return months.groupby(people["household_id"]).sum().reindex(hh.index, fill_value=0.0)

    return one, many


def _basis(name: str, pair: tuple[Callable, Callable], ages: tuple[int, int | None] | None = None, **kw) -> Basis:
    return Basis(name, pair[0], pair[1], ages, **kw)


BASES: dict[str, Basis] = {
    b.name: b
    for b in (
        _basis("禁牧面积", _area("grazing_ban_area")),
        _basis("草畜平衡面积", _area("balance_area")),
        _basis("耕地面积", _area("arable_area")),
        _basis("草场面积", _area("grassland_area")),
        _basis("人口", (_population, _populations), words="{quantity} 人 × {rate}"),
        _basis("60岁以上人数", _age_band(60, None), (60, None)),
        _basis("80岁以上人数", _age_band(80, None), (80, None)),
        _basis("80至99岁人数", _age_band(80, 100), (80, 100)),
        _basis("100岁以上人数", _age_band(100, None), (100, None)),
        _basis("低保人数", _flag("dibao")),
        _basis("特困人数", _flag("tekun")),
        _basis("残疾人数", _disabled),
        _basis("户", (_household, _households), words="每户 {rate}"),
    )
}
assert tuple(BASES) == POLICY_BASES, "every declared 计算依据 needs a way to count it"


def with_birth_columns(members: pd.DataFrame) -> pd.DataFrame:
    """Members with ``_by``/``_bm`` (birth year and month, from 出生年月 or the ID number) for :meth:`Basis.many`."""
    people = members.copy()
    birth = people["birth_month"] if "birth_month" in people else pd.Series(pd.NaT, index=people.index)
    if "id_number" in people:
        from_id = people["id_number"].map(
            lambda n: pd.Timestamp(birth_date(str(n))) if isinstance(n, str) and birth_date(n) else pd.NaT
        )
        birth = birth.fillna(from_id)
    birth = pd.to_datetime(birth)
    people["_by"], people["_bm"] = birth.dt.year.astype("float64"), birth.dt.month.astype("float64")
    return people
