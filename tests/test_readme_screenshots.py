"""The README's pictures are the browser tests' screenshots (`make screenshots` refreshes them): every picture it
shows is in docs/screenshots, and docs/screenshots holds nothing the README does not show."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHOWN = set(re.findall(r"docs/screenshots/([\w.-]+\.png)", (REPO / "README.md").read_text(encoding="utf-8")))


def test_every_picture_the_readme_shows_is_there():
    missing = sorted(name for name in SHOWN if not (REPO / "docs" / "screenshots" / name).is_file())
    assert not missing, f"run `make screenshots` (or take these out of the README): {missing}"


def test_docs_screenshots_holds_only_what_the_readme_shows():
    unused = sorted(p.name for p in (REPO / "docs" / "screenshots").glob("*.png") if p.name not in SHOWN)
    assert not unused, f"no longer in the README; git rm them: {unused}"


def test_the_readme_shows_arabic_and_english_on_a_phone_and_a_projector():
    for lang in ("ar", "en"):
        for size in ("phone", "projector"):
            assert any(name.startswith(f"{lang}-{size}-") for name in SHOWN), (lang, size)
