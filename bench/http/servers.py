"""Serving the app and the baseline with gunicorn, as `make run` does (quiz/gunicorn_conf.py), and reading the
workers' memory from /proc."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .rawhttp import Request, fetch

REPO = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
APP_SPEC = "quiz:create_app()"
BASELINE_SPEC = "bench.http.baseline:create_app()"


def gunicorn_missing() -> str | None:
    """Why gunicorn cannot be run from this interpreter, or None."""
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return f"gunicorn is not installed in {sys.executable} (pip install -e .)"
    return None


def wrk_missing() -> str | None:
    return None if shutil.which("wrk") else "wrk is not installed (apt-get install wrk, or make bench-deps)"


def free_port() -> int:
    # Another process could take it between here and gunicorn's bind; on a benchmark machine that is rare,
    # and the start-up check below would say so.
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@dataclass
class Memory:
    pid: int
    rss_mb: float
    pss_mb: float | None  # RSS with each shared page divided among the processes sharing it


def _kb(path: Path, field: str) -> float | None:
    try:
        for line in path.read_text().splitlines():
            if line.startswith(field + ":"):
                return float(line.split()[1])
    except OSError:
        return None
    return None


def memory_of(pid: int) -> Memory:
    rss = _kb(Path(f"/proc/{pid}/status"), "VmRSS") or 0.0
    pss = _kb(Path(f"/proc/{pid}/smaps_rollup"), "Pss")
    return Memory(pid, rss / 1024, pss / 1024 if pss is not None else None)


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The command name (field 2) may hold spaces and parentheses: the parent pid follows the last ")".
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def address(self) -> str:
        return f"{HOST}:{self.port}"

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def wait_ready(self, path: str = "/", timeout: float = 120.0) -> None:
        """Until `path` answers 200 (a worker has loaded the app and reached the database)."""
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} server exited ({self.process.returncode}):\n{self.log_tail()}")
            try:
                reply = fetch(HOST, self.port, Request("GET", path), timeout=10)
                if reply.status == 200:
                    return
                last = f"HTTP {reply.status}"
            except OSError as error:
                last = str(error)
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} server not ready after {timeout:.0f} s ({last}):\n{self.log_tail()}")

    def workers(self) -> list[int]:
        return children_of(self.process.pid)

    def memory(self) -> list[Memory]:
        return [memory_of(pid) for pid in self.workers()]

    def terminate(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # gunicorn: graceful shutdown of the workers

    def stop(self) -> None:
        self.terminate()
        if self.process.poll() is None:
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def clean_environment() -> dict[str, str]:
    """This process's environment without what would change how the servers run (a developer's HOST or
    GUNICORN_CMD_ARGS, the app's own settings), and with the checkout importable (bench.http.baseline)."""
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("GUNICORN_CMD_ARGS", "HOST", "PORT", "WORKERS", "DATABASE_URL", "SECRET_KEY")
                   and not k.startswith("CHRONOQUIZ_")}
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), environment.get("PYTHONPATH")]))
    return environment


def start(name: str, spec: str, *, workers: int, env: dict[str, str], log_dir: Path) -> Server:
    """gunicorn with the project's production settings, on a free local port, with `workers` workers."""
    port = free_port()
    log_path = log_dir / f"{name}-gunicorn.log"
    environment = {**clean_environment(), **env}
    command = [sys.executable, "-m", "gunicorn", "-c", "python:quiz.gunicorn_conf", "--workers", str(workers),
               "--bind", f"{HOST}:{port}", spec]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=REPO, env=environment, stdout=log, stderr=subprocess.STDOUT)
    return Server(name, port, process, log_path)
