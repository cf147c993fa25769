"""The pages features offer for preview in ``campaignkit lab`` (the registry's ``lab_routes``;
issue 25: the lab answered 404 for the talk pages, so a trainer needed a second server to see
a talk as the hall will), at the addresses ``campaignkit serve`` gives them. The lab runs on the laptop only
(127.0.0.1), so the presenter's page is the trainer's own."""

from __future__ import annotations

from jupyter_server.utils import url_path_join


def _jupyter_server_extension_points():
    return [{"module": "campaignkit.server.lab_extension"}]


def _load_jupyter_server_extension(serverapp) -> None:
    from ..features import registry

    base = serverapp.web_app.settings["base_url"]
    routes = registry().lab_routes()
    serverapp.web_app.add_handlers(".*$", [(url_path_join(base, pattern), handler) for pattern, handler in routes])


load_jupyter_server_extension = _load_jupyter_server_extension
