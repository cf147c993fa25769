"""A hub folder with a real PostgreSQL cluster in it, where the cluster's user can reach it
(pytest's own temporary folders are root's alone)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hub_cli import hub


@pytest.fixture
def reachable():
    """An empty folder the postgres user can pass through, removed after the test."""
    folder = Path(tempfile.mkdtemp(prefix="ckhub-", dir="/tmp"))
    folder.chmod(0o711)
    yield folder
    _stop(folder / "hub")
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def hub_dir(reachable):
    hub("init", str(reachable / "hub"))
    return reachable / "hub"


def _stop(folder: Path) -> None:
    from campaignkit.hub.cluster import Cluster

    if (folder / "pgdata" / "PG_VERSION").exists() and os.path.exists(folder):
        Cluster(folder).stop()
