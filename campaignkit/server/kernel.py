"""An IPython extension loaded into every kernel ``campaignkit serve`` starts (see
:class:`campaignkit.server.extension.ServedKernelSpecs`), never into JupyterLab's.

A widget message a page never sends (a forged index, a click on a handler that
fails) ends in ``showtraceback``, which sends the full traceback — library paths,
the campaign folder, values — to whoever holds the websocket. Served kernels
send a short Chinese error instead and write the traceback to the server's
terminal, where the person running the laptop can read it.
"""

from __future__ import annotations

import sys

MESSAGE = "页面出了点问题，请刷新页面；如果还不行，请告诉负责这台电脑的人。"


class PageError(Exception):
    """Names the short error a served kernel sends ("PageError: 页面出了点问题…")."""


def load_ipython_extension(shell) -> None:
    original = shell._showtraceback

    def short_traceback(etype, evalue, stb):
        print("\n".join(stb), file=sys.__stderr__, flush=True)
        original(PageError, MESSAGE, [MESSAGE])

    shell._showtraceback = short_traceback
