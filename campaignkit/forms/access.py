"""The cadres' key of register forms (door visits), beside the hall's token."""

from __future__ import annotations

from pathlib import Path

from ..core.network import lan_settings, readable_token, saved_settings, write_settings


def staff_key(folder: Path) -> str:
    """The second key a register form asks of a phone, beside the hall's token: the hall's phones
    have the token from the QR on the screen; only the cadres are given the address with this
    key, so a resident cannot add visits to the coverage leaders are judged on. Kept in the same
    file as the token, and changed with it (``serve --new-token``)."""
    lan_settings(Path(folder), None)
    saved = saved_settings(folder)
    staff = saved.get("staff")
    if not isinstance(staff, str) or not staff:
        staff = readable_token(20)
        write_settings(folder, {**saved, "staff": staff})
    return staff
