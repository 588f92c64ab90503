"""A throwaway PostgreSQL cluster for the tests: initdb in a temp folder, a free loopback port, no root."""

from __future__ import annotations

import itertools
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import psycopg
import pytest
from psycopg import sql

from app.db import make_engine, migrate
from app.ingest import find_books, read_book
from app.library import Library
from app.paths import bundled

INSTALL_HINT = "apt-get install postgresql (Debian), or put PostgreSQL's pg_config on PATH"
# The tests connect as an ordinary role that owns its databases, as a deployment should, so a
# statement that only a superuser may run fails here rather than in production.
APP_ROLE = "chapterwise"
ADMIN_ROLE = "postgres"
# Only what a throwaway cluster needs: durability is worth nothing here, speed is.
SERVER_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    # The cluster usually lives in memory (see _scratch_dir), so its WAL is kept small.
    "max_wal_size": "'256MB'",
    # The replica and load tests open a connection pool in every worker of several servers.
    "max_connections": "200",
}


class PostgresCluster:
    """A running cluster: an admin connection for CREATE/DROP DATABASE, and URLs for the app's role."""

    def __init__(self, *, bindir: Path, root: Path, port: int, run_as: pwd.struct_passwd | None) -> None:
        self.bindir, self.root, self.port, self.run_as = bindir, root, port, run_as
        self.data = root / "data"
        self.log = root / "postgres.log"
        self._admin_password = secrets.token_urlsafe(16)
        self._app_password = secrets.token_urlsafe(16)
        self._names = itertools.count(1)
        self._admin: psycopg.Connection | None = None

    @classmethod
    def start(cls, bindir: Path, *, run_as: pwd.struct_passwd | None) -> PostgresCluster:
        """initdb and start a cluster (as `run_as`, if given); nothing is left behind if that fails."""
        root = Path(tempfile.mkdtemp(prefix="chapterwise-postgres-", dir=_scratch_dir()))
        cluster = cls(bindir=bindir, root=root, port=_free_port(), run_as=run_as)
        try:
            cluster._init()
            cluster._run("pg_ctl", "start", "--wait", "--timeout=60", "-D", cluster.data, "-l", cluster.log)
            cluster._admin = psycopg.connect(
                host="127.0.0.1",
                port=cluster.port,
                user=ADMIN_ROLE,
                password=cluster._admin_password,
                dbname="postgres",
                autocommit=True,
            )
            cluster._admin.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                    sql.Identifier(APP_ROLE), sql.Literal(cluster._app_password)
                )
            )
        except BaseException:
            cluster.stop()
            raise
        return cluster

    def _init(self) -> None:
        password_file = self.root / "admin-password"
        password_file.write_text(self._admin_password + "\n")
        if self.run_as is not None:
            for path in (self.root, password_file):
                os.chown(path, self.run_as.pw_uid, self.run_as.pw_gid)
        self._run(
            "initdb",
            "-D",
            self.data,
            f"--username={ADMIN_ROLE}",
            "--auth=scram-sha-256",
            f"--pwfile={password_file}",
            "--encoding=UTF8",
            # C.UTF-8 rather than C: lower() and ILIKE must fold non-ASCII letters as in production.
            "--locale=C.UTF-8",
            "--no-sync",
            "--no-instructions",
        )
        password_file.unlink()
        settings = {
            **SERVER_SETTINGS,
            "port": str(self.port),
            # The socket goes in the temp folder: the default (/var/run/postgresql) is shared by the machine.
            "unix_socket_directories": f"'{self.root}'",
        }
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())

    def _run(self, program: str, *args: str | Path) -> None:
        # initdb and postgres refuse to run as root; run_as is set exactly when we are root.
        who = self.run_as
        done = subprocess.run(
            [str(self.bindir / program), *map(str, args)],
            user=who.pw_uid if who else None,
            group=who.pw_gid if who else None,
            extra_groups=[] if who else None,
            cwd=self.root,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(
                f"{program} failed for the test cluster in {self.root} (exit {done.returncode}):\n"
                f"{done.stdout}{done.stderr}{log}"
            )

    def url(self, database: str) -> str:
        """The SQLAlchemy URL the app uses for one database of this cluster."""
        return f"postgresql+psycopg://{APP_ROLE}:{self._app_password}@127.0.0.1:{self.port}/{database}"

    def create_database(self, *, template: str | None = None) -> str:
        """A new, empty database owned by the app's role (or a copy of `template`); returns its name."""
        assert self._admin is not None, "the cluster is not running"
        name = f"chapterwise_{next(self._names)}"
        statement = sql.SQL("CREATE DATABASE {} OWNER {}").format(
            sql.Identifier(name), sql.Identifier(APP_ROLE)
        )
        if template is not None:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        self._admin.execute(statement)
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, ending any connection a test left open to it."""
        assert self._admin is not None, "the cluster is not running"
        self._admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def create_template(self, prepare: Callable[[str], None]) -> str:
        """A database `prepare(url)` fills (e.g. migrates), frozen so others can be copied from it."""
        assert self._admin is not None, "the cluster is not running"
        name = self.create_database()
        prepare(self.url(name))
        # CREATE DATABASE ... TEMPLATE refuses a source with open connections, so close any that
        # prepare() left in a pool, and allow no new ones.
        self._admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
        )
        self._admin.execute(
            sql.SQL("ALTER DATABASE {} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false").format(
                sql.Identifier(name)
            )
        )
        return name

    @contextmanager
    def database(self, *, template: str | None = None) -> Iterator[str]:
        """A fresh database for the block (copied from `template` if given); yields its URL."""
        name = self.create_database(template=template)
        try:
            yield self.url(name)
        finally:
            self.drop_database(name)

    def stop(self) -> None:
        """Stop the server and delete the cluster's folder."""
        if self._admin is not None:
            self._admin.close()
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "stop", "--wait", "--mode=fast", "-D", self.data)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def find_bindir() -> Path | None:
    """PostgreSQL's server programs: pg_config's answer, else Debian's newest /usr/lib/postgresql/N/bin."""
    if shutil.which("pg_config"):
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False)
        bindir = Path(found.stdout.strip())
        if found.returncode == 0 and (bindir / "initdb").exists():
            return bindir
    debian = [path for path in Path("/usr/lib/postgresql").glob("*/bin") if (path / "initdb").exists()]
    return max(debian, key=lambda path: int(re.sub(r"\D", "", path.parent.name) or 0), default=None)


