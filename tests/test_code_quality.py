"""The pure core (chronology, generate, scoring, authoring), the one answer path and the display layer (i18n) are
what every question and every score rest on: they stay lint-clean and type-checked (mypy strict on scoring,
authoring and the answer path), and the pure packages stay free of the web and the database.

The settings are in pyproject.toml ([tool.ruff], [tool.mypy]); the rest of the code base is not held to this
yet, so the checks name the packages they cover.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ["quiz/chronology", "quiz/generate", "quiz/scoring", "quiz/authoring", "quiz/live", "quiz/messages.py",
        "quiz/interop", "quiz/services/answering.py", "quiz/services/transactions.py", "quiz/services/live.py",
        "quiz/i18n.py"]


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


PURE = ["quiz.chronology", "quiz.generate", "quiz.scoring", "quiz.authoring", "quiz.interop", "quiz.live",
        "quiz.messages"]
WEB_STACK = ("flask", "flask_sqlalchemy", "sqlalchemy", "werkzeug", "flask_login", "flask_wtf")


@pytest.mark.parametrize("package", PURE)
def test_a_pure_package_imports_no_web_or_database_library(package):
    """The core knows nothing of Flask or the database (ARCHITECTURE.md): it is tested, and reusable, alone."""
    probe = (f"import sys, {package}; "
             f"print(sorted(m for m in sys.modules if m.split('.')[0] in {WEB_STACK!r}))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"{package} pulls in {result.stdout.strip()}"
