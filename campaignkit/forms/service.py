"""A campaign's forms and their responses, as the server's handlers and the CLI see them."""

from __future__ import annotations

from pathlib import Path

from .store import ResponseStore, database_path
from .xlsform import Form, FormError, read_forms


def forms_dir(campaign: Path) -> Path:
    return Path(campaign) / "forms"


class Forms:
    """The forms of ``<campaign>/forms/`` (re-read when a workbook changes) and one response store."""

    def __init__(self, campaign: Path):
        self.campaign = Path(campaign)
        self.store = ResponseStore(database_path(self.campaign))
        self._stamp: tuple | None = None
        self._forms: dict[str, Form] = {}
        self.errors: list[FormError] = []

    def _refresh(self) -> None:
        folder = forms_dir(self.campaign)
        stamp = (
            tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.glob("*.xlsx")))
            if folder.is_dir()
            else ()
        )
        if stamp != self._stamp:
            forms, self.errors = read_forms(folder)
            self._forms = {f.form_id: f for f in forms}
            self._stamp = stamp

    def all(self) -> list[Form]:
        self._refresh()
        return list(self._forms.values())

    def get(self, form_id: str) -> Form | None:
        self._refresh()
        return self._forms.get(form_id)
