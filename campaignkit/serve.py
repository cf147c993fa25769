"""``campaignkit serve``: Voilà on the dashboards' notebooks, for one campaign.

Binds 127.0.0.1, uses campaignkit's offline template (no CDN links), hides
tracebacks from viewers, and culls idle kernels (Voilà leaks a kernel per
closed tab otherwise, voila#1458).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from .campaign import CAMPAIGN_ENV, resolve_campaign_dir
from .paths import notebooks_dir, voila_share_dir

TEMPLATE = "campaignkit"
CULL_INTERVAL_S = 60
CULL_IDLE_TIMEOUT_S = 1800


def voila_command(port: int, notebooks: Path, *, open_browser: bool = False, ip: str = "127.0.0.1") -> list[str]:
    """The Voilà command line campaignkit runs."""
    return [
        sys.executable, "-m", "voila", str(notebooks),
        f"--port={port}",
        f"--Voila.ip={ip}",
        f"--template={TEMPLATE}",
        "--theme=light",
        "--no-browser" if not open_browser else "--Voila.open_browser=True",
        "--VoilaConfiguration.show_tracebacks=False",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_S}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_TIMEOUT_S}",
        "--MappingKernelManager.cull_connected=False",
    ]


def voila_env(campaign: Path) -> dict[str, str]:
    """Environment for Voilà and its kernels: which campaign, where the template is."""
    env = dict(os.environ)
    env[CAMPAIGN_ENV] = str(campaign.resolve())
    share = str(voila_share_dir() / "jupyter")
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (share, env.get("JUPYTER_PATH", "")) if p)
    return env


def serve(campaign: str | Path | None = None, *, port: int = 8866, open_browser: bool = False) -> int:
    """Start Voilà in the foreground until Ctrl+C; returns its exit status."""
    try:
        folder = resolve_campaign_dir(campaign)
    except FileNotFoundError as exc:
        print(f"无法启动：{exc}", file=sys.stderr)
        return 2
    notebooks = notebooks_dir()
    print(f"活动数据：{folder}")
    print(f"看板地址：http://127.0.0.1:{port}/  （按 Ctrl+C 停止）")
    process = subprocess.Popen(voila_command(port, notebooks, open_browser=open_browser), env=voila_env(folder))
    # SIGTERM (from a service manager or a test) stops Voilà and its kernels too.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.send_signal(signal.SIGTERM)
        try:
            return process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            return 1


def _interrupt(signum, frame):
    raise KeyboardInterrupt
