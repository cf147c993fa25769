"""A campaign's selections as the command line and the server use them: the tables read
once (leniently), every problem about them, and each selection's candidates — nominees whose
row has a problem are kept off the ballot until it is fixed."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from ..core.problems import Problem
from ..features import registry
from ..load import check_campaign
from .selections import Candidate, Selection, candidates, nomination_problems, selections


class SelectionData:
    """A campaign's selections as the vote pages and commands use them: the selections,
    nominations and roll read once, each selection's candidates, and every problem about them."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        # Its own tables and the roll's households and members (the feature declares it reads them).
        self.campaign = check_campaign(self.folder, tables=list(registry().tables_of("honors")))
        self._candidates: dict[str, list[Candidate]] = {}

    @cached_property
    def nomination_problems(self) -> list[Problem]:
        return nomination_problems(self.campaign)

    @cached_property
    def problems(self) -> list[Problem]:
        own = [p for p in self.campaign.problems if p.table in ("selections", "nominations", "voters")]
        return own + self.nomination_problems

    @cached_property
    def selections(self) -> list[Selection]:
        return selections(self.campaign)

    def selection(self, code: str) -> Selection | None:
        return next((s for s in self.selections if s.code == code), None)

    def candidates(self, selection: Selection) -> list[Candidate]:
        if selection.code not in self._candidates:  # the server asks on every ballot: once per book
            refused = {(p.file, p.row) for p in self.nomination_problems}
            frame = self.campaign.tables["nominations"]
            kept = frame[[(f, int(r)) not in refused for f, r in zip(frame["src_file"], frame["src_row"])]]
            self._candidates[selection.code] = candidates(self.campaign, selection, kept)
        return list(self._candidates[selection.code])
