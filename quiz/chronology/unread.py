"""Words that point back to a date the extractor did not read («في ذلك العام», «اليوم التالي»): the review page
marks them in the article beside the unread years (``extract_events(unread=...)``), so the teacher sees where a
statement may hide without reading every line.

Only the references a reader dates most of the time are marked. On the corpus's dev texts the extractor leaves 116
of these unread, and 68 of them (59%) are a statement in the key, 52 of the 700 statements typed by hand there.
The vaguer ones are keyed too rarely to be worth a mark: «آنذاك» 2 times in 95, «حينها» 3 in 50, «في تلك الفترة»
1 in 37, and «في مثل هذا اليوم» is an "on this day" page's refrain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .second_look import Covered

__all__ = ["REFERENCE_RE", "unread_references"]

_NOUN = r"(?:العام|السنة|الشهر|اليوم|الليلة|التاريخ)"
REFERENCE_RE = re.compile(
    rf"(?<![\w])(?:(?:ذلك|تلك|هذه)\s+{_NOUN}|هذا\s+(?:العام|الشهر|التاريخ)|{_NOUN}\s+(?:ذاته|ذاتها|نفسه|نفسها)"
    rf"|نفس\s+{_NOUN}|اليوم\s+التالي|(?:تلك|هذه)\s+الأثناء)(?!\w)")


def unread_references(text: str, date_spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The references to a date in ``text`` that no candidate's date span (``date_spans``) covers."""
    covered = Covered(date_spans)
    return [m.span() for m in REFERENCE_RE.finditer(text) if not covered.covers(m.start(), m.end())]
