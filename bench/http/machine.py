"""The machine a run was measured on, for the record beside its figures."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _command(*args: str) -> str:
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=10, cwd=REPO).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    try:
        from importlib.metadata import version

        gunicorn = version("gunicorn")
    except Exception:  # noqa: BLE001 - only for the record
        gunicorn = "?"
    wrk = _command("wrk", "-v").splitlines()
    commit = _command("git", "rev-parse", "--short", "HEAD")
    dirty = bool(_command("git", "status", "--porcelain", "--untracked-files=no"))
    return {"cpu": cpu, "cores": os.cpu_count(), "load": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(), "gunicorn": gunicorn, "wrk": wrk[0] if wrk else "",
            "commit": commit + ("+changes" if dirty else ""), "system": platform.platform()}
