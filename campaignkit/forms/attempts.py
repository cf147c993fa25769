"""Wrong one-time codes, for every page that takes a code (forms, ballots).

A hall's phones often share one address (the village Wi-Fi's NAT), and twenty phones racing
with one slip's code are refused nineteen times for one code: so what counts is each wrong
code once, per phone (its browser session) and, far more loosely, per address — enough to
keep a script from guessing 40-bit codes, never enough to lock a hall out."""

from __future__ import annotations

import hashlib
import time

from ..core.network import LOOPBACK

SESSION_LIMIT = 10  # distinct wrong codes from one phone in the window
ADDRESS_LIMIT = 100  # distinct wrong codes from one address (a whole hall behind NAT)
WINDOW = 600.0


class CodeAttempts:
    """Wrong codes per phone session and per address: past a limit within ``window`` seconds, a
    pause. 100 guesses in 10 minutes find one of 500 codes among 2**40 with odds of ~10**-7."""

    def __init__(self, limit: int = SESSION_LIMIT, window: float = WINDOW, address_limit: int = ADDRESS_LIMIT):
        self.limit, self.window, self.address_limit = limit, window, address_limit
        self._failures: dict[str, dict[str, float]] = {}

    def _recent(self, key: str) -> dict[str, float]:
        now = time.monotonic()
        recent = {code: t for code, t in self._failures.get(key, {}).items() if now - t < self.window}
        if recent:
            self._failures[key] = recent
        else:
            self._failures.pop(key, None)
        return recent

    def blocked(self, client: str, session: str = "") -> bool:
        if client in LOOPBACK:  # the laptop itself: the staff typing codes for voters at the desk
            return False
        return len(self._recent(f"address:{client}")) >= self.address_limit or (
            bool(session) and len(self._recent(f"session:{session}")) >= self.limit
        )

    def failed(self, client: str, code: str | None, session: str = "") -> None:
        if client in LOOPBACK:
            return
        tried = hashlib.sha256("".join((code or "").split()).upper().encode()).hexdigest()[:16]
        now = time.monotonic()
        for key in (f"address:{client}", *((f"session:{session}",) if session else ())):
            self._recent(key)
            self._failures.setdefault(key, {})[tried] = now


def session_of(handler) -> str:
    """A phone's browser session: its XSRF cookie (set with the page), hashed."""
    cookie = handler.get_cookie("_xsrf", "") or ""
    return hashlib.sha256(cookie.encode()).hexdigest()[:16] if cookie else ""
