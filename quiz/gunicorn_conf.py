"""Production server settings: `gunicorn -c python:quiz.gunicorn_conf 'quiz:create_app()'` (what `make run` does).

Read from the environment so that one command line serves a laptop and a classroom:

- HOST (default 127.0.0.1: this machine only; 0.0.0.0 lets phones on the same network in, see README),
- PORT (default 5000),
- WORKERS (default: `default_workers()` for this machine).

Options given on gunicorn's command line (or in GUNICORN_CMD_ARGS) override these; the benchmark
(bench/http) serves the app through this same file, so it measures what `make run` runs.
"""

from __future__ import annotations

import os

from quiz.network import LISTEN_HOST_ENV, is_all_interfaces, lan_address

MAX_DEFAULT_WORKERS = 8


def default_workers(cpu_count: int | None) -> int:
    """Sync workers for a machine with `cpu_count` cores: one per core, plus one, at least 2, at most 8.

    A request here is mostly Python work (templates, question generation, scoring), so one busy worker
    per core already fills the CPU; gunicorn's "2 x cores + 1" rule assumes workers that mostly wait on
    I/O and would only add memory (~100 MB each) and SQLite write contention. The extra worker keeps the
    CPU busy while another waits on a disk write or the database lock, and the floor of 2 means one slow
    request (an XLSX export, an article import) never holds up a whole class. The cap: SQLite takes one
    writer at a time, so past a few workers more only queue on its lock; on a bigger server set WORKERS.
    """
    return max(2, min((cpu_count or 1) + 1, MAX_DEFAULT_WORKERS))


def bind_address(host: str, port: str) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


_host = os.environ.get("HOST") or "127.0.0.1"
_port = os.environ.get("PORT") or "5000"

# gunicorn's own default for `bind` is 0.0.0.0:$PORT whenever PORT is set: every interface. Say it
# explicitly so that PORT alone never opens the server to the network.
bind = [bind_address(_host, _port)]
workers = int(os.environ.get("WORKERS") or default_workers(os.cpu_count()))
worker_class = "sync"  # one request per process at a time; what the app (and its SQLite use) is written for
# A request that takes longer than this is stuck: the worker is restarted, the class carries on.
timeout = 60
# gunicorn >= 25 opens a control socket at one fixed path (~/.gunicorn/gunicorn.ctl) by default, so a second
# server on the same account (two checkouts, or the benchmark's baseline) would take it over. Nothing here
# uses it. (Older gunicorn ignores the unknown setting.)
control_socket_disable = True


def when_ready(server) -> None:  # type: ignore[no-untyped-def]
    """Listening: tell workers (forked after this, so they inherit the environment) where, and print the
    address phones can use when that is every interface."""
    hosts = [listener.sock.getsockname()[0] for listener in server.LISTENERS if hasattr(listener, "sock")]
    if not hosts:
        return
    host = next((h for h in hosts if is_all_interfaces(h)), hosts[0])
    os.environ[LISTEN_HOST_ENV] = host
    port = server.LISTENERS[0].sock.getsockname()[1]
    if is_all_interfaces(host):
        lan = lan_address()
        server.log.info("Chronoquiz on this computer: http://127.0.0.1:%s", port)
        if lan:
            server.log.info("Chronoquiz for phones on the same network: http://%s:%s", lan, port)
        else:
            server.log.info("No network address found: phones cannot reach this computer yet")
    else:
        server.log.info("Chronoquiz: http://%s (this computer only; HOST=0.0.0.0 opens it to the network)",
                        bind_address(host, str(port)))
