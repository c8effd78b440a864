"""Where the project's data lives, in a source checkout and in an installed wheel alike.

`templates/`, `questions/` and `migrations/` sit at the top of the repository (the design card asks for
that layout), outside the `quiz` package. A wheel cannot ship files outside its packages, so the build copies
them into `quiz/` (see `[tool.hatch.build.targets.wheel.force-include]` in pyproject.toml). This module looks
inside the package first and falls back to the checkout, so both cases find the same files.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_DIR = PACKAGE_DIR.parent


def data_dir(name: str) -> Path:
    """The directory `name` ("templates", "questions", "migrations") of this installation."""
    bundled = PACKAGE_DIR / name
    return bundled if bundled.is_dir() else CHECKOUT_DIR / name


def templates_dir() -> Path:
    return data_dir("templates")


def questions_dir() -> Path:
    return data_dir("questions")


def migrations_dir() -> Path:
    return data_dir("migrations")


def registry_path() -> Path:
    return questions_dir() / "registry.yaml"


def shipped_chronology_path(slug: str = "us-iraq") -> Path:
    return questions_dir() / "chronologies" / f"{slug}.yaml"


def shipped_chronology_slugs() -> list[str]:
    return sorted(p.stem for p in (questions_dir() / "chronologies").glob("*.yaml"))


def ensure_dir(path: str | Path) -> Path:
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    return path


def owner_only(folder: str | Path) -> None:
    """Nobody but the account that runs the app may list or read the folder (when it is that account's)."""
    folder = Path(folder)
    try:
        if folder.stat().st_mode & 0o077:
            folder.chmod(0o700)
    except PermissionError:  # a folder another account owns (a shared install): left as its owner set it
        pass
