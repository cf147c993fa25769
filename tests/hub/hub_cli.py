"""Running ``campaignkit hub …`` in the hub tests."""

from __future__ import annotations

import subprocess
import sys


def hub(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """``campaignkit hub …`` as a trainer runs it."""
    done = subprocess.run([sys.executable, "-m", "campaignkit", "hub", *args], capture_output=True, text=True, timeout=180)
    if check:
        assert done.returncode == 0, done.stderr
    return done
