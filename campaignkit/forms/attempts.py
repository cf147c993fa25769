"""Wrong one-time codes per client, for every page that takes a code (forms, ballots)."""

from __future__ import annotations

import time

from ..core.network import LOOPBACK


class CodeAttempts:
    """Wrong one-time codes per client: after ``limit`` in ``window`` seconds, a pause, so that
    40-bit codes cannot be guessed from a phone (or a script) on the hall's network."""

    def __init__(self, limit: int = 10, window: float = 600.0):
        self.limit, self.window = limit, window
        self._failures: dict[str, list[float]] = {}

    def _recent(self, client: str) -> list[float]:
        now = time.monotonic()
        recent = [t for t in self._failures.get(client, []) if now - t < self.window]
        self._failures[client] = recent
        return recent

    def blocked(self, client: str) -> bool:
        return client not in LOOPBACK and len(self._recent(client)) >= self.limit

    def failed(self, client: str) -> None:
        if client not in LOOPBACK:  # the laptop itself: the staff typing codes for voters at the desk
            self._recent(client).append(time.monotonic())


def code_attempts(settings: dict) -> CodeAttempts:
    """The server's one counter (kept in the web application's settings): wrong codes typed on a
    form and on a ballot count together."""
    return settings.setdefault("campaignkit_code_failures", CodeAttempts())
