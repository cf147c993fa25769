"""``campaignkit serve``: one Jupyter Server process on one port behind one token,
with Voilà as a server extension (the dashboards) and campaignkit's own extension
beside it (:mod:`campaignkit.server.extension`: the phone pages, forms and features' pages).

The server is only that: none of Jupyter Server's REST services (contents, files,
kernels, sessions, terminals…) and no installed extension is loaded, so a viewer
with the token can open dashboards and nothing else — no raw files, no new kernels,
no code sent to a kernel (only the widget messages standalone Voilà allows).

Settings that used to live in voila.json are here (with :func:`.settings.voila_settings`, which
the lab preview shares): the offline template (no CDN
links, no MathJax), tracebacks hidden from viewers, idle kernels culled. Binds
127.0.0.1; ``--lan`` serves a village-hall network behind a random token and treats
the registry's private pages (personal data, raw problem values) as absent.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import signal
import socket
import sys
import threading
from pathlib import Path

from jupyter_server.serverapp import ServerApp
from traitlets.config import Config

from ..core.campaign import resolve_campaign_dir
from ..core.network import DEFAULT_PORT, LAN_SETTINGS, lan_address, lan_settings
from ..core.paths import pages_dir
from ..core.private import secure_state
from ..errors import CampaignNotFound
from ..features import registry
from ..forms.access import staff_key
from .kernels import MAX_KERNELS, UNCONNECTED_TIMEOUT, VANISHED_TIMEOUT
from .settings import kernel_environment, voila_settings

# What standalone Voilà lets a browser send to a kernel: widget messages, never execute_request.
VOILA_MESSAGE_TYPES = ["comm_open", "comm_close", "comm_msg", "comm_info_request", "kernel_info_request", "shutdown_request"]


MAX_BODY_BYTES = 1024 * 1024  # a request body's limit (README: 隐私与安全)


class CampaignServer(ServerApp):
    """A Jupyter Server that is only Voilà and campaignkit."""

    name = "campaignkit-serve"
    default_services = ("auth",)  # type: ignore[assignment]  # no contents/files/kernels/sessions/nbconvert/… REST handlers

    @property
    def config_file_paths(self):
        # The environment's jupyter_server_config.d would enable JupyterLab, terminals and more.
        return []

    def find_server_extensions(self):
        pass  # only the extensions named in jpserver_extensions

    def _handle_sigint(self, sig, frame):
        self._signal_stop(sig, frame)  # Ctrl+C stops at once (the stock server asks y/n first)

    def _signal_stop(self, sig, frame):
        super()._signal_stop(sig, frame)
        # The orderly stop shuts the kernels down; if something it waits on never answers, the
        # process still ends: a laptop's server stops on the first Ctrl+C or SIGTERM.
        watchdog = threading.Timer(STOP_SECONDS, leave, args=(1,))
        watchdog.daemon = True
        watchdog.start()


STOP_SECONDS = 20.0


def leave(code: int) -> None:
    """End the process now: the server has stopped (or could not stop in time). A worker
    thread still busy (a phone page or handout being built, a file read) would otherwise keep
    the interpreter waiting at exit; the processes it started are ended with it."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    logging.shutdown()
    for child in _children():
        try:
            os.kill(child, signal.SIGTERM)
        except ProcessLookupError:
            pass
    os._exit(code)


def _children() -> list[int]:
    """This process's children (a handout's kernel started beside the server's own), from /proc."""
    me, found = os.getpid(), []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == me:
                found.append(int(entry))
    return found


