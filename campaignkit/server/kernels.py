"""The server's kernels: at most as many as the laptop serves, those whose page never connected
or went away shut down, and Python kernels that answer errors in short Chinese sentences."""

from __future__ import annotations

import time

from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.ioloop import IOLoop, PeriodicCallback
from traitlets import Int

MAX_KERNELS, UNCONNECTED_TIMEOUT = 16, 60.0  # defaults for `campaignkit serve` too
VANISHED_TIMEOUT = 180.0  # a page whose browser went away (killed, phone switched off)


class KernelsFull(RuntimeError):
    """As many kernels as the laptop serves are running or starting."""


class CappedKernelManager(AsyncMappingKernelManager):
    """The server's kernels, at most ``cap`` at once, counting those still starting: a check
    before the start alone let 24 pages asked for at the same moment start 23 kernels over
    the cap (each saw the count before any kernel was registered).

    Async, as jupyter_server's own default is: on the sync ``MappingKernelManager`` each
    kernel's manager starts in jupyter_core's background "runner" thread and binds its ZMQ
    streams to that thread's loop, so kernel messages were written to the pages' websockets
    from a second thread; tornado's write buffer broke under that ("assert 0 < size") and a
    page's widgets stopped answering."""

    cap = Int(0, config=True, help="Kernels at once (0: no cap); set from Limits.max_kernels.")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._starting = 0

    def full(self) -> bool:
        return bool(self.cap) and len(self.list_kernel_ids()) + self._starting >= self.cap

    async def start_kernel(self, *args, kernel_id=None, **kwargs):
        if kernel_id is not None:  # a restart of a kernel already counted
            return await super().start_kernel(*args, kernel_id=kernel_id, **kwargs)
        if self.full():  # counted and reserved with no await in between: one event loop turn
            raise KernelsFull()
        self._starting += 1
        try:
            return await super().start_kernel(*args, **kwargs)
        finally:
            self._starting -= 1


def start_sweeper(serverapp, limits) -> None:
    """Shut down kernels whose page never connected (a render fetched by a script, a page
    abandoned while loading) after ``unconnected_timeout`` idle seconds; connected pages are
    left to the idle culler (a phone that sleeps reconnects). A page whose render waits on an
    idle kernel for that long is stuck (one cause, a reply left unread in its socket, is fixed in
    :mod:`campaignkit.server.client`): ending it gives the viewer Voilà's error page, which a
    refresh gets past, instead of a page loading forever."""
    connected: set[str] = set()
    gone_since: dict[str, float] = {}  # kernel -> when its last page went away

    def sweep() -> None:
        manager = serverapp.kernel_manager
        now = utcnow()
        alive = set(manager.list_kernel_ids())
        connected.intersection_update(alive)
        for kernel_id in list(gone_since):
            if kernel_id not in alive:
                del gone_since[kernel_id]
        for kernel_id in alive:
            if manager._kernel_connections.get(kernel_id, 0) > 0:
                connected.add(kernel_id)
                gone_since.pop(kernel_id, None)
                continue
            if kernel_id in connected:
                # Its page was open and went away without closing (a killed browser, a phone
                # switched off): a sleeping phone that comes back within minutes reconnects.
                since = gone_since.setdefault(kernel_id, time.monotonic())
                if time.monotonic() - since > limits.vanished_timeout:
                    serverapp.log.info("campaignkit: shutting down kernel %s (its page went away)", kernel_id)
                    gone_since.pop(kernel_id, None)
                    IOLoop.current().spawn_callback(manager.shutdown_kernel, kernel_id)
                continue
            kernel = manager.get_kernel(kernel_id)
            # Still running the notebook (a slide show building every deck on a busy laptop can
            # go a minute without output): its page connects when Voilà has sent it.
            if getattr(kernel, "execution_state", "") in ("busy", "starting"):
                continue
            idle = (now - kernel.last_activity).total_seconds()
            if idle > limits.unconnected_timeout:
                serverapp.log.info("campaignkit: shutting down kernel %s (its page never connected)", kernel_id)
                IOLoop.current().spawn_callback(manager.shutdown_kernel, kernel_id)

    interval_ms = max(1000, min(15_000, int(min(limits.unconnected_timeout, limits.vanished_timeout) * 1000 / 3)))
    PeriodicCallback(sweep, interval_ms).start()


EXTENSION_ARG = "--InteractiveShellApp.extensions=campaignkit.server.kernel"


class ServedKernelSpecs(KernelSpecManager):
    """Kernel specs as installed, with Python kernels loading :mod:`campaignkit.server.kernel`
    (short Chinese errors instead of tracebacks over the websocket)."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        spec = super().get_kernel_spec(kernel_name)
        if spec.language.lower() == "python" and EXTENSION_ARG not in spec.argv:
            spec.argv = [*spec.argv, EXTENSION_ARG]
        return spec
