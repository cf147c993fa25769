"""A campaign's forms and their responses, as the server's handlers and the CLI see them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from .store import ResponseStore, database_path
from .xlsform import WORKBOOKS, Form, FormError, read_forms


def forms_dir(campaign: Path) -> Path:
    return Path(campaign) / "forms"


# A check a feature adds to the forms it knows about (e.g. a quiz's order questions naming
# timeline events): (form, campaign folder) -> the problems, each naming its cell. A form with
# a problem is refused like an unreadable one, so phones never get it.
FormCheck = Callable[[Form, Path], list[FormError]]


def is_sealed(form: Form) -> bool:
    """Answers no one may link to a person or an order: anonymous forms and code-taking forms."""
    return form.anonymous or form.access == "tokens"


class CampaignForms:
    """The forms of ``<campaign>/forms/`` (re-read when a workbook changes) and one response store."""

    def __init__(self, campaign: Path, checks: Sequence[FormCheck] = ()):
        self.campaign = Path(campaign)
        self.checks = tuple(checks)
        self.store = ResponseStore(database_path(self.campaign))
        self._stamp: tuple | None = None
        self._forms: dict[str, Form] = {}
        self.errors: list[FormError] = []

    def _refresh(self) -> None:
        folder = forms_dir(self.campaign)
        stamp = (
            tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for pattern in WORKBOOKS for p in folder.glob(pattern)))
            if folder.is_dir()
            else ()
        )
        if stamp != self._stamp:
            forms, self.errors = read_forms(folder)
            kept = []
            for form in forms:
                problems = [p for check in self.checks for p in check(form, self.campaign)]
                self.errors.extend(problems)
                if not problems:
                    kept.append(form)
            self._forms = {f.form_id: f for f in kept}
            self._stamp = stamp
            for form in kept:  # an anonymous form's answers stored before sealing move into its file
                if is_sealed(form):
                    self.store.seal(form.form_id)

    def all(self) -> list[Form]:
        self._refresh()
        return list(self._forms.values())

    def get(self, form_id: str) -> Form | None:
        self._refresh()
        return self._forms.get(form_id)
