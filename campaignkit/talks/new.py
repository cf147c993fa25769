"""``campaignkit talk new``: a trainer's new talk, copied from the template talk (three
example slides, one of each kind) into the campaign's ``talks/`` folder."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import nbformat

from ..core.campaign import resolve_campaign_dir
from ..core.paths import talk_file
from ..errors import CampaignkitError
from .build import campaign_audiences
from .notebook import cell_audiences

TEMPLATE = Path(__file__).parent / "template.ipynb"
PREVIEW_MARK = "PREVIEW_LINKS"


def preview_links(name: str, audience: str | None = None) -> str:
    """Markdown links to the talk's pages. JupyterLab opens a link rooted at '/' in a new tab of
    the same server (``campaignkit lab`` serves the talks there): one click from the notebook."""
    query = f"?audience={quote(audience)}" if audience else ""
    base = f"/campaignkit/talks/{quote(name)}"
    return f"[▶ 放映页]({base}{query})、[演讲者视图]({base}/presenter{query})、[讲义]({base}/handout{query})"


def talk_path(name: str, campaign: str | Path | None = None) -> Path:
    """Where the talk ``name`` lives: ``<campaign>/talks/<name>.ipynb``."""
    return talk_file(resolve_campaign_dir(campaign), name)


def write_new_talk(nb, name: str, campaign: str | Path | None = None) -> Path:
    path = talk_path(name, campaign)
    if path.exists():
        raise CampaignkitError(f"讲稿“{path.name}”已经有了（{path}）；换个名字，或直接打开它修改。")
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def new_talk(name: str, campaign: str | Path | None = None, *, audience: str | None = None) -> Path:
    """Copy the template talk to ``<campaign>/talks/<name>.ipynb``; with ``audience``, the
    template's audience cell is for that audience and the talk remembers it."""
    folder = resolve_campaign_dir(campaign)
    known = campaign_audiences(folder)
    if audience is not None and audience not in known:
        raise CampaignkitError(f"没有“{audience}”这个宣讲对象，可选：{'、'.join(known)}")
    nb = nbformat.read(TEMPLATE, as_version=4)
    if audience is not None:
        for cell in nb.cells:
            if cell_audiences(cell, known):
                cell.metadata["tags"] = [audience]
        nb.metadata["campaignkit"] = {"audience": audience}
    for cell in nb.cells:
        if cell.cell_type == "markdown" and PREVIEW_MARK in cell.source:
            cell.source = cell.source.replace(PREVIEW_MARK, preview_links(name, audience))
    return write_new_talk(nb, name, folder)
