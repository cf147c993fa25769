"""The attacker: every view the meeting page offers, every figure it publishes, and
for each hidden figure over fewer than 5 households the range an attacker could
narrow it to by linear programming (scipy's linprog, amounts >= 0). The attacker
knows more than a viewer: which (village, year, item, level) cells are non-zero."""

import itertools

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog
from scipy.sparse import csr_array

from campaignkit.benefits.meeting import MeetingView
from campaignkit.benefits.store import PaymentStore
from campaignkit.core.disclosure import PROTECTION
from campaignkit.ui.view import ALL

KEYS = ["unit", "year", "item", "funding_level"]


def offered_views(view: MeetingView):
    """Every combination of the page's own controls."""
    low, high = view.years.min, view.years.max
    spans = [(a, b) for a in range(low, high + 1) for b in range(a, high + 1)]
    groupings = [value for _, value in view.grouping.options]
    return itertools.product(list(view.unit.options), spans, groupings)


def collect(view: MeetingView):
    """(cell filter, published amount) for every shown figure, and the filters of hidden ones."""
    shown, hidden = {}, set()
    for unit, span, by in offered_views(view):
        published = view.publish(span, unit, by)
        scope = () if unit == ALL else (("unit", unit),)
        figures = [(published["by_year"], "year", lambda g: ("year", (g, g))), (published["breakdown"], by, None)]
        for frame, column, year_of in figures:
            for row in frame.itertuples(index=False):
                group = getattr(row, column)
                key = scope + ((year_of(group),) if year_of else (("year", span), (column, group)))
                if row.suppressed:
                    hidden.add(key)
                else:
                    shown[key] = float(row.amount)
        by_year = published["by_year"]
        if (~by_year["suppressed"]).any():  # the summary sentence's total
            years = tuple(sorted(int(y) for y in by_year.loc[~by_year["suppressed"], "year"]))
            shown[scope + (("years", years),)] = float(by_year.loc[~by_year["suppressed"], "amount"].sum())
    return shown, hidden


def members(cells: pd.DataFrame, key) -> np.ndarray:
    mask = np.ones(len(cells), dtype=bool)
    for column, value in key:
        if column == "year":
            mask &= cells["year"].between(*value).to_numpy()
        elif column == "years":
            mask &= cells["year"].isin(value).to_numpy()
        else:
            mask &= (cells[column] == value).to_numpy()
    return np.flatnonzero(mask)


def narrowest(payments: pd.DataFrame, households: pd.DataFrame, view_or_figures) -> list[tuple]:
    """Every hidden figure over fewer than 5 households whose feasible range is narrower than
    PROTECTION of its true value on either side: (figure, true value, low, high).
    ``view_or_figures``: the meeting view (every figure it can publish), or (shown, hidden)
    as read out of a page."""
    joined = payments.merge(households[["household_id", "unit"]], on="household_id")
    cells = joined.groupby(KEYS, as_index=False).agg(amount=("amount", "sum"))
    shown, hidden = collect(view_or_figures) if isinstance(view_or_figures, MeetingView) else view_or_figures
    constraints = {}
    for key, value in shown.items():
        constraints.setdefault(frozenset(members(cells, key)), value)
    rows = [(i, c) for i, cs in enumerate(constraints) for c in cs]
    a_eq = csr_array((np.ones(len(rows)), ([r for r, _ in rows], [c for _, c in rows])), shape=(len(constraints), len(cells)))
    # In 万元: HiGHS' tolerances are absolute, and sums of millions
    # of 元 that agree to 1e-9 can otherwise be declared infeasible.
    b_eq = np.array(list(constraints.values())) / 1e4
    households_of = joined.groupby(KEYS)["household_id"].agg(frozenset).reindex(pd.MultiIndex.from_frame(cells[KEYS]))
    targets = {}
    for key in hidden:
        index = members(cells, key)
        if 0 < len(frozenset().union(*households_of.iloc[index])) < 5:
            targets.setdefault(frozenset(index), key)
    failures = []
    for index, key in targets.items():
        objective = np.zeros(len(cells))
        objective[list(index)] = 1
        value = float(cells["amount"].iloc[list(index)].sum()) / 1e4
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        assert low.status == 0
        assert high.status in (0, 3)
        top = np.inf if high.status == 3 else -high.fun
        slack = 1e-6 + 1e-6 * value
        if low.fun > value * (1 - PROTECTION) + slack or top < value * (1 + PROTECTION) - slack:
            failures.append((key, value, low.fun, top))
    assert targets, "the campaign has no small groups: the attacker tested nothing"
    return failures


