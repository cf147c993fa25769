"""Files of a campaign's state folder (``.campaignkit/``: stores, caches of household tables,
the LAN token) readable by their owner only: on a shared laptop another account must not
read names, ID numbers or the key to the dashboards."""

from __future__ import annotations

import os
from pathlib import Path

STATE_FOLDER = ".campaignkit"


def owner_only(path: Path) -> Path:
    """A folder 0700 (and every folder and file under it 0700/0600), or a file 0600."""
    path = Path(path)
    if path.is_dir():
        os.chmod(path, 0o700)
        for root, dirs, files in os.walk(path):
            for name in dirs:
                os.chmod(os.path.join(root, name), 0o700)
            for name in files:
                full = os.path.join(root, name)
                if not os.path.islink(full):
                    os.chmod(full, 0o600)
    elif path.exists():
        os.chmod(path, 0o600)
    return path


def secure_state(campaign: Path) -> Path:
    """The campaign's state folder, created if need be, made owner-only (existing files of
    older versions, written 0644, included)."""
    folder = Path(campaign) / STATE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return owner_only(folder)
