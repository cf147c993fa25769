"""Which talks there are: the trainers' own in ``<campaign>/talks/`` and the samples in
``notebooks/talks/`` (a trainer's talk of the same name comes first)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..core.campaign import resolve_campaign_dir
from ..core.paths import TALKS_FOLDER, notebooks_dir
from ..errors import CampaignNotFound
from .notebook import audiences_used, known_audiences


@dataclass(frozen=True)
class TalkFile:
    name: str  # file stem, as in the talk's address
    path: Path
    sample: bool  # bundled with campaignkit, not the trainer's own
    title: str
    audiences: tuple[str, ...]  # audiences with their own cells


def _folders(campaign: Path, samples: Path | None) -> list[tuple[Path, bool]]:
    return [(campaign / TALKS_FOLDER, False), ((samples or notebooks_dir()) / "talks", True)]


def list_talks(campaign: str | Path | None = None, *, samples: Path | None = None) -> list[TalkFile]:
    folder = resolve_campaign_dir(campaign)
    seen: dict[str, TalkFile] = {}
    for where, sample in _folders(folder, samples):
        for path in sorted(where.glob("*.ipynb")) if where.is_dir() else []:
            if path.stem in seen or path.name.startswith("."):
                continue
            try:
                nb = nbformat.read(path, as_version=4)
            except Exception:  # a damaged file is listed by name; building it says what is wrong
                seen[path.stem] = TalkFile(path.stem, path, sample, path.stem, ())
                continue
            seen[path.stem] = TalkFile(
                path.stem, path, sample, _title(nb) or path.stem, tuple(audiences_used(nb, known_audiences()))
            )
    return list(seen.values())


def find_talk(name: str, campaign: str | Path | None = None, *, samples: Path | None = None) -> TalkFile:
    for talk in list_talks(campaign, samples=samples):
        if talk.name == name:
            return talk
    raise CampaignNotFound(f"没有名为“{name}”的讲稿（活动文件夹的 talks/ 和自带的示例讲稿中都没有）。")


def _title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in "".join(cell.source).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""
