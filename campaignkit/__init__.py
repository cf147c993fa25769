"""campaignkit: loaders, checks and dashboards for a township's outreach campaign.

Start with :func:`load_campaign` (a whole campaign folder, strict) or
:func:`read_table` (one file, lenient: good records, rejected rows, problems
and counts). ``campaignkit validate`` and ``campaignkit template`` are the
command-line faces of the same functions.
"""

from .benefits import estimate, reconcile
from .campaign import Campaign, CampaignConfig, Unit, check_campaign, load_campaign
from .loader import TableResult, read_table
from .paths import sample_campaign_dir
from .problems import CampaignDataError, Problem, TableCounts
from .tables import TABLES
from .template import write_templates

__all__ = [
    "Campaign",
    "CampaignConfig",
    "CampaignDataError",
    "Problem",
    "TABLES",
    "TableCounts",
    "TableResult",
    "Unit",
    "check_campaign",
    "estimate",
    "load_campaign",
    "read_table",
    "reconcile",
    "sample_campaign_dir",
    "write_templates",
]

__version__ = "0.1.0"
