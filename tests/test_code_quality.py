"""The pure core (chronology, generate) is what every question rests on: it stays lint-clean and type-checked.

The settings are in pyproject.toml ([tool.ruff], [tool.mypy]); the rest of the code base is not held to this
yet, so the checks name the packages they cover.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ["quiz/chronology", "quiz/generate"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_the_core_passes_ruff():
    result = run("ruff", "check", *CORE)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_the_core_passes_mypy():
    result = run("mypy", *CORE)
    assert result.returncode == 0, result.stdout + result.stderr