def test_no_hidden_amount_can_be_narrowed_on_the_sample(sample):
    store = PaymentStore.from_campaign(sample)
    households = sample.tables["households"]
    view = MeetingView(store, sorted(households["unit"].unique()), (2016, 2023), illustrative=True)
    assert narrowest(sample.tables["payments"], households, view) == []


def test_the_reported_subtraction_no_longer_works(sample):
    """The issue's reproduction: 阳光社区 2017, 87,424 − 46,452 − 19,900 = one household's 低保."""
    households = sample.tables["households"]
    view = MeetingView(PaymentStore.from_campaign(sample), sorted(households["unit"].unique()), (2016, 2023), illustrative=True)
    items = view.publish((2017, 2017), "阳光社区", "item")["breakdown"].set_index("item")
    assert items.loc["农村牧区低保", "suppressed"]
    assert items.loc["农村牧区低保", "shown_households"] == "不足 5 户"
    visible = items.loc[~items["suppressed"], "amount"].sum()
    village = view.publish((2017, 2017), ALL, "unit")["breakdown"].set_index("unit").loc["阳光社区", "amount"]
    assert items["suppressed"].sum() >= 2, "a lone hidden row is the village total minus the rest"
    assert village - visible != pytest.approx(21072)


def generated(seed: int, tmp_path) -> tuple[pd.DataFrame, pd.DataFrame, PaymentStore]:
    """A campaign of a few villages with common, rare and one-off items over four years."""
    rng = np.random.default_rng(seed)
    units = [f"第{i}村" for i in range(int(rng.integers(3, 6)))]
    sizes = rng.integers(3, 40, len(units))
    hh = pd.DataFrame(
        {
            "household_id": [f"G{u}-{i:03d}" for u, n in enumerate(sizes) for i in range(n)],
            "unit": [unit for unit, n in zip(units, sizes) for _ in range(n)],
            "household_type": "牧户",
        }
    )
    rows = []
    items = {"养老金": 0.8, "禁牧补助": 0.6, "低保": 0.08, "高龄津贴": 0.1, "百岁津贴": 0.01}
    levels = {
        "养老金": ["中央", "自治区"],
        "禁牧补助": ["中央"],
        "低保": ["中央", "旗级"],
        "高龄津贴": ["自治区"],
        "百岁津贴": ["旗级"],
    }
    for year in range(2020, 2024):
        for household in hh["household_id"]:
            for item, share in items.items():
                if rng.random() < share:
                    for level in levels[item]:
                        rows.append((household, year, item, level, float(rng.integers(100, 20000))))
    pay = pd.DataFrame(rows, columns=["household_id", "year", "item", "funding_level", "amount"])
    pay["date"] = pd.to_datetime(pay["year"].astype(str) + "-06-30")
    pay.to_parquet(tmp_path / "payments.parquet", index=False)
    hh.to_parquet(tmp_path / "households.parquet", index=False)
    return pay, hh, PaymentStore.from_parquet(tmp_path / "payments.parquet", tmp_path / "households.parquet")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_hidden_amount_can_be_narrowed_on_generated_campaigns(seed, tmp_path):
    pay, hh, store = generated(seed, tmp_path)
    view = MeetingView(store, sorted(hh["unit"].unique()), (2020, 2023), illustrative=True)
    assert narrowest(pay, hh, view) == []


def test_each_years_pattern_is_kept_and_not_solved_again(sample, tmp_path, monkeypatch):
    from campaignkit.benefits import disclosure

    store = PaymentStore.from_campaign(sample)
    first = disclosure.MeetingFigures(store, tmp_path).pattern
    assert len(list(tmp_path.glob("meeting-*.json"))) == sample.tables["payments"]["year"].nunique()

    def no_solving(*args, **kwargs):
        raise AssertionError("a kept year was solved again")

    monkeypatch.setattr(disclosure, "suppress", no_solving)
    assert disclosure.MeetingFigures(store, tmp_path).pattern == first
