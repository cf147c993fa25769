"""What the lessons report to the banner's hub: each quiz's results by class — how many pupils
handed in, the average score and each question's correct answers — and for a class of fewer than
5 pupils only how many handed in (as the classroom's board shows it). Never a pupil's answers or
a seat: minors' data stays on the school's laptop."""

from __future__ import annotations

from pathlib import Path

from ..core.disclosure import MIN_COUNT
from ..features import registry
from ..forms import CampaignForms, database_path
from ..forms.quiz import class_results
from ..hookspecs import HubRecord
from .quiz import classes_of


def hub_records(campaign: Path) -> list[HubRecord]:
    if not database_path(campaign).exists():
        return []
    forms = CampaignForms(campaign, registry().form_checks())
    out = []
    for form in forms.all():
        if not form.quiz:
            continue
        responses = forms.store.responses(form.form_id)
        for class_code in classes_of(responses):
            result = class_results(form, responses, class_code)
            data = {
                "form": form.form_id,
                "title": form.title,
                "class": class_code,
                "pupils": result["pupils"],
                "full": result["full"],
            }
            if result["pupils"] >= MIN_COUNT:
                data["average"] = result["average"]
                data["questions"] = [
                    {"label": q["label"], "answered": q["answered"], "correct": q["correct"]} for q in result["questions"]
                ]
            out.append(HubRecord(kind="quiz", record_id=f"{form.form_id}#{class_code}", unit="", data=data, replaceable=True))
    return out
