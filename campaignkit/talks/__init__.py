"""Talks (宣讲稿): trainers' talk notebooks as offline slide decks, with speaker notes on
the presenter's screen only, one version per audience, and handouts (HTML, PDF).

In a talk notebook: ``from campaignkit.talks import talk``, then one call per figure —
``talk.then_and_now(...)``, ``talk.chart(...)``, ``talk.event(...)``, ``talk.point(...)``,
``talk.blueprint(...)``, ``talk.benefit_summary(...)``. The slide rules are in
:mod:`campaignkit.talks.notebook`.
"""

from ..core.lazy import lazy_exports

_LAZY = {
    "talk": ".api",
    "Talk": ".api",
    "TalkError": ".api",
    "build_deck": ".build",
    "check_deck": ".check",
    "check_talk": ".check",
    "export_handout": ".handout",
    "handout_html": ".handout",
    "new_talk": ".new",
    "talk_path": ".new",
    "write_new_talk": ".new",
    "projector_page": ".render",
    "presenter_page": ".render",
    "find_talk": ".catalogue",
    "list_talks": ".catalogue",
    "talks_view": ".view",
}

__getattr__ = lazy_exports(__name__, _LAZY)
__all__ = list(_LAZY)
