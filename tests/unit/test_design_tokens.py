"""The design tokens at the top of app.css, in the light and the dark scheme: every pair of text and background
the stylesheets put together meets WCAG 2.2 AA (4.5:1 for text, 3:1 for large text and for the outline of a
control or the focus ring), computed from the values in the file. The stylesheets use the tokens, not colours
of their own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "quiz" / "static" / "css"
APP = (CSS / "app.css").read_text(encoding="utf-8")

# (foreground, background, minimum ratio, where the pair is used)
TEXT, LARGE, UI = 4.5, 3.0, 3.0
PAIRS = [
    ("--fg", "--bg", TEXT, "body text"),
    ("--fg", "--card", TEXT, "text on a card"),
    ("--fg", "--card-2", TEXT, "secondary buttons, move buttons"),
    ("--fg", "--accent-bg", TEXT, "the chosen option, the current menu entry"),
    ("--muted", "--bg", TEXT, "hints, the footer"),
    ("--muted", "--card", TEXT, "hints on a card"),
    ("--accent", "--bg", TEXT, "links"),
    ("--accent", "--card", TEXT, "links on a card, the header"),
    ("--accent-fg", "--accent", TEXT, "button text"),
    ("--success", "--success-bg", TEXT, "the verdict: right"),
    ("--success", "--card", TEXT, "the tag: right answer"),
    ("--card", "--success", TEXT, "the verdict's icon"),
    ("--danger", "--danger-bg", TEXT, "the verdict: not right"),
    ("--danger", "--card", TEXT, "the tag: your answer, form errors"),
    ("--danger", "--bg", TEXT, "form errors on the page"),
    ("--card", "--danger", TEXT, "a danger button, the verdict's icon"),
    ("--warn-fg", "--warn-bg", TEXT, "the verdict: partly right, disputed facts"),
    ("--card", "--warn-fg", TEXT, "the verdict's icon"),
    ("--fg", "--success-bg", TEXT, "the right answer in a review"),
    ("--fg", "--danger-bg", TEXT, "a wrong choice in a review"),
    *[("--fg", f"--era-{n}", TEXT, f"text on era {n}") for n in range(1, 7)],
    *[("--muted", f"--era-{n}", TEXT, f"years and counts on era {n}") for n in range(1, 7)],
    ("--focus", "--bg", UI, "the focus ring"),
    ("--focus", "--card", UI, "the focus ring on a card"),
    ("--edge", "--card", UI, "the outline of an input, an option, a card to order"),
    ("--edge", "--bg", UI, "the outline of the menu button"),
    ("--accent", "--accent-bg", UI, "the chosen option's border"),
    ("--accent", "--bg", LARGE, "the big score"),
]
ROLES = ("--bg", "--card", "--fg", "--muted", "--accent", "--success", "--danger", "--warn-fg", "--focus")


def _blocks() -> dict[str, dict[str, str]]:
    """The custom properties of `:root` (light) and of `:root` inside prefers-color-scheme: dark."""
    light = re.search(r"(?m)^:root\s*\{(.*?)\n\}", APP, re.S)
    dark = re.search(r"prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{(.*?)\}", APP, re.S)
    assert light and dark, "app.css has a :root block for each scheme"

    def props(body: str) -> dict[str, str]:
        body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
        return {name: value.strip() for name, value in re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", body)}

    light_props = props(light.group(1))
    return {"light": light_props, "dark": {**light_props, **props(dark.group(1))}}


SCHEMES = _blocks()


def colour(scheme: str, name: str) -> tuple[float, float, float]:
    value = SCHEMES[scheme][name]
    for _ in range(5):  # a token may name another
        found = re.fullmatch(r"var\((--[\w-]+)\)", value)
        if not found:
            break
        value = SCHEMES[scheme][found.group(1)]
    hex_ = re.fullmatch(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})", value)
    assert hex_, f"{name} in the {scheme} scheme is not a plain colour: {value}"
    digits = hex_.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2.x relative luminance."""
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_on_known_pairs():
    black, white = (0.0, 0.0, 0.0), (1.0, 1.0, 1.0)
    assert contrast(black, white) == pytest.approx(21.0)
    assert contrast(white, white) == pytest.approx(1.0)
    grey = tuple(0x76 / 255 for _ in range(3))  # #767676, the lightest grey with 4.5:1 on white
    assert 4.5 <= contrast(grey, white) < 4.6  # type: ignore[arg-type]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_colour_role_is_defined_in_both_schemes(scheme):
    for role in ROLES:
        colour(scheme, role)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("fg", "bg", "minimum", "where"), PAIRS, ids=[f"{p[0]}-on-{p[1]}" for p in PAIRS])
def test_text_and_background_pairs_meet_wcag_aa(scheme, fg, bg, minimum, where):
    ratio = contrast(colour(scheme, fg), colour(scheme, bg))
    assert ratio >= minimum, f"{scheme}: {fg} on {bg} ({where}) is {ratio:.2f}:1, needs {minimum}:1"


@pytest.mark.parametrize("sheet", ["app.css", "pages.css", "teach.css", "charts.css"])
def test_the_stylesheets_use_the_tokens_not_colours_of_their_own(sheet):
    """Outside the token blocks, a colour is a token (var(--…)); the exceptions are named here: the QR code's
    black on white, print styles, and the colours the era ribbon and the logo draw with."""
    text = (CSS / sheet).read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"(?m)^:root\s*\{.*?\n\}", "", text, flags=re.S)
    text = re.sub(r"prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{.*?\}", "", text, flags=re.S)
    text = re.sub(r"@media print\s*\{.*?\n\}", "", text, flags=re.S)
    text = re.sub(r"conic-gradient\([^;]*\)", "", text)
    stray = re.findall(r"#[0-9a-fA-F]{3,8}\b", text)
    assert not stray, f"{sheet} has colours of its own: {stray}"
