"""What ``campaignkit serve`` and ``campaignkit lab`` configure alike: Voilà as the hall sees it
(the offline template, no CDN MathJax, the kernel client that never misses a reply) and the
environment their kernels get (which campaign; LAN mode; where the template is)."""

from __future__ import annotations

import os
from pathlib import Path

from traitlets.config import Config

from ..core.campaign import CAMPAIGN_ENV, LAN_ENV

SHARE = Path(__file__).resolve().parent / "voila" / "share"  # a Jupyter data dir: voila/templates/campaignkit


def voila_settings(c: Config) -> Config:
    """Voilà's settings for campaignkit's pages, added to ``c`` (and returned)."""
    # Voilà's page config would otherwise name MathJax on a CDN (server-extension mode only).
    c.ServerApp.tornado_settings = {"mathjax_url": None, "mathjax_config": None}
    c.VoilaConfiguration.template = "campaignkit"
    c.VoilaConfiguration.theme = "light"
    c.VoilaConfiguration.allow_template_override = "NO"  # ?template=lab would bring back CDN links
    c.VoilaConfiguration.allow_theme_override = "NO"
    # Voilà's executor and its preview run the notebook with km.client(): see campaignkit.server.client.
    c.KernelManager.client_factory = "campaignkit.server.client.RecheckingKernelClient"
    return c


def kernel_environment(campaign: Path, *, lan: bool = False) -> dict[str, str]:
    """The environment for a server and its kernels: which campaign (a notebook's ``load()``
    reads it), LAN mode, and JUPYTER_PATH with campaignkit's offline Voilà template first."""
    env = {CAMPAIGN_ENV: str(Path(campaign).resolve())}
    if lan:
        env[LAN_ENV] = "1"
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(SHARE / "jupyter"), os.environ.get("JUPYTER_PATH", "")) if p)
    return env
