"""A served page's kernel messages are handled on the server's own event loop.

With the sync kernel manager, each kernel was started through jupyter_core's ``run_sync``
in a background thread, its ZMQ streams bound to that thread's loop, and kernel messages
written to the pages' websockets from that thread: under three browsers at once tornado's
write buffer broke ("assert 0 < size <= self._size") and pages stopped answering their
controls (the dashboard tests that timed out now and then in clean-clone runs)."""

from __future__ import annotations

import asyncio
import threading

from tornado.ioloop import IOLoop

from campaignkit.server.kernels import CappedKernelManager


def test_kernels_and_their_streams_live_on_the_servers_loop(tmp_path):
    async def start_and_connect():
        manager = CappedKernelManager(root_dir=str(tmp_path), cap=2)
        kernel_id = await manager.start_kernel(kernel_name="python3")
        try:
            kernel = manager.get_kernel(kernel_id)
            iopub = kernel.connect_iopub()
            try:
                return kernel.loop is IOLoop.current(), iopub.io_loop is IOLoop.current()
            finally:
                iopub.close()
        finally:
            await manager.shutdown_kernel(kernel_id, now=True)

    before = {t.name for t in threading.enumerate()}
    kernel_on_loop, stream_on_loop = asyncio.run(start_and_connect())
    assert kernel_on_loop
    assert stream_on_loop
    runners = {t.name for t in threading.enumerate()} - before
    assert not any(name.endswith("runner") for name in runners), runners
