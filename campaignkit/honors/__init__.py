"""Exemplars and selections (先进典型, 先进评选): profiles of the region's and the banner's
models, and the campaign's own selections — nominations, one person one vote on printed
codes (a ballot is a ``tokens`` + ``anonymous`` form on the forms engine), tally, audit and
the 公示 notice."""

from .commands import add_parser as add_vote_parser
from .commands import run as vote_command
from .tables import EXEMPLARS, NOMINATIONS, SELECTIONS, VOTERS

__all__ = ["EXEMPLARS", "NOMINATIONS", "SELECTIONS", "VOTERS", "add_vote_parser", "vote_command"]
