"""Read-aloud: a sentence spoken in Mandarin by espeak-ng on the serving laptop, as WAV.

Chosen over the browser's own speech (``speechSynthesis``): Debian's Chromium has no voice
without a speech server, and a phone's voices differ or need the internet; espeak-ng (a
Debian package, Mandarin voice ``cmn``) needs neither and takes ~25 ms a sentence. A handout
opened from a file has no laptop behind it: there the browser's own voice is used if it has one.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import Future
from pathlib import Path

from cachetools import LRUCache

from ..errors import CampaignkitError

VOICE, WORDS_PER_MINUTE = "cmn", 150
MAX_CHARACTERS = 400  # a sentence or two; longer text is cut, not refused
CACHE_BYTES = 32 * 1024 * 1024  # spoken sentences kept, by their size (a long one is ~5 MB of WAV)

_spoken: LRUCache = LRUCache(maxsize=CACHE_BYTES, getsizeof=len)
_speaking: dict[str, Future] = {}  # sentences being spoken: a second asker waits for the first
_lock = threading.Lock()


class SpeechUnavailable(CampaignkitError):
    """espeak-ng is not installed (message in Chinese)."""


def available() -> bool:
    return shutil.which("espeak-ng") is not None


def speak_wav(text: str) -> bytes:
    """``text`` (cut to MAX_CHARACTERS) spoken as a WAV file's bytes; the most recently asked
    sentences are kept, up to CACHE_BYTES in all."""
    if not available():
        raise SpeechUnavailable("朗读需要 espeak-ng：请运行 make runtime-deps（或 apt-get install espeak-ng）。")
    text = " ".join(text.split())[:MAX_CHARACTERS]
    with _lock:
        if text in _spoken:
            return _spoken[text]
        asked = _speaking.get(text)
        if asked is None:
            mine = _speaking[text] = Future()
    if asked is not None:
        return asked.result()
    try:
        audio = _speak(text)
    except BaseException as exc:
        mine.set_exception(exc)
        with _lock:
            _speaking.pop(text, None)
        raise
    with _lock:
        if len(audio) <= CACHE_BYTES:
            _spoken[text] = audio
        _speaking.pop(text, None)
    mine.set_result(audio)
    return audio


def cached_bytes() -> int:
    """What the spoken sentences kept take (at most CACHE_BYTES)."""
    with _lock:
        return int(_spoken.currsize)


def _speak(text: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="campaignkit-speak-") as work:
        out = Path(work) / "speech.wav"
        # The text goes in on stdin: nothing a page sends is ever read as an option.
        subprocess.run(
            ["espeak-ng", "-v", VOICE, "-s", str(WORDS_PER_MINUTE), "-w", str(out), "--stdin"],
            input=text.encode("utf-8"),
            check=True,
            timeout=30,
            capture_output=True,
        )
        return out.read_bytes()
