"""The one base of the hub's handlers: JSON answers in Chinese, and the hub folder from the
extension's configuration."""

from __future__ import annotations

import json
from pathlib import Path

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin


class HubHandler(ExtensionHandlerMixin, JupyterHandler):
    def check_xsrf_cookie(self) -> None:
        """Laptops keep no cookie: the key in the Authorization header admits them."""

    def answer(self, status: int, body: dict) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(body, ensure_ascii=False))

    def write_error(self, status_code: int, **kwargs) -> None:
        self.answer(status_code, {"error": f"汇总中心出错了（{status_code}），请稍后再报送；没有收下的会下次补上"})

    @property
    def hub_dir(self) -> Path:
        return Path(self.extensionapp.hub_dir)  # type: ignore[attr-defined]
