"""This machine on the local network (the hall's Wi-Fi), for addresses phones open."""

from __future__ import annotations

import socket


def lan_address() -> str:
    """This machine's address on the local network: as the resolver knows the host name, else
    the address the routing table would send from (a UDP socket's connect sends nothing)."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    for *_, sockaddr in infos:
        if not sockaddr[0].startswith("127."):
            return sockaddr[0]
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            address = probe.getsockname()[0]
    except OSError:
        return "本机IP地址"
    return address if not address.startswith(("127.", "0.")) else "本机IP地址"


LOOPBACK = ("127.0.0.1", "::1")  # a request from the laptop itself

__all__ = ["LOOPBACK", "lan_address"]
