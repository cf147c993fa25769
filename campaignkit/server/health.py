"""``GET /campaignkit/health``: JSON (campaign, pages, open kernels), for a lecturer's checklist
and for tests. Token required; 403 JSON without it (never a redirect to a login page)."""

from __future__ import annotations

import json
from pathlib import Path

from jupyter_server.base.handlers import APIHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from tornado import web


class HealthHandler(ExtensionHandlerMixin, APIHandler):
    @web.authenticated
    async def get(self):
        model = await self.contents_manager.get("", content=True)
        pages = sorted(item["name"] for item in model["content"] if item["type"] == "notebook")
        self.set_header("Content-Type", "application/json")
        campaign = Path(self.extensionapp.campaign).name  # type: ignore[attr-defined]
        kernels = len(self.kernel_manager.list_kernel_ids())
        self.finish(json.dumps({"ok": True, "campaign": campaign, "pages": pages, "kernels": kernels}, ensure_ascii=False))


ROUTES = [(r"/campaignkit/health", HealthHandler)]
