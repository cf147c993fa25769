"""A reply already in the socket is read even when the socket's signal was taken by someone
else: the state in which a page's render waited forever (the kernel idle, its reply queued,
Voilà's executor still waiting in ``get_msg()``)."""

from __future__ import annotations

import asyncio
import time

import zmq
import zmq.asyncio
from jupyter_client.session import Session

from campaignkit.server.client import RecheckingChannel, RecheckingKernelClient
from campaignkit.server.serve import server_config


async def _reply_after_its_signal_was_taken() -> tuple[dict, int]:
    context = zmq.asyncio.Context()
    kernel_side = zmq.Context.instance().socket(zmq.ROUTER)
    port = kernel_side.bind_to_random_port("tcp://127.0.0.1")
    client_side = context.socket(zmq.DEALER)
    client_side.connect(f"tcp://127.0.0.1:{port}")
    session = Session()
    channel = RecheckingChannel(client_side, session)
    try:
        session.send(client_side, "execute_request", {"code": ""})
        ident, *_ = kernel_side.recv_multipart()
        waiting = asyncio.ensure_future(channel.get_msg(timeout=None))
        await asyncio.sleep(0.2)  # the wait is registered; nothing has arrived yet
        session.send(kernel_side, "execute_reply", {"status": "ok"}, ident=ident)
        # Another user of the same socket reads its state before the event loop does: the
        # descriptor's signal is gone, the reply is in the socket.
        other = zmq.Socket.shadow(client_side.underlying)
        deadline = time.monotonic() + 5
        while not other.get(zmq.EVENTS) & zmq.POLLIN and time.monotonic() < deadline:
            time.sleep(0.01)
        events = other.get(zmq.EVENTS)
        return await asyncio.wait_for(waiting, 5), events
    finally:
        channel.close()
        kernel_side.close(linger=0)
        context.destroy(linger=0)


def test_a_reply_whose_signal_was_taken_is_still_read_within_seconds():
    msg, events = asyncio.run(_reply_after_its_signal_was_taken())
    assert events & zmq.POLLIN  # the reply was waiting in the socket: the missed-signal state
    assert msg["msg_type"] == "execute_reply"


def test_the_served_pages_and_the_lab_preview_use_that_client(tmp_path):
    from campaignkit.server.lab import lab_config

    served = server_config(tmp_path, 8866)
    assert served.KernelManager.client_factory == "campaignkit.server.client.RecheckingKernelClient"
    lab = lab_config(tmp_path, tmp_path, port=8888, open_browser=False, settings=tmp_path)
    assert lab.KernelManager.client_factory == "campaignkit.server.client.RecheckingKernelClient"
    # The lab's preview shows a page as serve does: the same offline template, no CDN MathJax.
    assert lab.VoilaConfiguration.template == "campaignkit"
    assert {key: served.VoilaConfiguration[key] for key in lab.VoilaConfiguration} == lab.VoilaConfiguration
    assert lab.ServerApp.tornado_settings == served.ServerApp.tornado_settings
    for name in ("shell", "iopub", "stdin", "control"):
        assert getattr(RecheckingKernelClient, f"{name}_channel_class").default_value is RecheckingChannel
