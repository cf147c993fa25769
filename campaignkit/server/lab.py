"""``campaignkit lab``: JupyterLab on the dashboards' notebooks, for trainers who edit them.

The notebooks in ``notebooks/`` are the trainers' own source: open them here, copy
one, change its words, and see it as the audience will with the Voilà preview
(the 🔍 button, or right-click → "Open with → Voilà preview"), which uses
campaignkit's offline template and the campaign given here. Nothing is fetched
from the internet: no news feed, no update check, no extension catalogue, no CDN.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from ..core.campaign import kernel_environment, resolve_campaign_dir
from ..core.paths import TALKS_FOLDER, pages_dir
from ..errors import CampaignNotFound

CONFIG = """\
c.ServerApp.ip = {ip!r}
c.ServerApp.port = {port}
c.ServerApp.port_retries = 0
c.ServerApp.open_browser = {open_browser}
c.ServerApp.root_dir = {root!r}
c.ServerApp.allow_root = True
# Voilà's preview page would name MathJax on a CDN; JupyterLab bundles its own.
c.ServerApp.tornado_settings = {{"mathjax_url": None, "mathjax_config": None}}
c.LabApp.news_url = None
# JupyterLab in Simplified Chinese, with no "get Jupyter news?" prompt (the trainer's own
# settings, kept with the campaign, win over these defaults once changed).
c.LabApp.user_settings_dir = {settings!r}
c.LabApp.check_for_updates_class = "jupyterlab.handlers.announcements.NeverCheckForUpdate"
c.LabApp.extension_manager = "readonly"
c.VoilaConfiguration.template = "campaignkit"
c.VoilaConfiguration.theme = "light"
c.VoilaConfiguration.allow_template_override = "NO"
# Voilà's preview runs the notebook with km.client(): see campaignkit.server.client.
c.KernelManager.client_factory = "campaignkit.server.client.RecheckingKernelClient"
# The talks' projector, presenter and handout pages, as `campaignkit serve` has them.
c.ServerApp.jpserver_extensions = {{"campaignkit.server.lab_extension": True}}
"""


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
    talks: bool = False,
) -> int:
    """Run JupyterLab on ``notebooks`` (default: the bundled notebooks) until Ctrl+C;
    ``talks``: on the campaign's own talks (``<campaign>/talks/``, made if missing)."""
    try:
        folder = resolve_campaign_dir(campaign)
        if talks:
            (folder / TALKS_FOLDER).mkdir(exist_ok=True)
            notebooks = folder / TALKS_FOLDER
        root = pages_dir(notebooks)
    except CampaignNotFound as exc:
        print(f"无法启动：{exc}", file=sys.stderr)
        return 2
    env = {**os.environ, **kernel_environment(folder)}
    with tempfile.TemporaryDirectory(prefix="campaignkit-lab-") as scratch:
        config = Path(scratch) / "jupyter_lab_config.py"
        settings = str(lab_settings(folder))
        config.write_text(
            CONFIG.format(ip="127.0.0.1", port=port, open_browser=open_browser, root=str(root), settings=settings),
            encoding="utf-8",
        )
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