def server_config(
    notebooks: Path,
    port: int,
    *,
    campaign: Path | None = None,
    ip: str = "127.0.0.1",
    token: str = "",
    lan: bool = False,
    open_browser: bool = False,
    max_viewers: int = MAX_KERNELS,
    unconnected_timeout: float = UNCONNECTED_TIMEOUT,
    vanished_timeout: float = VANISHED_TIMEOUT,
) -> Config:
    c = voila_settings(Config())
    c.CampaignkitApp.campaign = str(Path(campaign or resolve_campaign_dir()).resolve())
    c.CampaignkitApp.lan = lan
    c.CampaignkitApp.max_kernels = max_viewers
    c.CampaignkitApp.unconnected_timeout = unconnected_timeout
    c.CampaignkitApp.vanished_timeout = vanished_timeout
    c.ServerApp.ip = ip
    c.ServerApp.port = port
    c.ServerApp.port_retries = 0  # a taken port is an error, not a silent move to the next one
    c.ServerApp.open_browser = open_browser
    c.ServerApp.root_dir = str(notebooks)
    c.ServerApp.default_url = "/voila/render/index.ipynb"
    c.ServerApp.jpserver_extensions = {"campaignkit.server.extension": True, "voila.server_extension": True}
    c.ServerApp.terminals_enabled = False
    c.ServerApp.allow_root = True  # laptops in the field and CI run as root
    c.ServerApp.cookie_secret = os.urandom(32)  # per run: nothing written to the runtime folder
    c.ServerApp.allow_remote_access = lan
    # Nothing a phone sends (a form, a ballot) comes near this; a larger body is refused by the
    # HTTP layer (400, nothing echoed) before a byte of it is kept.
    c.ServerApp.max_body_size = MAX_BODY_BYTES
    c.ServerApp.extra_log_scrub_param_keys = ["staff"]  # the cadres' key of register forms, like the token
    c.ServerApp.contents_manager_class = "campaignkit.server.contents.CampaignContentsManager"
    c.ServerApp.kernel_spec_manager_class = "campaignkit.server.kernels.ServedKernelSpecs"
    c.ServerApp.kernel_manager_class = "campaignkit.server.kernels.CappedKernelManager"
    c.ContentsManager.files_handler_class = None
    c.IdentityProvider.token = token  # "" on 127.0.0.1: no token, as before
    c.IdentityProvider.login_handler_class = "campaignkit.server.login.HallLoginHandler"
    c.VoilaConfiguration.show_tracebacks = False
    # Idle kernels are culled: a closed phone must not hold 200 MB for the rest of the meeting.
    c.MappingKernelManager.cull_interval = 60
    c.MappingKernelManager.cull_idle_timeout = 1800
    c.MappingKernelManager.cull_connected = False
    c.MappingKernelManager.allowed_message_types = VOILA_MESSAGE_TYPES
    # /voila/files/ serves images only by default; notebooks and data never.
    c.VoilaConfiguration.file_denylist = [r".*\.(ipynb|csv|xlsx|xls|parquet|toml|py)$"]
    # Folders features keep from Voilà (talk notebooks: their speaker notes) are never pages.
    unserved = list(registry().unserved())
    c.CampaignContentsManager.private_globs = unserved
    if lan:
        # A copy JupyterLab makes ("door_visit-Copy1.ipynb") is private too; a copy renamed
        # beyond recognition is refused by its view, in the kernel (ui.view.dashboard).
        stems = sorted(name.removesuffix(".ipynb") for name in registry().private_notebooks())
        c.CampaignContentsManager.private_globs = [*unserved, *(f"{stem}*" for stem in stems)]
    return c


def _clear_stale_server_files() -> None:
    """Jupyter's ``jpserver-<pid>.json`` and ``-open.html`` (the address with the token) of a
    server that did not stop cleanly (killed, power lost): removed when that process is gone."""
    from jupyter_core.paths import jupyter_runtime_dir

    for path in Path(jupyter_runtime_dir()).glob("jpserver-*"):
        match = re.match(r"jpserver-(\d+)", path.name)
        if not match:
            continue
        try:
            os.kill(int(match.group(1)), 0)
        except ProcessLookupError:
            path.unlink(missing_ok=True)
        except (PermissionError, OverflowError):
            continue


class _ScrubTokens(logging.Filter):
    """Tornado's warnings name the request with its query (``404 GET /x?token=…``): a log
    shared for help must not open the dashboards. The access log is scrubbed already."""

    PATTERN = re.compile(r"((?:token|staff)=)[^&\s]+")  # staff: the cadres' key of register forms

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "token=" in message or "staff=" in message:
            record.msg, record.args = self.PATTERN.sub(r"\1…", message), ()
        return True


def _scrub_tokens_from_logs(app: ServerApp) -> None:
    scrub = _ScrubTokens()
    for logger in (app.log, logging.getLogger(), logging.getLogger("tornado"), logging.getLogger("tornado.general")):
        for handler in logger.handlers:
            handler.addFilter(scrub)


