"""Arrows point the way the page reads: from one date to the next, from one item of an order to the next, and a
trend rising along time. A left-to-right arrow on an Arabic page points back in time."""

from __future__ import annotations

import pytest

from quiz.i18n import save_prefs


@pytest.mark.parametrize("lang, along, rising, falling", [("ar", "←", "↖", "↙"), ("en", "→", "↗", "↘")])
def test_arrows_follow_the_reading_direction(app, lang, along, rising, falling):
    with app.test_request_context():
        save_prefs(lang=lang)
        shown = app.jinja_env.from_string("{{ forward() }} {{ forward(1) }} {{ forward(-1) }}").render()
    assert shown == f"{along} {rising} {falling}"


def test_no_template_writes_an_arrow_of_its_own():
    """Every arrow goes through forward(), so none is left pointing one way in both languages."""
    from quiz import paths

    offenders = [str(p.relative_to(paths.CHECKOUT_DIR)) for p in (paths.CHECKOUT_DIR / "templates").rglob("*.html")
                 if any(arrow in p.read_text(encoding="utf-8") for arrow in "→←↗↖↘↙")]
    assert not offenders, offenders
