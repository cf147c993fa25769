"""A hub folder with a real PostgreSQL cluster in it, where the cluster's user can reach it
(pytest's own temporary folders are root's alone)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hub_cli import copy_hub, hub


@pytest.fixture
def reachable():
    """An empty folder the postgres user can pass through, removed after the test."""
    folder = Path(tempfile.mkdtemp(prefix="ckhub-", dir="/tmp"))
    folder.chmod(0o711)
    yield folder
    _stop(folder / "hub")
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def template_hub():
    """One `hub init` per test process: each test's hub is a copy of it (initdb and createdb take
    seconds; a copy of a stopped cluster, owners kept, a fraction of that)."""
    folder = Path(tempfile.mkdtemp(prefix="ckhub-template-", dir="/tmp"))
    folder.chmod(0o711)
    hub("init", str(folder / "hub"))
    yield folder / "hub"
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def hub_dir(reachable, template_hub):
    return copy_hub(template_hub, reachable / "hub")


def _stop(folder: Path) -> None:
    from campaignkit.hub.cluster import Cluster

    if (folder / "pgdata" / "PG_VERSION").exists() and os.path.exists(folder):
        Cluster(folder).stop()
