"""Throwaway PostgreSQL cluster for tests and benchmarks: initdb into a temp dir, start on a free port, stop.

Other test modules get the session fixture with ``from tests.pg_cluster import postgres_dsn  # noqa: F401``.
Each importing module registers its own copy of the fixture, so the cluster itself is a process-wide
singleton with a reference count: however many modules import the fixture, one cluster is started and it is
stopped when the last user's session teardown runs (with an atexit hook as a backstop).

Missing binaries make the fixture fail with install instructions (CI must not silently skip PostgreSQL
tests); set ASNWH_SKIP_PG_TESTS=1 to skip instead on a machine without PostgreSQL.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

INSTALL_HINT = (
    "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with "
    "`apt-get install postgresql-15` (Debian/Ubuntu), or put their directory on PATH / in ASNWH_PG_BIN."
)
SUPERUSER = "postgres"
# PostgreSQL refuses to run as root, so as root we run the server as one of these OS users (or create one).
_OS_USER_CANDIDATES = ("postgres", "nobody")
_CREATED_OS_USER = "asnwh_pg"


def find_pg_bin() -> Path:
    """Directory holding initdb and pg_ctl: ASNWH_PG_BIN, then PATH, then Debian's versioned layout."""
    candidates: list[str] = []
    if os.environ.get("ASNWH_PG_BIN"):
        candidates.append(os.environ["ASNWH_PG_BIN"])
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).resolve().parent))
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for cand in candidates:
        if (Path(cand) / "initdb").exists() and (Path(cand) / "pg_ctl").exists():
            return Path(cand)
    raise RuntimeError(INSTALL_HINT)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_os_user() -> pwd.struct_passwd | None:
    """None when we are not root (the server then runs as ourselves)."""
    if os.geteuid() != 0:
        return None
    wanted = os.environ.get("ASNWH_PG_OS_USER")
    for name in ((wanted,) if wanted else ()) + _OS_USER_CANDIDATES:
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    subprocess.run(["useradd", "--system", "--no-create-home", _CREATED_OS_USER], check=True)
    return pwd.getpwnam(_CREATED_OS_USER)


class ThrowawayCluster:
    """A private PostgreSQL cluster in a temp dir: password auth over TCP on 127.0.0.1, fsync off.

    Use as a context manager or call start()/stop(). ``dsn(dbname)`` gives a libpq key=value DSN that
    includes the superuser password, so tests also exercise password redaction.
    """

    def __init__(self) -> None:
        self.bin = find_pg_bin()
        self.os_user = _server_os_user()
        self.password = "pw-" + secrets.token_hex(12)
        self.port = 0
        self.root: Path | None = None
        self._started = False

    # -- lifecycle -----------------------------------------------------------------------------------
    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        kwargs: dict = {}
        if self.os_user is not None:
            # Drop root entirely (user, group and supplementary groups) for the server's processes.
            kwargs = {"user": self.os_user.pw_uid, "group": self.os_user.pw_gid, "extra_groups": []}
        return subprocess.run(
            [str(self.bin / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            check=check,
            cwd="/",
            **kwargs,
        )

    def start(self) -> ThrowawayCluster:
        # Directly under the system temp dir: pytest's tmp dirs are 0700 root and the server user
        # could not enter them.
        self.root = Path(tempfile.mkdtemp(prefix="asnwh-pg-"))
        pwfile = self.root / "pwfile"
        pwfile.write_text(self.password + "\n")
        if self.os_user is not None:
            os.chown(self.root, self.os_user.pw_uid, self.os_user.pw_gid)
            os.chown(pwfile, self.os_user.pw_uid, self.os_user.pw_gid)
        pwfile.chmod(0o600)
        data = self.root / "data"
        try:
            self._run(
                "initdb",
                "-D",
                str(data),
                "-U",
                SUPERUSER,
                "--pwfile",
                str(pwfile),
                "-E",
                "UTF8",
                "--locale",
                "C",
                "--auth-local",
                "trust",
                "--auth-host",
                "scram-sha-256",
                "--no-sync",
            )
        except subprocess.CalledProcessError as exc:
            self._cleanup_dir()
            raise RuntimeError(f"initdb failed: {exc.stderr.strip()[-2000:]}") from None
        pwfile.unlink()
        last_error = ""
        # A free port can be taken between probing and binding; retry a few times with new ports.
        for _ in range(5):
            self.port = _free_port()
            opts = (
                f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
            )
            res = self._run(
                "pg_ctl",
                "-D",
                str(data),
                "-o",
                opts,
                "-l",
                str(self.root / "server.log"),
                "-w",
                "-t",
                "30",
                "start",
                check=False,
            )
            if res.returncode == 0:
                self._started = True
                atexit.register(self.stop)
                return self
            last_error = self.log_tail()
        self._cleanup_dir()
        raise RuntimeError(f"could not start PostgreSQL: {last_error}")

    def stop(self) -> None:
        if self._started and self.root is not None:
            # Immediate mode: the data is thrown away, so no checkpoint or waiting for clients.
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop", check=False)
            self._started = False
            atexit.unregister(self.stop)
        self._cleanup_dir()

    def _cleanup_dir(self) -> None:
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def log_tail(self, chars: int = 3000) -> str:
        log = self.root / "server.log" if self.root else None
        return log.read_text(errors="replace")[-chars:] if log and log.exists() else ""

    def __enter__(self) -> ThrowawayCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- helpers -------------------------------------------------------------------------------------
    def dsn(self, dbname: str = "postgres", user: str = SUPERUSER, password: str | None = None) -> str:
        pw = self.password if password is None else password
        return f"host=127.0.0.1 port={self.port} dbname={dbname} user={user} password={pw} connect_timeout=10"

    def create_database(self, name: str) -> str:
        """Create an empty database and return its superuser DSN (isolation between tests)."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.dsn(name)


# -- pytest fixtures: one shared cluster per process -------------------------------------------------
_lock = threading.Lock()
_shared: ThrowawayCluster | None = None
_users = 0


def _acquire() -> ThrowawayCluster:
    global _shared, _users
    with _lock:
        if _shared is None:
            try:
                _shared = ThrowawayCluster().start()
            except RuntimeError as exc:
                if os.environ.get("ASNWH_SKIP_PG_TESTS") == "1":
                    pytest.skip(str(exc))
                pytest.fail(str(exc), pytrace=False)
        _users += 1
        return _shared


def _release() -> None:
    global _shared, _users
    with _lock:
        _users -= 1
        if _users == 0 and _shared is not None:
            _shared.stop()
            _shared = None


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[ThrowawayCluster]:
    cluster = _acquire()
    try:
        yield cluster
    finally:
        _release()


@pytest.fixture(scope="session")
def postgres_dsn() -> Iterator[str]:
    """Superuser DSN of database ``asnwh`` in the shared throwaway cluster (created once per session)."""
    cluster = _acquire()
    try:
        import psycopg

        with psycopg.connect(cluster.dsn(), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = 'asnwh'").fetchone()
        yield cluster.dsn("asnwh") if exists else cluster.create_database("asnwh")
    finally:
        _release()
