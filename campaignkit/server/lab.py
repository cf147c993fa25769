"""``campaignkit lab``: JupyterLab on the dashboards' notebooks, for trainers who edit them.

The notebooks in ``notebooks/`` are the trainers' own source: open them here, copy
one, change its words, and see it as the audience will with the Voilà preview
(the 🔍 button, or right-click → "Open with → Voilà preview"), which uses
campaignkit's offline template and the campaign given here. Nothing is fetched
from the internet: no news feed, no update check, no extension catalogue, no CDN.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from traitlets.config import Config

from ..core.campaign import resolve_campaign_dir
from ..core.paths import pages_dir
from ..errors import CampaignNotFound
from .settings import kernel_environment, voila_settings


def lab_config(root: Path, campaign: Path, *, port: int, open_browser: bool, settings: Path) -> Config:
    """JupyterLab's configuration: the notebooks at ``root``, Voilà's preview as ``serve`` shows
    pages, the campaign's preview pages, and nothing fetched from the internet."""
    c = voila_settings(Config())  # JupyterLab bundles its own MathJax; Voilà's preview must not name a CDN
    c.ServerApp.ip = "127.0.0.1"
    c.ServerApp.port = port
    c.ServerApp.port_retries = 0
    c.ServerApp.open_browser = open_browser
    c.ServerApp.root_dir = str(root)
    c.ServerApp.allow_root = True
    c.LabApp.news_url = None
    # JupyterLab in Simplified Chinese, with no "get Jupyter news?" prompt (the trainer's own
    # settings, kept with the campaign, win over these defaults once changed).
    c.LabApp.user_settings_dir = str(settings)
    c.LabApp.check_for_updates_class = "jupyterlab.handlers.announcements.NeverCheckForUpdate"
    c.LabApp.extension_manager = "readonly"
    # The pages features offer for preview (a talk's projector, presenter and handout pages).
    c.ServerApp.jpserver_extensions = {"campaignkit.server.lab_extension": True}
    c.CampaignkitApp.campaign = str(Path(campaign).resolve())
    return c


# JupyterLab's settings a trainer starts with: the zh-CN language pack (a dependency), no news.
DEFAULT_SETTINGS = {
    "@jupyterlab/translation-extension/plugin.jupyterlab-settings": '{"locale": "zh_CN"}',
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": '{"fetchNews": "false"}',
}


def lab_settings(folder: Path) -> Path:
    """The campaign's JupyterLab settings folder, with the defaults where the trainer has none."""
    settings = folder / ".campaignkit" / "lab-settings"
    for name, text in DEFAULT_SETTINGS.items():
        path = settings / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text + "\n", encoding="utf-8")
    return settings


def lab_command(config_file: Path) -> list[str]:
    return [sys.executable, "-m", "jupyterlab", f"--config={config_file}"]


def lab(
    campaign: str | Path | None = None,
    *,
    port: int = 8888,
    notebooks: str | Path | None = None,
    open_browser: bool = True,
    folder_in_campaign: str | None = None,
) -> int:
    """Run JupyterLab on ``notebooks`` (default: the bundled notebooks) until Ctrl+C;
    ``folder_in_campaign``: on that folder of the campaign instead (made if missing), e.g. a
    feature's own notebooks."""
    try:
        folder = resolve_campaign_dir(campaign)
        if folder_in_campaign:
            (folder / folder_in_campaign).mkdir(exist_ok=True)
            notebooks = folder / folder_in_campaign
        root = pages_dir(notebooks)
    except CampaignNotFound as exc:
        print(f"无法启动：{exc}", file=sys.stderr)
        return 2
    env = {**os.environ, **kernel_environment(folder)}
    with tempfile.TemporaryDirectory(prefix="campaignkit-lab-") as scratch:
        config = Path(scratch) / "jupyter_lab_config.json"
        c = lab_config(root, folder, port=port, open_browser=open_browser, settings=lab_settings(folder))
        config.write_text(json.dumps(c, indent=1), encoding="utf-8")
        print(
            f"活动数据：{folder}\n笔记本文件夹：{root}\n在浏览器中打开终端里显示的 http://127.0.0.1:{port}/lab?token=… 地址；按 Ctrl+C 停止。",
            flush=True,
        )
        process = subprocess.Popen(lab_command(config), env=env)
        try:
            return process.wait()
        except KeyboardInterrupt:
            process.terminate()
            return process.wait()
