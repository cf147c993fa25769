"""跟随投影: which slide each talk is on, so the hall's phones can follow the projector.

The laptop's projector and presenter pages report the slide they show; a phone's follow page
asks for it and is answered as soon as it changes (a long poll: one open request per phone,
no reload, no kernel). Positions live in the server's memory: a restarted server starts
every talk again from its first slide, as the projector page does.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

WAIT_SECONDS = 25.0  # under the idle timeouts of phones' browsers and village routers


@dataclass
class Position:
    name: str
    audience: str | None
    title: str
    index: int = 0
    version: int = 0
    changed: float = 0.0  # when the laptop last moved it (0: not yet shown)
    moved: asyncio.Event = field(default_factory=asyncio.Event)


class Positions:
    """The slide each talk (and audience version) is on, by the laptop's last report."""

    def __init__(self) -> None:
        self._talks: dict[tuple[str, str | None], Position] = {}

    def set(self, name: str, audience: str | None, title: str, index: int) -> Position:
        position = self._talks.setdefault((name, audience), Position(name, audience, title))
        if position.version and position.index == index:
            return position
        position.index, position.title, position.changed = index, title, time.time()
        position.version += 1
        moved, position.moved = position.moved, asyncio.Event()
        moved.set()  # wakes every phone waiting on the old version
        return position

    async def wait(self, name: str, audience: str | None, after: int, timeout: float = WAIT_SECONDS) -> Position:
        """The position once its version is past ``after`` (or as it is after ``timeout``);
        version 0 means the projector has not shown the talk yet."""
        position = self._talks.setdefault((name, audience), Position(name, audience, ""))
        if position.version != after:
            return position
        try:
            await asyncio.wait_for(position.moved.wait(), timeout)
        except TimeoutError:
            pass
        return self._talks[(name, audience)]

    def showing(self, within: float = 3 * 3600) -> list[Position]:
        """Talks the projector moved in the last hours, the latest first (for the phones' index)."""
        now = time.time()
        recent = [p for p in self._talks.values() if p.version and now - p.changed <= within]
        return sorted(recent, key=lambda p: p.changed, reverse=True)


POSITIONS = Positions()
