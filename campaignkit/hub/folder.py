"""A hub folder: ``hub.json`` (which database), and the PostgreSQL cluster in it unless
``hub init --db URL`` named a server. Every command opens the database through
:func:`database`, whether or not ``hub serve`` runs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from .cluster import DATABASE, Cluster
from .errors import HubError
from .schema import migrate

CONFIG = "hub.json"
LOCAL = "local"


def init_hub(folder: Path, db_url: str | None = None) -> None:
    folder = Path(folder)
    if (folder / CONFIG).exists():
        raise HubError(f"{folder} 已经是一个中心文件夹（有 {CONFIG}）；不用再 init")
    if folder.exists() and any(folder.iterdir()):
        raise HubError(f"{folder} 里已经有别的文件：请用一个新的空文件夹")
    folder.mkdir(parents=True, exist_ok=True)
    if db_url is None:
        cluster = Cluster(folder)
        cluster.init()
        with cluster.started():
            _create_database(cluster.url.replace(f"/{DATABASE}?", "/postgres?"))
    (folder / CONFIG).write_text(json.dumps({"db": db_url or LOCAL}), encoding="utf-8")
    with database(folder) as connection:
        migrate(connection)


def _create_database(admin_url: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {DATABASE} ENCODING 'UTF8' TEMPLATE template0")


def db_url(folder: Path) -> str:
    config = Path(folder) / CONFIG
    if not config.exists():
        raise HubError(f"{folder} 不是中心文件夹（没有 {CONFIG}）：先运行 campaignkit hub init {folder}")
    url = json.loads(config.read_text(encoding="utf-8"))["db"]
    return Cluster(folder).url if url == LOCAL else url


def is_local(folder: Path) -> bool:
    db_url(folder)
    return json.loads((Path(folder) / CONFIG).read_text(encoding="utf-8"))["db"] == LOCAL


@contextmanager
def connect(folder: Path) -> Iterator:
    """A connection to a hub database that is running (``hub serve``'s handlers)."""
    import psycopg

    try:
        connection = psycopg.connect(db_url(folder))
    except psycopg.OperationalError as exc:
        raise HubError(f"连不上中心的数据库：{str(exc).strip()[:300]}") from None
    try:
        yield connection
        connection.commit()
    finally:
        connection.close()


@contextmanager
def database(folder: Path) -> Iterator:
    """A connection to the hub's database, brought up to the newest schema (its own cluster
    started for the block if needed)."""
    with Cluster(folder).started() if is_local(folder) else nullcontext(), connect(folder) as connection:
        migrate(connection)
        yield connection


PAGE_TOKEN = "page-token"


def page_token(folder: Path) -> str:
    """The token in the links to the hub's pages: made once, kept in the folder (readable by
    its owner only), so an office screen's bookmark works after the hub restarts."""
    import secrets

    path = Path(folder) / PAGE_TOKEN
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(24), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()
