"""Where the bundled sample campaign and notebooks are, installed or in a checkout."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import CampaignkitError, CampaignNotFound

_PACKAGE = Path(__file__).resolve().parents[1]
_CHECKOUT = _PACKAGE.parent


def _first(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def sample_campaign_dir() -> Path:
    """The bundled sample campaign (``data/sample`` in a checkout)."""
    return _first(_CHECKOUT / "data" / "sample", _PACKAGE / "_bundled" / "sample")


def reference_dir() -> Path:
    """Public figures and policy rules with their sources (``data/reference`` in a checkout)."""
    return _first(_CHECKOUT / "data" / "reference", _PACKAGE / "_bundled" / "reference")


def notebooks_dir() -> Path:
    """The dashboards' notebooks (``notebooks/`` in a checkout)."""
    return _first(_CHECKOUT / "notebooks", _PACKAGE / "_bundled" / "notebooks")


def pages_dir(notebooks: str | Path | None = None) -> Path:
    """The notebooks folder a command serves: the one given, else the bundled notebooks."""
    folder = Path(notebooks).resolve() if notebooks else notebooks_dir()
    if not folder.is_dir():
        raise CampaignNotFound(f"找不到看板笔记本文件夹：{folder}")
    return folder


# A campaign folder's layout: the guide writes new talks there, the talks read them.
TALKS_FOLDER = "talks"  # <campaign>/talks/: the trainers' own talk notebooks
_BAD_NAME = re.compile(r"[\\/:*?\"<>|\x00-\x1f]")


def talk_file(campaign: Path, name: str) -> Path:
    """``<campaign>/talks/<name>.ipynb`` for a name a trainer typed (checked: a file name, no path)."""
    name = name.strip().removesuffix(".ipynb")
    if not name or _BAD_NAME.search(name) or name.startswith("."):
        raise CampaignkitError(f'讲稿名称“{name}”不能用：不能为空，不能以点开头，不能含 \\ / : * ? " < > | 等字符。')
    return campaign / TALKS_FOLDER / f"{name}.ipynb"
