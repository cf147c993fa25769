"""Keys: each binds a laptop's deliveries to one town. The hub keeps only a key's SHA-256."""

from __future__ import annotations

import hashlib

from ..core.network import readable_token
from .errors import HubError

KEY_LENGTH = 26  # 130 bits in letters and digits that read aloud without confusion


def key_hash(key: str) -> str:
    return hashlib.sha256(key.strip().encode("utf-8")).hexdigest()


def add_key(connection, town: str) -> str:
    town = town.strip()
    if not town:
        raise HubError("镇名不能是空的")
    key = readable_token(KEY_LENGTH)
    with connection.transaction():
        connection.execute("INSERT INTO towns (town) VALUES (%s) ON CONFLICT DO NOTHING", (town,))
        connection.execute("INSERT INTO keys (key_hash, town) VALUES (%s, %s)", (key_hash(key), town))
    return key


def town_of(connection, key: str) -> str:
    """The town a key is bound to; HubError for a wrong or revoked key."""
    row = connection.execute("SELECT town, revoked FROM keys WHERE key_hash = %s", (key_hash(key),)).fetchone()
    if row is None:
        raise HubError("钥匙不对：这个中心没有发过这把钥匙（campaignkit hub keys add 镇名 中心文件夹）")
    if row[1] is not None:
        raise HubError(f"这把钥匙已经作废（{row[1]:%Y-%m-%d}）：请向旗里要一把新钥匙")
    return row[0]


def list_keys(connection) -> list[tuple[str, str, str, str | None]]:
    """(town, the key's first 8 hex of its hash, issued, revoked) for every key."""
    rows = connection.execute("SELECT town, key_hash, issued, revoked FROM keys ORDER BY town, issued").fetchall()
    return [(t, h[:8], f"{i:%Y-%m-%d %H:%M}", f"{r:%Y-%m-%d %H:%M}" if r else None) for t, h, i, r in rows]


def revoke_key(connection, key_or_prefix: str) -> str:
    """Revoke a key given whole, or by the hash prefix ``keys list`` shows; returns its town."""
    text = key_or_prefix.strip()
    rows = connection.execute(
        "SELECT key_hash, town FROM keys WHERE revoked IS NULL AND (key_hash = %s OR key_hash LIKE %s)",
        (key_hash(text), text.lower() + "%" if len(text) >= 8 else "-"),
    ).fetchall()
    if len(rows) != 1:
        raise HubError("找不到这把钥匙（或它已作废）：请写整把钥匙，或 keys list 里它的 8 位编号")
    connection.execute("UPDATE keys SET revoked = now() WHERE key_hash = %s", (rows[0][0],))
    return rows[0][1]


def forget_town(connection, town: str) -> int:
    """Remove a town, its keys and every record it sent; returns the records removed."""
    with connection.transaction():
        count = connection.execute("SELECT count(*) FROM records WHERE town = %s", (town,)).fetchone()[0]
        removed = connection.execute("DELETE FROM towns WHERE town = %s", (town,)).rowcount
    if not removed:
        raise HubError(f"中心里没有“{town}”")
    return count
