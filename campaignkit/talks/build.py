"""From a talk notebook to a deck: keep the audience's cells, run them in a kernel against
the campaign (as JupyterLab and nbval run them), and split the result into slides.

Running the notebook is the one faithful way to draw what the trainer wrote (any code,
any import); the result is kept in memory, keyed by the notebook, the audience and the
campaign's files, so presenting the same talk again is instant.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import threading
from collections import OrderedDict
from concurrent.futures import Future
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from ..core.cache import files_state
from ..core.campaign import CAMPAIGN_ENV, resolve_campaign_dir
from ..core.config import CampaignConfig
from ..errors import CampaignNotFound
from .api import DECK_BUILD_ENV
from .notebook import Deck, TalkNotebookError, for_audience, known_audiences, slides_of

CELL_TIMEOUT = 120  # seconds a cell may run: loading a large campaign the first time
_CACHE: OrderedDict[str, Deck] = OrderedDict()
_CACHE_SIZE = 16
_LOCK = threading.Lock()
_BUILDING: dict[str, Future] = {}  # builds under way: phones asking for the same deck wait on one kernel
# Builds that failed, per state of the notebook and the files: asked again, they fail again
# without a kernel (ten phones refreshing a broken handout started six kernels).
_FAILED: OrderedDict[str, BaseException] = OrderedDict()


def read_talk(path: str | Path):
    path = Path(path)
    if not path.is_file():
        raise CampaignNotFound(f"找不到讲稿文件：{path}")
    try:
        return nbformat.read(path, as_version=4)
    except Exception as exc:  # nbformat raises several kinds for a damaged file
        raise TalkNotebookError(f"讲稿文件 {path.name} 无法读取（不是有效的 Jupyter 笔记本）：{exc}") from None


def campaign_audiences(campaign: Path) -> tuple[str, ...]:
    return known_audiences(CampaignConfig.of(campaign).audiences)


def fingerprint(notebook: Path, campaign: Path, audience: str | None) -> str:
    """Changes when the notebook, the audience or any file of the campaign changes."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(notebook.read_bytes())
    digest.update(f"|{audience}|{campaign.resolve()}|{files_state(campaign)}".encode())
    return digest.hexdigest()


def build_deck(notebook: str | Path, campaign: str | Path | None = None, *, audience: str | None = None) -> Deck:
    """The deck of ``notebook`` for ``audience`` (None: the version for everyone), drawn
    from ``campaign`` (default: ``$CAMPAIGNKIT_CAMPAIGN`` or the sample)."""
    notebook = Path(notebook).resolve()
    folder = resolve_campaign_dir(campaign).resolve()  # the kernel runs in the notebook's folder
    key = fingerprint(notebook, folder, audience) if notebook.is_file() else ""
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
        if key in _FAILED:
            raise _FAILED[key]
        building = _BUILDING.get(key) if key else None
        if building is None:
            mine: Future = Future()
            if key:
                _BUILDING[key] = mine
    if building is not None:
        return building.result()
    try:
        nb = for_audience(read_talk(notebook), audience, campaign_audiences(folder))
        deck = slides_of(execute(nb, folder, notebook.parent), audience)
    except BaseException as exc:
        mine.set_exception(exc)
        with _LOCK:
            _BUILDING.pop(key, None)
            if key and isinstance(exc, Exception):  # not an interrupt: that is no verdict on the files
                _FAILED[key] = exc
                while len(_FAILED) > _CACHE_SIZE:
                    _FAILED.popitem(last=False)
        raise
    with _LOCK:
        _CACHE[key] = deck
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
        _BUILDING.pop(key, None)
    mine.set_result(deck)
    return deck


def execute(nb, campaign: Path, cwd: Path):
    """Run every code cell in a fresh kernel with the campaign set; errors stay in the
    outputs (the splitter reports the first with its cell number)."""
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(cwd)}},
    )
    env = {**os.environ, CAMPAIGN_ENV: str(campaign), DECK_BUILD_ENV: "1"}
    try:
        # The kernel's own stderr is only its transport warning; errors come back as outputs.
        client.execute(env=env, stderr=subprocess.DEVNULL)
    except (CellExecutionError, CellTimeoutError) as exc:
        raise TalkNotebookError(f"讲稿运行超时或出错：{str(exc).splitlines()[0]}") from None
    return nb
