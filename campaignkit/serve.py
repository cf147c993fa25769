"""``campaignkit serve``: Voilà on the dashboards' notebooks, for one campaign.

Settings live in one file shipped with the package, ``campaignkit/voila/voila.json``:
the offline template (no CDN links), tracebacks hidden from viewers, and idle
kernels culled (Voilà leaks a kernel per closed tab otherwise, voila#1458).
Preheated kernels are configured for the main dashboards only but switched off:
with Voilà 0.5.13 a page requested while its pooled kernel is still executing
the notebook (just after start, or just after another viewer took the kernel)
never finishes loading — seen in the browser tests and the benchmark. Binds 127.0.0.1; ``--lan``
serves a village-hall network behind a random token.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
from pathlib import Path

from .core.campaign import CAMPAIGN_ENV, resolve_campaign_dir
from .core.paths import notebooks_dir, voila_share_dir
from .errors import CampaignNotFound
from .features import registry
from .ui.index import LAN_ENV

CONFIG_DIR = Path(__file__).resolve().parent / "voila"


def public_notebooks(source: Path) -> Path:
    """A copy of the notebooks folder without the private pages (for --lan): pages with
    personal data or raw problem values (the registry marks them) are for the laptop in
    front of the lecturer, never for a shared network."""
    import shutil
    import tempfile

    private = registry().private_notebooks()
    target = Path(tempfile.mkdtemp(prefix="campaignkit-lan-"))
    for notebook in source.glob("*.ipynb"):
        if notebook.name not in private:
            shutil.copy(notebook, target / notebook.name)
    return target


def voila_command(
    port: int,
    notebooks: Path,
    *,
    ip: str = "127.0.0.1",
    token: str | None = None,
    open_browser: bool = False,
    config_dir: Path = CONFIG_DIR,
) -> list[str]:
    """The Voilà command line campaignkit runs (settings from ``config_dir``/voila.json,
    which take precedence over Voilà options given on the command line)."""
    command = [
        sys.executable,
        "-m",
        "voila",
        str(notebooks),
        f"--port={port}",
        f"--Voila.ip={ip}",
        f"--Voila.config_file_paths={config_dir}",
        f"--Voila.open_browser={open_browser}",
    ]
    if token:
        command.append(f"--token={token}")
    return command


def voila_env(campaign: Path, *, lan: bool = False) -> dict[str, str]:
    """Environment for Voilà and its kernels: which campaign, where the template is, LAN mode."""
    env = dict(os.environ)
    env[CAMPAIGN_ENV] = str(campaign.resolve())
    if lan:
        env[LAN_ENV] = "1"
    share = str(voila_share_dir() / "jupyter")
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (share, env.get("JUPYTER_PATH", "")) if p)
    return env


def lan_address() -> str:
    """This machine's address on the local network, as the resolver knows it (sends nothing)."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return "本机IP地址"
    for *_, sockaddr in infos:
        if not sockaddr[0].startswith("127."):
            return sockaddr[0]
    return "本机IP地址"


def print_qr(url: str) -> None:
    """The URL as a QR code in the terminal, for phones."""
    import qrcode

    code = qrcode.QRCode(border=1)
    code.add_data(url)
    code.make(fit=True)
    code.print_ascii(invert=True)


def serve(
    campaign: str | Path | None = None,
    *,
    port: int = 8866,
    lan: bool = False,
    ip: str | None = None,
    open_browser: bool = False,
    notebooks: str | Path | None = None,
) -> int:
    """Start Voilà in the foreground until Ctrl+C (or SIGTERM); returns its exit status."""
    try:
        folder = resolve_campaign_dir(campaign)
    except CampaignNotFound as exc:
        print(f"无法启动：{exc}", file=sys.stderr)
        return 2
    token = secrets.token_urlsafe(16) if lan else None
    bind = ip or ("0.0.0.0" if lan else "127.0.0.1")
    print(f"活动数据：{folder}")
    if lan:
        host = lan_address() if bind == "0.0.0.0" else bind
        url = f"http://{host}:{port}/voila/render/index.ipynb?token={token}"
        print(f"局域网地址（手机连同一个无线网络后打开，或扫下面的二维码）：\n  {url}")
        print_qr(url)
        print("没有这个口令（token）的请求会被拒绝。入户用的“炕头账”和“数据体检”页面在局域网模式下不提供。")
    else:
        print(f"看板首页：http://127.0.0.1:{port}/voila/render/index.ipynb")
    print("按 Ctrl+C 停止。", flush=True)
    source = Path(notebooks) if notebooks else notebooks_dir()
    pages = public_notebooks(source) if lan else source
    cleanup = pages if lan else None
    process = subprocess.Popen(
        voila_command(port, pages, ip=bind, token=token, open_browser=open_browser), env=voila_env(folder, lan=lan)
    )
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
    finally:
        if cleanup is not None:
            import shutil

            shutil.rmtree(cleanup, ignore_errors=True)


def _interrupt(signum, frame):
    raise KeyboardInterrupt
