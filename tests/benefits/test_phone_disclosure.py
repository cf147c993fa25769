"""The benefits phone page (served to every phone under --lan) embeds only figures the
meeting page publishes, no household, and the attacker gets nothing more out of the data
the page carries than the suppression rule allows."""

from __future__ import annotations

from html import unescape

from test_meeting_disclosure import narrowest

from campaignkit.benefits.phone import TOWNSHIP, benefits_phone
from campaignkit.ui.phone import embedded_data, phone_document

BREAKDOWNS = ["item", "funding_level", "unit"]


def page_figures(document: str, units: list[str], span: tuple[int, int]):
    """(cell filter, amount in 万元 as the page shows it) for every figure the page embeds, by div id."""
    figures = embedded_data(document)["figures"]
    shown = {}
    for i, unit in enumerate([None, *units]):
        scope = () if unit is None else (("unit", unit),)
        trend = figures[f"c{i}-0"]["data"]
        for year, amount in zip(trend[0]["x"], trend[0]["y"]) if trend else ():
            shown[scope + (("year", (int(year), int(year))),)] = float(amount)
        for j, by in enumerate(BREAKDOWNS[: 3 if unit is None else 2], start=1):
            data = figures[f"c{i}-{j}"]["data"]
            for label, amount in zip(data[0]["y"], data[0]["x"]) if data else ():
                shown[scope + (("year", span), (by, unescape(label)))] = float(amount)
    return shown


def test_the_phone_page_shows_only_published_figures_and_no_household(sample):
    page = benefits_phone(sample)
    document = phone_document(page)
    households = sample.tables["households"]
    units = sorted(households["unit"].dropna().unique())
    assert [c.label for c in page.choices] == [TOWNSHIP, *units]
    for column in ("head_name", "id_number", "household_id"):
        values = [str(v) for v in households[column].dropna() if len(str(v)) >= 2]
        assert not any(v in document for v in values), column
    for value in sample.tables["members"]["name"].dropna():
        assert str(value) not in document

    from campaignkit.benefits.disclosure import MeetingFigures
    from campaignkit.benefits.store import PaymentStore

    years = sample.tables["payments"]["year"].dropna().astype(int)
    span = (int(years.min()), int(years.max()))
    figures = MeetingFigures(PaymentStore.from_campaign(sample))
    shown = page_figures(document, units, span)
    assert len(shown) > 50
    hidden = set()
    published = {}
    for unit in [None, *units]:
        scope = () if unit is None else (("unit", unit),)
        for row in figures.table("year", unit, span).itertuples(index=False):
            key = scope + (("year", (int(row.year), int(row.year))),)
            (hidden.add(key) if row.suppressed else published.__setitem__(key, row.amount))
        for by in BREAKDOWNS[: 3 if unit is None else 2]:
            for row in figures.table(by, unit, span).itertuples(index=False):
                key = scope + (("year", span), (by, getattr(row, by)))
                (hidden.add(key) if row.suppressed else published.__setitem__(key, row.amount))
    assert hidden, "the sample has small groups: otherwise nothing here is tested"
    assert not set(shown) & hidden  # no hidden figure is on the page
    for key, amount in shown.items():  # every figure on the page is one the meeting page publishes
        assert abs(published[key] / 1e4 - amount) <= 0.006, key
    # The attacker, on what this page carries (its exact values: a stronger attacker than the rounded ones).
    failures = narrowest(sample.tables["payments"], households, ({k: float(published[k]) for k in shown}, hidden))
    assert failures == []
