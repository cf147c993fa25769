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
from functools import lru_cache
from pathlib import Path

from ..errors import CampaignkitError

VOICE, WORDS_PER_MINUTE = "cmn", 150
MAX_CHARACTERS = 400  # a sentence or two; longer text is cut, not refused


class SpeechUnavailable(CampaignkitError):
    """espeak-ng is not installed (message in Chinese)."""


def available() -> bool:
    return shutil.which("espeak-ng") is not None


@lru_cache(maxsize=256)
def speak_wav(text: str) -> bytes:
    """``text`` (cut to MAX_CHARACTERS) spoken as a WAV file's bytes."""
    if not available():
        raise SpeechUnavailable("朗读需要 espeak-ng：请运行 make runtime-deps（或 apt-get install espeak-ng）。")
    text = " ".join(text.split())[:MAX_CHARACTERS]
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
