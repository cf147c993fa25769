"""Voilà's page again, with what a campaign server needs: the ``_xsrf`` cookie its tab-closing
beacon needs (Voilà's page posts to ``/voila/api/shutdown/<id>`` with it; without the cookie the
server refused and the kernel lived on until culled), a cap on open pages with a Chinese "full"
page, and, under ``--lan``, phones sent to their kernel-free page."""

from __future__ import annotations

import inspect

from voila.tornado.handler import TornadoVoilaHandler

from .kernels import CappedKernelManager, KernelsFull
from .phone import phone_redirect

FULL_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>人数已满</title></head>
<body style="font-family:'Noto Sans CJK SC',sans-serif;font-size:22px;line-height:1.6;padding:24px;">
<h1 style="font-size:30px;">人数已满，请稍后再试</h1>
<p>这台电脑同时打开的看板已经达到上限（{limit} 个）。请等几分钟、等别人关掉页面后再打开，
或者一起看投影屏幕。</p></body></html>"""


class RenderHandler(TornadoVoilaHandler):
    """Voilà's page, plus the ``_xsrf`` cookie its tab-closing beacon needs, and a cap on open pages."""

    def _full(self):
        limit = self.settings["campaignkit"].max_kernels
        self.set_status(503)
        self.set_header("Retry-After", "120")
        return self.finish(FULL_PAGE.format(limit=limit))

    async def get(self, path=None):
        if phone_redirect(
            self, path, lan=self.settings["campaignkit"].lan
        ):  # under --lan, kernels are for the laptop; phones get static pages
            return None
        manager = self.kernel_manager
        limit = self.settings["campaignkit"].max_kernels
        if manager.full() if isinstance(manager, CappedKernelManager) else len(manager.list_kernel_ids()) >= limit:
            return self._full()
        self.xsrf_token  # noqa: B018 -- reading the property sets the cookie
        try:
            result = super().get(path)  # None when it has already answered (a redirect to the login page)
            return await result if inspect.isawaitable(result) else result
        except KernelsFull:  # others took the last places while this page was being prepared
            if self._headers_written:
                raise
            return self._full()


def render_kwargs(serverapp) -> dict:
    """The arguments voila.server_extension gives its own render handler."""
    from voila.configuration import VoilaConfiguration
    from voila.paths import collect_template_paths

    conf = VoilaConfiguration(parent=serverapp)
    return {
        "config": serverapp.config,
        "voila_configuration": conf,
        "template_paths": collect_template_paths(["voila", "nbconvert"], conf.template),
    }
