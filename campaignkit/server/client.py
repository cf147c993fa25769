"""The kernel client the server's own code uses to run a page's notebook (Voilà's executor
gets it from ``km.client()``; :mod:`campaignkit.server.serve` configures it).

A ZMQ socket's file descriptor only signals *new* events, and anything that reads the
socket's state resets it. Voilà's executor waits for a cell's reply with ``get_msg()`` and no
timeout: when the signal was taken before the event loop saw it, the reply sat in the socket
and the page loaded forever until the sweeper gave up on it (one render in about fifty when
three browsers used the laptop at once; the kernel idle, the reply queued, the executor still
waiting — seen with py-spy and the socket's own state). Waiting in slices of one second asks
the socket itself each time, so a reply is read at most a second late.
"""

from __future__ import annotations

from queue import Empty
from typing import Any

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from traitlets import Type

RECHECK_SECONDS = 1.0


class RecheckingChannel(AsyncZMQSocketChannel):
    """``get_msg(timeout=None)`` as repeated waits of :data:`RECHECK_SECONDS`."""

    async def get_msg(self, timeout: float | None = None) -> dict[str, Any]:  # type: ignore[override]  # jupyter_client's stub says sync; the async channel's is a coroutine
        if timeout is not None:
            return await super().get_msg(timeout)
        while True:
            try:
                return await super().get_msg(RECHECK_SECONDS)
            except Empty:
                continue


class RecheckingKernelClient(AsyncKernelClient):
    """An async kernel client whose channels never wait on the socket's signal alone."""

    shell_channel_class = Type(RecheckingChannel)
    iopub_channel_class = Type(RecheckingChannel)
    stdin_channel_class = Type(RecheckingChannel)
    control_channel_class = Type(RecheckingChannel)
