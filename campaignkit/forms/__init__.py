"""Phone forms served without a kernel: XLSForm workbooks in ``<campaign>/forms/``, a plain
page per form inside ``campaignkit serve``, responses in one SQLite database. Knows no feature;
quizzes, ballots and door-visit records are forms too."""

from .answers import SubmissionError, parse_answers
from .results import results, results_text
from .service import CampaignForms, forms_dir
from .store import ResponseStore, database_path
from .xlsform import CRITERIA, Form, FormError, Question, read_form, read_forms

__all__ = [
    "CRITERIA",
    "Form",
    "FormError",
    "CampaignForms",
    "Question",
    "ResponseStore",
    "SubmissionError",
    "database_path",
    "forms_dir",
    "parse_answers",
    "read_form",
    "read_forms",
    "results",
    "results_text",
]
