"""Loading with every registered feature's tables: the functions users call.

:mod:`campaignkit.core` takes the table catalogue as an argument so that it
knows no feature; these take it from the registry (:mod:`campaignkit.features`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from .core import campaign as _campaign
from .core import loader as _loader
from .core import template as _template
from .core.campaign import Campaign
from .core.declare import Table
from .core.loader import TableResult
from .core.problems import sort_problems
from .features import catalogue, registry


def check_campaign(path: str | Path | None = None, *, tables: Collection[str] | None = None) -> Campaign:
    """Load every table of a campaign folder (or only ``tables`` and those they refer to)
    leniently and run the cross-table checks; never raises for bad data (``path=None``:
    ``$CAMPAIGNKIT_CAMPAIGN``, else the sample).

    Raises :class:`~campaignkit.errors.CampaignNotFound` when ``path`` is not a folder.
    """
    campaign = _campaign.check_campaign(path, catalogue(), tables)
    if tables is None:  # a whole check (validate, data health) includes the records kept outside the tables
        extra = [p for check in registry().record_checks() for p in check(campaign)]
        if extra:
            campaign.problems = sort_problems([*campaign.problems, *extra])
    return campaign


def load_campaign(path: str | Path | None = None, *, strict: bool = True, tables: Collection[str] | None = None) -> Campaign:
    """Load a campaign folder (``path=None``: ``$CAMPAIGNKIT_CAMPAIGN``, else the bundled sample).

    Strict by default: if any table has an error, raises
    :class:`~campaignkit.CampaignDataError` listing every problem. With
    ``strict=False`` the campaign holds the good records and the problems.
    Tables: ``campaign.tables["indicators"]``; ``tables=["indicators"]`` reads only those
    (and the tables they refer to).
    """
    return _campaign.load_campaign(path, catalogue(), strict=strict, tables=tables)


def read_table(
    path: str | Path,
    table: str | Table | None = None,
    *,
    defaults: Mapping[str, str] | None = None,
    display_name: str | None = None,
) -> TableResult:
    """Read one table file leniently: good records, rejected rows with reasons, problems
    and counts. ``table`` is a table name ("payments") or ``None`` to guess it."""
    return _loader.read_table(path, table, tables=catalogue(), defaults=defaults, display_name=display_name)


def write_templates(folder: str | Path, tables: list[str] | None = None) -> list[Path]:
    """A blank ``.xlsx`` template for every table (or the named ones) in ``folder``."""
    return _template.write_templates(folder, catalogue(), tables)
