"""``campaignkit lab``'s extension point: :class:`campaignkit.server.extension.LabPreviewApp`."""

from __future__ import annotations

from .extension import LabPreviewApp


def _jupyter_server_extension_points():
    return [{"module": "campaignkit.server.lab_extension", "app": LabPreviewApp}]
