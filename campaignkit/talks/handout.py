"""``campaignkit talk export``: a talk as a handout, HTML (one file that opens offline on a
phone, e.g. from a WeChat file message) or A4 PDF (printed by Chromium from the same page)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..core.campaign import resolve_campaign_dir
from ..core.config import CampaignConfig
from ..core.fmt import cn_date
from ..errors import CampaignkitError
from ..ui import static
from ..ui.export import write_pdf
from .build import build_deck, campaign_audiences
from .check import Misfit, check_deck
from .notebook import Deck
from .render import handout_figures, handout_page

FORMATS = ("html", "pdf")


def handout_html(
    notebook: str | Path, campaign: str | Path | None = None, *, audience: str | None = None, pdf: bool = False
) -> str:
    """The handout page; ``pdf``: with its charts as SVG images for WeasyPrint, drawn once in
    Chromium, which starts while the talk runs in its kernel (the two slow starts overlap)."""
    return _handout(notebook, campaign, audience=audience, pdf=pdf)[0]


def _handout(notebook: str | Path, campaign: str | Path | None, *, audience: str | None, pdf: bool) -> tuple[str, Deck]:
    folder = resolve_campaign_dir(campaign)
    if pdf:
        with static.SvgRenderer() as renderer:
            deck = build_deck(notebook, folder, audience=audience)
            images = renderer.render(handout_figures(deck.without_notes()))
    else:
        deck, images = build_deck(notebook, folder, audience=audience), None
    page = handout_page(deck, campaign=CampaignConfig.of(folder).name, built=f"{cn_date(dt.date.today())}生成", images=images)
    return page, deck


def export_handout(
    notebook: str | Path,
    out: str | Path,
    campaign: str | Path | None = None,
    *,
    audience: str | None = None,
    fmt: str | None = None,
    check: bool = False,
) -> tuple[Path, list[Misfit]]:
    """Write the handout of ``notebook`` for ``audience`` to ``out`` (format from ``fmt`` or the
    suffix); with ``check``, also the slides of the same deck a projector cannot fit
    (:mod:`campaignkit.talks.check`), which `talk export` says."""
    out = Path(out)
    fmt = (fmt or out.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise CampaignkitError(f"讲义格式只能是 html 或 pdf，不是“{fmt}”。")
    page, deck = _handout(notebook, campaign, audience=audience, pdf=fmt == "pdf")
    if fmt == "pdf":
        written = write_pdf(page, out)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(page, encoding="utf-8")
        written = out
    return written, check_deck(deck.without_notes()) if check else []


__all__ = ["FORMATS", "campaign_audiences", "export_handout", "handout_html"]
