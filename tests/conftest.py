"""Fixtures shared by every test folder (helpers live in tests/helpers.py)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from helpers import SAMPLE, write_csv, write_xlsx

# jp_fetch and friends: the server's handlers tested in-process (tests/server).
pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture(scope="session")
def sample():
    """The bundled sample campaign, loaded strictly once. Tests must not modify its frames."""
    from campaignkit import load_campaign

    return load_campaign(SAMPLE)


@pytest.fixture
def campaign_copy(tmp_path) -> Path:
    """A writable copy of the sample campaign folder."""
    folder = tmp_path / "campaign"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".campaignkit"))
    return folder


@pytest.fixture
def csv_file(tmp_path):
    def make(name: str, rows: list[list[object]], encoding: str = "utf-8") -> Path:
        return write_csv(tmp_path / name, rows, encoding)

    return make


@pytest.fixture
def xlsx_file(tmp_path):
    def make(name: str, rows: list[list[object]], **kw) -> Path:
        return write_xlsx(tmp_path / name, rows, **kw)

    return make


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test shows the end of the server's log beside its traceback: a page
    that timed out in a clean-clone run is diagnosed from what the server and kernels said."""
    outcome = yield
    report = outcome.get_result()
    if not report.failed or "browser" not in Path(str(item.fspath)).parts:
        return
    served = getattr(sys.modules.get("support"), "served", None)
    path = getattr(served, "log_path", None)
    if path is not None and Path(path).exists():
        tail = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()[-80:]
        report.sections.append((f"campaignkit serve log, last lines ({path})", "\n".join(tail)))


@pytest.fixture
def install_feature(tmp_path, monkeypatch):
    """Install a feature package the way pip leaves one in site-packages: its module and a
    ``.dist-info`` naming it in the ``campaignkit`` entry-point group, in a folder on the path
    of this process and of the servers it starts. Call with (module name, source); returns
    the folder. The registry is rebuilt on the way in and out."""
    import importlib

    from campaignkit.features import registry

    site = tmp_path / "site-packages"
    site.mkdir()
    installed: list[str] = []

    def install(module: str, source: str):
        (site / f"{module}.py").write_text(source, encoding="utf-8")
        info = site / f"{module}-0.1.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(f"[campaignkit]\n{module} = {module}\n", encoding="utf-8")
        installed.append(module)
        importlib.invalidate_caches()
        registry.cache_clear()
        return site

    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH", "")])))
    yield install
    monkeypatch.undo()
    for module in installed:
        sys.modules.pop(module, None)
    importlib.invalidate_caches()
    registry.cache_clear()