def unprivileged_user() -> pwd.struct_passwd | None:
    """Who runs the server: us, unless we are root; then the `postgres` user Debian's package creates."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        _unavailable(
            "PostgreSQL refuses to run as root and there is no 'postgres' user to run it as: "
            f"{INSTALL_HINT} (which creates the user), or run the tests as an ordinary user"
        )


def _scratch_dir() -> str | None:
    """Where the cluster lives: in memory (/dev/shm) when there is room, else the usual temp folder.

    On this project's machines a per-test CREATE DATABASE takes ~15 ms on tmpfs and ~250 ms on disk.
    """
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        stats = os.statvfs(shm)
        if stats.f_bavail * stats.f_frsize >= 2**30:
            return str(shm)
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _unavailable(reason: str) -> NoReturn:
    # CI sets CHAPTERWISE_REQUIRE_POSTGRES=1: there a missing PostgreSQL is a failure, never a skip.
    if os.environ.get("CHAPTERWISE_REQUIRE_POSTGRES") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that runs on PostgreSQL `postgres`, so `make test-fast` can leave them out."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        uses_cluster = "postgres_cluster" in getattr(item, "fixturenames", ())
        if uses_cluster or "postgresql" in params.values():
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """One throwaway cluster for the whole run, stopped and deleted at the end."""
    bindir = find_bindir()
    if bindir is None:
        _unavailable(f"PostgreSQL is not installed, so the PostgreSQL tests cannot run: {INSTALL_HINT}")
    cluster = PostgresCluster.start(bindir, run_as=unprivileged_user())
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def postgres_url(postgres_cluster: PostgresCluster) -> str:
    """A SQLAlchemy URL to an empty (not migrated) database, shared by the session.

    A test that needs a database of its own uses `postgres_cluster.database()` instead.
    """
    return postgres_cluster.url(postgres_cluster.create_database())


@pytest.fixture(scope="session")
def postgres_template(postgres_cluster: PostgresCluster) -> str:
    """The name of a migrated, empty library to copy per test (see `postgres_library_url`)."""

    def create(url: str) -> None:
        engine = make_engine(url, create=True)
        migrate(engine)
        engine.dispose()

    return postgres_cluster.create_template(create)


@pytest.fixture(scope="session")
def postgres_samples_template(postgres_cluster: PostgresCluster) -> str:
    """The name of a migrated library holding the books in content/, to copy per test."""

    def create(url: str) -> None:
        library = Library(make_engine(url, create=True))
        migrate(library.engine)
        library.save_books([read_book(root) for root in find_books(bundled("content"))])
        library.close()

    return postgres_cluster.create_template(create)


@pytest.fixture
def postgres_library_url(postgres_cluster: PostgresCluster, postgres_template: str) -> Iterator[str]:
    """A fresh, migrated, empty library on PostgreSQL for one test, dropped afterwards."""
    with postgres_cluster.database(template=postgres_template) as url:
        yield url
