"""campaignkit's exceptions: one base, so a caller (or the CLI) catches
``CampaignkitError`` and knows the message is for a person, in Chinese.

Bad data is not an exception: loaders return problems as data
(:class:`campaignkit.Problem`). These are raised when a call cannot go on.
"""

from __future__ import annotations


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
