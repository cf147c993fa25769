"""campaignkit's Jupyter Server extension: one :class:`CampaignkitApp`, loaded beside
``voila.server_extension`` in the one server ``campaignkit serve`` runs
(:mod:`campaignkit.server.serve`), and, with the preview routes only, in ``campaignkit lab``.

Its configuration (the campaign folder, LAN mode, how many pages at once) is traits, set by
``serve`` and ``lab`` (``c.CampaignkitApp.campaign = …``); handlers read them from the app
(:class:`campaignkit.ui.handler.CampaignHandler`), and the server's shared state (the forms
store, built phone pages, wrong-code counts) lives in its ``kept``.

Routes, behind the server's token: Voilà's page again (:mod:`.render`), the health check, the
two kernel endpoints standalone Voilà serves for a page's widgets (``/api/kernels/<id>`` and its
websocket; the server's own REST services are not loaded at all), the phone pages and the
hall's QR code, ``/forms/<id>``, and each feature's routes (the registry's ``routes``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jupyter_server.extension.application import ExtensionApp
from jupyter_server.services.kernels.handlers import KernelHandler
from tornado.ioloop import IOLoop
from traitlets import Bool, Dict, Float, Int, Unicode
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from ..features import registry
from ..forms.handlers import ROUTES as FORM_ROUTES
from .hall import ROUTES as HALL_ROUTES
from .health import ROUTES as HEALTH_ROUTES
from .kernels import MAX_KERNELS, UNCONNECTED_TIMEOUT, VANISHED_TIMEOUT, CappedKernelManager, start_sweeper
from .openrosa import ROUTES as OPENROSA_ROUTES
from .phone import ROUTES as PHONE_ROUTES
from .phone import PhoneBuilds
from .render import RenderHandler, render_kwargs

_KERNEL_ID = r"(?P<kernel_id>\w+-\w+-\w+-\w+-\w+)"


class CampaignkitApp(ExtensionApp):
    """campaignkit in ``campaignkit serve``."""

    name = "campaignkit"
    load_other_extensions = True

    campaign = Unicode("", config=True, help="The campaign folder served (absolute).")
    lan = Bool(False, config=True, help="Phones in the hall may ask (serve --lan): private pages are absent.")
    max_kernels = Int(MAX_KERNELS, config=True, help="Open pages (kernels) at once; beyond it a Chinese 'full' page (503).")
    unconnected_timeout = Float(
        UNCONNECTED_TIMEOUT,
        config=True,
        help="Seconds a kernel may sit idle without its page ever connecting (e.g. a scripted fetch).",
    )
    vanished_timeout = Float(
        VANISHED_TIMEOUT,
        config=True,
        help="Seconds a kernel is kept after its page's connection went away (a killed browser).",
    )
    kept = Dict(help="The server's shared state, by name: the forms store, built phone pages, wrong codes.")

    @property
    def config_file_paths(self) -> list[str]:
        return []  # configured by serve and lab only, not by files in the environment

    @property
    def folder(self) -> Path:
        return Path(self.campaign)

    def initialize_settings(self) -> None:
        serverapp: Any = self.serverapp
        if isinstance(serverapp.kernel_manager, CappedKernelManager):
            serverapp.kernel_manager.cap = self.max_kernels
        start_sweeper(serverapp, self)
        builds = self.kept.setdefault("phone builds", PhoneBuilds(self.folder))
        if self.lan:  # phones will come: their pages are ready before the first one
            IOLoop.current().spawn_callback(builds.prebuild)

    def initialize_handlers(self) -> None:
        # Extensions load in name order and tornado tries rules in the order added: these rules
        # ("campaignkit…" < "voila…") come before Voilà's own /voila/render rule.
        self.handlers.extend(
            [
                ("/voila/render/(.*)", RenderHandler, render_kwargs(self.serverapp)),
                (rf"/api/kernels/{_KERNEL_ID}", KernelHandler),
                (rf"/api/kernels/{_KERNEL_ID}/channels", VoilaKernelWebsocketHandler),
                *HEALTH_ROUTES,
                *FORM_ROUTES,
                *PHONE_ROUTES,
                *OPENROSA_ROUTES,
                *HALL_ROUTES,
                *registry().routes(),
            ]
        )


class LabPreviewApp(CampaignkitApp):
    """campaignkit in ``campaignkit lab``: the pages features offer for preview (the registry's
    ``lab_routes``: a talk as the hall will see it), at the addresses ``serve`` gives them. The
    lab runs on the laptop only (127.0.0.1), so the presenter's page is the trainer's own."""

    def initialize_settings(self) -> None:
        pass  # no kernel cap, sweeper or phone pages: JupyterLab's own kernels, one trainer

    def initialize_handlers(self) -> None:
        self.handlers.extend(registry().lab_routes())


def _jupyter_server_extension_points():
    return [{"module": "campaignkit.server.extension", "app": CampaignkitApp}]
