"""campaignkit: loaders, checks and dashboards for a township's outreach campaign.

Start with :func:`load_campaign` (a whole campaign folder, strict; tables in
``campaign.tables["indicators"]``) or :func:`read_table` (one file, lenient:
good records, rejected rows, problems and counts). ``campaignkit validate``
and ``campaignkit template`` are the command-line faces of the same functions.
Dashboards live with their feature: ``from campaignkit.ledger import ledger_view``.
"""

from .benefits import estimate, reconcile
from .core.campaign import Campaign
from .core.config import CampaignConfig, Unit
from .core.loader import TableResult
from .core.paths import sample_campaign_dir
from .core.problems import CampaignDataError, Problem, TableCounts
from .errors import CalculatorError, CampaignkitError, CampaignNotFound, InputError, UnreadableFile
from .features import Feature, Page, catalogue, registry
from .load import check_campaign, load_campaign, read_table, write_templates

__all__ = [
    "CalculatorError",
    "Campaign",
    "CampaignConfig",
    "CampaignDataError",
    "CampaignNotFound",
    "CampaignkitError",
    "Feature",
    "InputError",
    "Page",
    "Problem",
    "TableCounts",
    "TableResult",
    "Unit",
    "UnreadableFile",
    "catalogue",
    "check_campaign",
    "estimate",
    "load_campaign",
    "read_table",
    "reconcile",
    "registry",
    "sample_campaign_dir",
    "write_templates",
]

__version__ = "0.1.0"
