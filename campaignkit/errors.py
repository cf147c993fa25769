"""campaignkit's exceptions: one base, so a caller (or the CLI) catches
``CampaignkitError`` and knows the message is for a person, in Chinese.

Bad data is not an exception: loaders return problems as data
(:class:`campaignkit.Problem`). These are raised when a call cannot go on.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class CampaignkitError(Exception):
    """Base of every error campaignkit raises on purpose; ``str(error)`` is a Chinese message."""


class CampaignNotFound(CampaignkitError, FileNotFoundError):
    """The campaign folder or file does not exist, or is not the kind expected."""


class UnreadableFile(CampaignkitError):
    """The file exists but cannot be read as a table (wrong format, damaged, password-protected)."""


class CalculatorError(CampaignkitError, ValueError):
    """The entitlement calculator's inputs cannot be calculated."""


class InputError(CampaignkitError, ValueError):
    """A dashboard control value that is not one the dashboard offers (possibly forged)."""


def did_you_mean(word: str, names: Iterable[str], *, limit: int = 3) -> str:
    """'您是不是要写：年末常住人口？' for a misspelt name, from the names that exist (the closest
    first, by difflib's ratio on characters, which suits Chinese names); '' when none is close."""
    names = [str(n) for n in dict.fromkeys(names)]
    close = difflib.get_close_matches(str(word), names, n=limit, cutoff=0.5)
    if not close:  # a part of the name ('常住人口' for '年末常住人口')
        close = [n for n in names if word and (word in n or n in word)][:limit]
    return f"您是不是要写：{'、'.join(close)}？" if close else ""