def _port_free(ip: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds: TIME_WAIT is not "taken"
        try:
            probe.bind((ip, port))
        except OSError:
            return False
    return True


def _loopback(address: str) -> bool:
    import ipaddress

    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return address == "localhost"


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
    port: int | None = None,
    lan: bool = False,
    ip: str | None = None,
    open_browser: bool = False,
    notebooks: str | Path | None = None,
    new_token: bool = False,
    max_viewers: int = MAX_KERNELS,
    unconnected_timeout: float = UNCONNECTED_TIMEOUT,
    vanished_timeout: float = VANISHED_TIMEOUT,
    show_staff: bool = False,
) -> int:
    """Serve the dashboards in this process until Ctrl+C or SIGTERM (kernels are shut down on the way out)."""
    try:
        folder, pages = resolve_campaign_dir(campaign), pages_dir(notebooks)
    except CampaignNotFound as exc:
        print(f"无法启动：{exc}", file=sys.stderr)
        return 2
    try:
        secure_state(folder)  # stores, caches and the LAN token: the owner's only, older files too
    except OSError as exc:
        print(f"无法启动：活动文件夹里的 .campaignkit 不能写（{exc.strerror}）", file=sys.stderr)
        return 2
    _clear_stale_server_files()
    bind = ip or ("0.0.0.0" if lan else "127.0.0.1")
    # Anything reachable from another machine is LAN mode: a token, and no private pages.
    lan = lan or not _loopback(bind)
    if lan:
        token, port = lan_settings(folder, port, new_token=new_token)
    else:
        token, port = "", port or DEFAULT_PORT
    print(f"活动数据：{folder}")
    if lan:
        host = lan_address() if bind == "0.0.0.0" else bind
        url = f"http://{host}:{port}/campaignkit/phone/?token={token}"
        print(f"手机看板（手机连同一个无线网络后打开，或扫下面的二维码；不占这台电脑的内存）：\n  {url}")
        print_qr(url)
        print(f"投到大屏上给全场扫的大二维码：http://127.0.0.1:{port}/campaignkit/hall?token={token}")
        print(f"宣讲员自己的电脑（完整看板）：http://127.0.0.1:{port}/voila/render/index.ipynb?token={token}")
        names = "、".join(p.title for p in registry().pages if p.private)
        print(f"没有这个口令（token）的请求会被拒绝。{names}等有个人信息的页面在局域网模式下不提供。")
        registers = sorted(registry().register_forms())
        if registers and show_staff:
            staff = staff_key(folder)
            links = "；".join(f"http://{host}:{port}/forms/{f}?token={token}&staff={staff}" for f in registers)
            print(f"走访干部用手机登记（只发给走访干部，不要投到大屏上）：{links}")
            print(f"ODK Collect（离线登记）的服务器地址：http://{host}:{port}/openrosa/{staff}")
        elif registers:  # this screen may be projected: the cadres' key only when asked for
            print(
                "走访干部用手机登记的地址带干部钥匙，这里不显示；需要时加 --show-staff 启动，或用 campaignkit forms poster 打印；"
                "ODK Collect 离线登记的设置二维码用 campaignkit forms collect --out collect.pdf 打印"
            )
        print(f"口令和端口保存在 {folder / LAN_SETTINGS}，下次启动不变，已打印的二维码照样能用；要换口令：--new-token")
    else:
        print(f"看板首页：http://127.0.0.1:{port}/voila/render/index.ipynb")
    print("按 Ctrl+C 停止。", flush=True)
    # Kernels inherit this process's environment; Voilà finds the template on JUPYTER_PATH.
    os.environ.update(kernel_environment(folder, lan=lan))
    config = server_config(
        pages,
        port,
        campaign=folder,
        ip=bind,
        token=token,
        lan=lan,
        open_browser=open_browser,
        max_viewers=max_viewers,
        unconnected_timeout=unconnected_timeout,
        vanished_timeout=vanished_timeout,
    )
    taken = f"无法启动：端口 {port} 已被占用（可能看板已经开着，或别的程序在用）；请换一个端口，如 --port {port + 1}"
    if not _port_free(bind, port):
        print(taken, file=sys.stderr)
        return 2
    app = CampaignServer(config=config)
    try:
        app.initialize(argv=[])
    except SystemExit:  # Jupyter Server exits (in English) when it cannot listen: taken in the meantime
        print(taken, file=sys.stderr)
        return 2
    _scrub_tokens_from_logs(app)
    # Everything loaded so far (Jupyter, pandas, plotly) lives as long as the server: kept out of
    # the collector's full passes, which otherwise stall every page for ~150 ms now and then.
    gc.freeze()
    app.start()
    leave(0)  # the kernels are shut down; nothing a worker thread still holds may keep the process
    return 0
