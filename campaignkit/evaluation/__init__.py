"""Evaluation (效果评估): what the campaign's phone forms say, question by question, by group,
and before against after."""

from ..core.lazy import lazy_exports

_LAZY = {
    "evaluation_view": ".view",
    "EvaluationView": ".view",
    "before_after": ".compute",
    "crosstab": ".compute",
    "question_shares": ".compute",
    "shown_shares": ".compute",
    "hidden_question": ".compute",
    "evaluation_pattern": ".disclosure",
    "ALL": ".disclosure",
    "answers_frame": ".compute",
    "report_html": ".report",
}

__getattr__ = lazy_exports(__name__, _LAZY)
__all__ = list(_LAZY)
