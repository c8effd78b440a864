"""The PostgreSQL test fixtures themselves (tests/pg_server.py and the `--db=postgresql` option).

Most tests here run only under `pytest --db=postgresql`; the last one runs in both modes and starts a
throwaway server of its own.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from pg_server import PostgresServer, postgres_unavailable_reason, process_alive

# What the per-test database tests saw, keyed by test name (tests in a module run in file order).
_seen: dict[str, str] = {}


@pytest.fixture
def server(request):
    """The session's server; these tests are about it, so they skip under the default SQLite backend."""
    if request.config.getoption("--db", default="sqlite") != "postgresql":
        pytest.skip("tests the PostgreSQL fixtures; run with --db=postgresql")
    return request.getfixturevalue("pg_server")


@pytest.fixture
def engine(server, app_config):
    engine = sa.create_engine(app_config["SQLALCHEMY_DATABASE_URI"])
    yield engine
    engine.dispose()


def _scalar(engine, sql: str):
    with engine.connect() as connection:
        return connection.execute(sa.text(sql)).scalar()


def test_the_server_is_postgresql_15(engine):
    version = _scalar(engine, "select version()")
    assert version.startswith("PostgreSQL 15."), version
    assert _scalar(engine, "show server_version_num").startswith("15")


def test_the_url_uses_psycopg_3_on_loopback(server, app_config):
    url = sa.make_url(app_config["SQLALCHEMY_DATABASE_URI"])
    assert (url.drivername, url.host, url.port, url.username) == ("postgresql+psycopg", "127.0.0.1",
                                                                  server.port, "postgres")


def test_first_test_writes_into_its_own_database(engine):
    _seen["first"] = _scalar(engine, "select current_database()")
    with engine.begin() as connection:
        connection.execute(sa.text("create table leftover (id integer primary key)"))
        connection.execute(sa.text("insert into leftover values (1)"))
    assert _scalar(engine, "select count(*) from leftover") == 1


def test_next_test_gets_a_different_empty_database(engine, server):
    if "first" not in _seen:
        pytest.skip("needs test_first_test_writes_into_its_own_database to run first")
    current = _scalar(engine, "select current_database()")
    assert current != _seen["first"]
    assert _scalar(engine, "select to_regclass('public.leftover')") is None
    assert _scalar(engine, "select count(*) from information_schema.tables where table_schema = 'public'") == 0
    # ... and the previous test's database was dropped, not merely left behind.
    with server.connect() as conn:
        names = {row[0] for row in conn.execute("select datname from pg_database")}
    assert _seen["first"] not in names and current in names


def test_the_database_is_utf8_and_keeps_arabic(engine):
    assert _scalar(engine, "show server_encoding") == "UTF8"
    assert _scalar(engine, "select 'أبريل ٢٠٠٣'::text") == "أبريل ٢٠٠٣"


def test_the_server_listens_on_127_0_0_1_only(server, engine):
    assert _scalar(engine, "show listen_addresses") == "127.0.0.1"
    assert Path(_scalar(engine, "show unix_socket_directories")) == server.base_dir
    # The kernel's view: every listening TCP socket on the server's port is bound to 127.0.0.1.
    listening = _listening_addresses(server.port)
    assert listening == {"127.0.0.1"}, listening
    with socket.create_connection(("127.0.0.1", server.port), timeout=5):
        pass


def _listening_addresses(port: int) -> set[str]:
    """Local addresses of LISTEN sockets on `port`, from /proc/net/tcp{,6}."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if fields[3] != "0A" or int(hex_port, 16) != port:  # 0A = LISTEN
                continue
            if len(address) == 8:
                found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]))
            else:
                words = [bytes.fromhex(address[i:i + 8])[::-1] for i in range(0, 32, 8)]
                found.add(socket.inet_ntop(socket.AF_INET6, b"".join(words)))
    if not found:
        pytest.skip("cannot read the kernel's socket tables (/proc/net/tcp)")
    return found


def test_a_throwaway_server_starts_and_leaves_nothing_behind():
    """Runs under both backends: start/stop a private server; no directory and no process remain."""
    reason = postgres_unavailable_reason()
    if reason:
        pytest.skip(f"PostgreSQL unavailable: {reason}")
    with PostgresServer() as throwaway:
        base_dir, pid, port = throwaway.base_dir, throwaway.pid, throwaway.port
        assert base_dir.is_dir() and (throwaway.data_dir / "PG_VERSION").read_text().strip() == "15"
        assert process_alive(pid)
        throwaway.create_database("scratch")
        engine = sa.create_engine(throwaway.url("scratch"))
        assert _scalar(engine, "select current_database()") == "scratch"
        # Left open on purpose: a fast shutdown must not wait for it.
        lingering = engine.connect()
    assert not base_dir.exists()
    deadline = time.monotonic() + 10
    while process_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not process_alive(pid), f"postmaster {pid} still running"
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    lingering.invalidate()
    engine.dispose()
    assert not throwaway.running
    throwaway.stop()  # idempotent
