"""The hub's own PostgreSQL: a cluster in the hub folder, listening on a Unix socket only,
started when a command or ``hub serve`` needs it.

PostgreSQL refuses to run as root, and the laptops and CI run as root: there the cluster runs
as the ``postgres`` user Debian's package creates (``runuser``), which owns the data folder.
Debian keeps initdb, pg_ctl and postgres off PATH: ``pg_config --bindir`` finds them, or the
newest ``/usr/lib/postgresql/<version>/bin``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import HubError

OWNER = "postgres"  # Debian's postgresql package creates this user
ROLE = "campaignkit"
DATABASE = "campaignkit"
SOCKET_LIMIT = 100  # a Unix socket's path is at most 107 bytes, and PostgreSQL adds ".s.PGSQL.5432"


def bindir() -> Path:
    found = shutil.which("pg_config")
    if found:
        done = subprocess.run([found, "--bindir"], capture_output=True, text=True)
        if done.returncode == 0 and (Path(done.stdout.strip()) / "initdb").exists():
            return Path(done.stdout.strip())
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0
    )
    if versions:
        return versions[-1].parent
    raise HubError("没有找到 PostgreSQL：请先安装 Debian 的 postgresql 包（bash scripts/install-system-deps.sh hub）")


class Cluster:
    """The PostgreSQL cluster in ``folder/pgdata``, its socket in ``folder/run``."""

    def __init__(self, folder: Path):
        self.folder = Path(folder).resolve()
        self.data = self.folder / "pgdata"
        self.socket = self.folder / "run"
        self.log = self.folder / "postgres.log"

    @property
    def url(self) -> str:
        return f"postgresql://{ROLE}@/{DATABASE}?host={self.socket}"

    def exists(self) -> bool:
        return (self.data / "PG_VERSION").exists()

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(bindir() / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", OWNER, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True)
        if check and done.returncode != 0:
            raise HubError(f"PostgreSQL 的 {args[0]} 没有成功：{(done.stderr or done.stdout).strip()[-500:]}")
        return done

    def init(self) -> None:
        if len(str(self.socket)) > SOCKET_LIMIT:
            raise HubError(f"中心文件夹的路径太长（{self.folder}）：PostgreSQL 的套接字放不下，请换一个短一点的路径，如 /srv/hub")
        for path in (self.data, self.socket):
            path.mkdir(parents=True, exist_ok=True)
            path.chmod(0o700)
        if os.geteuid() == 0:
            self._hand_over()
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            ROLE,
            "--auth-local=trust",
            "--auth-host=reject",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )

    def _hand_over(self) -> None:
        """As root: the cluster's folders to the postgres user, who must reach them."""
        shutil.chown(self.data, OWNER, OWNER)
        shutil.chown(self.socket, OWNER, OWNER)
        if not self.log.exists():
            self.log.touch()
        shutil.chown(self.log, OWNER, OWNER)
        check = subprocess.run(["runuser", "-u", OWNER, "--", "test", "-w", str(self.data)], capture_output=True)
        if check.returncode != 0:
            raise HubError(
                f"PostgreSQL 以 {OWNER} 用户运行，进不了 {self.folder}（它上面有一层文件夹只许 root 进入，如 /root）："
                "请把中心文件夹放在 /srv 下，如 /srv/campaign-hub"
            )

    def running(self) -> bool:
        return self.exists() and self._run("pg_ctl", "status", "-D", str(self.data), check=False).returncode == 0

    def start(self) -> None:
        options = f"-k {self.socket} -c listen_addresses=''"
        self._run("pg_ctl", "start", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o", options)

    def stop(self) -> None:
        if self.running():
            self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w", "-t", "60")

    @contextmanager
    def started(self) -> Iterator[str]:
        """The cluster's URL, running for the block: started (and stopped after) unless it ran."""
        was_running = self.running()
        if not was_running:
            self.start()
        try:
            yield self.url
        finally:
            if not was_running:
                self.stop()
