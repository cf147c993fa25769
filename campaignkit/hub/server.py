"""``campaignkit hub serve``: the hub's server, a Jupyter Server like ``campaignkit serve`` with
the hub's extension. Laptops push to ``POST /hub/api/push`` with their town's key
(``Authorization: Bearer …``): the body is a bundle (or a chunk of one); the answer is JSON,
and a refusal says why in Chinese with a 4xx status. The folder's PostgreSQL runs while the
hub does."""

from __future__ import annotations

import asyncio
import io
import os
from pathlib import Path

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.extension.application import ExtensionApp
from jupyter_server.serverapp import ServerApp
from traitlets import Unicode
from traitlets.config import Config

from .errors import HubError
from .handlers import HubHandler

MAX_PUSH_BYTES = 64 * 1024 * 1024  # a chunk of 5,000 records is well under 2 MB


class HubApp(ExtensionApp):
    name = "campaignkit_hub"
    load_other_extensions = False
    hub_dir = Unicode("", config=True, help="The hub folder (absolute).")

    @property
    def config_file_paths(self) -> list[str]:
        return []

    def initialize_handlers(self) -> None:
        from .page_handlers import PageHandler

        self.handlers.extend(
            [
                ("/hub/api/push", PushHandler),
                ("/hub/api/ping", PingHandler),
                (r"/hub/?", PageHandler),
                (r"/hub/([a-z]+)", PageHandler),
            ]
        )


class PingHandler(HubHandler):
    @allow_unauthenticated
    def get(self):
        self.answer(200, {"hub": "campaignkit"})


class PushHandler(HubHandler):
    @allow_unauthenticated
    async def post(self):
        key = self.request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not key:
            return self.answer(401, {"error": "没有带钥匙：campaignkit push 要写 --key"})
        if len(self.request.body) > MAX_PUSH_BYTES:
            return self.answer(413, {"error": "一次报送的内容太大"})
        try:
            received = await asyncio.get_running_loop().run_in_executor(None, self._store, key, self.request.body)
        except HubError as exc:
            return self.answer(_status(str(exc)), {"error": str(exc)})
        self.answer(
            200,
            {"added": received.added, "changed": received.changed, "removed": received.removed, "unchanged": received.unchanged},
        )

    def _store(self, key: str, body: bytes):
        from .bundle import read_bundle
        from .folder import connect
        from .keys import town_of
        from .receive import receive

        report = read_bundle(io.BytesIO(body), name="报送内容")
        with connect(self.hub_dir) as connection:
            town = town_of(connection, key)
            return receive(connection, report, via="push", key_town=town)


def _status(message: str) -> int:
    return 403 if "钥匙" in message else 400


def hub_config(hub_dir: Path, port: int, ip: str) -> Config:
    from .folder import page_token

    c = Config()
    c.HubApp.hub_dir = str(Path(hub_dir).resolve())
    c.ServerApp.ip = ip
    c.ServerApp.port = port
    c.ServerApp.port_retries = 0
    c.ServerApp.open_browser = False
    c.ServerApp.root_dir = str(Path(hub_dir).resolve())
    c.ServerApp.jpserver_extensions = {"campaignkit.hub.server": True}
    c.ServerApp.terminals_enabled = False
    c.ServerApp.allow_root = True
    c.ServerApp.cookie_secret = os.urandom(32)
    c.ServerApp.allow_remote_access = ip != "127.0.0.1"
    c.ServerApp.max_body_size = MAX_PUSH_BYTES
    c.IdentityProvider.token = page_token(hub_dir)  # the pages' links carry it; the push API takes town keys
    c.ContentsManager.files_handler_class = None
    return c


class HubServer(ServerApp):
    """A Jupyter Server that is only the hub."""

    name = "campaignkit-hub"
    default_services = ("auth",)  # type: ignore[assignment]

    @property
    def config_file_paths(self):
        return []  # the environment's jupyter_server_config.d would enable JupyterLab and more

    def find_server_extensions(self):
        pass  # only the extensions named in jpserver_extensions

    def _handle_sigint(self, sig, frame):
        self._signal_stop(sig, frame)  # Ctrl+C stops at once


def _jupyter_server_extension_points():
    return [{"module": "campaignkit.hub.server", "app": HubApp}]


def serve_hub(hub_dir: Path, port: int, lan: bool) -> int:
    from ..core.network import lan_address
    from .cluster import Cluster
    from .folder import connect, db_url, is_local, page_token
    from .schema import migrate

    db_url(hub_dir)  # a hub folder, or HubError
    cluster = Cluster(hub_dir) if is_local(hub_dir) else None
    if cluster is not None and not cluster.running():
        cluster.start()
    try:
        with connect(hub_dir) as connection:
            migrate(connection)  # a hub folder made by an older campaignkit: its data kept, its tables brought up to date
        app = HubServer(config=hub_config(hub_dir, port, "0.0.0.0" if lan else "127.0.0.1"))
        app.initialize(argv=[])
        host = lan_address() if lan else "127.0.0.1"
        print(f"汇总中心已启动（按 Ctrl+C 停止）。报送地址：http://{host}:{port}", flush=True)
        print(f"汇总页面：http://{host}:{port}/hub/?token={page_token(hub_dir)}", flush=True)
        app.start()
    finally:
        if cluster is not None:
            cluster.stop()
    return 0
