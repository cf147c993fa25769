"""This machine on the local network (the hall's Wi-Fi), for addresses phones open."""

from __future__ import annotations

import json
import secrets
import socket
from pathlib import Path


def lan_address() -> str:
    """This machine's address on the local network: as the resolver knows the host name, else
    the address the routing table would send from (a UDP socket's connect sends nothing)."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    for *_, sockaddr in infos:
        address = str(sockaddr[0])
        if not address.startswith("127."):
            return address
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            address = probe.getsockname()[0]
    except OSError:
        return "本机IP地址"
    return address if not address.startswith(("127.", "0.")) else "本机IP地址"


LOOPBACK = ("127.0.0.1", "::1")  # a request from the laptop itself


DEFAULT_PORT = 8866
# Letters and digits a person copies from paper without doubt: no 0/O, 1/I/l look-alikes.
READABLE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def readable_token(length: int) -> str:
    """A random key in :data:`READABLE_ALPHABET`, 5 bits a character (26 → 130 bits)."""
    return "".join(secrets.choice(READABLE_ALPHABET) for _ in range(length))


LAN_SETTINGS = Path(".campaignkit") / "lan.json"  # in the campaign folder, beside the access log


def lan_settings(folder: Path, port: int | None, *, new_token: bool = False) -> tuple[str, int]:
    """The campaign's LAN token and port, kept from one meeting to the next so that the
    QR codes and addresses printed the day before still work; a new token on request. Other
    keys kept in the same file (the forms' staff key) are dropped with a new token."""
    path = folder / LAN_SETTINGS
    saved = saved_settings(folder)
    token = saved.get("token") if isinstance(saved.get("token"), str) and not new_token else None
    token = token or readable_token(26)
    saved_port = saved.get("port") if isinstance(saved.get("port"), int) else None
    port = port or saved_port or DEFAULT_PORT
    if saved.get("token") != token or saved.get("port") != port:
        kept = {} if new_token else {k: v for k, v in saved.items() if k not in ("token", "port")}
        write_settings(folder, {"token": token, "port": port, **kept})
    if path.exists():
        path.chmod(0o600)  # the token opens the dashboards to anyone on the network (older files too)
    return token, int(port)


def write_settings(folder: Path, settings: dict) -> None:
    """``lan.json`` as given, readable by its owner only (it holds the keys to the hall)."""
    path = Path(folder) / LAN_SETTINGS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings), encoding="utf-8")
    path.chmod(0o600)


def saved_settings(folder: Path) -> dict:
    """What ``lan.json`` holds (token, port, staff key), or {} when the campaign never served on
    a LAN or the file cannot be read. Reads only."""
    try:
        saved = json.loads((Path(folder) / LAN_SETTINGS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return saved if isinstance(saved, dict) else {}


def phone_address(folder: Path, address: str | None = None) -> tuple[str, str]:
    """(address, token) a phone in the hall uses: what ``serve --lan`` serves for this campaign
    (``address`` given: that one, e.g. a print shop's slips for another laptop)."""
    token, port = lan_settings(Path(folder), None)
    return (address or f"http://{lan_address()}:{port}").rstrip("/"), token


__all__ = [
    "DEFAULT_PORT",
    "LAN_SETTINGS",
    "LOOPBACK",
    "READABLE_ALPHABET",
    "readable_token",
    "lan_address",
    "lan_settings",
    "phone_address",
    "saved_settings",
    "write_settings",
]
