"""Reading the figure a short text states ("4,000", "about 1.5 million", "٤٠٠٠"): used by the loader to check
that a disputed figure is one the sources state, and by the generator to keep wrong options away from it."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"\d[\d,٬]*(?:[.٫]\d+)?")
_SCALE = (
    ("billion", 1e9), ("مليار", 1e9),
    ("million", 1e6), ("مليون", 1e6), ("ملايين", 1e6),
    ("thousand", 1e3), ("ألف", 1e3), ("الف", 1e3), ("آلاف", 1e3), ("ألاف", 1e3), ("الاف", 1e3),
)
EASTERN_TO_WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def claim_figure(text: str) -> float | None:
    """The one figure the text states, scaled by a magnitude word, or None if it states none or several."""
    text = text.translate(EASTERN_TO_WESTERN)
    found = _NUMBER.findall(text)
    if len(found) != 1:
        return None
    value = float(found[0].replace(",", "").replace("٬", "").replace("٫", "."))
    words = set(re.findall(r"[^\W\d_]+", text.lower()))
    for word, scale in _SCALE:
        if word in words:
            value *= scale
            break
    return value if value > 0 else None
