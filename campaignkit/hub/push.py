"""``campaignkit push``: what is new since the last push, sent to the hub in chunks. The laptop
remembers which records it sent (a set of fingerprints in ``.campaignkit/``: no order, no time),
so a push that was cut resumes where it stopped and a repeated push sends nothing. The key is
never sent over plain HTTP beyond the town's own network."""

from __future__ import annotations

import hashlib
import ipaddress
import json
import os
import socket
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from ..hookspecs import HubRecord
from .bundle import bundle_bytes
from .errors import HubError
from .reported import report

CHUNK = 5000


@dataclass
class Pushed:
    sent: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0

    def said(self) -> str:
        if not self.sent and not self.removed:
            return "没有新的记录要报送（以前报送过的都已收下）"
        return f"报送了 {self.sent} 条：中心新收 {self.added} 条，更新 {self.changed} 条，删去 {self.removed} 条"


def fingerprint(record: HubRecord) -> str:
    """A record as sent: a changed record has a new fingerprint and is sent again."""
    return hashlib.sha256(json.dumps(asdict(record), ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:32]


def check_transport(hub: str) -> str:
    parts = urlsplit(hub)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise HubError(f"汇总中心的地址不对：“{hub}”（应像 https://hub.example.gov.cn 或 http://192.168.1.10:8870）")
    if parts.scheme == "http" and not _inside(parts.hostname):
        raise HubError(
            f"{parts.hostname} 不在本镇的局域网里：钥匙不能用 http 明文发出去。请用 https:// 地址（汇总中心放在 TLS 反向代理后面，见说明）"
        )
    return hub.rstrip("/")


def _inside(host: str) -> bool:
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False
    return bool(addresses) and all(ipaddress.ip_address(a.split("%")[0]).is_private for a in addresses)


def _sent_file(campaign: Path, hub: str) -> Path:
    return campaign / ".campaignkit" / f"pushed-{hashlib.sha256(hub.encode()).hexdigest()[:12]}.json"


def _sent(path: Path) -> set[str]:
    try:
        return set(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return set()


def _remember(path: Path, sent: set[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(sorted(sent)), encoding="utf-8")
    os.replace(temporary, path)


def post(hub: str, key: str, body: bytes) -> dict:
    request = urllib.request.Request(
        f"{hub}/hub/api/push",
        data=body,
        method="POST",
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/zip"},
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return json.loads(answer.read().decode("utf-8"))
    except urllib.error.HTTPError as refused:
        try:
            message = json.loads(refused.read().decode("utf-8"))["error"]
        except (ValueError, KeyError):
            message = f"汇总中心答复 {refused.code}"
        raise HubError(message) from None
    except (urllib.error.URLError, OSError) as exc:
        raise HubError(f"连不上汇总中心 {hub}（{exc}）：已报送的不会丢，连上以后再运行一次 campaignkit push 接着报") from None


def push(campaign: Path, hub: str, key: str, *, chunk: int = CHUNK) -> Pushed:
    hub = check_transport(hub)
    made = report(campaign)
    path = _sent_file(campaign, hub)
    sent = _sent(path)
    todo = [r for r in made.records if fingerprint(r) not in sent]
    chunks = [todo[i : i + chunk] for i in range(0, len(todo), chunk)] or [[]]
    done = Pushed()
    for index, part in enumerate(chunks):
        last = index == len(chunks) - 1
        body = bundle_bytes(replace(made, records=part, keep=made.keep if last else None))
        answer = post(hub, key, body)
        sent |= {fingerprint(r) for r in part}
        _remember(path, sent)
        done.sent += len(part)
        done.added += int(answer.get("added", 0))
        done.changed += int(answer.get("changed", 0))
        done.removed += int(answer.get("removed", 0))
    return done
