"""Dashboard widgets: one call per widget in a notebook.

Each ``*_view``/``*_explorer`` function takes a campaign folder (default:
``$CAMPAIGNKIT_CAMPAIGN``, set by ``campaignkit serve``, else the bundled
sample) and returns a widget; a folder that cannot be shown gives a message,
never a traceback.
"""

from .blueprint import BlueprintBoard, blueprint_view
from .door_visit import DoorVisitView, door_visit
from .funding import FundingView, funding_view
from .health import DataHealthBoard, data_health
from .ledger import LedgerExplorer, ledger_explorer
from .meeting import MeetingView, meeting_view
from .slides import Deck, Slide, SlideShow, slides

__all__ = ["BlueprintBoard", "DataHealthBoard", "Deck", "DoorVisitView", "FundingView", "LedgerExplorer", "MeetingView",
           "Slide", "SlideShow", "blueprint_view", "data_health", "door_visit", "funding_view", "ledger_explorer",
           "meeting_view", "slides"]
