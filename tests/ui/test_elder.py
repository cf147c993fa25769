"""长辈模式 is one switch across campaignkit's two kinds of page: the static pages
(ui/elder.py) and the Voilà template keep the same storage key, class and address."""

from campaignkit.server.settings import SHARE
from campaignkit.ui import elder, static


def test_the_voila_template_and_the_static_pages_share_one_switch():
    template = (SHARE / "jupyter/voila/templates/campaignkit/index.html.j2").read_text(encoding="utf-8")
    for shared in (f"'{elder.STORAGE_KEY}'", elder.ELDER_CLASS, "get('mode')", "长辈模式", "min-height: 60px"):
        assert shared in template or shared.replace(": ", ":") in template, shared
    page = static.page("t", "<p>x</p>")
    assert elder.STORAGE_KEY in page
    assert elder.ELDER_CLASS in page
    assert "长辈模式" in page
    assert "ck-elder-switch" not in static.page("t", "<p>x</p>", elder_mode=False)
